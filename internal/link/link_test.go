package link

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/google/go-cmp/cmp"

	"github.com/graphbuilder/graph/internal/interview"
	"github.com/graphbuilder/graph/internal/rdf"
	"github.com/graphbuilder/graph/internal/vocab"
	"github.com/graphbuilder/graph/schema"
)

// fixture builds testdata/profile-en and testdata/news-zh, two graphs written
// without knowing each other, into quads, and reads their entities.
func fixture(t *testing.T) []Entity {
	t.Helper()
	files, err := interview.Find([]string{"testdata"})
	if err != nil {
		t.Fatal(err)
	}
	graphs, ds := interview.NewLoader(schema.Core()).LoadAll(files)
	if len(ds) != 0 {
		t.Fatal(ds)
	}
	var qs []quad.Quad
	for _, g := range graphs {
		for _, s := range rdf.Sets(g) {
			qs = append(qs, s.Quads...)
		}
	}
	sch := schema.Core()
	return Read(qs, func(k string) bool { n := sch.Node(k); return n != nil && n.Entity })
}

type row struct {
	Status Status
	A, B   string
	Score  float64
	Reason string
}

func rows(r *Result) []row {
	var out []row
	for _, p := range r.Pairs {
		out = append(out, row{p.Status, p.A, p.B, p.Score, p.Reason})
	}
	return out
}

func TestReadGathersNamesAndScope(t *testing.T) {
	es := fixture(t)
	var ids []string
	for _, e := range es {
		ids = append(ids, e.ID)
	}
	want := []string{"amodei", "anthropic", "anthropic-company", "daniela-amodei", "dario-amodei", "meta", "meta-platforms"}
	if diff := cmp.Diff(want, ids); diff != "" {
		t.Fatalf("entities (-want +got)\n%s", diff)
	}
	d := es[slices.IndexFunc(es, func(e Entity) bool { return e.ID == "dario-amodei" })]
	if d.Kind != "person" || d.Names[0] != "Dario Amodei" || !slices.Contains(d.Names, "达里奥·阿莫迪") {
		t.Errorf("dario-amodei read as %+v", d)
	}
	if diff := cmp.Diff([]string{"source/profile-en"}, d.Scope); diff != "" {
		t.Errorf("scope (-want +got)\n%s", diff)
	}
}

func TestResolveFixture(t *testing.T) {
	res, ds := Resolve(fixture(t), nil)
	if len(ds) != 0 {
		t.Fatal(ds)
	}
	want := []row{
		{Linked, "amodei", "dario-amodei", 0.9, `full name "达里奥·阿莫迪"`},
		{Linked, "anthropic", "anthropic-company", 0.9, `same name "Anthropic"`},
		{Linked, "meta", "meta-platforms", 1, "same wikidata id Q380"},
		{Ambiguous, "daniela-amodei", "dario-amodei", 0.3, `surname "Amodei" only; full names differ: "Daniela Amodei", "Dario Amodei"`},
	}
	if diff := cmp.Diff(want, rows(res)); diff != "" {
		t.Errorf("pairs (-want +got)\n%s", diff)
	}
	wantGroups := [][]string{{"amodei", "dario-amodei"}, {"anthropic", "anthropic-company"}, {"meta", "meta-platforms"}}
	if diff := cmp.Diff(wantGroups, res.Groups); diff != "" {
		t.Errorf("groups (-want +got)\n%s", diff)
	}
}

