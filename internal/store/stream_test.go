package store

import (
	"bytes"
	"context"
	"math/rand"
	"path/filepath"
	"slices"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/graphbuilder/graph/internal/export"
	"github.com/graphbuilder/graph/internal/interview"
	"github.com/graphbuilder/graph/internal/rdf"
	"github.com/graphbuilder/graph/schema"
)

// exampleSets are the label sets a build of the bundled examples writes.
func exampleSets(t *testing.T) map[quad.IRI][]quad.Quad {
	t.Helper()
	files, err := interview.Find([]string{filepath.Join("..", "..", "examples")})
	if err != nil {
		t.Fatal(err)
	}
	graphs, ds := interview.NewLoader(schema.Core()).LoadAll(files)
	if err := ds.Err(); err != nil {
		t.Fatal(err)
	}
	sets := map[quad.IRI][]quad.Quad{}
	for _, g := range graphs {
		for _, set := range rdf.Sets(g) {
			sets[set.Label] = set.Quads
		}
	}
	return sets
}

// TestStreamsMatchWholeExports checks that the grouped reads give the exports the
// bytes they give from every quad in memory, on the examples and after rewrites
// that leave removed quads in the bolt store's index lists.
func TestStreamsMatchWholeExports(t *testing.T) {
	ctx := context.Background()
	sets := exampleSets(t)
	for name, s := range openAll(t) {
		t.Run(name, func(t *testing.T) {
			if _, err := s.Replace(ctx, sets); err != nil {
				t.Fatal(err)
			}
			rng := rand.New(rand.NewSource(3))
			for round := 0; round < 5; round++ {
				if round == 4 {
					// A source removed whole: its claims' nodes go, while the
					// subject index keeps their keys.
					if _, err := s.Replace(ctx, map[quad.IRI][]quad.Quad{"source/amodei-2025": nil}); err != nil {
						t.Fatal(err)
					}
				} else if round > 0 {
					// Drop some quads of one source and add some of another's.
					var labels []quad.IRI
					for l := range sets {
						labels = append(labels, l)
					}
					slices.Sort(labels)
					label := labels[rng.Intn(len(labels))]
					var next []quad.Quad
					for _, q := range sets[label] {
						if rng.Intn(4) > 0 {
							next = append(next, q)
						}
					}
					for i := 0; i < 20; i++ {
						q := sets[labels[rng.Intn(len(labels))]]
						if len(q) == 0 {
							continue
						}
						x := q[rng.Intn(len(q))]
						x.Label = label
						next = append(next, x)
					}
					if _, err := s.Replace(ctx, map[quad.IRI][]quad.Quad{label: dedup(next)}); err != nil {
						t.Fatal(err)
					}
				}
				all, err := s.AllQuads(ctx)
				if err != nil {
					t.Fatal(err)
				}
				var want, got bytes.Buffer
				if err := export.WriteNQuads(&want, all); err != nil {
					t.Fatal(err)
				}
				n := 0
				err = export.StreamNQuads(&got, func(key func(quad.Value) string, fn func([]quad.Quad) error) error {
					return s.SubjectGroups(ctx, key, func(qs []quad.Quad) error { n += len(qs); return fn(qs) })
				})
				if err != nil {
					t.Fatal(err)
				}
				if n != len(all) {
					t.Errorf("round %d: the subject groups hold %d quads; the store %d", round, n, len(all))
				}
				if !bytes.Equal(got.Bytes(), want.Bytes()) {
					t.Errorf("round %d: streamed N-Quads differ (%d bytes, want %d)", round, got.Len(), want.Len())
				}
				want.Reset()
				got.Reset()
				if err := export.WriteJSONLD(&want, all); err != nil {
					t.Fatal(err)
				}
				err = export.StreamJSONLD(&got, func(key func(quad.Value) string, fn func([]quad.Quad) error) error {
					return s.LabelGroups(ctx, key, fn)
				})
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got.Bytes(), want.Bytes()) {
					t.Errorf("round %d: streamed JSON-LD differs (%d bytes, want %d)", round, got.Len(), want.Len())
				}
			}
		})
	}
}

func dedup(qs []quad.Quad) []quad.Quad {
	seen := map[string]bool{}
	out := qs[:0]
	for _, q := range qs {
		if k := q.NQuad(); !seen[k] {
			seen[k] = true
			out = append(out, q)
		}
	}
	return out
}
