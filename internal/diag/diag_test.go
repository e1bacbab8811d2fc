package diag

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSuggest(t *testing.T) {
	cands := []string{"anthropic", "openai", "deepseek", "claude"}
	tests := []struct{ word, want string }{
		{"antrhopic", "anthropic"},
		{"opnai", "openai"},
		{"claud", "claude"},
		{"zzzzzz", ""},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			if got := Suggest(tt.word, cands); got != tt.want {
				t.Errorf("Suggest(%q) = %q, want %q", tt.word, got, tt.want)
			}
		})
	}
}

func TestSortDedupAndError(t *testing.T) {
	ds := Diagnostics{
		Errorf(Range{File: "b.yaml", Start: Pos{2, 1}}, "second"),
		Errorf(Range{File: "a.yaml", Start: Pos{9, 3}}, "late"),
		Errorf(Range{File: "a.yaml", Start: Pos{1, 5}}, "early"),
		Errorf(Range{File: "a.yaml", Start: Pos{1, 5}}, "early"),
	}
	ds = ds.Sort()
	got := ds.Error()
	want := "a.yaml:1:5: early\na.yaml:9:3: late\nb.yaml:2:1: second"
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
	if ds.Err() == nil {
		t.Error("errors reported as nil")
	}
	if (Diagnostics{{Severity: Warning, Summary: "w"}}).Err() != nil {
		t.Error("warnings alone must not be an error")
	}
}

func TestRenderShowsLineCaretAndHint(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "g.yaml")
	if err := os.WriteFile(file, []byte("a: 1\n名字: antrhopic\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	d := Errorf(Range{File: file, Start: Pos{2, 5}}, "unknown entity %q", "antrhopic").WithHint("did you mean %q?", "anthropic")
	var buf bytes.Buffer
	Render(&buf, Diagnostics{d})
	want := file + ":2:5: unknown entity \"antrhopic\"\n    名字: antrhopic\n          ^\nhint: did you mean \"anthropic\"?\n"
	if diff := cmp.Diff(want, buf.String()); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}
