package interview

import (
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/graphbuilder/graph/schema"
)

func TestLoadAllChecksAcrossFiles(t *testing.T) {
	files, err := Find([]string{"testdata/cross"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"testdata/cross/a/graph.yaml", "testdata/cross/b/graph.yaml", "testdata/cross/c/graph.yaml"}
	if diff := cmp.Diff(want, files); diff != "" {
		t.Fatalf("Find (-want +got)\n%s", diff)
	}
	graphs, ds := NewLoader(schema.Core()).LoadAll(files)
	var got []string
	for _, d := range ds {
		got = append(got, d.Error())
	}
	wantDiags := []string{
		`testdata/cross/b/graph.yaml:2:7: source id "same" is already used by testdata/cross/a/graph.yaml`,
		`testdata/cross/c/graph.yaml:8:11: entity "ada" is a product here but a person at testdata/cross/a/graph.yaml:7:9`,
	}
	if diff := cmp.Diff(wantDiags, got); diff != "" {
		t.Errorf("diagnostics (-want +got)\n%s", diff)
	}
	if len(graphs) != 1 || graphs[0].Source.ID != "same" || filepath.Base(filepath.Dir(graphs[0].File)) != "a" {
		t.Errorf("only graph a should load cleanly, got %d graphs", len(graphs))
	}
}

func TestLoadLocatesQuotesAndFillsStatedBy(t *testing.T) {
	g, ds := NewLoader(schema.Core()).Load("../../docs/example/graph.yaml")
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	c := g.Claims[0]
	runes := []rune(g.Transcript)
	if got := string(runes[c.Span.Start:c.Span.End]); got != "compose elaborate and scientific pieces of\nmusic" {
		t.Errorf("quote located at %v: %q", c.Span, got)
	}
	if g.Relations[0].By != "sam-writer" || g.Relations[1].By != "ada-lovelace" {
		t.Errorf("stated-by not filled from the from-end: %q, %q", g.Relations[0].By, g.Relations[1].By)
	}
}
