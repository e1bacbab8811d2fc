package vocab

import (
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/quad"
)

// The key Sorted orders by is the N-Quads line Cayley writes, for every kind of
// value: IRIs, blank nodes, plain, typed and language-tagged strings, numbers,
// times, and quads without a label or with an empty one.
func TestNQuadLineIsCayleys(t *testing.T) {
	values := []quad.Value{
		quad.IRI("claim/a"), quad.IRI("http://example.org/x y"), quad.BNode("b1"),
		quad.String("plain"), quad.String("with \"quotes\", \\ and\nnew line"), quad.String("引号“中文”"),
		quad.TypedString{Value: "3", Type: "xsd:integer"}, quad.LangString{Value: "bonjour", Lang: "fr"},
		quad.Int(42), quad.Float(0.55), quad.Bool(true), quad.Time(time.Date(2026, 12, 4, 21, 0, 0, 0, time.UTC)),
		quad.String(""),
	}
	labels := []quad.Value{nil, quad.String(""), quad.IRI("source/x"), quad.BNode("g")}
	var b strings.Builder
	n := 0
	for _, s := range values {
		for _, o := range values {
			for _, l := range labels {
				q := quad.Quad{Subject: s, Predicate: quad.IRI("says"), Object: o, Label: l}
				if got, want := nquadLine(&b, q), q.NQuad(); got != want {
					t.Errorf("%#v:\n got %s\nwant %s", q, got, want)
				}
				n++
			}
		}
	}
	q := quad.Quad{Subject: nil, Predicate: quad.IRI("p"), Object: quad.String("o")}
	if got, want := nquadLine(&b, q), q.NQuad(); got != want {
		t.Errorf("a quad without a subject: got %s, want %s", got, want)
	}
	if n < 500 {
		t.Fatalf("only %d quads compared", n)
	}
}
