package rdf

import (
	"time"

	"github.com/cayleygraph/quad"

	"github.com/graphbuilder/graph/internal/argument"
	"github.com/graphbuilder/graph/internal/entities"
	"github.com/graphbuilder/graph/internal/interview"
	"github.com/graphbuilder/graph/internal/transcript"
	"github.com/graphbuilder/graph/internal/vocab"
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
	// source and utterances, when set, tie quotes to the utterance they start in.
	source     string
	utterances *transcript.Transcript
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
	return Set{Label: b.label, Quads: vocab.Sorted(b.quads)}
}

// relation writes the shape of an argument relation ([vocab.RelationQuads]).
func (b *builder) relation(rel, from, kind, to, source quad.IRI) {
	b.quads = append(b.quads, vocab.RelationQuads(b.label, rel, from, kind, to, source)...)
}

func (b *builder) entity(e *entities.Entity) {
	s := vocab.EntityIRI(e.ID)
	b.add(s, vocab.Type, quad.IRI(e.Kind))
	b.str(s, vocab.Name, e.Name)
	for _, a := range e.Aliases {
		b.str(s, vocab.Alias, a)
	}
	b.str(s, vocab.Wikidata, e.Wikidata)
	for _, f := range e.Facts {
		b.add(s, quad.IRI(f.Predicate), vocab.EntityIRI(f.Object))
	}
}

func catalogSet(c *interview.Catalog) Set {
	b := &builder{label: vocab.CatalogIRI(c.ID)}
	b.add(vocab.CatalogIRI(c.ID), vocab.Type, vocab.CatalogType)
	for i := range c.Entities {
		b.entity(&c.Entities[i])
		b.add(vocab.EntityIRI(c.Entities[i].ID), vocab.Catalog, vocab.CatalogIRI(c.ID))
	}
	return b.set()
}

func sourceSet(g *interview.Graph) Set {
	src := g.Source
	sIRI := vocab.SourceIRI(src.ID)
	b := &builder{label: sIRI, source: src.ID, utterances: g.Utterances}
	b.add(sIRI, vocab.Type, vocab.SourceType)
	b.str(sIRI, vocab.Title, src.Title)
	b.str(sIRI, vocab.SourceKind, src.Kind)
	b.str(sIRI, vocab.Language, src.Language)
	b.str(sIRI, vocab.Date, src.Date)
	b.str(sIRI, vocab.URL, src.URL)
	b.str(sIRI, vocab.Transcript, src.Transcript)
	b.str(sIRI, vocab.TranscriptSHA256, g.TranscriptSHA256)
	if t := g.Utterances; t != nil {
		b.str(sIRI, vocab.TranscriptFormat, string(t.Format))
		b.str(sIRI, vocab.TranscriptText, t.Text)
		b.utteranceNodes(sIRI, g)
	}
	if src.Author != "" {
		b.add(sIRI, vocab.Author, vocab.EntityIRI(src.Author))
	}
	for _, sp := range src.Speakers {
		b.add(sIRI, vocab.Speaker, vocab.EntityIRI(sp))
	}
	for i := range g.Entities {
		b.entity(&g.Entities[i])
	}
	for _, id := range g.Named() {
		b.add(sIRI, vocab.Mentions, vocab.EntityIRI(id))
	}

	claimIRI := map[string]quad.IRI{}
	for _, c := range g.Claims {
		claimIRI[c.ID] = vocab.ClaimIRI(src.ID, c.ID)
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
			return vocab.ClaimIRI(ref.Source, ref.Claim)
		}
		if r, ok := relByID[id]; ok {
			return resolve(r)
		}
		return vocab.EntityIRI(id)
	}
	resolve = func(r *argument.Relation) quad.IRI {
		if iri, ok := relIRI[r]; ok {
			return iri
		}
		iri := vocab.RelationIRI(src.ID, end(r.From), r.Kind, end(r.To))
		relIRI[r] = iri
		return iri
	}
	for i := range g.Relations {
		r := &g.Relations[i]
		rIRI := resolve(r)
		b.relation(rIRI, end(r.From), quad.IRI(r.Kind), end(r.To), sIRI)
		b.str(rIRI, vocab.Origin, vocab.OriginCurated)
		b.str(rIRI, vocab.CuratedID, r.ID)
		if r.By != "" {
			b.add(rIRI, vocab.StatedBy, vocab.EntityIRI(r.By))
		}
		b.quote(rIRI, r.Quote, r.Span)
	}
	return b.set()
}

// claim writes a claim node: its type, text, speaker (who asserts it), source,
// quote and topics.
func (b *builder) claim(iri, source quad.IRI, speaker, text, quote string, sp vocab.Span, about []string) {
	b.add(iri, vocab.Type, vocab.ClaimType)
	b.str(iri, vocab.Text, text)
	b.add(iri, vocab.Speaker, vocab.EntityIRI(speaker))
	b.add(iri, vocab.Source, source)
	b.add(vocab.EntityIRI(speaker), vocab.Asserts, iri)
	b.quote(iri, quote, sp)
	for _, a := range about {
		b.add(iri, vocab.About, vocab.EntityIRI(a))
	}
}

func (b *builder) quote(s quad.Value, text string, sp vocab.Span) {
	if text == "" {
		return
	}
	b.str(s, vocab.Quote, text)
	b.add(s, vocab.QuoteStart, quad.Int(sp.Start))
	b.add(s, vocab.QuoteEnd, quad.Int(sp.End))
	b.said(s, sp)
}

// said ties s to the utterance its span starts in, and to the time it was said.
func (b *builder) said(s quad.Value, sp vocab.Span) {
	t := b.utterances
	if t == nil || len(t.Utterances) == 0 {
		return
	}
	if i := t.Index(sp.Start); i >= 0 {
		b.add(s, vocab.UtteranceOf, vocab.UtteranceIRI(b.source, i+1))
	}
	if at, ok := t.TimeAt(sp.Start); ok {
		b.add(s, vocab.SaidAt, seconds(at))
	}
	// Labels, stamps and cue lines are not in the text: where the quote is in the
	// file is written down, for a reader to find it there.
	if line, col := t.Place(sp.Start); line > 0 {
		b.add(s, vocab.QuoteLine, quad.Int(line))
		b.add(s, vocab.QuoteColumn, quad.Int(col))
	}
}

// utteranceNodes writes a node per utterance of the transcript (its IRI numbers it):
// its speaker label and speaker, its times, and the span of its text. Where it is in
// the file is written on the quotes that need it.
func (b *builder) utteranceNodes(source quad.IRI, g *interview.Graph) {
	for i, u := range g.Utterances.Utterances {
		n := vocab.UtteranceIRI(g.Source.ID, i+1)
		b.add(n, vocab.Type, vocab.UtteranceType)
		b.add(n, vocab.Source, source)
		b.str(n, vocab.SpeakerLabel, u.Label)
		if id := g.SpeakerOf(u.Label); id != "" && u.Label != "" {
			b.add(n, vocab.Speaker, vocab.EntityIRI(id))
		}
		if u.HasTime {
			b.add(n, vocab.Start, seconds(u.Start))
			b.add(n, vocab.End, seconds(u.End))
		}
		b.add(n, vocab.SpanStart, quad.Int(u.Span.Start))
		b.add(n, vocab.SpanEnd, quad.Int(u.Span.End))

	}
}

// seconds writes a time as whole seconds: an integer, so that Gizmo's comparisons
// with the numbers people type (lt(600)) apply; Cayley compares integers with
// integers only.
func seconds(d time.Duration) quad.Int { return quad.Int(d / time.Second) }
