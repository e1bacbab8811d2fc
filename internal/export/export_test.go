package export

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/jsonld"
	"github.com/cayleygraph/quad/nquads"
	"github.com/google/go-cmp/cmp"

	"github.com/graphbuilder/graph/internal/vocab"
)

var update = flag.Bool("update", false, "rewrite the golden files and docs/amodei-2025.svg")

// golden compares got with testdata/golden/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s is out of date (-want +got; run go test -update if the change is meant):\n%s", path, diff)
	}
}

func mustSelect(t testing.TB, qs []quad.Quad, sel Selection) *Map {
	t.Helper()
	m, err := NewMap(qs).Select(sel)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// encoders are every format, each as a function of the fixture's quads.
var encoders = []struct {
	name string
	run  func(w io.Writer, qs []quad.Quad) error
}{
	{"map.dot", func(w io.Writer, qs []quad.Quad) error {
		m, err := NewMap(qs).Select(Selection{})
		if err != nil {
			return err
		}
		return WriteDOT(w, m, DOTOptions{})
	}},
	{"map-speaker-tb.dot", func(w io.Writer, qs []quad.Quad) error {
		m, err := NewMap(qs).Select(Selection{Sources: []string{"talk-zh"}, About: true})
		if err != nil {
			return err
		}
		return WriteDOT(w, m, DOTOptions{Cluster: ClusterSpeaker, Direction: TopToBottom})
	}},
	{"map-focus.dot", func(w io.Writer, qs []quad.Quad) error {
		m, err := NewMap(qs).Select(Selection{Focus: "<claim/talk-zh/no-diminishing-returns>", Depth: 1})
		if err != nil {
			return err
		}
		return WriteDOT(w, m, DOTOptions{Cluster: ClusterNone, NoLegend: true})
	}},
	{"map-claims.dot", func(w io.Writer, qs []quad.Quad) error {
		m, err := NewMap(qs).Select(Selection{Kinds: []string{"claim"}})
		if err != nil {
			return err
		}
		return WriteDOT(w, m, DOTOptions{})
	}},
	{"all.nq", WriteNQuads},
	{"all.jsonld", WriteJSONLD},
	{"map.graphml", func(w io.Writer, qs []quad.Quad) error {
		m, err := NewMap(qs).Select(Selection{About: true})
		if err != nil {
			return err
		}
		return WriteGraphML(w, m)
	}},
}

func TestGolden(t *testing.T) {
	for _, e := range encoders {
		t.Run(e.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := e.run(&buf, fixture()); err != nil {
				t.Fatal(err)
			}
			golden(t, e.name, buf.Bytes())
		})
	}
}

// TestDeterministic checks that the order of the quads, and repeats among them,
// change no output.
func TestDeterministic(t *testing.T) {
	for _, e := range encoders {
		t.Run(e.name, func(t *testing.T) {
			var want bytes.Buffer
			if err := e.run(&want, fixture()); err != nil {
				t.Fatal(err)
			}
			for seed := range uint64(5) {
				qs := fixture()
				qs = append(qs, qs[:7]...)
				r := rand.New(rand.NewPCG(seed, 99))
				r.Shuffle(len(qs), func(i, j int) { qs[i], qs[j] = qs[j], qs[i] })
				var got bytes.Buffer
				if err := e.run(&got, qs); err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(want.Bytes(), got.Bytes()) {
					t.Fatalf("seed %d: output differs from that of the sorted quads:\n%s",
						seed, cmp.Diff(want.String(), got.String()))
				}
			}
		})
	}
}

// nq returns the quads as sorted N-Quads lines, without repeats.
func nq(qs []quad.Quad) []string {
	sorted := vocab.Sorted(qs)
	out := make([]string, len(sorted))
	for i, q := range sorted {
		out[i] = q.NQuad()
	}
	return out
}

func TestNQuadsRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteNQuads(&buf, fixture()); err != nil {
		t.Fatal(err)
	}
	got, err := quad.ReadAll(nquads.NewReader(&buf, false))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(nq(fixture()), nq(got)); diff != "" {
		t.Errorf("quads changed on the way through N-Quads (-want +got):\n%s", diff)
	}
}

