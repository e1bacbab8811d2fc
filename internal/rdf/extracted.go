package rdf

import (
	"github.com/cayleygraph/quad"

	"github.com/graphbuilder/graph/internal/extract/finding"
	"github.com/graphbuilder/graph/internal/interview"
	"github.com/graphbuilder/graph/internal/vocab"
)

// WithExtracted returns the source set of g with what extraction found added to it.
// Curated facts win: an extracted claim of the same speaker overlapping a curated
// claim's quote is that curated claim, and an extracted relation that repeats a
// curated one (same kind and ends) is dropped. Everything added carries its rule,
// confidence and evidence.
func WithExtracted(set Set, g *interview.Graph, res *finding.Result) Set {
	src := g.Source.ID
	sIRI := vocab.SourceIRI(src)
	b := &builder{label: set.Label, quads: append([]quad.Quad(nil), set.Quads...), source: g.Source.ID, utterances: g.Utterances}

	// Extracted claim id -> IRI, mapped onto curated claims where they coincide.
	claimIRI := map[string]quad.IRI{}
	for _, c := range res.Claims {
		if cur := curatedClaim(g, c.Speaker, c.Span); cur != "" {
			claimIRI[c.ID] = vocab.ClaimIRI(src, cur)
			continue
		}
		iri := vocab.ClaimIRI(src, c.ID)
		claimIRI[c.ID] = iri
		b.claim(iri, sIRI, c.Speaker, c.Text, c.Text, c.Span, c.About)
		b.str(iri, vocab.Topic, c.Topic)
		b.extracted(iri, c.Rule, c.Confidence, c.Evidence)
	}

	curated := map[[3]quad.IRI]bool{}
	for _, r := range g.Relations {
		from, to := curatedEnd(src, g, r.From), curatedEnd(src, g, r.To)
		curated[[3]quad.IRI{from, quad.IRI(r.Kind), to}] = true
	}
	end := func(id string) quad.IRI {
		if iri, ok := claimIRI[id]; ok {
			return iri
		}
		return vocab.EntityIRI(id)
	}
	for _, r := range res.Relations {
		from, to := end(r.From), end(r.To)
		kind := quad.IRI(r.Kind)
		if from == to || curated[[3]quad.IRI{from, kind, to}] {
			continue
		}
		rIRI := vocab.RelationIRI(src, from, r.Kind, to)
		b.relation(rIRI, from, kind, to, sIRI)
		b.quote(rIRI, r.Quote, r.Evidence)
		b.extracted(rIRI, r.Rule, r.Confidence, r.Evidence)
	}

	known := map[string]bool{}
	for _, q := range set.Quads {
		if q.Subject == sIRI && q.Predicate == vocab.Mentions {
			known[string(q.Object.(quad.IRI))] = true
		}
	}
	for _, m := range res.Mentions {
		if !m.Pronoun && !known[m.Entity] {
			known[m.Entity] = true
			b.add(sIRI, vocab.Mentions, vocab.EntityIRI(m.Entity))
		}
	}
	return b.set()
}

func (b *builder) extracted(s quad.Value, rule string, conf float64, ev vocab.Span) {
	b.str(s, vocab.Origin, vocab.OriginExtracted)
	b.str(s, vocab.Rule, rule)
	b.add(s, vocab.Confidence, quad.Float(conf))
	b.add(s, vocab.EvidenceStart, quad.Int(ev.Start))
	b.add(s, vocab.EvidenceEnd, quad.Int(ev.End))
}

// curatedClaim returns the id of a curated claim of this speaker whose quote
// overlaps sp, or "".
func curatedClaim(g *interview.Graph, speaker string, sp vocab.Span) string {
	for _, c := range g.Claims {
		if c.Speaker == speaker && c.Quote != "" && c.Span.Start < sp.End && sp.Start < c.Span.End {
			return c.ID
		}
	}
	return ""
}

func curatedEnd(src string, g *interview.Graph, id string) quad.IRI {
	for _, c := range g.Claims {
		if c.ID == id {
			return vocab.ClaimIRI(src, id)
		}
	}
	return vocab.EntityIRI(id)
}
