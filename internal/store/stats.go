package store

import (
	"context"
	"runtime/debug"
	"sort"

	"github.com/cayleygraph/quad"
)

// Count is one row of [Stats]: a name and how many there are.
type Count struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
}

// Stats summarises a store: quads per label, nodes per kind (the objects of <type>),
// and quads per predicate.
type Stats struct {
	Backend    string  `json:"backend"`
	Where      string  `json:"where"`
	Quads      int     `json:"quads"`
	Labels     []Count `json:"labels"`
	NodeKinds  []Count `json:"node_kinds"`
	Predicates []Count `json:"predicates"`
}

// Stats counts the store's quads.
func (s *Store) Stats(ctx context.Context) (_ Stats, err error) {
	defer survive(s.where, &err, debug.SetPanicOnFault(true))
	labels, kinds, preds := map[string]int{}, map[string]int{}, map[string]int{}
	typed := map[string]bool{}
	n := 0
	err = s.each(ctx, func(q quad.Quad) error {
		n++
		labels[valueName(q.Label)]++
		preds[valueName(q.Predicate)]++
		if valueName(q.Predicate) == "type" {
			key := valueName(q.Subject) + "\x00" + valueName(q.Object)
			if !typed[key] {
				typed[key] = true
				kinds[valueName(q.Object)]++
			}
		}
		return nil
	})
	if err != nil {
		return Stats{}, err
	}
	return Stats{Backend: s.backend, Where: s.where, Quads: n, Labels: sorted(labels), NodeKinds: sorted(kinds), Predicates: sorted(preds)}, nil
}

func valueName(v quad.Value) string {
	switch v := v.(type) {
	case nil:
		return ""
	case quad.IRI:
		return string(v)
	case quad.String:
		return string(v)
	}
	return v.String()
}

func sorted(m map[string]int) []Count {
	out := make([]Count, 0, len(m))
	for k, v := range m {
		out = append(out, Count{k, v})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
