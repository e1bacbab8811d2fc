package transcript

import (
	"bytes"
	"html"
	"time"
	"unicode/utf8"

	"github.com/graphbuilder/graph/internal/diag"
)

// cueLine is a line of a cue's text, white space trimmed, with where it begins.
type cueLine struct {
	raw       []byte
	line, col int
}

// voice is a WebVTT voice tag (<v Name>) at a byte offset of a normalized line.
type voice struct {
	at    int
	label []byte
}

// frag is the text one caption line gives to a part of a cue: bytes [from, to)
// of the cue's text, and where it is written.
type frag struct {
	from, to  int
	line, col int
	exact     bool
}

// part is the text of a cue that one speaker says: the whole cue, or what follows a
// voice tag, a label or a dialogue dash.
type part struct {
	label    string
	newTurn  bool // a dialogue dash: an utterance of its own even under the same label
	from, to int  // bytes of captions.text
	f0, f1   int  // frags of captions.frags
}

// captions turns the cues of a WebVTT or SRT file into utterances. It keeps its
// buffers from cue to cue, so that reading a cue allocates nothing.
type captions struct {
	b    *builder
	data []byte
	// weak counts the labels at the start of lines that are not strong (see
	// [isLabel]) and the names of voice tags; nil until a weak label is met.
	weak counts
	// rolling is set for captions that repeat the words before (YouTube's
	// automatic captions); each cue then adds only the words that are new.
	rolling bool

	line   []byte // a normalized line
	voices []voice
	text   []byte // a cue's normalized text
	parts  []part
	frags  []frag
	lines  []cueLine
	ends   []int
}

func newCaptions(b *builder, data []byte) *captions {
	return &captions{b: b, data: data, rolling: hasInlineTime(data)}
}

// isLabel reports whether a label at the start of a caption line counts: a strong
// one always, a weak one when it begins at least two lines of the file, names a
// voice or is known (see [Parse]). The file is counted the first time a weak label is met.
func (c *captions) isLabel(label []byte, strong bool) bool {
	if strong {
		return true
	}
	if c.weak == nil {
		c.countLabels()
	}
	return c.b.weakCounts(label, c.weak.get(label))
}

// countLabels counts the weak labels at the starts of the file's lines, and the
// names of its voice tags.
func (c *captions) countLabels() {
	c.weak = counts{}
	r := lineReader{data: c.data}
	var line []byte
	for {
		raw, ok := r.next()
		if !ok {
			break
		}
		raw, _ = trimSpace(raw)
		if len(raw) == 0 || isDigit(raw[0]) {
			continue
		}
		for rest := raw; ; {
			i := bytes.Index(rest, []byte("<v"))
			if i < 0 {
				break
			}
			rest = rest[i+2:]
			if len(rest) > 0 && (rest[0] == ' ' || rest[0] == '.' || rest[0] == '\t') {
				if j := bytes.IndexByte(rest, '>'); j >= 0 {
					tag := rest[:j]
					if k := bytes.IndexAny(tag, " \t"); k >= 0 {
						name, _ := trimSpace(tag[k:])
						c.weak.add(name, 2) // a voice is a label, and so are its words before a colon
					}
				}
			}
		}
		if !mayHaveLabel(raw) {
			continue
		}
		line, _ = normalize(line[:0], nil, raw)
		s := line
		if n := dash(s); n > 0 {
			s = s[n:]
		}
		if l, _, strong, ok := labelAt(s); ok && !strong {
			c.weak.add(l, 1)
		}
	}
}

// counts counts labels. Its values are pointers so that counting a label met
// before, looked up by a byte slice, allocates nothing.
type counts map[string]*int

func (m counts) add(label []byte, n int) {
	p := m[string(label)]
	if p == nil {
		p = new(int)
		m[string(label)] = p
	}
	*p += n
}

func (m counts) get(label []byte) int {
	if p := m[string(label)]; p != nil {
		return *p
	}
	return 0
}

// mayHaveLabel is a quick test that the start of a line has a colon.
func mayHaveLabel(s []byte) bool {
	s = s[:min(len(s), maxLabel+16)]
	return bytes.IndexByte(s, ':') >= 0 || bytes.Contains(s, []byte(fullColon))
}

