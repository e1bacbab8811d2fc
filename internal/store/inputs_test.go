package store

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/cayleygraph/quad"
	bolt "go.etcd.io/bbolt"
)

func TestInputsRecordsFollowTheirLabels(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, Config{Backend: Bolt, Path: filepath.Join(t.TempDir(), "g.db")})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	a, b := quad.IRI("source/a"), quad.IRI("source/b")
	put := func(label quad.IRI, rec []byte, qs ...quad.Quad) {
		t.Helper()
		w := s.NewWriter(WriteOptions{})
		if err := w.PutInputs(ctx, label, qs, rec); err != nil {
			t.Fatal(err)
		}
		if _, err := w.Commit(ctx); err != nil {
			t.Fatal(err)
		}
	}
	records := func() map[quad.IRI][]byte {
		t.Helper()
		recs, err := s.Inputs(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return recs
	}
	put(a, []byte("inputs of a"), q("x", "p", "y", "source/a"))
	put(b, []byte("inputs of b"), q("x", "p", "z", "source/b"))
	if got := records(); string(got[a]) != "inputs of a" || string(got[b]) != "inputs of b" || len(got) != 2 {
		t.Fatalf("records %q", got)
	}
	// The same quads with a new record: the record is replaced, the quads kept.
	put(a, []byte("new inputs of a"), q("x", "p", "y", "source/a"))
	if got := records(); string(got[a]) != "new inputs of a" {
		t.Errorf("record of a after a rewrite: %q", got[a])
	}
	// Written without a record (another command), the label has none.
	put(b, nil, q("x", "p", "w", "source/b"))
	if got := records(); got[b] != nil || got[a] == nil {
		t.Errorf("after b was written without a record: %q", got)
	}
	// A writer that knows no records (an older graph) changes a's quads and leaves
	// the record: the record no longer matches the label's content and is dropped.
	err = s.db.Update(func(tx *bolt.Tx) error {
		kt, err := newKVTx(tx)
		if err != nil {
			return err
		}
		if _, err := kt.put(a, []quad.Quad{q("x", "p", "v", "source/a")}); err != nil {
			return err
		}
		return kt.commit()
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := records(); got[a] != nil {
		t.Errorf("a record outlived a rewrite of its label: %q", got[a])
	}
	if m, err := Open(ctx, Config{Backend: Memory}); err != nil {
		t.Fatal(err)
	} else if recs, err := m.Inputs(ctx); err != nil || len(recs) != 0 || m.KeepsInputs() {
		t.Errorf("memory store records %v, %v", recs, err)
	}
}
