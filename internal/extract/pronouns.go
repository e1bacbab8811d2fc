package extract

import (
	"cmp"
	"slices"
	"sync"
	"unicode"
	"unicode/utf8"
)

// pronounIndex finds in one pass over a sentence where each pronoun of the
// packs is written, so that a sentence is read once rather than once per
// pronoun, and holds no lowered copy of its text: a rune is lowered only where a
// pronoun's first rune may start.
type pronounIndex struct {
	// words are the selves, the addressees and the other pronouns, in the order
	// they are tried: a group after another, each longest first.
	words []indexedPronoun
	// ascii lists, by lowered ASCII rune, the words starting with it; other
	// holds the other first runes. The lists [0] are of the words looked for
	// outside a turn, [1] of all.
	ascii [2][utf8.RuneSelf][]int32
	other [2]map[rune][]int32
	// empty are the empty words, written at every place (a pack may list "").
	empty []int32
	// starts marks, for each mode as ascii, the runes below 0x10000 that
	// lower to a word's first rune.
	starts [2][]uint64
}

// Groups of pronouns, in the order they are tried.
const (
	groupSelf = iota
	groupAddressee
	groupOther
)

type indexedPronoun struct {
	pronoun
	group int
}

// A pronounHit is a place a pronoun is written: the word's place in
// [pronounIndex.words] and the rune offset in the sentence.
type pronounHit struct {
	word, at int32
}

func newPronounIndex(selves, addressees, others []pronoun) *pronounIndex {
	ix := &pronounIndex{other: [2]map[rune][]int32{{}, {}}}
	for g, ps := range [][]pronoun{selves, addressees, others} {
		for _, p := range ps {
			ix.words = append(ix.words, indexedPronoun{p, g})
		}
	}
	for i, p := range ix.words {
		if len(p.runes) == 0 {
			ix.empty = append(ix.empty, int32(i))
			continue
		}
		f := p.runes[0]
		for turn := range 2 {
			if p.group != groupOther && turn == 0 {
				continue
			}
			if f < utf8.RuneSelf {
				ix.ascii[turn][f] = append(ix.ascii[turn][f], int32(i))
			} else {
				ix.other[turn][f] = append(ix.other[turn][f], int32(i))
			}
		}
	}
	for mode := range ix.starts {
		set := make([]uint64, 0x10000/64)
		mark := func(f rune) {
			if f > 0xFFFF {
				return
			}
			if rune(bmpLower()[f]) == f {
				set[f/64] |= 1 << (f % 64)
			}
			for _, r := range bmpRaised()[f] {
				set[r/64] |= 1 << (r % 64)
			}
		}
		for f, ws := range ix.ascii[mode] {
			if len(ws) > 0 {
				mark(rune(f))
			}
		}
		for f := range ix.other[mode] {
			mark(f)
		}
		ix.starts[mode] = set
	}
	return ix
}

// bmpRaised lists, for each rune below 0x10000 that other runes below 0x10000
// lower to, those runes.
var bmpRaised = sync.OnceValue(func() map[rune][]rune {
	m := map[rune][]rune{}
	for r, l := range bmpLower() {
		if rune(l) != rune(r) {
			m[rune(l)] = append(m[rune(l)], rune(r))
		}
	}
	return m
})

// bmpLower is unicode.ToLower of each rune below 0x10000, which lowers each
// to a rune below 0x10000 too: a table read rather than a search of the case
// ranges for every character of a Chinese text.
var bmpLower = sync.OnceValue(func() []uint16 {
	t := make([]uint16, 0x10000)
	for r := range rune(len(t)) {
		l := unicode.ToLower(r)
		if l > 0xFFFF {
			panic("extract: a rune below 0x10000 lowers above it")
		}
		t[r] = uint16(l)
	}
	return t
})

// lowerRune lowers r as strings.ToLower lowers it rune by rune.
func lowerRune(r rune) rune {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return r
	}
	return unicode.ToLower(r)
}

// appendHits appends to hits every place in seg, a sentence's runes, where a
// word is written (lowered), with a word boundary around a Latin word and not
// after 其 for another, ordered as the words are tried and then by place. The
// selves and addressees are looked for only in a turn.
func (ix *pronounIndex) appendHits(hits []pronounHit, seg []rune, turn bool) []pronounHit {
	n := len(hits)
	mode := 0
	if turn {
		mode = 1
	}
	ascii, other, starts := &ix.ascii[mode], ix.other[mode], ix.starts[mode]
	lower := bmpLower()
	for i, r := range seg {
		var l rune
		if r <= 0xFFFF {
			if starts[r/64]&(1<<(r%64)) == 0 {
				continue
			}
			l = rune(lower[r])
		} else {
			l = unicode.ToLower(r)
		}
		// Some runes lower to ASCII: İ to i, the Kelvin sign to k.
		var cands []int32
		if l < utf8.RuneSelf {
			cands = ascii[l]
		} else {
			cands = other[l]
		}
		for _, wi := range cands {
			p := &ix.words[wi]
			if !ix.writtenAt(p, seg, i) {
				continue
			}
			hits = append(hits, pronounHit{word: wi, at: int32(i)})
		}
	}
	for _, wi := range ix.empty {
		p := &ix.words[wi]
		for i := 0; i <= len(seg); i++ {
			if (p.group == groupOther || turn) && ix.writtenAt(p, seg, i) {
				hits = append(hits, pronounHit{word: wi, at: int32(i)})
			}
		}
	}
	slices.SortFunc(hits[n:], func(a, b pronounHit) int {
		return cmp.Or(cmp.Compare(a.word, b.word), cmp.Compare(a.at, b.at))
	})
	return hits
}

// writtenAt reports whether p is written at rune i of seg, its first rune
// already known to be: the rest of its runes lowered, and the word's bounds.
func (ix *pronounIndex) writtenAt(p *indexedPronoun, seg []rune, i int) bool {
	w := p.runes
	if i+len(w) > len(seg) {
		return false
	}
	for k := 1; k < len(w); k++ {
		if lowerRune(seg[i+k]) != w[k] {
			return false
		}
	}
	if p.latin {
		return !(i > 0 && isWordRune(seg[i-1])) && !(i+len(w) < len(seg) && isWordRune(seg[i+len(w)]))
	}
	return !(i > 0 && seg[i-1] == '其')
}
