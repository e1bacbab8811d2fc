//go:build unix

package main

import (
	"bufio"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/graphbuilder/graph/internal/corpusgen"
	"github.com/graphbuilder/graph/internal/pipeline"
	"github.com/graphbuilder/graph/internal/store"
	"github.com/graphbuilder/graph/internal/vocab"
)

// These tests run graph as separate processes (testscript's TestMain puts the test
// binary on $PATH as "graph") and stop, interrupt or kill a build once it reports
// progress: its output is the signal, never a sleep.

// corpusPair writes two corpora with the same sources and different content: the
// old one is built first, the new one is the build that gets interrupted.
func corpusPair(t *testing.T) (oldDir, newDir string, old, new map[quad.IRI][]string) {
	t.Helper()
	base := t.TempDir()
	oldDir, newDir = filepath.Join(base, "old"), filepath.Join(base, "new")
	for dir, size := range map[string]int{oldDir: 4000, newDir: 6000} {
		if _, err := corpusgen.Write(dir, corpusgen.Options{Interviews: 24, Entities: 300, Seed: 3, TranscriptBytes: size}); err != nil {
			t.Fatal(err)
		}
	}
	old, new = sourceSets(t, oldDir), sourceSets(t, newDir)
	if len(old) != 24 || len(new) != 24 {
		t.Fatalf("corpora have %d and %d sources", len(old), len(new))
	}
	for l, qs := range old {
		if new[l] == nil {
			t.Fatalf("source %s is in the old corpus only", l)
		}
		if slices.Equal(qs, new[l]) {
			t.Fatalf("source %s is the same in both corpora", l)
		}
	}
	return oldDir, newDir, old, new
}

// sourceSets is what a build of the corpus at dir writes for each source: the
// pipeline's own build into a memory store, read back label by label.
func sourceSets(t *testing.T, dir string) map[quad.IRI][]string {
	t.Helper()
	ctx := context.Background()
	loaded, err := pipeline.Load([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, store.Config{Backend: store.Memory})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ids := make([]string, len(loaded.Graphs))
	for i, g := range loaded.Graphs {
		ids[i] = g.Source.ID
	}
	if _, _, err := pipeline.Build(ctx, loaded.Graphs, pipeline.Options{Open: func(context.Context) (*store.Store, error) { return st, nil }}); err != nil {
		t.Fatal(err)
	}
	out := map[quad.IRI][]string{}
	for _, id := range ids {
		label := vocab.SourceIRI(id)
		qs, err := st.Quads(ctx, label)
		if err != nil {
			t.Fatal(err)
		}
		out[label] = nquadLines(qs)
	}
	return out
}

func nquadLines(qs []quad.Quad) []string {
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = q.NQuad()
	}
	slices.Sort(out)
	return out
}

func graphCmd(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	bin, err := exec.LookPath("graph")
	if err != nil {
		t.Fatalf("the test binary is not on $PATH as graph: %v", err)
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "GRAPH_STORE_BACKEND=bolt")
	return cmd
}

