package aif

import (
	"bytes"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
	"github.com/google/go-cmp/cmp"

	"github.com/graphbuilder/graph/internal/export"
)

// writeFixture is package export's test graph (two sources, a catalog, undercuts,
// relations from entities, characters that JSON escapes), as its golden N-Quads
// hold it; the DOT, GraphML and JSON-LD encoders are tested on the same quads.
const writeFixture = "../export/testdata/golden/all.nq"

// writeGolden is what [Write] makes of writeFixture.
const writeGolden = "testdata/write/map.aif.json"

func fixtureQuads(t *testing.T) []quad.Quad {
	t.Helper()
	f, err := os.Open(writeFixture)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	qs, err := quad.ReadAll(nquads.NewReader(f, false))
	if err != nil {
		t.Fatal(err)
	}
	return qs
}

func writeMap(t *testing.T, qs []quad.Quad) []byte {
	t.Helper()
	m, err := export.NewMap(qs).Select(export.Selection{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Write(&buf, m); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestWriteGolden(t *testing.T) {
	got := writeMap(t, fixtureQuads(t))
	if *update {
		if err := os.WriteFile(writeGolden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(writeGolden)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s is out of date (-want +got; run go test -update if the change is meant):\n%s", writeGolden, diff)
	}
}

// TestWriteDeterministic checks that the order of the quads, and repeats among
// them, change nothing that Write writes.
func TestWriteDeterministic(t *testing.T) {
	want := writeMap(t, fixtureQuads(t))
	for seed := range uint64(5) {
		qs := fixtureQuads(t)
		qs = append(qs, qs[:7]...)
		r := rand.New(rand.NewPCG(seed, 99))
		r.Shuffle(len(qs), func(i, j int) { qs[i], qs[j] = qs[j], qs[i] })
		if got := writeMap(t, qs); !bytes.Equal(want, got) {
			t.Fatalf("seed %d: output differs from that of the sorted quads:\n%s", seed, cmp.Diff(string(want), string(got)))
		}
	}
}
