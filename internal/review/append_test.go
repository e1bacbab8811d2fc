package review

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestAppendAccepted(t *testing.T) {
	r := &Review{
		Claims: []Claim{
			{ID: "new-claim", Speaker: "ada", Text: "a claim", Quote: "a claim", Status: Accepted},
			{ID: "proposed-claim", Speaker: "ada", Text: "b", Status: Proposed},
		},
		Relations: []Relation{
			{ID: "rebuts-old", Kind: "rebuts", From: "new-claim", To: "old", Status: Accepted},
			{ID: "rebuts-proposed", Kind: "rebuts", From: "proposed-claim", To: "old", Status: Accepted},
		},
	}
	claim := "- id: new-claim\n  speaker: ada\n  text: a claim\n  quote: a claim\n"
	rel := "- id: rebuts-old\n  kind: rebuts\n  from: new-claim\n  to: old\n"
	tests := []struct {
		name, in, want string
		err            error
	}{
		{"no lists", "source: {}\n", "source: {}\nclaims:\n" + indented(claim) + "relations:\n" + indented(rel), nil},
		{"empty lists", "source: {}\nclaims: []\nrelations:\n# end\n",
			"source: {}\nclaims:\n" + indented(claim) + "relations:\n" + indented(rel) + "# end\n", nil},
		{"between keys", "claims:\n  - id: old\n\n# the edges\nrelations:\n  - kind: x\nsource: {}",
			"claims:\n  - id: old\n" + indented(claim) + "\n# the edges\nrelations:\n  - kind: x\n" + indented(rel) + "source: {}\n", nil},
		{"flow list", "claims: [{id: old}]\n", "", ErrFlowList},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, nc, nr, err := r.AppendAccepted([]byte(tt.in))
			if !errors.Is(err, tt.err) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			if err != nil {
				return
			}
			if nc != 1 || nr != 1 {
				t.Errorf("appended %d claims and %d relations, want 1 and 1", nc, nr)
			}
			if diff := cmp.Diff(tt.want, string(out)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// indented indents every line of s by two spaces.
func indented(s string) string {
	return "  " + strings.ReplaceAll(strings.TrimSuffix(s, "\n"), "\n", "\n  ") + "\n"
}
