package rules

import (
	"bytes"
	"regexp/syntax"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// foldRune maps a rune to the least rune that matches it case-insensitively (the
// least of its case folding orbit), the blanks \s matches to nothing, and a
// mention's token to [tokenMark]: a match of a pattern, folded, holds the
// pattern's literals folded, whether the pattern ignores case or not, whatever
// blanks \s* or \s+ stand for, and a mark where a slot took a mention.
func foldRune(r rune) (rune, bool) {
	switch {
	case r >= TokenBase:
		return tokenMark(r), true
	case isBlank(r):
		return 0, false
	case r < utf8.RuneSelf:
		if 'a' <= r && r <= 'z' {
			r -= 'a' - 'A'
		}
		return r, true
	case r <= 0xFFFF:
		return rune(bmpFolds()[r]), true
	}
	return leastFold(r), true
}

// bmpFolds are the runes below 0x10000 folded (the least of an orbit is no
// greater than its runes).
var bmpFolds = sync.OnceValue(func() []uint16 {
	t := make([]uint16, 0x10000)
	for r := range rune(len(t)) {
		t[r] = uint16(leastFold(r))
	}
	return t
})

// leastFold is the least rune of r's case folding orbit.
func leastFold(r rune) rune {
	least := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		least = min(least, f)
	}
	return least
}

// isBlank reports the runes \s matches.
func isBlank(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\f' || r == '\r'
}

// bareRune maps a mention's token to [tokenMark] and the blanks \s matches to
// nothing, and leaves other runes be: a match of a pattern, bared, holds the
// literals of the pattern that heed case, bared.
func bareRune(r rune) (rune, bool) {
	switch {
	case r >= TokenBase:
		return tokenMark(r), true
	case isBlank(r):
		return 0, false
	}
	return r, true
}

// appendFolded appends s folded rune by rune (see [foldRune]) to b.
func appendFolded(b []byte, s string) []byte {
	for _, r := range s {
		if f, ok := foldRune(r); ok {
			b = utf8.AppendRune(b, f)
		}
	}
	return b
}

// appendBare appends s bared rune by rune (see [bareRune]) to b.
func appendBare(b []byte, s string) []byte {
	for _, r := range s {
		if f, ok := bareRune(r); ok {
			b = utf8.AppendRune(b, f)
		}
	}
	return b
}

// tokenMark is what stands for a token of a mention (see [TokenBase]) in the
// text searched for cues, so that a slot is part of a cue ("\x11SAID" for
// "{speaker:group} said"): a control character (none that \s matches) for
// each block of tokens, the first for the first kind of entity. A sentence
// holding the character itself only makes rules run that then do not match.
func tokenMark(r rune) rune {
	return min(firstMark+(r-TokenBase)/TokenBlock, lastMark)
}

// The marks of mentions' tokens (see [tokenMark]); the blocks from lastMark on
// share it.
const (
	firstMark = 0x0E
	lastMark  = 0x1F
)

// Searched builds, a rune at a time, the text the cues of a sentence are
// looked for in: the sentence folded, a zero byte, and the sentence bared, or
// only the sentence folded when that is the sentence bared (text without case,
// such as Chinese). A cue from a part of a pattern that heeds case is one of
// the bare text, any other one of the folded text; both are looked for in both
// (a cue found in the other can only make a rule run that would not match).
// Built a rune at a time, a text tokenized is not read again.
type Searched struct {
	folded, bare []byte
}

// Reset empties s, keeping its buffers.
func (s *Searched) Reset() {
	s.folded, s.bare = s.folded[:0], s.bare[:0]
}

// Add adds the rune r, which must be valid, to the text.
func (s *Searched) Add(r rune) {
	if r < utf8.RuneSelf {
		// The common case, ASCII, as foldRune and bareRune have it.
		if c := byte(r); !isBlank(r) {
			s.bare = append(s.bare, c)
			if 'a' <= c && c <= 'z' {
				c -= 'a' - 'A'
			}
			s.folded = append(s.folded, c)
		}
		return
	}
	if f, ok := foldRune(r); ok {
		s.folded = utf8.AppendRune(s.folded, f)
	}
	if f, ok := bareRune(r); ok {
		s.bare = utf8.AppendRune(s.bare, f)
	}
}

