package transcript

import (
	"bytes"
	"time"
	"unicode"
	"unicode/utf8"
)

// maxLabel bounds the bytes a speaker label may take, brackets and emphasis aside.
const maxLabel = 64

// fullColon is the full-width colon of Chinese and Japanese text.
const fullColon = "："

// labelAt reads a speaker label at the start of s (a line of turn text, or the
// text of a caption line): "NAME: ", "Name：", "[SPEAKER_00]: ", or with Markdown
// emphasis "**HOST:**" and "**HOST**:". An ASCII colon must be followed by white
// space or the end of s. It returns the label, the byte offset of the text after
// it (white space skipped), and whether the label is strong: one that prose does
// not write before a colon (see [isLabel]).
func labelAt(s []byte) (label []byte, rest int, strong, ok bool) {
	i := 0
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	var emph []byte
	if bytes.HasPrefix(s[i:], []byte("**")) || bytes.HasPrefix(s[i:], []byte("__")) {
		emph = s[i : i+2]
		i += 2
	}
	head := s[i:min(len(s), i+maxLabel+8)]
	var name []byte
	k := i // where the colon is looked for
	if len(head) > 0 && head[0] == '[' {
		j := bytes.IndexByte(head, ']')
		if j < 0 {
			return nil, 0, false, false
		}
		name = head[1:j]
		k = i + j + 1
		if emph != nil && bytes.HasPrefix(s[k:], emph) {
			k += 2
			emph = nil
		}
	} else {
		c := bytes.IndexByte(head, ':')
		if w := bytes.Index(head, []byte(fullColon)); w >= 0 && (c < 0 || w < c) {
			c = w
		}
		if c < 0 {
			return nil, 0, false, false
		}
		name = head[:c]
		k = i + c
		if emph != nil && bytes.HasSuffix(name, emph) {
			name = name[:len(name)-2]
			emph = nil
		}
	}
	switch {
	case bytes.HasPrefix(s[k:], []byte(fullColon)):
		k += len(fullColon)
	case k < len(s) && s[k] == ':':
		k++
		if emph != nil && bytes.HasPrefix(s[k:], emph) {
			k += 2
			emph = nil
		}
		if k < len(s) && !isSpace(s[k]) {
			return nil, 0, false, false
		}
	default:
		return nil, 0, false, false
	}
	if emph != nil {
		if !bytes.HasPrefix(s[k:], emph) {
			return nil, 0, false, false
		}
		k += 2
	}
	name, _ = trimSpace(name)
	strong, ok = isLabel(name)
	if !ok {
		return nil, 0, false, false
	}
	for k < len(s) && isSpace(s[k]) {
		k++
	}
	for bytes.HasPrefix(s[k:], []byte("\u3000")) {
		k += len("\u3000")
	}
	return name, k, strong, true
}

// particles are the lower-case words a name may have between its capitalized
// ones ("Ursula von der Leyen").
var particles = map[string]bool{
	"al": true, "bin": true, "da": true, "de": true, "del": true, "della": true, "den": true, "der": true,
	"di": true, "du": true, "ibn": true, "la": true, "le": true, "van": true, "von": true, "y": true,
}

// proseChars are Chinese characters that names do not have but sentences before
// a colon do: 他说：, 问题是：, 我们的结论：.
const proseChars = "的了是说着过吗呢吧这我你他她它们就都也但而因为如果要"

// isLabel reports whether name is a speaker label rather than the words before a
// colon in prose. A label is an id such as SPEAKER_00; one to four words that each
// begin with a capital letter (a lower-case particle such as "von" may come between
// them, a number after them: "Speaker 2"); or one to six CJK characters, which
// may end in Latin letters or digits (嘉宾A). Strong labels are the ids and those
// written in capitals (HOST, MARA LINDQVIST, Q); the others ("Dr. Lena Hart", 张伟)
// look like the start of a sentence too, and callers count them as labels only
// when they occur at least twice.
func isLabel(name []byte) (strong, ok bool) {
	if len(name) == 0 || len(name) > maxLabel {
		return false, false
	}
	if isSpeakerID(name) {
		return true, true
	}
	if r, _ := utf8.DecodeRune(name); isIdeograph(r) {
		return false, isCJKLabel(name)
	}
	words := bytes.Fields(name)
	if len(words) > 4 {
		return false, false
	}
	caps := true
	for w, word := range words {
		switch {
		case isDigits(word) && w > 0:
			continue
		case particles[string(word)] && w > 0 && w < len(words)-1:
			caps = false
			continue
		}
		r, size := utf8.DecodeRune(word)
		if !unicode.IsUpper(r) {
			return false, false
		}
		for _, r := range string(word[size:]) {
			switch {
			case unicode.IsLower(r):
				caps = false
			case unicode.IsLetter(r), unicode.IsDigit(r), r == '.', r == '\'', r == '’', r == '-':
			default:
				return false, false
			}
		}
	}
	return caps, true
}

