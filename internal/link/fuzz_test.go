package link

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzLoadDecisions feeds arbitrary links.yaml files to the decisions reader: it
// must not panic, and every diagnostic must name the file.
func FuzzLoadDecisions(f *testing.F) {
	f.Add([]byte("accept:\n  - [yann-lecun, lecun]\nreject:\n  - [dario-amodei, daniela-amodei]\n"))
	f.Add([]byte("accept:\n  - [lecun-2024/a, amodei-2025/b, rebuts]\n"))
	f.Add([]byte("accept: [[a, a]]\n"))
	f.Add([]byte("reject:\n  - [a\n"))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		file := filepath.Join(dir, "links.yaml")
		if err := os.WriteFile(file, data, 0o644); err != nil {
			t.Fatal(err)
		}
		_, ds := LoadDecisions(file)
		for _, d := range ds {
			if !strings.HasPrefix(d.Error(), file) {
				t.Fatalf("diagnostic without the file: %q", d.Error())
			}
		}
	})
}
