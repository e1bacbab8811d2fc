//go:build unix

package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/graphbuilder/graph/internal/corpusgen"
	"github.com/graphbuilder/graph/internal/store"
)

// standbyEnv names a connection string to a streaming-replication hot standby
// of the server GRAPH_TEST_POSTGRES names (.ci/run starts both).
const standbyEnv = "GRAPH_TEST_POSTGRES_STANDBY"

// onDatabase returns the connection string dsn with its database replaced.
func onDatabase(dsn, database string) string {
	i := strings.LastIndex(dsn, "/")
	rest := ""
	if j := strings.Index(dsn[i:], "?"); j >= 0 {
		rest = dsn[i+j:]
	}
	return dsn[:i+1] + database + rest
}

// databaseOf returns the database a connection string names.
func databaseOf(dsn string) string {
	name := dsn[strings.LastIndex(dsn, "/")+1:]
	if j := strings.Index(name, "?"); j >= 0 {
		name = name[:j]
	}
	return name
}

// awaitReplay waits until the standby has replayed the primary's WAL up to
// where it is now, so that it shows every transaction committed before.
// It gives up after a minute, which only a broken replication needs.
func awaitReplay(t *testing.T, primary, standby string) {
	t.Helper()
	p, err := sql.Open("postgres", primary)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	var target string
	if err := p.QueryRow(`SELECT pg_current_wal_lsn()::text`).Scan(&target); err != nil {
		t.Fatalf("primary's WAL position: %v", err)
	}
	// The replay position is the server's: asked on its postgres database, which
	// exists before the standby has replayed the creation of the test's own.
	s, err := sql.Open("postgres", onDatabase(standby, "postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var recovering bool
	if err := s.QueryRow(`SELECT pg_is_in_recovery()`).Scan(&recovering); err != nil || !recovering {
		t.Fatalf("%s is not a standby (in recovery: %v, %v)", standbyEnv, recovering, err)
	}
	deadline := time.Now().Add(time.Minute)
	for {
		var replayed sql.NullString
		var done bool
		err := s.QueryRow(`SELECT pg_last_wal_replay_lsn()::text, coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, false)`, target).Scan(&replayed, &done)
		if err != nil {
			t.Fatalf("standby's replay position: %v", err)
		}
		if done {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the standby replayed up to %s, not to the primary's %s, in a minute", replayed.String, target)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestStandbySeesBuilds builds into a PostgreSQL primary and reads the same
// database on its hot standby once the standby has replayed the build: graph
// query and graph stats there answer what they answer on the primary, after a
// first build and after a second one that adds sources. A standby refuses every
// write, so the commands that read there succeed only if they never write;
// a build pointed at it fails and changes nothing.
func TestStandbySeesBuilds(t *testing.T) {
	standbyServer := os.Getenv(standbyEnv)
	if standbyServer == "" {
		if os.Getenv("GRAPH_TEST_REQUIRE_POSTGRES") != "" {
			t.Fatalf("GRAPH_TEST_REQUIRE_POSTGRES is set but %s is empty", standbyEnv)
		}
		t.Skipf("%s is not set", standbyEnv)
	}
	primary := postgresDSN(t)
	standby := onDatabase(standbyServer, databaseOf(primary))
	corpus := filepath.Join(t.TempDir(), "corpus")
	if _, err := corpusgen.Write(corpus, corpusgen.Options{Interviews: 4, Entities: 120, Seed: 3, TranscriptBytes: 3000}); err != nil {
		t.Fatal(err)
	}
	interviews, err := filepath.Glob(filepath.Join(corpus, corpusgen.InterviewsDir, "*"))
	if err != nil || len(interviews) != 4 {
		t.Fatalf("interviews: %v, %v", interviews, err)
	}
	ctx := context.Background()
	graph := func(wantCode int, args ...string) (string, string) {
		t.Helper()
		var out, errs bytes.Buffer
		if code := run(ctx, args, &out, &errs); code != wantCode {
			t.Fatalf("graph %s: exit %d, want %d\n%s", strings.Join(args, " "), code, wantCode, errs.String())
		}
		return out.String(), errs.String()
	}
	on := func(dsn string) []string { return []string{"--store-backend", "postgres", "--store-path", dsn} }
	stats := func(dsn string) store.Stats {
		t.Helper()
		out, _ := graph(0, append([]string{"stats", "--json"}, on(dsn)...)...)
		var s store.Stats
		if err := json.Unmarshal([]byte(out), &s); err != nil {
			t.Fatalf("stats: %v\n%s", err, out)
		}
		return s
	}
	const sourcesQuery = `g.V().Has("<type>", "<source>").All()`
	claimsQuery := `g.V().Has("<type>", "<claim>").Out("<speaker>").Unique().All()`
	var previous store.Stats
	for round, build := range [][]string{
		{"--allow-path", corpus, interviews[0], interviews[1]},
		{corpus},
	} {
		graph(0, append(append([]string{"build"}, on(primary)...), build...)...)
		awaitReplay(t, primary, standby)
		want, got := stats(primary), stats(standby)
		if diff := cmp.Diff(want, got, cmpopts.IgnoreFields(store.Stats{}, "Where")); diff != "" {
			t.Errorf("round %d: stats on the standby differ from the primary's (-primary +standby):\n%s", round, diff)
		}
		if got.Quads == 0 || cmp.Equal(got, previous, cmpopts.IgnoreFields(store.Stats{}, "Where")) {
			t.Errorf("round %d: the standby shows %d quads, as before the build", round, got.Quads)
		}
		previous = got
		for _, q := range []string{sourcesQuery, claimsQuery} {
			a, _ := graph(0, append([]string{"query", q}, on(primary)...)...)
			b, _ := graph(0, append([]string{"query", q}, on(standby)...)...)
			if a != b || !strings.Contains(b, "<source/") && q == sourcesQuery {
				t.Errorf("round %d: %s\non the primary:\n%s\non the standby:\n%s", round, q, a, b)
			}
		}
	}
	// Writing to the standby fails; the store there stays the primary's.
	changed := filepath.Join(interviews[0], "graph.yaml")
	text, err := os.ReadFile(changed)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(changed, bytes.Replace(text, []byte("title: "), []byte("title: changed "), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errs := graph(1, append(append([]string{"build"}, on(standby)...), corpus)...)
	if !strings.Contains(errs, "read-only") {
		t.Errorf("a build on the standby says:\n%s", errs)
	}
	if diff := cmp.Diff(stats(primary), stats(standby), cmpopts.IgnoreFields(store.Stats{}, "Where")); diff != "" {
		t.Errorf("after the refused build the standby differs from the primary:\n%s", diff)
	}
}
