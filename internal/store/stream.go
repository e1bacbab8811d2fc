package store

import (
	"bufio"
	"bytes"
	"container/heap"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"slices"
	"strings"

	cproto "github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/quad"
	bolt "go.etcd.io/bbolt"
)

// Streaming reads for exports that must come out sorted without holding the store
// in memory. Sorting is the caller's (it knows how its lines are written); the
// store hands over the quads in groups that can be sorted one at a time and
// written in order.
//
// A bolt store serves them from its own indexes: the subject index (Cayley's sp)
// for groups by subject, and the labels' manifests for groups by label. Memory
// is bounded by the size of the largest group, a cache of values, and, for
// labels, their number; the subjects, of which there may be any number, are
// sorted in bounded runs merged from a temporary file. Other backends, and a
// bolt store that lacks what is needed (no subject index, a label without a
// manifest), read every quad and group them in memory.

// maxCachedValues and maxCachedBytes bound the node values a stream remembers,
// in number and in encoded size: a store of long literals (transcripts) would
// otherwise fill the memory before the number is reached.
const (
	maxCachedValues = 1 << 16
	maxCachedBytes  = 8 << 20
)

// releaseEvery is how many records a read in the file's order (the log, by id)
// reads between drops of the pages it read from the process (see
// releaseMapped): a read of the whole store would otherwise count the whole
// file as the process's memory.
const releaseEvery = 1 << 13

// randomReleaseEvery is [releaseEvery] for the streams, which read the quads
// and values of a subject or label from all over the file, most reads in a page
// of their own: an N-Quads export of 2.8 million quads peaked at about 270 MiB
// resident dropping the pages every 8,192 reads, 186 MiB every 2,048, 147 MiB
// every 1,024 and 115 MiB every 512. Mapping the pages again costs some
// system time.
const randomReleaseEvery = 1 << 9

// SubjectGroups calls fn with every quad of the store, grouped by subject, in the
// order of key(subject). Subjects whose keys are equal, or one a prefix of the
// next, are one group: lines that start with such keys may interleave when
// sorted, and so must be sorted together. Within a group the order is
// unspecified.
func (s *Store) SubjectGroups(ctx context.Context, key func(quad.Value) string, fn func([]quad.Quad) error) (err error) {
	defer survive(s.where, &err, debug.SetPanicOnFault(true))
	if done, err := s.readBolt(func(tx *bolt.Tx) (bool, error) { return subjectGroups(ctx, tx, key, fn) }); err != nil || done {
		return err
	}
	qs, err := s.AllQuads(ctx)
	if err != nil {
		return err
	}
	return groupInMemory(qs, func(q quad.Quad) quad.Value { return q.Subject }, key, true, fn)
}

// LabelGroups calls fn with every quad of the store, grouped by label, in the
// order of key(label); labels with equal keys are one group, and quads without a
// label come last. Within a group the order is unspecified.
func (s *Store) LabelGroups(ctx context.Context, key func(quad.Value) string, fn func([]quad.Quad) error) (err error) {
	defer survive(s.where, &err, debug.SetPanicOnFault(true))
	if done, err := s.readBolt(func(tx *bolt.Tx) (bool, error) { return labelGroups(ctx, tx, key, fn) }); err != nil || done {
		return err
	}
	qs, err := s.AllQuads(ctx)
	if err != nil {
		return err
	}
	var unlabelled []quad.Quad
	labelled := qs[:0]
	for _, q := range qs {
		if q.Label == nil {
			unlabelled = append(unlabelled, q)
		} else {
			labelled = append(labelled, q)
		}
	}
	if err := groupInMemory(labelled, func(q quad.Quad) quad.Value { return q.Label }, key, false, fn); err != nil {
		return err
	}
	if len(unlabelled) > 0 {
		return fn(unlabelled)
	}
	return nil
}

// readBolt runs read in a read transaction of a bolt store; done is false on
// other backends, or when read could not serve the request from the layout.
func (s *Store) readBolt(read func(*bolt.Tx) (bool, error)) (done bool, err error) {
	if s.db == nil {
		return false, nil
	}
	err = s.db.View(func(tx *bolt.Tx) error {
		done, err = read(tx)
		return err
	})
	return done, err
}

