package semantics

import (
	"github.com/go-air/gini"
	"github.com/go-air/gini/z"
)

// solver holds the labelling encoding of complete semantics (and, when stable,
// of stable semantics) for one framework in an incremental SAT solver.
//
// Each argument a has two variables: in(a) and out(a), undecided being neither.
// The clauses say that a is out exactly when some attacker is in, and in exactly
// when every attacker is out; a models of them is a complete labelling. Stable
// adds that every argument is in or out. The grounded labelling is added as unit
// clauses: it is part of every complete labelling, and it settles most arguments
// of sparse frameworks before the solver starts.
type solver struct {
	f    *Framework
	g    *gini.Gini
	n    int
	next z.Var // the next fresh variable, for activation literals
	// found are the extensions found so far that later searches rule out or reuse.
	found [][]bool
}

func newSolver(f *Framework, ground Labelling, stable bool) *solver {
	n := f.Len()
	s := &solver{f: f, g: gini.NewVc(2*n+16, 3*f.Attacks()+2*n), n: n, next: z.Var(2*n + 1)}
	for a := 0; a < n; a++ {
		att := f.Attackers(a)
		in, out := s.in(a), s.out(a)
		s.clause(in.Not(), out.Not())
		// out(a) <-> some attacker in
		for _, b := range att {
			s.clause(s.in(int(b)).Not(), out)
		}
		s.g.Add(out.Not())
		for _, b := range att {
			s.g.Add(s.in(int(b)))
		}
		s.g.Add(0)
		// in(a) <-> every attacker out
		for _, b := range att {
			s.clause(in.Not(), s.out(int(b)))
		}
		s.g.Add(in)
		for _, b := range att {
			s.g.Add(s.out(int(b)).Not())
		}
		s.g.Add(0)
		if stable {
			s.clause(in, out)
		}
		switch ground.Labels[a] {
		case In:
			s.clause(in)
		case Out:
			s.clause(out)
		}
	}
	return s
}

func (s *solver) in(a int) z.Lit  { return z.Var(a + 1).Pos() }
func (s *solver) out(a int) z.Lit { return z.Var(s.n + a + 1).Pos() }

func (s *solver) clause(lits ...z.Lit) {
	for _, m := range lits {
		s.g.Add(m)
	}
	s.g.Add(0)
}

func (s *solver) fresh() z.Lit {
	v := s.next
	s.next++
	return v.Pos()
}

// solve reports whether the clauses have a model under the assumptions.
func (s *solver) solve(assume ...z.Lit) bool {
	s.g.Assume(assume...)
	return s.g.Solve() == 1
}

// model returns the arguments in, by the last satisfiable solve.
func (s *solver) model() []bool {
	ext := make([]bool, s.n)
	for a := range ext {
		ext[a] = s.g.Value(s.in(a))
	}
	return ext
}

// maximize grows a complete extension to a preferred one that contains it: it
// asks for a complete extension holding all of ext and something more until
// there is none. Each step's "something more" clause is switched on by a fresh
// literal and switched off for good afterwards. With extra assumptions, it grows
// ext to a maximal complete extension among those that meet them.
func (s *solver) maximize(ext []bool, extra ...z.Lit) []bool {
	for {
		act := s.fresh()
		assume := append([]z.Lit{act}, extra...)
		s.g.Add(act.Not())
		for a, in := range ext {
			if in {
				assume = append(assume, s.in(a))
			} else {
				s.g.Add(s.in(a))
			}
		}
		s.g.Add(0)
		ok := s.solve(assume...)
		if ok {
			ext = s.model()
		}
		s.clause(act.Not())
		if !ok {
			return ext
		}
	}
}

// blockSubsets forbids every extension that is a subset of ext.
func (s *solver) blockSubsets(ext []bool) {
	for a, in := range ext {
		if !in {
			s.g.Add(s.in(a))
		}
	}
	s.g.Add(0)
}

// blockExactly forbids the one extension ext.
func (s *solver) blockExactly(ext []bool) {
	for a, in := range ext {
		if in {
			s.g.Add(s.in(a).Not())
		} else {
			s.g.Add(s.in(a))
		}
	}
	s.g.Add(0)
}

func full(ext []bool) bool {
	for _, in := range ext {
		if !in {
			return false
		}
	}
	return true
}

func members(ext []bool) []int {
	out := []int{}
	for a, in := range ext {
		if in {
			out = append(out, a)
		}
	}
	return out
}

func inSet(l Labelling) []bool {
	ext := make([]bool, len(l.Labels))
	for a, lab := range l.Labels {
		ext[a] = lab == In
	}
	return ext
}
