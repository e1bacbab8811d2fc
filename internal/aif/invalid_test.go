package aif

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the expected outputs in testdata")

// TestInvalidFiles reads every file of testdata/invalid and compares what is
// reported, one diagnostic a line, with the .want file beside it. Each must give
// an error and no graph.
func TestInvalidFiles(t *testing.T) {
	files, err := filepath.Glob("testdata/invalid/*.json")
	if err != nil || len(files) == 0 {
		t.Fatal("no invalid inputs", err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			res, ds := ReadFile(file, Options{SourceID: "x"})
			if res != nil || !ds.HasErrors() {
				t.Fatalf("no error reported: %v", ds)
			}
			var got strings.Builder
			for _, d := range ds {
				got.WriteString(d.Error() + "\n")
			}
			wantFile := strings.TrimSuffix(file, ".json") + ".want"
			if *update {
				if err := os.WriteFile(wantFile, []byte(got.String()), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(wantFile)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), got.String()); diff != "" {
				t.Errorf("diagnostics (-want +got)\n%s", diff)
			}
		})
	}
}
