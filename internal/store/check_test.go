package store

import (
	"context"
	"encoding/binary"
	"errors"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
	"github.com/google/go-cmp/cmp"
	bolt "go.etcd.io/bbolt"
)

var boltChecks = []string{checkVersionName, checkLog, checkSize, checkQuadNodes, checkValues, checkIndexes, checkManifests}

// checkSet is what the damage tests start from: 5 quads of 2 labels, with nodes
// shared between them.
func checkSet() map[quad.IRI][]quad.Quad {
	return map[quad.IRI][]quad.Quad{
		"source/a": {q("a", "p", "b", "source/a"), q("b", "p", `"x"`, "source/a"), q("a", "q", "c", "source/a")},
		"source/b": {q("a", "p", "c", "source/b"), q("c", "q", `"y"`, "source/b")},
	}
}

// manifestIDs returns the ids a label's manifest lists.
func manifestIDs(t *testing.T, tx *bolt.Tx, label quad.IRI) []uint64 {
	t.Helper()
	m, err := readManifest(tx, label)
	if err != nil || m == nil {
		t.Fatalf("manifest of %s: %v", label, err)
	}
	return m.ids
}

// TestVerifyFindsDamage damages a bolt store in one way at a time and checks that
// Verify lists exactly the problems that follow, and that Check reports them.
func TestVerifyFindsDamage(t *testing.T) {
	tests := []struct {
		name   string
		damage func(t *testing.T, tx *bolt.Tx)
		want   []string // regular expressions, one per problem
	}{
		{"none", nil, nil},
		{"a manifest removed", func(t *testing.T, tx *bolt.Tx) {
			tx.Bucket(bucketLabels).Delete([]byte("<source/a>"))
		}, []string{
			`^manifests: quad \d+ of <source/a> is in no manifest$`,
			`^manifests: quad \d+ of <source/a> is in no manifest$`,
			`^manifests: quad \d+ of <source/a> is in no manifest$`,
		}},
		{"a manifest's hash changed", func(t *testing.T, tx *bolt.Tx) {
			m, _ := readManifest(tx, quad.IRI("source/b"))
			m.hash[0] ^= 1
			writeManifest(tx.Bucket(bucketLabels), quad.IRI("source/b"), m)
		}, []string{
			`^manifests: the content hash in the manifest of <source/b> is not that of its quads$`,
		}},
		{"an index entry removed", func(t *testing.T, tx *bolt.Tx) {
			c := tx.Bucket([]byte("ops")).Cursor()
			k, _ := c.First()
			tx.Bucket([]byte("ops")).Delete(k)
		}, []string{
			`^indexes: index ops lacks quad \d+$`,
		}},
		{"an index lost", func(t *testing.T, tx *bolt.Tx) {
			tx.DeleteBucket([]byte("sp"))
		}, []string{
			`^indexes: index sp has no bucket$`,
		}},
		{"the size overwritten", func(t *testing.T, tx *bolt.Tx) {
			putMetaInt(tx, keySize, 9)
		}, []string{
			`^size and horizon: meta size is 9, the log has 5 live quads$`,
		}},
		{"a reference count changed", func(t *testing.T, tx *bolt.Tx) {
			h := refs.HashOf(quad.IRI("c"))
			tx.Bucket(countBucket(h)).Put(h[:], binary.AppendUvarint(nil, 7))
		}, []string{
			`^values and counts: node \d+ \(<c>\) has a reference count of 7; the quads name it 3 times$`,
		}},
		{"a value record removed", func(t *testing.T, tx *bolt.Tx) {
			h := refs.HashOf(quad.String("x"))
			tx.Bucket(valueBucket(h)).Delete(h[:])
		}, []string{
			`^values and counts: node \d+ \("x"\) has no value record$`,
		}},
		{"a quad's log record removed", func(t *testing.T, tx *bolt.Tx) {
			// <c> <q> "y", the one quad that names "y".
			h := refs.HashOf(quad.String("y"))
			y, _ := binary.Uvarint(tx.Bucket(valueBucket(h)).Get(h[:]))
			for _, id := range manifestIDs(t, tx, "source/b") {
				if p, _ := getPrimitive(tx, id); p.Object == y {
					tx.Bucket(bucketLog).Delete(idKey(id))
				}
			}
		}, []string{
			`^size and horizon: meta size is 5, the log has 4 live quads$`,
			`^values and counts: node \d+ \(<c>\) has a reference count of 3; the quads name it 2 times$`,
			`^values and counts: node \d+ \(<q>\) has a reference count of 2; the quads name it 1 times$`,
			`^values and counts: node \d+ \("y"\) has a reference count of 1; the quads name it 0 times$`,
			`^values and counts: node \d+ \(<source/b>\) has a reference count of 2; the quads name it 1 times$`,
			`^manifests: the manifest of <source/b> lists \d+, which is not a live quad$`,
		}},
		{"another data version", func(t *testing.T, tx *bolt.Tx) {
			tx.Bucket(bucketMeta).Put(keyVersion, le64(3))
		}, []string{
			`^data version: the store's Cayley data version is 3; this graph writes version 2$`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			dir := filepath.Join(t.TempDir(), "g.db")
			s := openBoltT(t, dir)
			defer s.Close()
			if _, err := s.Replace(ctx, checkSet()); err != nil {
				t.Fatal(err)
			}
			if tt.damage != nil {
				if err := s.db.Update(func(tx *bolt.Tx) error { tt.damage(t, tx); return nil }); err != nil {
					t.Fatal(err)
				}
			}
			r, err := s.Verify(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if r.Backend != Bolt || r.Where != dir || r.Labels != 2 || r.Note != "" {
				t.Errorf("report of %s %s: %d labels, note %q", r.Backend, r.Where, r.Labels, r.Note)
			}
			if diff := cmp.Diff(boltChecks, r.Checks); diff != "" {
				t.Errorf("checks (-want +got)\n%s", diff)
			}
			var got []string
			failed := map[string]bool{}
			for _, p := range r.Problems {
				got = append(got, p.String())
				failed[p.Check] = true
			}
			if len(got) != len(tt.want) {
				t.Fatalf("%d problems, want %d:\n%s", len(got), len(tt.want), cmp.Diff(tt.want, got))
			}
			// Problems of one check come in id order, which follows value hashes.
			matched := make([]bool, len(got))
		want:
			for _, re := range tt.want {
				for i, g := range got {
					if !matched[i] && regexp.MustCompile(re).MatchString(g) {
						matched[i] = true
						continue want
					}
				}
				t.Errorf("no problem matches %q in\n%s", re, strings.Join(got, "\n"))
			}
			if want := len(r.Checks) - len(failed); r.Passed != want {
				t.Errorf("%d checks passed, want %d", r.Passed, want)
			}
			err = s.Check(ctx)
			if r.Consistent() != (err == nil) || (err != nil && !errors.Is(err, ErrCorrupt)) {
				t.Errorf("Check: %v, with %d problems", err, len(r.Problems))
			}
		})
	}
}

// TestVerifyListsAFewOfManyProblems checks that a check that finds many problems
// lists the first few and counts the rest.
func TestVerifyListsAFewOfManyProblems(t *testing.T) {
	ctx := context.Background()
	s := openBoltT(t, filepath.Join(t.TempDir(), "g.db"))
	defer s.Close()
	var qs []quad.Quad
	for i := range maxListed + 3 {
		qs = append(qs, q("a", "p", string(rune('a'+i)), "source/a"))
	}
	if _, err := s.Replace(ctx, map[quad.IRI][]quad.Quad{"source/a": qs}); err != nil {
		t.Fatal(err)
	}
	s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketLabels).Delete([]byte("<source/a>")) })
	r, err := s.Verify(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Problems) != maxListed+1 {
		t.Fatalf("%d problems listed, want %d", len(r.Problems), maxListed+1)
	}
	if got, want := r.Problems[maxListed].String(), "manifests: and 3 more problems like these"; got != want {
		t.Errorf("last problem %q, want %q", got, want)
	}
}

