package pipeline

import (
	"context"
	"fmt"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/google/go-cmp/cmp"

	"github.com/graphbuilder/graph/internal/export"
	"github.com/graphbuilder/graph/internal/store"
)

// A source's map, cut from the source's kept part, is the map cut from the
// whole graph, for every selection of one source.
func TestReaderMapOfOneSourceIsTheWholeMapsSelection(t *testing.T) {
	r := NewReader(exampleQuads(t))
	describe := func(m *export.Map) string {
		out := ""
		for _, n := range m.Nodes {
			out += "node " + n.ID + "\n"
		}
		for _, e := range m.Edges {
			out += fmt.Sprintf("edge %s %s %s %s\n", e.From, e.Kind, e.To, e.Label)
		}
		for _, s := range m.Sources {
			out += "source " + s.ID + "\n"
		}
		return out
	}
	sels := []export.Selection{
		{},
		{About: true},
		{KeepIsolated: true},
		{Kinds: []string{"claim"}},
		{Kinds: []string{"person", "claim"}, About: true},
		{Focus: "dario-amodei", Depth: 1},
		{Focus: "dario-amodei", Depth: 2, Kinds: []string{"person", "claim"}},
		{MaxNodes: 20},
	}
	for _, src := range []string{"amodei-2025", "lecun-2024", "ai-audits-2026"} {
		for i, sel := range sels {
			sel.Sources = []string{src}
			want, werr := r.m.Select(sel)
			for round := 0; round < 2; round++ { // the part cut, then the part kept
				got, gerr := r.Map(sel)
				if fmt.Sprint(werr) != fmt.Sprint(gerr) {
					t.Fatalf("%s selection %d: error %v, want %v", src, i, gerr, werr)
				}
				if werr != nil {
					continue
				}
				if diff := cmp.Diff(describe(want), describe(got)); diff != "" {
					t.Errorf("%s selection %d round %d (-whole +part):\n%s", src, i, round, diff)
				}
			}
		}
	}
	if _, err := r.Map(export.Selection{Sources: []string{"no-such-source"}}); err == nil {
		t.Error("an unknown source gave a map")
	}
}

// exampleQuads builds the bundled examples into a memory store and returns its
// quads.
func exampleQuads(t *testing.T) []quad.Quad {
	t.Helper()
	ctx := context.Background()
	mem, err := store.Open(ctx, store.Config{Backend: store.Memory})
	if err != nil {
		t.Fatal(err)
	}
	defer mem.Close()
	loaded, err := Load([]string{"../../examples"})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := Build(ctx, loaded.Graphs, Options{Open: func(context.Context) (*store.Store, error) { return mem, nil }}); err != nil {
		t.Fatal(err)
	}
	qs, err := mem.AllQuads(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return qs
}
