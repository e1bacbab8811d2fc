package review

import (
	"strconv"
	"strings"
	"unicode"
)

// maxSlugWords is how many words of a claim's text its id takes.
const maxSlugWords = 6

// maxSlugLen bounds an id made from text, so that ids stay easy to type.
const maxSlugLen = 48

// latinWords returns the runs of ASCII letters and digits of s, lower-cased.
func latinWords(s string) []string {
	var words []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			words = append(words, b.String())
			b.Reset()
		}
	}
	for _, r := range s {
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(unicode.ToLower(r))
		case r == '\'' || r == '’':
			// "don't" is one word
		default:
			flush()
		}
	}
	flush()
	return words
}

// mostlyLatin reports whether s is written mostly in a script with spaces between
// words, so that its first words make a readable id.
func mostlyLatin(s string) bool {
	latin, other := 0, 0
	for _, r := range s {
		switch {
		case r < unicode.MaxASCII && unicode.IsLetter(r):
			latin++
		case unicode.IsLetter(r):
			other++
		}
	}
	return latin > 2*other
}

// claimSlug makes an id for a claim from its first words, or, for text in a script
// without spaces (Chinese), from its speaker and what it is about.
func claimSlug(speaker, text string, about []string) string {
	words := latinWords(text)
	var parts []string
	switch {
	case mostlyLatin(text) && len(words) > 0:
		parts = words[:min(len(words), maxSlugWords)]
	case len(about) > 0:
		// Two topics when they fit, so that a topic's id is never cut.
		parts = append([]string{speaker, "on"}, about[:min(len(about), 2)]...)
		if len(about) > 1 && len(strings.Join(parts, "-")) > maxSlugLen {
			parts = parts[:3]
		}
	case len(words) > 0:
		parts = append([]string{speaker}, words[:min(len(words), 3)]...)
	default:
		parts = []string{speaker, "claim"}
	}
	return clip(strings.Join(parts, "-"))
}

// clip cuts an id at a hyphen to at most maxSlugLen bytes.
func clip(s string) string {
	if len(s) <= maxSlugLen {
		return s
	}
	cut := strings.LastIndexByte(s[:maxSlugLen], '-')
	if cut <= 0 {
		cut = maxSlugLen
	}
	return strings.TrimRight(s[:cut], "-._")
}

// ids hands out ids unique among those already taken.
type ids map[string]bool

// unique returns base, or base-2, base-3, ... whichever is free first, and takes it.
func (t ids) unique(base string) string {
	id := base
	for n := 2; t[id]; n++ {
		id = base + "-" + strconv.Itoa(n)
	}
	t[id] = true
	return id
}
