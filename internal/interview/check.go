package interview

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/graphbuilder/graph/internal/argument"
	"github.com/graphbuilder/graph/internal/diag"
	"github.com/graphbuilder/graph/internal/entities"
	"github.com/graphbuilder/graph/schema"
)

// checkEntities checks a set of entities that are used together: unique ids, no
// alias shared by two entities, facts that name entities of the set and fit the
// schema's domain and range.
func checkEntities(es []*entities.Entity, sch *schema.Schema) diag.Diagnostics {
	var ds diag.Diagnostics
	byID := map[string]*entities.Entity{}
	var unique []*entities.Entity
	for _, e := range es {
		if prev, dup := byID[e.ID]; dup {
			ds = append(ds, diag.Errorf(e.At, "duplicate id %q (first defined at %s)", e.ID, prev.At.Location()))
			continue
		}
		byID[e.ID] = e
		unique = append(unique, e)
	}
	_, more := entities.NewIndex(unique)
	ds = append(ds, more...)
	ids := make([]string, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, e := range unique {
		for _, f := range e.Facts {
			obj := byID[f.Object]
			if obj == nil {
				d := diag.Errorf(f.At, "unknown entity %q in fact %s", f.Object, f.Predicate)
				if sug := diag.Suggest(f.Object, ids); sug != "" {
					d.WithHint("did you mean %q?", sug)
				}
				ds = append(ds, d)
				continue
			}
			ek := sch.Edge(f.Predicate)
			if e.Kind != entities.KindInvalid && obj.Kind != entities.KindInvalid && !ek.Allows(e.Kind, obj.Kind) {
				ds = append(ds, diag.Errorf(f.At, "fact %s cannot go from %q (a %s) to %q (a %s)", f.Predicate, e.ID, e.Kind, obj.ID, obj.Kind).
					WithHint("%s goes from %s to %s", f.Predicate, strings.Join(ek.Domain, ", "), strings.Join(ek.Range, ", ")))
			}
		}
	}
	return ds
}

// resolver knows the node kind of every id a graph's claims and relations may name.
// A reference to a claim of another source is a claim as far as one file can tell;
// [Loader.LoadAll] checks it when that source is loaded too.
type resolver struct {
	source string
	kinds  map[string]string
	ids    []string
}

func (r *resolver) KindOf(id string) string {
	if ref, ok := argument.ParseRef(id); ok && ref.Source != r.source {
		return "claim"
	}
	return r.kinds[id]
}

func (r *resolver) Candidates() []string { return r.ids }

func (g *Graph) check(sch *schema.Schema) diag.Diagnostics {
	var all []*entities.Entity
	for _, c := range g.Catalogs {
		for i := range c.Entities {
			all = append(all, &c.Entities[i])
		}
	}
	for i := range g.Entities {
		all = append(all, &g.Entities[i])
	}
	ds := checkEntities(all, sch)

	// A reference to a claim of this very source means the claim itself.
	for i := range g.Relations {
		r := &g.Relations[i]
		for _, end := range []*string{&r.From, &r.To} {
			if ref, ok := argument.ParseRef(*end); ok && ref.Source == g.Source.ID {
				*end = ref.Claim
			}
		}
	}
	res := &resolver{source: g.Source.ID, kinds: map[string]string{}}
	where := map[string]diag.Range{}
	add := func(id, kind string, at diag.Range) {
		if prev, dup := where[id]; dup {
			ds = append(ds, diag.Errorf(at, "duplicate id %q (first defined at %s)", id, prev.Location()))
			return
		}
		where[id] = at
		res.kinds[id] = kind
	}
	for _, e := range all {
		if _, seen := where[e.ID]; seen {
			continue // reported by checkEntities
		}
		add(e.ID, e.Kind, e.At)
	}
	for _, c := range g.Claims {
		add(c.ID, "claim", c.At)
	}
	for _, r := range g.Relations {
		if r.ID != "" {
			add(r.ID, "relation", r.At)
		}
	}
	for id := range res.kinds {
		res.ids = append(res.ids, id)
	}
	sort.Strings(res.ids)

	asserts := sch.Edge("asserts")
	for _, sp := range g.Source.Speakers {
		if k := res.KindOf(sp); k != entities.KindInvalid && (k == "" || !asserts.Allows(k, "claim")) {
			ds = append(ds, g.refError("speaker", sp, k, res))
		}
	}
	if a := g.Source.Author; a != "" {
		if k := res.KindOf(a); k != entities.KindInvalid && (k == "" || !asserts.Allows(k, "claim")) {
			ds = append(ds, g.refError("author", a, k, res))
		}
	}

	ds = append(ds, argument.Validate(g.Claims, g.Relations, res, sch)...)
	argument.FillStatedBy(g.Relations, g.Claims, res, sch)
	ds = append(ds, checkRelationIDs(g.Relations)...)

	if g.Transcript != "" {
		t := argument.Transcript{Text: g.Transcript}
		locate := func(quote string, at diag.Range, span *argument.Span) {
			if quote == "" {
				return
			}
			if sp, ok := t.Locate(quote); ok {
				*span = sp
			} else {
				ds = append(ds, g.quoteError(at, quote))
			}
		}
		for i := range g.Claims {
			locate(g.Claims[i].Quote, g.Claims[i].QuoteAt, &g.Claims[i].Span)
		}
		for i := range g.Relations {
			locate(g.Relations[i].Quote, g.Relations[i].QuoteAt, &g.Relations[i].Span)
		}
	}
	return ds
}

// checkRelationIDs reports relations that target themselves, directly or through a
// chain of relations, and relations that repeat another's kind and ends.
func checkRelationIDs(rels []argument.Relation) diag.Diagnostics {
	var ds diag.Diagnostics
	byID := map[string]*argument.Relation{}
	for i := range rels {
		if rels[i].ID != "" {
			byID[rels[i].ID] = &rels[i]
		}
	}
	for _, r := range rels {
		if r.ID == "" {
			continue
		}
		seen := map[string]bool{r.ID: true}
		for next := byID[r.To]; next != nil; next = byID[next.To] {
			if seen[next.ID] {
				ds = append(ds, diag.Errorf(r.ToAt, "relation %q targets itself through a chain of relations", r.ID))
				break
			}
			seen[next.ID] = true
		}
	}
	type key struct{ kind, from, to string }
	first := map[key]diag.Range{}
	for _, r := range rels {
		k := key{r.Kind, r.From, r.To}
		if prev, dup := first[k]; dup {
			ds = append(ds, diag.Errorf(r.KindAt, "relation %s from %q to %q is already stated at %s", r.Kind, r.From, r.To, prev.Location()))
			continue
		}
		first[k] = r.KindAt
	}
	return ds
}

func (g *Graph) refError(what, id, kind string, res *resolver) *diag.Diagnostic {
	at := g.Source.At
	if kind != "" {
		return diag.Errorf(at, "source %s %q is a %s, which cannot speak", what, id, kind)
	}
	d := diag.Errorf(at, "unknown source %s %q", what, id)
	if sug := diag.Suggest(id, res.ids); sug != "" {
		d.WithHint("did you mean %q?", sug)
	}
	return d
}

// quoteError says a quote is not in the transcript, and how much of its start is, so
// the user can see where the two part.
func (g *Graph) quoteError(at diag.Range, quote string) *diag.Diagnostic {
	d := diag.Errorf(at, "quote not found in transcript %s", g.Source.Transcript)
	runes := []rune(strings.TrimSpace(quote))
	lo, hi := 0, len(runes)
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if strings.Contains(g.Transcript, string(runes[:mid])) {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	if lo >= 2 {
		prefix := string(runes[:lo])
		i := strings.Index(g.Transcript, prefix)
		line := 1 + strings.Count(g.Transcript[:i], "\n")
		col := utf8.RuneCountInString(g.Transcript[strings.LastIndexByte(g.Transcript[:i], '\n')+1:i]) + 1
		d.WithHint("the first %d characters match at %s:%d:%d; the quote differs after %q", lo, g.Source.Transcript, line, col, prefix)
	}
	return d
}
