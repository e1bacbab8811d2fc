package entities

import (
	"strings"
	"testing"

	"github.com/graphbuilder/graph/internal/diag"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ＤｅｅｐＳｅｅｋ", "deepseek"},
		{"Dario  Amodei\n", "dario amodei"},
		{"达里奥·阿莫迪", "达里奥·阿莫迪"},
		{"ANTHROPIC公司", "anthropic公司"},
		{"   ", ""},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestIndexLookupAndCollisions(t *testing.T) {
	at := func(line int) diag.Range { return diag.Range{File: "g.yaml", Start: diag.Pos{Line: line, Column: 9}} }
	es := []*Entity{
		{ID: "dario-amodei", Name: "Dario Amodei", Aliases: []string{"Dario", "达里奥"}, At: at(1)},
		{ID: "deepseek", Name: "DeepSeek", At: at(5)},
		{ID: "other", Name: "Other", Aliases: []string{"ｄａｒｉｏ"}, At: at(9)},
	}
	ix, ds := NewIndex(es)
	if len(ds) != 1 || !strings.Contains(ds[0].Error(), `g.yaml:9:9: alias collision: alias "ｄａｒｉｏ" of "other" is also a name of "dario-amodei"`) {
		t.Errorf("collision not reported as expected: %v", ds)
	}
	for name, want := range map[string]string{"DARIO": "dario-amodei", "达里奥": "dario-amodei", "ＤｅｅｐＳｅｅｋ": "deepseek"} {
		if got, ok := ix.Lookup(name); !ok || got != want {
			t.Errorf("Lookup(%q) = %q, %v; want %q", name, got, ok, want)
		}
	}
	if _, ok := ix.Lookup("nobody"); ok {
		t.Error("unknown name found")
	}
}
