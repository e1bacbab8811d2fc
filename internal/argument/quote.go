package argument

import (
	"strings"
	"unicode/utf8"
)

// Transcript is the text of a source, with a cheap conversion from byte offsets to
// character offsets.
type Transcript struct {
	Text string
}

// Locate finds the first occurrence of quote in the transcript and returns its span in
// character offsets. Quotes are matched verbatim, except that any run of white space in
// the quote matches any run of white space in the text (line breaks in a YAML string
// need not match the transcript's).
func (t Transcript) Locate(quote string) (Span, bool) {
	q := strings.TrimSpace(quote)
	if q == "" {
		return Span{}, false
	}
	if i := strings.Index(t.Text, q); i >= 0 {
		start := utf8.RuneCountInString(t.Text[:i])
		return Span{Start: start, End: start + utf8.RuneCountInString(q)}, true
	}
	words := strings.Fields(q)
	if len(words) < 2 {
		return Span{}, false
	}
	for off := 0; off < len(t.Text); {
		i := strings.Index(t.Text[off:], words[0])
		if i < 0 {
			break
		}
		begin := off + i
		if end, ok := matchWords(t.Text, begin, words); ok {
			start := utf8.RuneCountInString(t.Text[:begin])
			return Span{Start: start, End: start + utf8.RuneCountInString(t.Text[begin:end])}, true
		}
		off = begin + len(words[0])
	}
	return Span{}, false
}

func matchWords(text string, pos int, words []string) (int, bool) {
	for i, w := range words {
		if i > 0 {
			j := pos
			for j < len(text) {
				r, size := utf8.DecodeRuneInString(text[j:])
				if !isSpace(r) {
					break
				}
				j += size
			}
			if j == pos {
				return 0, false
			}
			pos = j
		}
		if !strings.HasPrefix(text[pos:], w) {
			return 0, false
		}
		pos += len(w)
	}
	return pos, true
}

func isSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\u3000' || r == '\u00a0'
}
