package store

import (
	"bytes"
	"context"
	"encoding/binary"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/cayley/query/shape"
	"github.com/cayleygraph/quad"
	bolt "go.etcd.io/bbolt"
)

// Cayley plans a Gizmo query by comparing the sizes its iterators claim. On a
// key-value store, an iterator over the quads of one node in one direction (all
// quads with subject <a>, say) is a prefix scan of an index, and Cayley's store
// reports every such scan as half the store without looking. With every
// candidate the same size, the planner's choice is arbitrary, and it often
// chooses to read every quad: g.V(a, b, c) scans the store for a predicate
// rather than reading the quads of three nodes, and Save after In iterates all
// quads of the saved predicate rather than checking the few nodes the path
// reached.
//
// queryStore gives Gizmo the same store with sizes that are counted: the index
// entries under the node's prefix, up to sizeCountLimit of them. A count past
// the limit keeps Cayley's estimate, which is then of the right order (large).

// sizeCountLimit bounds the index entries read to size one iterator. A plan is
// made from a few dozen such sizes, so this keeps planning well under a
// millisecond, while any node with fewer quads than this is sized exactly.
const sizeCountLimit = 4096

// queryStore returns the quad store Gizmo queries run on: for a bolt store,
// Cayley's view with counted iterator sizes; for the other backends, Cayley's
// store itself (PostgreSQL plans with its own statistics).
func (s *Store) queryStore() graph.QuadStore {
	kqs, ok := s.qs.(*kv.QuadStore)
	if !ok || s.db == nil {
		return s.qs
	}
	var indexes []kv.QuadIndex
	if err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		indexes, err = readIndexes(tx)
		return err
	}); err != nil {
		return s.qs
	}
	return &sizedStore{QuadStore: kqs, db: s.db, indexes: indexes}
}

// sizedStore is Cayley's key-value quad store whose one-node quad iterators
// report counted sizes (see queryStore). Everything else is Cayley's.
type sizedStore struct {
	*kv.QuadStore
	db      *bolt.DB
	indexes []kv.QuadIndex
}

// QuadIterator returns Cayley's iterator over the quads with v in direction d,
// sized by counting when Cayley reads it from an index.
func (qs *sizedStore) QuadIterator(d quad.Direction, v graph.Ref) iterator.Shape {
	it := qs.QuadStore.QuadIterator(d, v)
	kit, ok := it.(*kv.QuadIterator)
	if !ok {
		return it
	}
	id, ok := v.(kv.Int64Value)
	if !ok {
		return it
	}
	ind, ok := qs.indexFor(d)
	if !ok {
		return it
	}
	return &sizedIterator{QuadIterator: kit, qs: qs, ind: ind, id: uint64(id)}
}

// indexFor returns the index Cayley's store reads the quads of one node in
// direction d from: the first whose leading direction is d.
func (qs *sizedStore) indexFor(d quad.Direction) (kv.QuadIndex, bool) {
	for _, ind := range qs.indexes {
		if len(ind.Dirs) > 0 && ind.Dirs[0] == d {
			return ind, true
		}
	}
	return kv.QuadIndex{}, false
}

// OptimizeShape applies Cayley's own optimizations of the key-value store. The
// index scans they make build only on Cayley's store type, so each is bound
// to it; a shape it would rewrite in a form not known here is left as it was.
func (qs *sizedStore) OptimizeShape(ctx context.Context, s shape.Shape) (shape.Shape, bool) {
	ns, ok := qs.QuadStore.OptimizeShape(ctx, s)
	if !ok {
		return s, false
	}
	bound, known := qs.bindScans(ns)
	if !known {
		return s, false
	}
	return bound, true
}

// bindScans replaces every kv.IndexScan in the shapes Cayley's optimizer
// makes (NodesFrom over a scan, or over an Intersect holding one) with one
// built on Cayley's store. It reports false for any other shape that holds a
// scan where it cannot be reached.
func (qs *sizedStore) bindScans(s shape.Shape) (shape.Shape, bool) {
	switch s := s.(type) {
	case kv.IndexScan:
		return boundScan{scan: s, qs: qs.QuadStore}, true
	case shape.NodesFrom:
		q, ok := qs.bindScans(s.Quads)
		if !ok {
			return nil, false
		}
		s.Quads = q
		return s, true
	case shape.Intersect:
		out := make(shape.Intersect, len(s))
		for i, sub := range s {
			b, ok := qs.bindScans(sub)
			if !ok {
				return nil, false
			}
			out[i] = b
		}
		return out, true
	case shape.Quads, shape.Fixed, shape.AllNodes, shape.Null:
		return s, true
	case shape.Save:
		from, ok := qs.bindScans(s.From)
		if !ok {
			return nil, false
		}
		s.From = from
		return s, true
	}
	return nil, false
}

// boundScan is an index scan of Cayley's key-value store, built on that store
// whatever store the query passes down.
type boundScan struct {
	scan kv.IndexScan
	qs   *kv.QuadStore
}

func (s boundScan) BuildIterator(graph.QuadStore) iterator.Shape {
	return s.scan.BuildIterator(s.qs)
}

func (s boundScan) Optimize(context.Context, shape.Optimizer) (shape.Shape, bool) {
	return s, false
}

// sizedIterator is Cayley's iterator over the quads of one node, whose size is
// counted in the index it reads.
type sizedIterator struct {
	*kv.QuadIterator
	qs   *sizedStore
	ind  kv.QuadIndex
	id   uint64
	size *refs.Size
}

// Optimize keeps the iterator as it is (Cayley's would drop the counted size).
func (it *sizedIterator) Optimize(context.Context) (iterator.Shape, bool) {
	return it, false
}

// Stats returns Cayley's costs with the counted size.
func (it *sizedIterator) Stats(ctx context.Context) (iterator.Costs, error) {
	st, err := it.QuadIterator.Stats(ctx)
	if err != nil {
		return st, err
	}
	if it.size == nil {
		n, complete, err := it.qs.count(it.ind, it.id)
		if err != nil {
			return st, err
		}
		sz := st.Size
		if complete {
			sz = refs.Size{Value: n, Exact: false}
		} else if sz.Value < n {
			sz = refs.Size{Value: n, Exact: false}
		}
		it.size = &sz
	}
	st.Size = *it.size
	return st, nil
}

// count returns how many quad ids the index lists under keys that start with
// id, and whether it read them all (it stops past sizeCountLimit). The lists
// may still hold quads deleted since, so the count is an upper bound.
func (qs *sizedStore) count(ind kv.QuadIndex, id uint64) (n int64, complete bool, err error) {
	err = qs.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(ind.Key(nil)[0])
		if b == nil {
			complete = true
			return nil
		}
		var prefix [8]byte
		binary.BigEndian.PutUint64(prefix[:], id)
		c := b.Cursor()
		for k, v := c.Seek(prefix[:]); k != nil && bytes.HasPrefix(k, prefix[:]); k, v = c.Next() {
			for len(v) > 0 {
				_, w := binary.Uvarint(v)
				if w <= 0 {
					return ErrCorrupt
				}
				v = v[w:]
				n++
			}
			if n > sizeCountLimit {
				return nil
			}
		}
		complete = true
		return nil
	})
	return n, complete, err
}
