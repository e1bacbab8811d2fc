package store

// The bolt backend reads through Cayley but writes Cayley's key-value layout itself.
//
// Cayley's own writer (graph/kv) resolves, counts and indexes one value at a time
// in random key order, has no index by label (reading one source's quads scans the
// whole store), and mishandles a batch that both adds a quad using a node and
// removes more quads using it than it adds (the added quad loses that direction).
// The writer below produces exactly the records Cayley's writer would, so Cayley's
// readers, Gizmo and `cayley` itself see an ordinary store, but it
//
//   - computes a whole batch first and writes every bucket in key order;
//   - keeps, per label and in the same transaction as the quads, a manifest: the
//     ids of the label's quads and a SHA-256 of its content, so that reading one
//     label touches only its own quads and an unchanged label is skipped unread;
//   - counts node references per batch, so adds and removes of one batch agree.
//
// The layout (github.com/cayleygraph/cayley/graph/kv at the version in go.mod):
//
//	meta/version                   int64 little endian: the data version, written
//	                               by kv.Init; must be dataVersion
//	meta/indexes                   JSON list of the indexes, written by kv.Init
//	meta/size, meta/horizon        int64 little endian: live quads, last id given
//	log/<id, 8 bytes big endian>   a proto.Primitive: a node (Value set) or a quad
//	                               (Subject, Predicate, Object, Label ids; Deleted
//	                               once removed, when it stays in the log)
//	v<h0><h1>/<sha1 of value>      uvarint node id
//	n<h0><h1>/<sha1 of value>      uvarint count of quad directions naming the node;
//	                               at zero the node's v, n and log records go
//	<index dirs>/<ids, 8 bytes BE> uvarint list of quad ids, ascending (sp and ops)
//
// and ours, which Cayley never reads:
//
//	graph.meta/manifest            manifestVersion once every label has a manifest
//	graph.labels/<label IRI>       a manifest: 32-byte content hash, uvarint count,
//	                               quad ids as ascending uvarint deltas
//	graph.load/<log, index dirs,   while a first build loads an empty store in
//	            graph.labels>      stages, what it has staged (bulkload.go)

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"time"

	"github.com/cayleygraph/cayley/graph/kv"
	cproto "github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	bolt "go.etcd.io/bbolt"
	"google.golang.org/protobuf/proto"
)

var (
	bucketMeta   = []byte("meta")
	bucketLog    = []byte("log")
	keyVersion   = []byte("version")
	keySize      = []byte("size")
	keyHorizon   = []byte("horizon")
	keyIndexes   = []byte("indexes")
	bucketLabels = []byte("graph.labels")
	bucketGraph  = []byte("graph.meta")
	keyManifest  = []byte("manifest")
)

const manifestVersion = 1

// dataVersion is the version of Cayley's key-value layout that the writer below
// writes: graph/kv's latestDataVersion, which Cayley does not export. Cayley's
// Init writes its own into a fresh store and its New refuses any other, but a
// Cayley with another layout would open its own stores happily and our writer
// would write this layout into them; so every open and every write checks the
// store's version against this one. TestDataVersionIsCayleys fails when the
// pinned Cayley writes another.
const dataVersion = 2

// readVersion reads a store's data version as graph/kv does: 8 bytes little
// endian, an empty value meaning 0. ok is false when the store records none (it
// has not been initialised).
func readVersion(tx *bolt.Tx) (version int64, ok bool, err error) {
	b := tx.Bucket(bucketMeta)
	if b == nil {
		return 0, false, nil
	}
	v := b.Get(keyVersion)
	switch {
	case v == nil:
		return 0, false, nil
	case len(v) == 0:
		return 0, true, nil
	case len(v) != 8:
		return 0, true, fmt.Errorf("%w: the data version in meta is %d bytes long, not 8", ErrCorrupt, len(v))
	}
	return int64(binary.LittleEndian.Uint64(v)), true, nil
}

// checkVersion refuses a store whose data version is not [dataVersion], with a
// [*VersionError] naming where. A store that records no version is refused too,
// unless missingOK (it is about to be initialised).
func checkVersion(tx *bolt.Tx, where string, missingOK bool) error {
	v, ok, err := readVersion(tx)
	switch {
	case err != nil:
		return err
	case !ok && missingOK:
		return nil
	case !ok:
		return fmt.Errorf("%w: the store records no Cayley data version", ErrCorrupt)
	case v != dataVersion:
		return &VersionError{Where: where, Found: v}
	}
	return nil
}