// Bytes is the text searched for cues, of the runes added: valid until the
// next Reset or Add.
func (s *Searched) Bytes() []byte {
	if bytes.Equal(s.folded, s.bare) {
		return s.folded
	}
	s.folded = append(append(s.folded, 0), s.bare...)
	return s.folded
}

// maxFactors bounds the sets of strings requiredFactors builds.
const maxFactors = 1024

// A cue, while requiredFactors builds it, is its text after a byte saying
// which text it is of: bare (that heeds case) or folded.
const (
	bare   = 'b'
	folded = 'f'
)

// cueOf is the cue of the text s of a literal, bare or folded.
func cueOf(s string, caseless bool) string {
	if caseless {
		if f := appendFolded([]byte{folded}, s); len(f) > 1 {
			return string(f)
		}
	}
	return string(appendBare([]byte{bare}, s))
}

// join is the cue of a text holding the text of a and then that of b: bare
// when both are (or are empty), else folded.
func join(a, b string) string {
	switch {
	case len(a) == 1:
		return b
	case len(b) == 1:
		return a
	case a[0] == bare && b[0] == bare:
		return a + b[1:]
	}
	return string(appendFolded(appendFolded([]byte{folded}, a[1:]), b[1:]))
}

// factors is what is known of the cues of the strings a pattern matches: all
// of them when exact is set (few enough to list), and cues one of which each
// holds when req is not nil.
type factors struct {
	exact []string
	known bool
	req   []string
	// prefix, when not nil, are cues one of which each match starts with.
	prefix []string
}

// starts are cues one of which each match starts with, nil when none are known.
func (f factors) starts() []string {
	if f.known {
		return f.exact
	}
	return f.prefix
}

// requiredFactors returns cues of which every match of re holds one (see
// [Searched]), nil when none are known; the set whose shortest cue is
// longest of those found.
func requiredFactors(re *syntax.Regexp) []string {
	req := factorsOf(re).required()
	var texts []string
	for _, c := range req {
		texts = append(texts, c[1:])
	}
	// A cue holding another of the set says no more than that one.
	var out []string
	for _, s := range texts {
		implied := false
		for _, t := range texts {
			if t != s && strings.Contains(s, t) {
				implied = true
				break
			}
		}
		if !implied && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// required is the best set of cues every match holds one of.
func (f factors) required() []string {
	best := f.req
	if f.known && len(f.exact) > 0 {
		best = better(best, f.exact)
	}
	return best
}

// better is the more selective of two sets of required cues: the one whose
// shortest cue is longer, then the smaller; a set holding an empty cue says
// nothing.
func better(a, b []string) []string {
	if len(b) == 0 || cueLen(b) == 0 {
		return a
	}
	if len(a) == 0 || cueLen(a) == 0 {
		return b
	}
	if ma, mb := cueLen(a), cueLen(b); mb > ma || mb == ma && len(b) < len(a) {
		return b
	}
	return a
}

// cueLen is the length of the shortest text of the cues.
func cueLen(cues []string) int {
	m := len(cues[0])
	for _, c := range cues {
		m = min(m, len(c))
	}
	return m - 1
}

var onlyEmpty = factors{exact: []string{string(rune(bare))}, known: true}

func factorsOf(re *syntax.Regexp) factors {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return onlyEmpty
	case syntax.OpLiteral:
		// A literal that ignores case matches the runes of each rune's orbit,
		// which all fold to the same rune.
		return factors{exact: []string{cueOf(string(re.Rune), re.Flags&syntax.FoldCase != 0)}, known: true}
	case syntax.OpCharClass:
		// A class lists every rune it matches, those of the orbits included
		// when it ignores case; a class of mentions' tokens (a slot) matches
		// what the searched text marks them with.
		if len(re.Rune) > 0 && re.Rune[0] >= TokenBase {
			set := map[string]bool{}
			for i := 0; i+1 < len(re.Rune); i += 2 {
				for m := tokenMark(re.Rune[i]); m <= tokenMark(re.Rune[i+1]); m++ {
					set[cueOf(string(m), false)] = true
				}
			}
			if len(set) > 16 {
				return factors{}
			}
			return factors{exact: sortedKeys(set), known: true}
		}
		set := map[string]bool{}
		for i := 0; i+1 < len(re.Rune); i += 2 {
			if re.Rune[i+1]-re.Rune[i] >= 16 {
				return factors{}
			}
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				set[cueOf(string(r), false)] = true
				if len(set) > 16 {
					return factors{}
				}
			}
		}
		if len(set) == 0 {
			return factors{}
		}
		return factors{exact: sortedKeys(set), known: true}
	case syntax.OpCapture:
		return factorsOf(re.Sub[0])
	case syntax.OpStar:
		if sub := factorsOf(re.Sub[0]); sub.onlyEmpty() {
			return onlyEmpty
		}
		return factors{}
	case syntax.OpQuest:
		sub := factorsOf(re.Sub[0])
		if !sub.known {
			return factors{}
		}
		return factors{exact: union(sub.exact, onlyEmpty.exact), known: true}
	case syntax.OpPlus:
		sub := factorsOf(re.Sub[0])
		if sub.onlyEmpty() {
			return onlyEmpty
		}
		return factors{req: sub.required(), prefix: sub.starts()}
	case syntax.OpRepeat:
		sub := factorsOf(re.Sub[0])
		switch {
		case sub.onlyEmpty() || re.Max == 0:
			return onlyEmpty
		case re.Min >= 1:
			return factors{req: sub.required(), prefix: sub.starts()}
		}
		return factors{}
	case syntax.OpConcat:
		return concatFactors(re.Sub)
	case syntax.OpAlternate:
		exact, known := []string{}, true
		var req []string
		reqKnown := true
		prefix := []string{}
		for _, sub := range re.Sub {
			f := factorsOf(sub)
			if p := f.starts(); prefix != nil && p != nil && len(prefix)+len(p) <= maxFactors {
				prefix = union(prefix, p)
			} else {
				prefix = nil
			}
			if known && f.known && len(exact)+len(f.exact) <= maxFactors {
				exact = union(exact, f.exact)
			} else {
				known = false
			}
			if r := f.required(); reqKnown && r != nil && cueLen(r) > 0 && len(req)+len(r) <= maxFactors {
				req = union(req, r)
			} else {
				reqKnown = false
			}
		}
		if !known {
			exact = nil
		}
		if !reqKnown {
			req = nil
		}
		if known {
			prefix = nil
		}
		return factors{exact: exact, known: known, req: req, prefix: prefix}
	}
	return factors{}
}

