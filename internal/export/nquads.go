package export

import (
	"bufio"
	"io"
	"slices"
	"strings"

	"github.com/cayleygraph/quad"
)

// Groups hands quads to a streaming encoder in groups it can sort one at a time:
// it calls fn with groups in the order of key (of each quad's subject for
// [StreamNQuads], of its label for [StreamJSONLD]), every quad once, and quads
// whose keys are equal in one group. A store streams them from its indexes
// (store.Store.SubjectGroups and LabelGroups).
type Groups func(key func(quad.Value) string, fn func([]quad.Quad) error) error

// WriteNQuads writes the quads as N-Quads, sorted and without repeats, one per line
// with its label (the source) as the fourth element, so that the same graph always
// gives the same bytes. Typed literals carry full datatype IRIs
// (http://www.w3.org/2001/XMLSchema#integer rather than Cayley's xsd:integer), as
// RDF tools expect.
func WriteNQuads(w io.Writer, qs []quad.Quad) error {
	return StreamNQuads(w, func(_ func(quad.Value) string, fn func([]quad.Quad) error) error { return fn(qs) })
}

// StreamNQuads writes what [WriteNQuads] writes, the quads coming in groups by
// subject, so that only one group is held and sorted at a time. A group's
// subjects must share their keys, or one key must start with the other: a line
// starts with its subject's key, and only then can lines of two subjects
// interleave.
func StreamNQuads(w io.Writer, groups Groups) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	var lines []nquadLine
	err := groups(SubjectKey, func(qs []quad.Quad) error {
		lines = lines[:0]
		for _, q := range qs {
			q = quad.Quad{Subject: fullType(q.Subject), Predicate: q.Predicate, Object: fullType(q.Object), Label: q.Label}
			lines = append(lines, nquadLine{q.NQuad(), q})
		}
		slices.SortFunc(lines, func(a, b nquadLine) int { return strings.Compare(a.key, b.key) })
		for i, l := range lines {
			if i > 0 && l.key == lines[i-1].key {
				continue
			}
			if err := writeNQuad(bw, l.q); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return bw.Flush()
}

// SubjectKey is the key by which [StreamNQuads] wants its groups: the start of
// the N-Quads line of a quad with that subject.
func SubjectKey(v quad.Value) string {
	if v == nil {
		return ""
	}
	return fullType(v).String() + " "
}

type nquadLine struct {
	key string
	q   quad.Quad
}

// writeNQuad writes a quad as Cayley's N-Quads writer does: invalid quads (a
// direction missing) are left out, a quad without a label has three terms.
func writeNQuad(w *bufio.Writer, q quad.Quad) error {
	if !q.IsValid() {
		return nil
	}
	w.WriteString(q.Subject.String())
	w.WriteByte(' ')
	w.WriteString(q.Predicate.String())
	w.WriteByte(' ')
	w.WriteString(q.Object.String())
	if q.Label != nil {
		w.WriteByte(' ')
		w.WriteString(q.Label.String())
	}
	_, err := w.WriteString(" .\n")
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
