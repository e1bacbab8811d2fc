package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/graphbuilder/graph/internal/server"
	"github.com/graphbuilder/graph/internal/store"
)

// TestServeSeesPostgresBuilds serves a PostgreSQL store, from its hot standby
// when there is one, and sees each build on the primary once it is replayed:
// a refresh reads the store again only after a build changed something.
func TestServeSeesPostgresBuilds(t *testing.T) {
	primary := postgresDSN(t)
	served := primary
	if standbyServer := os.Getenv(standbyEnv); standbyServer != "" {
		served = onDatabase(standbyServer, databaseOf(primary))
	}
	ctx := context.Background()
	build := func(paths ...string) {
		t.Helper()
		var out, errs bytes.Buffer
		args := append([]string{"build", "--store-backend", "postgres", "--store-path", primary}, paths...)
		if code := run(ctx, args, &out, &errs); code != 0 {
			t.Fatalf("graph %s: exit %d\n%s", strings.Join(args, " "), code, errs.String())
		}
		if served != primary {
			awaitReplay(t, primary, served)
		}
	}
	examples := filepath.Join("..", "..", "examples")
	build(filepath.Join(examples, "lecun-2024"))
	s, err := server.New(ctx, server.Options{Store: store.Config{Backend: store.Postgres, Path: served}, Poll: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if n := len(s.Reader().Sources()); n != 1 {
		t.Fatalf("%d sources served after the first build, want 1", n)
	}
	if changed, err := s.Refresh(ctx); err != nil || changed {
		t.Errorf("refresh with nothing built: changed %v, %v", changed, err)
	}
	build(filepath.Join(examples, "lecun-2024"), filepath.Join(examples, "amodei-2025"))
	if changed, err := s.Refresh(ctx); err != nil || !changed {
		t.Fatalf("refresh after a build that adds a source: changed %v, %v", changed, err)
	}
	if n := len(s.Reader().Sources()); n != 2 {
		t.Errorf("%d sources served after the second build, want 2", n)
	}
	build(filepath.Join(examples, "lecun-2024"), filepath.Join(examples, "amodei-2025"))
	if changed, err := s.Refresh(ctx); err != nil || changed {
		t.Errorf("refresh after a build that changed nothing: changed %v, %v", changed, err)
	}
}
