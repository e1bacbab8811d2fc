package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/quad"
	"github.com/google/go-cmp/cmp"
	_ "github.com/lib/pq"
)

// PostgresEnv names the variable holding a connection string to a throwaway
// PostgreSQL server; when set, every store test also runs against it.
const PostgresEnv = "GRAPH_TEST_POSTGRES"

// openAll opens a fresh store of every backend available here.
func openAll(t *testing.T) map[string]*Store {
	t.Helper()
	ctx := context.Background()
	out := map[string]*Store{}
	mem, err := Open(ctx, Config{Backend: Memory})
	if err != nil {
		t.Fatal(err)
	}
	out[Memory] = mem
	b, err := Open(ctx, Config{Backend: Bolt, Path: filepath.Join(t.TempDir(), "g.db")})
	if err != nil {
		t.Fatal(err)
	}
	out[Bolt] = b
	if dsn := os.Getenv(PostgresEnv); dsn != "" {
		out[Postgres] = openFreshPostgres(t, dsn)
	} else if os.Getenv("GRAPH_TEST_REQUIRE_POSTGRES") != "" {
		t.Fatalf("GRAPH_TEST_REQUIRE_POSTGRES is set but %s is empty", PostgresEnv)
	}
	t.Cleanup(func() {
		for _, s := range out {
			s.Close()
		}
	})
	return out
}

// openFreshPostgres creates a new database on the server for one test, so tests do
// not see each other's quads.
func openFreshPostgres(t *testing.T, dsn string) *Store {
	t.Helper()
	admin, err := sql.Open("postgres", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	name := fmt.Sprintf("graph_test_%d", time.Now().UnixNano())
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		a, err := sql.Open("postgres", dsn)
		if err == nil {
			a.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
			a.Close()
		}
	})
	s, err := Open(context.Background(), Config{Backend: Postgres, Path: withDatabase(dsn, name)})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func withDatabase(dsn, db string) string {
	i := strings.LastIndex(dsn, "/")
	rest := ""
	if j := strings.Index(dsn[i:], "?"); j >= 0 {
		rest = dsn[i+j:]
	}
	return dsn[:i+1] + db + rest
}

func q(s, p, o, label string) quad.Quad {
	var obj quad.Value = quad.IRI(o)
	if strings.HasPrefix(o, `"`) {
		obj = quad.String(strings.Trim(o, `"`))
	}
	return quad.Quad{Subject: quad.IRI(s), Predicate: quad.IRI(p), Object: obj, Label: quad.IRI(label)}
}

func nq(qs []quad.Quad) []string {
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = q.NQuad()
	}
	sort.Strings(out)
	return out
}

func TestReplaceTouchesOnlyItsLabel(t *testing.T) {
	ctx := context.Background()
	for name, s := range openAll(t) {
		t.Run(name, func(t *testing.T) {
			a1 := []quad.Quad{q("dario", "criticizes", "accelerationists", "source/a"), q("dario", "name", `"Dario Amodei"`, "source/a")}
			b1 := []quad.Quad{q("sam", "criticizes", "dario", "source/b"), q("dario", "name", `"Dario Amodei"`, "source/b")}
			if _, err := s.Replace(ctx, map[quad.IRI][]quad.Quad{"source/a": a1, "source/b": b1}); err != nil {
				t.Fatal(err)
			}
			a2 := []quad.Quad{q("dario", "rebuts", "critics", "source/a"), q("dario", "name", `"Dario Amodei"`, "source/a")}
			ch, err := s.Replace(ctx, map[quad.IRI][]quad.Quad{"source/a": a2})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(Change{Added: 1, Removed: 1, Kept: 1}, ch); diff != "" {
				t.Errorf("change (-want +got)\n%s", diff)
			}
			gotA, _ := s.Quads(ctx, "source/a")
			gotB, _ := s.Quads(ctx, "source/b")
			if diff := cmp.Diff(nq(a2), nq(gotA)); diff != "" {
				t.Errorf("source/a (-want +got)\n%s", diff)
			}
			if diff := cmp.Diff(nq(b1), nq(gotB)); diff != "" {
				t.Errorf("source/b changed (-want +got)\n%s", diff)
			}
			// The shared name quad under b survives a's rebuild without it.
			if _, err := s.Replace(ctx, map[quad.IRI][]quad.Quad{"source/a": nil}); err != nil {
				t.Fatal(err)
			}
			res, err := s.Query(ctx, `g.V("<dario>").Out("<name>").All()`, 0)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff([]any{map[string]any{"id": "Dario Amodei"}}, res); diff != "" {
				t.Errorf("query after removing a (-want +got)\n%s", diff)
			}
		})
	}
}

