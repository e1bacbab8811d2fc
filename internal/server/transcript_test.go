package server

import (
	"context"
	"net/http/httptest"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/graphbuilder/graph/internal/pipeline"
	"github.com/graphbuilder/graph/internal/store"
)

// TestTranscript reads the whole transcript of a timed dialogue and of prose: a
// claim's quote offsets fall inside one part, whose text holds the quote.
func TestTranscript(t *testing.T) {
	ts := newExampleServer(t, Options{})
	for _, tc := range []struct {
		source, claim string
		timed         bool
	}{
		{"ai-audits-2026", "claim/ai-audits-2026/flat-mandate-would-be-moat", true},
		{"amodei-2025", "claim/amodei-2025/scaling-diminishing-returns", false},
	} {
		t.Run(tc.source, func(t *testing.T) {
			code, doc := get(t, ts.URL+"/api/transcript?source="+tc.source)
			if code != 200 {
				t.Fatalf("status %d: %v", code, doc)
			}
			checkSchema(t, "serve-transcript.schema.json", doc)
			if doc["timed"] != tc.timed {
				t.Errorf("timed %v, want %v", doc["timed"], tc.timed)
			}
			_, node := get(t, ts.URL+"/api/node?id="+tc.claim)
			q := node["quote"].(map[string]any)
			start, end, text := int(q["start"].(float64)), int(q["end"].(float64)), q["text"].(string)
			found := false
			for _, p := range doc["parts"].([]any) {
				p := p.(map[string]any)
				ps, pe := int(p["start"].(float64)), int(p["end"].(float64))
				if start < ps || end > pe {
					continue
				}
				found = true
				runes := []rune(p["text"].(string))
				if got := string(runes[start-ps : end-ps]); got != text {
					t.Errorf("the part holds %q at the quote's offsets, want %q", got, text)
				}
				if tc.timed && (p["has_time"] != true || p["speaker_label"] == "") {
					t.Errorf("a part of a timed dialogue without time or speaker: %v", p)
				}
			}
			if !found {
				t.Errorf("no part holds the quote at %d..%d", start, end)
			}
		})
	}
	if code, doc := get(t, ts.URL+"/api/transcript?source=amodei-2052"); code != 404 || doc["error"] != `no source "amodei-2052" in the graph; did you mean "amodei-2025"?` {
		t.Errorf("unknown source: %d %v", code, doc)
	}
}

// evaluatedQuads are the examples' quads with graph evaluate's stored results.
func evaluatedQuads(t *testing.T) []quad.Quad {
	t.Helper()
	ctx := context.Background()
	mem, err := store.Open(ctx, store.Config{Backend: store.Memory})
	if err != nil {
		t.Fatal(err)
	}
	defer mem.Close()
	sets := map[quad.IRI][]quad.Quad{}
	for _, q := range exampleQuads(t) {
		l := q.Label.(quad.IRI)
		sets[l] = append(sets[l], q)
	}
	if _, err := mem.Replace(ctx, sets); err != nil {
		t.Fatal(err)
	}
	if _, err := pipeline.Acceptability(ctx, mem, pipeline.AcceptabilityOptions{Write: true}); err != nil {
		t.Fatal(err)
	}
	qs, err := mem.AllQuads(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return qs
}

// TestStatus serves a store with graph evaluate's results: map nodes and the node
// route carry each claim's grounded label and what defeats it.
func TestStatus(t *testing.T) {
	ctx := context.Background()
	qs := evaluatedQuads(t)
	s, err := NewStatic(ctx, qs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()

	_, st := get(t, ts.URL+"/api/status")
	if st["evaluated"] != true {
		t.Errorf("status: %v", st)
	}
	_, node := get(t, ts.URL+"/api/node?id=amodei-2025/amodei-wants-control")
	checkSchema(t, "serve-node.schema.json", node)
	by, _ := node["defeated_by"].([]any)
	if node["status"] != "out" || len(by) == 0 || by[0].(map[string]any)["iri"] != "claim/amodei-2025/criticisms-are-wrong" {
		t.Errorf("status %v, defeated by %v", node["status"], node["defeated_by"])
	}
	_, m := get(t, ts.URL+"/api/map?source=amodei-2025")
	checkSchema(t, "serve-map.schema.json", m)
	counts := map[any]int{}
	for _, n := range m["nodes"].([]any) {
		n := n.(map[string]any)
		if n["kind"] == "claim" {
			counts[n["status"]]++
		}
	}
	if counts["out"] == 0 || counts["in"] == 0 || counts[""] != 0 || counts["in"]+counts["out"]+counts["undecided"] != 86 {
		t.Errorf("claims by status on the map: %v", counts)
	}
	// Without results, no status.
	plain := newExampleServer(t, Options{})
	_, node = get(t, plain.URL+"/api/node?id=amodei-2025/amodei-wants-control")
	if node["status"] != "" || len(node["defeated_by"].([]any)) != 0 {
		t.Errorf("status without results: %v %v", node["status"], node["defeated_by"])
	}
}
