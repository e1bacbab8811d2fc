package review

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/graphbuilder/graph/internal/argument"
	"github.com/graphbuilder/graph/internal/entities"
	"github.com/graphbuilder/graph/internal/extract/finding"
	"github.com/graphbuilder/graph/internal/interview"
)

func TestClaimSlug(t *testing.T) {
	tests := []struct {
		speaker, text string
		about         []string
		want          string
	}{
		{"ada", "engines will compose music", nil, "engines-will-compose-music"},
		{"ada", "Engines don't think, they calculate and nothing more at all", nil, "engines-dont-think-they-calculate-and"},
		{"dario-amodei", "AI 的进步已经碰上了回报递减", []string{"diminishing-returns"}, "dario-amodei-on-diminishing-returns"},
		{"dario-amodei", "指数增长", []string{"exponential-growth", "short-timelines"}, "dario-amodei-on-exponential-growth"},
		{"critics", "Anthropic 资源不够，斗不过科技巨头", nil, "critics-anthropic"},
		{"critics", "资源不够", nil, "critics-claim"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := claimSlug(tt.speaker, tt.text, tt.about); got != tt.want {
				t.Errorf("claimSlug(%q, %q, %q) = %q, want %q", tt.speaker, tt.text, tt.about, got, tt.want)
			}
		})
	}
}

// fixture is a graph with one curated claim, and findings: a claim that is the
// curated one, two new claims, a relation between them and one to the curated claim.
func fixture() (*interview.Graph, *finding.Result) {
	text := "Ada said engines compose music. Babbage said it only calculates. Ada said engines weave."
	g := &interview.Graph{
		File:       "g/graph.yaml",
		Transcript: text,
		Entities: []entities.Entity{
			{ID: "ada", Kind: "person"}, {ID: "babbage", Kind: "person"}, {ID: "engines", Kind: "concept"},
		},
		Claims: []argument.Claim{{ID: "only-calculates", Speaker: "babbage", Quote: "it only calculates", Span: span(text, "it only calculates")}},
	}
	music, calc, weave := span(text, "engines compose music"), span(text, "it only calculates"), span(text, "engines weave")
	res := &finding.Result{
		Claims: []finding.Claim{
			{ID: "x-0000000003", Speaker: "ada", Text: "engines weave", Span: weave, About: []string{"engines", "unknown"}, Rule: "r.c", Confidence: 0.7},
			{ID: "x-0000000001", Speaker: "ada", Text: "engines compose music", Span: music, About: []string{"engines"}, Rule: "r.c", Confidence: 0.7},
			{ID: "x-0000000002", Speaker: "babbage", Text: "it only calculates", Span: calc, Rule: "r.c", Confidence: 0.7},
		},
		Relations: []finding.Relation{
			{Kind: "supports", From: "x-0000000003", To: "x-0000000001", Evidence: weave, Quote: "Ada said engines weave.", Rule: "r.l", Confidence: 0.45},
			{Kind: "rebuts", From: "x-0000000002", To: "x-0000000001", Evidence: calc, Quote: "Babbage said it only calculates.", Rule: "r.l", Confidence: 0.7},
		},
	}
	return g, res.Normalize()
}

func span(text, quote string) argument.Span {
	i := len([]rune(text[:strings.Index(text, quote)]))
	return argument.Span{Start: i, End: i + len([]rune(quote))}
}

