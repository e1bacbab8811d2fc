package interview

import (
	"os"
	"path/filepath"
	"strings"
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

func TestClaimRefsAcrossSources(t *testing.T) {
	a, b := "testdata/refs/a/graph.yaml", "testdata/refs/b/graph.yaml"

	// Alone, b cannot see a: its references are taken as written.
	graphs, ds := NewLoader(schema.Core()).LoadAll([]string{b})
	if len(ds) != 0 || len(graphs) != 1 {
		t.Fatalf("b alone: %d graphs, diagnostics:\n%v", len(graphs), ds)
	}
	rels := graphs[0].Relations
	if rels[1].To != "a/engines-composes" || rels[3].From != "engines-calculate" {
		t.Errorf("references not kept, or this source's own not made local: %+v", rels)
	}
	if rels[0].By != "sam" || rels[3].By != "sam" {
		t.Errorf("stated-by not filled: %q, %q", rels[0].By, rels[3].By)
	}

	// Together, the typo in b is found, with the claim it probably meant, and b is
	// left out; a reference to a source that is not loaded is still accepted.
	graphs, ds = NewLoader(schema.Core()).LoadAll([]string{a, b})
	var got []string
	for _, d := range ds {
		got = append(got, d.Error())
	}
	want := []string{`testdata/refs/b/graph.yaml:20:9: unknown claim "engines-composes" of source a (testdata/refs/a/graph.yaml) (did you mean "a/engines-compose"?)`}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("diagnostics (-want +got)\n%s", diff)
	}
	if len(graphs) != 1 || graphs[0].Source.ID != "a" {
		t.Errorf("only a should load, got %d graphs", len(graphs))
	}
}

func TestMalformedClaimRef(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("t.txt", "x")
	write("graph.yaml", `source: {id: s, title: S, kind: interview, transcript: t.txt}
entities: [{id: ada, kind: person, name: Ada}]
claims: [{id: c, speaker: ada, text: C}]
relations:
  - {kind: rebuts, from: c, to: a/b/c}
  - {kind: rebuts, from: c, to: s/missing}
  - {kind: criticizes, from: other/c, to: ada}
  - {kind: rebuts, from: c, to: other/c}
`)
	_, ds := NewLoader(schema.Core()).Load(filepath.Join(dir, "graph.yaml"))
	var got []string
	for _, d := range ds {
		got = append(got, strings.TrimPrefix(d.Error(), dir+string(filepath.Separator)))
	}
	want := []string{
		`graph.yaml:5:33: "a/b/c" is not a claim of another source (write SOURCE-ID/CLAIM-ID, such as amodei-2025/no-diminishing-returns)`,
		`graph.yaml:6:33: unknown id "missing"`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("diagnostics (-want +got)\n%s", diff)
	}
}
