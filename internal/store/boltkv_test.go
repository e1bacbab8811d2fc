package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"math/rand"
	"path/filepath"
	"slices"
	"testing"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	cproto "github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	"github.com/google/go-cmp/cmp"
	hbolt "github.com/hidal-go/hidalgo/kv/bbolt"
	bolt "go.etcd.io/bbolt"
	"google.golang.org/protobuf/proto"
)

// checkLayout checks every invariant of Cayley's key-value layout that its readers
// and its own writer rely on, and that the manifests agree with the quads.
func checkLayout(t *testing.T, s *Store) {
	t.Helper()
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
		t.Fatalf("layout: %v", err)
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

func openBoltT(t *testing.T, dir string) *Store {
	t.Helper()
	s, err := Open(context.Background(), Config{Backend: Bolt, Path: dir})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// randomSets draws label sets from a small vocabulary, so that nodes are shared
// between quads, labels and directions in every way, including literals.
func randomSets(rng *rand.Rand, labels int) map[quad.IRI][]quad.Quad {
	out := map[quad.IRI][]quad.Quad{}
	for l := 0; l < labels; l++ {
		label := quad.IRI(fmt.Sprintf("source/%d", l))
		var qs []quad.Quad
		for i, n := 0, rng.Intn(12); i < n; i++ {
			var o quad.Value = quad.IRI(fmt.Sprintf("n%d", rng.Intn(5)))
			switch rng.Intn(4) {
			case 0:
				o = quad.String(fmt.Sprintf("text %d", rng.Intn(4)))
			case 1:
				o = quad.Int(rng.Intn(3))
			case 2:
				o = label // a label used as an object too
			}
			qs = append(qs, quad.Quad{Subject: quad.IRI(fmt.Sprintf("n%d", rng.Intn(5))), Predicate: quad.IRI(fmt.Sprintf("p%d", rng.Intn(3))), Object: o, Label: label})
		}
		out[label] = qs
	}
	return out
}

// TestBoltLayoutUnderRandomRewrites rewrites random subsets of labels, in one or
// several transactions, and after each step checks the layout, every label's
// quads, a query, and the same after reopening.
func TestBoltLayoutUnderRandomRewrites(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "g.db")
	s := openBoltT(t, dir)
	defer func() { s.Close() }()
	rng := rand.New(rand.NewSource(11))
	want := map[quad.IRI][]quad.Quad{}
	for step := 0; step < 60; step++ {
		sets := randomSets(rng, 4)
		for l := range sets {
			if rng.Intn(3) == 0 {
				delete(sets, l)
			}
		}
		w := s.NewWriter(WriteOptions{BatchQuads: rng.Intn(20)})
		for _, l := range []quad.IRI{"source/0", "source/1", "source/2", "source/3"} {
			if qs, ok := sets[l]; ok {
				if err := w.Put(ctx, l, qs); err != nil {
					t.Fatal(err)
				}
				want[l] = qs
			}
		}
		if _, err := w.Commit(ctx); err != nil {
			t.Fatalf("step %d: %v", step, err)
		}
		if step%7 == 6 {
			s.Close()
			s = openBoltT(t, dir)
		}
		checkLayout(t, s)
		var all []quad.Quad
		for l, qs := range want {
			all = append(all, qs...)
			got, err := s.Quads(ctx, l)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(nq(Sorted(qs)), nq(got)); diff != "" {
				t.Fatalf("step %d, %s (-want +got)\n%s", step, l, diff)
			}
		}
		got, err := s.AllQuads(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(nq(Sorted(all)), nq(got)); diff != "" {
			t.Fatalf("step %d, all (-want +got)\n%s", step, diff)
		}
		// Cayley's own iterators agree with what the manifests say.
		for l := range want {
			viaCayley, err := s.cayleyQuads(ctx, l)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(nq(Sorted(want[l])), nq(viaCayley)); diff != "" {
				t.Fatalf("step %d, %s through Cayley (-want +got)\n%s", step, l, diff)
			}
		}
	}
}

// Sorted removes repeated quads, as a store does.
func Sorted(qs []quad.Quad) []quad.Quad {
	seen := map[string]bool{}
	var out []quad.Quad
	for _, q := range qs {
		if !seen[q.NQuad()] {
			seen[q.NQuad()] = true
			out = append(out, q)
		}
	}
	return out
}

// TestBoltReadsStoresCayleyWrote opens a store written by Cayley's own writer (as
// `cayley load` or an older graph writes it), rewrites some of its labels, and
// checks that the result is a consistent store holding the right quads.
func TestBoltReadsStoresCayleyWrote(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "g.db")
	db, err := hbolt.Open(filepath.Join(dir+".tmp"), nil)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	rng := rand.New(rand.NewSource(5))
	first := randomSets(rng, 3)
	{
		s := openBoltT(t, dir) // creates the folder and initialises the layout
		s.Close()
		hdb, err := hbolt.Open(filepath.Join(dir, boltFile), nil)
		if err != nil {
			t.Fatal(err)
		}
		qs, err := kv.New(hdb, nil)
		if err != nil {
			t.Fatal(err)
		}
		var deltas []graph.Delta
		for _, set := range first {
			for _, q := range Sorted(set) {
				deltas = append(deltas, graph.Delta{Quad: q, Action: graph.Add})
			}
		}
		if err := qs.ApplyDeltas(deltas, graph.IgnoreOpts{}); err != nil {
			t.Fatal(err)
		}
		qs.Close()
	}
	s := openBoltT(t, dir)
	defer s.Close()
	for l, set := range first {
		got, err := s.Quads(ctx, l) // no manifests yet: read through Cayley
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(nq(Sorted(set)), nq(got)); diff != "" {
			t.Fatalf("%s as Cayley wrote it (-want +got)\n%s", l, diff)
		}
	}
	second := randomSets(rng, 2)
	if _, err := s.Replace(ctx, second); err != nil {
		t.Fatal(err)
	}
	checkLayout(t, s)
	want := map[quad.IRI][]quad.Quad{"source/2": first["source/2"]}
	for l, set := range second {
		want[l] = set
	}
	for l, set := range want {
		got, err := s.Quads(ctx, l)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(nq(Sorted(set)), nq(got)); diff != "" {
			t.Fatalf("%s after a rewrite (-want +got)\n%s", l, diff)
		}
	}
}

// TestUnchangedLabelIsNotRewritten checks that writing a label's quads again, in
// any order and with repeats, changes no record at all.
func TestUnchangedLabelIsNotRewritten(t *testing.T) {
	ctx := context.Background()
	s := openBoltT(t, filepath.Join(t.TempDir(), "g.db"))
	defer s.Close()
	set := randomSets(rand.New(rand.NewSource(3)), 2)
	if _, err := s.Replace(ctx, set); err != nil {
		t.Fatal(err)
	}
	before := dumpBolt(t, s)
	for l, qs := range set {
		qs = append(slices.Clone(qs), qs...)
		slices.Reverse(qs)
		set[l] = qs
	}
	ch, err := s.Replace(ctx, set)
	if err != nil {
		t.Fatal(err)
	}
	if ch.Added != 0 || ch.Removed != 0 {
		t.Errorf("change %+v, want none", ch)
	}
	if diff := cmp.Diff(before, dumpBolt(t, s)); diff != "" {
		t.Errorf("records changed (-before +after)\n%s", diff)
	}
}

func dumpBolt(t *testing.T, s *Store) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := s.db.View(func(tx *bolt.Tx) error {
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

// TestPrimitiveEncoding checks the hand-written encoder against proto.Marshal.
func TestPrimitiveEncoding(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 2000; i++ {
		p := &cproto.Primitive{}
		pick := func() uint64 {
			switch rng.Intn(4) {
			case 0:
				return 0
			case 1:
				return uint64(rng.Intn(200))
			case 2:
				return rng.Uint64()
			}
			return uint64(rng.Int63n(1 << 40))
		}
		p.ID, p.Subject, p.Predicate, p.Object, p.Label, p.Replaces = pick(), pick(), pick(), pick(), pick(), pick()
		p.Timestamp = int64(pick())
		if rng.Intn(3) == 0 {
			p.Timestamp = -p.Timestamp
		}
		if rng.Intn(2) == 0 {
			p.Value = make([]byte, rng.Intn(400))
			rng.Read(p.Value)
		}
		p.Deleted = rng.Intn(2) == 0
		want, err := proto.MarshalOptions{Deterministic: true}.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendPrimitive(nil, p); !bytes.Equal(got, want) {
			t.Fatalf("%v:\n got %x\nwant %x", p, got, want)
		}
	}
}
