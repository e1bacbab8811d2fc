package yamlpos

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParse feeds Parse arbitrary files: it must not panic, and every place it
// reports must be inside the file.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"a: 1\n", "a: b: c\n", "a:\n\t- b\n", "b: [1, 2\nc: 3\n", "a: \"open\n\n", "a: @x\n",
		"a: &x [1, 2]\nb: *x\n", "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n", "- a\n", "a: 1\n---\nb: 2\n",
		"x: " + strings.Repeat("[", 10001) + "\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_, ds := Parse("f.yaml", data)
		// YAML breaks lines at CR LF, LF and a lone CR alike.
		text := strings.ReplaceAll(strings.ReplaceAll(string(data), "\r\n", "\n"), "\r", "\n")
		lines := strings.Split(text, "\n")
		for _, d := range ds {
			p := d.Subject.Start
			if p.Line == 0 {
				continue
			}
			if p.Line == len(lines)+1 && p.Column <= 1 {
				continue // the end of a file without a last line break
			}
			if p.Line > len(lines) {
				t.Fatalf("%s: line %d of %d", d.Error(), p.Line, len(lines))
			}
			if n := utf8.RuneCountInString(lines[p.Line-1]); p.Column > n+1 {
				t.Fatalf("%s: column %d of a line of %d characters", d.Error(), p.Column, n)
			}
		}
	})
}
