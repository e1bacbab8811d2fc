package server

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/graphbuilder/graph/internal/pipeline"
)

// reviewGraph writes a small dialogue graph with one curated claim into a
// folder of its own and returns the folder.
func reviewGraph(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "bridge")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"graph.yaml": `source:
  id: bridge
  title: The bridge
  kind: debate
  language: en
  transcript: t.txt
  speakers:
    HOST: bridge-host
    ANN LEE: ann
    BOB SHAW: bob
entities:
  - {id: bridge-host, kind: person, name: The host}
  - {id: ann, kind: person, name: Ann Lee}
  - {id: bob, kind: person, name: Bob Shaw}
claims:
  - id: ferry-slow
    speaker: ann
    text: The ferry is slow.
    quote: The ferry is slow and it stops in fog
`,
		"t.txt": `[00:00:01] HOST: Welcome. Ann, is the bridge worth it?
[00:00:05] ANN LEE: It is. The ferry is slow and it stops in fog.
[00:00:12] BOB SHAW: I disagree. The bridge costs too much for a town this size.
[00:00:20] ANN LEE: I think the town loses more every winter the ferry stops.
`,
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func newReviewServer(t *testing.T, review *pipeline.ReviewSet) *httptest.Server {
	t.Helper()
	s, err := NewStatic(context.Background(), exampleQuads(t), Options{Review: review})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return ts
}

