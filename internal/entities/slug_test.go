package entities

import "testing"

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Tomas Ortiz":         "tomas-ortiz",
		"  MARA  LINDQVIST: ": "mara-lindqvist",
		"Common Weights 2.0":  "common-weights-2-0",
		"张伟":                  "",
		"Dario Amodei 达里奥":    "dario-amodei",
		"O'Neil-Smith":        "o-neil-smith",
		"":                    "",
	} {
		if got := Slug(in); got != want || (got != "" && !IDPattern.MatchString(got)) {
			t.Errorf("Slug(%q) = %q, want %q (a valid id)", in, got, want)
		}
	}
}
