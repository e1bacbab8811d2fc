package vocab

import (
	"bytes"
	"sort"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
)

// Span is a half-open range [Start, End) of character (code point) offsets in a
// transcript, as <quote_start>/<quote_end> and <evidence_start>/<evidence_end>
// write it. The zero Span means "no quote".
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// RelationQuads is the shape of an argument relation under label: the shortcut
// quad from --kind--> to, so that Gizmo paths stay short, and the relation node
// rel (see [RelationIRI]) with its <type>, <kind>, <from>, <to> and <source>.
// Everything else a relation has (who states it, its quote, its origin) is an
// attribute of rel that the writer adds.
func RelationQuads(label, rel, from, kind, to, source quad.IRI) []quad.Quad {
	q := func(s quad.Value, p quad.IRI, o quad.Value) quad.Quad {
		return quad.Quad{Subject: s, Predicate: p, Object: o, Label: label}
	}
	return []quad.Quad{
		q(from, kind, to),
		q(rel, Type, RelationType),
		q(rel, Kind, kind),
		q(rel, From, from),
		q(rel, To, to),
		q(rel, Source, source),
	}
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
