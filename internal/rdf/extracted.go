package rdf

import (
	"github.com/cayleygraph/quad"

	"github.com/graphbuilder/graph/internal/argument"
	"github.com/graphbuilder/graph/internal/extract"
	"github.com/graphbuilder/graph/internal/interview"
)

// Predicates of extracted findings.
const (
	Rule          = quad.IRI("rule")
	Confidence    = quad.IRI("confidence")
	EvidenceStart = quad.IRI("evidence_start")
	EvidenceEnd   = quad.IRI("evidence_end")
	Topic         = quad.IRI("topic")
)

// OriginExtracted marks claims and relations that a rule found.
const OriginExtracted = "extracted"

// WithExtracted returns the source set of g with what extraction found added to it.
// Curated facts win: an extracted claim of the same speaker overlapping a curated
// claim's quote is that curated claim, and an extracted relation that repeats a
// curated one (same kind and ends) is dropped. Everything added carries its rule,
// confidence and evidence.
func WithExtracted(set Set, g *interview.Graph, res *extract.Result) Set {
	src := g.Source.ID
	sIRI := SourceIRI(src)
	b := &builder{label: set.Label, quads: append([]quad.Quad(nil), set.Quads...)}

	// Extracted claim id -> IRI, mapped onto curated claims where they coincide.
	claimIRI := map[string]quad.IRI{}
	for _, c := range res.Claims {
		if cur := curatedClaim(g, c.Speaker, c.Span); cur != "" {
			claimIRI[c.ID] = ClaimIRI(src, cur)
			continue
		}
		iri := ClaimIRI(src, c.ID)
		claimIRI[c.ID] = iri
		b.claim(iri, sIRI, c.Speaker, c.Text, c.Text, c.Span, c.About)
		b.str(iri, Topic, c.Topic)
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
		return EntityIRI(id)
	}
	for _, r := range res.Relations {
		from, to := end(r.From), end(r.To)
		kind := quad.IRI(r.Kind)
		if from == to || curated[[3]quad.IRI{from, kind, to}] {
			continue
		}
		rIRI := RelationIRI(src, from, r.Kind, to)
		b.add(from, kind, to)
		b.add(rIRI, Type, RelationType)
		b.add(rIRI, Kind, kind)
		b.add(rIRI, From, from)
		b.add(rIRI, To, to)
		b.add(rIRI, Source, sIRI)
		b.quote(rIRI, r.Quote, r.Evidence)
		b.extracted(rIRI, r.Rule, r.Confidence, r.Evidence)
	}

	known := map[string]bool{}
	for _, q := range set.Quads {
		if q.Subject == sIRI && q.Predicate == Mentions {
			known[string(q.Object.(quad.IRI))] = true
		}
	}
	for _, m := range res.Mentions {
		if !m.Pronoun && !known[m.Entity] {
			known[m.Entity] = true
			b.add(sIRI, Mentions, EntityIRI(m.Entity))
		}
	}
	return b.set()
}

func (b *builder) extracted(s quad.Value, rule string, conf float64, ev argument.Span) {
	b.str(s, Origin, OriginExtracted)
	b.str(s, Rule, rule)
	b.add(s, Confidence, quad.Float(conf))
	b.add(s, EvidenceStart, quad.Int(ev.Start))
	b.add(s, EvidenceEnd, quad.Int(ev.End))
}

// curatedClaim returns the id of a curated claim of this speaker whose quote
// overlaps sp, or "".
func curatedClaim(g *interview.Graph, speaker string, sp argument.Span) string {
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
			return ClaimIRI(src, id)
		}
	}
	return EntityIRI(id)
}
