package interview

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/graphbuilder/graph/internal/diag"
	"github.com/graphbuilder/graph/internal/entities"
)

// definition is where an entity of a load is defined: inline in a graph, or in a
// catalog a graph includes.
type definition struct {
	e       entities.Entity
	catalog string // the catalog file, or "" for a graph's own entity
}

// definitions holds the first definition of every entity id of a load, so that
// each entity has one definition: one name, one kind, one set of aliases.
type definitions map[string]definition

// add checks the entities of g against those of the graphs added before. An id
// with two kinds is an error. Two graphs defining one id with different names,
// aliases, wikidata ids or genders is an error naming both places, since both
// would be written and every query would see two names; when either definition is
// a catalog's, which graphs share on purpose, it is a warning.
func (defs definitions) add(g *Graph) diag.Diagnostics {
	var ds diag.Diagnostics
	check := func(e entities.Entity, catalog string) {
		prev, ok := defs[e.ID]
		if !ok {
			defs[e.ID] = definition{e, catalog}
			return
		}
		if prev.e.At == e.At {
			return // one catalog, included by two graphs
		}
		if prev.e.Kind != e.Kind {
			ds = append(ds, diag.Errorf(e.KindAt, "entity %q is a %s here but a %s at %s", e.ID, e.Kind, prev.e.Kind, prev.e.At.Location()))
			return
		}
		diff := differences(e, prev.e)
		if diff == "" {
			return
		}
		d := diag.Errorf(e.At, "entity %q is defined differently at %s: %s", e.ID, prev.e.At.Location(), diff)
		switch {
		case catalog != "" || prev.catalog != "":
			d.Severity = diag.Warning
			d.WithHint("both definitions are written; define it in one catalog, or leave it to the catalog")
		case spellingOnly(e, prev.e):
			// "Luke McCroy-Jones" and "Luke McCroy Jones": one name spelt two ways,
			// as speakers of imported debates are.
			d.Severity = diag.Warning
			d.WithHint("both spellings are written as names; make the two the same to keep one")
		default:
			d.WithHint("an entity has one definition: move it to a catalog both graphs include, or make the two the same")
		}
		ds = append(ds, d)
	}
	for _, e := range g.Entities {
		check(e, "")
	}
	for _, c := range g.Catalogs {
		for _, e := range c.Entities {
			check(e, c.File)
		}
	}
	return ds
}

// differences says how entity e differs from other, the definition before it, in
// what is written of it once per entity: "" when in nothing.
func differences(e, other entities.Entity) string {
	var out []string
	if e.Name != other.Name {
		out = append(out, fmt.Sprintf("name %q here, %q there", e.Name, other.Name))
	}
	a, b := slices.Sorted(slices.Values(e.Aliases)), slices.Sorted(slices.Values(other.Aliases))
	if !slices.Equal(slices.Compact(a), slices.Compact(b)) {
		out = append(out, fmt.Sprintf("aliases %s here, %s there", list(a), list(b)))
	}
	if e.Wikidata != other.Wikidata {
		out = append(out, fmt.Sprintf("wikidata %s here, %s there", orNone(e.Wikidata), orNone(other.Wikidata)))
	}
	if e.Gender != other.Gender {
		out = append(out, fmt.Sprintf("gender %s here, %s there", orNone(e.Gender), orNone(other.Gender)))
	}
	return strings.Join(out, "; ")
}

// spellingOnly reports two definitions that differ only in how the name is
// spelt: in case, blanks, hyphens and other punctuation.
func spellingOnly(e, other entities.Entity) bool {
	key := func(s string) string {
		var b strings.Builder
		for _, r := range strings.ToLower(s) {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				b.WriteRune(r)
			}
		}
		return b.String()
	}
	e.Name, other.Name = key(e.Name), key(other.Name)
	return e.Name == other.Name && differences(e, other) == ""
}

func list(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
