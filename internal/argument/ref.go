package argument

import (
	"strings"

	"github.com/graphbuilder/graph/internal/entities"
)

// Ref names a claim of another source, written SOURCE/CLAIM in a relation's from or
// to (amodei-2025/no-diminishing-returns). The loader of one file cannot always see
// the other source, so a Ref is taken to be a claim; it is checked when both sources
// are loaded together.
type Ref struct {
	Source, Claim string
}

// ParseRef splits s into a [Ref]. It reports false for a plain id and for anything
// that is not exactly two well-formed ids joined by one slash.
func ParseRef(s string) (Ref, bool) {
	src, claim, ok := strings.Cut(s, "/")
	if !ok || !entities.IDPattern.MatchString(src) || !entities.IDPattern.MatchString(claim) {
		return Ref{}, false
	}
	return Ref{Source: src, Claim: claim}, true
}

// String renders r as SOURCE/CLAIM.
func (r Ref) String() string { return r.Source + "/" + r.Claim }

// looksLikeRef reports whether s was meant as a SOURCE/CLAIM reference.
func looksLikeRef(s string) bool { return strings.Contains(s, "/") }

func isRef(s string) bool {
	_, ok := ParseRef(s)
	return ok
}