// TestJSONLDRoundTrip reads the JSON-LD back with a JSON-LD processor (json-gold,
// through Cayley's reader): every quad, label included, must come back once the
// base IRI is taken off again.
func TestJSONLDRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteJSONLD(&buf, fixture()); err != nil {
		t.Fatal(err)
	}
	read, err := quad.ReadAll(jsonld.NewReader(&buf))
	if err != nil {
		t.Fatal(err)
	}
	strip := func(v quad.Value) quad.Value {
		if iri, ok := v.(quad.IRI); ok {
			return quad.IRI(strings.TrimPrefix(string(iri), JSONLDBase))
		}
		return v
	}
	var got []quad.Quad
	for _, q := range read {
		got = append(got, quad.Quad{Subject: strip(q.Subject), Predicate: strip(q.Predicate), Object: strip(q.Object), Label: strip(q.Label)})
	}
	if diff := cmp.Diff(nq(fixture()), nq(got)); diff != "" {
		t.Errorf("quads changed on the way through JSON-LD (-want +got):\n%s", diff)
	}
}

// TestDotAcceptsDOT runs the system's Graphviz over every DOT output, the example's
// included; it is skipped where Graphviz is not installed.
func TestDotAcceptsDOT(t *testing.T) {
	dot, err := exec.LookPath("dot")
	if err != nil {
		t.Skip("no Graphviz dot on PATH")
	}
	inputs := map[string][]byte{"amodei-2025.dot": exampleDOT(t)}
	for _, e := range encoders {
		if strings.HasSuffix(e.name, ".dot") {
			var buf bytes.Buffer
			if err := e.run(&buf, fixture()); err != nil {
				t.Fatal(err)
			}
			inputs[e.name] = buf.Bytes()
		}
	}
	for name, in := range inputs {
		t.Run(name, func(t *testing.T) {
			cmd := exec.Command(dot, "-Tsvg")
			cmd.Stdin = bytes.NewReader(in)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			out, err := cmd.Output()
			if err != nil || strings.Contains(stderr.String(), "Error") {
				t.Fatalf("dot -Tsvg: %v\n%s", err, stderr.String())
			}
			if !bytes.Contains(out, []byte("</svg>")) {
				t.Fatalf("dot -Tsvg wrote no SVG")
			}
		})
	}
}

// TestSVGWithoutSystemGraphviz renders with PATH emptied: auto must fall back to
// the built-in Graphviz, and Chinese labels must survive.
func TestSVGWithoutSystemGraphviz(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	if got := RendererAuto.Resolve(); got != RendererWASM {
		t.Fatalf("auto resolved to %q without dot on PATH", got)
	}
	var dot, svg bytes.Buffer
	if err := WriteDOT(&dot, mustSelect(t, fixture(), Selection{}), DOTOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := RenderSVG(context.Background(), &svg, dot.Bytes(), RendererAuto); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<svg", "AI 的进步已经遇到回报递减。", "怀疑者:", "Noto Sans CJK SC"} {
		if !strings.Contains(svg.String(), want) {
			t.Errorf("SVG lacks %q", want)
		}
	}
	if err := RenderSVG(context.Background(), &svg, dot.Bytes(), RendererDot); !errors.Is(err, ErrNoDot) {
		t.Errorf("renderer dot without dot on PATH: got %v, want ErrNoDot", err)
	}
}

func TestSVGBadDOTWritesNothing(t *testing.T) {
	var svg bytes.Buffer
	if err := RenderSVG(context.Background(), &svg, []byte("digraph { a -> }"), RendererWASM); err == nil {
		t.Fatal("no error for broken DOT")
	}
	if svg.Len() != 0 {
		t.Errorf("wrote %d bytes for broken DOT", svg.Len())
	}
}

// BenchmarkDOT10k measures reading a 10,000-node graph into a map and writing it
// as DOT.
func BenchmarkDOT10k(b *testing.B) {
	qs := synthetic()
	m := mustSelect(b, qs, Selection{About: true, KeepIsolated: true})
	if len(m.Nodes) != 10000 {
		b.Fatalf("synthetic graph has %d nodes", len(m.Nodes))
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		m, err := NewMap(qs).Select(Selection{About: true, KeepIsolated: true})
		if err != nil {
			b.Fatal(err)
		}
		if err := WriteDOT(io.Discard, m, DOTOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
