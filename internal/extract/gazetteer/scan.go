package gazetteer

import (
	"math"
	"math/bits"
	"slices"
	"unicode/utf8"
)

// AppendAll appends the matches that [Matcher.FindAll] returns to dst and
// returns the extended slice. It keeps the few matches it has yet to decide
// on in the spare capacity of dst, and allocates nothing when that capacity
// suffices and text holds no combining sequences and no characters outside
// the Basic Multilingual Plane that folding changes.
func (m *Matcher) AppendAll(dst []Match, text string) []Match {
	sc := scanner{m: m, text: text, dst: dst, done: len(dst)}
	a := &m.auto
	dense, deepBase, class := a.dense, a.deepBase, &a.class
	s := uint32(0)
	// The state after the last character that went through the slow path,
	// and where that was: the point from which the fast path can be replayed
	// when a combining mark turns out to join a character it already fed.
	mark, markState := 0, uint32(0)
	for i := 0; i < len(text); {
		// The fast path takes ASCII and whole characters with a fast lead
		// byte, so every byte of invalid UTF-8 goes through the slow path.
		// A pattern never ends inside a character, so only the last byte
		// of one can lead to a match.
		if b := text[i]; b < utf8.RuneSelf {
			if c := class[b]; s < deepBase {
				s = dense[s+c]
			} else {
				s = a.deepNext(s, c)
			}
			i++
		} else if fastLead[b] && i+2 < len(text) && text[i+1]&0xC0 == 0x80 && text[i+2]&0xC0 == 0x80 {
			for _, c := range [3]uint32{class[b], class[text[i+1]], class[text[i+2]]} {
				if s < deepBase {
					s = dense[s+c]
				} else {
					s = a.deepNext(s, c)
				}
			}
			i += 3
		} else {
			s, i = sc.slow(s, i, mark, markState)
			mark, markState = i, s&^flagMatch
		}
		if s >= flagMatch {
			s &^= flagMatch
			sc.matched(s, i)
		}
	}
	sc.commit(math.MaxInt)
	return sc.dst
}

// slow handles the character at i, which the fast path does not take: it
// folds the segment that starts there and feeds the fold to the automaton,
// which is in state s. When that character joins the one before it, which
// the fast path has already fed, the automaton first goes back to where the
// slow path last left it, mark in state markState, and replays the text up
// to the start of the segment. slow returns the new state, with flagMatch if
// it ends a pattern, and the end of the segment.
func (sc *scanner) slow(s uint32, i, mark int, markState uint32) (uint32, int) {
	a, text := &sc.m.auto, sc.text
	if i > mark && sc.m.tab.joinsAt(text, i) {
		if r, size := utf8.DecodeLastRuneInString(text[mark:i]); r != utf8.RuneError || size != 1 {
			i -= size
			s = markState
			for j := mark; j < i; j++ {
				s = a.next(s, a.class[text[j]]) &^ flagMatch
			}
		}
	}
	f, end := sc.m.tab.segment(text, i)
	if f == invalidFold {
		sc.invalid = true
	}
	for k := 0; k < len(f); k++ {
		s = a.next(s, a.class[f[k]]) &^ flagMatch
	}
	if out, dict := a.output(s); out != 0 || dict != 0 {
		s |= flagMatch
	}
	return s, end
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
	// invalid records whether the text so far held invalid UTF-8, where
	// counting code points takes decoding.
	invalid bool
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
				// text that state s stands for, which ends with p.
				horizon = st
				if d := int(m.auto.depth(s)) - int(p.len); d > 0 {
					horizon, _ = t.back(text, st, d)
				}
			}
			sc.commit(horizon)
			if st < sc.pos {
				continue
			}
		}
		if len(sc.dst) == cap(sc.dst) {
			// Double rather than let append grow a long slice by a
			// quarter at a time, which copies it over and over.
			sc.dst = slices.Grow(sc.dst, len(sc.dst)+8)
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
		sc.cpAt += sc.count(sc.byteAt, b.Start)
		b.Start, sc.byteAt = sc.cpAt, b.Start
		sc.cpAt += sc.count(sc.byteAt, b.End)
		sc.byteAt, sc.pos = b.End, b.End
		b.End = sc.cpAt
		wait[0] = b
		sc.done++
		sc.dst = sc.dst[:sc.done+n-1]
	}
}

// count returns the number of code points in text[from:to], which the
// scanner has passed.
func (sc *scanner) count(from, to int) int {
	if sc.invalid {
		return utf8.RuneCountInString(sc.text[from:to])
	}
	// In valid UTF-8 a code point is a byte that is not a continuation
	// byte (10xxxxxx); count them eight at a time.
	text := sc.text
	n := to - from
	i := from
	for ; i+8 <= to; i += 8 {
		n -= continuations(word(text, i))
	}
	if i == to {
		return n
	}
	if to < 8 {
		for ; i < to; i++ {
			if text[i]&0xC0 == 0x80 {
				n--
			}
		}
		return n
	}
	// The rest are the top bytes of the word that ends at to.
	return n - continuations(word(text, to-8)&(^uint64(0)<<(8*(8-(to-i)))))
}

// word returns the eight bytes of s at i as a little-endian integer.
func word(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// continuations returns the number of bytes of x that are 10xxxxxx.
func continuations(x uint64) int {
	return bits.OnesCount64(x &^ (x << 1) & 0x8080808080808080)
}
