package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cayleygraph/quad"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/graphbuilder/graph/internal/pipeline"
	"github.com/graphbuilder/graph/internal/store"
)

const examplesDir = "../../examples"

var (
	examplesOnce  sync.Once
	examplesQuads []quad.Quad
	examplesErr   error
)

// exampleQuads builds the bundled examples into a memory store, once.
func exampleQuads(t testing.TB) []quad.Quad {
	t.Helper()
	examplesOnce.Do(func() {
		ctx := context.Background()
		mem, err := store.Open(ctx, store.Config{Backend: store.Memory})
		if err != nil {
			examplesErr = err
			return
		}
		defer mem.Close()
		if err := buildInto(ctx, func(context.Context) (*store.Store, error) { return mem, nil }, examplesDir); err != nil {
			examplesErr = err
			return
		}
		examplesQuads, examplesErr = mem.AllQuads(ctx)
	})
	if examplesErr != nil {
		t.Fatal(examplesErr)
	}
	return examplesQuads
}

// buildInto builds the graphs under paths as graph build does.
func buildInto(ctx context.Context, open func(context.Context) (*store.Store, error), paths ...string) error {
	loaded, err := pipeline.Load(paths)
	if err != nil {
		return err
	}
	_, ds, err := pipeline.Build(ctx, loaded.Graphs, pipeline.Options{Open: open})
	if err != nil {
		return err
	}
	if ds.HasErrors() {
		return ds
	}
	return nil
}

// buildBolt builds paths into the bolt store at db, opened and closed as graph
// build does.
func buildBolt(t *testing.T, db string, paths ...string) {
	t.Helper()
	ctx := context.Background()
	var st *store.Store
	open := func(ctx context.Context) (*store.Store, error) {
		var err error
		st, err = store.Open(ctx, store.Config{Backend: store.Bolt, Path: db})
		return st, err
	}
	err := buildInto(ctx, open, paths...)
	if st != nil {
		if cerr := st.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		t.Fatalf("build %v into %s: %v", paths, db, err)
	}
}

func newExampleServer(t *testing.T, opts Options) *httptest.Server {
	t.Helper()
	s, err := NewStatic(context.Background(), exampleQuads(t), opts)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return ts
}

// call sends a request and decodes the JSON answer.
func call(t *testing.T, method, u, body string, header map[string]string) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(method, u, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%s %s: not a JSON object: %v\n%s", method, u, err, data)
	}
	return resp.StatusCode, doc
}

func get(t *testing.T, u string) (int, map[string]any) { return call(t, "GET", u, "", nil) }

// checkSchema validates doc against a schema of docs/json.
func checkSchema(t *testing.T, name string, doc any) {
	t.Helper()
	const base = "https://github.com/graphbuilder/graph/docs/json/"
	c := jsonschema.NewCompiler()
	files, _ := filepath.Glob("../../docs/json/*.schema.json")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if err := c.AddResource(base+filepath.Base(f), d); err != nil {
			t.Fatal(err)
		}
	}
	sch, err := c.Compile(base + name)
	if err != nil {
		t.Fatal(err)
	}
	// Round-trip so that numbers are what the validator expects.
	data, _ := json.Marshal(doc)
	v, _ := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err := sch.Validate(v); err != nil {
		t.Errorf("%s rejects the answer: %v\n%s", name, err, data)
	}
}

