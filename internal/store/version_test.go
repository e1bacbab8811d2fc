package store

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/cayleygraph/cayley/graph"
	cbolt "github.com/cayleygraph/cayley/graph/kv/bbolt" // Cayley's own bolt backend
	"github.com/cayleygraph/quad"
	"github.com/google/go-cmp/cmp"
	bolt "go.etcd.io/bbolt"
)

// fileVersion reads the data version of the store in dir, straight from the file.
func fileVersion(t *testing.T, dir string) []byte {
	t.Helper()
	db, err := bolt.Open(filepath.Join(dir, boltFile), 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var v []byte
	db.View(func(tx *bolt.Tx) error {
		if b := tx.Bucket(bucketMeta); b != nil {
			v = append([]byte(nil), b.Get(keyVersion)...)
		}
		return nil
	})
	return v
}

// dumpFile returns every record of the store in dir, straight from the file.
func dumpFile(t *testing.T, dir string) map[string]string {
	t.Helper()
	db, err := bolt.Open(filepath.Join(dir, boltFile), 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	return dumpDB(t, db)
}

func dumpDB(t *testing.T, db *bolt.DB) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := db.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			return b.ForEach(func(k, v []byte) error {
				out[fmt.Sprintf("%q/%x", name, k)] = fmt.Sprintf("%x", v)
				return nil
			})
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// setFileVersion overwrites the data version of the store in dir with raw bytes.
func setFileVersion(t *testing.T, dir string, v []byte) {
	t.Helper()
	db, err := bolt.Open(filepath.Join(dir, boltFile), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(keyVersion, v) }); err != nil {
		t.Fatal(err)
	}
}

func le64(v int64) []byte { return binary.LittleEndian.AppendUint64(nil, uint64(v)) }

// TestDataVersionIsCayleys fails when the pinned Cayley writes another data version
// than the one our writer writes (graph/kv does not export its constant, so this
// asks its own code for a fresh store and reads what it recorded), and checks that
// our stores record the same and that each opens the other's.
func TestDataVersionIsCayleys(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name   string
		create func(dir string) error
	}{
		{"made by Cayley's bolt backend", func(dir string) error {
			return graph.InitQuadStore(cbolt.Type, dir, nil)
		}},
		{"made by Open", func(dir string) error {
			s, err := Open(ctx, Config{Backend: Bolt, Path: dir})
			if err != nil {
				return err
			}
			return s.Close()
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "g.db")
			if err := tt.create(dir); err != nil {
				t.Fatal(err)
			}
			v := fileVersion(t, dir)
			if len(v) != 8 {
				t.Fatalf("the fresh store's data version is %x, not 8 bytes", v)
			}
			if got := int64(binary.LittleEndian.Uint64(v)); got != dataVersion {
				t.Fatalf("the fresh store records Cayley data version %d; our writer writes %d: the Cayley in go.mod has another layout; teach boltkv.go that layout, then change dataVersion", got, dataVersion)
			}
			s, err := Open(ctx, Config{Backend: Bolt, Path: dir})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.Replace(ctx, map[quad.IRI][]quad.Quad{"source/a": {q("a", "p", "b", "source/a")}}); err != nil {
				t.Fatal(err)
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			qs, err := graph.NewQuadStore(cbolt.Type, dir, nil)
			if err != nil {
				t.Fatalf("Cayley does not open the store graph wrote: %v", err)
			}
			defer qs.Close()
			st, err := qs.Stats(ctx, true)
			if err != nil {
				t.Fatal(err)
			}
			if st.Quads.Value != 1 {
				t.Errorf("Cayley sees %d quads, want 1", st.Quads.Value)
			}
		})
	}
}

