package rules

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/graphbuilder/graph/internal/diag"
	"github.com/graphbuilder/graph/schema"
)

func TestRequiredLiterals(t *testing.T) {
	tests := []struct {
		pattern string
		want    []string
	}{
		{"{agent} ...(批评|抨击)(了)? {target}", []string{"批评", "抨击"}},
		{"{speaker} ...\\b(said|says)\\b {claim}", []string{"said", "says"}},
		{"(?i)(^|\\b)(Critics|some) argue {claim}", []string{"argue"}},
		{"{speaker} {claim}", nil},
	}
	s := schema.Core()
	for _, tt := range tests {
		r := &Rule{Kind: KindClaim, Pattern: tt.pattern}
		if strings.Contains(tt.pattern, "{target}") {
			r.Kind = KindRelation
		}
		if ds := r.compile(diag.Range{}, s); ds.HasErrors() {
			t.Fatalf("%s: %v", tt.pattern, ds)
		}
		got := append([]string(nil), r.Cues...)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s cues (-want +got)\n%s", tt.pattern, diff)
		}
	}
}

func TestParseReportsEveryProblem(t *testing.T) {
	data := []byte(`pack: p
pronouns: [he]
rules:
  - id: a
    kind: claim
    pattern: "{claim"
    confidence: 0.5
  - id: b
    kind: relation
    pattern: "{agent} hits {target}"
    confidence: 0.5
  - id: c
    kind: claim
    pattern: "{speaker} says {claim}"
    confidence: 0.5
    links: [{relation: undercuts, to: main}]
`)
	_, ds := Parse("p.yaml", data, schema.Core())
	got := ds.Error()
	for _, want := range []string{
		`p.yaml:6:14: a claim rule needs a {claim} slot`,
		`p.yaml:8:9: relation rule "b" needs a relation kind`,
		`p.yaml:16:24: link relation "undercuts" must be an argument kind that joins claims`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
}
