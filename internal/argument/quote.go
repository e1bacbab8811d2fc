package argument

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"

	"github.com/graphbuilder/graph/internal/diag"
)

// Transcript is the text of a source, in which quotes are located.
//
// Quotes are compared with the text as a reader compares them, forgiving what a
// reader does not see (see [Transcript.Find]). For that the text is folded once, on
// the first search that needs it, and the folded copy is kept for every later quote:
// Text must not change after the first search, and a Transcript must not be searched
// from two goroutines at once.
type Transcript struct {
	Text string

	folded *folded
}

// Selector says which place of a quote is meant when the quote occurs more than
// once, in the manner of the W3C TextQuoteSelector. The zero Selector says nothing.
type Selector struct {
	// Occurrence is the 1-based number of the place, counted among the places that
	// fit Prefix and Suffix; 0 means none is given.
	Occurrence int
	// Prefix and Suffix, when given, are text that must come just before and just
	// after the quote, compared with the forgiveness of the quote itself.
	Prefix, Suffix string

	OccurrenceAt, PrefixAt, SuffixAt diag.Range
}

// Found is what [Transcript.Find] learnt of a quote.
type Found struct {
	// Places are the spans of every place the quote occurs, in order.
	Places []Span
	// Prefixed and Suffixed count the places that the selector's prefix comes just
	// before and its suffix just after; each is 0 when that part is not given.
	Prefixed, Suffixed int
	// Fits are the places that have both the prefix and the suffix, in order: all
	// of Places when the selector gives neither.
	Fits []Span
	// Span is the chosen place: the selector's occurrence among Fits, or the first
	// of them. OK is false when there is no such place.
	Span Span
	OK   bool
}

// Find locates every place of quote in the transcript and chooses one with sel.
// Spans are code point offsets into Text: they start at the place's first character
// and end after its last, whatever forgiveness was needed to match it.
//
// What a reader does not see is forgiven:
//   - blanks (any run of white space, or none) next to a CJK character or a
//     punctuation mark, so that `Dario 强调` matches `Dario强调` and a quote wrapped
//     over two YAML lines inside Chinese text matches the unwrapped text; between two
//     letters or digits of other scripts, a run of white space matches any run;
//   - full-width and half-width forms (`，` and `,`, `：` and `:`, `ＤｅｅｐＳｅｅｋ` and
//     `DeepSeek`), and `。` and `.`;
//   - typographic and straight quote marks: `“ ” „ « » 「 」 『 』` and `"`, `‘ ’` and `'`;
//   - characters that show nothing: zero-width spaces, word joiners, byte order
//     marks and soft hyphens.
//
// Places may overlap: `aa` occurs twice in `aaa`.
func (t *Transcript) Find(quote string, sel Selector) Found {
	f := t.fold()
	q := foldText(quote)
	var out Found
	if q == "" {
		return out
	}
	narrows := sel.Prefix != "" || sel.Suffix != ""
	pre, suf := foldText(sel.Prefix), foldText(sel.Suffix)
	for off := 0; off < len(f.text); {
		i := strings.Index(f.text[off:], q)
		if i < 0 {
			break
		}
		start, end := off+i, off+i+len(q)
		sp := f.span(start, end)
		out.Places = append(out.Places, sp)
		if narrows {
			// A blank between the quote and its prefix or suffix does not matter.
			before := sel.Prefix == "" || strings.HasSuffix(strings.TrimSuffix(f.text[:start], " "), pre)
			after := sel.Suffix == "" || strings.HasPrefix(strings.TrimPrefix(f.text[end:], " "), suf)
			if sel.Prefix != "" && before {
				out.Prefixed++
			}
			if sel.Suffix != "" && after {
				out.Suffixed++
			}
			if before && after {
				out.Fits = append(out.Fits, sp)
			}
		}
		_, size := utf8.DecodeRuneInString(f.text[start:])
		off = start + size
	}
	if !narrows {
		out.Fits = out.Places
	}
	n := 1
	if sel.Occurrence > 0 {
		n = sel.Occurrence
	}
	if n <= len(out.Fits) {
		out.Span, out.OK = out.Fits[n-1], true
	}
	return out
}

// Locate returns the span of the first place of quote in the transcript: the first
// where it occurs verbatim, found without folding the text, or else the first that
// [Transcript.Find] finds.
func (t *Transcript) Locate(quote string) (Span, bool) {
	q := strings.TrimSpace(quote)
	if q == "" {
		return Span{}, false
	}
	if i := strings.Index(t.Text, q); i >= 0 {
		start := utf8.RuneCountInString(t.Text[:i])
		return Span{Start: start, End: start + utf8.RuneCountInString(q)}, true
	}
	f := t.Find(quote, Selector{})
	return f.Span, f.OK
}

