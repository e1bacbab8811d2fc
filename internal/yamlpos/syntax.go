package yamlpos

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/graphbuilder/graph/internal/diag"
)

// locate gives a YAML syntax error the column the parser knew but did not say, and
// its line when the parser left it out (it does so for errors on the first line),
// from the text of the file. The parser names the line; the place on it depends
// on the error: the colon of a key where no key may start, the character that
// cannot start a token, the bracket nested one level too deep; else the line's
// first character.
func locate(data []byte, d *diag.Diagnostic) *diag.Diagnostic {
	if d.Subject.Start.Column > 0 {
		return d
	}
	if strings.Contains(d.Summary, "exceeded max depth") {
		if off := tooDeep(data); off >= 0 {
			line, col := lineCol(data, off)
			d.Subject.Start = diag.Pos{Line: line, Column: col}
		}
		return d
	}
	// Lines break at CR LF, LF and a lone CR, as the parser counts them.
	text := bytes.ReplaceAll(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n")), []byte("\r"), []byte("\n"))
	lines := bytes.Split(text, []byte("\n"))
	line := d.Subject.Start.Line
	switch {
	case line == 0 && strings.Contains(d.Summary, "end of stream"):
		line = len(lines)
	case line == 0:
		line = 1
	}
	line = min(line, len(lines))
	text = lines[line-1]
	if strings.Contains(d.Summary, "end of stream") {
		for line > 1 && len(bytes.TrimSpace(text)) == 0 {
			line--
			text = lines[line-1]
		}
	}
	col := len(text) - len(bytes.TrimLeft(text, " \t")) // the first character
	switch {
	case strings.Contains(d.Summary, "mapping values are not allowed"):
		if i := lastKeyColon(text); i >= 0 {
			col = i
		}
	case strings.Contains(d.Summary, "cannot start any token"):
		if i := bytes.IndexByte(text, '\t'); i >= 0 {
			col = i
		} else if i := bytes.IndexAny(text[col:], "@`%"); i >= 0 {
			col += i
		}
	case strings.Contains(d.Summary, "end of stream"):
		col = len(bytes.TrimRight(text, " \t\r"))
	}
	d.Subject.Start = diag.Pos{Line: line, Column: utf8.RuneCount(text[:col]) + 1}
	return d
}

// lastKeyColon is the byte index of the last colon of line that ends a key (one
// followed by a blank or the end of the line), outside quotes; -1 when none.
func lastKeyColon(line []byte) int {
	last := -1
	var quote byte
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#' && (i == 0 || line[i-1] == ' '):
			return last
		case c == ':' && (i+1 == len(line) || line[i+1] == ' ' || line[i+1] == '\t' || line[i+1] == '\r'):
			last = i
		}
	}
	return last
}

// tooDeep is the byte offset of the first flow bracket nested deeper than the
// parser allows, or -1.
func tooDeep(data []byte) int {
	const maxDepth = 10000 // the parser's limit
	depth := 0
	for i, c := range data {
		switch c {
		case '[', '{':
			depth++
			if depth > maxDepth {
				return i
			}
		case ']', '}':
			depth--
		}
	}
	return -1
}
