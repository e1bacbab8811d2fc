//go:build unix

package main

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	_ "github.com/lib/pq"

	"github.com/graphbuilder/graph/internal/corpusgen"
	"github.com/graphbuilder/graph/internal/store"
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
	// The store keeps each source's inputs record: a second build reads nothing.
	if out := graph(append([]string{"build"}, append(pg, corpus)...)...); !strings.Contains(out, ": 0 quads added, 0 removed,") ||
		!strings.Contains(out, "(6 of the sources unchanged since the last build, not read)") {
		t.Errorf("a second build changed the store or read the sources again:\n%s", out)
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
	// One interview named alone reaches the corpus's catalog only when allowed.
	out := graph(append([]string{"build", "--allow-path", corpus}, append(pg, dirs[2])...)...)
	var added, removed, kept int
	if _, err := fmt.Sscanf(out[strings.Index(out, ": ")+2:], "%d quads added, %d removed, %d unchanged", &added, &removed, &kept); err != nil ||
		added == 0 || added != removed || added > 3 || kept == 0 {
		t.Errorf("rebuilding one changed interview:\n%s", out)
	}
	// The whole corpus again: the five other interviews are not read, the one
	// built alone (its record says it was built with another allowed folder) is
	// read and found unchanged; the same on bolt built the same way, and both
	// hold the same quads.
	for _, st := range [][]string{pg, bolt} {
		if st[1] == "bolt" {
			graph(append([]string{"build", "--allow-path", corpus}, append(bolt, dirs[2])...)...)
		}
		if out := graph(append([]string{"build"}, append(st, corpus)...)...); !strings.Contains(out, ": 0 quads added, 0 removed,") ||
			!strings.Contains(out, "(5 of the sources unchanged since the last build, not read)") {
			t.Errorf("%s: rebuilding the corpus after one interview was rebuilt:\n%s", st[1], out)
		}
	}
	if a, b := graph(append([]string{"export", "nquads"}, pg...)...), graph(append([]string{"export", "nquads"}, bolt...)...); a != b {
		t.Errorf("after the rebuilds, PostgreSQL and bolt hold different quads (%d and %d bytes of N-Quads)", len(a), len(b))
	}
	res := graph(append([]string{"query", `g.V().Has("<type>", "<source>").All()`}, pg...)...)
	if n := strings.Count(res, `"<source/`); n != 6 {
		t.Errorf("the query found %d sources:\n%s", n, res)
	}
}

// serverProcesses returns the process ids of the PostgreSQL server dsn names: its
// postmaster (from postmaster.pid in its data directory) and every child of it.
func serverProcesses(t *testing.T, dsn string) []int {
	t.Helper()
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var dir string
	if err := db.QueryRow(`SELECT setting FROM pg_settings WHERE name = 'data_directory'`).Scan(&dir); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, "postmaster.pid"))
	if err != nil {
		t.Skipf("the server's data directory is not readable here: %v", err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(strings.SplitN(string(data), "\n", 2)[0]))
	if err != nil {
		t.Fatalf("postmaster.pid: %v", err)
	}
	pids := []int{pid}
	out, _ := exec.Command("pgrep", "-P", strconv.Itoa(pid)).Output()
	for _, f := range strings.Fields(string(out)) {
		if n, err := strconv.Atoi(f); err == nil {
			pids = append(pids, n)
		}
	}
	return pids
}

// TestFrozenPostgresFailsTheBuild stops every process of the server (SIGSTOP)
// before a build starts: the build must fail as unreachable within its connect
// timeout, rather than wait forever, and after SIGCONT every source is as it was.
// (A freeze in the middle of a write, after a first commit, is tested in
// internal/store, where the test knows the build's own connection.)
func TestFrozenPostgresFailsTheBuild(t *testing.T) {
	dsn := postgresDSN(t)
	oldDir, newDir, old, _ := corpusPair(t)
	pg := []string{"--store-backend", "postgres", "--store-path", dsn}
	mustRun(t, append([]string{"build"}, append(pg, oldDir)...)...)
	pids := serverProcesses(t, dsn)
	const timeout = 2 * time.Second
	t.Setenv("GRAPH_STORE_CONNECT_TIMEOUT", timeout.String())
	t.Setenv("GRAPH_STORE_STATEMENT_TIMEOUT", timeout.String())
	resumed := false
	resume := func() {
		if !resumed {
			resumed = true
			for _, pid := range pids {
				syscall.Kill(pid, syscall.SIGCONT)
			}
		}
	}
	defer resume()
	for _, pid := range pids {
		// A backend may have ended since it was listed.
		if err := syscall.Kill(pid, syscall.SIGSTOP); err != nil && !errors.Is(err, syscall.ESRCH) {
			t.Fatalf("stop server process %d: %v", pid, err)
		}
	}
	frozen := time.Now()
	cmd := graphCmd(t, append([]string{"build"}, append(pg, newDir)...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan buildResult, 1)
	go func() {
		err := cmd.Wait()
		done <- buildResult{err, stderr.String()}
	}()
	// The bound is far above the timeout and far below forever.
	var r buildResult
	select {
	case r = <-done:
	case <-time.After(30*timeout + time.Minute):
		cmd.Process.Kill()
		resume()
		t.Fatalf("the build still waits on the stopped server after %s", time.Since(frozen))
	}
	took := time.Since(frozen)
	resume()
	var exit *exec.ExitError
	if !errors.As(r.err, &exit) || exit.ExitCode() != 1 {
		t.Fatalf("the build ended with %v, want exit status 1\n%s", r.err, r.stderr)
	}
	if !strings.Contains(r.stderr, "unreachable") || strings.Contains(r.stderr, "ERROR:") {
		t.Errorf("the message does not say the store is unreachable, or shows Cayley's log:\n%s", r.stderr)
	}
	t.Logf("the build failed %s after the server stopped: %s", took.Round(time.Millisecond), strings.TrimSpace(r.stderr[strings.LastIndex(strings.TrimSpace(r.stderr), "\n")+1:]))

	ctx := context.Background()
	st, err := store.Open(ctx, store.Config{Backend: store.Postgres, Path: dsn, MustExist: true})
	if err != nil {
		t.Fatalf("the store does not open after SIGCONT: %v", err)
	}
	defer st.Close()
	for label := range old {
		qs, err := st.Quads(ctx, label)
		if err != nil {
			t.Fatal(err)
		}
		if got := nquadLines(qs); !slices.Equal(got, old[label]) {
			t.Errorf("source %s changed although the build failed: %d quads", label, len(got))
		}
	}
	mustRun(t, append([]string{"build"}, append(pg, newDir)...)...)
}
