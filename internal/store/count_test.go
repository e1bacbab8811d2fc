package store

import (
	"context"
	"fmt"
	"maps"
	"math/rand"
	"slices"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/google/go-cmp/cmp"
)

// TestCountMatchesStats checks that Count gives what Stats gives, on every
// backend: on the examples, on a generated corpus, and after random rewrites
// that leave removed quads in a bolt store's log and drop nodes, with nodes
// typed under several labels.
func TestCountMatchesStats(t *testing.T) {
	ctx := context.Background()
	sets := exampleSets(t)
	maps.Copy(sets, generatedSets(t, 3))
	for name, s := range openAll(t) {
		t.Run(name, func(t *testing.T) {
			check := func(step string) {
				t.Helper()
				want, err := s.Stats(ctx)
				if err != nil {
					t.Fatal(err)
				}
				got, err := s.Count(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if want.Quads == 0 || len(want.NodeKinds) == 0 {
					t.Fatalf("%s: nothing to count: %+v", step, want)
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("%s: Count differs from Stats (-Stats +Count):\n%s", step, diff)
				}
			}
			if _, err := s.Replace(ctx, sets); err != nil {
				t.Fatal(err)
			}
			check("built")
			labels := slices.Sorted(maps.Keys(sets))
			rng := rand.New(rand.NewSource(5))
			for round := range 5 {
				change := map[quad.IRI][]quad.Quad{}
				for range 3 {
					l := labels[rng.Intn(len(labels))]
					var next []quad.Quad
					for _, q := range sets[l] {
						if rng.Intn(3) > 0 {
							next = append(next, q)
						}
					}
					// The same few nodes typed under many labels, as kinds old and new.
					for i := range 4 {
						next = append(next, quad.Quad{
							Subject:   quad.IRI(fmt.Sprintf("shared-%d", rng.Intn(6))),
							Predicate: quad.IRI("type"),
							Object:    quad.IRI([]string{"person", "concept", fmt.Sprintf("kind-%d", round)}[i%3]),
							Label:     l,
						})
					}
					change[l] = next
				}
				if _, err := s.Replace(ctx, change); err != nil {
					t.Fatal(err)
				}
				maps.Copy(sets, change)
				check(fmt.Sprintf("round %d", round))
			}
		})
	}
}
