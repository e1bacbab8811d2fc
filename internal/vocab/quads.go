package vocab

import (
	"bytes"
	"slices"
	"strings"

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
	var b strings.Builder
	for i, q := range qs {
		ks[i] = keyed{nquadLine(&b, q), q}
	}
	slices.SortFunc(ks, func(a, b keyed) int { return strings.Compare(a.key, b.key) })
	out := make([]quad.Quad, 0, len(ks))
	for i, k := range ks {
		if i > 0 && k.key == ks[i-1].key {
			continue
		}
		out = append(out, k.q)
	}
	return out
}

// nquadLine is q.NQuad() made without fmt, which took most of the time of
// sorting a large store's quads: each value's N-Quads form, blank-separated.
func nquadLine(b *strings.Builder, q quad.Quad) string {
	if q.Subject == nil || q.Predicate == nil || q.Object == nil {
		return q.NQuad()
	}
	sub, pred, obj, label := q.Subject.String(), q.Predicate.String(), q.Object.String(), ""
	if q.Label != nil {
		label = q.Label.String()
	}
	b.Reset()
	b.Grow(len(sub) + len(pred) + len(obj) + len(label) + 5)
	b.WriteString(sub)
	b.WriteByte(' ')
	b.WriteString(pred)
	b.WriteByte(' ')
	b.WriteString(obj)
	if label != "" {
		b.WriteByte(' ')
		b.WriteString(label)
	}
	b.WriteString(" .")
	return b.String()
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