// hasInlineTime reports whether the captions have inline time tags
// (<00:00:01.500>), which word-by-word automatic captions write.
func hasInlineTime(data []byte) bool {
	for i := 0; ; {
		j := bytes.IndexByte(data[i:], '<')
		if j < 0 {
			return false
		}
		i += j + 1
		if i+3 <= len(data) && isDigit(data[i]) && isDigit(data[i+1]) && data[i+2] == ':' {
			return true
		}
	}
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// dash returns the length of a dialogue dash at the start of s ("- " or a dash
// before a capital letter), or 0.
func dash(s []byte) int {
	if len(s) < 2 || s[0] != '-' {
		return 0
	}
	if s[1] == ' ' {
		n := 2
		for n < len(s) && s[n] == ' ' {
			n++
		}
		return n
	}
	if r, _ := utf8.DecodeRune(s[1:]); r != utf8.RuneError && isUpperOrCJK(r) {
		return 1
	}
	return 0
}

func isUpperOrCJK(r rune) bool {
	return 'A' <= r && r <= 'Z' || r > utf8.RuneSelf && (isCJK(r) || r == '“' || r == '«')
}

// normalize appends the text of a caption line to dst: markup tags removed
// (<i>, <c.color>, <00:00:01.500>, </v>, and SRT's {\an8}), entities decoded, and
// runs of blanks, tabs and no-break spaces made one blank, with none at the ends.
// Voice tags (<v Name>, <v.loud Name>) are returned with the offset in dst where
// their text begins.
func normalize(dst []byte, voices []voice, raw []byte) ([]byte, []voice) {
	start := len(dst)
	space := false // a blank is owed before the next character
	for i := 0; i < len(raw); {
		c := raw[i]
		n := 1 // bytes of raw to copy
		switch {
		case c == ' ' || c == '\t':
			space = true
			i++
			continue
		case c == '<':
			if j := bytes.IndexByte(raw[i:], '>'); j > 1 && isTagStart(raw[i+1]) {
				tag := raw[i+1 : i+j]
				if tag[0] == 'v' && (len(tag) == 1 || tag[1] == ' ' || tag[1] == '.' || tag[1] == '\t') {
					var name []byte
					if k := bytes.IndexAny(tag, " \t"); k >= 0 {
						name, _ = trimSpace(tag[k:])
					}
					voices = append(voices, voice{at: len(dst), label: name})
				}
				i += j + 1
				continue
			}
		case c == '{' && i+1 < len(raw) && raw[i+1] == '\\':
			if j := bytes.IndexByte(raw[i:], '}'); j > 0 {
				i += j + 1
				continue
			}
		case c == '&':
			if r, size := entity(raw[i:]); size > 0 {
				i += size
				switch r {
				case '\u00a0', ' ', '\t':
					space = true
				case '\u200e', '\u200f', '\ufeff':
				default:
					if space && len(dst) > start {
						dst = append(dst, ' ')
					}
					space = false
					dst = utf8.AppendRune(dst, r)
				}
				continue
			}
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRune(raw[i:])
			switch r {
			case '\u00a0':
				space = true
				i += size
				continue
			case '\u200e', '\u200f', '\ufeff':
				i += size
				continue
			}
			n = size
		default:
			// Copy the run of plain characters at once.
			for i+n < len(raw) && isPlain(raw[i+n]) {
				n++
			}
		}
		if space && len(dst) > start {
			dst = append(dst, ' ')
		}
		space = false
		dst = append(dst, raw[i:i+n]...)
		i += n
	}
	return dst, voices
}

// isPlain reports whether c is an ASCII character that [normalize] copies as it is.
func isPlain(c byte) bool {
	return c < utf8.RuneSelf && c != ' ' && c != '\t' && c != '<' && c != '&' && c != '{'
}

// isTagStart reports whether c may begin a caption markup tag: a letter, a closing
// slash or the digit of an inline time.
func isTagStart(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '/' || isDigit(c)
}

// entity decodes the character reference at the start of s ("&amp;", "&#39;",
// "&#x4E2D;", any HTML name) and returns the character and the bytes it takes, or
// 0 bytes when s does not begin with one.
func entity(s []byte) (rune, int) {
	end := bytes.IndexByte(s[:min(len(s), 40)], ';')
	if end < 2 {
		return 0, 0
	}
	name := s[1:end]
	switch string(name) {
	case "amp":
		return '&', end + 1
	case "lt":
		return '<', end + 1
	case "gt":
		return '>', end + 1
	case "quot":
		return '"', end + 1
	case "apos", "#39":
		return '\'', end + 1
	case "nbsp":
		return '\u00a0', end + 1
	case "lrm":
		return '\u200e', end + 1
	case "rlm":
		return '\u200f', end + 1
	}
	for _, c := range name {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || isDigit(c) || c == '#') {
			return 0, 0
		}
	}
	ref := string(s[:end+1])
	dec := html.UnescapeString(ref)
	if dec == ref {
		return 0, 0
	}
	r, size := utf8.DecodeRuneInString(dec)
	if size != len(dec) {
		return 0, 0 // names of two characters are left as written
	}
	return r, end + 1
}