// isCJKLabel reports whether name is one to six characters, CJK with Latin letters
// or digits after them, none of them one that marks prose.
func isCJKLabel(name []byte) bool {
	n, latin := 0, false
	for _, r := range string(name) {
		n++
		switch {
		case n > 6:
			return false
		case isIdeograph(r) && !latin:
			if bytes.ContainsRune([]byte(proseChars), r) {
				return false
			}
		case r == '·' && !latin:
		case r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			latin = true
		default:
			return false
		}
	}
	return true
}

// isSpeakerID reports whether s is an id of a diarizing tool: letters, an
// underscore and digits (SPEAKER_00, spk_1).
func isSpeakerID(s []byte) bool {
	u := bytes.LastIndexByte(s, '_')
	if u <= 0 || !isDigits(s[u+1:]) {
		return false
	}
	for _, c := range s[:u] {
		if !('A' <= c && c <= 'Z' || 'a' <= c && c <= 'z') {
			return false
		}
	}
	return true
}

func isDigits(s []byte) bool {
	if len(s) == 0 {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// parseClock reads a time written [h:]mm:ss[.fff], with hours of any number of
// digits, minutes and seconds of two (the first field one or two), and a fraction
// of one to three digits after '.' or ','. When needHours is set the hours must
// be there.
func parseClock(s []byte, needHours bool) (time.Duration, bool) {
	var fields [3][]byte
	n := 0
	for {
		c := bytes.IndexByte(s, ':')
		if c < 0 {
			break
		}
		if n == 2 {
			return 0, false
		}
		fields[n] = s[:c]
		n++
		s = s[c+1:]
	}
	if n == 0 || needHours && n < 2 {
		return 0, false
	}
	sec, frac := s, []byte(nil)
	if i := bytes.IndexAny(s, ".,"); i >= 0 {
		sec, frac = s[:i], s[i+1:]
		if len(frac) == 0 || len(frac) > 3 || !isDigits(frac) {
			return 0, false
		}
	}
	fields[n] = sec
	var total int64
	for i := 0; i <= n; i++ {
		f := fields[i]
		switch {
		case !isDigits(f):
			return 0, false
		case i == 0 && n == 2 && len(f) > 6:
			return 0, false // more hours than any recording
		case i > 0 && len(f) != 2, i == 0 && n == 1 && len(f) > 2:
			return 0, false
		}
		v := int64(0)
		for _, c := range f {
			v = v*10 + int64(c-'0')
		}
		if i > 0 && v >= 60 {
			return 0, false
		}
		total = total*60 + v
	}
	d := time.Duration(total) * time.Second
	if frac != nil {
		ms := int64(0)
		for i := 0; i < 3; i++ {
			ms *= 10
			if i < len(frac) {
				ms += int64(frac[i] - '0')
			}
		}
		d += time.Duration(ms) * time.Millisecond
	}
	return d, true
}

// stampAt reads a time stamp at the start of a line of turn text: "[hh:mm:ss]",
// "[mm:ss]", "(hh:mm:ss)", "(mm:ss)", or "hh:mm:ss" followed by white space or
// the end of the line, each with an optional fraction. It returns the time and
// the byte offset of what follows (white space skipped).
func stampAt(s []byte) (d time.Duration, rest int, ok bool) {
	i := 0
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	if i == len(s) {
		return 0, 0, false
	}
	var k int
	switch s[i] {
	case '[', '(':
		closer := byte(']')
		if s[i] == '(' {
			closer = ')'
		}
		j := bytes.IndexByte(s[i:min(len(s), i+20)], closer)
		if j < 0 {
			return 0, 0, false
		}
		if d, ok = parseClock(s[i+1:i+j], false); !ok {
			return 0, 0, false
		}
		k = i + j + 1
	default:
		if s[i] < '0' || s[i] > '9' {
			return 0, 0, false
		}
		k = i
		for k < len(s) && !isSpace(s[k]) {
			k++
		}
		if d, ok = parseClock(s[i:k], true); !ok {
			return 0, 0, false
		}
	}
	for k < len(s) && isSpace(s[k]) {
		k++
	}
	return d, k, true
}