// groupInMemory is the groups of quads already read.
func groupInMemory(qs []quad.Quad, of func(quad.Quad) quad.Value, key func(quad.Value) string, prefixes bool, fn func([]quad.Quad) error) error {
	type keyed struct {
		key string
		q   quad.Quad
	}
	ks := make([]keyed, len(qs))
	for i, q := range qs {
		ks[i] = keyed{key(of(q)), q}
	}
	slices.SortStableFunc(ks, func(a, b keyed) int { return strings.Compare(a.key, b.key) })
	for i := 0; i < len(ks); {
		j := i + 1
		for j < len(ks) && (ks[j].key == ks[i].key || prefixes && strings.HasPrefix(ks[j].key, ks[i].key)) {
			j++
		}
		group := make([]quad.Quad, j-i)
		for n := range group {
			group[n] = ks[i+n].q
		}
		if err := fn(group); err != nil {
			return err
		}
		i = j
	}
	return nil
}

// keyedID is a label id with its sort key.
type keyedID struct {
	key string
	id  uint64
}

// sortedClusters sorts ids by key and calls fn with each run of ids whose keys
// are equal.
func sortedClusters(ids []keyedID, fn func([]keyedID) error) error {
	slices.SortFunc(ids, func(a, b keyedID) int {
		if c := strings.Compare(a.key, b.key); c != 0 {
			return c
		}
		return cmpUint(a.id, b.id)
	})
	for i := 0; i < len(ids); {
		j := i + 1
		for j < len(ids) && ids[j].key == ids[i].key {
			j++
		}
		if err := fn(ids[i:j]); err != nil {
			return err
		}
		i = j
	}
	return nil
}

// subjectIndex returns the bucket of an index whose keys start with the subject,
// or nil.
func subjectIndex(tx *bolt.Tx) *bolt.Bucket {
	inds, err := readIndexes(tx)
	if err != nil {
		return nil
	}
	for _, ind := range inds {
		if len(ind.Dirs) > 0 && ind.Dirs[0] == quad.Subject {
			return tx.Bucket(ind.Key(nil)[0])
		}
	}
	return nil
}

// subjectGroups serves [Store.SubjectGroups] from the subject index; done is
// false when the store has none.
//
// No index of the store is in the order of the keys (node ids are in the order
// the nodes were written), so the subjects are sorted, by a [keySorter]: a
// store with more subjects than fit in [subjectRunBytes] has them sorted in runs
// spilled to a temporary file and merged, and memory does not grow with the
// number of subjects.
func subjectGroups(ctx context.Context, tx *bolt.Tx, key func(quad.Value) string, fn func([]quad.Quad) error) (done bool, err error) {
	idx := subjectIndex(tx)
	if idx == nil || tx.Bucket(bucketLog) == nil {
		return false, nil
	}
	r := newValueReader(tx)
	sorter := newKeySorter(subjectRunBytes, maxMergeRuns)
	defer func() {
		if cerr := sorter.close(); err == nil {
			err = cerr
		}
	}()
	c := idx.Cursor()
	var last []byte
	rel := releaser{db: tx.DB()}
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		if len(k) < 8 || bytes.Equal(k[:8], last) {
			continue
		}
		last = append(last[:0], k[:8]...)
		id := binary.BigEndian.Uint64(k[:8])
		v, err := r.value(id)
		if err != nil {
			// The index keeps the keys of nodes whose quads were all removed, and
			// the node itself is gone then: skip it, unless a live quad still
			// names it, which would be damage.
			if live, lerr := liveSubject(tx, idx, id); errors.Is(err, ErrCorrupt) && lerr == nil && !live {
				continue
			}
			return false, err
		}
		if err := sorter.add(key(v), id); err != nil {
			return false, err
		}
		r.trim()
		if rel.read(1) {
			if err := ctx.Err(); err != nil {
				return false, err
			}
		}
	}
	var group []quad.Quad
	read := func(subjects []uint64) error {
		group = group[:0]
		for _, id := range subjects {
			err := liveQuadsOf(tx, c, id, func(p *cproto.Primitive) (bool, error) {
				if rel.read(1) {
					if err := ctx.Err(); err != nil {
						return false, err
					}
				}
				q, err := r.quad(p)
				group = append(group, q)
				return true, err
			})
			if err != nil {
				return err
			}
		}
		r.trim()
		return fn(group)
	}
	// A group is the subjects whose keys start with the key of its first
	// (equal keys included).
	var first []byte
	var subjects []uint64
	err = sorter.each(func(k []byte, id uint64) error {
		if len(subjects) > 0 && bytes.HasPrefix(k, first) {
			subjects = append(subjects, id)
			return nil
		}
		if len(subjects) > 0 {
			if err := read(subjects); err != nil {
				return err
			}
		}
		first = append(first[:0], k...)
		subjects = append(subjects[:0], id)
		return nil
	})
	if err == nil && len(subjects) > 0 {
		err = read(subjects)
	}
	return true, err
}

