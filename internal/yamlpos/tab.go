package yamlpos

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/graphbuilder/graph/internal/diag"
)

// atTab moves a YAML syntax error about a tab onto the tab itself. The YAML parser
// names the line of the key it was reading, often the line before the tab, and no
// column; the tab meant is the first one in the indentation of that line or of a
// line after it (or, failing that, the first tab from that line on).
func atTab(data []byte, d *diag.Diagnostic) *diag.Diagnostic {
	if !strings.Contains(d.Summary, "tab character") || d.Subject.Start.Line < 1 {
		return d
	}
	lines := bytes.Split(data, []byte("\n"))
	from := d.Subject.Start.Line - 1
	for _, indentOnly := range []bool{true, false} {
		for i := from; i < len(lines); i++ {
			line := lines[i]
			if indentOnly {
				line = line[:len(line)-len(bytes.TrimLeft(line, " \t"))]
			}
			if col := bytes.IndexByte(line, '\t'); col >= 0 {
				d.Subject.Start = diag.Pos{Line: i + 1, Column: utf8.RuneCount(line[:col]) + 1}
				return d
			}
		}
	}
	return d
}