func TestReplaceIsIdempotent(t *testing.T) {
	ctx := context.Background()
	for name, s := range openAll(t) {
		t.Run(name, func(t *testing.T) {
			set := map[quad.IRI][]quad.Quad{"source/a": {q("x", "type", "person", "source/a")}}
			if _, err := s.Replace(ctx, set); err != nil {
				t.Fatal(err)
			}
			ch, err := s.Replace(ctx, set)
			if err != nil {
				t.Fatal(err)
			}
			if ch.Added != 0 || ch.Removed != 0 || ch.Kept != 1 {
				t.Errorf("second identical replace changed the store: %+v", ch)
			}
		})
	}
}

func TestReplaceRejectsForeignLabelAndWritesNothing(t *testing.T) {
	ctx := context.Background()
	for name, s := range openAll(t) {
		t.Run(name, func(t *testing.T) {
			good := q("x", "type", "person", "source/a")
			if _, err := s.Replace(ctx, map[quad.IRI][]quad.Quad{"source/a": {good}}); err != nil {
				t.Fatal(err)
			}
			_, err := s.Replace(ctx, map[quad.IRI][]quad.Quad{"source/a": {q("y", "type", "person", "source/a"), q("z", "type", "person", "source/other")}})
			if err == nil {
				t.Fatal("a quad under another label was accepted")
			}
			all, _ := s.AllQuads(ctx)
			if diff := cmp.Diff([]string{good.NQuad()}, nq(all)); diff != "" {
				t.Errorf("store changed by a failed replace (-want +got)\n%s", diff)
			}
		})
	}
}

func TestQueryErrorsAndLimit(t *testing.T) {
	ctx := context.Background()
	for name, s := range openAll(t) {
		t.Run(name, func(t *testing.T) {
			var qs []quad.Quad
			for i := 0; i < 5; i++ {
				qs = append(qs, q("a", "knows", fmt.Sprintf("n%d", i), "source/a"))
			}
			if _, err := s.Replace(ctx, map[quad.IRI][]quad.Quad{"source/a": qs}); err != nil {
				t.Fatal(err)
			}
			res, err := s.Query(ctx, `g.V("<a>").Out("<knows>").All()`, 2)
			if err != nil {
				t.Fatal(err)
			}
			if len(res) != 2 {
				t.Errorf("limit 2 gave %d results", len(res))
			}
			if _, err := s.Query(ctx, `g.V(.All()`, 0); !errors.Is(err, ErrQuery) {
				t.Errorf("syntax error gave %v", err)
			}
			cctx, cancel := context.WithCancel(ctx)
			cancel()
			if _, err := s.Query(cctx, `g.V().All()`, 0); !errors.Is(err, ErrQuery) {
				t.Errorf("cancelled query gave %v", err)
			}
		})
	}
}

func TestStats(t *testing.T) {
	ctx := context.Background()
	s, _ := Open(ctx, Config{Backend: Memory})
	defer s.Close()
	s.Replace(ctx, map[quad.IRI][]quad.Quad{
		"source/a": {q("dario", "type", "person", "source/a"), q("dario", "criticizes", "x", "source/a")},
		"source/b": {q("dario", "type", "person", "source/b"), q("c", "type", "claim", "source/b")},
	})
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := Stats{
		Backend:    Memory,
		Where:      s.Where(),
		Quads:      4,
		Labels:     []Count{{"source/a", 2}, {"source/b", 2}},
		NodeKinds:  []Count{{"claim", 1}, {"person", 1}},
		Predicates: []Count{{"criticizes", 1}, {"type", 3}},
	}
	if diff := cmp.Diff(want, st); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}

