package gazetteer

import (
	"math"
	"unicode/utf8"
)

// AppendAll appends the matches that [Matcher.FindAll] returns to dst and
// returns the extended slice. It allocates nothing when dst has room for the
// matches and text holds no combining sequences or characters outside the
// Basic Multilingual Plane that folding changes.
func (m *Matcher) AppendAll(dst []Match, text string) []Match {
	sc := scanner{m: m, text: text, dst: dst, done: len(dst)}
	a := &m.auto
	dense, deepBase, scan, feed := a.dense, a.deepBase, &a.scanClass, &a.feedClass
	s := uint32(0)
	// The state after the last character that went through the slow path,
	// and where that was: the point from which the fast path can be replayed
	// when a combining mark turns out to join a character it already fed.
	mark, markState := 0, uint32(0)
	for i := 0; i < len(text); {
		var next uint32
		if c := scan[text[i]]; s < deepBase {
			next = dense[s+c]
		} else {
			next = a.deepNext(s, c)
		}
		if next < flagMatch {
			s = next
			i++
			continue
		}
		if next != escape {
			s = next &^ flagMatch
			i++
			sc.matched(s, i)
			continue
		}
		if i > mark && m.tab.joinsAt(text, i) {
			if r, size := utf8.DecodeLastRuneInString(text[mark:i]); r != utf8.RuneError || size != 1 {
				i -= size
				s = markState
				for j := mark; j < i; j++ {
					s = a.next(s, scan[text[j]]) &^ flagMatch
				}
			}
		}
		f, end := m.tab.segment(text, i)
		for k := 0; k < len(f); k++ {
			s = a.next(s, feed[f[k]]) &^ flagMatch
		}
		i = end
		if out, dict := a.output(s); out != 0 || dict != 0 {
			sc.matched(s, i)
		}
		mark, markState = i, s
	}
	sc.commit(math.MaxInt)
	return sc.dst
}

// scanner turns the automaton's pattern ends into leftmost-longest matches.
// The automaton reports every occurrence, overlapping or not, at its end;
// those that pass the boundary checks wait in dst[done:], with byte offsets,
// until no later occurrence can begin before the leftmost of them.
type scanner struct {
	m    *Matcher
	text string
	dst  []Match
	done int // dst[:done] are final
	pos  int // byte offset where the last final match ends

	// A byte offset and its code point offset, for converting offsets of
	// final matches, which come in order.
	byteAt, cpAt int
}

// matched handles the state s reached at the byte offset e.
func (sc *scanner) matched(s uint32, e int) {
	m, t, text := sc.m, sc.m.tab, sc.text
	if !t.boundary(text, e) {
		return
	}
	horizon := -1
	after := 0 // whether a word character follows e: 0 unknown, 1 no, 2 yes
	o, dict := m.auto.output(s)
	if o == 0 {
		o, dict = m.auto.output(dict)
	}
	for ; o != 0; o, dict = m.auto.output(dict) {
		p := &m.pats[o-1]
		if p.lastWord {
			if after == 0 {
				after = 1
				if t.wordAfter(text, e) {
					after = 2
				}
			}
			if after == 2 {
				continue
			}
		}
		st, ok := t.back(text, e, int(p.len))
		if !ok || st < sc.pos || p.firstWord && t.wordBefore(text, st) {
			continue
		}
		if len(sc.dst) > sc.done {
			if horizon < 0 {
				// No occurrence that ends later can begin before the
				// text that state s stands for.
				horizon, _ = t.back(text, e, int(m.auto.depth(s)))
			}
			sc.commit(horizon)
			if st < sc.pos {
				continue
			}
		}
		sc.dst = append(sc.dst, Match{Start: st, End: e, Value: p.value})
	}
}

// commit makes final, leftmost first, each waiting match that begins before
// the byte offset h, and drops those it overlaps.
func (sc *scanner) commit(h int) {
	for len(sc.dst) > sc.done {
		wait := sc.dst[sc.done:]
		best := 0
		for k := 1; k < len(wait); k++ {
			if wait[k].Start < wait[best].Start || wait[k].Start == wait[best].Start && wait[k].End > wait[best].End {
				best = k
			}
		}
		b := wait[best]
		if b.Start >= h {
			return
		}
		wait[best] = wait[0]
		n := 1
		for k := 1; k < len(wait); k++ {
			if wait[k].Start >= b.End {
				wait[n] = wait[k]
				n++
			}
		}
		sc.cpAt += utf8.RuneCountInString(sc.text[sc.byteAt:b.Start])
		b.Start, sc.byteAt = sc.cpAt, b.Start
		sc.cpAt += utf8.RuneCountInString(sc.text[sc.byteAt:b.End])
		sc.byteAt, sc.pos = b.End, b.End
		b.End = sc.cpAt
		wait[0] = b
		sc.done++
		sc.dst = sc.dst[:sc.done+n-1]
	}
}
