package semantics

// Witness is the evidence for an argument's [Status] under a semantics: an
// extension that holds the argument and one that lacks it, as far as they exist.
// An argument in With and in no Without is skeptically accepted; in both,
// credulously; in no With, rejected.
type Witness struct {
	With, Without       []int
	HasWith, HasWithout bool
}

// Status is the argument's status that the witness shows. A framework without
// stable extensions has neither witness, and every argument is skeptically
// accepted, vacuously, as [Accept] and [InEvery] say.
func (w Witness) Status() Status {
	switch {
	case !w.HasWith && !w.HasWithout:
		return Skeptical
	case w.HasWith && w.HasWithout:
		return Credulous
	case w.HasWith:
		return Skeptical
	}
	return Rejected
}

// Witnesses finds, for argument a of f under sem, an extension that holds a and
// one that lacks it. For preferred semantics both are preferred extensions.
func Witnesses(f *Framework, sem Semantics, a int) Witness {
	var w Witness
	if ext, ok := InSome(f, sem, a); ok {
		w.With, w.HasWith = members(ext), true
	}
	if ext, ok := InEvery(f, sem, a); !ok && ext != nil {
		w.Without, w.HasWithout = members(ext), true
	}
	return w
}

// LabellingOf is the labelling of a complete extension ext of f: its arguments
// in, the arguments they attack out, the others undecided. Its rounds order the
// reasons as [Grounded]'s do, as far as they are well founded: an argument in
// at round k has every attacker out at a round below k, an argument out at round
// k an attacker in at round k. Arguments that the extension defends only through
// a cycle (a and b attacking each other, a in) come after all others, at the
// same round, and undecided arguments have round 0. ext must be conflict-free.
func LabellingOf(f *Framework, ext []int) Labelling {
	n := f.Len()
	labels := make([]Label, n)
	round := make([]int32, n)
	for _, a := range ext {
		labels[a] = In
	}
	for _, a := range ext {
		for _, b := range f.Targets(a) {
			labels[b] = Out
		}
	}
	// As in Grounded: alive[a] counts the attackers of a not yet given a round.
	alive := make([]int32, n)
	queue := make([]int32, 0, len(ext))
	for _, a := range ext {
		alive[a] = int32(len(f.Attackers(a)))
		if alive[a] == 0 {
			round[a] = 1
			queue = append(queue, int32(a))
		}
	}
	last := int32(1)
	for head := 0; head < len(queue); head++ {
		x := queue[head]
		r := round[x]
		for _, y := range f.Targets(int(x)) {
			if round[y] != 0 {
				continue
			}
			round[y] = r
			for _, z := range f.Targets(int(y)) {
				alive[z]--
				if alive[z] == 0 && labels[z] == In && round[z] == 0 {
					round[z] = r + 1
					last = max(last, r+1)
					queue = append(queue, z)
				}
			}
		}
	}
	for a, l := range labels {
		if l != Undecided && round[a] == 0 {
			round[a] = last + 1
		}
	}
	return Labelling{Labels: labels, Round: round}
}
