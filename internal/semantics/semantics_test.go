package semantics

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// brute holds every extension of a small framework under each semantics, found
// by checking all subsets of its arguments against the definitions.
type brute struct {
	n        int
	grounded uint32
	exts     map[Semantics][]uint32
}

func bruteForce(f *Framework) brute {
	n := f.Len()
	att := make([]uint32, n)
	tgt := make([]uint32, n)
	for a := 0; a < n; a++ {
		for _, b := range f.Attackers(a) {
			att[a] |= 1 << b
		}
		for _, b := range f.Targets(a) {
			tgt[a] |= 1 << b
		}
	}
	all := uint32(1)<<n - 1
	var complete, stable []uint32
	for s := uint32(0); s <= all; s++ {
		var attacked uint32
		free := true
		for a := 0; a < n; a++ {
			if s&(1<<a) != 0 {
				attacked |= tgt[a]
				if att[a]&s != 0 {
					free = false
				}
			}
		}
		if !free {
			continue
		}
		var defended uint32
		for a := 0; a < n; a++ {
			if att[a]&^attacked == 0 {
				defended |= 1 << a
			}
		}
		if defended == s {
			complete = append(complete, s)
		}
		if attacked == all&^s {
			stable = append(stable, s)
		}
		if s == all {
			break // all+1 overflows when n is 32
		}
	}
	b := brute{n: n, exts: map[Semantics][]uint32{}}
	b.grounded = all
	for _, c := range complete {
		b.grounded &= c
	}
	var preferred []uint32
	for _, c := range complete {
		maximal := true
		for _, d := range complete {
			if d != c && c&d == c {
				maximal = false
				break
			}
		}
		if maximal {
			preferred = append(preferred, c)
		}
	}
	b.exts[Complete] = complete
	b.exts[GroundedSem] = []uint32{b.grounded}
	b.exts[Preferred] = preferred
	b.exts[Stable] = stable
	return b
}

func mask(args []int) uint32 {
	var m uint32
	for _, a := range args {
		m |= 1 << a
	}
	return m
}

func randomFramework(r *rand.Rand, n int, density float64) *Framework {
	b := NewBuilder(n)
	for a := 0; a < n; a++ {
		for c := 0; c < n; c++ {
			if r.Float64() < density {
				b.Attack(a, c)
			}
		}
	}
	return b.Build()
}

func sortedMasks(ms []uint32) []uint32 {
	out := slices.Clone(ms)
	slices.Sort(out)
	return out
}

var allSemantics = []Semantics{Complete, GroundedSem, Preferred, Stable}

// TestAgainstBruteForce checks every task on random frameworks of up to 20
// arguments against the extensions found by enumerating subsets.
func TestAgainstBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 2026))
	cases := 400
	if testing.Short() {
		cases = 60
	}
	for i := 0; i < cases; i++ {
		n := r.IntN(13)
		if i%40 == 39 {
			n = 15 + r.IntN(6) // a few up to 20 arguments
		}
		density := []float64{0.05, 0.1, 0.2, 0.35}[r.IntN(4)]
		f := randomFramework(r, n, density)
		t.Run(fmt.Sprintf("%d-n%d", i, n), func(t *testing.T) { checkFramework(t, f) })
	}
}

func checkFramework(t *testing.T, f *Framework) {
	t.Helper()
	b := bruteForce(f)
	g := Grounded(f)
	if got := mask(g.Extension()); got != b.grounded {
		t.Fatalf("grounded = %b, brute force %b", got, b.grounded)
	}
	for a, l := range g.Labels {
		attacked := false
		for _, c := range f.Attackers(a) {
			attacked = attacked || b.grounded&(1<<c) != 0
		}
		if want := l == Out; want != attacked {
			t.Fatalf("argument %d labelled %v, attacked by the grounded extension: %v", a, l, attacked)
		}
	}
	for _, sem := range allSemantics {
		want := b.exts[sem]
		isExt := func(m uint32) bool { return slices.Contains(want, m) }
		exts, done := Enumerate(f, sem, 0)
		var got []uint32
		for _, e := range exts {
			got = append(got, mask(e))
		}
		if !done || !slices.Equal(sortedMasks(got), sortedMasks(want)) {
			t.Fatalf("EE-%s = %b, brute force %b", sem.Short(), sortedMasks(got), sortedMasks(want))
		}
		se := Solve(f, Task{SE, sem}, 0)
		if len(want) == 0 && len(se.Extensions) != 0 || len(want) > 0 && (len(se.Extensions) != 1 || !isExt(mask(se.Extensions[0]))) {
			t.Fatalf("SE-%s = %v, not one of %b", sem.Short(), se.Extensions, want)
		}
		status, any := Accept(f, sem)
		if any != (len(want) > 0) {
			t.Fatalf("Accept %s: has extensions %v, brute force %d", sem, any, len(want))
		}
		for a := 0; a < f.Len(); a++ {
			in, every := 0, true
			for _, e := range want {
				if e&(1<<a) != 0 {
					in++
				} else {
					every = false
				}
			}
			dc := Solve(f, Task{DC, sem}, a)
			if dc.Accepted != (in > 0) {
				t.Fatalf("DC-%s %d = %v, brute force in %d extensions", sem.Short(), a, dc.Accepted, in)
			}
			if dc.Accepted && (!isExt(mask(dc.Witness)) || mask(dc.Witness)&(1<<a) == 0) {
				t.Fatalf("DC-%s %d: witness %v is no extension holding it", sem.Short(), a, dc.Witness)
			}
			ds := Solve(f, Task{DS, sem}, a)
			if ds.Accepted != every {
				t.Fatalf("DS-%s %d = %v, brute force %v", sem.Short(), a, ds.Accepted, every)
			}
			if !ds.Accepted && (!ds.HasWitness || !isExt(mask(ds.Witness)) || mask(ds.Witness)&(1<<a) != 0) {
				t.Fatalf("DS-%s %d: witness %v is no extension without it", sem.Short(), a, ds.Witness)
			}
			wantStatus := Rejected
			switch {
			case len(want) == 0:
			case every:
				wantStatus = Skeptical
			case in > 0:
				wantStatus = Credulous
			}
			if status[a] != wantStatus {
				t.Fatalf("Accept %s: argument %d %v, brute force %v", sem, a, status[a], wantStatus)
			}
		}
	}
}

