package transcript

import (
	"bytes"

	"github.com/graphbuilder/graph/internal/diag"
)

// bom is the byte order mark some tools write at the start of a file. Columns on
// the first line do not count it.
const bom = "\ufeff"

// lineReader yields the lines of a file without their line ends (LF or CRLF), and
// counts them from 1.
type lineReader struct {
	data []byte
	off  int // byte offset of the next line
	no   int // number of the line last returned
	// peeked is set when peek has read the next line: ahead, which ends at
	// aheadEnd, or the end of the file when aheadOK is not set.
	peeked, aheadOK bool
	ahead           []byte
	aheadEnd        int
}

// next returns the next line, or false at the end of the file.
func (r *lineReader) next() ([]byte, bool) {
	if r.peeked {
		r.peeked = false
		if !r.aheadOK {
			return nil, false
		}
		r.off = r.aheadEnd
		r.no++
		return r.ahead, true
	}
	if r.off >= len(r.data) {
		return nil, false
	}
	line, end := r.scan()
	r.off = end
	r.no++
	return line, true
}

// scan finds the line at r.off and the offset after its line end.
func (r *lineReader) scan() ([]byte, int) {
	rest := r.data[r.off:]
	line, end := rest, len(r.data)
	if i := bytes.IndexByte(rest, '\n'); i >= 0 {
		line, end = rest[:i], r.off+i+1
	}
	if n := len(line); n > 0 && line[n-1] == '\r' {
		line = line[:n-1]
	}
	return line, end
}

// peek returns the line that next would return, without moving on.
func (r *lineReader) peek() ([]byte, bool) {
	if !r.peeked {
		r.peeked, r.aheadOK = true, r.off < len(r.data)
		if r.aheadOK {
			r.ahead, r.aheadEnd = r.scan()
		}
	}
	return r.ahead, r.aheadOK
}

// column is the 1-based column, in characters, of byte i of line.
func column(line []byte, i int) int {
	return runeCount(line[:i]) + 1
}

// isSpace reports whether b is a blank or a tab, the white space that captions and
// turn text use within a line.
func isSpace(b byte) bool { return b == ' ' || b == '\t' }

// trimSpace returns s without the blanks, tabs and carriage returns around it, and
// the byte offset in s where the result begins.
func trimSpace(s []byte) ([]byte, int) {
	i, j := 0, len(s)
	for i < j && (isSpace(s[i]) || s[i] == '\r') {
		i++
	}
	for j > i && (isSpace(s[j-1]) || s[j-1] == '\r') {
		j--
	}
	return s[i:j], i
}

// position turns a byte offset of data into a line and a column in characters. It
// reads data from the start, so it serves diagnostics, which are few; positions
// met in order use a [cursor].
func position(data []byte, off int) diag.Pos {
	off = min(max(off, 0), len(data))
	line := 1 + bytes.Count(data[:off], []byte{'\n'})
	start := bytes.LastIndexByte(data[:off], '\n') + 1
	return diag.Pos{Line: line, Column: runeCount(data[start:off]) + 1}
}

// cursor turns increasing byte offsets into lines and columns in time proportional
// to the distance moved, so that a file on one line (minified JSON) is read once.
type cursor struct {
	data      []byte
	off       int
	line, col int
}

func newCursor(data []byte) cursor { return cursor{data: data, line: 1, col: 1} }

// advance moves c to off; an offset behind c is found from the start of the file.
func (c *cursor) advance(off int) {
	off = min(max(off, 0), len(c.data))
	if off < c.off {
		*c = newCursor(c.data)
	}
	seg := c.data[c.off:off]
	if nl := bytes.LastIndexByte(seg, '\n'); nl >= 0 {
		c.line += bytes.Count(seg, []byte{'\n'})
		c.col = 1 + runeCount(seg[nl+1:])
	} else {
		c.col += runeCount(seg)
	}
	c.off = off
}

// at returns the place of off without moving c.
func (c cursor) at(off int) diag.Pos {
	c.advance(off)
	return diag.Pos{Line: c.line, Column: c.col}
}

// runeCount counts the characters of UTF-8 text: the bytes that begin one. Unlike
// utf8.RuneCount it never allocates, which matters for the millions of lines of
// a large file; the text must be valid UTF-8, as Parse checks it is.
func runeCount(b []byte) int {
	n := len(b)
	for _, c := range b {
		if c&0xC0 == 0x80 {
			n--
		}
	}
	return n
}
