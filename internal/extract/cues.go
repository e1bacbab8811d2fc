package extract

import (
	"sort"
	"unicode/utf8"

	"github.com/graphbuilder/graph/internal/extract/rules"
)

// cueIndex tells, in one pass over a sentence's text searched for cues (see
// [rules.Searched]), which rules have one of their [rules.Rule.Cues] in
// it: an Aho–Corasick automaton over the bytes of every rule's cues, each cue
// reporting the rules it belongs to. A rule without cues applies when the
// sentence holds a rune of its [rules.Rule.Needs], or always.
type cueIndex struct {
	// trans is the goto function completed into a transition table, stride
	// entries per state, one for each class of bytes: a byte no cue holds
	// leads where any other such byte does, so all share class 0. An entry is
	// the next state's first entry in trans, complemented when it has rules
	// in out. Cues are valid UTF-8, which has no bytes C0, C1 or F5–FF, so
	// a byte's class fits in a uint8.
	trans  []int32
	class  [256]uint8
	stride int32
	// out lists, per state, the rules whose cue ends there (its own and those of
	// the states its failure links reach).
	out [][]int32
	// always are the rules without cues or needs; needs are the Needs of
	// those without cues whose sentence must hold a rune of them, needID
	// those rules.
	always []int32
	needs  []runeClass
	needID []int32
	rules  int
	// han are the rules that apply only to a sentence holding a Han character.
	han []int32
	// pairs are the rules with a [rules.Pair], checked when the cues let them
	// apply.
	pairs  []runePair
	pairID []int32
}

// runePair is a [rules.Pair] as bit sets of the runes below 0x10000.
type runePair struct {
	before, after runeClass
	atStart       bool
}

// runeClass is a class of runes: its ranges (pairs, sorted), and the runes
// below 0x10000 of those, which hold most text, as a bit set.
type runeClass struct {
	ranges []rune
	bmp    []uint64
}

func newRuneClass(ranges []rune) runeClass {
	return runeClass{ranges, bmpSet(ranges)}
}

func (c *runeClass) has(r rune) bool {
	if r <= 0xFFFF {
		return c.bmp[r/64]&(1<<(r%64)) != 0
	}
	return c.hasAbove(r)
}

// hasAbove is has for a rune above 0xFFFF.
func (c *runeClass) hasAbove(r rune) bool {
	// The first pair whose high end is at least r.
	i := sort.Search(len(c.ranges)/2, func(i int) bool { return c.ranges[2*i+1] >= r })
	return i < len(c.ranges)/2 && c.ranges[2*i] <= r
}

// in reports whether s has a rune of the class.
func (c *runeClass) in(s []byte) bool {
	for len(s) > 0 {
		r, n := utf8.DecodeRune(s)
		s = s[n:]
		if c.has(r) {
			return true
		}
	}
	return false
}

// holds reports whether s has a rune of after just after one of before, or
// first when atStart is set.
func (p *runePair) holds(s []byte) bool {
	if len(p.before.ranges) == 0 {
		// Only a first rune can hold it.
		r, _ := utf8.DecodeRune(s)
		return p.atStart && len(s) > 0 && p.after.has(r)
	}
	prev := p.atStart
	for len(s) > 0 {
		r, n := utf8.DecodeRune(s)
		s = s[n:]
		if prev && p.after.has(r) {
			return true
		}
		prev = p.before.has(r)
	}
	return false
}