func TestQuery(t *testing.T) {
	ts := newExampleServer(t, Options{Limit: 5})
	q := url.QueryEscape
	dario := `g.V("<dario-amodei>").Out("<asserts>").All()`

	t.Run("post", func(t *testing.T) {
		code, doc := call(t, "POST", ts.URL+"/api/v2/query?lang=gizmo&limit=100", dario, nil)
		if code != 200 {
			t.Fatalf("status %d: %v", code, doc)
		}
		res := doc["result"].([]any)
		if len(res) < 20 || doc["truncated"] != false {
			t.Errorf("%d results, truncated %v; want Amodei's claims, all of them", len(res), doc["truncated"])
		}
		if id := res[0].(map[string]any)["id"].(string); !strings.HasPrefix(id, "<claim/") {
			t.Errorf("first result %q is no claim", id)
		}
		checkSchema(t, "serve-query.schema.json", doc)
	})
	t.Run("get with the default limit", func(t *testing.T) {
		code, doc := get(t, ts.URL+"/api/v2/query?lang=gizmo&qu="+q(dario))
		if code != 200 {
			t.Fatalf("status %d: %v", code, doc)
		}
		if n := len(doc["result"].([]any)); n != 5 || doc["truncated"] != true || doc["limit"] != 5.0 {
			t.Errorf("%d results, truncated %v, limit %v; want 5, true, 5", n, doc["truncated"], doc["limit"])
		}
	})
	t.Run("a limit the result fits", func(t *testing.T) {
		_, doc := get(t, ts.URL+"/api/v2/query?lang=gizmo&limit=1&qu="+q(`g.V("<dario-amodei>").All()`))
		if n := len(doc["result"].([]any)); n != 1 || doc["truncated"] != false {
			t.Errorf("%d results, truncated %v; want 1, false", n, doc["truncated"])
		}
	})
	t.Run("names", func(t *testing.T) {
		_, doc := get(t, ts.URL+"/api/v2/query?lang=gizmo&names=1&qu="+q(`g.V("<dario-amodei>").All()`))
		names, _ := doc["names"].(map[string]any)
		if names["<dario-amodei>"] != "Dario Amodei" {
			t.Errorf("names = %v", doc["names"])
		}
		checkSchema(t, "serve-query.schema.json", doc)
	})
	for _, tt := range []struct {
		name, method, query, body string
		code                      int
		want                      string
	}{
		{"syntax error", "POST", "lang=gizmo", `g.V(`, 400, "query:1:5: syntax error"},
		{"unknown step", "POST", "lang=gizmo", `g.V().Outt().All()`, 400, "Outt"},
		{"no language", "POST", "", `g.V().All()`, 400, "lang=gizmo"},
		{"another language", "POST", "lang=graphql", `{}`, 400, "graphql"},
		{"empty", "POST", "lang=gizmo", " ", 400, "empty"},
		{"bad limit", "GET", "lang=gizmo&limit=x&qu=" + q(dario), "", 400, "limit"},
		{"limit too large", "GET", "lang=gizmo&limit=1000000&qu=" + q(dario), "", 400, "limit"},
		{"zero limit", "GET", "lang=gizmo&limit=0&qu=" + q(dario), "", 400, "limit"},
		{"body too large", "POST", "lang=gizmo", "// " + strings.Repeat("x", DefaultMaxBody), 413, "longer than"},
		{"method", "DELETE", "lang=gizmo", "", 405, "POST"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, doc := call(t, tt.method, ts.URL+"/api/v2/query?"+tt.query, tt.body, nil)
			msg, _ := doc["error"].(string)
			if code != tt.code || !strings.Contains(msg, tt.want) {
				t.Errorf("status %d, %v; want %d and an error with %q", code, doc, tt.code, tt.want)
			}
			if len(doc) != 1 {
				t.Errorf("an error answer has only the key error: %v", doc)
			}
			checkSchema(t, "serve-error.schema.json", doc)
		})
	}
}

// endless never ends on its own: only the time limit stops it.
const endless = `var n = 0; while (true) { n++ }`

func TestQueryTimeout(t *testing.T) {
	ts := newExampleServer(t, Options{QueryTimeout: 50 * time.Millisecond})
	code, doc := call(t, "POST", ts.URL+"/api/v2/query?lang=gizmo", endless, nil)
	if msg, _ := doc["error"].(string); code != 400 || !strings.Contains(msg, "time limit") {
		t.Errorf("status %d, %v; want 400 and the time limit", code, doc)
	}
}

