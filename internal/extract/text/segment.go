package text

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sentence is a span of a transcript: a sentence, or a heading line. Start and End
// are code point offsets into the original text, half-open; Text is that span.
type Sentence struct {
	Start, End int
	Text       string
	// Heading marks a line that titles what follows (a short line without closing
	// punctuation, or the lead-in of a paragraph before a colon or question mark).
	Heading bool
	// Paragraph numbers the line the sentence belongs to, from 0.
	Paragraph int
}

// MaxHeading is the longest line, in characters, taken as a heading.
const MaxHeading = 40

// maxLeadIn is the longest paragraph lead-in ("关于“回报递减”的担忧：") taken as an
// inline heading.
const maxLeadIn = 30

func isTerminal(r rune) bool {
	switch r {
	case '。', '！', '？', '；', '!', '?', ';', '…':
		return true
	}
	return false
}

// isCloser reports runes that belong to the sentence they follow: closing quotes and
// brackets after a full stop.
func isCloser(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', '」', '』', ')', '）', ']', '】', '》':
		return true
	}
	return false
}

// Segment splits text into sentences and headings. Every line is a paragraph;
// sentences end at 。！？；… and at . ! ? ; followed by a space or the line's end
// (so 3.5 and e.g. stay whole), with closing quotes and brackets kept.
//
// The texts of the sentences are parts of text.
func Segment(text string) []Sentence {
	return AppendSentencesOf(nil, text, []rune(text))
}

// AppendSentencesOf appends the sentences and headings of text, as [Segment]
// splits it, to out; runes are the runes of text (as ranging over it yields
// them), which the caller has already, so they are not decoded again.
func AppendSentencesOf(out []Sentence, text string, runes []rune) []Sentence {
	var l line
	off := 0 // code point offset of the current line
	para := 0
	for len(text) > 0 {
		s := text
		rest := ""
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			s, rest = text[:i], text[i+1:]
		}
		trimmed := strings.TrimRight(s, "\r")
		n := len(runes) - off
		if k := slices.Index(runes[off:], '\n'); k >= 0 {
			n = k
		}
		rs := runes[off : off+n]
		for k := len(s) - len(trimmed); k > 0; k-- {
			rs = rs[:len(rs)-1]
		}
		l.set(trimmed, rs)
		out = l.appendTo(out, off, para)
		off += n + 1
		para++
		text = rest
	}
	return out
}

// line is a line of text as runes.
type line struct {
	s     string
	valid bool // s is UTF-8
	runes []rune
	// ri and bi are a rune's place in runes and its byte offset in s, from
	// which the byte offsets of the runes after it are counted.
	ri, bi int
}

// set makes the line s, whose runes are runes.
func (l *line) set(s string, runes []rune) {
	l.s, l.valid, l.runes, l.ri, l.bi = s, utf8.ValidString(s), runes, 0, 0
}

// byteAt is the byte offset in s of rune k; the sentences of a line ask in
// order, so counting goes on from the rune asked for before.
func (l *line) byteAt(k int) int {
	if k < l.ri {
		l.ri, l.bi = 0, 0
	}
	for ; l.ri < k; l.ri++ {
		l.bi += utf8.RuneLen(l.runes[l.ri])
	}
	return l.bi
}

// text is the text of runes [s, e): a part of the line, or for a line that is
// not UTF-8, its runes encoded, bad bytes as U+FFFD.
func (l *line) text(s, e int) string {
	if !l.valid {
		return string(l.runes[s:e])
	}
	bs := l.byteAt(s)
	return l.s[bs:l.byteAt(e)]
}

func (l *line) appendTo(out []Sentence, off, para int) []Sentence {
	runes := l.runes
	trimmed := strings.TrimSpace(l.s)
	if trimmed == "" {
		return out
	}
	if isHeadingLine(trimmed) {
		s, e := trimBounds(runes, 0, len(runes))
		return append(out, Sentence{Start: off + s, End: off + e, Text: l.text(s, e), Heading: true, Paragraph: para})
	}
	start := 0
	if lead := leadIn(runes); lead > 0 {
		s, e := trimBounds(runes, 0, lead)
		out = append(out, Sentence{Start: off + s, End: off + e, Text: l.text(s, e), Heading: true, Paragraph: para})
		start = lead
	}
	for i := start; i < len(runes); i++ {
		r := runes[i]
		end := -1
		switch {
		case isTerminal(r):
			end = i + 1
		case r == '.' && (i+1 == len(runes) || unicode.IsSpace(runes[i+1]) || isCloser(runes[i+1])):
			if !(i > 0 && unicode.IsDigit(runes[i-1]) && i+1 < len(runes) && unicode.IsDigit(runes[i+1])) {
				end = i + 1
			}
		}
		if end < 0 {
			continue
		}
		for end < len(runes) && (isCloser(runes[end]) || isTerminal(runes[end])) {
			end++
		}
		if s, e := trimBounds(runes, start, end); e > s {
			out = append(out, Sentence{Start: off + s, End: off + e, Text: l.text(s, e), Paragraph: para})
		}
		start = end
		i = end - 1
	}
	if s, e := trimBounds(runes, start, len(runes)); e > s {
		out = append(out, Sentence{Start: off + s, End: off + e, Text: l.text(s, e), Paragraph: para})
	}
	return out
}

func trimBounds(runes []rune, s, e int) (int, int) {
	for s < e && (unicode.IsSpace(runes[s]) || runes[s] == '-' && s+1 < e && unicode.IsSpace(runes[s+1])) {
		s++
	}
	for e > s && unicode.IsSpace(runes[e-1]) {
		e--
	}
	return s, e
}

// isHeadingLine: a short line with no sentence punctuation at all.
func isHeadingLine(line string) bool {
	if utf8.RuneCountInString(line) > MaxHeading {
		return false
	}
	for _, r := range line {
		if isTerminal(r) || r == '，' || r == ',' || r == '。' || r == '.' || r == ':' || r == '：' {
			return false
		}
	}
	return true
}

// leadIn returns the length of a paragraph's inline heading: the text up to and
// including a colon or question mark within the first few characters, when what
// follows is a sentence of its own.
func leadIn(runes []rune) int {
	limit := min(len(runes), maxLeadIn+1)
	for i := 0; i < limit; i++ {
		switch runes[i] {
		case '：', ':', '？', '?':
			lead := strings.TrimSpace(string(runes[:i]))
			if i+1 < len(runes) && i >= 4 && strings.TrimSpace(string(runes[i+1:])) != "" && !spoken(lead) {
				return i + 1
			}
			return 0
		case '。', '，', ',', '；', ';', '!', '！':
			return 0
		}
	}
	return 0
}

// spoken reports a lead-in that introduces someone's words rather than a topic: it
// starts with a pronoun or contains a verb of saying (他拿互联网作比：, He said:).
func spoken(lead string) bool {
	for _, p := range []string{"他", "她", "我", "He ", "She ", "I ", "We ", "They "} {
		if strings.HasPrefix(lead, p) {
			return true
		}
	}
	for _, v := range []string{"说", "作比", "比方", "表示", "认为", "said", "says"} {
		if strings.Contains(lead, v) {
			return true
		}
	}
	return false
}
