package link

import (
	"slices"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/graphbuilder/graph/internal/vocab"
)

// Entity is an entity as the store holds it, gathered over every label.
type Entity struct {
	ID   string
	Kind string
	// Names are the entity's name and aliases from every label, the first name first,
	// without repeats.
	Names    []string
	Wikidata []string
	// Scope lists the labels that define the entity or whose source mentions it. Two
	// entities that share one were in view of the same curator, and the loader made
	// sure that their names differ: they are distinct by decision.
	Scope []string
}

// Read gathers the entities of a store from its quads, through [vocab.Decode]:
// every node whose <type> is a kind for which isEntity reports true, with its
// names, aliases and wikidata ids under any label. Quads under [vocab.LinkLabel]
// (an earlier run's links) are ignored. The result is sorted by id.
func Read(qs []quad.Quad, isEntity func(kind string) bool) []Entity {
	kept := make([]quad.Quad, 0, len(qs))
	for _, q := range qs {
		if q.Label != vocab.LinkLabel {
			kept = append(kept, q)
		}
	}
	g := vocab.Decode(kept)
	out := make([]Entity, 0, len(g.Entities))
	for _, n := range g.Entities {
		if !isEntity(n.Kind) || strings.HasPrefix(n.ID, "_:") {
			continue // a blank node has no identity beyond its store
		}
		e := Entity{ID: n.ID, Kind: n.Kind, Wikidata: n.Wikidata}
		// The names first, then the aliases, each sorted.
		names := slices.Sorted(slices.Values(n.Names))
		seen := map[string]bool{}
		for _, name := range append(names, n.Aliases...) {
			if !seen[name] {
				seen[name] = true
				e.Names = append(e.Names, name)
			}
		}
		e.Scope = uniq(append(slices.Clone(n.Defined), n.Mentioned...))
		out = append(out, e)
	}
	return out
}

func uniq(ss []string) []string {
	if len(ss) == 0 {
		return nil
	}
	sort.Strings(ss)
	out := ss[:1]
	for _, s := range ss[1:] {
		if s != out[len(out)-1] {
			out = append(out, s)
		}
	}
	return out
}

// sharesScope reports whether two entities were in view of one curator.
func sharesScope(a, b *Entity) bool {
	i, j := 0, 0
	for i < len(a.Scope) && j < len(b.Scope) {
		switch strings.Compare(a.Scope[i], b.Scope[j]) {
		case 0:
			return true
		case -1:
			i++
		default:
			j++
		}
	}
	return false
}
