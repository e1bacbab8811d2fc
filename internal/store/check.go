package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"runtime/debug"
	"slices"
	"strings"

	cproto "github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	bolt "go.etcd.io/bbolt"
	"google.golang.org/protobuf/proto"
)

// Report is what [Store.Verify] found: what it checked and every problem.
type Report struct {
	// Backend and Where name the store, as [Store.Backend] and [Store.Where] do.
	Backend, Where string
	// Quads counts the live quads, Labels the distinct labels they carry, and
	// Nodes the distinct values they name (on bolt: the node records).
	Quads, Labels, Nodes int
	// Checks names the checks made, in order; Passed counts those that found
	// nothing.
	Checks []string
	Passed int
	// Problems lists what the checks found, in order; a check that finds many
	// problems lists the first few and then how many more.
	Problems []Problem
	// Note says, when not empty, what could not be checked and why.
	Note string
}

// Problem is one inconsistency that a check found.
type Problem struct {
	// Check is the name of the check, one of [Report.Checks].
	Check string
	// Detail is a sentence that says what is wrong, naming ids and values.
	Detail string
}

func (p Problem) String() string { return p.Check + ": " + p.Detail }

// Consistent reports whether the checks found no problem.
func (r *Report) Consistent() bool { return len(r.Problems) == 0 }

// Err returns nil when the store is consistent, and otherwise an [ErrCorrupt]
// error that lists the problems.
func (r *Report) Err() error {
	if r.Consistent() {
		return nil
	}
	ps := make([]string, len(r.Problems))
	for i, p := range r.Problems {
		ps[i] = p.String()
	}
	return fmt.Errorf("%w: %s: %s", ErrCorrupt, r.Where, strings.Join(ps, "; "))
}

// maxListed bounds the problems one check lists: a store damaged in one way
// (an index bucket lost) would otherwise list every quad.
const maxListed = 10

// Names of the checks of a bolt store.
const (
	checkVersionName = "data version"
	checkLog         = "log"
	checkSize        = "size and horizon"
	checkQuadNodes   = "quad nodes"
	checkValues      = "values and counts"
	checkIndexes     = "indexes"
	checkManifests   = "manifests"
	checkReadBack    = "read back"
)

// checker collects the problems of a [Report], one check at a time.
type checker struct {
	r     *Report
	check string
	found int
}

// start ends the current check and begins the named one.
func (c *checker) start(name string) {
	c.end()
	c.check, c.found = name, 0
	c.r.Checks = append(c.r.Checks, name)
}

func (c *checker) problemf(format string, args ...any) {
	c.found++
	if c.found <= maxListed {
		c.r.Problems = append(c.r.Problems, Problem{c.check, fmt.Sprintf(format, args...)})
	}
}

func (c *checker) end() {
	switch {
	case c.check == "":
	case c.found == 0:
		c.r.Passed++
	case c.found > maxListed:
		c.r.Problems = append(c.r.Problems, Problem{c.check, fmt.Sprintf("and %d more problems like these", c.found-maxListed)})
	}
	c.check = ""
}

// Check reads the whole store and returns [Report.Err] of [Store.Verify]: nil, or
// an [ErrCorrupt] error listing every problem found.
func (s *Store) Check(ctx context.Context) error {
	r, err := s.Verify(ctx)
	if err != nil {
		return err
	}
	return r.Err()
}

// Verify reads the whole store and reports what it checked and every
// inconsistency it found; the error is for a store that could not be read, not
// for one that is damaged.
//
// On a bolt store it checks every invariant of Cayley's key-value layout that
// Cayley's readers and our writer rely on (the data version; each log record sits
// under its id and decodes; the size and horizon; each live quad's nodes exist;
// value records and reference counts agree with the quads; each quad is in its
// index lists, which are ascending) and that the manifests list exactly the live
// quads of their labels, with the content hash of those quads. Other backends keep
// their own consistency: there Verify only reads every quad back, and says so in
// [Report.Note].
func (s *Store) Verify(ctx context.Context) (_ Report, err error) {
	defer survive(s.where, &err, debug.SetPanicOnFault(true))
	r := Report{Backend: s.backend, Where: s.where}
	if s.db == nil {
		return r, s.verifyQuads(ctx, &r)
	}
	err = s.db.View(func(tx *bolt.Tx) error { return verifyBolt(ctx, tx, &r) })
	if err != nil {
		return Report{}, fmt.Errorf("check store %s: %w", s.where, err)
	}
	return r, nil
}

