package link

import (
	"sort"
	"strings"

	"github.com/cayleygraph/quad"
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

// Predicates read from the store.
const (
	typePred     = quad.IRI("type")
	namePred     = quad.IRI("name")
	aliasPred    = quad.IRI("alias")
	wikidataPred = quad.IRI("wikidata")
	mentionsPred = quad.IRI("mentions")
)

// Read gathers the entities of a store from its quads: every node whose <type> is a
// kind for which isEntity reports true, with its names, aliases and wikidata ids
// under any label. Quads under [Label] (an earlier run's links) are ignored. The
// result is sorted by id.
func Read(qs []quad.Quad, isEntity func(kind string) bool) []Entity {
	type acc struct {
		kind     string
		names    []string
		wikidata []string
		scope    map[string]bool
	}
	byID := map[string]*acc{}
	get := func(id string) *acc {
		a := byID[id]
		if a == nil {
			a = &acc{scope: map[string]bool{}}
			byID[id] = a
		}
		return a
	}
	// Types first, so that names are kept only for entities.
	for _, q := range qs {
		if q.Label == Label || q.Predicate != typePred {
			continue
		}
		s, ok1 := q.Subject.(quad.IRI)
		k, ok2 := q.Object.(quad.IRI)
		if !ok1 || !ok2 || !isEntity(string(k)) {
			continue
		}
		a := get(string(s))
		if a.kind == "" || string(k) < a.kind {
			a.kind = string(k)
		}
		if l, ok := q.Label.(quad.IRI); ok {
			a.scope[string(l)] = true
		}
	}
	type named struct {
		main bool
		text string
	}
	names := map[string][]named{}
	for _, q := range qs {
		if q.Label == Label {
			continue
		}
		switch q.Predicate {
		case namePred, aliasPred, wikidataPred:
			s, _ := q.Subject.(quad.IRI)
			a := byID[string(s)]
			v, ok := q.Object.(quad.String)
			if a == nil || !ok {
				continue
			}
			if q.Predicate == wikidataPred {
				a.wikidata = append(a.wikidata, string(v))
			} else {
				names[string(s)] = append(names[string(s)], named{q.Predicate == namePred, string(v)})
			}
		case mentionsPred:
			o, _ := q.Object.(quad.IRI)
			if a := byID[string(o)]; a != nil {
				if l, ok := q.Label.(quad.IRI); ok {
					a.scope[string(l)] = true
				}
			}
		}
	}
	out := make([]Entity, 0, len(byID))
	for id, a := range byID {
		ns := names[id]
		sort.SliceStable(ns, func(i, j int) bool {
			if ns[i].main != ns[j].main {
				return ns[i].main
			}
			return ns[i].text < ns[j].text
		})
		e := Entity{ID: id, Kind: a.kind, Wikidata: uniq(a.wikidata)}
		seen := map[string]bool{}
		for _, n := range ns {
			if !seen[n.text] {
				seen[n.text] = true
				e.Names = append(e.Names, n.text)
			}
		}
		for l := range a.scope {
			e.Scope = append(e.Scope, l)
		}
		sort.Strings(e.Scope)
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
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
