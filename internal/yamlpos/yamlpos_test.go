package yamlpos

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseReportsPlaces(t *testing.T) {
	tests := []struct {
		name, data, want string
	}{
		{"empty", "  \n", "g.yaml: file is empty"},
		{"utf8", "a: 1\nb: \"x\xff\"\n", "g.yaml:2:6: invalid UTF-8 at byte offset 10"},
		{"flow", "a: 1\nb: [1, 2\nc: 3\n", "g.yaml:2:1: invalid YAML: did not find expected ',' or ']'"},
		{"flow first line", "b: [1, 2\nc: 3\n", "g.yaml:2:1: invalid YAML: did not find expected ',' or ']'"},
		{"indent", "a: 1\n  b: 2\n", "g.yaml:2:4: invalid YAML: mapping values are not allowed"},
		{"first line", "a: b: c\n", "g.yaml:1:5: invalid YAML: mapping values are not allowed"},
		{"token", "a: 1\nb: @x\n", "g.yaml:2:4: invalid YAML: found character that cannot start any token"},
		{"unterminated", "a: 1\nb: \"open\n\n", "g.yaml:2:9: invalid YAML: found unexpected end of stream"},
		{"too deep", "a: 1\nb: " + strings.Repeat("[", 10001) + "\n", "g.yaml:2:10004: invalid YAML: exceeded max depth"},
		{"tab", "a:\n\t- b\n", "g.yaml:2:1: invalid YAML: found character that cannot start any token"},
		{"scalar top", "just text\n", "g.yaml:1:1: the top level must be a mapping"},
		{"two docs", "a: 1\n---\nb: 2\n", "g.yaml:2:1: a graph file holds one YAML document"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ds := Parse("g.yaml", []byte(tt.data))
			if len(ds) != 1 {
				t.Fatalf("got %d diagnostics: %v", len(ds), ds)
			}
			if !strings.HasPrefix(ds.Error(), tt.want) {
				t.Errorf("got %q, want prefix %q", ds.Error(), tt.want)
			}
		})
	}
}

func TestFieldsUnknownDuplicateRequired(t *testing.T) {
	root, ds := Parse("g.yaml", []byte("idd: x\nname: a\nname: b\n"))
	if ds != nil {
		t.Fatal(ds)
	}
	_, ds = Fields("g.yaml", root, "an entity", []string{"id", "name"}, []string{"id"})
	got := ds.Sort().Error()
	want := strings.Join([]string{
		`g.yaml:1:1: an entity has no "id"`,
		`g.yaml:1:1: unknown field "idd" in an entity (did you mean "id"?)`,
		`g.yaml:3:1: field "name" appears twice in an entity (first at line 2)`,
	}, "\n")
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestReadOptional(t *testing.T) {
	dir := t.TempDir()
	if root, ds := ReadOptional(filepath.Join(dir, "missing.yaml"), "decisions"); root != nil || ds != nil {
		t.Errorf("missing file: %v, %v", root, ds)
	}
	empty := filepath.Join(dir, "empty.yaml")
	os.WriteFile(empty, []byte("# nothing yet\n---\n"), 0o644)
	if root, ds := ReadOptional(empty, "decisions"); root != nil || ds != nil {
		t.Errorf("empty file: %v, %v", root, ds)
	}
	full := filepath.Join(dir, "full.yaml")
	os.WriteFile(full, []byte("accept: [[a, b]]\n"), 0o644)
	if root, ds := ReadOptional(full, "decisions"); root == nil || ds != nil {
		t.Errorf("a file with content: %v, %v", root, ds)
	}
	if _, ds := ReadOptional(dir, "decisions"); len(ds) != 1 || !strings.Contains(ds.Error(), "cannot read decisions") {
		t.Errorf("a folder: %v", ds)
	}
}
