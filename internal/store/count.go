package store

import (
	"context"
	"fmt"
	"runtime/debug"
	"slices"

	"github.com/cayleygraph/cayley/graph/kv"
	cproto "github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/quad"
	bolt "go.etcd.io/bbolt"
	"google.golang.org/protobuf/proto"
)

// Count returns what [Store.Stats] returns. On a bolt store it reads the log
// once and counts node ids, never making a quad: the values it holds are the
// few labels, predicates and kinds it names, and each typed node is two ids.
// The pages of the store's memory map are dropped as the read goes. The other
// backends count as Stats does.
//
// Rows are keyed by the values' names as in Stats; two distinct values with one
// name (the IRI <x> and the string "x") that type the same node count as two
// typings here and as one there.
func (s *Store) Count(ctx context.Context) (_ Stats, err error) {
	if s.db == nil {
		return s.Stats(ctx)
	}
	defer survive(s.where, &err, debug.SetPanicOnFault(true))
	var typeIDs []uint64
	for _, v := range []quad.Value{quad.IRI("type"), quad.String("type")} {
		ref, err := s.qs.ValueOf(v)
		if err != nil {
			return Stats{}, err
		}
		if id, ok := ref.(kv.Int64Value); ok {
			typeIDs = append(typeIDs, uint64(id))
		}
	}
	var c idCounts
	err = s.db.View(func(tx *bolt.Tx) error {
		var err error
		c, err = countLog(ctx, tx, typeIDs)
		if err != nil {
			return err
		}
		return c.name(tx)
	})
	if err != nil {
		return Stats{}, err
	}
	return Stats{Backend: s.backend, Where: s.where, Quads: c.quads, Labels: sorted(c.byName(c.labels)), NodeKinds: sorted(c.byName(c.kinds)), Predicates: sorted(c.byName(c.preds))}, nil
}

// idCounts are a store's counts by node id, and the names of those ids.
type idCounts struct {
	quads                int
	labels, preds, kinds map[uint64]int
	names                map[uint64]string
}

// countLog counts the live quads of the log by label and predicate, and the
// distinct (subject, object) pairs of the quads whose predicate is one of
// typeIDs by object.
func countLog(ctx context.Context, tx *bolt.Tx, typeIDs []uint64) (idCounts, error) {
	c := idCounts{labels: map[uint64]int{}, preds: map[uint64]int{}, kinds: map[uint64]int{}}
	lb := tx.Bucket(bucketLog)
	if lb == nil {
		return c, nil
	}
	var typed [][2]uint64
	cur := lb.Cursor()
	n := 0
	var p cproto.Primitive
	for k, v := cur.First(); k != nil; k, v = cur.Next() {
		if n++; n%releaseEvery == 0 {
			if err := ctx.Err(); err != nil {
				return c, err
			}
			releaseMapped(tx.DB())
		}
		p.Reset()
		if err := proto.Unmarshal(v, &p); err != nil {
			return c, fmt.Errorf("%w: log record %x: %v", ErrCorrupt, k, err)
		}
		if p.IsNode() || p.Deleted {
			continue
		}
		c.quads++
		c.labels[p.Label]++
		c.preds[p.Predicate]++
		if slices.Contains(typeIDs, p.Predicate) {
			typed = append(typed, [2]uint64{p.Subject, p.Object})
		}
	}
	// A node typed the same way under two labels is one node of that kind.
	slices.SortFunc(typed, func(a, b [2]uint64) int {
		if a[0] != b[0] {
			return cmpUint(a[0], b[0])
		}
		return cmpUint(a[1], b[1])
	})
	typed = slices.Compact(typed)
	for _, t := range typed {
		c.kinds[t[1]]++
	}
	return c, nil
}

// name reads the values of the ids counted.
func (c *idCounts) name(tx *bolt.Tx) error {
	c.names = map[uint64]string{}
	r := newValueReader(tx)
	for _, m := range []map[uint64]int{c.labels, c.preds, c.kinds} {
		for id := range m {
			if _, ok := c.names[id]; ok {
				continue
			}
			v, err := r.value(id)
			if err != nil {
				return err
			}
			c.names[id] = valueName(v)
		}
	}
	return nil
}

// byName adds up counts by the names of their ids.
func (c *idCounts) byName(m map[uint64]int) map[string]int {
	out := make(map[string]int, len(m))
	for id, n := range m {
		out[c.names[id]] += n
	}
	return out
}
