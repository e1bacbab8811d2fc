package diag

import (
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// snippetWidth is the most display cells a source snippet takes: a longer line,
// such as the single line of a minified JSON file, is cut to a window around the
// column with an ellipsis at the cut ends.
const snippetWidth = 120

// ellipsis marks where a snippet was cut. Its East Asian width is ambiguous; it is
// counted as one cell, as most terminals draw it.
const ellipsis = "…"

// maxSourceSize bounds the files read for snippets: a larger file is shown without
// them rather than read into memory whole.
const maxSourceSize = 8 << 20

// Render writes each diagnostic as `file:line:col: message`, followed by the source
// line with a caret under the column when the file can be read, and the hint on a
// line of its own. It prints ds in its order and with its file names; [Report]
// sorts, deduplicates and shortens them first.
func Render(w io.Writer, ds Diagnostics) {
	r := newRenderer()
	for _, d := range ds {
		r.render(w, d, d.Subject.File)
	}
}

// renderer remembers the files it read, so that many diagnostics of one file read
// it once, and the line it last measured, since every diagnostic of a minified JSON
// file is on its one line.
type renderer struct {
	files map[string][]string // nil lines: the file is not shown
	last  *measured
}

func newRenderer() *renderer {
	return &renderer{files: map[string][]string{}}
}

// render writes d, reading its snippet from src: the name d had before it was made
// relative to a directory that need not be the working one.
func (r *renderer) render(w io.Writer, d *Diagnostic, src string) {
	fmt.Fprintf(w, "%s: %s%s\n", d.Subject.Location(), sevPrefix(d.Severity), d.Summary)
	if m := r.line(src, d.Subject.Start.Line); m != nil {
		text, pad, caret := m.snippet(d.Subject.Start.Column)
		fmt.Fprintf(w, "    %s\n", text)
		if caret {
			fmt.Fprintf(w, "    %s^\n", strings.Repeat(" ", pad))
		}
	}
	if d.Detail != "" {
		for _, l := range strings.Split(d.Detail, "\n") {
			fmt.Fprintf(w, "    %s\n", l)
		}
	}
	if d.Hint != "" {
		fmt.Fprintf(w, "hint: %s\n", d.Hint)
	}
}

func sevPrefix(s Severity) string {
	if s == Warning {
		return "warning: "
	}
	return ""
}

// line returns line n of file measured for display, or nil when there is nothing
// to show: no such file or line, a blank line, or a file that is not read.
func (r *renderer) line(file string, n int) *measured {
	if file == "" || n < 1 {
		return nil
	}
	if m := r.last; m != nil && m.file == file && m.n == n {
		return m
	}
	lines, ok := r.files[file]
	if !ok {
		lines = readLines(file)
		r.files[file] = lines
	}
	if n > len(lines) {
		return nil
	}
	text := strings.TrimRight(lines[n-1], "\r")
	if strings.TrimSpace(text) == "" {
		return nil
	}
	r.last = measure(file, n, strings.ReplaceAll(text, "\t", " "))
	return r.last
}

// readLines returns the lines of file, or nil when it is not a regular file of
// valid UTF-8 smaller than [maxSourceSize]. The mode is checked before opening, as
// opening a FIFO blocks and reading a device may never end.
func readLines(file string) []string {
	fi, err := os.Stat(file)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() >= maxSourceSize {
		return nil
	}
	f, err := os.Open(file)
	if err != nil {
		return nil
	}
	defer f.Close()
	// The file may have grown since the Stat.
	data, err := io.ReadAll(io.LimitReader(f, maxSourceSize))
	if err != nil || len(data) >= maxSourceSize || !utf8.Valid(data) {
		return nil
	}
	return strings.Split(string(data), "\n")
}

// measured is a source line with the display cells of its characters.
type measured struct {
	file  string
	n     int
	text  string
	runes []rune
	cells []int // cells[i] is the display width of runes[:i]
}

func measure(file string, n int, text string) *measured {
	m := &measured{file: file, n: n, text: text, runes: []rune(text)}
	m.cells = make([]int, len(m.runes)+1)
	for i, c := range m.runes {
		m.cells[i+1] = m.cells[i] + cellWidth(c)
	}
	return m
}

// snippet returns the text to print for column col (1-based, in characters) and
// the number of blanks that put a caret under it; caret is false when col is not
// on the line nor one past its end. A line of at most snippetWidth cells is
// returned whole; a longer one is cut to a window around col, with an ellipsis
// where it was cut.
func (m *measured) snippet(col int) (text string, pad int, caret bool) {
	n := len(m.runes)
	caret = col >= 1 && col <= n+1
	k := 0 // index of the character under the caret
	if caret {
		k = col - 1
	}
	total, at := m.cells[n], m.cells[k]
	if total <= snippetWidth {
		return m.text, at, caret
	}
	atWidth := 1 // a caret past the end needs a cell too
	if k < n {
		atWidth = max(m.cells[k+1]-at, 1)
	}
	var lo, hi int
	switch {
	case at+atWidth <= snippetWidth/2:
		// Near the start: show the start, cut the end.
		lo = 0
		hi = m.upTo(0, snippetWidth-1)
	case total-at <= snippetWidth/2:
		// Near the end: show the end, cut the start.
		room := snippetWidth - 1
		if k == n {
			room--
		}
		lo, hi = m.from(n, room), n
	default:
		// Cut both ends, with the column about in the middle.
		room := snippetWidth - 2
		lo = m.from(k, room/2-1)
		hi = m.upTo(lo, room)
	}
	var b strings.Builder
	if lo > 0 {
		b.WriteString(ellipsis)
		pad++
	}
	b.WriteString(string(m.runes[lo:hi]))
	if hi < n {
		b.WriteString(ellipsis)
	}
	return b.String(), pad + at - m.cells[lo], caret
}

// from returns the first character of the longest run ending before character k
// that takes at most room cells. The run does not start with a zero-width
// character, which would otherwise combine with the ellipsis before it.
func (m *measured) from(k, room int) int {
	lo := sort.SearchInts(m.cells[:k+1], m.cells[k]-room)
	for lo < k && m.cells[lo+1] == m.cells[lo] {
		lo++
	}
	return lo
}

// upTo returns the end of the longest run starting at character lo that takes at
// most room cells.
func (m *measured) upTo(lo, room int) int {
	return sort.SearchInts(m.cells, m.cells[lo]+room+1) - 1
}

// cellWidth is the number of terminal cells r takes: two for East Asian wide and
// fullwidth characters, none for combining marks and invisible format characters
// such as a zero-width joiner, one for the rest.
func cellWidth(r rune) int {
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	if r != '\u00ad' && unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf) {
		return 0 // U+00AD, the soft hyphen, is a format character most terminals show
	}
	return 1
}
