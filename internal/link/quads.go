package link

import (
	"github.com/cayleygraph/quad"
	"github.com/google/uuid"

	"github.com/graphbuilder/graph/internal/rdf"
)

// Label is the label of every quad graph link writes; each run replaces it whole.
const Label = quad.IRI("link")

// Predicates and the node kind graph link writes.
const (
	SameAs     = quad.IRI("same_as")
	LinkType   = rdf.LinkType
	A          = quad.IRI("a")
	B          = quad.IRI("b")
	Score      = quad.IRI("score")
	Reason     = quad.IRI("reason")
	StatusPred = quad.IRI("status")
)

var linkSpace = uuid.NewSHA1(uuid.NameSpaceURL, []byte("urn:graph:link"))

// IRI is the IRI of the link node of a pair: a UUIDv5 of its two ids, in either order.
func IRI(a, b string) quad.IRI {
	if a > b {
		a, b = b, a
	}
	return quad.IRI("link/" + uuid.NewSHA1(linkSpace, []byte(a+"\x00"+b)).String())
}

// Quads renders a result under [Label]:
//
//	<link/UUID> <type> <link>; <a> <A>; <b> <B>; <score> 0.9; <reason> "..."; <status> "linked"
//	<X> <same_as> <Y>, for every two entities of a group, in both directions
//
// Every pair found gets a link node, whatever its status, so pending and rejected
// pairs can be queried too; only linked and accepted pairs become <same_as> edges.
// Because the edges go both ways and join every two members of a group, one
// Out("<same_as>") step reaches every other name of an entity.
func Quads(r *Result) []quad.Quad {
	var out []quad.Quad
	add := func(s quad.Value, p quad.IRI, o quad.Value) {
		out = append(out, quad.Quad{Subject: s, Predicate: p, Object: o, Label: Label})
	}
	for _, p := range r.Pairs {
		n := IRI(p.A, p.B)
		add(n, quad.IRI("type"), LinkType)
		add(n, A, quad.IRI(p.A))
		add(n, B, quad.IRI(p.B))
		add(n, Score, quad.Float(p.Score))
		add(n, Reason, quad.String(p.Reason))
		add(n, StatusPred, quad.String(string(p.Status)))
	}
	for _, g := range r.Groups {
		for _, x := range g {
			for _, y := range g {
				if x != y {
					add(quad.IRI(x), SameAs, quad.IRI(y))
				}
			}
		}
	}
	return out
}