// liveSubject reports whether a quad not removed has subject id, reading the
// subject index idx.
func liveSubject(tx *bolt.Tx, idx *bolt.Bucket, id uint64) (live bool, err error) {
	err = liveQuadsOf(tx, idx.Cursor(), id, func(*cproto.Primitive) (bool, error) {
		live = true
		return false, nil
	})
	return live, err
}

// liveQuadsOf calls fn with each quad not removed whose subject is id, reading
// the subject index through c (an index keeps the quads removed since they were
// listed), until fn says to stop.
func liveQuadsOf(tx *bolt.Tx, c *bolt.Cursor, id uint64, fn func(*cproto.Primitive) (more bool, err error)) error {
	prefix := idKey(id)
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		for len(v) > 0 {
			qid, w := binary.Uvarint(v)
			if w <= 0 {
				return ErrCorrupt
			}
			v = v[w:]
			p, err := getPrimitive(tx, qid)
			if err != nil {
				return err
			}
			if p == nil || p.IsNode() || p.Deleted || p.Subject != id {
				continue
			}
			if more, err := fn(p); err != nil || !more {
				return err
			}
		}
	}
	return nil
}

// labelGroups serves [Store.LabelGroups] from the manifests; done is false when
// they do not cover every quad of the store.
func labelGroups(ctx context.Context, tx *bolt.Tx, key func(quad.Value) string, fn func([]quad.Quad) error) (done bool, err error) {
	if gm := tx.Bucket(bucketGraph); gm == nil || gm.Get(keyManifest) == nil {
		return false, nil
	}
	lb := tx.Bucket(bucketLabels)
	if lb == nil {
		return metaInt(tx, keySize) == 0, nil
	}
	r := newValueReader(tx)
	var labels []keyedID
	manifests := map[uint64]quad.Value{}
	total := 0
	rel := releaser{db: tx.DB()}
	err = lb.ForEach(func(k, _ []byte) error {
		label := quad.IRI("")
		if l, ok := parseLabelKey(k); ok {
			label = l
		}
		m, err := readManifest(tx, label)
		if err != nil || m == nil || len(m.ids) == 0 || label == "" {
			return err
		}
		p, err := getPrimitive(tx, m.ids[0])
		if err != nil || p == nil || p.IsNode() {
			return err
		}
		v, err := r.value(p.Label)
		if err != nil {
			return err
		}
		total += len(m.ids)
		manifests[p.Label] = label
		labels = append(labels, keyedID{key(v), p.Label})
		r.trim()
		// A manifest, a quad and a value, each in another part of the file.
		rel.read(3)
		return nil
	})
	if err != nil {
		return false, err
	}
	// Quads without a label, or labels known only to Cayley, are in no manifest.
	if int64(total) != metaInt(tx, keySize) {
		return false, nil
	}
	err = sortedClusters(labels, func(run []keyedID) error {
		var group []quad.Quad
		for _, l := range run {
			if err := ctx.Err(); err != nil {
				return err
			}
			m, err := readManifest(tx, manifests[l.id])
			if err != nil {
				return err
			}
			for _, id := range m.ids {
				p, err := getPrimitive(tx, id)
				if err != nil {
					return err
				}
				if p == nil || p.IsNode() || p.Deleted {
					return ErrCorrupt
				}
				rel.read(1)
				q, err := r.quad(p)
				if err != nil {
					return err
				}
				group = append(group, q)
			}
		}
		r.trim()
		return fn(group)
	})
	return true, err
}

