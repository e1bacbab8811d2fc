package entities

import (
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"

	"github.com/graphbuilder/graph/internal/diag"
)

var folder = cases.Fold()

// Fold normalises a name for comparison: NFKC (so full-width ＤｅｅｐＳｅｅｋ becomes
// DeepSeek), Unicode case folding, and runs of white space collapsed to one blank.
func Fold(s string) string {
	s = folder.String(norm.NFKC.String(s))
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}

// Index maps folded names and aliases to the entity they belong to.
type Index struct {
	byName map[string]string
	byID   map[string]*Entity
}

// NewIndex indexes entities by id and by every name and alias. Two entities that
// share a name or alias (after folding) are an alias collision, reported at the
// second one; the name stays with the first.
func NewIndex(es []*Entity) (*Index, diag.Diagnostics) {
	ix := &Index{byName: map[string]string{}, byID: map[string]*Entity{}}
	type origin struct {
		id  string
		raw string
		at  diag.Range
	}
	seen := map[string]origin{}
	var ds diag.Diagnostics
	for _, e := range es {
		ix.byID[e.ID] = e
		names := append([]string{e.Name}, e.Aliases...)
		for i, n := range names {
			at := e.nameAt(i)
			f := Fold(n)
			if f == "" {
				ds = append(ds, diag.Errorf(at, "entity %q has an empty alias", e.ID))
				continue
			}
			prev, dup := seen[f]
			switch {
			case !dup:
				seen[f] = origin{e.ID, n, at}
				ix.byName[f] = e.ID
			case prev.id != e.ID:
				what := "alias"
				if i == 0 {
					what = "name"
				}
				ds = append(ds, diag.Errorf(at, "alias collision: %s %q of %q is also a name of %q (%s)", what, n, e.ID, prev.id, prev.at.Location()).
					WithHint("give each entity its own names, or merge the two entities"))
			}
		}
	}
	return ix, ds
}

// Lookup returns the id of the entity with this name or alias, if any.
func (ix *Index) Lookup(name string) (string, bool) {
	id, ok := ix.byName[Fold(name)]
	return id, ok
}

// Entity returns the entity with this id, or nil.
func (ix *Index) Entity(id string) *Entity { return ix.byID[id] }

// IDs returns every indexed id in sorted order.
func (ix *Index) IDs() []string {
	out := make([]string, 0, len(ix.byID))
	for id := range ix.byID {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

// nameAt is where the i-th of an entity's names is written: its name for 0, then
// its aliases; the id's place when the entity was made without positions.
func (e *Entity) nameAt(i int) diag.Range {
	switch {
	case i == 0 && e.NameAt.File != "":
		return e.NameAt
	case i > 0 && i-1 < len(e.AliasAt):
		return e.AliasAt[i-1]
	}
	return e.At
}
