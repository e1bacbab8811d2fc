package entities

import (
	"fmt"
	"unicode"
	"unicode/utf8"

	"github.com/graphbuilder/graph/internal/diag"
)

// checkNames refuses control characters (NUL, escape, line breaks ...) in an
// entity's name and aliases: they cannot be typed in a search or a query, and
// break the drawings and files names are written into. Each is reported at the
// name that holds it.
func checkNames(e *Entity) diag.Diagnostics {
	var ds diag.Diagnostics
	names := append([]string{e.Name}, e.Aliases...)
	for i, n := range names {
		at, what := e.nameAt(i), "name"
		if i > 0 {
			what = "alias"
		}
		if r, pos := firstControl(n); pos >= 0 {
			ds = append(ds, diag.Errorf(at, "%s %s of %q holds the control character %s at character %d", what, quoteName(n), e.ID, describeRune(r), pos+1).
				WithHint("names are text to read and search; remove it"))
		}
	}
	return ds
}

// firstControl returns the first control character of s and its index in
// characters, or -1.
func firstControl(s string) (rune, int) {
	i := 0
	for _, r := range s {
		if unicode.IsControl(r) {
			return r, i
		}
		i++
	}
	return 0, -1
}

func describeRune(r rune) string {
	return fmt.Sprintf("U+%04X", r)
}

// quoteName quotes a name for a message, its control characters escaped.
func quoteName(s string) string {
	if utf8.RuneCountInString(s) > 40 {
		s = string([]rune(s)[:40]) + "…"
	}
	return fmt.Sprintf("%q", s)
}
