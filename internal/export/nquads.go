package export

import (
	"io"

	"github.com/cayleygraph/quad"

	"github.com/graphbuilder/graph/internal/rdf"
)

// WriteNQuads writes the quads as N-Quads, sorted and without repeats, one per line
// with its label (the source) as the fourth element, so that the same graph always
// gives the same bytes.
func WriteNQuads(w io.Writer, qs []quad.Quad) error {
	_, err := w.Write(rdf.NQuads(rdf.Sorted(qs)))
	return err
}
