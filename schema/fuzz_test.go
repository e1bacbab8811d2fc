package schema

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzExtend feeds arbitrary schema extension files to Extend: it must not
// panic, every diagnostic must name the file, and the core kinds must survive
// whatever the file says.
func FuzzExtend(f *testing.F) {
	f.Add([]byte("node_kinds:\n  - name: place\n    entity: true\nedge_kinds:\n  - name: located_in\n    category: fact\n    domain: [entity]\n    range: [place]\n"))
	f.Add([]byte("edge_kinds:\n  - name: rebuts\n    category: argument\n"))
	f.Add([]byte("node_kinds: {"))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		file := filepath.Join(dir, "ext.yaml")
		if err := os.WriteFile(file, data, 0o644); err != nil {
			t.Fatal(err)
		}
		s, ds := Core().Extend(file)
		for _, d := range ds {
			if !strings.HasPrefix(d.Error(), file) {
				t.Fatalf("diagnostic without the file: %q", d.Error())
			}
		}
		if s.Edge("rebuts") == nil || s.Node("person") == nil || !s.Edge("rebuts").Allows("claim", "claim") {
			t.Fatal("an extension changed the core kinds")
		}
	})
}
