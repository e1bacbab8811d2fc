package semantics

import (
	"fmt"
	"slices"
	"strconv"
)

// A Framework is a Dung argumentation framework: arguments 0..N-1 and the attacks
// between them, kept as adjacency lists in both directions. Build one with
// [NewBuilder]; a Framework never changes once built.
type Framework struct {
	// Arguments below numbered are named by their number from 1 (the ICCMA 2023
	// format's names); names holds the names of the others.
	numbered int
	names    []string
	// outStart[a]..outStart[a+1] index the arguments a attacks in out, and
	// inStart/in likewise the arguments attacking a.
	outStart, out []int32
	inStart, in   []int32
}

// A Builder collects arguments and attacks for a [Framework].
type Builder struct {
	numbered int
	names    []string
	from, to []int32
}

// NewBuilder returns a builder of a framework of n arguments named by their
// numbers from 1; more can be added with [Builder.Add].
func NewBuilder(n int) *Builder { return &Builder{numbered: n} }

// Add adds an argument with the given name and returns its number.
func (b *Builder) Add(name string) int {
	b.names = append(b.names, name)
	return b.Len() - 1
}

// Len is how many arguments the builder holds.
func (b *Builder) Len() int { return b.numbered + len(b.names) }

// Attack records that argument from attacks argument to. Both must exist.
func (b *Builder) Attack(from, to int) {
	if n := b.Len(); from < 0 || to < 0 || from >= n || to >= n {
		panic(fmt.Sprintf("semantics: attack %d -> %d outside a framework of %d arguments", from, to, n))
	}
	b.from = append(b.from, int32(from))
	b.to = append(b.to, int32(to))
}

// Build returns the framework, its attack lists sorted and free of repeats.
func (b *Builder) Build() *Framework {
	n := b.Len()
	f := &Framework{numbered: b.numbered, names: slices.Clone(b.names)}
	f.outStart, f.out = adjacency(n, b.from, b.to)
	f.inStart, f.in = adjacency(n, b.to, b.from)
	return f
}

// adjacency lays out the lists of targets by source in one array (counting sort),
// each list sorted with repeats removed.
func adjacency(n int, src, dst []int32) (start, list []int32) {
	start = make([]int32, n+1)
	for _, s := range src {
		start[s+1]++
	}
	for i := 0; i < n; i++ {
		start[i+1] += start[i]
	}
	list = make([]int32, len(src))
	fill := slices.Clone(start[:n])
	for i, s := range src {
		list[fill[s]] = dst[i]
		fill[s]++
	}
	// Sort and deduplicate each list in place, then close the gaps.
	w := int32(0)
	for a := 0; a < n; a++ {
		seg := list[start[a]:start[a+1]]
		slices.Sort(seg)
		seg = slices.Compact(seg)
		start[a] = w
		w += int32(copy(list[w:], seg))
	}
	start[n] = w
	return start, list[:w:w]
}

// Len is the number of arguments.
func (f *Framework) Len() int { return f.numbered + len(f.names) }

// Attacks is the number of distinct attacks.
func (f *Framework) Attacks() int { return len(f.out) }

// Name is the name of argument a.
func (f *Framework) Name(a int) string {
	if a < f.numbered {
		return strconv.Itoa(a + 1)
	}
	return f.names[a-f.numbered]
}

// Attackers are the arguments that attack a, in increasing order. The slice
// belongs to the framework.
func (f *Framework) Attackers(a int) []int32 { return f.in[f.inStart[a]:f.inStart[a+1]] }

// Targets are the arguments a attacks, in increasing order. The slice belongs to
// the framework.
func (f *Framework) Targets(a int) []int32 { return f.out[f.outStart[a]:f.outStart[a+1]] }

// AttacksArg reports whether a attacks b.
func (f *Framework) AttacksArg(a, b int) bool {
	_, ok := slices.BinarySearch(f.Targets(a), int32(b))
	return ok
}