// TestVerifyOtherBackends checks that Verify on a store that is not bolt reads
// every quad back and says that it checks no more.
func TestVerifyOtherBackends(t *testing.T) {
	ctx := context.Background()
	for name, s := range openAll(t) {
		if name == Bolt {
			continue
		}
		t.Run(name, func(t *testing.T) {
			if _, err := s.Replace(ctx, checkSet()); err != nil {
				t.Fatal(err)
			}
			r, err := s.Verify(ctx)
			if err != nil {
				t.Fatal(err)
			}
			want := Report{
				Backend: name, Where: s.Where(),
				Quads: 5, Labels: 2, Nodes: 9,
				Checks: []string{checkReadBack}, Passed: 1,
				Note: "the " + name + " backend keeps its own consistency: only bolt stores, whose records graph writes itself, are checked record by record; here every quad was read back",
			}
			if diff := cmp.Diff(want, r); diff != "" {
				t.Errorf("report (-want +got)\n%s", diff)
			}
		})
	}
}

// TestVerifyFreshStore checks a store without manifests: the manifest check is
// left out, and the report says why.
func TestVerifyFreshStore(t *testing.T) {
	s := openBoltT(t, filepath.Join(t.TempDir(), "g.db"))
	defer s.Close()
	r, err := s.Verify(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := Report{
		Backend: Bolt, Where: s.Where(),
		Checks: boltChecks[:len(boltChecks)-1], Passed: len(boltChecks) - 1,
		Note: "the store has no manifests yet (it is empty, or Cayley wrote it); the next graph build adds them",
	}
	if diff := cmp.Diff(want, r); diff != "" {
		t.Errorf("report (-want +got)\n%s", diff)
	}
}
