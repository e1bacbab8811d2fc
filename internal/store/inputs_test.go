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
	// A writer that knows no records (an older graph) changes a label's quads.
	checkInputsRecords(t, s, func(label quad.IRI, qs []quad.Quad) error {
		return s.db.Update(func(tx *bolt.Tx) error {
			kt, err := newKVTx(tx)
			if err != nil {
				return err
			}
			if _, err := kt.put(label, qs); err != nil {
				return err
			}
			return kt.commit()
		})
	})
	if m, err := Open(ctx, Config{Backend: Memory}); err != nil {
		t.Fatal(err)
	} else if recs, err := m.Inputs(ctx); err != nil || len(recs) != 0 || KeepsInputs(Memory) {
		t.Errorf("memory store records %v, %v", recs, err)
	}
}

// PostgreSQL keeps the records in a table of its own, with the same rules.
func TestPostgresInputsRecordsFollowTheirLabels(t *testing.T) {
	ctx := context.Background()
	dsn := freshPG(t)
	s := openPGT(t, dsn)
	defer s.Close()
	if !KeepsInputs(Postgres) {
		t.Fatal("a PostgreSQL store keeps no records")
	}
	// An older graph wrote the label's quads and their hash, not the record.
	checkInputsRecords(t, s, func(label quad.IRI, qs []quad.Quad) error {
		b, err := preparePG([]labelSet{{label: label, quads: qs}})
		if err != nil {
			return err
		}
		_, err = s.pg.conn.Exec(ctx, `UPDATE `+hashTable+` SET sha256 = $2 WHERE label = $1`, string(label), b.labels[0].hash[:])
		return err
	})
	// A store made before records were kept has no table, and no records.
	if _, err := s.pg.conn.Exec(ctx, `DROP TABLE `+inputsTable); err != nil {
		t.Fatal(err)
	}
	ro, err := Open(ctx, Config{Backend: Postgres, Path: dsn, MustExist: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if recs, err := ro.Inputs(ctx); err != nil || len(recs) != 0 {
		t.Errorf("records of a store without the table: %v, %v", recs, err)
	}
	// Opened to write, the store gets the table back.
	s2 := openPGT(t, dsn)
	defer s2.Close()
	w := s2.NewWriter(WriteOptions{})
	if err := w.PutInputs(ctx, "source/c", []quad.Quad{q("x", "p", "c", "source/c")}, []byte("inputs of c")); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	if recs, err := s2.Inputs(ctx); err != nil || string(recs["source/c"]) != "inputs of c" {
		t.Errorf("records after the table came back: %q, %v", recs, err)
	}
	// The same record again is not written again (the row keeps its version); a
	// new one is.
	version := func() string {
		t.Helper()
		var xmin string
		if err := s2.pg.conn.QueryRow(ctx, `SELECT xmin::text FROM `+inputsTable+` WHERE label = 'source/c'`).Scan(&xmin); err != nil {
			t.Fatal(err)
		}
		return xmin
	}
	rewrite := func(rec string) {
		t.Helper()
		w := s2.NewWriter(WriteOptions{})
		if err := w.PutInputs(ctx, "source/c", []quad.Quad{q("x", "p", "c", "source/c")}, []byte(rec)); err != nil {
			t.Fatal(err)
		}
		if _, err := w.Commit(ctx); err != nil {
			t.Fatal(err)
		}
	}
	before := version()
	rewrite("inputs of c")
	if v := version(); v != before {
		t.Errorf("an unchanged record was written again (row version %s -> %s)", before, v)
	}
	rewrite("new inputs of c")
	if v := version(); v == before {
		t.Error("a new record left the row as it was")
	}
}

// checkInputsRecords checks, on an empty store s, that a record follows its
// label's writes; older rewrites a label's quads as a writer that knows no records.
func checkInputsRecords(t *testing.T, s *Store, older func(quad.IRI, []quad.Quad) error) {
	t.Helper()
	ctx := context.Background()
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
	if err := older(a, []quad.Quad{q("x", "p", "v", "source/a")}); err != nil {
		t.Fatal(err)
	}
	if got := records(); got[a] != nil {
		t.Errorf("a record outlived a rewrite of its label: %q", got[a])
	}
}
