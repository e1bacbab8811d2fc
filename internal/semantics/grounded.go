package semantics

// Label is an argument's status in a labelling: in, out or undecided.
type Label uint8

// The three labels. The zero Label is [Undecided].
const (
	Undecided Label = iota
	In
	Out
)

func (l Label) String() string {
	switch l {
	case In:
		return "in"
	case Out:
		return "out"
	}
	return "undecided"
}

// A Labelling gives every argument of a framework a label. Round, when set by
// [Grounded], says in which step of the fixpoint each argument got its label: an
// argument in at round k has every attacker out at a round below k, and an
// argument out at round k has an attacker in at round k. Undecided arguments have
// round 0. Rounds let explanations go from an argument to the reasons for its
// label without ever looping.
type Labelling struct {
	Labels []Label
	Round  []int32
}

// Extension returns the arguments labelled in, in increasing order.
func (l Labelling) Extension() []int {
	var ext []int
	for a, lab := range l.Labels {
		if lab == In {
			ext = append(ext, a)
		}
	}
	return ext
}

// Grounded computes the grounded labelling of f: the least fixpoint of "in when
// every attacker is out, out when some attacker is in". Each argument enters the
// work queue at most once and each attack is looked at a bounded number of times,
// so it runs in time linear in the arguments plus the attacks.
func Grounded(f *Framework) Labelling {
	n := f.Len()
	labels := make([]Label, n)
	round := make([]int32, n)
	// alive[a] counts the attackers of a not yet labelled out.
	alive := make([]int32, n)
	queue := make([]int32, 0, n)
	for a := 0; a < n; a++ {
		alive[a] = int32(len(f.Attackers(a)))
		if alive[a] == 0 {
			labels[a], round[a] = In, 1
			queue = append(queue, int32(a))
		}
	}
	for head := 0; head < len(queue); head++ {
		x := queue[head]
		r := round[x]
		for _, y := range f.Targets(int(x)) {
			if labels[y] != Undecided {
				continue // already out (an argument in is never attacked by one in)
			}
			labels[y], round[y] = Out, r
			for _, z := range f.Targets(int(y)) {
				alive[z]--
				if alive[z] == 0 && labels[z] == Undecided {
					labels[z], round[z] = In, r+1
					queue = append(queue, z)
				}
			}
		}
	}
	return Labelling{Labels: labels, Round: round}
}
