package rdf

import (
	"testing"

	"github.com/graphbuilder/graph/internal/extract/finding"
	"github.com/graphbuilder/graph/internal/interview"
	"github.com/graphbuilder/graph/internal/vocab"
	"github.com/graphbuilder/graph/schema"
)

// TestWithExtracted adds findings to docs/example and reads the result back: a
// finding that is a curated claim or repeats a curated relation adds nothing, the
// others come with their rule, confidence and evidence, and an extracted relation
// has the shape of a curated one.
func TestWithExtracted(t *testing.T) {
	g, ds := interview.NewLoader(schema.Core()).Load("../../docs/example/graph.yaml")
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	ev := vocab.Span{Start: 189, End: 240}
	res := &finding.Result{
		Claims: []finding.Claim{
			// Overlaps the quote of the curated engines-compose-music.
			{ID: "c-music", Speaker: "ada-lovelace", Text: "might compose music", Span: vocab.Span{Start: 50, End: 70}, Rule: "r.claim", Confidence: 0.9},
			{ID: "c-point", Speaker: "ada-lovelace", Text: "he had missed the point", Span: vocab.Span{Start: 216, End: 239},
				Evidence: ev, About: []string{"computing"}, Topic: "Music", Rule: "r.claim", Confidence: 0.7},
		},
		Relations: []finding.Relation{
			// The curated relation again.
			{Kind: "criticizes", From: "ada-lovelace", To: "sam-writer", Rule: "r.rel", Confidence: 0.8},
			{Kind: "rebuts", From: "c-point", To: "c-music", Quote: "he had missed the point", Evidence: ev, Rule: "r.rel", Confidence: 0.6},
			// A relation of a claim to itself is left out.
			{Kind: "supports", From: "c-music", To: "c-music", Rule: "r.rel", Confidence: 0.5},
		},
		Mentions: []finding.Mention{{Entity: "ada-lovelace", Pronoun: true}, {Entity: "engine-co"}},
	}
	set := WithExtracted(SourceSet(g), g, res)
	if set.Label != vocab.SourceIRI("lovelace-1843") {
		t.Errorf("label %s", set.Label)
	}
	dg := vocab.Decode(set.Quads)
	if len(dg.Claims) != 3 {
		t.Fatalf("%d claims, want the 2 curated and c-point", len(dg.Claims))
	}
	point := dg.Claims[0] // claim/lovelace-1843/c-point sorts first
	if point.ID != "c-point" || point.Origin != vocab.OriginExtracted || point.Rule != "r.claim" ||
		point.Confidence != 0.7 || point.Evidence != ev || point.Topic != "Music" || point.QuoteSpan != (vocab.Span{Start: 216, End: 239}) {
		t.Errorf("extracted claim: %+v", point)
	}
	if len(dg.Relations) != 3 {
		t.Fatalf("%d relations, want the 2 curated and 1 extracted", len(dg.Relations))
	}
	var got *vocab.RelationNode
	for _, r := range dg.Relations {
		if r.Origin == vocab.OriginExtracted {
			got = r
		}
	}
	want := vocab.RelationIRI("lovelace-1843", vocab.ClaimIRI("lovelace-1843", "c-point"), "rebuts",
		vocab.ClaimIRI("lovelace-1843", "engines-compose-music"))
	if got == nil || got.IRI != string(want) || got.Kind != "rebuts" || got.Source != "lovelace-1843" ||
		got.Rule != "r.rel" || got.Confidence != 0.6 || got.Evidence != ev || got.QuoteSpan != ev {
		t.Errorf("extracted relation: %+v", got)
	}
	for _, st := range dg.Statements {
		if st.Predicate == "rebuts" {
			t.Errorf("the shortcut of an extracted relation is not part of its node: %+v", st)
		}
	}
	if len(dg.Sources) != 1 || len(dg.Sources[0].Mentions) != 4 {
		t.Errorf("mentions: %+v", dg.Sources)
	}
}