func TestReadRoutes(t *testing.T) {
	ts := newExampleServer(t, Options{})

	t.Run("sources", func(t *testing.T) {
		code, doc := get(t, ts.URL+"/api/sources")
		if code != 200 {
			t.Fatalf("status %d: %v", code, doc)
		}
		srcs := doc["sources"].([]any)
		var ids []string
		for _, s := range srcs {
			ids = append(ids, s.(map[string]any)["id"].(string))
		}
		if strings.Join(ids, " ") != "ai-audits-2026 amodei-2025 lecun-2024" {
			t.Errorf("sources %v", ids)
		}
		amodei := srcs[1].(map[string]any)
		if amodei["claims"] != 86.0 || amodei["relations"] != 92.0 {
			t.Errorf("amodei-2025: %v claims, %v relations; want 86, 92", amodei["claims"], amodei["relations"])
		}
		if srcs[0].(map[string]any)["timed"] != true || amodei["timed"] != false {
			t.Errorf("timed: ai-audits-2026 %v, amodei-2025 %v", srcs[0].(map[string]any)["timed"], amodei["timed"])
		}
		checkSchema(t, "serve-sources.schema.json", doc)
	})

	t.Run("claim", func(t *testing.T) {
		code, doc := get(t, ts.URL+"/api/node?id=amodei-2025/no-diminishing-returns")
		if code != 200 {
			t.Fatalf("status %d: %v", code, doc)
		}
		quote := doc["quote"].(map[string]any)
		ctxText, text := []rune(quote["context"].(string)), quote["text"].(string)
		lo, hi := int(quote["context_quote_start"].(float64)), int(quote["context_quote_end"].(float64))
		if string(ctxText[lo:hi]) != text || doc["speaker"].(map[string]any)["title"] != "Dario Amodei" {
			t.Errorf("quote %q at [%d:%d] of its context %q, said by %v", text, lo, hi, string(ctxText), doc["speaker"])
		}
		if len(doc["edges_in"].([]any))+len(doc["edges_out"].([]any)) == 0 {
			t.Error("the claim has no edges")
		}
		checkSchema(t, "serve-node.schema.json", doc)
	})

	t.Run("timed claim", func(t *testing.T) {
		_, doc := get(t, ts.URL+"/api/node?id=ai-audits-2026/flat-mandate-would-be-moat")
		if q := doc["quote"].(map[string]any); q["has_time"] != true || q["speaker_label"] == "" {
			t.Errorf("quote %v; want its time and speaker label", q)
		}
	})

	t.Run("entity", func(t *testing.T) {
		code, doc := get(t, ts.URL+"/api/node?id=dario-amodei")
		if code != 200 {
			t.Fatalf("status %d: %v", code, doc)
		}
		names := doc["names"].([]any)
		if len(names) == 0 || names[0] != "Dario Amodei" || len(doc["aliases"].([]any)) == 0 || len(doc["claims"].([]any)) < 20 {
			t.Errorf("names %v, aliases %v, %d claims", names, doc["aliases"], len(doc["claims"].([]any)))
		}
		checkSchema(t, "serve-node.schema.json", doc)
	})

	t.Run("unknown node", func(t *testing.T) {
		code, doc := get(t, ts.URL+"/api/node?id=dario-amodie")
		if msg, _ := doc["error"].(string); code != 404 || !strings.Contains(msg, `did you mean "dario-amodei"`) {
			t.Errorf("status %d, %v", code, doc)
		}
	})

	t.Run("search", func(t *testing.T) {
		for _, tt := range []struct{ q, want string }{
			{"Amodei", "dario-amodei"},
			{"达里奥", "dario-amodei"},        // a Chinese alias
			{"ＡＮＴＨＲＯＰＩＣ", "anthropic"},     // full width, upper case
			{"垄断整个", "claim/amodei-2025/"}, // inside a Chinese claim text
			{"open weights", ""},           // two words, anywhere
		} {
			code, doc := get(t, ts.URL+"/api/search?q="+q(tt.q))
			hits := doc["hits"].([]any)
			if code != 200 || len(hits) == 0 {
				t.Errorf("search %q: status %d, no hits", tt.q, code)
				continue
			}
			first := hits[0].(map[string]any)["node"].(map[string]any)["iri"].(string)
			if !strings.HasPrefix(first, tt.want) {
				t.Errorf("search %q: first hit %s, want %s", tt.q, first, tt.want)
			}
			checkSchema(t, "serve-search.schema.json", doc)
		}
		_, doc := get(t, ts.URL+"/api/search?q=a&limit=3")
		if len(doc["hits"].([]any)) != 3 || doc["truncated"] != true {
			t.Errorf("limit 3: %d hits, truncated %v", len(doc["hits"].([]any)), doc["truncated"])
		}
		_, doc = get(t, ts.URL+"/api/search?q=")
		if len(doc["hits"].([]any)) != 0 {
			t.Errorf("an empty query found %v", doc["hits"])
		}
	})

	t.Run("map of a source", func(t *testing.T) {
		code, doc := get(t, ts.URL+"/api/map?source=amodei-2025")
		if code != 200 {
			t.Fatalf("status %d: %v", code, doc)
		}
		nodes, edges := doc["nodes"].([]any), doc["edges"].([]any)
		ids := map[string]bool{}
		claims := 0
		for _, n := range nodes {
			n := n.(map[string]any)
			ids[n["id"].(string)] = true
			if n["kind"] == "claim" {
				claims++
			}
		}
		kinds := map[string]int{}
		for _, e := range edges {
			e := e.(map[string]any)
			kinds[e["kind"].(string)]++
			if !ids[e["from"].(string)] || !ids[e["to"].(string)] {
				t.Errorf("edge %v has an end outside the map", e["id"])
			}
		}
		if claims != 86 || kinds["rebuts"] == 0 || kinds["undercuts"] == 0 || kinds["asserts"] == 0 {
			t.Errorf("%d claims, edges by kind %v", claims, kinds)
		}
		checkSchema(t, "serve-map.schema.json", doc)
	})

	t.Run("neighbourhood", func(t *testing.T) {
		_, doc := get(t, ts.URL+"/api/map?focus=dario-amodei&depth=1&kind=person&kind=claim")
		for _, n := range doc["nodes"].([]any) {
			if k := n.(map[string]any)["kind"]; k != "person" && k != "claim" {
				t.Errorf("kind %v in a map of persons and claims", k)
			}
		}
		if doc["focus"] != "dario-amodei" || len(doc["nodes"].([]any)) < 20 {
			t.Errorf("focus %v, %d nodes", doc["focus"], len(doc["nodes"].([]any)))
		}
	})

	for _, tt := range []struct {
		name, query string
		code        int
		want        string
	}{
		{"unknown source", "source=amodei-2026", 404, `did you mean "amodei-2025"`},
		{"unknown kind", "kind=persn", 404, `did you mean "person"`},
		{"too large", "max_nodes=10", 400, "more than max_nodes=10"},
		{"bad depth", "focus=dario-amodei&depth=-1", 400, "depth"},
		{"bad flag", "about=maybe", 400, "about"},
	} {
		t.Run("map "+tt.name, func(t *testing.T) {
			code, doc := get(t, ts.URL+"/api/map?"+tt.query)
			if msg, _ := doc["error"].(string); code != tt.code || !strings.Contains(msg, tt.want) {
				t.Errorf("status %d, %v; want %d and %q", code, doc, tt.code, tt.want)
			}
		})
	}

	t.Run("status", func(t *testing.T) {
		_, doc := get(t, ts.URL+"/api/status")
		if doc["quads"] != float64(len(exampleQuads(t))) || doc["sources"] != 3.0 {
			t.Errorf("status %v", doc)
		}
		checkSchema(t, "serve-status.schema.json", doc)
	})

	t.Run("unknown route", func(t *testing.T) {
		code, doc := get(t, ts.URL+"/api/v1/query/gizmo")
		if code != 404 || doc["error"] == nil {
			t.Errorf("status %d, %v", code, doc)
		}
	})
}

