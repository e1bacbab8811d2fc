package store

// A first build into an empty bolt store loads it in stages.
//
// Cayley's layout keeps each node's id and reference count in 2×65,536 small
// buckets chosen by the value's hash (v<h0><h1>, n<h0><h1>), all inline in the
// root bucket. A transaction that adds a few thousand nodes touches nearly all of
// them, so that bolt reads and rewrites the whole root, and a build of many
// sources in transactions of 100,000 quads did that again in every one: most of
// the CPU time of a large first build went into rewriting the same pages.
//
// So a build that finds the store empty and writes more than one transaction
// (a [Writer] whose first transaction is full before its Commit) writes each
// transaction's log records, index lists and manifests into buckets of the same
// names nested in graph.load, which Cayley never opens, and keeps its nodes' ids
// and counts in memory. Its last transaction writes every value and count record
// once, in key order, moves the staged buckets into the root with
// [bolt.Tx.MoveBucket] (which moves a bucket's header, not its pages), and writes
// the sizes, the inputs records and the manifest marker. Until that commit the
// store is the empty store it was: a load that is killed or fails leaves it so,
// with a staged bucket that the next write drops. The records are those the
// ordinary writer makes in the same transactions (ids are given the same way: a
// transaction's new nodes in hash order, then its quads in the order given), as
// TestBulkLoadWritesWhatTransactionsWrite checks.

import (
	"bytes"
	"crypto/sha256"
	"slices"
	"strings"
	"time"

	"github.com/cayleygraph/cayley/graph/kv"
	cproto "github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	bolt "go.etcd.io/bbolt"
)

// bucketLoad holds the buckets a load into an empty store has staged.
var bucketLoad = []byte("graph.load")

// loadNode is a node of a load: its hash, id and count of quad directions.
type loadNode struct {
	hash  refs.ValueHash
	id    uint64
	count uint64
}

// bulkLoad is the state of a load into an empty store, kept between its
// transactions. Nodes are kept by position, without pointers, so that the
// collector has nothing to follow in them.
type bulkLoad struct {
	indexes []kv.QuadIndex
	pos     map[refs.ValueHash]int32
	nodes   []loadNode
	horizon uint64
	size    int64
	// staged is set once a transaction of the load has committed.
	staged bool
	// labels are the sets staged (label and inputs record only), and written
	// their content hashes, for the inputs records written at the end.
	labels  []labelSet
	written map[quad.IRI][sha256.Size]byte
}

// dropStaged removes what a load that did not finish staged.
func dropStaged(tx *bolt.Tx) error {
	if tx.Bucket(bucketLoad) == nil {
		return nil
	}
	return tx.DeleteBucket(bucketLoad)
}

// emptyBucket reports whether the top-level bucket name is missing or empty.
func emptyBucket(tx *bolt.Tx, name []byte) bool {
	b := tx.Bucket(name)
	if b == nil {
		return true
	}
	k, _ := b.Cursor().First()
	return k == nil
}

// startLoad returns a load when the store holds no quads, no nodes and no
// labels, and nil otherwise.
func startLoad(tx *bolt.Tx) (*bulkLoad, error) {
	inds, err := readIndexes(tx)
	if err != nil {
		return nil, err
	}
	if metaInt(tx, keyHorizon) != 0 || metaInt(tx, keySize) != 0 ||
		!emptyBucket(tx, bucketLog) || !emptyBucket(tx, bucketLabels) {
		return nil, nil
	}
	for _, ind := range inds {
		if !emptyBucket(tx, ind.Key(nil)[0]) {
			return nil, nil
		}
	}
	return &bulkLoad{indexes: inds, pos: map[refs.ValueHash]int32{}, written: map[quad.IRI][sha256.Size]byte{}}, nil
}

