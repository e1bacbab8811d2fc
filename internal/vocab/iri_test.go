package vocab

import (
	"testing"

	"github.com/cayleygraph/quad"
)

func TestRelationIRIIsStable(t *testing.T) {
	a := RelationIRI("s", "x", "rebuts", "y")
	if a != RelationIRI("s", "x", "rebuts", "y") {
		t.Error("same inputs, different IRIs")
	}
	for _, other := range []quad.IRI{
		RelationIRI("t", "x", "rebuts", "y"),
		RelationIRI("s", "y", "rebuts", "x"),
		RelationIRI("s", "x", "supports", "y"),
	} {
		if other == a {
			t.Errorf("different relations share %s", a)
		}
	}
	if !IsRelationIRI(string(a)) || len(a) != len(RelationPrefix)+36 {
		t.Errorf("IRI %q is not rel/UUID", a)
	}
	// Pinned: a changed IRI breaks every query and link that names a relation.
	if want := quad.IRI("rel/6bfd35bf-9e1d-59d0-90d7-c886015ccafb"); RelationIRI("lovelace-1843",
		ClaimIRI("lovelace-1843", "engines-only-calculate"), "rebuts", ClaimIRI("lovelace-1843", "engines-compose-music")) != want {
		t.Errorf("relation IRI changed; want %s", want)
	}
}

func TestLinkIRI(t *testing.T) {
	if LinkIRI("a", "b") != LinkIRI("b", "a") {
		t.Error("a link's IRI depends on the order of its ids")
	}
	if LinkIRI("a", "b") == LinkIRI("a", "c") || !IsLinkIRI(string(LinkIRI("a", "b"))) {
		t.Error("link IRIs")
	}
}

func TestInverses(t *testing.T) {
	tests := []struct {
		iri        string
		source, id string
		ok         bool
	}{
		{"claim/amodei-2025/no-diminishing-returns", "amodei-2025", "no-diminishing-returns", true},
		{string(ClaimIRI("s", "c")), "s", "c", true},
		{"claim/amodei-2025", "", "", false},
		{"claim//x", "", "", false},
		{"source/amodei-2025", "", "", false},
	}
	for _, tt := range tests {
		s, id, ok := ClaimID(tt.iri)
		if s != tt.source || id != tt.id || ok != tt.ok {
			t.Errorf("ClaimID(%q) = %q, %q, %v", tt.iri, s, id, ok)
		}
	}
	if id, ok := SourceID(string(SourceIRI("amodei-2025"))); !ok || id != "amodei-2025" {
		t.Error("SourceID of SourceIRI")
	}
	if _, ok := SourceID("catalog/labs"); ok {
		t.Error("SourceID of a catalog")
	}
	if id, ok := CatalogID(string(CatalogIRI("labs"))); !ok || id != "labs" {
		t.Error("CatalogID of CatalogIRI")
	}
	if EntityIRI("dario-amodei") != "dario-amodei" {
		t.Error("EntityIRI")
	}
}

// TestRelationQuads pins the shape of a relation: the shortcut and the node.
func TestRelationQuads(t *testing.T) {
	label, rel := SourceIRI("s"), quad.IRI("rel/1")
	got := string(NQuads(Sorted(RelationQuads(label, rel, "a", Rebuts, "claim/s/c", label))))
	want := `<a> <rebuts> <claim/s/c> <source/s> .
<rel/1> <from> <a> <source/s> .
<rel/1> <kind> <rebuts> <source/s> .
<rel/1> <source> <source/s> <source/s> .
<rel/1> <to> <claim/s/c> <source/s> .
<rel/1> <type> <relation> <source/s> .
`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	g := Decode(RelationQuads(label, rel, "a", Rebuts, "claim/s/c", label))
	if len(g.Relations) != 1 || len(g.Statements) != 0 {
		t.Errorf("decoded %+v, statements %+v", g.Relations, g.Statements)
	}
	r := g.Relations[0]
	if r.From != "a" || r.Kind != "rebuts" || r.To != "claim/s/c" || r.Source != "s" || r.Label != "source/s" {
		t.Errorf("decoded %+v", r)
	}
}

func TestIsArgument(t *testing.T) {
	for _, k := range []quad.IRI{Criticizes, Rebuts, Supports, Undercuts, Rephrases} {
		if !IsArgument(string(k)) {
			t.Errorf("%s is not an argument kind", k)
		}
	}
	for _, k := range []quad.IRI{SameAs, About, Asserts, "ceo_of"} {
		if IsArgument(string(k)) {
			t.Errorf("%s is an argument kind", k)
		}
	}
}
