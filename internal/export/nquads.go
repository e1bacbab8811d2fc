package export

import (
	"io"

	"github.com/cayleygraph/quad"

	"github.com/graphbuilder/graph/internal/vocab"
)

// WriteNQuads writes the quads as N-Quads, sorted and without repeats, one per line
// with its label (the source) as the fourth element, so that the same graph always
// gives the same bytes. Typed literals carry full datatype IRIs
// (http://www.w3.org/2001/XMLSchema#integer rather than Cayley's xsd:integer), as
// RDF tools expect.
func WriteNQuads(w io.Writer, qs []quad.Quad) error {
	out := make([]quad.Quad, len(qs))
	for i, q := range qs {
		out[i] = quad.Quad{Subject: fullType(q.Subject), Predicate: q.Predicate, Object: fullType(q.Object), Label: q.Label}
	}
	_, err := w.Write(vocab.NQuads(vocab.Sorted(out)))
	return err
}

// fullType expands the datatype of a typed literal to its full IRI.
func fullType(v quad.Value) quad.Value {
	var ts quad.TypedString
	switch v := v.(type) {
	case quad.TypedString:
		ts = v
	case quad.TypedStringer:
		ts = v.TypedString()
	default:
		return v
	}
	ts.Type = ts.Type.Full()
	return ts
}
