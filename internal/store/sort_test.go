package store

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/graphbuilder/graph/internal/export"
)

type sortedPair struct {
	key string
	id  uint64
}

// randomPairs are n pairs with keys of the kinds an export sorts: N-Quads terms
// of different lengths, keys that start with others, and repeated keys.
func randomPairs(rng *rand.Rand, n int) []sortedPair {
	pairs := make([]sortedPair, n)
	for i := range pairs {
		var k string
		switch rng.IntN(4) {
		case 0:
			k = fmt.Sprintf("<claim/source-%d/c%d> ", rng.IntN(50), rng.IntN(1000))
		case 1:
			k = fmt.Sprintf("_:b%d ", rng.IntN(n))
		case 2:
			k = strings.Repeat("<a", rng.IntN(5)) + "> "
		default:
			k = fmt.Sprintf("\"%s\"@zh ", strings.Repeat("论", rng.IntN(30)))
		}
		pairs[i] = sortedPair{k, rng.Uint64N(1 << 40)}
	}
	return pairs
}

// sortPairs runs pairs through a sorter and returns what it gave back, and the
// most memory it held.
func sortPairs(t *testing.T, pairs []sortedPair, runBytes, fanIn int) ([]sortedPair, int) {
	t.Helper()
	s := newKeySorter(runBytes, fanIn)
	defer func() {
		if err := s.close(); err != nil {
			t.Error(err)
		}
	}()
	for _, p := range pairs {
		if err := s.add(p.key, p.id); err != nil {
			t.Fatal(err)
		}
	}
	var got []sortedPair
	err := s.each(func(key []byte, id uint64) error {
		got = append(got, sortedPair{string(key), id})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return got, s.maxHeld
}

// TestKeySorterOrder checks the sorter against a sort in memory, held whole, in
// runs merged at once, and in runs merged over several rounds; and that it
// leaves no file behind.
func TestKeySorterOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for _, c := range []struct {
		name          string
		n, run, fanIn int
		wantFile      bool
	}{
		{"in memory", 2000, 1 << 20, 64, false},
		{"one merge", 2000, 8 << 10, 64, true},
		{"rounds of merges", 2000, 1 << 10, 3, true},
		{"a pair a run", 50, 1, 2, true},
		{"empty", 0, 1 << 10, 2, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			t.Setenv("TMPDIR", dir)
			pairs := randomPairs(rng, c.n)
			want := slices.Clone(pairs)
			slices.SortFunc(want, func(a, b sortedPair) int {
				if c := strings.Compare(a.key, b.key); c != 0 {
					return c
				}
				return cmpUint(a.id, b.id)
			})
			s := newKeySorter(c.run, c.fanIn)
			for _, p := range pairs {
				if err := s.add(p.key, p.id); err != nil {
					t.Fatal(err)
				}
			}
			if (s.file != nil) != c.wantFile {
				t.Errorf("wrote a file: %v, want %v", s.file != nil, c.wantFile)
			}
			var got []sortedPair
			if err := s.each(func(key []byte, id uint64) error {
				got = append(got, sortedPair{string(key), id})
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			if err := s.close(); err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, want) {
				t.Errorf("sorted %d pairs, %d came back; first difference at %d", len(want), len(got), firstDiff(got, want))
			}
			if left, _ := os.ReadDir(dir); len(left) > 0 {
				t.Errorf("left %s behind", left[0].Name())
			}
		})
	}
}

func firstDiff(a, b []sortedPair) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// TestKeySorterMemoryBounded checks, by counting the bytes of the pairs it holds,
// that a sorter's memory does not grow with the number of pairs: 2,000 and
// 100,000 pairs are sorted holding no more than twice the run size (what the
// slices' growth allows), while the pairs themselves take far more.
func TestKeySorterMemoryBounded(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	const run = 64 << 10
	rng := rand.New(rand.NewPCG(9, 10))
	for _, n := range []int{2000, 100000} {
		pairs := randomPairs(rng, n)
		total := 0
		for _, p := range pairs {
			total += len(p.key) + heldEntrySize
		}
		got, held := sortPairs(t, pairs, run, 8)
		if len(got) != n {
			t.Fatalf("%d pairs: %d came back", n, len(got))
		}
		if held > 2*run {
			t.Errorf("%d pairs (%d bytes): the sorter held %d bytes at once, more than twice the run of %d", n, total, held, run)
		}
		if n == 100000 && total < 20*run {
			t.Fatalf("the pairs take %d bytes, too few to show the bound", total)
		}
	}
}

// TestSubjectGroupsSpilled checks that the N-Quads streamed from a bolt store
// whose subjects are sorted through a temporary file in many small runs, merged
// in rounds, are the bytes of the in-memory encoder, in sorted order: a store
// of several thousand subjects, written in an order unrelated to their keys,
// some of whose keys start with others.
func TestSubjectGroupsSpilled(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, Config{Backend: Bolt, Path: filepath.Join(t.TempDir(), "g.db")})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rng := rand.New(rand.NewPCG(11, 12))
	sets := map[quad.IRI][]quad.Quad{}
	for l := range 40 {
		label := quad.IRI(fmt.Sprintf("source/s%02d", l))
		seen := map[quad.Quad]bool{}
		for range 300 {
			var subject quad.Value
			switch rng.IntN(6) {
			case 0:
				subject = quad.BNode(fmt.Sprintf("b%d", rng.IntN(2000)))
			case 5:
				// Its key starts with that of <entity-N>, and its lines sort
				// among that entity's.
				subject = quad.IRI(fmt.Sprintf("entity-%d> <p3", rng.IntN(300)))
			case 1:
				// Shared by sources.
				subject = quad.IRI(fmt.Sprintf("entity-%d", rng.IntN(300)))
			default:
				subject = quad.IRI(fmt.Sprintf("claim/s%02d/c%d", l, rng.IntN(400)))
			}
			var object quad.Value
			switch rng.IntN(4) {
			case 0:
				object = quad.Int(rng.IntN(100))
			case 1:
				object = quad.LangString{Value: quad.String(strings.Repeat("论", 1+rng.IntN(5))), Lang: "zh"}
			case 2:
				object = quad.TypedString{Value: quad.String(fmt.Sprint(rng.IntN(10))), Type: "xsd:integer"}
			default:
				object = quad.IRI(fmt.Sprintf("entity-%d", rng.IntN(300)))
			}
			q := quad.Quad{Subject: subject, Predicate: quad.IRI(fmt.Sprintf("p%d", rng.IntN(6))), Object: object, Label: label}
			if !seen[q] {
				seen[q] = true
				sets[label] = append(sets[label], q)
			}
		}
	}
	for l, qs := range sets {
		if _, err := s.Replace(ctx, map[quad.IRI][]quad.Quad{l: qs}); err != nil {
			t.Fatal(err)
		}
	}
	all, err := s.AllQuads(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	if err := export.WriteNQuads(&want, all); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(want.String(), "\n"), "\n")
	if len(lines) < 10000 || !slices.IsSorted(lines) || len(slices.Compact(slices.Clone(lines))) != len(lines) {
		t.Fatalf("the reference is %d lines, not sorted and distinct", len(lines))
	}

	defer func(run, fanIn int) { subjectRunBytes, maxMergeRuns = run, fanIn }(subjectRunBytes, maxMergeRuns)
	stream := func() ([]byte, error) {
		var got bytes.Buffer
		err := export.StreamNQuads(&got, func(key func(quad.Value) string, fn func([]quad.Quad) error) error {
			return s.SubjectGroups(ctx, key, fn)
		})
		return got.Bytes(), err
	}
	for _, c := range []struct {
		name     string
		run, fan int
		spills   bool
	}{
		{"in memory", 16 << 20, 64, false},
		{"spilled", 4 << 10, 3, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			subjectRunBytes, maxMergeRuns = c.run, c.fan
			dir := t.TempDir()
			t.Setenv("TMPDIR", dir)
			got, err := stream()
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want.Bytes()) {
				t.Errorf("streamed N-Quads differ (%d bytes, want %d)", len(got), want.Len())
			}
			if left, _ := os.ReadDir(dir); len(left) > 0 {
				t.Errorf("left %s behind", left[0].Name())
			}
			// Without a place for temporary files, only a sort that spills fails.
			t.Setenv("TMPDIR", filepath.Join(dir, "missing"))
			if _, err := stream(); (err != nil) != c.spills {
				t.Errorf("with no temporary folder: error %v, want an error: %v", err, c.spills)
			}
		})
	}
}
