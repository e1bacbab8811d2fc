package store

import (
	"bytes"
	"context"
	"fmt"
	"math/rand"
	"path/filepath"
	"slices"
	"testing"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	cproto "github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/quad"
	"github.com/google/go-cmp/cmp"
	hbolt "github.com/hidal-go/hidalgo/kv/bbolt"
	bolt "go.etcd.io/bbolt"
	"google.golang.org/protobuf/proto"
)

func checkLayout(t *testing.T, s *Store) {
	t.Helper()
	if err := s.Check(context.Background()); err != nil {
		t.Fatalf("layout: %v", err)
	}
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
