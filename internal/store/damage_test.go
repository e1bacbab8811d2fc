package store

import (
	"context"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/cayleygraph/quad"
)

// damagedStore builds a bolt store of a few thousand quads, closes it, and returns
// its folder and the path of its file.
func damagedStore(t *testing.T) (dir, file string) {
	t.Helper()
	ctx := context.Background()
	dir = filepath.Join(t.TempDir(), "g.db")
	s, err := Open(ctx, Config{Backend: Bolt, Path: dir})
	if err != nil {
		t.Fatal(err)
	}
	sets := map[quad.IRI][]quad.Quad{}
	for l := range 20 {
		label := quad.IRI(fmt.Sprintf("source/s%d", l))
		for i := range 300 {
			sets[label] = append(sets[label], q(fmt.Sprintf("claim/s%d/c%d", l, i), "text", fmt.Sprintf("claim number %d of source %d, with some words", i, l), string(label)))
		}
	}
	if _, err := s.Replace(ctx, sets); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return dir, filepath.Join(dir, boltFile)
}

// readAll opens the store and reads it every way a command does; it returns the
// first error, and fails the test if that does not return (a read that loops).
func readAll(t *testing.T, dir string) error {
	t.Helper()
	done := make(chan error, 1)
	go func() {
		ctx := context.Background()
		s, err := Open(ctx, Config{Backend: Bolt, Path: dir, LockTimeout: time.Second})
		if err != nil {
			done <- err
			return
		}
		defer s.Close()
		for _, read := range []func() error{
			func() error { _, err := s.AllQuads(ctx); return err },
			func() error { _, err := s.Quads(ctx, "source/s3"); return err },
			func() error { _, err := s.Stats(ctx); return err },
			func() error { _, err := s.Query(ctx, `g.V("<claim/s1/c1>").Out().All()`, 0); return err },
			func() error { _, err := s.Verify(ctx); return err },
		} {
			if err := read(); err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	select {
	case err := <-done:
		return err
	case <-time.After(2 * time.Minute):
		t.Fatal("reading a damaged store did not return")
		return nil
	}
}

// TestTruncatedStoreIsRefused cuts a store's file short, as a full disk or a bad
// copy does: bbolt would map pages past the end and the process would die of
// SIGBUS at the first read. Open refuses it instead, and an empty file too (bbolt
// would make a new store over it, hiding the loss).
func TestTruncatedStoreIsRefused(t *testing.T) {
	dir, file := damagedStore(t)
	head, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	ok, m := readMeta(head, 0)
	if !ok {
		t.Fatal("no meta page in a fresh store")
	}
	// Cut into the pages in use, as `truncate -s` of a built store does.
	if err := os.Truncate(file, int64(m.pgid*m.pageSize)/2); err != nil {
		t.Fatal(err)
	}
	err = readAll(t, dir)
	if !errors.Is(err, ErrDamaged) {
		t.Fatalf("a truncated store opened: %v", err)
	}
	t.Log(err)
	if err := os.Truncate(file, 0); err != nil {
		t.Fatal(err)
	}
	if err := readAll(t, dir); !errors.Is(err, ErrDamaged) {
		t.Fatalf("an empty store file opened: %v", err)
	}
	if info, _ := os.Stat(file); info.Size() != 0 {
		t.Errorf("the empty file was written over (%d bytes)", info.Size())
	}
}

// TestOverwrittenStoreNeverPanics overwrites random runs of bytes of a store's
// file, again and again from a seed: every read returns, with the data or with
// an error, and never panics.
func TestOverwrittenStoreNeverPanics(t *testing.T) {
	dir, file := damagedStore(t)
	good, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewSource(1))
	damaged := 0
	for round := range 30 {
		data := append([]byte(nil), good...)
		for range 50 {
			at := rng.Intn(len(data) - 16)
			rng.Read(data[at : at+16])
		}
		if err := os.WriteFile(file, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := readAll(t, dir); err != nil {
			damaged++
			if !errors.Is(err, ErrDamaged) && !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrVersion) {
				t.Logf("round %d: %v", round, err)
			}
		}
	}
	t.Logf("%d of 30 damaged copies were refused; none panicked", damaged)
}