// newCueIndex indexes the rules in order: rule i of the list is i.
func newCueIndex(rs []*rules.Rule) *cueIndex {
	ix := &cueIndex{out: [][]int32{nil}, rules: len(rs)}
	for _, r := range rs {
		for _, c := range r.Cues {
			for i := 0; i < len(c); i++ {
				if ix.class[c[i]] == 0 {
					ix.stride++
					ix.class[c[i]] = uint8(ix.stride)
				}
			}
		}
	}
	ix.stride++
	n := int(ix.stride)
	// next is the goto function, a column per class of bytes, then completed.
	next := make([]int32, n)
	for i := range next {
		next[i] = -1
	}
	for ri, r := range rs {
		if r.Han {
			ix.han = append(ix.han, int32(ri))
		}
		if p := r.Pair; p != nil {
			ix.pairs = append(ix.pairs, runePair{
				before:  newRuneClass(p.Before),
				after:   newRuneClass(p.After),
				atStart: p.AtStart,
			})
			ix.pairID = append(ix.pairID, int32(ri))
		}
		cues := r.Cues
		if cues == nil {
			if r.Needs != nil {
				ix.needs = append(ix.needs, newRuneClass(r.Needs))
				ix.needID = append(ix.needID, int32(ri))
			} else {
				ix.always = append(ix.always, int32(ri))
			}
			continue
		}
		for _, c := range cues {
			s := int32(0)
			for i := 0; i < len(c); i++ {
				k := int(s)*n + int(ix.class[c[i]])
				if next[k] < 0 {
					next[k] = int32(len(ix.out))
					ix.out = append(ix.out, nil)
					for range n {
						next = append(next, -1)
					}
				}
				s = next[k]
			}
			ix.out[s] = append(ix.out[s], int32(ri))
		}
	}
	// Breadth first: each state's failure is the longest proper suffix of its
	// path that is also a path; missing transitions follow it.
	fail := make([]int32, len(ix.out))
	queue := make([]int32, 0, len(ix.out))
	for b := range n {
		if t := next[b]; t < 0 {
			next[b] = 0
		} else {
			queue = append(queue, t)
		}
	}
	// order is every state, breadth first.
	order := []int32{0}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		order = append(order, s)
		ix.out[s] = append(ix.out[s], ix.out[fail[s]]...)
		for b := range n {
			t := next[int(s)*n+b]
			f := next[int(fail[s])*n+b]
			if t < 0 {
				next[int(s)*n+b] = f
				continue
			}
			fail[t] = f
			queue = append(queue, t)
		}
	}
	// The table numbers the states breadth first, so that those near the
	// start, where most text keeps the search, share few cache lines.
	place := make([]int32, len(order))
	for i, st := range order {
		place[st] = int32(i)
	}
	out := make([][]int32, len(order))
	ix.trans = make([]int32, len(order)*n)
	for i, st := range order {
		out[i] = ix.out[st]
		for b := range n {
			t := next[int(st)*n+b]
			e := place[t] * ix.stride
			if len(ix.out[t]) > 0 {
				e = ^e
			}
			ix.trans[i*n+b] = e
		}
	}
	ix.out = out
	return ix
}

// match marks in on (of length the number of rules, cleared first) the rules
// that apply to a sentence: those with a cue in searched, the sentence's text
// searched for cues (see [rules.Searched]), those whose Needs the sentence as
// written holds, and the others without cues; but not the rules that need a
// Han character when written holds none (han, as the caller found it), nor
// those with a pair of runes written does not hold.
func (ix *cueIndex) match(searched, written []byte, han bool, on []bool) {
	s := searched
	clear(on)
	for _, r := range ix.always {
		on[r] = true
	}
	for k := range ix.needs {
		on[ix.needID[k]] = ix.needs[k].in(written)
	}
	st := int32(0)
	for _, b := range s {
		st = ix.trans[st+int32(ix.class[b])]
		if st < 0 {
			st = ^st
			for _, r := range ix.out[st/ix.stride] {
				on[r] = true
			}
		}
	}
	if len(ix.han) > 0 && !han {
		for _, r := range ix.han {
			on[r] = false
		}
	}
	for k, r := range ix.pairID {
		if on[r] {
			on[r] = ix.pairs[k].holds(written)
		}
	}
}

// bmpSet is the set of the runes below 0x10000 in the ranges (pairs).
func bmpSet(ranges []rune) []uint64 {
	set := make([]uint64, 0x10000/64)
	for i := 0; i+1 < len(ranges); i += 2 {
		for c := ranges[i]; c <= min(ranges[i+1], 0xFFFF); c++ {
			set[c/64] |= 1 << (c % 64)
		}
	}
	return set
}
