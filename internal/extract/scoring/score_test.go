package scoring

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/graphbuilder/graph/internal/argument"
	"github.com/graphbuilder/graph/internal/extract/finding"
	"github.com/graphbuilder/graph/internal/interview"
)

// goldMap is a small argument map: a supports b, c rebuts a, d rephrases c, c
// undercuts a-supports-b; d's speaker is unknown and e has no located quote. Five
// propositions make 20 ordered pairs, 3 of them with a relation.
func goldMap() *interview.Graph {
	sp := func(s, e int) argument.Span { return argument.Span{Start: s, End: e} }
	return &interview.Graph{
		Source: interview.Source{ID: "gold"},
		Claims: []argument.Claim{
			{ID: "a", Speaker: "ann", Quote: "q", Span: sp(0, 10)},
			{ID: "b", Speaker: "ann", Quote: "q", Span: sp(10, 20)},
			{ID: "c", Speaker: "bob", Quote: "q", Span: sp(20, 30)},
			{ID: "d", Speaker: "", Quote: "q", Span: sp(30, 40)},
			{ID: "e", Speaker: "bob"},
		},
		Relations: []argument.Relation{
			{ID: "r1", Kind: "supports", From: "a", To: "b"},
			{ID: "r2", Kind: "rebuts", From: "c", To: "a"},
			{ID: "r3", Kind: "rephrases", From: "d", To: "c"},
			{ID: "r4", Kind: "undercuts", From: "c", To: "r1"},
		},
	}
}

func claim(speaker string, s, e int) finding.Claim {
	return finding.Claim{Speaker: speaker, Span: argument.Span{Start: s, End: e}}
}

func rel(kind string, fs, fe, ts, te int) finding.Relation {
	return finding.Relation{Kind: kind, From: "x", To: "y",
		FromSpan: argument.Span{Start: fs, End: fe}, ToSpan: argument.Span{Start: ts, End: te},
		Evidence: argument.Span{Start: min(fs, ts), End: max(fe, te)}}
}

// counts is gold, predicted (or found), matched (or correct), recalled.
type counts [4]int

func TestEvaluateArgumentsClaims(t *testing.T) {
	tests := []struct {
		name  string
		found []finding.Claim
		want  counts // gold, found, matched, recalled
	}{
		{"nothing found", nil, counts{5, 0, 0, 0}},
		{"same speaker, overlapping", []finding.Claim{claim("ann", 2, 5)}, counts{5, 1, 1, 1}},
		{"another speaker", []finding.Claim{claim("bob", 2, 5)}, counts{5, 1, 0, 0}},
		{"gold speaker unknown", []finding.Claim{claim("bob", 32, 35)}, counts{5, 1, 1, 1}},
		{"found speaker unknown", []finding.Claim{claim("", 12, 14)}, counts{5, 1, 1, 1}},
		{"over two gold claims", []finding.Claim{claim("ann", 8, 12)}, counts{5, 1, 1, 2}},
		{"touching is not overlapping", []finding.Claim{claim("ann", 40, 45)}, counts{5, 1, 0, 0}},
		{"two on one gold claim", []finding.Claim{claim("ann", 1, 3), claim("ann", 4, 6)}, counts{5, 2, 2, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev := EvaluateArguments(goldMap(), (&finding.Result{Claims: tt.found}).Normalize())
			c := ev.Claims
			if got := (counts{c.Gold, c.Found, c.Matched, c.Recalled}); got != tt.want {
				t.Errorf("claims = %v, want %v", got, tt.want)
			}
			if want := harmonic(ratio(tt.want[2], tt.want[1]), ratio(tt.want[3], tt.want[0])); !near(c.F1, want) {
				t.Errorf("F1 = %v, want %v", c.F1, want)
			}
		})
	}
}

