package pipeline

import (
	"context"
	"testing"

	"github.com/graphbuilder/graph/internal/argument"
	"github.com/graphbuilder/graph/internal/link"
	"github.com/graphbuilder/graph/schema"
)

// TestClaimProposalsOnExamples measures graph link --claims on the bundled
// examples against the pairs of claims their curators relate across interviews
// by hand (a relation whose to is SOURCE/CLAIM of another source): no pair within
// one source is ever scored, and the figures are logged (go test -v).
func TestClaimProposalsOnExamples(t *testing.T) {
	st := memoryStore(t)
	buildExamples(t, st, "amodei-2025", "lecun-2024", "ai-audits-2026")
	qs, err := st.AllQuads(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	sch := schema.Core()
	claims := link.ReadClaims(qs, func(k string) bool { n := sch.Node(k); return n != nil && n.Entity })
	loaded, err := Load([]string{"../../examples"})
	if err != nil {
		t.Fatal(err)
	}
	gold := map[[2]string]bool{}
	for _, g := range loaded.Graphs {
		for _, r := range g.Relations {
			if ref, ok := argument.ParseRef(r.To); ok && ref.Source != g.Source.ID {
				a, b := g.Source.ID+"/"+r.From, r.To
				gold[[2]string{a, b}], gold[[2]string{b, a}] = true, true
			}
		}
	}
	want := len(gold) / 2
	if want == 0 {
		t.Fatal("the examples relate no claims across interviews")
	}
	source := func(ref string) string {
		for i := range ref {
			if ref[i] == '/' {
				return ref[:i]
			}
		}
		return ref
	}
	scored := link.ScoreClaims(claims.List, claims.Entities, 0)
	found, top := 0, map[int]int{}
	for i, p := range scored {
		if source(p.From) == source(p.To) {
			t.Fatalf("a pair within one source: %s, %s", p.From, p.To)
		}
		if gold[[2]string{p.From, p.To}] {
			found++
			for _, n := range []int{10, 20, 50, 100} {
				if i < n {
					top[n]++
				}
			}
		}
	}
	// What graph link --claims lists, had the curators not related them already.
	noRelated := &link.Claims{List: claims.List, Entities: claims.Entities}
	res, _ := link.ResolveClaims(noRelated, nil, true)
	listed := 0
	for _, p := range res.Pairs {
		if source(p.From) == source(p.To) {
			t.Fatalf("a proposal within one source: %s, %s", p.From, p.To)
		}
		if gold[[2]string{p.From, p.To}] {
			listed++
		}
	}
	t.Logf("%d claims, %d pairs scored above 0; hand-curated cross-interview pairs: %d", len(claims.List), len(scored), want)
	t.Logf("recall among all scored pairs %d/%d; in the top 10: %d, 20: %d, 50: %d, 100: %d",
		found, want, top[10], top[20], top[50], top[100])
	t.Logf("recall of the proposals graph link --claims lists (%d pairs, score >= %.2f, at most %d per claim): %d/%d",
		len(res.Pairs), link.ProposeScore, link.MaxPerClaim, listed, want)
	// Every curated pair shares at least an entity or a word: the features see them.
	if found*10 < want*9 {
		t.Errorf("only %d of %d curated pairs scored at all", found, want)
	}
	// Pairs the curators related already are not proposed again.
	res, _ = link.ResolveClaims(claims, nil, true)
	for _, p := range res.Pairs {
		if gold[[2]string{p.From, p.To}] {
			t.Errorf("proposed a pair the curators related already: %s, %s", p.From, p.To)
		}
	}
}