var q = url.QueryEscape

func TestToken(t *testing.T) {
	for _, tt := range []struct {
		addr, token string
		ok          bool
	}{
		{"127.0.0.1:7400", "", true},
		{"localhost:7400", "", true},
		{"[::1]:7400", "", true},
		{"0.0.0.0:7400", "", false},
		{":7400", "", false},
		{"192.168.1.5:7400", "", false},
		{"0.0.0.0:7400", "s3cret", true},
	} {
		err := CheckBind(tt.addr, tt.token)
		if (err == nil) != tt.ok || (err != nil && !errors.Is(err, ErrToken)) {
			t.Errorf("CheckBind(%q, %q) = %v", tt.addr, tt.token, err)
		}
	}

	ts := newExampleServer(t, Options{Token: "s3cret"})
	for _, tt := range []struct {
		header map[string]string
		code   int
	}{
		{nil, 401},
		{map[string]string{"Authorization": "Bearer wrong"}, 401},
		{map[string]string{"Authorization": "s3cret"}, 401},
		{map[string]string{"Authorization": "Bearer s3cret"}, 200},
	} {
		code, doc := call(t, "GET", ts.URL+"/api/sources", "", tt.header)
		if code != tt.code {
			t.Errorf("header %v: status %d, %v; want %d", tt.header, code, doc, tt.code)
		}
	}
	// The page itself holds no data: it loads, and asks for the token.
	resp, err := http.Get(ts.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("the workbench page: status %d", resp.StatusCode)
	}
}