// TestReviewAPI: the findings of a graph under review, with their status; a
// decision recorded in the decisions file beside the graph, and seen in the next
// review; the mistakes a client makes answered with what to do.
func TestReviewAPI(t *testing.T) {
	dir := reviewGraph(t)
	rs, ds, err := pipeline.NewReviewSet([]string{dir}, pipeline.RuleOptions{})
	if err != nil {
		t.Fatal(err, ds)
	}
	ts := newReviewServer(t, rs)

	code, doc := get(t, ts.URL+"/api/review")
	if code != http.StatusOK || len(doc["sources"].([]any)) != 1 || doc["sources"].([]any)[0] != "bridge" {
		t.Fatalf("GET /api/review = %d %v", code, doc)
	}
	code, doc = get(t, ts.URL+"/api/review/bridge")
	if code != http.StatusOK {
		t.Fatalf("GET /api/review/bridge = %d %v", code, doc)
	}
	checkSchema(t, "serve-review.schema.json", doc)
	if doc["decided"] != nil || doc["changed"] != false || doc["decisions"] != filepath.Join(dir, "findings.yaml") {
		t.Errorf("decided %v, changed %v, decisions %v", doc["decided"], doc["changed"], doc["decisions"])
	}
	statusOf := func(doc map[string]any, text string) (string, string) {
		for _, c := range doc["claims"].([]any) {
			c := c.(map[string]any)
			if strings.Contains(c["text"].(string), text) {
				return c["status"].(string), c["id"].(string)
			}
		}
		return "", ""
	}
	if st, _ := statusOf(doc, "ferry is slow"); st != "matched" {
		t.Errorf("the curated claim's finding is %q, want matched", st)
	}
	st, id := statusOf(doc, "costs too much")
	if st != "proposed" || id == "" {
		t.Fatalf("Bob's claim is %q %q, want a proposed claim with an id\n%v", st, id, doc["claims"])
	}
	rels := doc["relations"].([]any)
	if len(rels) == 0 {
		t.Fatalf("no relation found")
	}
	said := false
	for _, r := range rels {
		r := r.(map[string]any)
		said = said || strings.HasPrefix(r["from_text"].(string), "bob: ") || strings.HasPrefix(r["to_text"].(string), "ann: ")
	}
	if !said {
		t.Errorf("no relation says what its claim ends say: %v", rels)
	}

	// Reject Bob's claim: recorded beside the graph, and the claim is rejected in
	// the answer and in the next review.
	code, doc = call(t, "POST", ts.URL+"/api/review/bridge", `{"id": "`+id+`", "accept": false}`, nil)
	if code != http.StatusOK || doc["changed"] != true {
		t.Fatalf("POST reject = %d %v", code, doc)
	}
	checkSchema(t, "serve-review.schema.json", doc)
	if st, _ := statusOf(doc, "costs too much"); st != "rejected" {
		t.Errorf("after the decision Bob's claim is %q", st)
	}
	data, err := os.ReadFile(filepath.Join(dir, "findings.yaml"))
	if err != nil || !strings.Contains(string(data), "reject:\n  - {id: "+id+", finding: x-") {
		t.Errorf("findings.yaml: %v\n%s", err, data)
	}
	_, doc = get(t, ts.URL+"/api/review/bridge")
	if st, _ := statusOf(doc, "costs too much"); st != "rejected" {
		t.Errorf("in the next review Bob's claim is %q", st)
	}
	// The same decision again changes nothing.
	if _, doc = call(t, "POST", ts.URL+"/api/review/bridge", `{"id": "`+id+`", "accept": false}`, nil); doc["changed"] != false {
		t.Errorf("the same decision again: changed %v", doc["changed"])
	}

	for _, tt := range []struct {
		method, path, body string
		code               int
		msg                string
	}{
		{"GET", "/api/review/brige", "", http.StatusNotFound, `no such source to review: "brige"; did you mean "bridge"?`},
		{"POST", "/api/review/bridge", `{"id": "` + id[:len(id)-1] + `", "accept": true}`, http.StatusBadRequest, `did you mean "` + id + `"?`},
		{"POST", "/api/review/bridge", `{"id": "` + id + `"}`, http.StatusBadRequest, `a decision is {"id": "...", "accept": true or false}`},
		{"POST", "/api/review/bridge", `{"id": "` + id + `", "accept": "yes"}`, http.StatusBadRequest, `a decision is`},
		{"POST", "/api/review/bridge", `{"id": "` + id + `", "accept": true, "why": 1}`, http.StatusBadRequest, `unknown field "why"`},
		{"DELETE", "/api/review/bridge", "", http.StatusNotFound, "no API route"},
	} {
		code, doc := call(t, tt.method, ts.URL+tt.path, tt.body, nil)
		msg, _ := doc["error"].(string)
		if code != tt.code || !strings.Contains(msg, tt.msg) {
			t.Errorf("%s %s %s = %d %q, want %d and %q", tt.method, tt.path, tt.body, code, msg, tt.code, tt.msg)
		}
	}
	// A decisions file broken by hand: the review says where, and records nothing.
	good, _ := os.ReadFile(filepath.Join(dir, "findings.yaml"))
	if err := os.WriteFile(filepath.Join(dir, "findings.yaml"), []byte("reject:\n  - {id: x, findng: y}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, doc = call(t, "POST", ts.URL+"/api/review/bridge", `{"id": "`+id+`", "accept": true}`, nil)
	if msg, _ := doc["error"].(string); code != http.StatusBadRequest || !strings.Contains(msg, "bridge/findings.yaml:2:") {
		t.Errorf("a broken decisions file: %d %v", code, doc)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "findings.yaml")); string(data) != "reject:\n  - {id: x, findng: y}\n" {
		t.Errorf("the broken decisions file was rewritten:\n%s", data)
	}
	if err := os.WriteFile(filepath.Join(dir, "findings.yaml"), good, 0o644); err != nil {
		t.Fatal(err)
	}

	// A graph broken on disk since: the review says where, and records nothing.
	if err := os.WriteFile(filepath.Join(dir, "graph.yaml"), []byte("source: [\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, doc = get(t, ts.URL+"/api/review/bridge")
	if msg, _ := doc["error"].(string); code != http.StatusBadRequest || !strings.Contains(msg, "bridge/graph.yaml:2:1: invalid YAML") {
		t.Errorf("a broken graph: %d %v", code, doc)
	}
	before, _ := os.ReadFile(filepath.Join(dir, "findings.yaml"))
	code, doc = call(t, "POST", ts.URL+"/api/review/bridge", `{"id": "`+id+`", "accept": true}`, nil)
	after, _ := os.ReadFile(filepath.Join(dir, "findings.yaml"))
	if code != http.StatusBadRequest || string(after) != string(before) {
		t.Errorf("a decision on a broken graph: %d %v, findings.yaml\n%s\nthen\n%s", code, doc, before, after)
	}
}

// TestReviewOff: without graphs to review the routes say how to turn it on.
func TestReviewOff(t *testing.T) {
	ts := newReviewServer(t, nil)
	code, doc := get(t, ts.URL+"/api/review")
	if code != http.StatusOK || len(doc["sources"].([]any)) != 0 {
		t.Errorf("GET /api/review = %d %v", code, doc)
	}
	code, doc = get(t, ts.URL+"/api/review/bridge")
	if msg, _ := doc["error"].(string); code != http.StatusNotFound || !strings.Contains(msg, "--review PATH") {
		t.Errorf("GET /api/review/bridge = %d %v", code, doc)
	}
}
