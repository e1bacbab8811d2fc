package entities

import (
	"strings"
	"unicode"
)

// Slug makes an id of the ASCII letters and digits of s, lower-cased, its words
// joined by '-': "Tomas Ortiz" is tomas-ortiz. It is "" when s has no such
// letter or digit.
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range s {
		if r >= unicode.MaxASCII || !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			dash = b.Len() > 0
			continue
		}
		if dash {
			b.WriteByte('-')
			dash = false
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}