// verifyQuads reads every quad of a store of another backend than bolt.
func (s *Store) verifyQuads(ctx context.Context, r *Report) error {
	c := &checker{r: r}
	c.start(checkReadBack)
	labels, nodes := map[string]bool{}, map[string]bool{}
	err := s.each(ctx, func(q quad.Quad) error {
		r.Quads++
		if q.Label != nil {
			labels[q.Label.String()] = true
		}
		for _, v := range []quad.Value{q.Subject, q.Predicate, q.Object, q.Label} {
			if v != nil {
				nodes[v.String()] = true
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("check store %s: %w", s.where, err)
	}
	c.end()
	r.Labels, r.Nodes = len(labels), len(nodes)
	r.Note = fmt.Sprintf("the %s backend keeps its own consistency: only bolt stores, whose records graph writes itself, are checked record by record; here every quad was read back", s.backend)
	return nil
}

// verifyBolt checks the records of a bolt store.
func verifyBolt(ctx context.Context, tx *bolt.Tx, r *Report) error {
	c := &checker{r: r}
	defer c.end()

	c.start(checkVersionName)
	if v, ok, err := readVersion(tx); err != nil {
		c.problemf("%v", err)
	} else if !ok {
		c.problemf("the store records no Cayley data version")
	} else if v != dataVersion {
		c.problemf("the store's Cayley data version is %d; this graph writes version %d", v, dataVersion)
	}

	c.start(checkLog)
	nodes := map[uint64]quad.Value{}
	var nodeIDs []uint64         // ascending
	var live []*cproto.Primitive // ascending ids
	var maxID uint64
	if lb := tx.Bucket(bucketLog); lb == nil {
		c.problemf("the store has no log bucket")
	} else {
		cur := lb.Cursor()
		n := 0
		for k, v := cur.First(); k != nil; k, v = cur.Next() {
			if n++; n%4096 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			p := &cproto.Primitive{}
			if err := proto.Unmarshal(v, p); err != nil {
				c.problemf("log record %x does not decode: %v", k, err)
				continue
			}
			if len(k) != 8 || binary.BigEndian.Uint64(k) != p.ID {
				c.problemf("log key %x holds id %d", k, p.ID)
				continue
			}
			maxID = max(maxID, p.ID)
			if p.IsNode() {
				val, err := pquads.UnmarshalValue(p.Value)
				if err != nil {
					c.problemf("node %d does not decode: %v", p.ID, err)
					continue
				}
				nodes[p.ID] = val
				nodeIDs = append(nodeIDs, p.ID)
			} else if !p.Deleted {
				live = append(live, p)
			}
		}
	}
	r.Quads, r.Nodes = len(live), len(nodes)

	c.start(checkSize)
	if got := metaInt(tx, keySize); got != int64(len(live)) {
		c.problemf("meta size is %d, the log has %d live quads", got, len(live))
	}
	if h := metaInt(tx, keyHorizon); uint64(h) < maxID {
		c.problemf("horizon %d is below id %d", h, maxID)
	}

	c.start(checkQuadNodes)
	refsOf := map[uint64]uint64{}
	labelIDs := map[uint64]bool{}
	for _, p := range live {
		for _, id := range []uint64{p.Subject, p.Predicate, p.Object, p.Label} {
			if id == 0 {
				continue
			}
			if _, ok := nodes[id]; !ok {
				c.problemf("quad %d names node %d, which is not in the log", p.ID, id)
			}
			refsOf[id]++
		}
		if p.Label != 0 {
			labelIDs[p.Label] = true
		}
	}
	r.Labels = len(labelIDs)

	c.start(checkValues)
	for _, id := range nodeIDs {
		v := nodes[id]
		h := refs.HashOf(v)
		var rec []byte
		if b := tx.Bucket(valueBucket(h)); b != nil {
			rec = b.Get(h[:])
		}
		if rec == nil {
			c.problemf("node %d (%s) has no value record", id, v)
		} else if got, _ := binary.Uvarint(rec); got != id {
			c.problemf("value %s maps to node %d, the log has it as %d", v, got, id)
		}
		var count uint64
		if b := tx.Bucket(countBucket(h)); b != nil {
			count, _ = binary.Uvarint(b.Get(h[:]))
		}
		if count != refsOf[id] {
			c.problemf("node %d (%s) has a reference count of %d; the quads name it %d times", id, v, count, refsOf[id])
		} else if count == 0 {
			c.problemf("node %d (%s) is named by no quad but kept", id, v)
		}
	}
	// Value records of nodes that are gone make Cayley name a missing node.
	err := tx.ForEach(func(name []byte, b *bolt.Bucket) error {
		if len(name) != 3 || name[0] != 'v' {
			return nil
		}
		return b.ForEach(func(k, rec []byte) error {
			id, _ := binary.Uvarint(rec)
			v, ok := nodes[id]
			if !ok {
				c.problemf("value record %x names node %d, which is not in the log", k, id)
			} else if h := refs.HashOf(v); !bytes.Equal(h[:], k) || !bytes.Equal(name[1:], h[:2]) {
				c.problemf("value record %x names node %d (%s), whose hash is %x", k, id, v, h[:])
			}
			return nil
		})
	})
	if err != nil {
		return err
	}

	c.start(checkIndexes)
	if inds, err := readIndexes(tx); err != nil {
		c.problemf("%v", err)
	} else {
		for _, ind := range inds {
			name := ind.Key(nil)[0]
			b := tx.Bucket(name)
			if b == nil {
				c.problemf("index %s has no bucket", name)
				continue
			}
			for _, p := range live {
				ids, err := decodeList(b.Get(ind.KeyFor(p)[1]))
				switch {
				case err != nil:
					c.problemf("index %s list of quad %d: %v", name, p.ID, err)
				case !slices.IsSorted(ids):
					c.problemf("index %s list of quad %d is not ascending: %v", name, p.ID, ids)
				case !slices.Contains(ids, p.ID):
					c.problemf("index %s lacks quad %d", name, p.ID)
				}
			}
		}
	}

	if gm := tx.Bucket(bucketGraph); gm == nil || gm.Get(keyManifest) == nil {
		// Reads go through Cayley until the first write adds the manifests.
		r.Note = "the store has no manifests yet (it is empty, or Cayley wrote it); the next graph build adds them"
		return nil
	}
	c.start(checkManifests)
	verifyManifests(tx, c, nodes, live)
	return nil
}

// verifyManifests checks that the manifests list exactly the live quads of their
// labels, with the content hash of those quads.
func verifyManifests(tx *bolt.Tx, c *checker, nodes map[uint64]quad.Value, live []*cproto.Primitive) {
	byID := make(map[uint64]*cproto.Primitive, len(live))
	for _, p := range live {
		byID[p.ID] = p
	}
	inManifest := map[uint64]bool{}
	if lb := tx.Bucket(bucketLabels); lb != nil {
		lb.ForEach(func(k, _ []byte) error {
			label, err := quadValue(k)
			if err != nil {
				c.problemf("%v", err)
				return nil
			}
			m, err := readManifest(tx, label)
			if err != nil {
				c.problemf("%v", err)
				return nil
			}
			keys := make([][4]refs.ValueHash, 0, len(m.ids))
			complete := true
			for _, id := range m.ids {
				p := byID[id]
				if p == nil {
					c.problemf("the manifest of %s lists %d, which is not a live quad", k, id)
					complete = false
					continue
				}
				if nodes[p.Label] != label {
					c.problemf("the manifest of %s lists quad %d, of label %v", k, id, nodes[p.Label])
					complete = false
				}
				inManifest[id] = true
				var key [4]refs.ValueHash
				for d, nid := range []uint64{p.Subject, p.Predicate, p.Object, p.Label} {
					if v := nodes[nid]; v != nil {
						key[d] = refs.HashOf(v)
					}
				}
				keys = append(keys, key)
			}
			// A zero hash is unknown (the manifest was made from Cayley's records).
			if complete && m.hash != ([32]byte{}) {
				slices.SortFunc(keys, compareKeys)
				if contentHash(slices.Compact(keys)) != m.hash {
					c.problemf("the content hash in the manifest of %s is not that of its quads", k)
				}
			}
			return nil
		})
	}
	for _, p := range live {
		if p.Label != 0 && !inManifest[p.ID] {
			c.problemf("quad %d of %v is in no manifest", p.ID, nodes[p.Label])
		}
	}
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
