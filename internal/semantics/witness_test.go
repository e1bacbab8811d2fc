package semantics

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestWitnessesAgainstBruteForce checks on random frameworks that each witness
// is an extension on the right side of the argument, that the status they show
// is the one the extensions found by brute force give, and that the labelling of
// every extension has well-founded rounds where it claims them.
func TestWitnessesAgainstBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 2026))
	for i := 0; i < 150; i++ {
		n := r.IntN(11)
		f := randomFramework(r, n, []float64{0.1, 0.2, 0.35}[r.IntN(3)])
		bf := bruteForce(f)
		t.Run(fmt.Sprintf("%d-n%d", i, n), func(t *testing.T) {
			for _, sem := range allSemantics {
				exts := bf.exts[sem]
				for a := 0; a < n; a++ {
					w := Witnesses(f, sem, a)
					inSome, inAll := false, true
					for _, e := range exts {
						inSome = inSome || e&(1<<a) != 0
						inAll = inAll && e&(1<<a) != 0
					}
					want := Rejected
					switch {
					case inAll:
						want = Skeptical
					case inSome:
						want = Credulous
					}
					if got := w.Status(); got != want {
						t.Errorf("%s argument %d: status %v, want %v", sem, a, got, want)
					}
					if w.HasWith && (!slices.Contains(exts, mask(w.With)) || !slices.Contains(w.With, a)) {
						t.Errorf("%s argument %d: With %v is not an extension holding it", sem, a, w.With)
					}
					if w.HasWithout && (!slices.Contains(exts, mask(w.Without)) || slices.Contains(w.Without, a)) {
						t.Errorf("%s argument %d: Without %v is not an extension lacking it", sem, a, w.Without)
					}
				}
			}
			for _, e := range bf.exts[Complete] {
				var ext []int
				for a := 0; a < n; a++ {
					if e&(1<<a) != 0 {
						ext = append(ext, a)
					}
				}
				checkLabelling(t, f, ext, LabellingOf(f, ext))
			}
		})
	}
}

// checkLabelling checks that l labels the complete extension ext and that its
// rounds are well founded up to the last round, which may hold arguments
// defended only through cycles.
func checkLabelling(t *testing.T, f *Framework, ext []int, l Labelling) {
	t.Helper()
	last := int32(0)
	for _, r := range l.Round {
		last = max(last, r)
	}
	for a := 0; a < f.Len(); a++ {
		in := slices.Contains(ext, a)
		attacked := false
		for _, b := range f.Attackers(a) {
			attacked = attacked || slices.Contains(ext, int(b))
		}
		want := Undecided
		switch {
		case in:
			want = In
		case attacked:
			want = Out
		}
		if l.Labels[a] != want {
			t.Fatalf("extension %v: argument %d labelled %v, want %v", ext, a, l.Labels[a], want)
		}
		if (want == Undecided) != (l.Round[a] == 0) {
			t.Fatalf("extension %v: argument %d (%v) has round %d", ext, a, want, l.Round[a])
		}
		if l.Round[a] == last {
			continue
		}
		switch want {
		case In:
			for _, b := range f.Attackers(a) {
				if l.Round[b] >= l.Round[a] {
					t.Errorf("extension %v: %d in at round %d, attacker %d out at round %d", ext, a, l.Round[a], b, l.Round[b])
				}
			}
		case Out:
			found := false
			for _, b := range f.Attackers(a) {
				found = found || l.Labels[b] == In && l.Round[b] == l.Round[a]
			}
			if !found {
				t.Errorf("extension %v: %d out at round %d with no attacker in at that round", ext, a, l.Round[a])
			}
		}
	}
	// The grounded part gets the rounds that Grounded gives.
	g := Grounded(f)
	for a, lab := range g.Labels {
		if lab != Undecided && l.Round[a] != last && l.Round[a] != g.Round[a] {
			t.Errorf("extension %v: %d at round %d, grounded round %d", ext, a, l.Round[a], g.Round[a])
		}
	}
}

// TestLabellingOfByHand pins the rounds of a chain and of a cycle the extension
// takes one side of.
func TestLabellingOfByHand(t *testing.T) {
	// 0 -> 1 -> 2 -> 3 -> 4; 5 <-> 6, 6 -> 4, 6 -> 7.
	b := NewBuilder(8)
	for _, e := range [][2]int{{0, 1}, {1, 2}, {2, 3}, {3, 4}, {5, 6}, {6, 5}, {6, 4}, {6, 7}} {
		b.Attack(e[0], e[1])
	}
	f := b.Build()
	l := LabellingOf(f, []int{0, 2, 4, 5, 7})
	wantLabels := []Label{In, Out, In, Out, In, In, Out, In}
	// 4 and 7 are defended against 6 only by 5, which the cycle leaves to the
	// extension's choice: they come after the chain, with 5 and 6.
	wantRounds := []int32{1, 1, 2, 2, 3, 3, 3, 3}
	if !slices.Equal(l.Labels, wantLabels) || !slices.Equal(l.Round, wantRounds) {
		t.Errorf("labels %v rounds %v, want %v %v", l.Labels, l.Round, wantLabels, wantRounds)
	}
	// The grounded extension leaves the cycle and what hangs on it undecided.
	g := LabellingOf(f, []int{0, 2})
	if want := []Label{In, Out, In, Out, Undecided, Undecided, Undecided, Undecided}; !slices.Equal(g.Labels, want) {
		t.Errorf("grounded labels %v, want %v", g.Labels, want)
	}
	if want := []int32{1, 1, 2, 2, 0, 0, 0, 0}; !slices.Equal(g.Round, want) {
		t.Errorf("grounded rounds %v, want %v", g.Round, want)
	}
}