// TestGroundedByHand pins the grounded labelling of small frameworks whose
// answer is known: chains, odd and even cycles, self-attacks.
func TestGroundedByHand(t *testing.T) {
	tests := []struct {
		name    string
		n       int
		attacks [][2]int
		want    string // one letter per argument: I(n), O(ut), U(ndecided)
	}{
		{"isolated", 3, nil, "III"},
		{"chain of two", 2, [][2]int{{0, 1}}, "IO"},
		{"chain of five", 5, [][2]int{{0, 1}, {1, 2}, {2, 3}, {3, 4}}, "IOIOI"},
		{"two-cycle", 2, [][2]int{{0, 1}, {1, 0}}, "UU"},
		{"three-cycle", 3, [][2]int{{0, 1}, {1, 2}, {2, 0}}, "UUU"},
		{"self-attack", 1, [][2]int{{0, 0}}, "U"},
		{"self-attacker attacks", 2, [][2]int{{0, 0}, {0, 1}}, "UU"},
		{"self-attacker defeated", 3, [][2]int{{0, 1}, {1, 1}, {1, 2}}, "IOI"},
		{"cycle broken from outside", 3, [][2]int{{0, 1}, {1, 2}, {2, 1}}, "IOI"},
		{"reinstatement", 4, [][2]int{{0, 1}, {1, 2}, {2, 3}, {3, 2}, {0, 3}}, "IOIO"},
		{"cycle beside a chain", 4, [][2]int{{0, 1}, {1, 2}, {2, 3}, {3, 2}}, "IOUU"},
		{"defended by two", 4, [][2]int{{1, 0}, {2, 0}, {3, 1}, {3, 2}}, "IOOI"},
		{"one attacker left", 4, [][2]int{{1, 0}, {2, 0}, {3, 1}, {2, 2}}, "UOUI"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := NewBuilder(tt.n)
			for _, at := range tt.attacks {
				b.Attack(at[0], at[1])
			}
			g := Grounded(b.Build())
			got := ""
			for _, l := range g.Labels {
				got += map[Label]string{In: "I", Out: "O", Undecided: "U"}[l]
			}
			if got != tt.want {
				t.Errorf("grounded = %s, want %s", got, tt.want)
			}
		})
	}
}

// TestGroundedRounds checks that rounds order the reasons: an argument in has
// every attacker out at an earlier round, one out an attacker in at its round.
func TestGroundedRounds(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	for i := 0; i < 200; i++ {
		f := randomFramework(r, 1+r.IntN(40), 0.06)
		g := Grounded(f)
		for a, l := range g.Labels {
			switch l {
			case In:
				for _, b := range f.Attackers(a) {
					if g.Labels[b] != Out || g.Round[b] >= g.Round[a] {
						t.Fatalf("in %d at round %d: attacker %d is %v at round %d", a, g.Round[a], b, g.Labels[b], g.Round[b])
					}
				}
			case Out:
				ok := false
				for _, b := range f.Attackers(a) {
					ok = ok || g.Labels[b] == In && g.Round[b] == g.Round[a]
				}
				if !ok {
					t.Fatalf("out %d at round %d: no attacker in at that round", a, g.Round[a])
				}
			}
		}
	}
}

func TestParseTask(t *testing.T) {
	for _, s := range []string{"DC-PR", "ds-st", "SE-GR", "EE-CO"} {
		task, err := ParseTask(s)
		if err != nil || !strings.EqualFold(task.String(), s) {
			t.Errorf("ParseTask(%q) = %v, %v", s, task, err)
		}
	}
	for _, s := range []string{"", "DC", "XX-PR", "DC-SST", "DCPR"} {
		if _, err := ParseTask(s); err == nil {
			t.Errorf("ParseTask(%q) succeeded", s)
		}
	}
}
