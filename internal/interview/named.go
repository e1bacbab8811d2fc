package interview

import "sort"

// Named lists, sorted, the entities a graph names: its inline entities and their
// fact objects, its speakers and author, and every entity its claims and relations
// refer to. Entities of an included catalog that the graph never names are left out.
func (g *Graph) Named() []string {
	known := map[string]bool{}
	for _, e := range g.AllEntities() {
		known[e.ID] = true
	}
	seen := map[string]bool{}
	note := func(id string) {
		if known[id] {
			seen[id] = true
		}
	}
	for _, e := range g.Entities {
		note(e.ID)
		for _, f := range e.Facts {
			note(f.Object)
		}
	}
	note(g.Source.Author)
	for _, s := range g.Source.Speakers {
		note(s)
	}
	for _, c := range g.Claims {
		note(c.Speaker)
		for _, a := range c.About {
			note(a)
		}
	}
	for _, r := range g.Relations {
		note(r.From)
		note(r.To)
		note(r.By)
	}
	out := make([]string, 0, len(seen))
	for id := range seen {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}
