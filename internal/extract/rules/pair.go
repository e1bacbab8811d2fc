package rules

import (
	"regexp/syntax"
	"slices"
	"unicode"
)

// Pair is a prefilter read from a pattern: two classes of runes such that
// every match of the pattern holds a rune of Before just before a rune of
// After, or starts the text with a rune of After when AtStart is set. It says
// more than cues where a pattern's literals are common and its classes large
// (a surname after a clause break, before a verb of saying).
type Pair struct {
	// Before and After are rune ranges (pairs, sorted, lowest first).
	Before, After []rune
	AtStart       bool
}

// maxPairClass bounds the classes of a pair: the length of their lists of
// ranges (a common surname each is a few hundred).
const maxPairClass = 4096

// pairOf finds a pair in a compiled pattern: two neighbours at the top level
// of the pattern, the first ending with a rune of a class (or matching only the
// empty text at its start), the second starting with one. It returns nil when
// there is none.
func pairOf(re *syntax.Regexp) *Pair {
	subs := topLevel(re)
	for i := 0; i+1 < len(subs); i++ {
		before, atStart, ok := lastRunes(subs[i])
		if !ok || len(before) == 0 && !atStart {
			continue
		}
		after, ok := firstRunes(subs[i+1])
		if !ok || emptyWidth(subs[i+1]) || len(after) == 0 {
			continue
		}
		return &Pair{Before: before, After: after, AtStart: atStart}
	}
	return nil
}

// classRunes are the ranges a one-rune node matches.
func classRunes(re *syntax.Regexp) ([]rune, bool) {
	switch re.Op {
	case syntax.OpCharClass:
		if len(re.Rune) > maxPairClass {
			return nil, false
		}
		// A class that ignores case lists the runes of every orbit already.
		return slices.Clone(re.Rune), true
	case syntax.OpAnyCharNotNL:
		return []rune{0, '\n' - 1, '\n' + 1, unicode.MaxRune}, true
	case syntax.OpAnyChar:
		return []rune{0, unicode.MaxRune}, true
	}
	return nil, false
}

// literalRune is the class of rune r of a literal.
func literalRune(re *syntax.Regexp, r rune) []rune {
	set := []rune{r, r}
	if re.Flags&syntax.FoldCase != 0 {
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			set = append(set, f, f)
		}
	}
	return set
}

// lastRunes returns the runes a match of re ends with, and whether re also
// matches the empty text at the start of the text (^) and nowhere else; ok is
// false when that is not known, or when re may match the empty text
// elsewhere.
func lastRunes(re *syntax.Regexp) (set []rune, atStart, ok bool) {
	switch re.Op {
	case syntax.OpCapture:
		return lastRunes(re.Sub[0])
	case syntax.OpBeginText:
		return nil, true, true
	case syntax.OpLiteral:
		if len(re.Rune) == 0 {
			return nil, false, false
		}
		return literalRune(re, re.Rune[len(re.Rune)-1]), false, true
	case syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		set, ok := classRunes(re)
		return set, false, ok
	case syntax.OpPlus:
		return lastRunes(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min < 1 {
			return nil, false, false
		}
		return lastRunes(re.Sub[0])
	case syntax.OpConcat:
		// The last part, when it always takes a rune.
		if n := len(re.Sub); n > 0 && !emptyWidth(re.Sub[n-1]) {
			return lastRunes(re.Sub[n-1])
		}
		return nil, false, false
	case syntax.OpAlternate:
		set, ok := unionRunes(re.Sub, func(sub *syntax.Regexp) ([]rune, bool) {
			s, st, ok := lastRunes(sub)
			atStart = atStart || st
			return s, ok
		})
		return set, atStart && ok, ok
	}
	return nil, false, false
}

// unionRunes is the union of the runes runes finds for each of subs (branches of
// an alternation); ok is false when runes does not know those of one, or when
// there are too many for a pair.
func unionRunes(subs []*syntax.Regexp, runes func(*syntax.Regexp) ([]rune, bool)) (set []rune, ok bool) {
	for _, sub := range subs {
		s, ok := runes(sub)
		if !ok {
			return nil, false
		}
		set = append(set, s...)
	}
	set = normalize(set)
	if len(set) > maxPairClass {
		return nil, false
	}
	return set, true
}

// emptyWidth reports a node that may match the empty text.
func emptyWidth(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpLiteral:
		return len(re.Rune) == 0
	case syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return false
	case syntax.OpCapture, syntax.OpPlus:
		return emptyWidth(re.Sub[0])
	case syntax.OpRepeat:
		return re.Min == 0 || emptyWidth(re.Sub[0])
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			if !emptyWidth(sub) {
				return false
			}
		}
		return true
	case syntax.OpAlternate:
		return slices.ContainsFunc(re.Sub, emptyWidth)
	}
	// Stars, quests, the empty match and assertions.
	return true
}

// firstRunes returns the runes a non-empty match of re starts with; ok is false
// when they are not known. Whether re may match the empty text is
// [emptyWidth].
func firstRunes(re *syntax.Regexp) (set []rune, ok bool) {
	switch re.Op {
	case syntax.OpCapture, syntax.OpPlus, syntax.OpStar, syntax.OpQuest, syntax.OpRepeat:
		return firstRunes(re.Sub[0])
	case syntax.OpLiteral:
		if len(re.Rune) == 0 {
			return nil, true
		}
		return literalRune(re, re.Rune[0]), true
	case syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return classRunes(re)
	case syntax.OpConcat:
		var all []rune
		for _, sub := range re.Sub {
			s, ok := firstRunes(sub)
			if !ok {
				return nil, false
			}
			all = append(all, s...)
			if !emptyWidth(sub) {
				all = normalize(all)
				return all, len(all) <= maxPairClass
			}
		}
		return normalize(all), true
	case syntax.OpAlternate:
		return unionRunes(re.Sub, firstRunes)
	}
	// Assertions and the empty match take no rune, and what they assert is
	// not known here.
	return nil, false
}

// normalize sorts and merges rune ranges (pairs).
func normalize(rs []rune) []rune {
	type rng struct{ lo, hi rune }
	var rr []rng
	for i := 0; i+1 < len(rs); i += 2 {
		rr = append(rr, rng{rs[i], rs[i+1]})
	}
	slices.SortFunc(rr, func(a, b rng) int { return int(a.lo - b.lo) })
	var out []rune
	for _, r := range rr {
		if n := len(out); n > 0 && r.lo <= out[n-1]+1 {
			out[n-1] = max(out[n-1], r.hi)
			continue
		}
		out = append(out, r.lo, r.hi)
	}
	return out
}