// Near is how close a quote that is not in a transcript comes to it: the longest
// start of the quote that is in the transcript (compared as [Transcript.Find]
// compares), and the first character after it where the two differ.
type Near struct {
	// Matched is the number of characters of the quote's start that match, as
	// folded (a run of blanks counts as one character, or none).
	Matched int
	// At is the code point offset in Text of the first character that differs, or
	// of the end of the matched text when End is set.
	At int
	// End says that the text ends where the quote goes on.
	End bool
	// QuoteAt is the code point offset in the quote of its first character that
	// differs; Blank says that character is white space.
	QuoteAt int
	Blank   bool
}

// Closest finds where quote comes closest to the transcript: the first place of the
// longest start of the quote that the transcript has. It returns false when not even
// the quote's first character is there, and when the whole quote is.
func (t *Transcript) Closest(quote string) (Near, bool) {
	f := t.fold()
	q := fold(quote, true)
	var starts []int // byte offsets in q.text of its characters, and its length
	for i := range q.text {
		starts = append(starts, i)
	}
	starts = append(starts, len(q.text))
	// When the text has a start of the quote, it has every shorter start too.
	lo, hi := 0, len(starts)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if strings.Contains(f.text, q.text[:starts[mid]]) {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	if lo == 0 || lo == len(starts)-1 {
		return Near{}, false
	}
	matched := q.text[:starts[lo]]
	i := strings.Index(f.text, matched)
	j := i + len(matched)
	n := Near{Matched: lo, QuoteAt: int(q.orig[starts[lo]]), Blank: q.text[starts[lo]] == ' '}
	if j < len(f.text) {
		n.At = int(f.orig[j])
	} else {
		n.At, n.End = int(f.orig[j-1])+1, true
	}
	return n, true
}

// folded is a text in the form quotes are compared in, with the way back to the
// original's characters.
type folded struct {
	text string
	// orig[i] is the code point offset in the original text of the character that
	// byte i of text was folded from (for a blank, the first of its run).
	orig []int32
}

func (t *Transcript) fold() *folded {
	if t.folded == nil {
		f := fold(t.Text, true)
		t.folded = &f
	}
	return t.folded
}

// span returns the original span of text[start:end], which begins and ends with a
// character that is not a blank.
func (f *folded) span(start, end int) Span {
	return Span{Start: int(f.orig[start]), End: int(f.orig[end-1]) + 1}
}

// fold folds s character by character (see [foldRune]), skips characters that show
// nothing (see [invisible]), and writes each run of white space as one blank where
// it separates two letters or digits that are not CJK, and not at all elsewhere.
// The decision depends only on the folded characters around the run, so a quote
// folds to a part of the folded text exactly when it matches the text there. The
// way back to s is kept when mapped is set.
func fold(s string, mapped bool) folded {
	var b strings.Builder
	b.Grow(len(s))
	var orig []int32
	if mapped {
		orig = make([]int32, 0, len(s))
	}
	blank := -1 // offset of the first blank of a pending run
	var prev rune
	k := 0
	for _, r := range s {
		if invisible(r) {
			k++
			continue
		}
		if unicode.IsSpace(r) {
			if blank < 0 {
				blank = k
			}
			k++
			continue
		}
		r = foldRune(r)
		if blank >= 0 {
			if isWord(prev) && isWord(r) {
				b.WriteByte(' ')
				if mapped {
					orig = append(orig, int32(blank))
				}
			}
			blank = -1
		}
		n := b.Len()
		b.WriteRune(r)
		if mapped {
			for range b.Len() - n {
				orig = append(orig, int32(k))
			}
		}
		prev = r
		k++
	}
	return folded{text: b.String(), orig: orig}
}

// foldText is fold without the way back, for the quotes looked for.
func foldText(s string) string {
	return fold(s, false).text
}

// invisible reports whether r is a character that shows nothing: a zero-width
// space, a word joiner, a byte order mark or a soft hyphen. It is skipped as if it
// were not there.
func invisible(r rune) bool {
	return r == '\u200b' || r == '\u2060' || r == '\ufeff' || r == '\u00ad'
}

// foldRune maps a character to the one it is compared as: its narrow form when it
// has one (full-width punctuation, letters and digits), `.` for `。`, and straight
// quote marks for typographic ones.
func foldRune(r rune) rune {
	if r < utf8.RuneSelf {
		return r
	}
	if f := width.LookupRune(r).Folded(); f != 0 {
		r = f
	}
	switch r {
	case '。':
		return '.'
	case '“', '”', '„', '‟', '«', '»', '「', '」', '『', '』', '〝', '〞', '〟':
		return '"'
	case '‘', '’', '‚', '‛', '‹', '›':
		return '\''
	}
	return r
}

// isWord reports whether blanks next to r can matter to a reader: r is a letter or
// digit (or a mark on one) of a script that separates words with blanks, not a CJK
// character or a punctuation mark.
func isWord(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	if k := width.LookupRune(r).Kind(); k == width.EastAsianWide || k == width.EastAsianFullwidth {
		return false
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
}
