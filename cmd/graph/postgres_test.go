package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "github.com/lib/pq"

	"github.com/graphbuilder/graph/internal/corpusgen"
)

// postgresDSN creates a throwaway database on the server GRAPH_TEST_POSTGRES names
// (as .ci/run sets it) and returns a connection string to it; the test is skipped
// when the variable is not set.
func postgresDSN(t *testing.T) string {
	t.Helper()
	dsn := os.Getenv("GRAPH_TEST_POSTGRES")
	if dsn == "" {
		if os.Getenv("GRAPH_TEST_REQUIRE_POSTGRES") != "" {
			t.Fatal("GRAPH_TEST_REQUIRE_POSTGRES is set but GRAPH_TEST_POSTGRES is empty")
		}
		t.Skip("GRAPH_TEST_POSTGRES is not set")
	}
	admin, err := sql.Open("postgres", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	name := fmt.Sprintf("graph_build_test_%d", time.Now().UnixNano())
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		if a, err := sql.Open("postgres", dsn); err == nil {
			a.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
			a.Close()
		}
	})
	i := strings.LastIndex(dsn, "/")
	rest := ""
	if j := strings.Index(dsn[i:], "?"); j >= 0 {
		rest = dsn[i+j:]
	}
	return dsn[:i+1] + name + rest
}

// TestBuildOnPostgres builds a generated corpus into PostgreSQL and into bolt: the
// same quads in both, nothing written by a second build, and one changed
// interview rewritten alone.
func TestBuildOnPostgres(t *testing.T) {
	dsn := postgresDSN(t)
	corpus := filepath.Join(t.TempDir(), "corpus")
	if _, err := corpusgen.Write(corpus, corpusgen.Options{Interviews: 6, Entities: 120, Seed: 2, TranscriptBytes: 3000}); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	pg := []string{"--store-backend", "postgres", "--store-path", dsn}
	bolt := []string{"--store-backend", "bolt", "--store-path", filepath.Join(t.TempDir(), "g.db")}
	graph := func(args ...string) string {
		t.Helper()
		var out, errs bytes.Buffer
		if code := run(ctx, args, &out, &errs); code != 0 {
			t.Fatalf("graph %s: exit %d\n%s", strings.Join(args, " "), code, errs.String())
		}
		return out.String()
	}
	graph(append([]string{"build", "--batch-quads", "500"}, append(pg, corpus)...)...)
	graph(append([]string{"build"}, append(bolt, corpus)...)...)
	if a, b := graph(append([]string{"export", "nquads"}, pg...)...), graph(append([]string{"export", "nquads"}, bolt...)...); a != b {
		t.Errorf("PostgreSQL and bolt hold different quads (%d and %d bytes of N-Quads)", len(a), len(b))
	}
	if out := graph(append([]string{"build"}, append(pg, corpus)...)...); !strings.Contains(out, ": 0 quads added, 0 removed,") {
		t.Errorf("a second build changed the store:\n%s", out)
	}

	dirs, _ := filepath.Glob(filepath.Join(corpus, "interviews", "*"))
	transcript, _ := filepath.Glob(filepath.Join(dirs[2], "transcript.*.txt"))
	f, err := os.OpenFile(transcript[0], os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("\n(Revised.)\n")
	f.Close()
	// Only what the appended line touches changes: the transcript's digest and text,
	// and the end of its last turn where the transcript has turns.
	out := graph(append([]string{"build"}, append(pg, dirs[2])...)...)
	var added, removed, kept int
	if _, err := fmt.Sscanf(out[strings.Index(out, ": ")+2:], "%d quads added, %d removed, %d unchanged", &added, &removed, &kept); err != nil ||
		added == 0 || added != removed || added > 3 || kept == 0 {
		t.Errorf("rebuilding one changed interview:\n%s", out)
	}
	res := graph(append([]string{"query", `g.V().Has("<type>", "<source>").All()`}, pg...)...)
	if n := strings.Count(res, `"<source/`); n != 6 {
		t.Errorf("the query found %d sources:\n%s", n, res)
	}
}
