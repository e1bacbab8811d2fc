package extract

import (
	"sort"

	"github.com/graphbuilder/graph/internal/extract/rules"
)

// cueIndex tells, in one pass over a lowered sentence, which rules have one of
// their cues in it: an Aho–Corasick automaton over the bytes of every rule's
// cues, each cue reporting the rules it belongs to. A rule without cues always
// applies.
type cueIndex struct {
	// next is the goto function completed into a transition table: 256 entries
	// per state.
	next []int32
	// out lists, per state, the rules whose cue ends there (its own and those of
	// the states its failure links reach).
	out [][]int32
	// always are the rules without cues or needs; needy those without cues
	// whose sentence must hold a rune of their Needs.
	always []int32
	needy  []*rules.Rule
	needID []int32
	rules  int
}

// newCueIndex indexes the rules in order: rule i of the list is i.
func newCueIndex(rs []*rules.Rule) *cueIndex {
	ix := &cueIndex{next: make([]int32, 256), out: [][]int32{nil}, rules: len(rs)}
	for i := range ix.next {
		ix.next[i] = -1
	}
	for ri, r := range rs {
		if r.Cues == nil {
			if r.Needs != nil {
				ix.needy = append(ix.needy, r)
				ix.needID = append(ix.needID, int32(ri))
			} else {
				ix.always = append(ix.always, int32(ri))
			}
			continue
		}
		for _, c := range r.Cues {
			s := int32(0)
			for i := 0; i < len(c); i++ {
				t := &ix.next[int(s)*256+int(c[i])]
				if *t < 0 {
					*t = int32(len(ix.out))
					ix.out = append(ix.out, nil)
					for range 256 {
						ix.next = append(ix.next, -1)
					}
					t = &ix.next[int(s)*256+int(c[i])]
				}
				s = *t
			}
			ix.out[s] = append(ix.out[s], int32(ri))
		}
	}
	// Breadth first: each state's failure is the longest proper suffix of its
	// path that is also a path; missing transitions follow it.
	fail := make([]int32, len(ix.out))
	queue := make([]int32, 0, len(ix.out))
	for b := range 256 {
		if t := ix.next[b]; t < 0 {
			ix.next[b] = 0
		} else {
			queue = append(queue, t)
		}
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		ix.out[s] = append(ix.out[s], ix.out[fail[s]]...)
		for b := range 256 {
			t := ix.next[int(s)*256+b]
			f := ix.next[int(fail[s])*256+b]
			if t < 0 {
				ix.next[int(s)*256+b] = f
				continue
			}
			fail[t] = f
			queue = append(queue, t)
		}
	}
	return ix
}

// match marks in on (of length the number of rules, cleared first) the rules
// that apply to a sentence: those with a cue in lowered, the sentence in lower
// case, those whose Needs the sentence as written holds, and the others without
// cues.
func (ix *cueIndex) match(lowered []byte, written string, on []bool) {
	s := lowered
	clear(on)
	for _, r := range ix.always {
		on[r] = true
	}
	for k, r := range ix.needy {
		on[ix.needID[k]] = holdsClass(written, r.Needs)
	}
	st := int32(0)
	for i := 0; i < len(s); i++ {
		st = ix.next[int(st)*256+int(s[i])]
		for _, r := range ix.out[st] {
			on[r] = true
		}
	}
}

// holdsClass reports whether s has a rune in the ranges (pairs, sorted).
func holdsClass(s string, ranges []rune) bool {
	for _, c := range s {
		// The first pair whose high end is at least c.
		i := sort.Search(len(ranges)/2, func(i int) bool { return ranges[2*i+1] >= c })
		if i < len(ranges)/2 && ranges[2*i] <= c {
			return true
		}
	}
	return false
}
