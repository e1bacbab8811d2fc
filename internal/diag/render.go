package diag

import (
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"
)

// Render writes each diagnostic as `file:line:col: message`, followed by the source
// line with a caret under the column when the file can be read, and the hint on a
// line of its own.
func Render(w io.Writer, ds Diagnostics) {
	cache := map[string][]string{}
	for _, d := range ds {
		fmt.Fprintf(w, "%s: %s%s\n", d.Subject.Location(), sevPrefix(d.Severity), d.Summary)
		if line, ok := sourceLine(cache, d.Subject); ok {
			fmt.Fprintf(w, "    %s\n", line)
			if col := d.Subject.Start.Column; col > 0 && col <= utf8.RuneCountInString(line)+1 {
				fmt.Fprintf(w, "    %s^\n", caretPad(line, col))
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
}

func sevPrefix(s Severity) string {
	if s == Warning {
		return "warning: "
	}
	return ""
}

func sourceLine(cache map[string][]string, r Range) (string, bool) {
	if r.File == "" || r.Start.Line == 0 {
		return "", false
	}
	lines, ok := cache[r.File]
	if !ok {
		data, err := os.ReadFile(r.File)
		if err == nil && utf8.Valid(data) && len(data) < 8<<20 {
			lines = strings.Split(string(data), "\n")
		}
		cache[r.File] = lines
	}
	if r.Start.Line > len(lines) {
		return "", false
	}
	line := strings.TrimRight(lines[r.Start.Line-1], "\r")
	if strings.TrimSpace(line) == "" {
		return "", false
	}
	return strings.ReplaceAll(line, "\t", " "), true
}

// caretPad returns the blanks that put a caret under column col of line; wide
// (CJK) characters take two cells.
func caretPad(line string, col int) string {
	var b strings.Builder
	i := 1
	for _, r := range line {
		if i >= col {
			break
		}
		if isWide(r) {
			b.WriteString("  ")
		} else {
			b.WriteByte(' ')
		}
		i++
	}
	return b.String()
}

func isWide(r rune) bool {
	return r >= 0x1100 && (r <= 0x115f || (r >= 0x2e80 && r <= 0xa4cf) ||
		(r >= 0xac00 && r <= 0xd7a3) || (r >= 0xf900 && r <= 0xfaff) ||
		(r >= 0xfe30 && r <= 0xfe4f) || (r >= 0xff00 && r <= 0xff60) ||
		(r >= 0xffe0 && r <= 0xffe6) || (r >= 0x20000 && r <= 0x3fffd))
}
