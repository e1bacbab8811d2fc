package export

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/graphbuilder/graph/internal/interview"
	"github.com/graphbuilder/graph/internal/rdf"
	"github.com/graphbuilder/graph/schema"
)

// exampleQuads builds the bundled amodei-2025 interview graph into quads, as
// graph build does.
func exampleQuads(t *testing.T) []quad.Quad {
	t.Helper()
	files, err := interview.Find([]string{filepath.Join("..", "..", "examples", "amodei-2025")})
	if err != nil {
		t.Fatal(err)
	}
	graphs, ds := interview.NewLoader(schema.Core()).LoadAll(files)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	var qs []quad.Quad
	for _, g := range graphs {
		for _, set := range rdf.Sets(g) {
			qs = append(qs, set.Quads...)
		}
	}
	return qs
}

// exampleDOT is what graph export dot --source amodei-2025 writes.
func exampleDOT(t *testing.T) []byte {
	t.Helper()
	m, err := NewMap(exampleQuads(t)).Select(Selection{Sources: []string{"amodei-2025"}, MaxNodes: 400})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteDOT(&buf, m, DOTOptions{}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestDocsPicture keeps docs/amodei-2025.svg, the picture in docs/export.md, equal
// to what graph export svg --renderer wasm --source amodei-2025 draws today; run
// go test -update to redraw it.
func TestDocsPicture(t *testing.T) {
	var svg bytes.Buffer
	if err := RenderSVG(context.Background(), &svg, exampleDOT(t), RendererWASM); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("..", "..", "docs", "amodei-2025.svg")
	if *update {
		if err := os.WriteFile(path, svg.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(want, svg.Bytes()) {
		t.Errorf("%s is out of date: run go test ./internal/export -run TestDocsPicture -update", path)
	}
}