func TestCORS(t *testing.T) {
	for _, origin := range []string{"", "https://app.example"} {
		ts := newExampleServer(t, Options{CORSOrigin: origin})
		req, _ := http.NewRequest("GET", ts.URL+"/api/sources", nil)
		req.Header.Set("Origin", "https://app.example")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if got := resp.Header.Get("Access-Control-Allow-Origin"); got != origin {
			t.Errorf("allowed origin %q: Access-Control-Allow-Origin is %q", origin, got)
		}
	}
}

// TestConcurrentReaders runs queries, searches and maps from many clients at once
// (run with -race, it also checks that they share the snapshot safely).
func TestConcurrentReaders(t *testing.T) {
	ts := newExampleServer(t, Options{})
	urls := []string{
		ts.URL + "/api/v2/query?lang=gizmo&qu=" + q(`g.V("<dario-amodei>").Out("<asserts>").Out("<rebuts>").All()`),
		ts.URL + "/api/search?q=" + q("开源"),
		ts.URL + "/api/map?source=lecun-2024",
		ts.URL + "/api/node?id=dario-amodei",
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for i := range 32 {
		wg.Add(1)
		go func(u string) {
			defer wg.Done()
			resp, err := http.Get(u)
			if err != nil {
				errs <- err.Error()
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 {
				errs <- fmt.Sprintf("%s: status %d", u, resp.StatusCode)
			}
		}(urls[i%len(urls)])
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// serveOn starts s on a loopback port and returns its URL and what stops it.
func serveOn(t *testing.T, s *Server) (string, func() error) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln, 10*time.Second) }()
	var once sync.Once
	var stopErr error
	stop := func() error {
		once.Do(func() {
			cancel()
			stopErr = <-done
		})
		return stopErr
	}
	t.Cleanup(func() { stop() })
	return "http://" + ln.Addr().String(), stop
}

// TestBuildWhileServing serves a bolt store, builds another interview into it
// while the server runs, and sees the server show it after a refresh; a build
// that changes nothing reads nothing again.
func TestBuildWhileServing(t *testing.T) {
	db := filepath.Join(t.TempDir(), "graph.db")
	buildBolt(t, db, filepath.Join(examplesDir, "lecun-2024"))
	s, err := New(context.Background(), Options{Store: store.Config{Backend: store.Bolt, Path: db}, Poll: -1})
	if err != nil {
		t.Fatal(err)
	}
	base, stop := serveOn(t, s)
	count := func() int {
		_, doc := get(t, base+"/api/sources")
		return len(doc["sources"].([]any))
	}
	if n := count(); n != 1 {
		t.Fatalf("%d sources before the build, want 1", n)
	}
	if changed, err := s.Refresh(context.Background()); err != nil || changed {
		t.Errorf("Refresh of an unchanged store: %v, %v", changed, err)
	}

	buildBolt(t, db, filepath.Join(examplesDir, "lecun-2024"), filepath.Join(examplesDir, "amodei-2025"))
	if n := count(); n != 1 {
		t.Errorf("%d sources before the refresh, want the snapshot's 1", n)
	}
	if changed, err := s.Refresh(context.Background()); err != nil || !changed {
		t.Fatalf("Refresh after a build: %v, %v", changed, err)
	}
	if n := count(); n != 2 {
		t.Errorf("%d sources after the build, want 2", n)
	}
	_, doc := get(t, base+"/api/v2/query?lang=gizmo&qu="+q(`g.V("<claim/amodei-2025/no-diminishing-returns>").Out("<speaker>").All()`))
	if res := doc["result"].([]any); len(res) != 1 {
		t.Errorf("the new source's claim: %v", doc)
	}
	if err := stop(); err != nil {
		t.Errorf("shutdown: %v", err)
	}
}

// TestRefreshWhileLocked keeps serving the last snapshot while a build holds the
// store, and says why it read nothing.
func TestRefreshWhileLocked(t *testing.T) {
	db := filepath.Join(t.TempDir(), "graph.db")
	buildBolt(t, db, filepath.Join(examplesDir, "lecun-2024"))
	s, err := New(context.Background(), Options{Store: store.Config{Backend: store.Bolt, Path: db}, Poll: -1})
	if err != nil {
		t.Fatal(err)
	}
	// A writer holds the store, as a build does, and changes it.
	w, err := store.Open(context.Background(), store.Config{Backend: store.Bolt, Path: db})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	extra := quad.Make(quad.IRI("x"), quad.IRI("name"), quad.String("X"), quad.IRI("source/x"))
	if _, err := w.Replace(context.Background(), map[quad.IRI][]quad.Quad{"source/x": {extra}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Refresh(context.Background()); !errors.Is(err, store.ErrLocked) {
		t.Errorf("Refresh of a locked store: %v, want ErrLocked", err)
	}
	if s.snap().quads == 0 {
		t.Error("the snapshot was lost")
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if changed, err := s.Refresh(context.Background()); err != nil || !changed {
		t.Errorf("Refresh once the writer is done: %v, %v", changed, err)
	}
}

// TestTimeoutFloodThenShutdown sends many queries that all run into the time
// limit at once, over a bolt store, then shuts down: nothing is left hanging,
// and a build can write the store afterwards.
func TestTimeoutFloodThenShutdown(t *testing.T) {
	db := filepath.Join(t.TempDir(), "graph.db")
	buildBolt(t, db, filepath.Join(examplesDir, "lecun-2024"))
	s, err := New(context.Background(), Options{Store: store.Config{Backend: store.Bolt, Path: db}, Poll: -1, QueryTimeout: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	base, stop := serveOn(t, s)
	queries := []string{endless, `g.V().Out().Out().Out().Out().Out().Out().Out().Out().All()`}
	var wg sync.WaitGroup
	codes := make(chan int, 40)
	for i := range 40 {
		wg.Add(1)
		go func(body string) {
			defer wg.Done()
			resp, err := http.Post(base+"/api/v2/query?lang=gizmo&limit=1", "text/plain", strings.NewReader(body))
			if err != nil {
				codes <- -1
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			codes <- resp.StatusCode
		}(queries[i%len(queries)])
	}
	wg.Wait()
	close(codes)
	for c := range codes {
		if c != 400 && c != 200 {
			t.Errorf("a query answered with status %d", c)
		}
	}
	if code, _ := get(t, base+"/api/sources"); code != 200 {
		t.Errorf("after the flood: status %d", code)
	}
	if err := stop(); err != nil {
		t.Errorf("shutdown: %v", err)
	}
	buildBolt(t, db, filepath.Join(examplesDir, "lecun-2024"), filepath.Join(examplesDir, "ai-audits-2026"))
	// The copy the stopped queries read goes with the server, whatever they left
	// open in it.
	copyDir := s.snap().dir
	if err := s.Close(); err != nil {
		t.Errorf("close after the flood: %v", err)
	}
	if _, err := os.Stat(copyDir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the copy %s is still there after Close: %v", copyDir, err)
	}
}

func TestNoStore(t *testing.T) {
	_, err := New(context.Background(), Options{Store: store.Config{Backend: store.Bolt, Path: filepath.Join(t.TempDir(), "none.db")}})
	if !errors.Is(err, store.ErrNoStore) {
		t.Errorf("New over no store: %v, want ErrNoStore", err)
	}
}

// TestAnswersKept answers a repeated request from the snapshot's kept answers,
// whatever the order of its parameters, byte for byte as the first time; errors
// and answers too long to keep are made again each time; the answers kept stay
// within their budget, the least recently asked forgotten first.
func TestAnswersKept(t *testing.T) {
	defer func(one, all int) { answerBytes, answersBytes = one, all }(answerBytes, answersBytes)
	answerBytes, answersBytes = 64<<10, 96<<10
	s, err := NewStatic(context.Background(), exampleQuads(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	body := func(path string) (int, []byte) {
		resp, err := http.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		data, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		return resp.StatusCode, data
	}
	kept := s.snap().answers
	status, first := body("/api/map?source=amodei-2025&kind=claim&kind=person")
	if status != http.StatusOK || kept.len() != 1 {
		t.Fatalf("first map: status %d, %d answers kept, want 200 and 1", status, kept.len())
	}
	_, again := body("/api/map?kind=claim&kind=person&source=amodei-2025")
	if !bytes.Equal(first, again) || kept.len() != 1 {
		t.Errorf("the same map asked again with its parameters in another order: %d answers kept, same bytes %v", kept.len(), bytes.Equal(first, again))
	}
	if status, _ := body("/api/map?source=no-such-source"); status != http.StatusNotFound || kept.len() != 1 {
		t.Errorf("an unknown source: status %d, %d answers kept, want 404 and still 1", status, kept.len())
	}
	status, long := body("/api/map?max_nodes=1000&isolated=1&about=1")
	if status != http.StatusOK || len(long) <= answerBytes {
		t.Fatalf("the whole map: status %d, %d bytes; the test needs an answer longer than %d", status, len(long), answerBytes)
	}
	if kept.len() != 1 {
		t.Errorf("an answer of %d bytes was kept (%d kept), longer than %d", len(long), kept.len(), answerBytes)
	}
	if _, again := body("/api/map?max_nodes=1000&isolated=1&about=1"); !bytes.Equal(long, again) {
		t.Error("the whole map differs the second time")
	}
	// Maps of each source and kind until the budget is spent: the first map asked,
	// never asked again, goes first.
	for _, src := range []string{"amodei-2025", "lecun-2024", "ai-audits-2026"} {
		for _, kind := range []string{"claim", "person", "concept", "company"} {
			body("/api/map?isolated=1&source=" + src + "&kind=" + kind)
		}
		if kept.bytes > answersBytes {
			t.Fatalf("%d bytes of answers kept, more than the budget of %d", kept.bytes, answersBytes)
		}
	}
	if _, ok := kept.get("/api/map?kind=claim&kind=person&source=amodei-2025"); ok {
		t.Errorf("the first map is still kept with %d answers of %d bytes: the budget of %d bytes was never reached?", kept.len(), kept.bytes, answersBytes)
	}
	sum := 0
	for _, k := range kept.kept.Keys() {
		v, _ := kept.kept.Peek(k)
		sum += len(v)
	}
	if sum != kept.bytes {
		t.Errorf("the answers kept are %d bytes long, the count says %d", sum, kept.bytes)
	}
}

// TestPrivateCopy serves a bolt store from a copy of its file beside it: a build
// writes the store while the copy is served; a request that began before a
// refresh reads its snapshot's copy to its end, which is removed after it; and
// closing the server removes the last copy.
func TestPrivateCopy(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "graph.db")
	buildBolt(t, db, filepath.Join(examplesDir, "lecun-2024"))
	s, err := New(context.Background(), Options{Store: store.Config{Backend: store.Bolt, Path: db}, Poll: -1})
	if err != nil {
		t.Fatal(err)
	}
	copies := func() []string {
		found, err := filepath.Glob(filepath.Join(dir, ".graph.db.serve-*"))
		if err != nil {
			t.Fatal(err)
		}
		return found
	}
	first := copies()
	if len(first) != 1 {
		t.Fatalf("copies of the store beside it: %v, want one", first)
	}
	held := s.acquire() // a request under way
	query := func(snap *snapshot) int {
		t.Helper()
		ans, err := snap.query(context.Background(), `g.emit(g.V().Has("<type>", "<claim>").Count())`, pipeline.QueryOptions{Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		return int(ans.Result[0].(int64))
	}
	before := query(held)

	// The build takes the store's lock while the server serves it.
	buildBolt(t, db, filepath.Join(examplesDir, "lecun-2024"), filepath.Join(examplesDir, "amodei-2025"))
	if changed, err := s.Refresh(context.Background()); err != nil || !changed {
		t.Fatalf("Refresh after the build: %v, %v", changed, err)
	}
	if got := copies(); len(got) != 2 {
		t.Errorf("copies while a request reads the last snapshot: %v, want two", got)
	}
	if after := query(held); after != before {
		t.Errorf("the request under way counts %d claims after the refresh, %d before", after, before)
	}
	if now := query(s.snap()); now <= before {
		t.Errorf("the new snapshot counts %d claims, the last %d: the build is not seen", now, before)
	}
	held.release()
	if err := held.drop(); err != nil { // waits for the drop the release began
		t.Fatal(err)
	}
	if got := copies(); len(got) != 1 || got[0] == first[0] {
		t.Errorf("copies once the request is done: %v, want only the new one", got)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if got := copies(); len(got) != 0 {
		t.Errorf("copies after Close: %v", got)
	}
}

// TestPrivateCopyOfARelativePath puts the copy of a store named by a relative
// path (graph serve's default, graph.db) beside it too.
func TestPrivateCopyOfARelativePath(t *testing.T) {
	dir := t.TempDir()
	buildBolt(t, filepath.Join(dir, "graph.db"), filepath.Join(examplesDir, "lecun-2024"))
	t.Chdir(dir)
	s, err := New(context.Background(), Options{Store: store.Config{Backend: store.Bolt, Path: "graph.db"}, Poll: -1})
	if err != nil {
		t.Fatal(err)
	}
	found, err := filepath.Glob(filepath.Join(dir, ".graph.db.serve-*"))
	if err != nil || len(found) != 1 {
		t.Errorf("copies beside graph.db: %v, %v; want one", found, err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestStaleCopiesRemoved removes, when a server starts, the copies that servers
// stopped without removing (no lock held, unchanged for a while), and keeps a
// copy another server reads and one just written.
func TestStaleCopiesRemoved(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "graph.db")
	buildBolt(t, db, filepath.Join(examplesDir, "lecun-2024"))
	data, err := os.ReadFile(filepath.Join(db, boltFile))
	if err != nil {
		t.Fatal(err)
	}
	long := time.Now().Add(-2 * time.Hour)
	leave := func(name string, mtime time.Time) string {
		d := filepath.Join(dir, ".graph.db.serve-"+name)
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		f := filepath.Join(d, boltFile)
		if err := os.WriteFile(f, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(f, mtime, mtime); err != nil {
			t.Fatal(err)
		}
		return d
	}
	stale, fresh := leave("stale", long), leave("fresh", time.Now())
	first, err := New(context.Background(), Options{Store: store.Config{Backend: store.Bolt, Path: db}, Poll: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	held := first.snap().dir
	if err := os.Chtimes(filepath.Join(held, boltFile), long, long); err != nil {
		t.Fatal(err)
	}
	exists := func(d string) bool { _, err := os.Stat(d); return err == nil }
	if exists(stale) {
		t.Errorf("the stale copy %s is still there after a server started", stale)
	}
	second, err := New(context.Background(), Options{Store: store.Config{Backend: store.Bolt, Path: db}, Poll: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer second.Close()
	if !exists(fresh) || !exists(held) {
		t.Errorf("a copy just written (%v) or one a server reads (%v) was removed", exists(fresh), exists(held))
	}
}