func TestEvaluateArgumentsRelations(t *testing.T) {
	perfect := []finding.Relation{rel("supports", 1, 9, 11, 19), rel("rebuts", 21, 29, 1, 9), rel("rephrases", 31, 39, 21, 29)}
	tests := []struct {
		name  string
		found []finding.Relation
		// kinds are the counts of supports, rebuts, undercuts, rephrases and all.
		kinds [5]counts
		// classes are the counts over pairs of supports, rebuts, rephrases and none.
		classes  [4]counts
		unplaced int
		focused  float64
		general  float64
	}{
		{
			name:    "nothing found",
			kinds:   [5]counts{{1, 0, 0, 0}, {1, 0, 0, 0}, {1, 0, 0, 0}, {1, 0, 0, 0}, {4, 0, 0, 0}},
			classes: [4]counts{{1, 0, 0}, {1, 0, 0}, {1, 0, 0}, {17, 20, 17}},
			focused: 0,
			// none: precision 17/20, recall 1.
			general: harmonic(17.0/20, 1) / 4,
		},
		{
			name:    "every relation",
			found:   perfect,
			kinds:   [5]counts{{1, 1, 1, 1}, {1, 1, 1, 1}, {1, 0, 0, 0}, {1, 1, 1, 1}, {4, 3, 3, 3}},
			classes: [4]counts{{1, 1, 1}, {1, 1, 1}, {1, 1, 1}, {17, 17, 17}},
			focused: 1,
			general: 1,
		},
		{
			name:    "the wrong way round",
			found:   []finding.Relation{rel("supports", 11, 19, 1, 9)},
			kinds:   [5]counts{{1, 1, 0, 0}, {1, 0, 0, 0}, {1, 0, 0, 0}, {1, 0, 0, 0}, {4, 1, 0, 0}},
			classes: [4]counts{{1, 1, 0}, {1, 0, 0}, {1, 0, 0}, {17, 19, 16}},
			focused: 0,
			general: harmonic(16.0/19, 16.0/17) / 4,
		},
		{
			name:     "both ends on one proposition",
			found:    []finding.Relation{rel("supports", 1, 4, 5, 9)},
			kinds:    [5]counts{{1, 1, 0, 0}, {1, 0, 0, 0}, {1, 0, 0, 0}, {1, 0, 0, 0}, {4, 1, 0, 0}},
			classes:  [4]counts{{1, 1, 0}, {1, 0, 0}, {1, 0, 0}, {17, 20, 17}},
			unplaced: 1,
			focused:  0,
			general:  harmonic(17.0/20, 1) / 4,
		},
		{
			// The from-end overlaps b most, but a-b is the gold pair.
			name:    "an end on two propositions takes the gold pair",
			found:   []finding.Relation{rel("supports", 8, 15, 12, 18)},
			kinds:   [5]counts{{1, 1, 1, 1}, {1, 0, 0, 0}, {1, 0, 0, 0}, {1, 0, 0, 0}, {4, 1, 1, 1}},
			classes: [4]counts{{1, 1, 1}, {1, 0, 0}, {1, 0, 0}, {17, 19, 17}},
			focused: 1.0 / 3,
			general: (1 + harmonic(1, 17.0/19)) / 4,
		},
		{
			name:    "the right pair, the wrong class",
			found:   []finding.Relation{rel("rebuts", 1, 9, 11, 19)},
			kinds:   [5]counts{{1, 0, 0, 0}, {1, 1, 0, 0}, {1, 0, 0, 0}, {1, 0, 0, 0}, {4, 1, 0, 0}},
			classes: [4]counts{{1, 0, 0}, {1, 1, 0}, {1, 0, 0}, {17, 19, 17}},
			focused: 0,
			general: harmonic(1, 17.0/19) / 4,
		},
		{
			name: "between entities: scored per kind, not on pairs",
			found: []finding.Relation{{Kind: "criticizes", From: "ann", To: "bob",
				Evidence: argument.Span{Start: 0, End: 30}}},
			kinds:   [5]counts{{1, 0, 0, 0}, {1, 0, 0, 0}, {1, 0, 0, 0}, {1, 0, 0, 0}, {4, 1, 0, 0}},
			classes: [4]counts{{1, 0, 0}, {1, 0, 0}, {1, 0, 0}, {17, 20, 17}},
			focused: 0,
			general: harmonic(17.0/20, 1) / 4,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev := EvaluateArguments(goldMap(), (&finding.Result{Relations: tt.found}).Normalize())
			var kinds []string
			got := map[string]counts{}
			for _, s := range ev.Relations {
				kinds = append(kinds, s.Kind)
				got[s.Kind] = counts{s.Gold, s.Found, s.Matched, s.Recalled}
			}
			for i, k := range []string{"supports", "rebuts", "undercuts", "rephrases", "all"} {
				if got[k] != tt.kinds[i] {
					t.Errorf("%s = %v, want %v", k, got[k], tt.kinds[i])
				}
			}
			if kinds[len(kinds)-1] != "all" || !cmp.Equal(kinds[:4], GoldKinds) {
				t.Errorf("kinds in the order %v", kinds)
			}
			p := ev.Pairs
			if p.Propositions != 5 || p.Pairs != 20 {
				t.Errorf("%d propositions, %d pairs; want 5 and 20", p.Propositions, p.Pairs)
			}
			var classes [4]counts
			for i, c := range p.Classes {
				classes[i] = counts{c.Gold, c.Predicted, c.Correct}
			}
			if classes != tt.classes {
				t.Errorf("classes = %v, want %v", classes, tt.classes)
			}
			if p.Unplaced != tt.unplaced {
				t.Errorf("unplaced = %d, want %d", p.Unplaced, tt.unplaced)
			}
			if !near(p.FocusedF1, tt.focused) || !near(p.GeneralF1, tt.general) {
				t.Errorf("focused F1 %v, general F1 %v; want %v and %v", p.FocusedF1, p.GeneralF1, tt.focused, tt.general)
			}
		})
	}
}

