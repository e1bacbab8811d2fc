package store

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/cayleygraph/quad"
)

// A store opened read-only is read without a byte of its file changing, beside
// another reader at the same time, and refuses writes; a store that does not
// exist is not created.
func TestReadOnlyBolt(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "g.db")
	w := openBoltT(t, dir)
	qs := []quad.Quad{q("a", "name", `"Alice"`, "source/a"), q("a", "knows", "b", "source/a")}
	if _, err := w.Replace(ctx, map[quad.IRI][]quad.Quad{"source/a": qs}); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, boltFile)
	before, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	cfg := Config{Backend: Bolt, Path: dir, ReadOnly: true, LockTimeout: 200 * time.Millisecond}
	r1, err := Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	// A second reader shares the lock (a writer's lock would make it wait).
	r2, err := Open(ctx, cfg)
	if err != nil {
		t.Fatalf("a second read-only open while one is open: %v", err)
	}
	names, err := r2.Objects(ctx, quad.IRI("a"), "name")
	if err != nil || len(names) != 1 || names[0] != quad.String("Alice") {
		t.Errorf("read: %v, %v", names, err)
	}
	if _, err := r1.Replace(ctx, map[quad.IRI][]quad.Quad{"source/a": nil}); !errors.Is(err, ErrReadOnly) {
		t.Errorf("Replace on a read-only store: %v, want ErrReadOnly", err)
	}
	if err := r1.NewWriter(WriteOptions{}).Put(ctx, "source/b", nil); !errors.Is(err, ErrReadOnly) {
		t.Errorf("Put on a read-only store: %v, want ErrReadOnly", err)
	}
	// A writer cannot take the store while readers hold it.
	if _, err := Open(ctx, Config{Backend: Bolt, Path: dir, LockTimeout: 100 * time.Millisecond}); !errors.Is(err, ErrLocked) {
		t.Errorf("a writer beside readers: %v, want ErrLocked", err)
	}
	r1.Close()
	r2.Close()
	after, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Error("reading the store read-only changed its file")
	}
	missing := filepath.Join(t.TempDir(), "typo.db")
	if _, err := Open(ctx, Config{Backend: Bolt, Path: missing, ReadOnly: true}); !errors.Is(err, ErrNoStore) {
		t.Errorf("read-only open of a missing store: %v, want ErrNoStore", err)
	}
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Errorf("a read-only open created %s", missing)
	}
}