// releaser drops the pages of a bolt store's memory map from the process after
// every [randomReleaseEvery] reads.
type releaser struct {
	db *bolt.DB
	n  int
}

// read counts n reads, and reports whether it dropped the pages.
func (r *releaser) read(n int) bool {
	if r.n += n; r.n < randomReleaseEvery {
		return false
	}
	releaseMapped(r.db)
	r.n = 0
	return true
}

// trim forgets the remembered values when there are many: a stream's memory is
// bounded by its groups, not by the store.
func (r *valueReader) trim() {
	if len(r.vals) > maxCachedValues || r.size > maxCachedBytes {
		clear(r.vals)
		r.size = 0
	}
}

// subjectRunBytes bounds the memory a stream's sort of the subjects holds: the
// 276,000 subjects of the bench store (2.8 million quads) take about 14 MB
// (their keys, and an id and offset each), sorted in runs of this size and
// merged from a temporary file.
var subjectRunBytes = 4 << 20

// maxMergeRuns bounds the runs merged at once, each read through its own
// buffer of [mergeReadBuffer] bytes; more runs are merged in rounds.
var maxMergeRuns = 64

const mergeReadBuffer = 32 << 10

// keySorter sorts pairs of a key and an id by key, then id, in bounded memory.
// Up to runBytes of pairs are held; when a pair would go past that, those held
// are sorted and written to a temporary file as a run, and [keySorter.each]
// merges the runs. A sorter that never spilled writes no file.
type keySorter struct {
	runBytes, fanIn int

	keys []byte      // the keys of the pairs held, one after another
	held []heldEntry // the pairs held, their keys in keys

	file    *os.File
	removed bool // whether file's name was removed once it was open
	w       *bufio.Writer
	size    int64     // bytes written to file
	runs    []fileRun // the sorted runs in file, in the order written

	maxHeld int // the most bytes keys and held took at once
}

type heldEntry struct {
	off, n uint32
	id     uint64
}

// heldEntrySize is the size of a [heldEntry].
const heldEntrySize = 16

type fileRun struct{ off, n int64 }

func newKeySorter(runBytes, fanIn int) *keySorter {
	return &keySorter{runBytes: runBytes, fanIn: max(fanIn, 2)}
}

// add adds a pair.
func (s *keySorter) add(key string, id uint64) error {
	if len(s.held) > 0 && len(s.keys)+len(key)+heldEntrySize*(len(s.held)+1) > s.runBytes {
		if err := s.spill(); err != nil {
			return err
		}
	}
	s.held = append(s.held, heldEntry{off: uint32(len(s.keys)), n: uint32(len(key)), id: id})
	s.keys = append(s.keys, key...)
	s.maxHeld = max(s.maxHeld, cap(s.keys)+heldEntrySize*cap(s.held))
	return nil
}

func (s *keySorter) key(e heldEntry) []byte { return s.keys[e.off : e.off+e.n] }

func (s *keySorter) sortHeld() {
	slices.SortFunc(s.held, func(a, b heldEntry) int {
		if c := bytes.Compare(s.key(a), s.key(b)); c != 0 {
			return c
		}
		return cmpUint(a.id, b.id)
	})
}

// spill writes the pairs held to the file as one sorted run.
func (s *keySorter) spill() error {
	if s.file == nil {
		f, err := os.CreateTemp("", "graph-sort-*")
		if err != nil {
			return fmt.Errorf("sorting the subjects: %w", err)
		}
		s.file, s.w = f, bufio.NewWriterSize(f, 64<<10)
		// Where an open file can lose its name, nothing is left behind even
		// when the process is killed.
		s.removed = os.Remove(f.Name()) == nil
	}
	s.sortHeld()
	start := s.size
	for _, e := range s.held {
		if err := s.write(s.key(e), e.id); err != nil {
			return err
		}
	}
	s.runs = append(s.runs, fileRun{start, s.size - start})
	s.keys, s.held = s.keys[:0], s.held[:0]
	return nil
}

