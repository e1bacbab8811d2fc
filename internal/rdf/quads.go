package rdf

import (
	"bytes"
	"sort"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"github.com/graphbuilder/graph/internal/argument"
	"github.com/graphbuilder/graph/internal/entities"
	"github.com/graphbuilder/graph/internal/interview"
)

// Set is the quads written under one label: a source or a catalog.
type Set struct {
	Label quad.IRI
	// Quads are sorted by their N-Quads form and free of repeats.
	Quads []quad.Quad
}

// Sets returns the quad sets of a graph: its source's set first, then one per
// included catalog in include order.
func Sets(g *interview.Graph) []Set {
	out := []Set{sourceSet(g)}
	for _, c := range g.Catalogs {
		out = append(out, catalogSet(c))
	}
	return out
}

type builder struct {
	label quad.IRI
	quads []quad.Quad
}

func (b *builder) add(s quad.Value, p quad.IRI, o quad.Value) {
	b.quads = append(b.quads, quad.Quad{Subject: s, Predicate: p, Object: o, Label: b.label})
}

func (b *builder) str(s quad.Value, p quad.IRI, v string) {
	if v != "" {
		b.add(s, p, quad.String(v))
	}
}

func (b *builder) set() Set {
	return Set{Label: b.label, Quads: Sorted(b.quads)}
}

func (b *builder) entity(e *entities.Entity) {
	s := EntityIRI(e.ID)
	b.add(s, Type, quad.IRI(e.Kind))
	b.str(s, Name, e.Name)
	for _, a := range e.Aliases {
		b.str(s, Alias, a)
	}
	b.str(s, Wikidata, e.Wikidata)
	for _, f := range e.Facts {
		b.add(s, quad.IRI(f.Predicate), EntityIRI(f.Object))
	}
}

func catalogSet(c *interview.Catalog) Set {
	b := &builder{label: CatalogIRI(c.ID)}
	b.add(CatalogIRI(c.ID), Type, CatalogType)
	for i := range c.Entities {
		b.entity(&c.Entities[i])
		b.add(EntityIRI(c.Entities[i].ID), Catalog, CatalogIRI(c.ID))
	}
	return b.set()
}

func sourceSet(g *interview.Graph) Set {
	src := g.Source
	sIRI := SourceIRI(src.ID)
	b := &builder{label: sIRI}
	b.add(sIRI, Type, SourceType)
	b.str(sIRI, Title, src.Title)
	b.str(sIRI, SourceKind, src.Kind)
	b.str(sIRI, Language, src.Language)
	b.str(sIRI, Date, src.Date)
	b.str(sIRI, URL, src.URL)
	b.str(sIRI, Transcript, src.Transcript)
	b.str(sIRI, TranscriptSHA256, g.TranscriptSHA256)
	if src.Author != "" {
		b.add(sIRI, Author, EntityIRI(src.Author))
	}
	for _, sp := range src.Speakers {
		b.add(sIRI, Speaker, EntityIRI(sp))
	}
	for i := range g.Entities {
		b.entity(&g.Entities[i])
	}
	for _, id := range g.Named() {
		b.add(sIRI, Mentions, EntityIRI(id))
	}

	claimIRI := map[string]quad.IRI{}
	for _, c := range g.Claims {
		claimIRI[c.ID] = ClaimIRI(src.ID, c.ID)
	}
	for _, c := range g.Claims {
		b.claim(claimIRI[c.ID], sIRI, c.Speaker, c.Text, c.Quote, c.Span, c.About)
	}

	// Relation IRIs depend on their ends, and an end may itself be a relation, so
	// they are resolved recursively; the loader has ruled out cycles.
	relByID := map[string]*argument.Relation{}
	for i := range g.Relations {
		if id := g.Relations[i].ID; id != "" {
			relByID[id] = &g.Relations[i]
		}
	}
	relIRI := map[*argument.Relation]quad.IRI{}
	var resolve func(r *argument.Relation) quad.IRI
	end := func(id string) quad.IRI {
		if iri, ok := claimIRI[id]; ok {
			return iri
		}
		if ref, ok := argument.ParseRef(id); ok {
			return ClaimIRI(ref.Source, ref.Claim)
		}
		if r, ok := relByID[id]; ok {
			return resolve(r)
		}
		return EntityIRI(id)
	}
	resolve = func(r *argument.Relation) quad.IRI {
		if iri, ok := relIRI[r]; ok {
			return iri
		}
		iri := RelationIRI(src.ID, end(r.From), r.Kind, end(r.To))
		relIRI[r] = iri
		return iri
	}
	for i := range g.Relations {
		r := &g.Relations[i]
		rIRI := resolve(r)
		from, to := end(r.From), end(r.To)
		kind := quad.IRI(r.Kind)
		b.add(from, kind, to)
		b.add(rIRI, Type, RelationType)
		b.add(rIRI, Kind, kind)
		b.add(rIRI, From, from)
		b.add(rIRI, To, to)
		b.add(rIRI, Source, sIRI)
		b.str(rIRI, Origin, OriginCurated)
		b.str(rIRI, CuratedID, r.ID)
		if r.By != "" {
			b.add(rIRI, StatedBy, EntityIRI(r.By))
		}
		b.quote(rIRI, r.Quote, r.Span)
	}
	return b.set()
}

// claim writes a claim node: its type, text, speaker (who asserts it), source,
// quote and topics.
func (b *builder) claim(iri, source quad.IRI, speaker, text, quote string, sp argument.Span, about []string) {
	b.add(iri, Type, ClaimType)
	b.str(iri, Text, text)
	b.add(iri, Speaker, EntityIRI(speaker))
	b.add(iri, Source, source)
	b.add(EntityIRI(speaker), Asserts, iri)
	b.quote(iri, quote, sp)
	for _, a := range about {
		b.add(iri, About, EntityIRI(a))
	}
}

func (b *builder) quote(s quad.Value, text string, sp argument.Span) {
	if text == "" {
		return
	}
	b.str(s, Quote, text)
	b.add(s, QuoteStart, quad.Int(sp.Start))
	b.add(s, QuoteEnd, quad.Int(sp.End))
}

// Sorted returns quads ordered by their N-Quads line, without repeats.
func Sorted(qs []quad.Quad) []quad.Quad {
	type keyed struct {
		key string
		q   quad.Quad
	}
	ks := make([]keyed, len(qs))
	for i, q := range qs {
		ks[i] = keyed{q.NQuad(), q}
	}
	sort.Slice(ks, func(i, j int) bool { return ks[i].key < ks[j].key })
	out := make([]quad.Quad, 0, len(ks))
	for i, k := range ks {
		if i > 0 && k.key == ks[i-1].key {
			continue
		}
		out = append(out, k.q)
	}
	return out
}

// NQuads renders quads as N-Quads text, one line each, in the given order.
func NQuads(qs []quad.Quad) []byte {
	var buf bytes.Buffer
	w := nquads.NewWriter(&buf)
	for _, q := range qs {
		w.WriteQuad(q)
	}
	w.Close()
	return buf.Bytes()
}
