package pipeline

import (
	"os"
	"path/filepath"
	"testing"
)

func TestWithoutRejected(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"graph.yaml": `source:
  id: mini
  title: mini
  kind: interview
  language: en
  speakers: [ada, babbage]
  transcript: t.txt
entities:
  - {id: ada, kind: person, name: Ada Lovelace, aliases: [Ada]}
  - {id: babbage, kind: person, name: Charles Babbage, aliases: [Babbage]}
`,
		"t.txt": "Ada said that engines will compose music. Babbage said it only calculates.\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	loaded, err := Load([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	g := loaded.Graphs[0]
	res, _, err := Extract(g, g.Transcript, RuleOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Claims) != 2 {
		t.Fatalf("the rules find %d claims, want 2", len(res.Claims))
	}
	if got, _, err := WithoutRejected(g, res); err != nil || len(got.Claims) != 2 {
		t.Fatalf("without decisions: %d claims (%v), want 2", len(got.Claims), err)
	}
	if _, _, err := Review(g, res, ReviewOptions{Decide: &FindingDecision{ID: "it-only-calculates"}}); err != nil {
		t.Fatal(err)
	}
	got, ds, err := WithoutRejected(g, res)
	if err != nil || len(ds) > 0 {
		t.Fatal(err, ds)
	}
	if len(got.Claims) != 1 || got.Claims[0].Text != "engines will compose music" {
		t.Errorf("claims after rejecting it-only-calculates: %+v", got.Claims)
	}
}
