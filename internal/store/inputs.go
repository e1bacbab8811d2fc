package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"runtime/debug"

	"github.com/cayleygraph/quad"
	bolt "go.etcd.io/bbolt"
)

// A label's inputs record says what a build read to make the label's quads (its
// files' content hash, the tool and the flags, and what other graphs need to know
// of it), so that a later build given the same inputs can leave the label alone
// without reading, checking or making anything. The store keeps the record as an
// opaque value; its meaning is the builder's.
//
// The bolt backend keeps them in a bucket of its own (graph.inputs, one key per
// label IRI), which Cayley never opens, and PostgreSQL in a table of its own
// (graph_label_inputs); either is written in the same transaction as the label's
// quads. A record therefore never describes quads other than those stored, and a
// store written by Cayley or an older graph simply has none. Quads in the store
// would have been the other place to keep them, but a record holds the tool's
// version, and quads that change with the binary would break the promise that the
// same inputs give byte-identical N-Quads. The memory backend keeps none, and its
// builds are full ones (the labels' content hashes still skip unchanged writes).
//
// Each record is kept after the content hash of the label's quads as written with
// it: a graph release that knows no records rewrites a label's quads and hash but
// leaves its record, which the hash then no longer matches, and [Store.Inputs]
// drops it.

var bucketInputs = []byte("graph.inputs")

// KeepsInputs reports whether a store of the backend keeps inputs records: bolt
// and PostgreSQL do, memory does not ("" is the default, bolt).
func KeepsInputs(backend string) bool { return backend != Memory }

// Inputs returns every label's inputs record, or an empty map when the store keeps
// none. The values are copies the caller may keep.
func (s *Store) Inputs(ctx context.Context) (_ map[quad.IRI][]byte, err error) {
	defer survive(s.where, &err, debug.SetPanicOnFault(true))
	out := map[quad.IRI][]byte{}
	if s.pg != nil {
		return s.pg.inputs(ctx, out)
	}
	if s.db == nil {
		return out, nil
	}
	err = s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketInputs)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			label, ok := parseLabelKey(k)
			if !ok || len(v) < sha256.Size {
				return fmt.Errorf("%w: inputs record under %q", ErrCorrupt, k)
			}
			m, err := readManifest(tx, label)
			if err != nil {
				return err
			}
			if m == nil || !bytes.Equal(m.hash[:], v[:sha256.Size]) {
				return nil // the label was written since, without a record
			}
			out[label] = append([]byte(nil), v[sha256.Size:]...)
			return nil
		})
	})
	return out, err
}

// parseLabelKey reads a key written as a label IRI in N-Quads form, <label>.
func parseLabelKey(k []byte) (quad.IRI, bool) {
	if len(k) < 2 || k[0] != '<' || k[len(k)-1] != '>' {
		return "", false
	}
	return quad.IRI(k[1 : len(k)-1]), true
}

// writeInputs records, in a write transaction, the inputs of the labels just
// written: a set given with a record replaces the label's record, one given
// without removes it, since the label's quads came from somewhere else. Each
// record starts with the content hash of the label's quads (hashes), which the
// label's manifest holds too: a graph release that knows no records rewrites the
// manifest but leaves the record, and [Store.Inputs] then drops the record.
func writeInputs(tx *bolt.Tx, sets []labelSet, hashes map[quad.IRI][sha256.Size]byte) error {
	var b *bolt.Bucket
	for _, ls := range sets {
		key := []byte(ls.label.String())
		if ls.inputs == nil {
			if b == nil {
				b = tx.Bucket(bucketInputs)
			}
			if b != nil {
				if err := b.Delete(key); err != nil {
					return err
				}
			}
			continue
		}
		if b == nil {
			var err error
			if b, err = tx.CreateBucketIfNotExists(bucketInputs); err != nil {
				return err
			}
		}
		h := hashes[ls.label]
		if err := b.Put(key, append(h[:], ls.inputs...)); err != nil {
			return err
		}
	}
	return nil
}

// inputs adds to out the records of a PostgreSQL store whose hash is the label's
// stored content hash. A store made before records were kept, opened only to
// read, has no table (as the open found): no records.
func (p *pgStore) inputs(ctx context.Context, out map[quad.IRI][]byte) (map[quad.IRI][]byte, error) {
	if !p.records {
		return out, nil
	}
	rows, err := p.conn.Query(ctx, `SELECT i.label, i.record, h.sha256 FROM `+inputsTable+` i JOIN `+hashTable+` h ON h.label = i.label`)
	if err != nil {
		return nil, pgFailure(p.where, p.secret, p.opts, err)
	}
	defer rows.Close()
	for rows.Next() {
		var label string
		var rec, hash []byte
		if err := rows.Scan(&label, &rec, &hash); err != nil {
			return nil, pgFailure(p.where, p.secret, p.opts, err)
		}
		if len(rec) < sha256.Size || !bytes.Equal(rec[:sha256.Size], hash) {
			continue // the label was written since, without a record
		}
		out[quad.IRI(label)] = rec[sha256.Size:]
	}
	if err := rows.Err(); err != nil {
		return nil, pgFailure(p.where, p.secret, p.opts, err)
	}
	return out, nil
}
