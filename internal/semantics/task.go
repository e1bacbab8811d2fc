package semantics

import (
	"fmt"
	"slices"
	"strings"
)

// Semantics is one of the acceptability semantics this package computes.
type Semantics uint8

// The semantics, by their ICCMA abbreviations CO, GR, PR and ST.
const (
	Complete Semantics = iota
	GroundedSem
	Preferred
	Stable
)

var semNames = []struct{ short, long string }{
	Complete: {"CO", "complete"}, GroundedSem: {"GR", "grounded"},
	Preferred: {"PR", "preferred"}, Stable: {"ST", "stable"},
}

// String is the semantics' full name: complete, grounded, preferred or stable.
func (s Semantics) String() string { return semNames[s].long }

// Short is the ICCMA abbreviation: CO, GR, PR or ST.
func (s Semantics) Short() string { return semNames[s].short }

// ParseSemantics reads a semantics by its name or abbreviation, in any case.
func ParseSemantics(name string) (Semantics, error) {
	for i, n := range semNames {
		if strings.EqualFold(name, n.short) || strings.EqualFold(name, n.long) {
			return Semantics(i), nil
		}
	}
	return 0, fmt.Errorf("unknown semantics %q (grounded, complete, preferred or stable)", name)
}

// Problem is one of the ICCMA reasoning problems.
type Problem uint8

// The problems: credulous and skeptical acceptance of one argument, some
// extension, every extension.
const (
	DC Problem = iota
	DS
	SE
	EE
)

var problemNames = []string{DC: "DC", DS: "DS", SE: "SE", EE: "EE"}

func (p Problem) String() string { return problemNames[p] }

// Task is a problem under a semantics, written like ICCMA's DC-PR.
type Task struct {
	Problem   Problem
	Semantics Semantics
}

func (t Task) String() string { return t.Problem.String() + "-" + t.Semantics.Short() }

// NeedsArgument reports whether the task asks about one argument.
func (t Task) NeedsArgument() bool { return t.Problem == DC || t.Problem == DS }

// ParseTask reads a task such as DC-PR or se-st.
func ParseTask(s string) (Task, error) {
	p, sem, ok := strings.Cut(strings.ToUpper(strings.TrimSpace(s)), "-")
	bad := fmt.Errorf("unknown task %q: give PROBLEM-SEMANTICS, a problem of DC, DS, SE, EE and a semantics of CO, GR, PR, ST (e.g. DC-PR)", s)
	if !ok {
		return Task{}, bad
	}
	var t Task
	found := false
	for i, n := range problemNames {
		if p == n {
			t.Problem, found = Problem(i), true
		}
	}
	if !found {
		return Task{}, bad
	}
	found = false
	for i, n := range semNames {
		if sem == n.short {
			t.Semantics, found = Semantics(i), true
		}
	}
	if !found {
		return Task{}, bad
	}
	return t, nil
}

// Answer is the result of a task. For DC and DS, Accepted is the answer and
// Witness, when HasWitness, the extension that proves it (for DC a yes, for DS
// a no). For SE, Extensions holds the one extension found, or nothing when the
// semantics has none; for EE, every extension.
type Answer struct {
	Task       Task
	Accepted   bool
	HasWitness bool
	Witness    []int
	Extensions [][]int
}

// Solve runs a task on f; arg is the argument of DC and DS and is ignored
// otherwise.
func Solve(f *Framework, t Task, arg int) Answer {
	ans := Answer{Task: t}
	switch t.Problem {
	case DC:
		ext, ok := InSome(f, t.Semantics, arg)
		ans.Accepted, ans.HasWitness = ok, ok
		if ok {
			ans.Witness = members(ext)
		}
	case DS:
		ext, ok := InEvery(f, t.Semantics, arg)
		ans.Accepted, ans.HasWitness = ok, !ok && ext != nil
		if ans.HasWitness {
			ans.Witness = members(ext)
		}
	case SE:
		if ext, ok := Some(f, t.Semantics); ok {
			ans.Extensions = [][]int{members(ext)}
		}
	case EE:
		ans.Extensions, _ = Enumerate(f, t.Semantics, 0)
	}
	return ans
}

// InSome reports whether a is in some extension of f under sem and, if so,
// returns one.
func InSome(f *Framework, sem Semantics, a int) ([]bool, bool) {
	ground := Grounded(f)
	switch {
	case sem == GroundedSem || ground.Labels[a] == In && sem == Complete:
		return inSet(ground), ground.Labels[a] == In
	case ground.Labels[a] == Out:
		return nil, false
	}
	s := newSolver(f, ground, sem == Stable)
	if ground.Labels[a] == In && sem == Preferred {
		return s.maximize(inSet(ground)), true
	}
	if !s.solve(s.in(a)) {
		return nil, false
	}
	ext := s.model()
	if sem == Preferred {
		ext = s.maximize(ext)
	}
	return ext, true
}

