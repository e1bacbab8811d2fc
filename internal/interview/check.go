package interview

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"

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
	// An entity, claim or relation whose definition has an error keeps its id, so
	// that what names it is not reported again: one mistake, one diagnostic.
	for _, b := range g.broken {
		if _, seen := where[b.id]; !seen {
			where[b.id] = b.at
			res.kinds[b.id] = entities.KindInvalid
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
		t := &argument.Transcript{Text: g.Transcript}
		for i := range g.Claims {
			c := &g.Claims[i]
			ds = append(ds, g.locate(t, c.Quote, c.QuoteAt, c.Selector, &c.Span)...)
		}
		for i := range g.Relations {
			r := &g.Relations[i]
			ds = append(ds, g.locate(t, r.Quote, r.QuoteAt, r.Selector, &r.Span)...)
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
	// Only an entity that can speak is a plausible meaning.
	var speakers []string
	if asserts := g.Schema.Edge("asserts"); asserts != nil {
		for _, c := range res.ids {
			if asserts.Allows(res.kinds[c], "claim") {
				speakers = append(speakers, c)
			}
		}
	}
	if sug := diag.Suggest(id, speakers); sug != "" {
		d.WithHint("did you mean %q?", sug)
	}
	return d
}

// maxPlaces bounds the places a warning about a quote found many times lists.
const maxPlaces = 10

// locate sets *span to the place of quote in the transcript that sel chooses, or
// says why there is none. A quote found more than once with nothing to choose by
// is taken at its first place, with a warning naming every place.
func (g *Graph) locate(t *argument.Transcript, quote string, at diag.Range, sel argument.Selector, span *argument.Span) diag.Diagnostics {
	if quote == "" {
		return nil
	}
	f := t.Find(quote, sel)
	n := len(f.Places)
	if n == 0 {
		return diag.Diagnostics{g.quoteError(t, at, quote)}
	}
	// With both given, each may fit some places and the two together none.
	var ds diag.Diagnostics
	if sel.Prefix != "" && f.Prefixed == 0 {
		ds = append(ds, diag.Errorf(sel.PrefixAt, "quote_prefix is not just before %s", g.places(f.Places)))
	}
	if sel.Suffix != "" && f.Suffixed == 0 {
		ds = append(ds, diag.Errorf(sel.SuffixAt, "quote_suffix is not just after %s", g.places(f.Places)))
	}
	if ds == nil && len(f.Fits) == 0 {
		ds = append(ds, diag.Errorf(sel.SuffixAt, "quote_prefix and quote_suffix do not fit together at %s", g.places(f.Places)))
	}
	if ds != nil {
		return ds
	}
	the := "the quote"
	switch {
	case sel.Prefix != "" && sel.Suffix != "":
		the += " with this quote_prefix and quote_suffix"
	case sel.Prefix != "":
		the += " with this quote_prefix"
	case sel.Suffix != "":
		the += " with this quote_suffix"
	}
	if !f.OK {
		return diag.Diagnostics{diag.Errorf(sel.OccurrenceAt, "occurrence %d, but %s is found %s in the transcript, at %s",
			sel.Occurrence, the, times(len(f.Fits)), g.placeList(f.Fits))}
	}
	*span = f.Span
	if sel.Occurrence > 0 || len(f.Fits) == 1 {
		return nil
	}
	d := &diag.Diagnostic{Severity: diag.Warning, Subject: at,
		Summary: fmt.Sprintf("%s is found %s in the transcript, at %s; the first is taken", the, times(len(f.Fits)), g.placeList(f.Fits))}
	d.WithHint("say which one is meant with occurrence: N, counting from 1, or with quote_prefix or quote_suffix")
	return diag.Diagnostics{d}
}

// times says how many times something was found: "once", "2 times".
func times(n int) string {
	if n == 1 {
		return "once"
	}
	return fmt.Sprintf("%d times", n)
}

// places names the places of a quote for a message: "the quote's one place
// (t.txt:3:1)" or "any of the quote's 2 places (t.txt:3:1 and t.txt:9:5)".
func (g *Graph) places(sps []argument.Span) string {
	if len(sps) == 1 {
		return "the quote's one place (" + g.placeList(sps) + ")"
	}
	return fmt.Sprintf("any of the quote's %d places (%s)", len(sps), g.placeList(sps))
}

// placeList lists the transcript places of spans: "t.txt:3:1, t.txt:7:2 and
// t.txt:9:5", naming at most maxPlaces of them.
func (g *Graph) placeList(sps []argument.Span) string {
	var names []string
	for i, sp := range sps {
		if i == maxPlaces {
			names = append(names, fmt.Sprintf("%d more", len(sps)-i))
			break
		}
		names = append(names, g.transcriptPlace(sp.Start))
	}
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// transcriptPlace names the place of a code point offset of the transcript's text
// as FILE:LINE:COL in the transcript file, with its name as the graph gives it
// and the column in characters: the file's own line, not the text's, where the
// reading dropped speaker labels and stamps.
func (g *Graph) transcriptPlace(offset int) string {
	if g.Utterances != nil {
		line, col := g.Utterances.Place(offset)
		return fmt.Sprintf("%s:%d:%d", g.Source.Transcript, line, col)
	}
	// A graph made without reading its transcript (the text is the file).
	line, col, k := 1, 1, 0
	for _, r := range g.Transcript {
		if k == offset {
			break
		}
		k++
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return fmt.Sprintf("%s:%d:%d", g.Source.Transcript, line, col)
}

// hintWidth is about the most display cells the transcript's text in a hint takes,
// half of them on each side of the marked character.
const hintWidth = 60

// quoteError says a quote is not in the transcript and, when the quote's start is,
// shows the transcript there with its first differing character marked 【so】.
func (g *Graph) quoteError(t *argument.Transcript, at diag.Range, quote string) *diag.Diagnostic {
	d := diag.Errorf(at, "quote not found in transcript %s", g.Source.Transcript)
	near, ok := t.Closest(quote)
	if !ok || near.Matched < 2 {
		return d
	}
	before, after := around(g.Transcript, near.At, hintWidth)
	mark := ""
	if !near.End {
		mark, after = string(after[0]), after[1:]
	}
	head := clip(before, hintWidth/2, true)
	tail := clip(after, hintWidth/2, false)
	has := "a blank"
	if !near.Blank {
		has = fmt.Sprintf("%q", string([]rune(quote)[near.QuoteAt]))
	}
	d.WithHint("closest at %s: %s【%s】%s — the quote has %s here", g.transcriptPlace(near.At), head, mark, tail, has)
	return d
}

// around returns up to n characters of text on each side of code point offset at,
// as they are shown in one line: a run of white space as one blank, or as ↵ when it
// breaks the line, and a character that does not print as �.
func around(text string, at, n int) (before, after []rune) {
	b, k := 0, 0
	for k < at && b < len(text) {
		_, size := utf8.DecodeRuneInString(text[b:])
		b, k = b+size, k+1
	}
	add := func(rs []rune, r rune) []rune {
		switch {
		case unicode.IsSpace(r):
		case unicode.IsPrint(r):
			return append(rs, r)
		default:
			// Control and format characters would act on the terminal, or not
			// show at all.
			return append(rs, utf8.RuneError)
		}
		shown := ' '
		if r == '\n' {
			shown = '↵'
		}
		switch last := len(rs) - 1; {
		case last < 0 || rs[last] != ' ' && rs[last] != '↵':
			return append(rs, shown)
		case shown == '↵':
			rs[last] = shown
		}
		return rs
	}
	// A run of white space is shown as one character, so runs are read whole.
	for i := b; i > 0; {
		r, size := utf8.DecodeLastRuneInString(text[:i])
		if len(before) == n && !unicode.IsSpace(r) {
			break
		}
		before = add(before, r)
		i -= size
	}
	slices.Reverse(before)
	for _, r := range text[b:] {
		if len(after) == n && !unicode.IsSpace(r) {
			break
		}
		after = add(after, r)
	}
	return before, after
}

// clip returns what fits of rs in about cells display cells next to a place: the
// end of rs when before is set and its start otherwise, with an ellipsis where it
// was cut and no blank at the far end.
func clip(rs []rune, cells int, before bool) string {
	blank := func(r rune) bool { return r == ' ' || r == '↵' }
	if before {
		for len(rs) > 0 && blank(rs[0]) {
			rs = rs[1:]
		}
	} else {
		for len(rs) > 0 && blank(rs[len(rs)-1]) {
			rs = rs[:len(rs)-1]
		}
	}
	w, n := 0, 0
	for n < len(rs) {
		r := rs[n]
		if before {
			r = rs[len(rs)-1-n]
		}
		if w += cellWidth(r); w > cells {
			break
		}
		n++
	}
	if n == len(rs) {
		return string(rs)
	}
	if before {
		return "…" + strings.TrimLeftFunc(string(rs[len(rs)-n:]), blank)
	}
	return strings.TrimRightFunc(string(rs[:n]), blank) + "…"
}

// cellWidth is the number of terminal cells r takes: two for wide and full-width
// characters, one for the rest.
func cellWidth(r rune) int {
	if k := width.LookupRune(r).Kind(); k == width.EastAsianWide || k == width.EastAsianFullwidth {
		return 2
	}
	return 1
}