// write appends a pair to the file: the key's length as a uvarint, the key, and
// the id in 8 bytes, big-endian.
func (s *keySorter) write(key []byte, id uint64) error {
	var b [binary.MaxVarintLen64 + 8]byte
	n := binary.PutUvarint(b[:], uint64(len(key)))
	s.w.Write(b[:n])
	s.w.Write(key)
	binary.BigEndian.PutUint64(b[:8], id)
	_, err := s.w.Write(b[:8])
	s.size += int64(n + len(key) + 8)
	return err
}

// each calls fn with every pair added, in order; key is valid only during the
// call.
func (s *keySorter) each(fn func(key []byte, id uint64) error) error {
	if s.file == nil {
		s.sortHeld()
		for _, e := range s.held {
			if err := fn(s.key(e), e.id); err != nil {
				return err
			}
		}
		return nil
	}
	if len(s.held) > 0 {
		if err := s.spill(); err != nil {
			return err
		}
	}
	// The memory of the pairs is not needed again.
	s.keys, s.held = nil, nil
	for len(s.runs) > s.fanIn {
		if err := s.w.Flush(); err != nil {
			return err
		}
		start := s.size
		if err := s.merge(s.runs[:s.fanIn], s.write); err != nil {
			return err
		}
		s.runs = append(s.runs[s.fanIn:], fileRun{start, s.size - start})
	}
	if err := s.w.Flush(); err != nil {
		return err
	}
	return s.merge(s.runs, fn)
}

// merge calls fn with the pairs of runs in order.
func (s *keySorter) merge(runs []fileRun, fn func(key []byte, id uint64) error) error {
	h := make(runHeap, 0, len(runs))
	for _, r := range runs {
		rr := &runReader{r: bufio.NewReaderSize(io.NewSectionReader(s.file, r.off, r.n), mergeReadBuffer)}
		if ok, err := rr.next(); err != nil {
			return err
		} else if ok {
			h = append(h, rr)
		}
	}
	heap.Init(&h)
	for len(h) > 0 {
		top := h[0]
		if err := fn(top.key, top.id); err != nil {
			return err
		}
		ok, err := top.next()
		if err != nil {
			return err
		}
		if ok {
			heap.Fix(&h, 0)
		} else {
			heap.Pop(&h)
		}
	}
	return nil
}

// close removes the file, if any.
func (s *keySorter) close() error {
	if s.file == nil {
		return nil
	}
	err := s.file.Close()
	if !s.removed {
		if rerr := os.Remove(s.file.Name()); err == nil {
			err = rerr
		}
	}
	s.file = nil
	return err
}

// runReader reads one run of a [keySorter]'s file; key and id are the pair read
// last.
type runReader struct {
	r   *bufio.Reader
	key []byte
	id  uint64
}

// next reads the next pair; ok is false at the end of the run.
func (rr *runReader) next() (ok bool, err error) {
	n, err := binary.ReadUvarint(rr.r)
	if err == io.EOF {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("sorting the subjects: %w", err)
	}
	rr.key = slices.Grow(rr.key[:0], int(n))[:n]
	var id [8]byte
	if _, err := io.ReadFull(rr.r, rr.key); err != nil {
		return false, fmt.Errorf("sorting the subjects: %w", err)
	}
	if _, err := io.ReadFull(rr.r, id[:]); err != nil {
		return false, fmt.Errorf("sorting the subjects: %w", err)
	}
	rr.id = binary.BigEndian.Uint64(id[:])
	return true, nil
}

// runHeap is the runs being merged, the one whose pair comes first on top.
type runHeap []*runReader

func (h runHeap) Len() int { return len(h) }
func (h runHeap) Less(i, j int) bool {
	if c := bytes.Compare(h[i].key, h[j].key); c != 0 {
		return c < 0
	}
	return h[i].id < h[j].id
}
func (h runHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *runHeap) Push(x any)   { *h = append(*h, x.(*runReader)) }
func (h *runHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
