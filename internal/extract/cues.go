package extract

import (
	"sort"
	"unicode/utf8"

	"github.com/graphbuilder/graph/internal/extract/rules"
)

// cueIndex tells, in one pass over a sentence's text searched for cues (see
// [rules.AppendSearched]), which rules have one of their [rules.Rule.Cues] in
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
	// always are the rules without cues or needs; needy those without cues
	// whose sentence must hold a rune of their Needs.
	always []int32
	needy  []*rules.Rule
	needID []int32
	// needBMP are the needy rules' Needs as bit sets of the runes below
	// 0x10000, which hold most text.
	needBMP [][]uint64
	rules   int
	// han are the rules that apply only to a sentence holding a Han character.
	han []int32
	// cues are each rule's cues; nil for a rule without.
	cues [][]string
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

type runeClass struct {
	ranges []rune
	bmp    []uint64
}

func (c *runeClass) has(r rune) bool {
	if r <= 0xFFFF {
		return c.bmp[r/64]&(1<<(r%64)) != 0
	}
	// The first pair whose high end is at least r.
	i := sort.Search(len(c.ranges)/2, func(i int) bool { return c.ranges[2*i+1] >= r })
	return i < len(c.ranges)/2 && c.ranges[2*i] <= r
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
	ix := &cueIndex{out: [][]int32{nil}, rules: len(rs), cues: make([][]string, len(rs))}
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
				before:  runeClass{p.Before, bmpSet(p.Before)},
				after:   runeClass{p.After, bmpSet(p.After)},
				atStart: p.AtStart,
			})
			ix.pairID = append(ix.pairID, int32(ri))
		}
		cues := r.Cues
		ix.cues[ri] = cues
		if cues == nil {
			if r.Needs != nil {
				ix.needy = append(ix.needy, r)
				ix.needID = append(ix.needID, int32(ri))
				ix.needBMP = append(ix.needBMP, bmpSet(r.Needs))
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
// searched for cues (see [rules.AppendSearched]), those whose Needs the sentence as
// written holds, and the others without cues; but not the rules that need a
// Han character when written holds none (han, as the caller found it), nor
// those with a pair of runes written does not hold.
func (ix *cueIndex) match(searched, written []byte, han bool, on []bool) {
	s := searched
	clear(on)
	for _, r := range ix.always {
		on[r] = true
	}
	for k, r := range ix.needy {
		on[ix.needID[k]] = holdsClass(written, r.Needs, ix.needBMP[k])
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

// holdsClass reports whether s has a rune in the ranges (pairs, sorted), whose
// runes below 0x10000 are those of bmp.
func holdsClass(s []byte, ranges []rune, bmp []uint64) bool {
	for len(s) > 0 {
		c, n := utf8.DecodeRune(s)
		s = s[n:]
		if c <= 0xFFFF {
			if bmp[c/64]&(1<<(c%64)) != 0 {
				return true
			}
			continue
		}
		// The first pair whose high end is at least c.
		i := sort.Search(len(ranges)/2, func(i int) bool { return ranges[2*i+1] >= c })
		if i < len(ranges)/2 && ranges[2*i] <= c {
			return true
		}
	}
	return false
}