func (f factors) onlyEmpty() bool {
	return f.known && len(f.exact) == 1 && len(f.exact[0]) == 1
}

// concatFactors: the matches of a concatenation hold, for each run of parts
// whose matches are known, one of the products of those matches, and what each
// part's matches hold. A run whose product grows too large loses its first
// parts: the matches hold the product of any parts in a row.
func concatFactors(subs []*syntax.Regexp) factors {
	// parts are the known matches of the parts of the run, run their product.
	var parts [][]string
	run := onlyEmpty.exact
	all := true
	var best, prefix []string
	// starting says the matches start with the run's.
	starting := true
	for _, sub := range subs {
		f := factorsOf(sub)
		if !f.known {
			// The run, and what the part starts with joined to it.
			best = better(better(best, run), f.req)
			p := f.starts()
			if p != nil && len(run)*len(p) <= maxFactors {
				best = better(best, product(run, p))
				if starting {
					prefix = product(run, p)
				}
			} else if starting {
				prefix = run
			}
			parts, run, all, starting = nil, onlyEmpty.exact, false, false
			continue
		}
		if len(run)*len(f.exact) <= maxFactors {
			parts = append(parts, f.exact)
			run = product(run, f.exact)
			continue
		}
		best = better(best, run)
		if starting {
			prefix, starting = run, false
		}
		all = false
		parts = append(parts, f.exact)
		for {
			parts = parts[1:]
			run = onlyEmpty.exact
			for _, p := range parts {
				run = product(run, p)
			}
			if len(run) <= maxFactors {
				break
			}
		}
	}
	if all {
		return factors{exact: run, known: true}
	}
	return factors{req: better(best, run), prefix: prefix}
}

func product(a, b []string) []string {
	set := map[string]bool{}
	for _, x := range a {
		for _, y := range b {
			set[join(x, y)] = true
		}
	}
	return sortedKeys(set)
}

func union(a, b []string) []string {
	set := map[string]bool{}
	for _, x := range a {
		set[x] = true
	}
	for _, y := range b {
		set[y] = true
	}
	return sortedKeys(set)
}

func sortedKeys(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