// ErrCorrupt means the store's records contradict each other.
var ErrCorrupt = errors.New("store records are inconsistent")

func valueBucket(h refs.ValueHash) []byte { return []byte{'v', h[0], h[1]} }
func countBucket(h refs.ValueHash) []byte { return []byte{'n', h[0], h[1]} }

func idKey(id uint64) []byte {
	var k [8]byte
	binary.BigEndian.PutUint64(k[:], id)
	return k[:]
}

func metaInt(tx *bolt.Tx, key []byte) int64 {
	b := tx.Bucket(bucketMeta)
	if b == nil {
		return 0
	}
	v := b.Get(key)
	if len(v) != 8 {
		return 0
	}
	return int64(binary.LittleEndian.Uint64(v))
}

func putMetaInt(tx *bolt.Tx, key []byte, v int64) error {
	b, err := tx.CreateBucketIfNotExists(bucketMeta)
	if err != nil {
		return err
	}
	buf := make([]byte, 8)
	binary.LittleEndian.PutUint64(buf, uint64(v))
	return b.Put(key, buf)
}

func readIndexes(tx *bolt.Tx) ([]kv.QuadIndex, error) {
	var out []kv.QuadIndex
	if b := tx.Bucket(bucketMeta); b != nil {
		if v := b.Get(keyIndexes); v != nil {
			if err := json.Unmarshal(v, &out); err != nil {
				return nil, fmt.Errorf("%w: index list: %v", ErrCorrupt, err)
			}
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%w: no index list in meta", ErrCorrupt)
	}
	return out, nil
}

func getPrimitive(tx *bolt.Tx, id uint64) (*cproto.Primitive, error) {
	b := tx.Bucket(bucketLog)
	if b == nil {
		return nil, nil
	}
	v := b.Get(idKey(id))
	if v == nil {
		return nil, nil
	}
	p := &cproto.Primitive{}
	if err := proto.Unmarshal(v, p); err != nil {
		return nil, fmt.Errorf("%w: log record %d: %v", ErrCorrupt, id, err)
	}
	return p, nil
}

// appendPrimitive encodes a primitive as proto.Marshal does (fields in number
// order, zero values left out), without its allocations.
func appendPrimitive(buf []byte, p *cproto.Primitive) []byte {
	field := func(tag byte, v uint64) {
		if v != 0 {
			buf = append(buf, tag)
			buf = binary.AppendUvarint(buf, v)
		}
	}
	field(0x08, p.ID)
	field(0x10, p.Subject)
	field(0x18, p.Predicate)
	field(0x20, p.Object)
	field(0x28, p.Label)
	field(0x30, p.Replaces)
	field(0x38, uint64(p.Timestamp))
	if len(p.Value) > 0 {
		buf = append(buf, 0x42)
		buf = binary.AppendUvarint(buf, uint64(len(p.Value)))
		buf = append(buf, p.Value...)
	}
	if p.Deleted {
		buf = append(buf, 0x48, 1)
	}
	return buf
}

// arena hands out byte slices that stay valid until the transaction ends, as bolt
// needs for keys and values, in few allocations.
type arena struct{ buf []byte }

func (a *arena) take(n int) []byte {
	if cap(a.buf)-len(a.buf) < n {
		a.buf = make([]byte, 0, max(n, 1<<20))
	}
	a.buf = a.buf[:len(a.buf)+n]
	return a.buf[len(a.buf)-n : len(a.buf) : len(a.buf)]
}

// encode copies what fn appends to an empty slice into the arena.
func (a *arena) encode(fn func([]byte) []byte) []byte {
	var scratch [256]byte
	out := fn(scratch[:0])
	b := a.take(len(out))
	copy(b, out)
	return b
}

func (a *arena) idKey(id uint64) []byte {
	b := a.take(8)
	binary.BigEndian.PutUint64(b, id)
	return b
}

func (a *arena) uvarint(x uint64) []byte {
	return a.encode(func(b []byte) []byte { return binary.AppendUvarint(b, x) })
}

// putPrimitive writes a log record, its key and value in mem.
func putPrimitive(b *bolt.Bucket, mem *arena, p *cproto.Primitive) error {
	return b.Put(mem.idKey(p.ID), mem.encode(func(buf []byte) []byte { return appendPrimitive(buf, p) }))
}

// createBuckets creates the value and count buckets that n nodes (their hashes
// given by hashAt, in hash order) need and the store lacks: the count buckets first, then the value
// buckets, each in key order. Created as the nodes come, a count bucket ('n')
// would go before every value bucket ('v') in the root's list of buckets, which
// bolt keeps as an array: each would move all of those, and a fresh store has up
// to 65,536 of each.
func createBuckets(tx *bolt.Tx, n int, hashAt func(i int) refs.ValueHash) error {
	for _, name := range []func(refs.ValueHash) []byte{countBucket, valueBucket} {
		var last []byte
		for i := range n {
			b := name(hashAt(i))
			if bytes.Equal(b, last) {
				continue
			}
			last = b
			if tx.Bucket(b) == nil {
				if _, err := tx.CreateBucket(b); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// nodeRecords writes the value and count records of nodes taken in hash order,
// opening the two buckets of each prefix once ([createBuckets] has made them).
type nodeRecords struct {
	tx     *bolt.Tx
	mem    *arena
	prefix [2]byte
	v, n   *bolt.Bucket // nil before the first node
}

// at opens the buckets of the node h.
func (r *nodeRecords) at(h *refs.ValueHash) {
	if r.v == nil || r.prefix != [2]byte{h[0], h[1]} {
		r.prefix = [2]byte{h[0], h[1]}
		r.v, r.n = r.tx.Bucket(valueBucket(*h)), r.tx.Bucket(countBucket(*h))
	}
}

// putID writes the value record: the node's id.
func (r *nodeRecords) putID(h *refs.ValueHash, id uint64) error {
	r.at(h)
	return r.v.Put(h[:], r.mem.uvarint(id))
}

// putCount writes the count record.
func (r *nodeRecords) putCount(h *refs.ValueHash, count uint64) error {
	r.at(h)
	return r.n.Put(h[:], r.mem.uvarint(count))
}

// count reads the count record, 0 when there is none.
func (r *nodeRecords) count(h *refs.ValueHash) uint64 {
	r.at(h)
	c, _ := binary.Uvarint(r.n.Get(h[:]))
	return c
}

// drop removes the count and value records.
func (r *nodeRecords) drop(h *refs.ValueHash) error {
	r.at(h)
	if err := r.n.Delete(h[:]); err != nil {
		return err
	}
	return r.v.Delete(h[:])
}

// bucket opens a top-level bucket, creating it when needed.
func bucket(tx *bolt.Tx, name []byte) (*bolt.Bucket, error) {
	if b := tx.Bucket(name); b != nil {
		return b, nil
	}
	return tx.CreateBucket(name)
}

// manifest is what graph.labels holds for one label.
type manifest struct {
	hash [sha256.Size]byte // zero when unknown (a store written before manifests)
	ids  []uint64          // ascending
}

func readManifest(tx *bolt.Tx, label quad.Value) (*manifest, error) {
	b := tx.Bucket(bucketLabels)
	if b == nil {
		return nil, nil
	}
	v := b.Get([]byte(label.String()))
	if v == nil {
		return nil, nil
	}
	m := &manifest{}
	if len(v) < sha256.Size {
		return nil, fmt.Errorf("%w: manifest of %s", ErrCorrupt, label)
	}
	copy(m.hash[:], v)
	v = v[sha256.Size:]
	n, k := binary.Uvarint(v)
	if k <= 0 {
		return nil, fmt.Errorf("%w: manifest of %s", ErrCorrupt, label)
	}
	v = v[k:]
	m.ids = make([]uint64, 0, n)
	var last uint64
	for len(v) > 0 {
		d, k := binary.Uvarint(v)
		if k <= 0 {
			return nil, fmt.Errorf("%w: manifest of %s", ErrCorrupt, label)
		}
		last += d
		m.ids = append(m.ids, last)
		v = v[k:]
	}
	if uint64(len(m.ids)) != n {
		return nil, fmt.Errorf("%w: manifest of %s has %d ids, says %d", ErrCorrupt, label, len(m.ids), n)
	}
	return m, nil
}

func writeManifest(b *bolt.Bucket, label quad.Value, m *manifest) error {
	key := []byte(label.String())
	if len(m.ids) == 0 {
		return b.Delete(key)
	}
	buf := make([]byte, 0, sha256.Size+binary.MaxVarintLen64*(1+len(m.ids)))
	buf = append(buf, m.hash[:]...)
	buf = binary.AppendUvarint(buf, uint64(len(m.ids)))
	var last uint64
	for _, id := range m.ids {
		buf = binary.AppendUvarint(buf, id-last)
		last = id
	}
	return b.Put(key, buf)
}

// ensureManifests gives every label of a store written without manifests (by an
// older graph or by `cayley load`) one, with an unknown content hash, by scanning
// the log once.
func ensureManifests(tx *bolt.Tx) error {
	gm, err := tx.CreateBucketIfNotExists(bucketGraph)
	if err != nil {
		return err
	}
	if gm.Get(keyManifest) != nil {
		return nil
	}
	byLabel := map[uint64][]uint64{}
	if lb := tx.Bucket(bucketLog); lb != nil {
		c := lb.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			var p cproto.Primitive
			if err := proto.Unmarshal(v, &p); err != nil {
				return fmt.Errorf("%w: log record %x: %v", ErrCorrupt, k, err)
			}
			if p.IsNode() || p.Deleted || p.Label == 0 {
				continue
			}
			byLabel[p.Label] = append(byLabel[p.Label], p.ID)
		}
	}
	labels, err := tx.CreateBucketIfNotExists(bucketLabels)
	if err != nil {
		return err
	}
	for lid, ids := range byLabel {
		p, err := getPrimitive(tx, lid)
		if err != nil {
			return err
		}
		if p == nil || !p.IsNode() {
			return fmt.Errorf("%w: label node %d is missing", ErrCorrupt, lid)
		}
		v, err := pquads.UnmarshalValue(p.Value)
		if err != nil {
			return fmt.Errorf("%w: label node %d: %v", ErrCorrupt, lid, err)
		}
		slices.Sort(ids)
		if err := writeManifest(labels, v, &manifest{ids: ids}); err != nil {
			return err
		}
	}
	return gm.Put(keyManifest, []byte{manifestVersion})
}

// node is one value a write transaction touches.
type node struct {
	hash   refs.ValueHash
	val    quad.Value // nil for a node known only by id until it is loaded
	id     uint64     // 0 until resolved or assigned
	exists bool       // in the store before this transaction
	looked bool       // looked up in the v buckets
	delta  int64      // change of its reference count
}

// newQuad is a quad this transaction adds.
type newQuad struct {
	n  [4]*node
	id uint64
}

// labelWrite is what a transaction does to one label.
type labelWrite struct {
	label quad.Value
	hash  [sha256.Size]byte
	keep  []uint64
	add   []*newQuad
}

// kvTx is one write transaction of the bolt writer.
type kvTx struct {
	tx      *bolt.Tx
	indexes []kv.QuadIndex
	nodes   map[refs.ValueHash]*node
	byID    map[uint64]*node
	iris    map[quad.IRI]*node
	labels  []*labelWrite
	adds    []*newQuad
	deleted int64
	mem     arena
	// written holds the content hash of every label put, for its inputs record.
	written map[quad.IRI][sha256.Size]byte
}

func newKVTx(tx *bolt.Tx) (*kvTx, error) {
	inds, err := readIndexes(tx)
	if err != nil {
		return nil, err
	}
	if err := ensureManifests(tx); err != nil {
		return nil, err
	}
	return &kvTx{tx: tx, indexes: inds, nodes: map[refs.ValueHash]*node{}, byID: map[uint64]*node{}, iris: map[quad.IRI]*node{},
		written: map[quad.IRI][sha256.Size]byte{}}, nil
}

// anchorLabel labelled the temporary quads with which an earlier version of this
// package worked around Cayley's reference counting; a crash could leave some.
const anchorLabel = quad.IRI("graph:anchor")

// dropAnchors removes anchor quads that an earlier version left behind.
func (t *kvTx) dropAnchors() error {
	m, err := readManifest(t.tx, anchorLabel)
	if err != nil || m == nil {
		return err
	}
	_, err = t.put(anchorLabel, nil)
	return err
}

// node returns the record of a value, creating it on first use.
func (t *kvTx) node(v quad.Value) *node {
	if v == nil {
		return nil
	}
	return findNode(v, t.iris, t.nodes, func(h refs.ValueHash) *node { return &node{hash: h, val: v} })
}

// findNode returns the node of the value v in byHash, adding the one add makes
// for v's hash when there is none. An IRI (most values are) is found by its
// string in iris first, so that a transaction hashes it once. It serves the
// ordinary writer and a load in stages, which keep nodes differently.
func findNode[N any](v quad.Value, iris map[quad.IRI]N, byHash map[refs.ValueHash]N, add func(refs.ValueHash) N) N {
	iri, isIRI := v.(quad.IRI)
	if isIRI {
		if n, ok := iris[iri]; ok {
			return n
		}
	}
	h := refs.HashOf(v)
	n, ok := byHash[h]
	if !ok {
		n = add(h)
		byHash[h] = n
	}
	if isIRI {
		iris[iri] = n
	}
	return n
}

// lookup resolves nodes against the v buckets, in key order.
func (t *kvTx) lookup(ns []*node) {
	var todo []*node
	for _, n := range ns {
		if n != nil && !n.looked && n.id == 0 {
			todo = append(todo, n)
		}
	}
	sort.Slice(todo, func(i, j int) bool { return bytes.Compare(todo[i].hash[:], todo[j].hash[:]) < 0 })
	var b *bolt.Bucket
	var bname []byte
	for _, n := range todo {
		n.looked = true
		if name := valueBucket(n.hash); !bytes.Equal(name, bname) {
			bname, b = name, t.tx.Bucket(name)
		}
		if b == nil {
			continue
		}
		if v := b.Get(n.hash[:]); v != nil {
			id, k := binary.Uvarint(v)
			if k > 0 && id != 0 {
				n.id, n.exists = id, true
				t.byID[id] = n
			}
		}
	}
}

// nodeByID returns the record of a node of the store known by its id.
func (t *kvTx) nodeByID(id uint64) (*node, error) {
	if n := t.byID[id]; n != nil {
		return n, nil
	}
	p, err := getPrimitive(t.tx, id)
	if err != nil {
		return nil, err
	}
	if p == nil || !p.IsNode() {
		return nil, fmt.Errorf("%w: node %d is missing", ErrCorrupt, id)
	}
	v, err := pquads.UnmarshalValue(p.Value)
	if err != nil {
		return nil, fmt.Errorf("%w: node %d: %v", ErrCorrupt, id, err)
	}
	n := t.node(v)
	if n.id != 0 && n.id != id {
		return nil, fmt.Errorf("%w: value %s has ids %d and %d", ErrCorrupt, v, n.id, id)
	}
	n.id, n.exists, n.looked = id, true, true
	t.byID[id] = n
	return n, nil
}

// contentHash is the hash of a set of quads given as sorted, distinct 80-byte keys
// (the SHA-1 of each direction's value).
func contentHash(keys [][4]refs.ValueHash) [sha256.Size]byte {
	h := sha256.New()
	h.Write([]byte("graph quads v1\n"))
	for _, k := range keys {
		for _, d := range k {
			h.Write(d[:])
		}
	}
	var out [sha256.Size]byte
	h.Sum(out[:0])
	return out
}

func compareKeys(a, b [4]refs.ValueHash) int {
	for i := range a {
		if c := bytes.Compare(a[i][:], b[i][:]); c != 0 {
			return c
		}
	}
	return 0
}

// quadItem is a quad given for a label: the hashes of its directions' values
// (zero for none), and the writer's nodes for them.
type quadItem[N any] struct {
	key [4]refs.ValueHash
	n   [4]N
}

// uniqueQuads sorts a label's quads by their keys and keeps each once, as both
// writers store them, and returns them with the label's content hash.
func uniqueQuads[N any](items []quadItem[N]) ([]quadItem[N], [sha256.Size]byte) {
	slices.SortFunc(items, func(a, b quadItem[N]) int { return compareKeys(a.key, b.key) })
	items = slices.CompactFunc(items, func(a, b quadItem[N]) bool { return a.key == b.key })
	keys := make([][4]refs.ValueHash, len(items))
	for i := range items {
		keys[i] = items[i].key
	}
	return items, contentHash(keys)
}

// put makes label's quads those given (every one labelled label, checked by the
// caller). It reports what it will add, remove and keep; nothing is written
// before [kvTx.commit].
func (t *kvTx) put(label quad.IRI, qs []quad.Quad) (Change, error) {
	items := make([]quadItem[*node], len(qs))
	for i, q := range qs {
		for d, v := range []quad.Value{q.Subject, q.Predicate, q.Object, q.Label} {
			if n := t.node(v); n != nil {
				items[i].n[d] = n
				items[i].key[d] = n.hash
			}
		}
	}
	items, hash := uniqueQuads(items)
	lw := &labelWrite{label: label, hash: hash}
	t.written[label] = lw.hash
	old, err := readManifest(t.tx, label)
	if err != nil {
		return Change{}, err
	}
	if old != nil && old.hash == lw.hash && len(old.ids) == len(items) {
		return Change{Kept: len(items)}, nil
	}
	t.labels = append(t.labels, lw)

	// The quads the label has now, by the ids of their directions.
	have := map[[4]uint64]*cproto.Primitive{}
	if old != nil {
		for _, id := range old.ids {
			p, err := getPrimitive(t.tx, id)
			if err != nil {
				return Change{}, err
			}
			if p == nil || p.IsNode() || p.Deleted {
				continue // the manifest outlived a record; the write repairs it
			}
			have[[4]uint64{p.Subject, p.Predicate, p.Object, p.Label}] = p
		}
	}
	var all []*node
	for i := range items {
		all = append(all, items[i].n[:]...)
	}
	t.lookup(all)

	var ch Change
	for _, it := range items {
		var ids [4]uint64
		known := true
		for d, n := range it.n {
			if n == nil {
				continue
			}
			if !n.exists {
				known = false
				break
			}
			ids[d] = n.id
		}
		if known {
			if p := have[ids]; p != nil {
				delete(have, ids)
				lw.keep = append(lw.keep, p.ID)
				ch.Kept++
				continue
			}
		}
		nq := &newQuad{n: it.n}
		for _, n := range it.n {
			if n != nil {
				n.delta++
			}
		}
		lw.add = append(lw.add, nq)
		t.adds = append(t.adds, nq)
		ch.Added++
	}

	// Whatever the label has and no longer wants goes, in id order.
	gone := make([]*cproto.Primitive, 0, len(have))
	for _, p := range have {
		gone = append(gone, p)
	}
	slices.SortFunc(gone, func(a, b *cproto.Primitive) int { return cmpUint(a.ID, b.ID) })
	lb := t.tx.Bucket(bucketLog)
	for _, p := range gone {
		for _, id := range []uint64{p.Subject, p.Predicate, p.Object, p.Label} {
			if id == 0 {
				continue
			}
			n, err := t.nodeByID(id)
			if err != nil {
				return Change{}, err
			}
			n.delta--
		}
		p.Deleted = true
		if err := putPrimitive(lb, &t.mem, p); err != nil {
			return Change{}, err
		}
		t.deleted++
		ch.Removed++
	}
	return ch, nil
}

func cmpUint(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// commit writes what the puts computed: new nodes, reference counts, new quads,
// index lists, sizes and manifests, each bucket in key order.
func (t *kvTx) commit() error {
	tx := t.tx
	now := time.Now().UnixNano()
	horizon := metaInt(tx, keyHorizon)
	logB, err := bucket(tx, bucketLog)
	if err != nil {
		return err
	}
	// Ids only grow: new records go at the end, so pages can be filled.
	logB.FillPercent = 0.9

	// Nodes, in hash order: new ones get ids, counts change, unused ones go.
	ns := make([]*node, 0, len(t.nodes))
	for _, n := range t.nodes {
		if n.delta != 0 {
			ns = append(ns, n)
		}
	}
	slices.SortFunc(ns, func(a, b *node) int { return bytes.Compare(a.hash[:], b.hash[:]) })
	var fresh []*node
	for _, n := range ns {
		if !n.exists {
			if n.delta < 0 {
				return fmt.Errorf("%w: removing a reference to %s, which is not stored", ErrCorrupt, n.val)
			}
			horizon++
			n.id = uint64(horizon)
			fresh = append(fresh, n)
		}
	}
	for _, n := range fresh {
		data, err := pquads.MarshalValue(n.val)
		if err != nil {
			return err
		}
		if err := putPrimitive(logB, &t.mem, &cproto.Primitive{ID: n.id, Value: data, Timestamp: now}); err != nil {
			return err
		}
	}
	if err := createBuckets(tx, len(ns), func(i int) refs.ValueHash { return ns[i].hash }); err != nil {
		return err
	}
	recs := nodeRecords{tx: tx, mem: &t.mem}
	for _, n := range ns {
		count := int64(0)
		if n.exists {
			count = int64(recs.count(&n.hash))
		} else if err := recs.putID(&n.hash, n.id); err != nil {
			return err
		}
		count += n.delta
		if count <= 0 {
			if err := recs.drop(&n.hash); err != nil {
				return err
			}
			if err := logB.Delete(idKey(n.id)); err != nil {
				return err
			}
			continue
		}
		if err := recs.putCount(&n.hash, uint64(count)); err != nil {
			return err
		}
	}

	// New quads, in the order they were put.
	for _, q := range t.adds {
		horizon++
		q.id = uint64(horizon)
		p := &cproto.Primitive{ID: q.id, Timestamp: now}
		for d, n := range q.n {
			if n != nil {
				p.SetDirection(quad.Directions[d], n.id)
			}
		}
		if err := putPrimitive(logB, &t.mem, p); err != nil {
			return err
		}
	}
	for _, ind := range t.indexes {
		if err := t.index(ind); err != nil {
			return err
		}
	}
	if err := putMetaInt(tx, keySize, metaInt(tx, keySize)+int64(len(t.adds))-t.deleted); err != nil {
		return err
	}
	if err := putMetaInt(tx, keyHorizon, horizon); err != nil {
		return err
	}

	labels, err := tx.CreateBucketIfNotExists(bucketLabels)
	if err != nil {
		return err
	}
	for _, lw := range t.labels {
		m := &manifest{hash: lw.hash, ids: lw.keep}
		for _, q := range lw.add {
			m.ids = append(m.ids, q.id)
		}
		slices.Sort(m.ids)
		if err := writeManifest(labels, lw.label, m); err != nil {
			return err
		}
	}
	return nil
}

// index appends the new quads' ids to one index's lists.
func (t *kvTx) index(ind kv.QuadIndex) error {
	dirs := make([]int, len(ind.Dirs))
	for i, d := range ind.Dirs {
		dirs[i] = dirIndex(d)
	}
	entries := make([]indexEntry, len(t.adds))
	for i, q := range t.adds {
		for j, d := range dirs {
			if n := q.n[d]; n != nil {
				entries[i].key[j] = n.id
			}
		}
		entries[i].id = q.id
	}
	b, err := bucket(t.tx, ind.Key(nil)[0])
	if err != nil {
		return err
	}
	return putIndexLists(b, len(dirs), entries, &t.mem, func([4]uint64) bool { return true })
}

// indexEntry is a quad in one index: the ids of the index's directions (the
// rest zero) and the quad's id.
type indexEntry struct {
	key [4]uint64
	id  uint64
}

// putIndexLists appends the entries' quad ids to their keys' lists in b, each
// list's ids ascending, every key once, in key order. stored says whether a key
// may be in b already; one that is not is not looked up.
func putIndexLists(b *bolt.Bucket, dirs int, entries []indexEntry, mem *arena, stored func([4]uint64) bool) error {
	// Keys are big-endian ids, so that their byte order is the order of the ids.
	slices.SortFunc(entries, func(a, b indexEntry) int {
		for i := range a.key {
			if c := cmpUint(a.key[i], b.key[i]); c != 0 {
				return c
			}
		}
		return cmpUint(a.id, b.id)
	})
	for i := 0; i < len(entries); {
		j := i + 1
		for j < len(entries) && entries[j].key == entries[i].key {
			j++
		}
		key := mem.take(8 * dirs)
		for d := 0; d < dirs; d++ {
			binary.BigEndian.PutUint64(key[8*d:], entries[i].key[d])
		}
		var old []byte
		if stored(entries[i].key) {
			old = b.Get(key)
		}
		buf := mem.take(len(old) + binary.MaxVarintLen64*(j-i))[:len(old)]
		copy(buf, old)
		for _, e := range entries[i:j] {
			buf = binary.AppendUvarint(buf, e.id)
		}
		if err := b.Put(key, buf); err != nil {
			return err
		}
		i = j
	}
	return nil
}

func dirIndex(d quad.Direction) int {
	for i, x := range quad.Directions {
		if x == d {
			return i
		}
	}
	panic(fmt.Sprintf("store: unknown direction %v", d))
}

// readLabel returns the quads a label's manifest lists, in id order. ok is false
// when the store has no manifests yet.
func readLabel(tx *bolt.Tx, label quad.IRI) (qs []quad.Quad, ok bool, err error) {
	if gm := tx.Bucket(bucketGraph); gm == nil || gm.Get(keyManifest) == nil {
		return nil, false, nil
	}
	m, err := readManifest(tx, label)
	if err != nil || m == nil {
		return nil, true, err
	}
	r := newValueReader(tx)
	out := make([]quad.Quad, 0, len(m.ids))
	for _, id := range m.ids {
		p, err := getPrimitive(tx, id)
		if err != nil {
			return nil, true, err
		}
		if p == nil || p.IsNode() || p.Deleted {
			return nil, true, fmt.Errorf("%w: quad %d of %s is missing", ErrCorrupt, id, label)
		}
		q, err := r.quad(p)
		if err != nil {
			return nil, true, err
		}
		out = append(out, q)
	}
	return out, true, nil
}

// valueReader turns node ids into values, remembering them.
type valueReader struct {
	tx   *bolt.Tx
	vals map[uint64]quad.Value
	size int // the encoded size of the values in vals
}

func newValueReader(tx *bolt.Tx) *valueReader {
	return &valueReader{tx: tx, vals: map[uint64]quad.Value{}}
}

func (r *valueReader) value(id uint64) (quad.Value, error) {
	if id == 0 {
		return nil, nil
	}
	if v, ok := r.vals[id]; ok {
		return v, nil
	}
	p, err := getPrimitive(r.tx, id)
	if err != nil {
		return nil, err
	}
	if p == nil || !p.IsNode() {
		return nil, fmt.Errorf("%w: node %d is missing", ErrCorrupt, id)
	}
	v, err := pquads.UnmarshalValue(p.Value)
	if err != nil {
		return nil, fmt.Errorf("%w: node %d: %v", ErrCorrupt, id, err)
	}
	r.vals[id] = v
	r.size += len(p.Value)
	return v, nil
}

func (r *valueReader) quad(p *cproto.Primitive) (quad.Quad, error) {
	var q quad.Quad
	for d, id := range []uint64{p.Subject, p.Predicate, p.Object, p.Label} {
		v, err := r.value(id)
		if err != nil {
			return q, err
		}
		q.Set(quad.Directions[d], v)
	}
	return q, nil
}

// eachQuad calls fn with every live quad of the store, in id order, reading the
// log once.
func eachQuad(ctx context.Context, tx *bolt.Tx, fn func(quad.Quad) error) error {
	lb := tx.Bucket(bucketLog)
	if lb == nil {
		return nil
	}
	vals := map[uint64]quad.Value{}
	get := func(id uint64) (quad.Value, error) {
		if id == 0 {
			return nil, nil
		}
		if v, ok := vals[id]; ok {
			return v, nil
		}
		// Nodes come before the quads that name them, so this is rare.
		r := &valueReader{tx: tx, vals: vals}
		return r.value(id)
	}
	c := lb.Cursor()
	n := 0
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if n++; n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		var p cproto.Primitive
		if err := proto.Unmarshal(v, &p); err != nil {
			return fmt.Errorf("%w: log record %x: %v", ErrCorrupt, k, err)
		}
		if p.IsNode() {
			val, err := pquads.UnmarshalValue(p.Value)
			if err != nil {
				return fmt.Errorf("%w: node %d: %v", ErrCorrupt, p.ID, err)
			}
			vals[p.ID] = val
			continue
		}
		if p.Deleted {
			continue
		}
		var q quad.Quad
		for d, id := range []uint64{p.Subject, p.Predicate, p.Object, p.Label} {
			val, err := get(id)
			if err != nil {
				return err
			}
			q.Set(quad.Directions[d], val)
		}
		if err := fn(q); err != nil {
			return err
		}
	}
	return nil
}