func mustRun(t *testing.T, args ...string) {
	t.Helper()
	if out, err := graphCmd(t, args...).CombinedOutput(); err != nil {
		t.Fatalf("graph %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// startBuild starts a build in small transactions and returns once it has
// committed the first of them. Its stderr is drained in the background; done
// receives its exit error and everything it wrote to stderr.
func startBuild(t *testing.T, args ...string) (cmd *exec.Cmd, done <-chan buildResult) {
	t.Helper()
	cmd = graphCmd(t, append([]string{"build", "--batch-quads", "2000"}, args...)...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	progressed := make(chan bool, 1)
	ch := make(chan buildResult, 1)
	go func() {
		var all strings.Builder
		sc := bufio.NewScanner(stderr)
		first := true
		for sc.Scan() {
			all.WriteString(sc.Text() + "\n")
			if first && strings.HasPrefix(sc.Text(), "graph: wrote ") {
				first = false
				progressed <- true
			}
		}
		io.Copy(io.Discard, stderr)
		if first {
			progressed <- false
		}
		ch <- buildResult{cmd.Wait(), all.String()}
	}()
	if !<-progressed {
		r := <-ch
		t.Fatalf("the build reported no progress: %v\n%s", r.err, r.stderr)
	}
	return cmd, ch
}

type buildResult struct {
	err    error
	stderr string
}

// checkWholeSources opens the store and checks that it is consistent, answers a
// query, and holds each source either exactly as old or exactly as new. It
// returns how many sources are new.
func checkWholeSources(t *testing.T, dir string, old, new map[quad.IRI][]string) int {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, store.Config{Backend: store.Bolt, Path: dir})
	if err != nil {
		t.Fatalf("the store does not open: %v", err)
	}
	defer st.Close()
	if err := st.Check(ctx); err != nil {
		t.Fatal(err)
	}
	fresh := 0
	for label := range old {
		qs, err := st.Quads(ctx, label)
		if err != nil {
			t.Fatal(err)
		}
		got := nquadLines(qs)
		switch {
		case slices.Equal(got, new[label]):
			fresh++
		case slices.Equal(got, old[label]):
		default:
			t.Errorf("source %s is neither old (%d quads) nor new (%d quads): %d quads", label, len(old[label]), len(new[label]), len(got))
		}
	}
	res, err := st.Query(ctx, `g.V().Has("<type>", "<source>").All()`, 0)
	if err != nil {
		t.Fatalf("query: %v", err)
	}
	if len(res) != len(old) {
		t.Errorf("the query found %d sources, want %d", len(res), len(old))
	}
	return fresh
}

func TestKilledBuildLeavesWholeSources(t *testing.T) {
	oldDir, newDir, old, new := corpusPair(t)
	db := filepath.Join(t.TempDir(), "g.db")
	mustRun(t, "build", "--store-path", db, oldDir)

	cmd, done := startBuild(t, "--store-path", db, newDir)
	cmd.Process.Kill() // SIGKILL: no chance to clean up
	r := <-done
	t.Logf("killed build: %v", r.err)
	fresh := checkWholeSources(t, db, old, new)
	t.Logf("%d of %d sources were new when the build was killed", fresh, len(new))
	if fresh == 0 {
		t.Error("the first committed transaction is not in the store")
	}

	// Building again finishes the work.
	mustRun(t, "build", "--store-path", db, newDir)
	if fresh := checkWholeSources(t, db, old, new); fresh != len(new) {
		t.Errorf("after a second build %d of %d sources are new", fresh, len(new))
	}
}

// TestKilledFirstBuildLeavesEmptyStore kills a first build, which loads the
// empty store in stages, once it reports a staged transaction. Wherever the kill
// lands, the store is consistent and either still empty or holds every source
// whole (the load's last transaction had committed); a build that finished
// before the kill leaves every source. Building again writes every source.
func TestKilledFirstBuildLeavesEmptyStore(t *testing.T) {
	_, newDir, old, new := corpusPair(t)
	db := filepath.Join(t.TempDir(), "g.db")
	cmd, done := startBuild(t, "--store-path", db, newDir)
	cmd.Process.Kill()
	r := <-done
	t.Logf("killed build: %v", r.err)

	ctx := context.Background()
	st, err := store.Open(ctx, store.Config{Backend: store.Bolt, Path: db})
	if err != nil {
		t.Fatalf("the store does not open: %v", err)
	}
	if err := st.Check(ctx); err != nil {
		t.Fatal(err)
	}
	qs, err := st.AllQuads(ctx)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	switch {
	case len(qs) == 0 && r.err == nil:
		t.Error("the first build finished and left the store empty")
	case len(qs) == 0:
		t.Log("the store is empty")
	default:
		// Not empty: the load was made the store's content, every source of it.
		t.Log("the load had committed")
		if fresh := checkWholeSources(t, db, old, new); fresh != len(new) {
			t.Errorf("the killed first build left %d quads, with %d of %d sources whole", len(qs), fresh, len(new))
		}
	}

	mustRun(t, "build", "--store-path", db, newDir)
	if fresh := checkWholeSources(t, db, old, new); fresh != len(new) {
		t.Errorf("after a second build %d of %d sources are new", fresh, len(new))
	}
}

func TestInterruptedBuildKeepsWholeSources(t *testing.T) {
	oldDir, newDir, old, new := corpusPair(t)
	db := filepath.Join(t.TempDir(), "g.db")
	mustRun(t, "build", "--store-path", db, oldDir)

	cmd, done := startBuild(t, "--store-path", db, newDir)
	cmd.Process.Signal(os.Interrupt) // Ctrl-C
	r := <-done
	var exit *exec.ExitError
	switch {
	case r.err == nil:
		t.Log("the build finished before the interrupt arrived")
	case errors.As(r.err, &exit) && exit.ExitCode() == exitFailure:
		if !strings.Contains(r.stderr, "graph: build interrupted; every source in the store is whole") {
			t.Errorf("stderr does not explain the interruption:\n%s", r.stderr)
		}
	default:
		t.Fatalf("interrupted build: %v\n%s", r.err, r.stderr)
	}
	checkWholeSources(t, db, old, new)
}

func TestSecondBuildWaitsThenFails(t *testing.T) {
	oldDir, newDir, old, new := corpusPair(t)
	db := filepath.Join(t.TempDir(), "g.db")
	mustRun(t, "build", "--store-path", db, oldDir)

	// The first build is frozen while it holds the store.
	first, done := startBuild(t, "--store-path", db, newDir)
	if err := first.Process.Signal(syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
	second := graphCmd(t, "build", "--store-path", db, "--lock-timeout", "300ms", oldDir)
	out, err := second.CombinedOutput()
	first.Process.Signal(syscall.SIGCONT)
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != exitFailure {
		t.Fatalf("second build: %v, want exit status %d\n%s", err, exitFailure, out)
	}
	if want := "graph: store is locked by another process: " + db + " (waited 300ms; is another graph command running?)"; !strings.Contains(string(out), want) {
		t.Errorf("second build said\n%s\nwant %q", out, want)
	}
	if r := <-done; r.err != nil {
		t.Fatalf("first build: %v\n%s", r.err, r.stderr)
	}
	if fresh := checkWholeSources(t, db, old, new); fresh != len(new) {
		t.Errorf("%d of %d sources are the first build's", fresh, len(new))
	}
}
