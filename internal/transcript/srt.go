package transcript

import (
	"bytes"
	"fmt"

	"github.com/graphbuilder/graph/internal/diag"
)

// parseSRT reads SubRip captions: blocks apart by blank lines, each a cue number,
// a timing line and text. A cue number and timing line met among text lines (a
// blank line forgotten) begin a new cue; a timing line without a number is taken
// as it is.
func parseSRT(b *builder, data []byte) {
	r := lineReader{data: data}
	c := newCaptions(b, data)
	b.reserve(bytes.Count(data, arrow))
	for {
		line, ok := r.next()
		if !ok {
			return
		}
		t, i := trimSpace(line)
		if len(t) == 0 {
			continue
		}
		at := r.no
		if !bytes.Contains(line, arrow) {
			next, more := r.peek()
			timed := more && bytes.Contains(next, arrow)
			if !isDigits(t) {
				d := b.errorf(diag.Pos{Line: at, Column: column(line, i)}, "cue number %q is not a number", clip(t))
				if !timed {
					d.Summary = fmt.Sprintf("expected a cue number, not %q", clip(t))
				}
				skipSRTBlock(&r)
				continue
			}
			if !timed {
				pos := diag.Pos{Line: at + 1, Column: 1}
				if !more {
					pos = diag.Pos{Line: at, Column: column(line, len(line))}
				}
				b.errorf(pos, "cue %s has no timing line", t).WithHint("write hh:mm:ss,ttt --> hh:mm:ss,ttt")
				skipSRTBlock(&r)
				continue
			}
			line, _ = r.next()
		}
		start, end, ok := c.timing(line, r.no, "hh:mm:ss,ttt")
		tline := r.no
		c.lines = c.lines[:0]
		for {
			next, more := r.peek()
			if !more {
				break
			}
			t, i := trimSpace(next)
			if len(t) == 0 || bytes.Contains(next, arrow) {
				break
			}
			if isDigits(t) {
				ahead := r
				ahead.next()
				if n, ok := ahead.next(); ok && bytes.Contains(n, arrow) {
					break
				}
			}
			r.next()
			c.lines = append(c.lines, cueLine{raw: t, line: r.no, col: column(next, i)})
		}
		if ok {
			c.cue(at, tline, start, end, c.lines)
		}
	}
}

// skipSRTBlock moves r past the rest of a block, to its blank line.
func skipSRTBlock(r *lineReader) {
	for {
		line, ok := r.next()
		if t, _ := trimSpace(line); !ok || len(t) == 0 {
			return
		}
	}
}

// clip returns the start of a line to quote in a message.
func clip(s []byte) string {
	const max = 40
	if len(s) <= max {
		return string(s)
	}
	n := max
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return string(s[:n]) + "…"
}