// cue reads the text lines of one cue, numbered line in the file, into parts and
// gives them to the builder.
func (c *captions) cue(line int, tline int, start, end time.Duration, lines []cueLine) {
	c.text, c.parts, c.frags = c.text[:0], c.parts[:0], c.frags[:0]
	c.parts = append(c.parts, part{})
	for _, l := range lines {
		c.line, c.voices = normalize(c.line[:0], c.voices[:0], l.raw)
		s := c.line
		if n := dash(s); n > 0 {
			s = s[n:]
			c.newPart("", true)
		}
		off := len(c.line) - len(s) // where s begins in c.line
		if len(c.voices) == 0 || c.voices[0].at > off {
			if lab, rest, strong, ok := labelAt(s); ok && c.isLabel(lab, strong) {
				c.newPart(c.b.label(lab), false)
				off += rest
			}
		}
		for _, v := range c.voices {
			if v.at > off {
				c.addText(l, off, v.at)
				off = v.at
			}
			c.newPart(c.b.label(v.label), false)
		}
		c.addText(l, off, len(c.line))
	}
	empty := true
	for _, p := range c.parts {
		if p.to > p.from {
			empty = false
			c.emit(p, line, start, end)
		}
	}
	if empty {
		c.b.warnf(diag.Pos{Line: tline, Column: 1}, "cue has no text; skipped")
	}
}

// newPart starts a part of the cue; an empty part before it is dropped.
func (c *captions) newPart(label string, newTurn bool) {
	p := &c.parts[len(c.parts)-1]
	switch {
	case p.to == p.from:
		c.parts = c.parts[:len(c.parts)-1]
	case p.label == label && !newTurn:
		return // the same speaker goes on
	}
	n := len(c.text)
	c.parts = append(c.parts, part{label: label, newTurn: newTurn, from: n, to: n, f0: len(c.frags), f1: len(c.frags)})
}

// addText adds bytes [from, to) of the normalized line to the last part.
func (c *captions) addText(l cueLine, from, to int) {
	s, _ := trimSpace(c.line[from:to])
	if len(s) == 0 {
		return
	}
	p := &c.parts[len(c.parts)-1]
	if p.to > p.from {
		last, _ := utf8.DecodeLastRune(c.text)
		first, _ := utf8.DecodeRune(s)
		if !isCJK(last) || !isCJK(first) {
			c.text = append(c.text, ' ')
		}
	}
	f := frag{from: len(c.text), line: l.line, col: l.col}
	if i := bytes.Index(l.raw, s); i >= 0 {
		f.col += runeCount(l.raw[:i])
		f.exact = true
	} else if i := bytes.Index(l.raw, firstWord(s)); i >= 0 {
		f.col += runeCount(l.raw[:i]) // markup within: place the first word
	}
	c.text = append(c.text, s...)
	f.to = len(c.text)
	c.frags = append(c.frags, f)
	p.to, p.f1 = len(c.text), len(c.frags)
}

// emit gives a part of a cue to the builder: it continues the open utterance when
// the label is the same, and begins one otherwise.
func (c *captions) emit(p part, line int, start, end time.Duration) {
	b := c.b
	label := p.label
	text := c.text[p.from:p.to]
	frags := c.frags[p.f0:p.f1]
	u := b.current()
	cont := u != nil && u.Label == label && !p.newTurn
	skip := 0
	if cont && c.rolling {
		skip = c.overlap(b.utteranceText(), text)
		if skip == len(text) {
			u.End = max(u.End, end)
			return
		}
	}
	if !cont {
		b.begin(label, line, start, end, true)
	}
	from := -1
	skip += p.from // frags count bytes of c.text
	for _, f := range frags {
		if f.to <= skip {
			continue
		}
		s := c.text[f.from:f.to]
		col := f.col
		if cut := skip - f.from; cut > 0 {
			if f.exact {
				col += runeCount(s[:cut])
			}
			s, _ = trimSpace(s[cut:])
			if len(s) == 0 {
				continue
			}
		}
		at := b.write(s, joinWord, f.line, col, f.exact)
		if from < 0 {
			from = at
		}
	}
	if from >= 0 {
		b.addCue(start, end, from)
	}
	b.current().End = end
}

// overlap returns how many bytes at the start of text repeat the end of the
// utterance so far: the longest run of whole words that ends the one and begins
// the other. Rolling captions repeat their last line in the next cue.
func (c *captions) overlap(so string, text []byte) int {
	c.ends = c.ends[:0]
	prev := rune(0)
	for i, r := range string(text) {
		if i > 0 && (r == ' ' || isCJK(r) || isCJK(prev)) && prev != ' ' {
			c.ends = append(c.ends, i)
		}
		prev = r
	}
	c.ends = append(c.ends, len(text))
	for k := len(c.ends) - 1; k >= 0; k-- {
		n := c.ends[k]
		if n > len(so) || so[len(so)-n:] != string(text[:n]) {
			continue
		}
		if rest := so[:len(so)-n]; rest != "" {
			before, _ := utf8.DecodeLastRuneInString(rest)
			first, _ := utf8.DecodeRune(text)
			if before != ' ' && before != '\n' && !isCJK(before) && !isCJK(first) {
				continue // the match begins inside a word
			}
		}
		for n < len(text) && text[n] == ' ' {
			n++
		}
		return n
	}
	return 0
}
