package pipeline

import (
	"os"
	"slices"

	"github.com/graphbuilder/graph/internal/diag"
	"github.com/graphbuilder/graph/internal/interview"
	"github.com/graphbuilder/graph/schema"
)

// Loaded is what [Load] found: the graphs, and every diagnostic of their files.
type Loaded struct {
	Graphs      []*interview.Graph
	Diagnostics diag.Diagnostics
}

// Allowed are the folders the paths written in graphs may reach besides each
// graph's own collection: the allow folders, and the folders named in paths, so
// that `graph build corpus/` lets every graph under corpus/ include
// corpus/catalog/. Files named in paths add nothing.
func Allowed(paths, allow []string) []string {
	out := append([]string(nil), allow...)
	for _, p := range paths {
		if fi, err := os.Stat(p); err == nil && fi.IsDir() && !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}

// Load finds the interview graphs under paths (files, or folders searched for
// graph.yaml) and loads and checks them against the core schema and their
// transcripts. It fails with [ErrInput] when a path cannot be searched, and with
// the diagnostics when any of them is an error; the diagnostics are in the result
// either way. The paths written in the graphs may reach the allow folders besides
// each graph's own collection (see [interview.Loader.Allow]).
func Load(paths []string, allow ...string) (*Loaded, error) {
	files, err := interview.Find(paths)
	if err != nil {
		return &Loaded{}, Inputf("%v", err)
	}
	l := interview.NewLoader(schema.Core())
	if err := l.Allow(Allowed(paths, allow)...); err != nil {
		return &Loaded{}, Inputf("%v", err)
	}
	graphs, ds := l.LoadAll(files)
	ds = ds.Sort()
	if err := ds.Err(); err != nil {
		return &Loaded{Diagnostics: ds}, err
	}
	return &Loaded{Graphs: graphs, Diagnostics: ds}, nil
}
