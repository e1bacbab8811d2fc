package gazetteer

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

var caseFolder = cases.Fold()

// foldString is the fold of text as one piece: NFKC, Unicode case folding, and
// every run of white space turned into one blank. It allocates, so the scanner
// only uses it for the rare segments that the tables do not cover.
func foldString(s string) string {
	s = caseFolder.String(norm.NFKC.String(s))
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// foldPattern folds a pattern the way entities.Fold folds a name, so that a
// pattern and the alias it came from agree.
func foldPattern(s string) string {
	return strings.Trim(foldString(s), " ")
}

// invalidFold stands for one byte of invalid UTF-8. It never occurs in a
// pattern, so nothing matches across it.
const invalidFold = "\xff"

// asciiFold holds the fold of each ASCII byte at its own offset, so that a
// one-byte fold is a slice of a constant rather than a new string.
var asciiFold = func() string {
	var b [128]byte
	for i := range b {
		c := byte(i)
		switch {
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		case isSpaceASCII(c):
			c = ' '
		}
		b[i] = c
	}
	return string(b[:])
}()

func isSpaceASCII(c byte) bool {
	return c == ' ' || '\t' <= c && c <= '\r'
}

var asciiWord = func() (w [128]bool) {
	for c := range w {
		w[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return w
}()

// fastLead marks the UTF-8 lead bytes whose every character folds to itself,
// starts a normalization segment and is not a word character: CJK ideographs
// (U+4000–U+9FFF) and most Hangul syllables (U+B000–U+CFFF). The scanner feeds
// them to the automaton unchanged; every other non-ASCII lead byte takes the
// slow path. Text is mostly made of these and of ASCII, which is what keeps
// folding out of the hot loop.
var fastLead = [256]bool{
	0xE4: true, 0xE5: true, 0xE6: true, 0xE7: true, 0xE8: true, 0xE9: true,
	0xEB: true, 0xEC: true,
}

func inFastRange(r rune) bool {
	return 0x4000 <= r && r <= 0x9FFF || 0xB000 <= r && r <= 0xCFFF
}

// unspaced are the scripts written without spaces between words: a match next
// to one of their characters needs no word boundary.
var unspaced = []*unicode.RangeTable{
	unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul, unicode.Bopomofo,
	unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar, unicode.Yi,
}

// isWord reports whether r belongs to a word of a script written with spaces,
// so that a match may not end or begin next to it.
func isWord(r rune) bool {
	if uint32(r) < utf8.RuneSelf {
		return asciiWord[r]
	}
	if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r) {
		return false
	}
	// U+3000–U+30FF, CJK punctuation and the kana, also holds the prolonged
	// sound mark ー and the voicing marks, which the script tables file under
	// Common and Inherited.
	return !(0x3000 <= r && r <= 0x30FF) && !unicode.IsOneOf(unspaced, r)
}

// table holds the fold of every character of the Basic Multilingual Plane as
// a segment of its own, and which characters join the segment before them.
// Text outside it goes through [foldString].
type table struct {
	// fold is 0 for a character that folds to itself, else off<<8|len of its
	// fold in arena.
	fold  [0x10000]uint32
	joins [0x10000 / 64]uint64
	arena string
}

var (
	tableOnce sync.Once
	tab       *table
)

// loadTable builds the table on first use rather than at init, so programs
// that never match pay nothing.
func loadTable() *table {
	tableOnce.Do(func() { tab = buildTable() })
	return tab
}

func buildTable() *table {
	t := new(table)
	arena := []byte{0} // so that no entry is 0
	var buf [utf8.UTFMax]byte
	for r := rune(utf8.RuneSelf); r <= 0xFFFF; r++ {
		if 0xD800 <= r && r <= 0xDFFF || inFastRange(r) {
			continue
		}
		s := buf[:utf8.EncodeRune(buf[:], r)]
		p := norm.NFKC.Properties(s)
		if !p.BoundaryBefore() {
			t.joins[r>>6] |= 1 << (r & 63)
		}
		// A character without a decomposition is its own NFKC, and every
		// character that case folding changes has a simple case mapping or
		// a decomposition (checked by the tests): the rest fold to
		// themselves without asking x/text.
		if p.Decomposition() == nil && unicode.SimpleFold(r) == r && !unicode.IsSpace(r) {
			continue
		}
		f := foldString(string(s))
		if f == string(s) {
			continue
		}
		if len(f) > 0xFF {
			panic("gazetteer: fold of " + string(s) + " is too long for the table")
		}
		t.fold[r] = uint32(len(arena))<<8 | uint32(len(f))
		arena = append(arena, f...)
	}
	t.arena = string(arena)
	return t
}

// joinsRune reports whether r belongs to the segment of the character before
// it: a combining mark or another character that normalization may merge
// with its left neighbour.
func (t *table) joinsRune(r rune) bool {
	if r < utf8.RuneSelf {
		return false
	}
	if r <= 0xFFFF {
		return t.joins[r>>6]&(1<<(r&63)) != 0
	}
	var buf [utf8.UTFMax]byte
	return !norm.NFKC.Properties(buf[:utf8.EncodeRune(buf[:], r)]).BoundaryBefore()
}

// joinsAt reports whether the character at i joins the segment before it.
func (t *table) joinsAt(text string, i int) bool {
	if i >= len(text) {
		return false
	}
	b := text[i]
	if b < utf8.RuneSelf || fastLead[b] {
		return false
	}
	r, size := utf8.DecodeRuneInString(text[i:])
	if r == utf8.RuneError && size == 1 {
		return false
	}
	return t.joinsRune(r)
}

// segment returns the fold of the normalization segment that starts at i, and
// where the segment ends. A segment is a character and the characters that
// join it; normalization never reaches across segments, so text can be folded
// one segment at a time and a match can be mapped back to whole characters.
func (t *table) segment(text string, i int) (fold string, end int) {
	b := text[i]
	if b < utf8.RuneSelf {
		end = i + 1
		if !t.joinsAt(text, end) {
			return asciiFold[b : b+1], end
		}
	} else {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r == utf8.RuneError && size == 1 {
			return invalidFold, i + 1
		}
		end = i + size
		if !t.joinsAt(text, end) {
			return t.runeFold(text[i:end], r), end
		}
	}
	for t.joinsAt(text, end) {
		_, size := utf8.DecodeRuneInString(text[end:])
		end += size
	}
	return foldString(text[i:end]), end
}

// runeFold returns the fold of r, whose encoding is s, as a segment of its own.
func (t *table) runeFold(s string, r rune) string {
	if r <= 0xFFFF {
		e := t.fold[r]
		if e == 0 {
			return s
		}
		return t.arena[e>>8 : e>>8+e&0xFF]
	}
	if norm.NFKC.PropertiesString(s).Decomposition() == nil && unicode.SimpleFold(r) == r {
		return s
	}
	return foldString(s)
}

// segmentBefore returns the start of the segment that ends at j, a segment
// boundary after the start of text.
func (t *table) segmentBefore(text string, j int) int {
	if text[j-1] < utf8.RuneSelf {
		return j - 1
	}
	k := j
	for {
		r, size := utf8.DecodeLastRuneInString(text[:k])
		if r == utf8.RuneError && size == 1 {
			if k == j {
				return k - 1
			}
			return k
		}
		k -= size
		if k == 0 || !t.joinsRune(r) {
			return k
		}
	}
}

// boundary reports whether a segment may end at e, that is whether the
// character at e does not join the one before it.
func (t *table) boundary(text string, e int) bool {
	return !t.joinsAt(text, e)
}

// wordAfter reports whether the folded text at the segment boundary e begins
// with a word character.
func (t *table) wordAfter(text string, e int) bool {
	if e >= len(text) {
		return false
	}
	b := text[e]
	if fastLead[b] {
		return false
	}
	if b < utf8.RuneSelf && (e+1 == len(text) || text[e+1] < utf8.RuneSelf) {
		return asciiWord[b]
	}
	f, _ := t.segment(text, e)
	r, _ := utf8.DecodeRuneInString(f)
	return isWord(r)
}

// wordBefore reports whether the folded text before the segment boundary st
// ends with a word character.
func (t *table) wordBefore(text string, st int) bool {
	if st == 0 {
		return false
	}
	if b := text[st-1]; b < utf8.RuneSelf {
		return asciiWord[b]
	}
	g := t.segmentBefore(text, st)
	if st-g == 3 && fastLead[text[g]] {
		return false
	}
	f, _ := t.segment(text, g)
	r, _ := utf8.DecodeLastRuneInString(f)
	return isWord(r)
}

// endsSpace reports whether the fold of the segment that ends at the segment
// boundary j ends with a blank.
func (t *table) endsSpace(text string, j int) bool {
	if b := text[j-1]; b < utf8.RuneSelf {
		return isSpaceASCII(b)
	}
	f, _ := t.segment(text, t.segmentBefore(text, j))
	return f[len(f)-1] == ' '
}

// back walks back from the segment boundary e over n bytes of folded text and
// returns where they begin in text. When that is inside a segment, ok is false
// and start is the start of that segment.
//
// Folded text drops a blank that follows a blank, so a segment whose fold
// begins with one counts a byte less after a segment whose fold ends with one.
func (t *table) back(text string, e, n int) (start int, ok bool) {
	for n > 0 {
		var g, size int
		lead := false
		switch b := text[e-1]; {
		case b < utf8.RuneSelf:
			g, size, lead = e-1, 1, isSpaceASCII(b)
		case e >= 3 && fastLead[text[e-3]] && text[e-2]&0xC0 == 0x80 && b&0xC0 == 0x80:
			g, size = e-3, 3
		default:
			g = t.segmentBefore(text, e)
			f, _ := t.segment(text, g)
			size, lead = len(f), f[0] == ' '
		}
		if lead && g > 0 && t.endsSpace(text, g) {
			size--
		}
		n -= size
		e = g
		if n < 0 {
			return g, false
		}
	}
	return e, true
}