// InEvery reports whether a is in every extension of f under sem. When it is
// not, it returns an extension without a (for stable semantics, a framework with
// no stable extension accepts every argument skeptically, with no extension).
func InEvery(f *Framework, sem Semantics, a int) ([]bool, bool) {
	ground := Grounded(f)
	switch sem {
	case GroundedSem, Complete:
		return inSet(ground), ground.Labels[a] == In
	case Stable:
		s := newSolver(f, ground, true)
		if s.solve(s.in(a).Not()) {
			return s.model(), false
		}
		return nil, true
	}
	if ground.Labels[a] == In {
		return nil, true
	}
	s := newSolver(f, ground, false)
	if ground.Labels[a] == Out {
		return s.maximize(inSet(ground)), false
	}
	ext, ok := s.notContaining(a)
	return ext, !ok
}

// notContaining looks for a preferred extension without a. It searches complete
// extensions without a that are no subset of a preferred extension found before
// (s.found, each blocked), grows each first to a maximal one without a, then to
// a preferred one, until one lacks a. A preferred extension without a is never
// blocked, being no subset of another preferred extension, unless it was found
// before: callers look there first. Growing without a first matters: when the
// maximal complete extension without a is not preferred, no preferred extension
// without a contains it, and blocking what lies below the preferred extension
// found rules it out at once, where growing freely would wander through
// extensions with a one block at a time.
func (s *solver) notContaining(a int) ([]bool, bool) {
	for s.solve(s.in(a).Not()) {
		p := s.maximize(s.maximize(s.model(), s.in(a).Not()))
		s.found = append(s.found, p)
		s.blockSubsets(p)
		if !p[a] {
			return p, true
		}
	}
	return nil, false
}

// Some returns one extension of f under sem, or false when there is none (which
// only stable semantics allows).
func Some(f *Framework, sem Semantics) ([]bool, bool) {
	ground := Grounded(f)
	switch sem {
	case GroundedSem, Complete:
		return inSet(ground), true
	case Preferred:
		return newSolver(f, ground, false).maximize(inSet(ground)), true
	}
	s := newSolver(f, ground, true)
	if !s.solve() {
		return nil, false
	}
	return s.model(), true
}

// Enumerate lists the extensions of f under sem, each as its arguments in
// increasing order, the list in lexicographic order. With limit > 0 it stops after that many
// and reports whether it saw them all.
func Enumerate(f *Framework, sem Semantics, limit int) ([][]int, bool) {
	ground := Grounded(f)
	if sem == GroundedSem || f.Len() == 0 {
		return [][]int{members(inSet(ground))}, true
	}
	s := newSolver(f, ground, sem == Stable)
	exts := [][]int{}
	for s.solve() {
		if limit > 0 && len(exts) == limit {
			slices.SortFunc(exts, slices.Compare)
			return exts, false
		}
		ext := s.model()
		if sem == Preferred {
			ext = s.maximize(ext)
			exts = append(exts, members(ext))
			if full(ext) {
				break // the one preferred extension, and nothing is left to block
			}
			s.blockSubsets(ext)
			continue
		}
		exts = append(exts, members(ext))
		s.blockExactly(ext)
	}
	slices.SortFunc(exts, slices.Compare)
	return exts, true
}

// Status is how an argument fares under a semantics with several extensions.
type Status uint8

// An argument is in every extension (Skeptical), in some but not all
// (Credulous), or in none (Rejected).
const (
	Rejected Status = iota
	Credulous
	Skeptical
)

func (s Status) String() string {
	switch s {
	case Skeptical:
		return "skeptical"
	case Credulous:
		return "credulous"
	}
	return "rejected"
}

// Accept gives every argument of f its [Status] under sem, and says whether sem
// has any extension (stable may have none; then every status is Rejected, though
// skeptical acceptance holds vacuously). The grounded labelling settles what it
// decides; the solver is asked only about the arguments it leaves undecided, and
// each model it returns settles every argument it holds at once.
func Accept(f *Framework, sem Semantics) ([]Status, bool) {
	n := f.Len()
	ground := Grounded(f)
	st := make([]Status, n)
	for a, l := range ground.Labels {
		if l == In {
			st[a] = Skeptical
		}
	}
	if sem == GroundedSem {
		return st, true
	}
	s := newSolver(f, ground, sem == Stable)
	if sem == Stable && !s.solve() {
		return make([]Status, n), false
	}
	// Credulous: one solve per undecided argument not yet seen in a model.
	for a, l := range ground.Labels {
		if l != Undecided || st[a] != Rejected {
			continue
		}
		if s.solve(s.in(a)) {
			for b, in := range s.model() {
				if in && st[b] == Rejected {
					st[b] = Credulous
				}
			}
		}
	}
	if sem == Complete {
		return st, true
	}
	// Skeptical: an argument credulously accepted that no extension found so far
	// leaves out.
	lacks := func(a int) bool {
		for _, p := range s.found {
			if !p[a] {
				return true
			}
		}
		return false
	}
	for a, l := range ground.Labels {
		if l != Undecided || st[a] != Credulous || lacks(a) {
			continue
		}
		if sem == Stable {
			if s.solve(s.in(a).Not()) {
				s.found = append(s.found, s.model())
			} else {
				st[a] = Skeptical
			}
			continue
		}
		if _, ok := s.notContaining(a); !ok {
			st[a] = Skeptical
		}
	}
	return st, true
}