func TestNew(t *testing.T) {
	g, res := fixture()
	r, ds := New(g, res, nil)
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	type row struct{ ID, Status, Curated string }
	var got []row
	for _, c := range r.Claims {
		got = append(got, row{c.ID, string(c.Status), c.Curated})
	}
	want := []row{
		{"engines-compose-music", "proposed", ""},
		{"", "matched", "only-calculates"},
		{"engines-weave", "proposed", ""},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("claims (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"engines"}, r.Claims[2].About); diff != "" {
		t.Errorf("about keeps only entities of the graph (-want +got):\n%s", diff)
	}
	type rel struct{ ID, Kind, From, To string }
	var rels []rel
	for _, x := range r.Relations {
		rels = append(rels, rel{x.ID, x.Kind, x.From, x.To})
	}
	wantRels := []rel{
		{"rebuts-engines-compose-music", "rebuts", "only-calculates", "engines-compose-music"},
		{"supports-engines-compose-music", "supports", "engines-weave", "engines-compose-music"},
	}
	if diff := cmp.Diff(wantRels, rels); diff != "" {
		t.Errorf("relations (-want +got):\n%s", diff)
	}
}

func TestDecisions(t *testing.T) {
	g, res := fixture()
	file := filepath.Join(t.TempDir(), DefaultFile)
	if err := os.WriteFile(file, []byte("# kept\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, d := range []struct {
		id, key string
		accept  bool
	}{{"engines-compose-music", "x-0000000001", false}, {"engines-weave", "x-0000000003", true}, {"engines-weave", "x-0000000003", true}} {
		if _, err := Decide(file, d.id, d.key, d.accept); err != nil {
			t.Fatal(err)
		}
	}
	data, _ := os.ReadFile(file)
	if !strings.HasPrefix(string(data), "# kept\n") {
		t.Errorf("the file's comment is lost:\n%s", data)
	}
	dec, ds := Load(file)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	if len(dec.List) != 2 {
		t.Fatalf("%d decisions, want 2:\n%s", len(dec.List), data)
	}
	r, ds := New(g, res, dec)
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	// Rejecting a claim rejects the relations that name it.
	rejected := r.Rejected()
	for _, k := range []string{"x-0000000001", RelationKey(res.Relations[0]), RelationKey(res.Relations[1])} {
		if !rejected[k] {
			t.Errorf("%s is not rejected; rejected: %v", k, rejected)
		}
	}
	if r.Claims[2].Status != Accepted {
		t.Errorf("engines-weave is %s, want accepted", r.Claims[2].Status)
	}
	var out strings.Builder
	if err := r.WriteYAML(&out); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out.String(), "id: engines-compose-music") || !strings.Contains(out.String(), "id: engines-weave # accepted; rule r.c 0.70") {
		t.Errorf("YAML:\n%s", out.String())
	}
}

func FuzzLoad(f *testing.F) {
	f.Add("accept:\n  - a\nreject:\n  - {id: b, finding: x-0123456789}\n")
	f.Add("reject: [{id: a, key: b}, 3, [x]]\n")
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data string) {
		file := filepath.Join(dir, DefaultFile)
		if err := os.WriteFile(file, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		d, ds := Load(file)
		if d == nil && !ds.HasErrors() {
			t.Fatalf("no decisions and no error for %q", data)
		}
	})
}

// TestDecisionByID checks that a decision whose finding key no finding has (keys
// made another way) still holds by its id, and that a stale one is a warning.
func TestDecisionByID(t *testing.T) {
	g, res := fixture()
	d := &Decisions{File: "findings.yaml", List: []Decision{
		{ID: "engines-weave", Finding: "x-ffffffffff", Accept: true},
		{ID: "engines-compose-musik", Finding: "x-eeeeeeeeee"},
	}}
	r, ds := New(g, res, d)
	if r.Claims[2].Status != Accepted {
		t.Errorf("engines-weave is %s, want accepted", r.Claims[2].Status)
	}
	if len(ds) != 1 || !strings.Contains(ds[0].Error(), `did you mean "engines-compose-music"?`) {
		t.Errorf("diagnostics: %v", ds)
	}
}

// TestRelationEndsSaid: a proposed relation says, as comments on its ends, what
// each claim end says and who says it, so that it can be judged where it is; an
// entity end has none.
func TestRelationEndsSaid(t *testing.T) {
	g, res := fixture()
	r, ds := New(g, res, nil)
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	var out strings.Builder
	if err := r.WriteYAML(&out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`    from: only-calculates # babbage: "it only calculates"`,
		`    to: engines-compose-music # ada: "engines compose music"`,
		`    from: engines-weave # ada: "engines weave"`,
	} {
		if !strings.Contains(out.String(), want+"\n") {
			t.Errorf("no line %q in\n%s", want, out.String())
		}
	}
}
