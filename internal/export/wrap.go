package export

import (
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

// Columns a rune takes when wrapping: a CJK character is about as wide as two Latin
// letters, a little more in the fonts Graphviz picks, so a line of 40 columns holds
// about 40 Latin or 18 CJK characters.
const (
	narrowColumns = 1.0
	wideColumns   = 2.2
)

// isWide reports whether r is an East Asian wide or full-width character.
func isWide(r rune) bool {
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return true
	}
	return false
}

func columns(s string) float64 {
	var n float64
	for _, r := range s {
		if isWide(r) {
			n += wideColumns
		} else {
			n += narrowColumns
		}
	}
	return n
}

// noLineStart are characters that must not begin a line (closing punctuation), so
// they stay with the character before them.
const noLineStart = "，。、；：？！）」』》〉】〕”’…,.;:?!)]}%·-—～"

// wrap breaks text into as few lines of at most max columns as it can, and makes
// them about equally long, so that no last line holds a lone character. Latin words
// stay whole unless longer than a line; CJK text may break between any two
// characters, but never before closing punctuation.
func wrap(text string, max float64) []string {
	toks := tokens(strings.Join(strings.Fields(text), " "))
	lines := wrapGreedy(toks, max)
	if len(lines) < 2 {
		return lines
	}
	// The narrowest width that needs no more lines; widths tried in steps of one
	// column from the average line length up.
	for w := columns(strings.Join(lines, " ")) / float64(len(lines)); w < max; w++ {
		if l := wrapGreedy(toks, w); len(l) <= len(lines) {
			return l
		}
	}
	return lines
}

// wrapGreedy fills each line with as many pieces (see [tokens]) as fit in max
// columns.
func wrapGreedy(toks []string, max float64) []string {
	var lines []string
	var line strings.Builder
	var lineCols float64
	flush := func() {
		if s := strings.TrimSpace(line.String()); s != "" {
			lines = append(lines, s)
		}
		line.Reset()
		lineCols = 0
	}
	for _, tok := range toks {
		if tok == " " {
			if lineCols > 0 {
				line.WriteString(" ")
				lineCols += narrowColumns
			}
			continue
		}
		c := columns(tok)
		if lineCols > 0 && lineCols+c > max {
			flush()
		}
		for c > max { // a word longer than a line: cut it
			head, rest := cut(tok, max)
			line.WriteString(head)
			flush()
			tok, c = rest, columns(rest)
		}
		line.WriteString(tok)
		lineCols += c
	}
	flush()
	return lines
}

// tokens splits text into unbreakable pieces: single spaces, runs of narrow
// characters (words), and single wide characters; a piece that begins with closing
// punctuation is glued to the piece before it.
func tokens(text string) []string {
	var out []string
	word := false // whether the last piece is a word that may grow
	for _, r := range text {
		switch {
		case r == ' ':
			out = append(out, " ")
			word = false
		case len(out) > 0 && out[len(out)-1] != " " && strings.ContainsRune(noLineStart, r):
			out[len(out)-1] += string(r)
		case isWide(r):
			out = append(out, string(r))
			word = false
		case word:
			out[len(out)-1] += string(r)
		default:
			out = append(out, string(r))
			word = true
		}
	}
	return out
}

// cut splits s after as many runes as fit in max columns (at least one).
func cut(s string, max float64) (string, string) {
	var c float64
	for i, r := range s {
		w := narrowColumns
		if isWide(r) {
			w = wideColumns
		}
		if i > 0 && c+w > max {
			return s[:i], s[i:]
		}
		c += w
	}
	return s, ""
}

// textWidth estimates the width in points of a line set in a sans-serif font of
// the given size, with CJK glyphs one em wide. Graphviz's WebAssembly build has no
// font metrics for CJK and measures such text far too narrow; drawing nodes at least
// this wide keeps their labels inside them.
func textWidth(line string, size float64) float64 {
	var em float64
	for _, r := range line {
		switch {
		case isWide(r):
			em += 1
		case r == ' ':
			em += 0.28
		case strings.ContainsRune("iljtf.,;:'|!()[]", r):
			em += 0.3
		case r == 'm' || r == 'w' || r == 'M' || r == 'W':
			em += 0.85
		case unicode.IsUpper(r) || unicode.IsDigit(r):
			em += 0.66
		default:
			em += 0.56
		}
	}
	return em * size
}
