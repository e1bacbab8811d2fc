package semantics

import (
	"math/rand/v2"
	"sync"
	"testing"
)

// sparse builds a random framework of n arguments and m attacks, seeded.
func sparse(n, m int, seed uint64) *Framework {
	r := rand.New(rand.NewPCG(seed, seed))
	b := NewBuilder(n)
	for i := 0; i < m; i++ {
		b.Attack(r.IntN(n), r.IntN(n))
	}
	return b.Build()
}

var (
	millionOnce sync.Once
	million     *Framework
	tenKOnce    sync.Once
	tenK        *Framework
	acyclicOnce sync.Once
	acyclic     *Framework
)

func millionFramework() *Framework {
	millionOnce.Do(func() { million = sparse(1_000_000, 5_000_000, 1) })
	return million
}

// tenKFramework has 10,000 arguments and 30,000 attacks: dense enough that the
// grounded labelling leaves about half undecided for the solver.
func tenKFramework() *Framework {
	tenKOnce.Do(func() { tenK = sparse(10_000, 30_000, 2) })
	return tenK
}

func BenchmarkGrounded1M(b *testing.B) {
	f := millionFramework()
	b.ResetTimer()
	for b.Loop() {
		Grounded(f)
	}
}

// acyclicFramework has 1,000,000 arguments and 5,000,000 attacks, each from a
// lower number to a higher one: grounded semantics decides every argument, and
// the fixpoint walks every attack.
func acyclicFramework() *Framework {
	acyclicOnce.Do(func() {
		r := rand.New(rand.NewPCG(3, 3))
		const n = 1_000_000
		b := NewBuilder(n)
		for i := 0; i < 5*n; i++ {
			x, y := r.IntN(n), r.IntN(n)
			if x > y {
				x, y = y, x
			}
			if x == y {
				continue
			}
			b.Attack(x, y)
		}
		acyclic = b.Build()
	})
	return acyclic
}

func BenchmarkGroundedAcyclic1M(b *testing.B) {
	f := acyclicFramework()
	b.ResetTimer()
	for b.Loop() {
		Grounded(f)
	}
}

func BenchmarkBuild1M(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 1))
	from := make([]int, 5_000_000)
	to := make([]int, len(from))
	for i := range from {
		from[i], to[i] = r.IntN(1_000_000), r.IntN(1_000_000)
	}
	b.ResetTimer()
	for b.Loop() {
		bd := NewBuilder(1_000_000)
		for i := range from {
			bd.Attack(from[i], to[i])
		}
		bd.Build()
	}
}

func BenchmarkGrounded10K(b *testing.B) {
	f := tenKFramework()
	b.ResetTimer()
	for b.Loop() {
		Grounded(f)
	}
}

func BenchmarkPreferredSE10K(b *testing.B) {
	f := tenKFramework()
	b.ResetTimer()
	for b.Loop() {
		Some(f, Preferred)
	}
}

// BenchmarkPreferredAccept10K decides credulous and skeptical acceptance under
// preferred semantics for every argument of the framework.
func BenchmarkPreferredAccept10K(b *testing.B) {
	f := tenKFramework()
	b.ResetTimer()
	for b.Loop() {
		Accept(f, Preferred)
	}
}

func BenchmarkStableAccept10K(b *testing.B) {
	f := tenKFramework()
	b.ResetTimer()
	for b.Loop() {
		Accept(f, Stable)
	}
}

// TestTenKShape reports what the benchmark framework holds, so that the figures
// can be read: how much of it grounded semantics leaves to the solver.
func TestTenKShape(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a framework of 10,000 arguments")
	}
	f := tenKFramework()
	g := Grounded(f)
	undecided := 0
	for _, l := range g.Labels {
		if l == Undecided {
			undecided++
		}
	}
	if undecided == 0 {
		t.Fatal("the grounded labelling decides everything; the preferred benchmarks would not reach the solver")
	}
	t.Logf("%d arguments, %d attacks, %d undecided by grounded", f.Len(), f.Attacks(), undecided)
}