func TestResolveRules(t *testing.T) {
	es := []Entity{
		{ID: "amodei-person", Kind: "person", Names: []string{"Amodei"}, Scope: []string{"source/a"}},
		{ID: "amodei-co", Kind: "company", Names: []string{"Amodei"}, Scope: []string{"source/b"}},
		{ID: "lab", Kind: "organization", Names: []string{"OpenAI"}, Scope: []string{"source/a"}},
		{ID: "openai", Kind: "company", Names: []string{"OpenAI"}, Scope: []string{"catalog/labs"}},
		{ID: "q1", Kind: "company", Names: []string{"Acme"}, Wikidata: []string{"Q1"}, Scope: []string{"source/a"}},
		{ID: "q2", Kind: "company", Names: []string{"Acme"}, Wikidata: []string{"Q2"}, Scope: []string{"source/b"}},
		{ID: "x", Kind: "concept", Names: []string{"scaling"}, Scope: []string{"source/c"}},
		{ID: "y", Kind: "concept", Names: []string{"scaling"}, Scope: []string{"source/c", "source/d"}},
		{ID: "z", Kind: "concept", Names: []string{"scaling laws"}, Scope: []string{"source/e"}},
	}
	res, _ := Resolve(es, nil)
	want := []row{
		// A company and an organization of one name are one; a person never links to
		// a company; different wikidata ids keep one name apart; two entities one
		// source names were told apart by its curator.
		{Linked, "lab", "openai", 0.9, `same name "OpenAI"`},
	}
	if diff := cmp.Diff(want, rows(res)); diff != "" {
		t.Errorf("pairs (-want +got)\n%s", diff)
	}
}

func TestDecisionsOverrideScores(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "links.yaml")
	os.WriteFile(file, []byte("reject:\n  - [amodei, dario-amodei]\naccept:\n  - [daniela-amodei, dario-amodei]\n  - [anthropic, meta]\n"), 0o644)
	d, ds := LoadDecisions(file)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	es := fixture(t)
	if ds := d.Check(es); len(ds) != 0 {
		t.Fatal(ds)
	}
	res, ds := Resolve(es, d)
	var got []string
	for _, r := range rows(res) {
		got = append(got, string(r.Status)+" "+r.A+" "+r.B)
	}
	want := []string{
		"linked anthropic anthropic-company",
		"linked meta meta-platforms",
		"accepted anthropic meta",
		"accepted daniela-amodei dario-amodei",
		"rejected amodei dario-amodei",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("pairs (-want +got)\n%s", diff)
	}
	if len(res.Groups) != 2 || len(res.Groups[0]) != 4 {
		t.Errorf("groups: %v", res.Groups)
	}
	if len(ds) != 0 {
		t.Errorf("unexpected diagnostics: %v", ds)
	}
}

func TestRejectedButJoined(t *testing.T) {
	es := []Entity{
		{ID: "a", Kind: "person", Names: []string{"Ada Lovelace"}, Scope: []string{"source/1"}},
		{ID: "b", Kind: "person", Names: []string{"Ada Lovelace"}, Scope: []string{"source/2"}},
		{ID: "c", Kind: "person", Names: []string{"Ada Lovelace"}, Scope: []string{"source/3"}},
	}
	d := &Decisions{List: []Decision{{A: "a", B: "c"}}}
	_, ds := Resolve(es, d)
	if len(ds) != 1 || !strings.Contains(ds[0].Summary, "a and c are rejected as one, but other links join them (through b)") {
		t.Errorf("diagnostics: %v", ds)
	}
}

func TestQuadsAreStableAndBothWays(t *testing.T) {
	res, _ := Resolve(fixture(t), nil)
	qs := Quads(res)
	text := string(vocab.NQuads(vocab.Sorted(qs)))
	for _, want := range []string{
		"<amodei> <same_as> <dario-amodei> <link> .",
		"<dario-amodei> <same_as> <amodei> <link> .",
		"<" + string(vocab.LinkIRI("dario-amodei", "amodei")) + "> <status> \"linked\" <link> .",
		"<" + string(vocab.LinkIRI("daniela-amodei", "dario-amodei")) + "> <status> \"ambiguous\" <link> .",
	} {
		if !strings.Contains(text, want+"\n") {
			t.Errorf("missing %s", want)
		}
	}
	if strings.Contains(text, "<daniela-amodei> <same_as>") {
		t.Error("an ambiguous pair was merged")
	}
	if vocab.LinkIRI("a", "b") != vocab.LinkIRI("b", "a") {
		t.Error("a link's IRI depends on the order of its ids")
	}
	again, _ := Resolve(fixture(t), nil)
	if string(vocab.NQuads(vocab.Sorted(Quads(again)))) != text {
		t.Error("two runs on the same store gave different quads")
	}
}
