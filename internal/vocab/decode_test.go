package vocab_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/graphbuilder/graph/internal/vocab"
)

var update = flag.Bool("update", false, "rewrite testdata/decode.golden")

// readNQuads reads N-Quads files into one list.
func readNQuads(t *testing.T, paths ...string) []quad.Quad {
	t.Helper()
	var out []quad.Quad
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		qs, err := quad.ReadAll(nquads.NewReader(bytes.NewReader(data), false))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		out = append(out, qs...)
	}
	return out
}

// decodeInput is what package rdf writes for docs/example (pinned by its own
// test), and testdata/extra.nq: a catalog, extracted findings with their rule,
// confidence and evidence, an undercut, a claim of a source that was not read,
// link nodes and <same_as>, a blank node and predicates graph does not know.
func decodeInput(t *testing.T) []quad.Quad {
	return readNQuads(t, "../rdf/testdata/example.nq", "testdata/extra.nq")
}

// TestDecodeGolden pins the whole decoded model of decodeInput.
func TestDecodeGolden(t *testing.T) {
	got, err := json.MarshalIndent(vocab.Decode(decodeInput(t)), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	const path = "testdata/decode.golden"
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s is out of date (-want +got; run go test -update if the change is meant):\n%s", path, diff)
	}
}

func TestDecodeIgnoresOrderAndRepeats(t *testing.T) {
	want := vocab.Decode(decodeInput(t))
	for seed := range uint64(5) {
		qs := decodeInput(t)
		qs = append(qs, qs[:9]...)
		r := rand.New(rand.NewPCG(seed, 1))
		r.Shuffle(len(qs), func(i, j int) { qs[i], qs[j] = qs[j], qs[i] })
		got := vocab.Decode(qs)
		if diff := cmp.Diff(want, got, cmpopts.IgnoreUnexported(vocab.Graph{})); diff != "" {
			t.Fatalf("seed %d (-want +got):\n%s", seed, diff)
		}
	}
}

func TestDecodeModel(t *testing.T) {
	g := vocab.Decode(decodeInput(t))
	if len(g.Sources) != 2 || g.Sources[0].ID != "lovelace-1843" || g.Sources[1].Author != "sam-writer" {
		t.Errorf("sources: %+v", g.Sources)
	}
	if len(g.Catalogs) != 1 || g.Catalogs[0].ID != "labs" {
		t.Errorf("catalogs: %+v", g.Catalogs)
	}
	ada := entity(g, "ada-lovelace")
	if ada == nil || ada.Kind != "person" || ada.Name != "Ada Lovelace" ||
		!cmp.Equal(ada.Defined, []string{"source/lovelace-1843", "source/other-talk"}) ||
		!cmp.Equal(ada.Mentioned, []string{"source/lovelace-1843", "source/other-talk"}) {
		t.Errorf("ada-lovelace: %+v", ada)
	}
	if e := entity(g, "engine-co"); e == nil || !cmp.Equal(e.Catalogs, []string{"labs"}) ||
		!cmp.Equal(e.Names, []string{"Analytical Engine Co.", "Analytical Engine Company"}) {
		t.Errorf("engine-co: %+v", e)
	}
	var x1 *vocab.ClaimNode
	for _, c := range g.Claims {
		if c.ID == "x1" {
			x1 = c
		}
	}
	if x1 == nil || x1.Source != "lovelace-1843" || x1.Origin != vocab.OriginExtracted || x1.Confidence != 0.7 ||
		x1.Evidence != (vocab.Span{Start: 189, End: 240}) || x1.Topic != "Music" {
		t.Errorf("extracted claim: %+v", x1)
	}
	var music *vocab.ClaimNode
	for _, c := range g.Claims {
		if c.ID == "engines-compose-music" {
			music = c
		}
	}
	if music == nil || music.QuoteSpan != (vocab.Span{Start: 42, End: 90}) || !cmp.Equal(music.About, []string{"computing"}) {
		t.Errorf("curated claim: %+v", music)
	}
	if len(g.Relations) != 3 {
		t.Fatalf("relations: %+v", g.Relations)
	}
	for _, r := range g.Relations {
		if r.Label != "source/lovelace-1843" || r.Source != "lovelace-1843" {
			t.Errorf("relation %s: label %q, source %q", r.IRI, r.Label, r.Source)
		}
	}
	if len(g.Links) != 1 || g.Links[0].Score != 0.95 || g.Links[0].B != "augusta-king" {
		t.Errorf("links: %+v", g.Links)
	}
	// Shortcuts behind relation nodes are part of them; the one without is a
	// statement, as are facts, assertions, topics and <same_as>.
	has := map[vocab.Statement]bool{}
	for _, s := range g.Statements {
		has[s] = true
		if s.Predicate == "criticizes" && s.Subject == "ada-lovelace" || s.Predicate == "undercuts" {
			t.Errorf("shortcut of a relation node kept: %+v", s)
		}
	}
	for _, s := range []vocab.Statement{
		{"sam-writer", "supports", "claim/other-talk/engines-weave", "source/lovelace-1843"},
		{"ada-lovelace", "worked_at", "engine-co", "source/lovelace-1843"},
		{"ada-lovelace", "same_as", "augusta-king", "link"},
		{"ada-lovelace", "knows", "sam-writer", ""},
		{"claim/lovelace-1843/engines-compose-music", "about", "computing", "source/lovelace-1843"},
	} {
		if !has[s] {
			t.Errorf("missing statement %+v", s)
		}
	}
	untyped := map[string]bool{}
	for _, u := range g.Untyped {
		untyped[u.ID] = true
	}
	for _, id := range []string{"augusta-king", "babbage-works", "claim/other-talk/engines-weave", "_:anon"} {
		if !untyped[id] {
			t.Errorf("%s is not among the untyped nodes", id)
		}
	}
	if g.Kind("rel/extracted-1") != "relation" || g.Kind("augusta-king") != "" {
		t.Error("Kind")
	}
}

func entity(g *vocab.Graph, id string) *vocab.EntityNode {
	for _, e := range g.Entities {
		if e.ID == id {
			return e
		}
	}
	return nil
}

// TestDecodeNeverFails feeds quads of every shape: nothing panics, nothing is
// made of quads with a literal subject or predicate.
func TestDecodeNeverFails(t *testing.T) {
	vals := []quad.Value{nil, quad.IRI("a"), quad.IRI("type"), quad.IRI("relation"), quad.BNode("b"),
		quad.String("s"), quad.Int(1), quad.Float(0.5), quad.LangString{Value: "x", Lang: "en"}}
	for _, s := range vals {
		for _, p := range vals {
			for _, o := range vals {
				for _, l := range vals[:3] {
					vocab.Decode([]quad.Quad{{Subject: s, Predicate: p, Object: o, Label: l}})
				}
			}
		}
	}
	g := vocab.Decode([]quad.Quad{{Subject: quad.String("x"), Predicate: vocab.Name, Object: quad.String("y")}})
	if len(g.Untyped)+len(g.Entities)+len(g.Statements) != 0 {
		t.Errorf("a literal subject made %+v", g)
	}
}
