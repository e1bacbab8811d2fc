package transcript

import (
	"bytes"
	"math"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/graphbuilder/graph/internal/diag"
)

// whisper reads the JSON that whisper and WhisperX write:
//
//	{"text": "...", "segments": [{"start": 0.0, "end": 2.5, "text": " ...",
//	  "speaker": "SPEAKER_00", "words": [...]}], "language": "en"}
//
// Only the segments' start, end, text and speaker are read; every other value is
// checked for syntax and skipped.
type whisper struct {
	b   *builder
	s   *jsonScan
	cur cursor // at the segment being read
	buf []byte // a segment's text, unescaped
	txt []byte // the same, white space made single blanks
	key []byte
}

// segField is one field of a segment as written.
type segField struct {
	set  bool
	at   int  // byte offset of the value
	kind byte // its first byte
	raw  []byte
	esc  bool
}

func parseWhisper(b *builder, data []byte) {
	s := &jsonScan{data: data}
	w := &whisper{b: b, s: s, cur: newCursor(data)}
	s.ws()
	top := s.i
	seen := false
	if data[top] == '{' {
		s.object(func(key []byte, esc bool) bool {
			if !w.keyIs(key, esc, "segments") {
				return s.skip()
			}
			if seen {
				b.errorf(w.pos(s.i), "\"segments\" is written twice")
				return s.skip()
			}
			seen = true
			return w.segments()
		})
	} else {
		s.skip()
	}
	if s.ok() {
		if s.ws(); s.i < len(data) {
			s.unexpected("the end of the file after the JSON value")
		}
	}
	switch {
	case !s.ok():
		b.errorf(position(data, s.errAt), "invalid JSON: %s", s.errMsg)
	case data[top] != '{':
		b.errorf(position(data, top), "a whisper transcript is a JSON object with \"segments\", not %s", kindAt(data[top]))
	case !seen:
		b.errorf(position(data, top), "no \"segments\" list: this JSON is not a whisper transcript").
			WithHint(`whisper and WhisperX write {"segments": [{"start": 0.0, "end": 2.5, "text": "..."}]}`)
	}
}

// pos returns the place of a byte offset at or after the current segment.
func (w *whisper) pos(off int) diag.Pos { return w.cur.at(off) }

// keyIs reports whether a key, as written, is name.
func (w *whisper) keyIs(key []byte, esc bool, name string) bool {
	if esc {
		w.key = unescape(w.key[:0], key)
		key = w.key
	}
	return string(key) == name
}

// segments reads the segments list at s.i.
func (w *whisper) segments() bool {
	s := w.s
	if c := s.data[s.i]; c != '[' {
		w.b.errorf(w.pos(s.i), "\"segments\" must be a list, not %s", kindAt(c))
		return s.skip()
	}
	return s.array(func() bool {
		if c := s.data[s.i]; c != '{' {
			w.b.errorf(w.pos(s.i), "a segment must be an object, not %s", kindAt(c))
			return s.skip()
		}
		return w.segment()
	})
}

// segment reads one segment at s.i and gives it to the builder.
func (w *whisper) segment() bool {
	s, b := w.s, w.b
	open := s.i
	w.cur.advance(open)
	line := w.cur.line
	var start, end, text, speaker segField
	ok := s.object(func(key []byte, esc bool) bool {
		var f *segField
		switch {
		case w.keyIs(key, esc, "start"):
			f = &start
		case w.keyIs(key, esc, "end"):
			f = &end
		case w.keyIs(key, esc, "text"):
			f = &text
		case w.keyIs(key, esc, "speaker"):
			f = &speaker
		default:
			return s.skip()
		}
		*f = segField{set: true, at: s.i, kind: s.data[s.i]}
		switch f.kind {
		case '"':
			raw, esc, ok := s.str()
			f.raw, f.esc = raw, esc
			return ok
		case '{', '[', 't', 'f', 'n':
			return s.skip()
		}
		raw, ok := s.number()
		f.raw = raw
		return ok
	})
	if !ok {
		return false
	}
	bad := false
	times := [2]time.Duration{}
	for i, f := range []*segField{&start, &end} {
		name := [2]string{"start", "end"}[i]
		switch {
		case !f.set:
			b.errorf(w.pos(open), "segment has no %q time", name)
		case f.kind == '"' || f.kind == '{' || f.kind == '[' || f.kind == 't' || f.kind == 'f' || f.kind == 'n':
			b.errorf(w.pos(f.at), "%q of a segment must be a number of seconds, not %s", name, kindAt(f.kind))
		default:
			d, ok := seconds(f.raw)
			if ok {
				times[i] = d
				continue
			}
			b.errorf(w.pos(f.at), "%q of a segment must be a number of seconds from 0 to 1e9, not %s", name, f.raw)
		}
		bad = true
	}
	if !bad && times[1] < times[0] {
		b.errorf(w.pos(end.at), "segment ends at %ss, before it starts at %ss", end.raw, start.raw)
		bad = true
	}
	switch {
	case !text.set:
		b.errorf(w.pos(open), "segment has no \"text\"")
		bad = true
	case text.kind != '"':
		b.errorf(w.pos(text.at), "\"text\" of a segment must be a string, not %s", kindAt(text.kind))
		bad = true
	}
	label := ""
	if speaker.set && speaker.kind != 'n' {
		if speaker.kind != '"' {
			b.errorf(w.pos(speaker.at), "\"speaker\" of a segment must be a string, not %s", kindAt(speaker.kind))
			bad = true
		} else {
			raw := speaker.raw
			if speaker.esc {
				w.key = unescape(w.key[:0], raw)
				raw = w.key
			}
			raw, _ = trimSpace(raw)
			label = b.label(raw)
		}
	}
	if bad {
		return true
	}
	raw := text.raw
	if text.esc {
		w.buf = unescape(w.buf[:0], raw)
		raw = w.buf
	}
	w.txt = collapse(w.txt[:0], raw)
	w.cur.advance(text.at)
	if len(w.txt) == 0 {
		b.warnf(diag.Pos{Line: w.cur.line, Column: w.cur.col}, "segment has no text; skipped")
		return true
	}
	col, exact := w.cur.col+1, false
	if !text.esc {
		if i := bytes.Index(text.raw, w.txt); i >= 0 {
			col, exact = col+runeCount(text.raw[:i]), true
		}
	}
	if u := b.current(); u == nil || u.Label != label {
		b.begin(label, line, times[0], times[1], true)
	}
	at := b.write(w.txt, joinWord, w.cur.line, col, exact)
	b.addCue(times[0], times[1], at)
	b.current().End = times[1]
	return true
}

// seconds converts a JSON number of seconds to a duration.
func seconds(raw []byte) (time.Duration, bool) {
	f, err := strconv.ParseFloat(string(raw), 64)
	if err != nil || f < 0 || f > 1e9 {
		return 0, false
	}
	return time.Duration(math.Round(f * 1e9)), true
}

// collapse appends s to dst with white space trimmed at the ends and every run of
// it within made one blank.
func collapse(dst, s []byte) []byte {
	start := len(dst)
	space := false
	for i := 0; i < len(s); {
		c := s[i]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' {
			space = true
			i++
			continue
		}
		n := 1
		if c >= 0x80 {
			r, size := utf8.DecodeRune(s[i:])
			n = size
			if r == '\u00a0' {
				space = true
				i += n
				continue
			}
		}
		if space && len(dst) > start {
			dst = append(dst, ' ')
		}
		space = false
		dst = append(dst, s[i:i+n]...)
		i += n
	}
	return dst
}