// stage writes the log records, index lists and manifests of sets into the
// staging bucket, as one transaction of the ordinary writer would write them.
func (l *bulkLoad) stage(tx *bolt.Tx, sets []labelSet) (Change, error) {
	var ch Change
	stage, err := tx.CreateBucketIfNotExists(bucketLoad)
	if err != nil {
		return ch, err
	}
	logB, err := stage.CreateBucketIfNotExists(bucketLog)
	if err != nil {
		return ch, err
	}
	// Ids only grow: records go at the end, and pages can be filled.
	logB.FillPercent = 1
	labelsB, err := stage.CreateBucketIfNotExists(bucketLabels)
	if err != nil {
		return ch, err
	}
	var mem arena
	now := time.Now().UnixNano()

	// The nodes this transaction names, by position in l.nodes; the new ones with
	// their values, to be numbered in hash order.
	type freshNode struct {
		pos int32
		val quad.Value
	}
	var fresh []freshNode
	iris := map[quad.IRI]int32{}
	nodeOf := func(v quad.Value) int32 {
		return findNode(v, iris, l.pos, func(h refs.ValueHash) int32 {
			p := int32(len(l.nodes))
			l.nodes = append(l.nodes, loadNode{hash: h})
			fresh = append(fresh, freshNode{p, v})
			return p
		})
	}

	// Each label's quads, sorted by their directions' hashes and made unique as
	// the ordinary writer makes them; n holds positions plus one (0: none).
	var adds [][4]int32
	type labelRange struct {
		label       quad.IRI
		hash        [sha256.Size]byte
		first, last int
	}
	ranges := make([]labelRange, 0, len(sets))
	for _, ls := range sets {
		items := make([]quadItem[int32], len(ls.quads))
		for i, q := range ls.quads {
			for d, v := range []quad.Value{q.Subject, q.Predicate, q.Object, q.Label} {
				if v == nil {
					continue
				}
				p := nodeOf(v)
				items[i].n[d] = p + 1
				items[i].key[d] = l.nodes[p].hash
			}
		}
		items, hash := uniqueQuads(items)
		r := labelRange{label: ls.label, hash: hash, first: len(adds)}
		for _, it := range items {
			for _, p := range it.n {
				if p != 0 {
					l.nodes[p-1].count++
				}
			}
			adds = append(adds, it.n)
		}
		r.last = len(adds)
		ranges = append(ranges, r)
		l.written[ls.label] = r.hash
		l.labels = append(l.labels, labelSet{label: ls.label, inputs: ls.inputs})
		ch.Added += len(items)
	}

	// New nodes get ids in hash order, then the quads in the order given.
	before := l.horizon
	slices.SortFunc(fresh, func(a, b freshNode) int {
		return bytes.Compare(l.nodes[a.pos].hash[:], l.nodes[b.pos].hash[:])
	})
	for _, f := range fresh {
		l.horizon++
		l.nodes[f.pos].id = l.horizon
		data, err := pquads.MarshalValue(f.val)
		if err != nil {
			return ch, err
		}
		if err := putPrimitive(logB, &mem, &cproto.Primitive{ID: l.horizon, Value: data, Timestamp: now}); err != nil {
			return ch, err
		}
	}
	ids := make([]uint64, len(adds))
	var p cproto.Primitive
	for i, n := range adds {
		l.horizon++
		ids[i] = l.horizon
		p = cproto.Primitive{ID: l.horizon, Timestamp: now}
		for d, pos := range n {
			if pos != 0 {
				p.SetDirection(quad.Directions[d], l.nodes[pos-1].id)
			}
		}
		if err := putPrimitive(logB, &mem, &p); err != nil {
			return ch, err
		}
	}
	l.size += int64(len(adds))

	for _, ind := range l.indexes {
		b, err := stage.CreateBucketIfNotExists(ind.Key(nil)[0])
		if err != nil {
			return ch, err
		}
		if err := l.index(b, ind, adds, ids, before, &mem); err != nil {
			return ch, err
		}
	}
	for _, r := range ranges {
		if err := writeManifest(labelsB, r.label, &manifest{hash: r.hash, ids: ids[r.first:r.last]}); err != nil {
			return ch, err
		}
	}
	return ch, nil
}

// index appends the ids of a transaction's quads to one index's lists, as
// [kvTx.index] does. A key naming a node newer than before (the horizon when
// the transaction began) is new, and is not looked up.
func (l *bulkLoad) index(b *bolt.Bucket, ind kv.QuadIndex, adds [][4]int32, ids []uint64, before uint64, mem *arena) error {
	dirs := make([]int, len(ind.Dirs))
	for i, d := range ind.Dirs {
		dirs[i] = dirIndex(d)
	}
	entries := make([]indexEntry, len(adds))
	for i, n := range adds {
		for j, d := range dirs {
			if pos := n[d]; pos != 0 {
				entries[i].key[j] = l.nodes[pos-1].id
			}
		}
		entries[i].id = ids[i]
	}
	return putIndexLists(b, len(dirs), entries, mem, func(key [4]uint64) bool {
		return max(key[0], key[1], key[2], key[3]) <= before
	})
}

// finish makes the load the store's content: the staged buckets move into the
// root in place of the empty ones there, every node's value and count record is
// written once, in key order, and then the sizes, the inputs records and the
// manifest marker.
func (l *bulkLoad) finish(tx *bolt.Tx) error {
	stage := tx.Bucket(bucketLoad)
	if stage != nil {
		names := [][]byte{bucketLog, bucketLabels}
		for _, ind := range l.indexes {
			names = append(names, ind.Key(nil)[0])
		}
		for _, name := range names {
			// Seen through a cursor, so that the staged bucket is not opened: a
			// bucket opened in the transaction does not move.
			if k, v := stage.Cursor().Seek(name); !bytes.Equal(k, name) || v != nil {
				continue
			}
			if tx.Bucket(name) != nil {
				if err := tx.DeleteBucket(name); err != nil {
					return err
				}
			}
			if err := tx.MoveBucket(name, stage, nil); err != nil {
				return err
			}
		}
		if err := tx.DeleteBucket(bucketLoad); err != nil {
			return err
		}
	}

	l.pos = nil
	slices.SortFunc(l.nodes, func(a, b loadNode) int { return bytes.Compare(a.hash[:], b.hash[:]) })
	if err := createBuckets(tx, len(l.nodes), func(i int) refs.ValueHash { return l.nodes[i].hash }); err != nil {
		return err
	}
	recs := nodeRecords{tx: tx, mem: &arena{}}
	for i := range l.nodes {
		n := &l.nodes[i]
		if err := recs.putID(&n.hash, n.id); err != nil {
			return err
		}
		if err := recs.putCount(&n.hash, n.count); err != nil {
			return err
		}
	}
	if err := putMetaInt(tx, keySize, l.size); err != nil {
		return err
	}
	if err := putMetaInt(tx, keyHorizon, int64(l.horizon)); err != nil {
		return err
	}
	if _, err := tx.CreateBucketIfNotExists(bucketLabels); err != nil {
		return err
	}
	gm, err := tx.CreateBucketIfNotExists(bucketGraph)
	if err != nil {
		return err
	}
	if err := gm.Put(keyManifest, []byte{manifestVersion}); err != nil {
		return err
	}
	// In key order, so that bolt fills the records' pages as it goes.
	slices.SortFunc(l.labels, func(a, b labelSet) int { return strings.Compare(a.label.String(), b.label.String()) })
	return writeInputs(tx, l.labels, l.written)
}