func TestBoltLockedStoreFailsClearly(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "g.db")
	first, err := Open(ctx, Config{Backend: Bolt, Path: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	_, err = Open(ctx, Config{Backend: Bolt, Path: dir, LockTimeout: 50 * time.Millisecond})
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("second open gave %v, want ErrLocked", err)
	}
	if !strings.Contains(err.Error(), dir) {
		t.Errorf("message %q does not name the store", err)
	}
}

func TestBoltPersistsAcrossOpens(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "g.db")
	s, err := Open(ctx, Config{Backend: Bolt, Path: dir})
	if err != nil {
		t.Fatal(err)
	}
	want := []quad.Quad{q("x", "type", "person", "source/a")}
	if _, err := s.Replace(ctx, map[quad.IRI][]quad.Quad{"source/a": want}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(ctx, Config{Backend: Bolt, Path: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, _ := s.AllQuads(ctx)
	if diff := cmp.Diff(nq(want), nq(got)); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}

func TestOpenErrors(t *testing.T) {
	ctx := context.Background()
	file := filepath.Join(t.TempDir(), "plain")
	os.WriteFile(file, []byte("x"), 0o644)
	tests := []struct {
		name string
		cfg  Config
		want error
	}{
		{"unknown backend", Config{Backend: "oracle"}, ErrConfig},
		{"bolt without path", Config{Backend: Bolt}, ErrConfig},
		{"bolt path is a file", Config{Backend: Bolt, Path: file}, ErrConfig},
		{"postgres without dsn", Config{Backend: Postgres}, ErrConfig},
		{"postgres unreachable", Config{Backend: Postgres, Path: "postgres://nobody@127.0.0.1:1/none?sslmode=disable", LockTimeout: time.Second}, ErrUnreachable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Open(ctx, tt.cfg)
			if err == nil {
				s.Close()
			}
			if !errors.Is(err, tt.want) {
				t.Errorf("got %v, want %v", err, tt.want)
			}
		})
	}
}

func TestConnectionStringHandling(t *testing.T) {
	if got := withConnectTimeout("postgres://u:p@h/db?sslmode=disable", 3*time.Second); got != "postgres://u:p@h/db?connect_timeout=3&sslmode=disable" {
		t.Errorf("url form: %s", got)
	}
	if got := withConnectTimeout("host=h dbname=db", 3*time.Second); got != "host=h dbname=db connect_timeout=3" {
		t.Errorf("key=value form: %s", got)
	}
	for _, dsn := range []string{
		"postgres://u:secret@h/db",
		"host=h password=secret dbname=db",
		"host=h password='a secret' dbname=db",
		"host=h PASSWORD = secret",
		"postgres://u:secret@h:99999999/db", // does not parse
		"postgres://u:secret@[::1/db",       // does not parse
	} {
		got := redact(dsn)
		if strings.Contains(got, "secret") {
			t.Errorf("%s: password shown: %s", dsn, got)
		}
		if secretOf(dsn) == "" {
			t.Errorf("%s: no password found", dsn)
		}
		if msg := scrub(fmt.Errorf("cannot connect with %q", dsn), secretOf(dsn)); strings.Contains(msg, "secret") {
			t.Errorf("%s: password in an error: %s", dsn, msg)
		}
	}
}

// TestBoltCloseAfterLimitedQueryDoesNotHang runs queries that a limit cuts short,
// which can leave a read transaction open inside Cayley; closing must still return.
func TestBoltCloseAfterLimitedQueryDoesNotHang(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "g.db")
	s, err := Open(ctx, Config{Backend: Bolt, Path: dir})
	if err != nil {
		t.Fatal(err)
	}
	var qs []quad.Quad
	for i := 0; i < 50; i++ {
		c := fmt.Sprintf("c%d", i)
		qs = append(qs, q("a", "asserts", c, "source/a"), q(c, "text", fmt.Sprintf(`"text %d"`, i), "source/a"))
	}
	if _, err := s.Replace(ctx, map[quad.IRI][]quad.Quad{"source/a": qs}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	for i := 0; i < 10; i++ {
		s, err := Open(ctx, Config{Backend: Bolt, Path: dir})
		if err != nil {
			t.Fatalf("open %d: %v", i, err)
		}
		res, err := s.Query(ctx, `g.V("<a>").Out("<asserts>").Tag("c").Save("<text>", "t").All()`, 2)
		if err != nil || len(res) != 2 {
			t.Fatalf("query %d: %v, %d results", i, err, len(res))
		}
		if err := s.Close(); err != nil {
			t.Fatalf("close %d: %v", i, err)
		}
	}
}

// TestReplaceKeepsSharedNodes rewrites a label so that one write removes more quads
// than it adds that use the same node (the label itself, a subject). Cayley's KV
// backend nets reference counts per write and would then store the added quads
// without that node; every quad must come back whole.
func TestReplaceKeepsSharedNodes(t *testing.T) {
	ctx := context.Background()
	for name, s := range openAll(t) {
		t.Run(name, func(t *testing.T) {
			var first []quad.Quad
			for i := 0; i < 6; i++ {
				first = append(first, q("claim/x", fmt.Sprintf("p%d", i), fmt.Sprintf(`"v%d"`, i), "source/a"))
			}
			second := []quad.Quad{q("claim/x", "text", `"changed"`, "source/a")}
			third := []quad.Quad{q("claim/x", "text", `"changed again"`, "source/a"), q("claim/y", "text", `"new"`, "source/a")}
			for i, set := range [][]quad.Quad{first, second, third} {
				if _, err := s.Replace(ctx, map[quad.IRI][]quad.Quad{"source/a": set}); err != nil {
					t.Fatalf("write %d: %v", i, err)
				}
				all, err := s.AllQuads(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(nq(set), nq(all)); diff != "" {
					t.Fatalf("after write %d (-want +got)\n%s", i, diff)
				}
			}
		})
	}
}

// TestReplaceRandomRewrites replays a fixed random sequence of rewrites of two labels
// drawn from a small vocabulary, so that nodes are shared in every way, and checks
// after each that the store holds exactly the latest sets.
func TestReplaceRandomRewrites(t *testing.T) {
	ctx := context.Background()
	for name, s := range openAll(t) {
		t.Run(name, func(t *testing.T) {
			rng := rand.New(rand.NewSource(7))
			want := map[quad.IRI][]quad.Quad{}
			for step := 0; step < 40; step++ {
				label := quad.IRI(fmt.Sprintf("source/%d", rng.Intn(2)))
				var set []quad.Quad
				seen := map[string]bool{}
				for i, n := 0, rng.Intn(8); i < n; i++ {
					qq := q(fmt.Sprintf("n%d", rng.Intn(4)), fmt.Sprintf("p%d", rng.Intn(3)), fmt.Sprintf("n%d", rng.Intn(4)), string(label))
					if !seen[qq.NQuad()] {
						seen[qq.NQuad()] = true
						set = append(set, qq)
					}
				}
				if _, err := s.Replace(ctx, map[quad.IRI][]quad.Quad{label: set}); err != nil {
					t.Fatalf("step %d: %v", step, err)
				}
				want[label] = set
				var all []quad.Quad
				for _, qs := range want {
					all = append(all, qs...)
				}
				got, err := s.AllQuads(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(nq(all), nq(got)); diff != "" {
					t.Fatalf("step %d (-want +got)\n%s", step, diff)
				}
			}
		})
	}
}
