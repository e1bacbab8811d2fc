package pipeline

import (
	"context"
	"slices"

	"github.com/cayleygraph/quad"

	"github.com/graphbuilder/graph/internal/diag"
	"github.com/graphbuilder/graph/internal/interview"
	"github.com/graphbuilder/graph/internal/store"
	"github.com/graphbuilder/graph/internal/vocab"
)

// CheckKinds checks the kinds of the entities of graphs against the kinds the
// store already gives them: entities are global, so a graph built alone that
// calls dario-amodei a company, when a source in the store has him a person, would
// leave him both. Kinds written under a label this build rewrites (a source of
// graphs, a catalog they include) do not count, since the build replaces them. Each
// conflict is an error at the entity's kind; the error is the diagnostics.
func CheckKinds(ctx context.Context, st *store.Store, graphs []*interview.Graph) (diag.Diagnostics, error) {
	rewritten := map[quad.Value]bool{}
	for _, g := range graphs {
		rewritten[vocab.SourceIRI(g.Source.ID)] = true
		for _, c := range g.Catalogs {
			rewritten[vocab.CatalogIRI(c.ID)] = true
		}
	}
	var ds diag.Diagnostics
	checked := map[string]bool{}
	for _, g := range graphs {
		for _, e := range g.AllEntities() {
			if checked[e.ID+"\x00"+e.Kind] {
				continue
			}
			checked[e.ID+"\x00"+e.Kind] = true
			qs, err := st.SubjectQuads(ctx, vocab.EntityIRI(e.ID), vocab.Type)
			if err != nil {
				return ds, err
			}
			var other []string
			var where quad.Value
			for _, q := range qs {
				kind, ok := q.Object.(quad.IRI)
				if !ok || string(kind) == e.Kind || rewritten[q.Label] || slices.Contains(other, string(kind)) {
					continue
				}
				other = append(other, string(kind))
				if where == nil {
					where = q.Label
				}
			}
			if len(other) == 0 {
				continue
			}
			at := e.KindAt
			if at.File == "" {
				at = e.At
			}
			ds = append(ds, diag.Errorf(at, "entity %q is a %s here but a %s in the store (under %s)", e.ID, e.Kind, other[0], labelName(where)).
				WithHint("give it the kind the store has, or build this graph together with the graphs that say %s", other[0]))
		}
	}
	ds = ds.Sort()
	if ds.HasErrors() {
		return ds, ds
	}
	return ds, nil
}

// labelName is a label as users write it in Gizmo.
func labelName(v quad.Value) string {
	if v == nil {
		return "no label"
	}
	return v.String()
}
