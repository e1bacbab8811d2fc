package pipeline

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReviewSet: a review of a graph on disk, a decision recorded beside it, the
// rules run again only when the graph or its transcript changed (not for a
// decision or a second look), and an unknown source.
func TestReviewSet(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "g")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("graph.yaml", `source:
  id: mini
  title: mini
  kind: interview
  language: en
  transcript: t.txt
entities:
  - {id: ada, kind: person, name: Ada Lovelace, aliases: [Ada]}
  - {id: babbage, kind: person, name: Charles Babbage, aliases: [Babbage]}
`)
	write("t.txt", "Ada said that engines will compose music. Babbage said that engines only calculate.\n")
	rs, ds, err := NewReviewSet([]string{dir}, RuleOptions{})
	if err != nil {
		t.Fatal(err, ds)
	}
	if got := rs.Sources(); len(got) != 1 || got[0] != "mini" {
		t.Fatalf("sources %v", got)
	}
	r, err := rs.Review("mini", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Review.Claims) != 2 || r.Review.Claims[0].ID == "" {
		t.Fatalf("claims %+v", r.Review.Claims)
	}
	id := r.Review.Claims[0].ID
	if _, err := rs.Review("mini", &FindingDecision{ID: id, Accept: false}); err != nil {
		t.Fatal(err)
	}
	r, err = rs.Review("mini", nil)
	if err != nil {
		t.Fatal(err)
	}
	if st := r.Review.Claims[0].Status; st != "rejected" || rs.extractions != 1 {
		t.Errorf("after a decision: %s, %d runs of the rules, want rejected and 1", st, rs.extractions)
	}
	write("t.txt", "Ada said that engines will compose music. Babbage said that engines only calculate. Ada said that they will weave patterns.\n")
	r, err = rs.Review("mini", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Review.Claims) != 3 || rs.extractions != 2 {
		t.Errorf("after the transcript changed: %d claims, %d runs of the rules, want 3 and 2", len(r.Review.Claims), rs.extractions)
	}
	if _, err := rs.Review("mimi", nil); !errors.Is(err, ErrNoSource) || !strings.HasSuffix(err.Error(), `"mimi"; did you mean "mini"?`) {
		t.Errorf("a misspelt source: %v", err)
	}
	if _, err := rs.Review("another-source", nil); !errors.Is(err, ErrNoSource) || !strings.HasSuffix(err.Error(), "(the sources under review: mini)") {
		t.Errorf("an unknown source: %v", err)
	}
}
