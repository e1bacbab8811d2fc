package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/spf13/cobra"

	"github.com/graphbuilder/graph/internal/store"
)

func TestBuildOnLockedStoreFailsWithoutWaitingForever(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "g.db")
	held, err := store.Open(context.Background(), store.Config{Backend: store.Bolt, Path: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	var out, errs bytes.Buffer
	code := run(context.Background(), []string{"build", "--store-path", dir, "--lock-timeout", "100ms", "../../examples"}, &out, &errs)
	if code != exitFailure {
		t.Fatalf("exit %d, want %d; stderr:\n%s", code, exitFailure, errs.String())
	}
	if want := "graph: store is locked by another process: " + dir; !strings.HasPrefix(errs.String(), want) {
		t.Errorf("stderr %q, want prefix %q", errs.String(), want)
	}
}

func loadConfig(t *testing.T, args ...string) Config {
	t.Helper()
	root := &cobra.Command{Use: "graph", RunE: func(*cobra.Command, []string) error { return nil }}
	l := newConfigLoader(root)
	root.SetArgs(args)
	if err := root.Execute(); err != nil {
		t.Fatal(err)
	}
	cfg, err := l.Load()
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func TestConfigSources(t *testing.T) {
	t.Chdir(t.TempDir())
	def := loadConfig(t)
	want := Config{Store: store.Config{Backend: "bolt", Path: "graph.db", LockTimeout: 5 * time.Second,
		Postgres: store.PostgresOptions{ConnectTimeout: 5 * time.Second, StatementTimeout: time.Minute, IdleTimeout: time.Minute}},
		QueryTimeout: 30 * time.Second}
	if diff := cmp.Diff(want, def); diff != "" {
		t.Errorf("defaults (-want +got)\n%s", diff)
	}

	os.WriteFile("graph.yaml", []byte("store:\n  path: from-file.db\n  lock_timeout: 2s\nquery:\n  timeout: 1m\n"), 0o644)
	got := loadConfig(t)
	if got.Store.Path != "from-file.db" || got.Store.LockTimeout != 2*time.Second || got.QueryTimeout != time.Minute {
		t.Errorf("config file not read: %+v", got)
	}

	t.Setenv("GRAPH_STORE_PATH", "from-env.db")
	t.Setenv("GRAPH_STORE_BACKEND", "memory")
	got = loadConfig(t)
	if got.Store.Path != "from-env.db" || got.Store.Backend != "memory" {
		t.Errorf("environment does not override the file: %+v", got)
	}

	got = loadConfig(t, "--store-path", "from-flag.db")
	if got.Store.Path != "from-flag.db" {
		t.Errorf("flag does not override the environment: %+v", got)
	}
}

func TestInterviewGraphIsNotReadAsConfig(t *testing.T) {
	t.Chdir(t.TempDir())
	os.WriteFile("graph.yaml", []byte("source:\n  id: x\nstore:\n  path: wrong.db\n"), 0o644)
	if got := loadConfig(t); got.Store.Path != "graph.db" {
		t.Errorf("an interview graph was read as configuration: %+v", got)
	}
}

// TestReadmeExampleIsTheValidatedOne keeps the README's format example identical to
// docs/example/graph.yaml, which the validate script checks.
func TestReadmeExampleIsTheValidatedOne(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	example, err := os.ReadFile("../../docs/example/graph.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(readme, append([]byte("```yaml\n"), example...)) {
		t.Error("README.md does not show docs/example/graph.yaml verbatim; copy it again")
	}
	var out, errs bytes.Buffer
	if code := run(context.Background(), []string{"validate", "../../docs/example"}, &out, &errs); code != exitOK {
		t.Errorf("docs/example does not validate:\n%s", errs.String())
	}
}

// The README's first build shows what graph build examples/ prints: the same
// lines, apart from the query it suggests last.
func TestReadmeBuildOutputIsTheTools(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	const lead = "prints what it built:\n\n```\n"
	i := bytes.Index(readme, []byte(lead))
	if i < 0 {
		t.Fatal("README.md has no build output after \"prints what it built:\"")
	}
	block := readme[i+len(lead):]
	block = block[:bytes.Index(block, []byte("```"))]
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "examples"), os.DirFS("../../examples")); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	var out, errs bytes.Buffer
	if code := run(context.Background(), []string{"build", "examples/"}, &out, &errs); code != exitOK {
		t.Fatalf("build failed:\n%s", errs.String())
	}
	var printed []string
	for _, line := range strings.SplitAfter(out.String(), "\n") {
		if !strings.HasPrefix(line, "try: ") {
			printed = append(printed, line)
		}
	}
	if diff := cmp.Diff(string(block), strings.Join(printed, "")); diff != "" {
		t.Errorf("README.md's build output differs from graph build examples/ (-README +printed):\n%s", diff)
	}
}
