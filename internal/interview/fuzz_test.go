package interview

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/graphbuilder/graph/schema"
)

// FuzzLoad feeds arbitrary graph files, beside a fixed transcript, to the
// loader: it must not panic, and every diagnostic about the graph file must
// point inside it.
func FuzzLoad(f *testing.F) {
	example, err := os.ReadFile("../../docs/example/graph.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(example)
	f.Add([]byte("source:\n  id: s\n  title: T\n  kind: article\n  transcript: transcript.txt\nentities:\n  - id: ada\n    kind: person\n    name: Ada\n    gender: female\nclaims:\n  - id: c\n    speaker: ada\n    text: Engines compose.\n    quote: engines can compose\n"))
	f.Add([]byte("source: {id: s, title: T, kind: talk, transcript: ../../../../etc/passwd}\n"))
	f.Add([]byte("a: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n"))
	transcript, err := os.ReadFile("../../docs/example/transcript.txt")
	if err != nil {
		f.Fatal(err)
	}
	dir := f.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "transcript.txt"), transcript, 0o644); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		file := filepath.Join(dir, "graph.yaml")
		if err := os.WriteFile(file, data, 0o644); err != nil {
			t.Fatal(err)
		}
		lines := bytes.Count(data, []byte("\n")) + 2
		_, ds := NewLoader(schema.Core()).Load(file)
		for _, d := range ds {
			if at := d.Subject; at.File == file && (at.Start.Line < 0 || at.Start.Line > lines) {
				t.Fatalf("diagnostic at line %d of a %d-line file: %v", at.Start.Line, lines, d)
			}
		}
	})
}
