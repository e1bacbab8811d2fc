package aif

import (
	"bytes"
	"sort"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/google/go-cmp/cmp"

	"github.com/graphbuilder/graph/internal/export"
	"github.com/graphbuilder/graph/internal/interview"
	"github.com/graphbuilder/graph/internal/rdf"
	"github.com/graphbuilder/graph/schema"
)

// argumentMap is what survives a trip through AIF: claims with their speakers'
// names, and the edges between claims by the texts of their ends.
type argumentMap struct {
	Claims []string // "speaker name | text"
	Edges  []string // "kind | from text | to text", or "undercuts | from text | (edge)"
}

func (m *argumentMap) sort() {
	sort.Strings(m.Claims)
	m.Edges = uniqueSorted(m.Edges)
}

func uniqueSorted(xs []string) []string {
	sort.Strings(xs)
	out := xs[:0]
	for i, x := range xs {
		if i == 0 || x != xs[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// aifKind is the kind an edge between claims comes back as: AIF has one conflict
// node for both rebuts and criticizes.
func aifKind(kind string) string {
	if kind == "criticizes" {
		return "rebuts"
	}
	return kind
}

// mapOf reads the argument map of a graph as [Write] describes what it
// keeps: claims, and supports, rebuts and criticizes between claims, and undercuts
// of those.
func mapOf(g *interview.Graph) argumentMap {
	var m argumentMap
	names := map[string]string{}
	for _, e := range g.AllEntities() {
		names[e.ID] = e.Name
	}
	text := map[string]string{}
	for _, c := range g.Claims {
		text[c.ID] = c.Text
		m.Claims = append(m.Claims, names[c.Speaker]+" | "+c.Text)
	}
	byID := map[string]string{}
	for _, r := range g.Relations {
		from, ok1 := text[r.From]
		to, ok2 := text[r.To]
		switch r.Kind {
		case "supports", "rebuts", "criticizes", "rephrases":
			if ok1 && ok2 {
				key := aifKind(r.Kind) + " | " + from + " | " + to
				m.Edges = append(m.Edges, key)
				if r.ID != "" {
					byID[r.ID] = key
				}
			}
		}
	}
	for _, r := range g.Relations {
		if from, ok := text[r.From]; ok && r.Kind == "undercuts" && byID[r.To] != "" {
			m.Edges = append(m.Edges, "undercuts | "+from+" | ("+byID[r.To]+")")
		}
	}
	m.sort()
	return m
}

func loadGraphs(t *testing.T, paths ...string) []*interview.Graph {
	t.Helper()
	files, err := interview.Find(paths)
	if err != nil {
		t.Fatal(err)
	}
	graphs, ds := interview.NewLoader(schema.Core()).LoadAll(files)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	return graphs
}

// TestRoundTripThroughExport writes curated graphs as AIF with package export's
// encoder and reads them back: the same claims, said by the same people, and the
// same edges between them.
func TestRoundTripThroughExport(t *testing.T) {
	for _, path := range []string{"../../docs/example", "../../examples/amodei-2025"} {
		t.Run(path, func(t *testing.T) {
			g := loadGraphs(t, path)[0]
			var qs []quad.Quad
			for _, s := range rdf.Sets(g) {
				qs = append(qs, s.Quads...)
			}
			var buf bytes.Buffer
			if err := Write(&buf, export.NewMap(qs)); err != nil {
				t.Fatal(err)
			}
			ns, ds := Parse("export.json", buf.Bytes())
			if ds.HasErrors() {
				t.Fatal(ds)
			}
			res, ds := Convert(ns, Options{SourceID: "back"})
			if ds.HasErrors() {
				t.Fatal(ds)
			}
			want := mapOf(g)
			got := mapOf(res.Graph)
			if len(want.Edges) == 0 {
				t.Fatal("the graph has no edges between claims to compare")
			}
			undercuts := 0
			for _, e := range want.Edges {
				if strings.HasPrefix(e, "undercuts") {
					undercuts++
				}
			}
			t.Logf("%d claims, %d edges, %d of them undercuts", len(want.Claims), len(want.Edges), undercuts)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("after export and import (-curated +imported)\n%s", diff)
			}
			for _, c := range res.Graph.Claims {
				if c.Speaker == UnknownSpeaker {
					t.Errorf("claim %s lost its speaker", c.ID)
				}
			}
		})
	}
}

// TestCorpusRoundTripThroughExport imports each corpus file, exports the result as
// AIF and imports that: the same claims, speakers and edges, rephrases included.
func TestCorpusRoundTripThroughExport(t *testing.T) {
	for _, file := range corpusFiles(t) {
		first := importFile(t, file)
		var buf bytes.Buffer
		if err := Write(&buf, export.NewMap(first.Quads())); err != nil {
			t.Fatal(err)
		}
		ns, ds := Parse("export.json", buf.Bytes())
		if ds.HasErrors() {
			t.Fatal(ds)
		}
		second, ds := Convert(ns, Options{SourceID: "back"})
		if ds.HasErrors() {
			t.Fatalf("%s: %v", file, ds)
		}
		if diff := cmp.Diff(mapOf(first.Graph), mapOf(second.Graph)); diff != "" {
			t.Errorf("%s: after export and import (-imported +again)\n%s", file, diff)
		}
	}
}
