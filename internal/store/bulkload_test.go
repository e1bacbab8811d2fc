package store

import (
	"context"
	"fmt"
	"math/rand"
	"path/filepath"
	"slices"
	"testing"

	cproto "github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/quad"
	"github.com/google/go-cmp/cmp"
	bolt "go.etcd.io/bbolt"
	"google.golang.org/protobuf/proto"
)

// writeSeries writes sets, in label order, with a Writer of batch quads per
// transaction (each label with an inputs record naming it), and returns how many
// transactions committed.
func writeSeries(t *testing.T, s *Store, sets map[quad.IRI][]quad.Quad, batch int) int {
	t.Helper()
	ctx := context.Background()
	var p Progress
	w := s.NewWriter(WriteOptions{BatchQuads: batch, Progress: func(pr Progress) { p = pr }})
	labels := make([]quad.IRI, 0, len(sets))
	for l := range sets {
		labels = append(labels, l)
	}
	slices.Sort(labels)
	for _, l := range labels {
		if err := w.PutInputs(ctx, l, sets[l], []byte("inputs of "+l)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := w.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	return p.Transactions
}

// dumpTimeless is [dumpBolt] with the log records' timestamps left out: they
// are the time of each commit.
func dumpTimeless(t *testing.T, s *Store) map[string]string {
	t.Helper()
	out := dumpBolt(t, s)
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketLog).ForEach(func(k, v []byte) error {
			var p cproto.Primitive
			if err := proto.Unmarshal(v, &p); err != nil {
				return err
			}
			p.Timestamp = 0
			out[fmt.Sprintf("%q/%x", bucketLog, k)] = fmt.Sprintf("%x", appendPrimitive(nil, &p))
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestBulkLoadWritesWhatTransactionsWrite loads empty stores in stages and
// compares every record with what the ordinary writer writes in the same
// transactions: random sets sharing nodes in every way, and a generated corpus.
func TestBulkLoadWritesWhatTransactionsWrite(t *testing.T) {
	type tc struct {
		name  string
		sets  map[quad.IRI][]quad.Quad
		batch int
	}
	var cases []tc
	for seed := int64(1); seed <= 6; seed++ {
		sets := randomSets(rand.New(rand.NewSource(seed)), 12)
		sets["source/empty"] = nil
		cases = append(cases, tc{fmt.Sprintf("random %d", seed), sets, int(seed) * 3})
	}
	cases = append(cases, tc{"generated", generatedSets(t, 12), 2000})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			staged := openBoltT(t, filepath.Join(dir, "staged"))
			defer staged.Close()
			if n := writeSeries(t, staged, c.sets, c.batch); n < 2 {
				t.Fatalf("%d transactions: the load was not staged", n)
			}
			// The ordinary writer, for comparison; set back even when the write fails.
			loadInStages = false
			t.Cleanup(func() { loadInStages = true })
			plain := openBoltT(t, filepath.Join(dir, "plain"))
			writeSeries(t, plain, c.sets, c.batch)
			loadInStages = true
			defer plain.Close()

			if diff := cmp.Diff(dumpTimeless(t, plain), dumpTimeless(t, staged)); diff != "" {
				t.Fatalf("records differ (-transactions +staged)\n%s", diff)
			}
			checkLayout(t, staged)
			ctx := context.Background()
			var all []quad.Quad
			for l, qs := range c.sets {
				all = append(all, qs...)
				viaCayley, err := staged.cayleyQuads(ctx, l)
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(nq(Sorted(qs)), nq(viaCayley)); diff != "" {
					t.Fatalf("%s through Cayley (-want +got)\n%s", l, diff)
				}
			}
			got, err := staged.AllQuads(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(nq(Sorted(all)), nq(got)); diff != "" {
				t.Fatalf("all quads (-want +got)\n%s", diff)
			}
			inputs, err := staged.Inputs(ctx)
			if err != nil {
				t.Fatal(err)
			}
			// A label without quads has no manifest, and so no record.
			want := 0
			for _, qs := range c.sets {
				if len(qs) > 0 {
					want++
				}
			}
			if len(inputs) != want {
				t.Errorf("%d inputs records, want %d", len(inputs), want)
			}
			// A second series rewrites the loaded store as any other.
			more := randomSets(rand.New(rand.NewSource(99)), 3)
			writeSeries(t, staged, more, 5)
			checkLayout(t, staged)
		})
	}
}

// emptyAndUnstaged checks that a store holds no quads, is consistent, and keeps
// nothing staged.
func emptyAndUnstaged(t *testing.T, s *Store, wantStaged bool) {
	t.Helper()
	checkLayout(t, s)
	got, err := s.AllQuads(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 0 {
		t.Errorf("the store holds %d quads", len(got))
	}
	if res, err := s.Query(context.Background(), `g.V().All()`, 0); err != nil {
		t.Fatal(err)
	} else if len(res) != 0 {
		t.Errorf("Gizmo finds %d nodes", len(res))
	}
	s.db.View(func(tx *bolt.Tx) error {
		if staged := tx.Bucket(bucketLoad) != nil; staged != wantStaged {
			t.Errorf("staged bucket present: %v, want %v", staged, wantStaged)
		}
		return nil
	})
}

// TestStoppedBulkLoadLeavesTheStoreEmpty stops loads after their first
// transaction: cancelled, the load removes what it staged; killed (its last
// transaction never runs), the store is empty to Cayley and to graph, and the
// next write drops what was staged.
func TestStoppedBulkLoadLeavesTheStoreEmpty(t *testing.T) {
	sets := randomSets(rand.New(rand.NewSource(5)), 20)
	t.Run("cancelled", func(t *testing.T) {
		s := openBoltT(t, filepath.Join(t.TempDir(), "g.db"))
		defer s.Close()
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		w := s.NewWriter(WriteOptions{BatchQuads: 10, Progress: func(Progress) { cancel() }})
		var err error
		for i := 0; i < 20 && err == nil; i++ {
			l := quad.IRI(fmt.Sprintf("source/%d", i))
			err = w.Put(ctx, l, sets[l])
		}
		if _, cerr := w.Commit(ctx); err == nil {
			err = cerr
		}
		if err == nil {
			t.Fatal("the cancelled load succeeded")
		}
		emptyAndUnstaged(t, s, false)
	})
	t.Run("killed", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "g.db")
		s := openBoltT(t, dir)
		l, err := s.startLoad()
		if err != nil || l == nil {
			t.Fatalf("startLoad: %v, %v", l, err)
		}
		for i := 0; i < 2; i++ {
			var part []labelSet
			for j := 0; j < 10; j++ {
				label := quad.IRI(fmt.Sprintf("source/%d", 10*i+j))
				part = append(part, labelSet{label: label, quads: sets[label]})
			}
			if _, err := s.stageLoad(context.Background(), l, part); err != nil {
				t.Fatal(err)
			}
		}
		s.Close()
		s = openBoltT(t, dir)
		defer func() { s.Close() }()
		emptyAndUnstaged(t, s, true)
		// The next load starts afresh; so does an ordinary write.
		writeSeries(t, s, randomSets(rand.New(rand.NewSource(6)), 8), 8)
		s.db.View(func(tx *bolt.Tx) error {
			if tx.Bucket(bucketLoad) != nil {
				t.Error("a load left its staged bucket")
			}
			return nil
		})
		checkLayout(t, s)
	})
}
