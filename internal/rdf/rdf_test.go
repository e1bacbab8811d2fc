package rdf

import (
	"bytes"
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/graphbuilder/graph/internal/interview"
	"github.com/graphbuilder/graph/internal/vocab"
	"github.com/graphbuilder/graph/schema"
)

var update = flag.Bool("update", false, "rewrite testdata/example.nq")

// TestExampleQuads pins the quads of docs/example: every IRI, predicate, literal and
// offset. A change here changes what users' queries see, so review the diff.
func TestExampleQuads(t *testing.T) {
	g, ds := interview.NewLoader(schema.Core()).Load("../../docs/example/graph.yaml")
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	sets := Sets(g)
	if len(sets) != 1 || sets[0].Label != vocab.SourceIRI("lovelace-1843") {
		t.Fatalf("unexpected sets: %+v", sets)
	}
	got := vocab.NQuads(sets[0].Quads)
	if *update {
		os.WriteFile("testdata/example.nq", got, 0o644)
	}
	want, err := os.ReadFile("testdata/example.nq")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
	again := vocab.NQuads(Sets(g)[0].Quads)
	if !bytes.Equal(got, again) {
		t.Error("two mappings of one graph differ")
	}
}

// TestClaimRefIRI checks that a relation naming a claim of another source ends at that
// claim's IRI, whether or not the other source was loaded, and that the relation's
// IRI depends only on what is written.
func TestClaimRefIRI(t *testing.T) {
	b := "../interview/testdata/refs/b/graph.yaml"
	g, ds := interview.NewLoader(schema.Core()).Load(b)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	nq := string(vocab.NQuads(Sets(g)[0].Quads))
	for _, want := range []string{
		"<claim/b/engines-calculate> <rebuts> <claim/a/engines-compose> <source/b> .",
		"<claim/b/engines-calculate> <rebuts> <claim/elsewhere/some-claim> <source/b> .",
		"<claim/b/engines-calculate> <supports> <claim/elsewhere/other-claim> <source/b> .",
		"<" + string(vocab.RelationIRI("b", vocab.ClaimIRI("b", "engines-calculate"), "rebuts", vocab.ClaimIRI("a", "engines-compose"))) + "> <to> <claim/a/engines-compose> <source/b> .",
	} {
		if !strings.Contains(nq, want+"\n") {
			t.Errorf("missing quad %s", want)
		}
	}
	if strings.Contains(nq, "<a/engines-compose>") || strings.Contains(nq, "<mentions> <claim/") {
		t.Errorf("a reference was written as an entity:\n%s", nq)
	}
}
