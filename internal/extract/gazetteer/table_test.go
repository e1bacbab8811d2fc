package gazetteer

import (
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The fold table and the fast paths rest on claims about Unicode that a new
// version of x/text could break; these tests check them over every character
// concerned.

func TestTableFolds(t *testing.T) {
	tab := loadTable()
	for r := rune(utf8.RuneSelf); r <= 0x1FFFF; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		s := string(r)
		if got, want := tab.runeFold(s, r), refFold(s); got != want {
			t.Errorf("fold of %U is %q, want %q", r, got, want)
		}
		if got, want := tab.joinsRune(r), !norm.NFKC.PropertiesString(s).BoundaryBefore(); got != want {
			t.Errorf("%U joins the segment before it: %v, want %v", r, got, want)
		}
	}
}

func TestFastLeads(t *testing.T) {
	for r := rune(0x800); r <= 0xFFFF; r++ {
		s := string(r)
		if !utf8.ValidRune(r) || !fastLead[s[0]] {
			continue
		}
		if !inFastRange(r) {
			t.Fatalf("%U has a fast lead byte but is outside the fast range", r)
		}
		if refFold(s) != s || !norm.NFKC.PropertiesString(s).BoundaryBefore() || isWord(r) {
			t.Fatalf("%U has a fast lead byte but does not fold to itself, joins or is a word character", r)
		}
	}
}

func TestCaseFoldingNeedsMappingOrDecomposition(t *testing.T) {
	for r := rune(utf8.RuneSelf); r <= unicode.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		s := string(r)
		if unicode.SimpleFold(r) == r && norm.NFKC.PropertiesString(s).Decomposition() == nil && !unicode.IsSpace(r) && refFold(s) != s {
			t.Errorf("%U folds to %q without a case mapping or decomposition", r, refFold(s))
		}
	}
}

func TestASCII(t *testing.T) {
	for c := range utf8.RuneSelf {
		s := string(rune(c))
		if got, want := asciiFold[c:c+1], refFold(s); got != want {
			t.Errorf("fold of %q is %q, want %q", s, got, want)
		}
		if got, want := asciiWord[c], unicode.IsLetter(rune(c)) || unicode.IsDigit(rune(c)); got != want {
			t.Errorf("%q is a word character: %v, want %v", s, got, want)
		}
	}
}