// TestSumArguments checks that totals sum the counts before dividing: a file with
// everything right and one with everything wrong do not average to a half.
func TestSumArguments(t *testing.T) {
	g := goldMap()
	right := EvaluateArguments(g, (&finding.Result{
		Claims:    []finding.Claim{claim("ann", 1, 3)},
		Relations: []finding.Relation{rel("supports", 1, 9, 11, 19)},
	}).Normalize())
	wrong := EvaluateArguments(g, (&finding.Result{
		Claims: []finding.Claim{claim("bob", 1, 3), claim("bob", 11, 13), claim("bob", 50, 60)},
		Relations: []finding.Relation{rel("supports", 11, 19, 1, 9), rel("supports", 21, 29, 1, 9),
			rel("supports", 31, 39, 1, 9)},
	}).Normalize())
	sum := SumArguments([]ArgumentEvaluation{right, wrong})

	c := sum.Claims
	if got, want := (counts{c.Gold, c.Found, c.Matched, c.Recalled}), (counts{10, 4, 1, 1}); got != want {
		t.Errorf("claims = %v, want %v", got, want)
	}
	if !near(c.Precision, 0.25) || !near(c.Recall, 0.1) {
		t.Errorf("claims precision %v, recall %v; want 0.25 and 0.1", c.Precision, c.Recall)
	}
	p := sum.Pairs
	if p.Propositions != 10 || p.Pairs != 40 {
		t.Errorf("%d propositions, %d pairs; want 10 and 40", p.Propositions, p.Pairs)
	}
	supports := p.Classes[0]
	if got, want := (counts{supports.Gold, supports.Predicted, supports.Correct}), (counts{2, 4, 1}); got != want {
		t.Errorf("supports = %v, want %v", got, want)
	}
	// Only supports has a correct pair: focused F1 is its F1 over three classes.
	if want := harmonic(0.25, 0.5) / 3; !near(p.FocusedF1, want) {
		t.Errorf("focused F1 = %v, want %v", p.FocusedF1, want)
	}
	if sum.Source != "" || sum.File != "" {
		t.Errorf("total names %q, %q", sum.Source, sum.File)
	}
	if empty := SumArguments(nil); len(empty.Pairs.Classes) != 4 || len(empty.Relations) != 5 {
		t.Errorf("sum of nothing: %d classes, %d kinds", len(empty.Pairs.Classes), len(empty.Relations))
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// TestSumEvaluations: counts add up over graphs, kinds that only one graph has
// are kept, "all" is summed again from the kinds, and the ratios come from the
// sums, not from averaging the graphs' own.
func TestSumEvaluations(t *testing.T) {
	evs := []Evaluation{{
		Source: "a", Entities: 4, MissedNames: []string{"x"},
		Claims: withF1(Score{Kind: "claims", Gold: 10, Found: 8, Matched: 6, Recalled: 5}),
		Relations: []KindScore{
			withF1(Score{Kind: "rebuts", Gold: 4, Found: 2, Matched: 1, Recalled: 1}),
			withF1(Score{Kind: "all", Gold: 4, Found: 2, Matched: 1, Recalled: 1}),
		},
	}, {
		Source: "b", Entities: 6, MissedNames: []string{},
		Claims: withF1(Score{Kind: "claims", Gold: 2, Found: 4, Matched: 2, Recalled: 2}),
		Relations: []KindScore{
			withF1(Score{Kind: "rebuts", Gold: 1, Found: 3, Matched: 1, Recalled: 1}),
			withF1(Score{Kind: "supports", Gold: 5, Found: 5, Matched: 4, Recalled: 3}),
			withF1(Score{Kind: "all", Gold: 6, Found: 8, Matched: 5, Recalled: 4}),
		},
	}}
	got := SumEvaluations(evs)
	want := Evaluation{
		Entities: 10, MentionRecall: 0.9, MissedNames: []string{"a/x"},
		Claims: withF1(Score{Kind: "claims", Gold: 12, Found: 12, Matched: 8, Recalled: 7}),
		Relations: []KindScore{
			withF1(Score{Kind: "rebuts", Gold: 5, Found: 5, Matched: 2, Recalled: 2}),
			withF1(Score{Kind: "supports", Gold: 5, Found: 5, Matched: 4, Recalled: 3}),
			withF1(Score{Kind: "all", Gold: 10, Found: 10, Matched: 6, Recalled: 5}),
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("SumEvaluations (-want +got)\n%s", diff)
	}
	if f := got.Relations[2].F1; f < 0.5454 || f > 0.5455 {
		t.Errorf("F1 of all = %v, want 6/11", f)
	}
}