// TestOtherDataVersionIsRefused overwrites a store's data version and checks that
// Open and writes refuse it, with the message, and write nothing.
func TestOtherDataVersionIsRefused(t *testing.T) {
	ctx := context.Background()
	set := map[quad.IRI][]quad.Quad{"source/a": {q("a", "p", "b", "source/a"), q("b", "p", `"x"`, "source/a")}}
	more := map[quad.IRI][]quad.Quad{"source/b": {q("c", "p", "d", "source/b")}}
	tests := []struct {
		name    string
		version []byte
		is      error
		msg     string // %s is the store's folder
	}{
		{"a later version", le64(3), ErrVersion, "%s: the store's Cayley data version is 3; this graph writes version 2 (rebuild it with this version, or use the graph release that made it)"},
		{"an earlier version", le64(1), ErrVersion, "%s: the store's Cayley data version is 1; this graph writes version 2 (rebuild it with this version, or use the graph release that made it)"},
		{"empty, which Cayley reads as 0", []byte{}, ErrVersion, "%s: the store's Cayley data version is 0; this graph writes version 2 (rebuild it with this version, or use the graph release that made it)"},
		{"not 8 bytes", []byte{2, 0, 0}, ErrCorrupt, "open store %s: store records are inconsistent: the data version in meta is 3 bytes long, not 8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "g.db")
			s := openBoltT(t, dir)
			if _, err := s.Replace(ctx, set); err != nil {
				t.Fatal(err)
			}

			// A write to an open store whose version changed under it.
			if err := s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(keyVersion, tt.version) }); err != nil {
				t.Fatal(err)
			}
			before := dumpBolt(t, s)
			_, err := s.Replace(ctx, more)
			if tt.is == ErrVersion {
				checkVersionErr(t, "Replace", err, tt.msg, dir)
			} else if !errors.Is(err, tt.is) {
				t.Errorf("Replace: %v, want %v", err, tt.is)
			}
			w := s.NewWriter(WriteOptions{BatchQuads: 1})
			if err := w.Put(ctx, "source/b", more["source/b"]); !errors.Is(err, tt.is) {
				t.Errorf("Writer.Put: %v, want %v", err, tt.is)
			}
			if diff := cmp.Diff(before, dumpBolt(t, s)); diff != "" {
				t.Errorf("a refused write changed records (-before +after)\n%s", diff)
			}
			s.Close()

			// Open.
			before = dumpFile(t, dir)
			s, err = Open(ctx, Config{Backend: Bolt, Path: dir})
			if err == nil {
				s.Close()
				t.Fatal("Open accepted the store")
			}
			if tt.is == ErrVersion {
				checkVersionErr(t, "Open", err, tt.msg, dir)
			} else if !errors.Is(err, tt.is) || err.Error() != fmt.Sprintf(tt.msg, dir) {
				t.Errorf("Open: %v, want %q", err, fmt.Sprintf(tt.msg, dir))
			}
			if diff := cmp.Diff(before, dumpFile(t, dir)); diff != "" {
				t.Errorf("a refused Open changed records (-before +after)\n%s", diff)
			}
		})
	}
}

func checkVersionErr(t *testing.T, what string, err error, msg, dir string) {
	t.Helper()
	if !errors.Is(err, ErrVersion) {
		t.Errorf("%s: %v, want ErrVersion", what, err)
		return
	}
	var ve *VersionError
	if !errors.As(err, &ve) || ve.Where != dir {
		t.Errorf("%s: %#v, want a *VersionError of %s", what, err, dir)
	}
	if got, want := err.Error(), fmt.Sprintf(msg, dir); got != want {
		t.Errorf("%s:\n got %s\nwant %s", what, got, want)
	}
}

// TestOpenRefusesStoreMadeByAnotherVersion checks a store that a Cayley with
// another layout made from scratch: Open refuses it before Cayley's Init or New
// read it.
func TestOpenRefusesStoreMadeByAnotherVersion(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "g.db")
	if err := graph.InitQuadStore(cbolt.Type, dir, nil); err != nil {
		t.Fatal(err)
	}
	setFileVersion(t, dir, le64(3))
	_, err := Open(context.Background(), Config{Backend: Bolt, Path: dir})
	checkVersionErr(t, "Open", err, "%s: the store's Cayley data version is 3; this graph writes version 2 (rebuild it with this version, or use the graph release that made it)", dir)
}
