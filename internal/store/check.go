package store

import (
	"context"
	"encoding/binary"
	"fmt"
	"slices"

	cproto "github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	bolt "go.etcd.io/bbolt"
	"google.golang.org/protobuf/proto"
)

// Check reads the whole store and reports the first inconsistency it finds, as an
// [ErrCorrupt] error. On a bolt store it checks every invariant of Cayley's
// key-value layout that Cayley's readers and writer rely on (each live quad's nodes
// exist, value records and reference counts agree with the quads, each quad is in
// its index lists, the size is right) and that the manifests list exactly the live
// quads of their labels. Other backends keep their own consistency; there Check
// only reads every quad.
func (s *Store) Check(ctx context.Context) error {
	if s.db == nil {
		return s.each(ctx, func(quad.Quad) error { return nil })
	}
	err := s.db.View(func(tx *bolt.Tx) error {
		nodes := map[uint64]quad.Value{}
		live := map[uint64]*cproto.Primitive{}
		var maxID uint64
		err := tx.Bucket(bucketLog).ForEach(func(k, v []byte) error {
			var p cproto.Primitive
			if err := proto.Unmarshal(v, &p); err != nil {
				return err
			}
			if binary.BigEndian.Uint64(k) != p.ID {
				return fmt.Errorf("log key %x holds id %d", k, p.ID)
			}
			maxID = max(maxID, p.ID)
			if p.IsNode() {
				val, err := pquads.UnmarshalValue(p.Value)
				if err != nil {
					return err
				}
				nodes[p.ID] = val
			} else if !p.Deleted {
				live[p.ID] = &p
			}
			return nil
		})
		if err != nil {
			return err
		}
		if got := metaInt(tx, keySize); got != int64(len(live)) {
			return fmt.Errorf("meta size %d, live quads %d", got, len(live))
		}
		if h := metaInt(tx, keyHorizon); uint64(h) < maxID {
			return fmt.Errorf("horizon %d below id %d", h, maxID)
		}
		refsOf := map[uint64]uint64{}
		for _, p := range live {
			for _, id := range []uint64{p.Subject, p.Predicate, p.Object, p.Label} {
				if id == 0 {
					continue
				}
				if _, ok := nodes[id]; !ok {
					return fmt.Errorf("quad %d names node %d, which is not in the log", p.ID, id)
				}
				refsOf[id]++
			}
		}
		for id, v := range nodes {
			h := refs.HashOf(v)
			b := tx.Bucket(valueBucket(h))
			if b == nil || b.Get(h[:]) == nil {
				return fmt.Errorf("node %d (%s) has no value record", id, v)
			}
			if got, _ := binary.Uvarint(b.Get(h[:])); got != id {
				return fmt.Errorf("value %s maps to %d, log has %d", v, got, id)
			}
			c, _ := binary.Uvarint(tx.Bucket(countBucket(h)).Get(h[:]))
			if c != refsOf[id] {
				return fmt.Errorf("node %s counts %d references, quads make %d", v, c, refsOf[id])
			}
			if refsOf[id] == 0 {
				return fmt.Errorf("node %s is named by no quad but kept", v)
			}
		}
		inds, err := readIndexes(tx)
		if err != nil {
			return err
		}
		for _, ind := range inds {
			b := tx.Bucket(ind.Key(nil)[0])
			for _, p := range live {
				ids, err := decodeList(b.Get(ind.KeyFor(p)[1]))
				if err != nil {
					return err
				}
				if !slices.IsSorted(ids) {
					return fmt.Errorf("index %v list for quad %d is not ascending: %v", ind.Dirs, p.ID, ids)
				}
				if !slices.Contains(ids, p.ID) {
					return fmt.Errorf("index %v lacks quad %d", ind.Dirs, p.ID)
				}
			}
		}
		inManifest := map[uint64]bool{}
		err = tx.Bucket(bucketLabels).ForEach(func(k, v []byte) error {
			label, err := quadValue(k)
			if err != nil {
				return err
			}
			m, err := readManifest(tx, label)
			if err != nil {
				return err
			}
			for _, id := range m.ids {
				p := live[id]
				if p == nil {
					return fmt.Errorf("manifest of %s lists %d, which is not a live quad", k, id)
				}
				if nodes[p.Label] != label {
					return fmt.Errorf("manifest of %s lists %d of label %v", k, id, nodes[p.Label])
				}
				inManifest[id] = true
			}
			return nil
		})
		if err != nil {
			return err
		}
		for id, p := range live {
			if p.Label != 0 && !inManifest[id] {
				return fmt.Errorf("quad %d is in no manifest", id)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("%w: %s: %v", ErrCorrupt, s.where, err)
	}
	return nil
}

func quadValue(s []byte) (quad.Value, error) {
	if len(s) > 1 && s[0] == '<' && s[len(s)-1] == '>' {
		return quad.IRI(s[1 : len(s)-1]), nil
	}
	return nil, fmt.Errorf("label key %q is not an IRI", s)
}

func decodeList(b []byte) ([]uint64, error) {
	var out []uint64
	for len(b) > 0 {
		v, n := binary.Uvarint(b)
		if n <= 0 {
			return nil, fmt.Errorf("bad index list")
		}
		out = append(out, v)
		b = b[n:]
	}
	return out, nil
}
