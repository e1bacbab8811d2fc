package aif

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/graphbuilder/graph/internal/vocab"
)

// TestValidFiles imports each file of testdata/valid, which hold what real files do
// (ids as numbers, an OVA wrapper, participants or none, annotators' notes, isolated
// nodes, undercuts, rephrases, nodes with no scheme) and what is left out with a
// warning, and compares the warnings, the transcript, the graph.yaml and the quads
// with the .golden file beside it.
func TestValidFiles(t *testing.T) {
	files, err := filepath.Glob("testdata/valid/*.json")
	if err != nil || len(files) == 0 {
		t.Fatal("no valid inputs", err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			res, ds := ReadFile(file, Options{SourceID: SourceID(file, "{dir}"), Title: Title(file)})
			if ds.HasErrors() {
				t.Fatal(ds)
			}
			var got strings.Builder
			got.WriteString("# diagnostics\n")
			for _, d := range ds {
				got.WriteString(d.Error() + "\n")
			}
			got.WriteString("\n# transcript.txt\n" + res.Graph.Transcript)
			y, err := MarshalGraph(res.Graph)
			if err != nil {
				t.Fatal(err)
			}
			got.WriteString("\n# graph.yaml\n")
			got.Write(y)
			got.WriteString("\n# quads\n")
			got.Write(vocab.NQuads(res.Quads()))
			golden := strings.TrimSuffix(file, ".json") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got.String()), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), got.String()); diff != "" {
				t.Errorf("import of %s (-want +got)\n%s", file, diff)
			}
		})
	}
}
