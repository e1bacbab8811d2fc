package transcript

import (
	"bytes"
	"time"

	"github.com/graphbuilder/graph/internal/diag"
)

var arrow = []byte("-->")

// parseVTT reads WebVTT captions: the WEBVTT line and its header, then blocks
// apart by empty lines. NOTE, STYLE and REGION blocks are skipped; a cue is an
// optional identifier line, a timing line and its text.
func parseVTT(b *builder, data []byte) {
	r := lineReader{data: data}
	first, _ := r.next()
	if !isVTTHeader(first) {
		b.errorf(diag.Pos{Line: 1, Column: 1}, "a WebVTT file must begin with %q", "WEBVTT").
			WithHint("read it as another format with transcript_format:")
		return
	}
	// The header runs to the first empty line (or, leniently, to a timing line).
	for {
		line, ok := r.peek()
		if !ok || len(line) == 0 || bytes.Contains(line, arrow) {
			break
		}
		r.next()
	}
	c := newCaptions(b, data)
	b.reserve(bytes.Count(data, arrow))
	for {
		line, ok := r.next()
		if !ok {
			return
		}
		if t, _ := trimSpace(line); len(t) == 0 {
			continue
		}
		at := r.no
		if !bytes.Contains(line, arrow) {
			if word := string(firstWord(line)); word == "NOTE" || word == "STYLE" || word == "REGION" {
				skipBlock(&r)
				continue
			}
			// An identifier, which a timing line must follow.
			next, ok := r.peek()
			if !ok || !bytes.Contains(next, arrow) {
				b.warnf(diag.Pos{Line: at, Column: 1}, "block has no cue timing line; skipped")
				skipBlock(&r)
				continue
			}
			line, _ = r.next()
		}
		start, end, ok := c.timing(line, r.no, "hh:mm:ss.ttt or mm:ss.ttt")
		tline := r.no
		c.lines = c.lines[:0]
		for {
			next, more := r.peek()
			if !more || len(next) == 0 || bytes.Contains(next, arrow) {
				break
			}
			r.next()
			t, i := trimSpace(next)
			c.lines = append(c.lines, cueLine{raw: t, line: r.no, col: column(next, i)})
		}
		if ok {
			c.cue(at, tline, start, end, c.lines)
		}
	}
}

// isVTTHeader reports whether line is the first line of a WebVTT file: "WEBVTT",
// alone or followed by white space and a title.
func isVTTHeader(line []byte) bool {
	return bytes.HasPrefix(line, []byte("WEBVTT")) && (len(line) == 6 || isSpace(line[6]))
}

// firstWord returns the word a line begins with, up to white space.
func firstWord(line []byte) []byte {
	i := bytes.IndexAny(line, " \t")
	if i < 0 {
		i = len(line)
	}
	return line[:i]
}

// skipBlock moves r past the rest of a block, to its empty line.
func skipBlock(r *lineReader) {
	for {
		line, ok := r.next()
		if !ok || len(line) == 0 {
			return
		}
	}
}

// timing reads a timing line "start --> end [settings]" and reports a bad or
// reversed time at its column; want says how times are written in the format.
func (c *captions) timing(line []byte, no int, want string) (start, end time.Duration, ok bool) {
	a := bytes.Index(line, arrow)
	left, li := trimSpace(line[:a])
	rest := line[a+len(arrow):]
	ri := 0
	for ri < len(rest) && isSpace(rest[ri]) {
		ri++
	}
	right := rest[ri:]
	if k := bytes.IndexAny(right, " \t"); k >= 0 {
		right = right[:k]
	}
	ri += a + len(arrow)
	bad := func(tok []byte, i int, what string) {
		at := diag.Pos{Line: no, Column: column(line, i)}
		if len(tok) == 0 {
			c.b.errorf(at, "cue has no %s time", what).WithHint("write %s", want)
			return
		}
		c.b.errorf(at, "bad cue %s time %q", what, tok).WithHint("write %s", want)
	}
	start, sok := parseClock(left, false)
	if !sok {
		bad(left, li, "start")
	}
	end, eok := parseClock(right, false)
	if !eok {
		bad(right, ri, "end")
	}
	if sok && eok && end < start {
		c.b.errorf(diag.Pos{Line: no, Column: column(line, ri)}, "cue ends at %s, before it starts at %s", right, left)
		return 0, 0, false
	}
	return start, end, sok && eok
}
