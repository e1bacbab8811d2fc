package link

import (
	"github.com/cayleygraph/quad"

	"github.com/graphbuilder/graph/internal/vocab"
)

// Quads renders a result under [vocab.LinkLabel]:
//
//	<link/UUID> <type> <link>; <a> <A>; <b> <B>; <score> 0.9; <reason> "..."; <status> "linked"
//	<X> <same_as> <Y>, for every two entities of a group, in both directions
//
// Every pair found gets a link node ([vocab.LinkIRI]), whatever its status, so
// pending and rejected pairs can be queried too; only linked and accepted pairs
// become <same_as> edges. Because the edges go both ways and join every two members
// of a group, one Out("<same_as>") step reaches every other name of an entity.
func Quads(r *Result) []quad.Quad {
	var out []quad.Quad
	add := func(s quad.Value, p quad.IRI, o quad.Value) {
		out = append(out, quad.Quad{Subject: s, Predicate: p, Object: o, Label: vocab.LinkLabel})
	}
	for _, p := range r.Pairs {
		n := vocab.LinkIRI(p.A, p.B)
		add(n, vocab.Type, vocab.LinkType)
		add(n, vocab.LinkA, vocab.EntityIRI(p.A))
		add(n, vocab.LinkB, vocab.EntityIRI(p.B))
		add(n, vocab.Score, quad.Float(p.Score))
		add(n, vocab.Reason, quad.String(p.Reason))
		add(n, vocab.Status, quad.String(string(p.Status)))
	}
	for _, g := range r.Groups {
		for _, x := range g {
			for _, y := range g {
				if x != y {
					add(vocab.EntityIRI(x), vocab.SameAs, vocab.EntityIRI(y))
				}
			}
		}
	}
	return out
}
