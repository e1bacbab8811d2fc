package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
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
// for groups by subject, and the labels' manifests for groups by label, with
// memory bounded by the number of distinct subjects or labels and the size of
// the largest group. Other backends, and a bolt store that lacks what is needed
// (no subject index, a label without a manifest), read every quad and group them
// in memory.

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
// and values of a subject or label from all over the file, and each page they
// read maps the cached pages around it too: an N-Quads export of 2.8 million
// quads peaked at about 275 MiB resident dropping the pages every 8,192 quads,
// and at about 115 MiB every 512.
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

// keyedID is a node or label id with its sort key.
type keyedID struct {
	key string
	id  uint64
}

// sortedClusters sorts ids by key and calls fn with each run of ids that form
// one group (equal keys, or, with prefixes, keys that start with the run's first).
func sortedClusters(ids []keyedID, prefixes bool, fn func([]keyedID) error) error {
	slices.SortFunc(ids, func(a, b keyedID) int {
		if c := strings.Compare(a.key, b.key); c != 0 {
			return c
		}
		return cmpUint(a.id, b.id)
	})
	for i := 0; i < len(ids); {
		j := i + 1
		for j < len(ids) && (ids[j].key == ids[i].key || prefixes && strings.HasPrefix(ids[j].key, ids[i].key)) {
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
func subjectGroups(ctx context.Context, tx *bolt.Tx, key func(quad.Value) string, fn func([]quad.Quad) error) (done bool, err error) {
	idx := subjectIndex(tx)
	if idx == nil || tx.Bucket(bucketLog) == nil {
		return false, nil
	}
	r := newValueReader(tx)
	var subjects []keyedID
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
		subjects = append(subjects, keyedID{key(v), id})
		r.trim()
		if rel.read(1) {
			if err := ctx.Err(); err != nil {
				return false, err
			}
		}
	}
	var group []quad.Quad
	err = sortedClusters(subjects, true, func(run []keyedID) error {
		group = group[:0]
		for _, s := range run {
			err := liveQuadsOf(tx, c, s.id, func(p *cproto.Primitive) (bool, error) {
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
	})
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
	err = sortedClusters(labels, false, func(run []keyedID) error {
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
