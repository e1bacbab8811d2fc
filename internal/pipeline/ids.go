package pipeline

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/graphbuilder/graph/internal/interview"
	"github.com/graphbuilder/graph/internal/store"
	"github.com/graphbuilder/graph/internal/vocab"
)

// IDs are the ids a person types on the command line (graph show ID, --source,
// --focus), each list sorted and without repeats. A claim is SOURCE/CLAIM, as
// graph show takes it; a relation with a curated id is SOURCE/ID.
type IDs struct {
	Sources, Entities, Claims, Relations []string
}

// StoredIDs reads the ids of everything the store holds.
func StoredIDs(ctx context.Context, st *store.Store) (*IDs, error) {
	qs, err := st.AllQuads(ctx)
	if err != nil {
		return nil, err
	}
	g := vocab.Decode(qs)
	ids := &IDs{}
	for _, s := range g.Sources {
		ids.Sources = append(ids.Sources, s.ID)
	}
	for _, e := range g.Entities {
		ids.Entities = append(ids.Entities, e.ID)
	}
	for _, c := range g.Claims {
		ids.Claims = append(ids.Claims, strings.TrimPrefix(c.IRI, vocab.ClaimPrefix))
	}
	for _, r := range g.Relations {
		if r.CuratedID != "" {
			ids.Relations = append(ids.Relations, r.Source+"/"+r.CuratedID)
		}
	}
	return ids.sorted(), nil
}

// FileIDs reads the ids written in the graph files under dir and in the catalogs
// they include, without checking the files: a graph being written, with mistakes
// in it, still gives the ids it has. Files that cannot be read are passed over.
func FileIDs(dir string) *IDs {
	ids := &IDs{}
	files, err := interview.Find([]string{dir})
	if err != nil {
		return ids
	}
	seen := map[string]bool{}
	for _, f := range files {
		var g struct {
			Source struct {
				ID string `yaml:"id"`
			} `yaml:"source"`
			Include   []string `yaml:"include"`
			Entities  []idOnly `yaml:"entities"`
			Claims    []idOnly `yaml:"claims"`
			Relations []idOnly `yaml:"relations"`
		}
		if !readYAML(f, &g) {
			continue
		}
		if g.Source.ID != "" {
			ids.Sources = append(ids.Sources, g.Source.ID)
		}
		for _, e := range g.Entities {
			ids.Entities = append(ids.Entities, e.ID)
		}
		for _, c := range g.Claims {
			ids.Claims = append(ids.Claims, g.Source.ID+"/"+c.ID)
		}
		for _, r := range g.Relations {
			if r.ID != "" {
				ids.Relations = append(ids.Relations, g.Source.ID+"/"+r.ID)
			}
		}
		for _, inc := range g.Include {
			path := filepath.Join(filepath.Dir(f), inc)
			if key, err := filepath.Abs(path); err != nil || seen[key] {
				continue
			} else {
				seen[key] = true
			}
			var cat struct {
				Entities []idOnly `yaml:"entities"`
			}
			if readYAML(path, &cat) {
				for _, e := range cat.Entities {
					ids.Entities = append(ids.Entities, e.ID)
				}
			}
		}
	}
	return ids.sorted()
}

type idOnly struct {
	ID string `yaml:"id"`
}

// readYAML decodes what it can of a file that is small enough to be a graph: a
// value of the wrong type leaves its field empty and the others filled.
func readYAML(path string, v any) bool {
	info, err := os.Stat(path)
	if err != nil || !info.Mode().IsRegular() || info.Size() > interview.MaxYAMLSize {
		return false
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return false
	}
	err = yaml.Unmarshal(data, v)
	var typeErr *yaml.TypeError
	return err == nil || errors.As(err, &typeErr)
}

func (ids *IDs) sorted() *IDs {
	for _, l := range []*[]string{&ids.Sources, &ids.Entities, &ids.Claims, &ids.Relations} {
		*l = slices.DeleteFunc(*l, func(s string) bool { return s == "" || strings.HasSuffix(s, "/") })
		slices.Sort(*l)
		*l = slices.Compact(*l)
	}
	return ids
}
