package entities

import (
	"strings"
	"testing"

	"github.com/graphbuilder/graph/internal/yamlpos"
	"github.com/graphbuilder/graph/schema"
)

// TestControlCharactersInNames refuses a NUL, an escape or a line break in a name
// or an alias, at the name or alias that holds it, and keeps names in any script.
func TestControlCharactersInNames(t *testing.T) {
	for _, tc := range []struct {
		name, yaml, want string
	}{
		{"nul in name", "e:\n  - {id: a, kind: person, name: \"Ada\\0 Lovelace\"}\n", `g.yaml:2:33: name "Ada\x00 Lovelace" of "a" holds the control character U+0000 at character 4`},
		{"escape in alias", "e:\n  - id: a\n    kind: person\n    name: Ada\n    aliases: [Lovelace, \"达里\\e奥\"]\n", `g.yaml:5:25: alias "达里\x1b奥" of "a" holds the control character U+001B at character 3`},
		{"line break in name", "e:\n  - {id: a, kind: person, name: \"Ada\\nLovelace\"}\n", `name "Ada\nLovelace" of "a" holds the control character U+000A at character 4`},
		{"clean", "e:\n  - {id: a, kind: person, name: 达里奥·阿莫代伊, aliases: [Dario]}\n", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root, ds := yamlpos.Parse("g.yaml", []byte(tc.yaml))
			if ds != nil {
				t.Fatal(ds)
			}
			_, ds = Decode("g.yaml", root.Content[1], schema.Core())
			got := ds.Error()
			if tc.want == "" {
				if ds.HasErrors() {
					t.Errorf("clean names refused:\n%s", got)
				}
				return
			}
			if !strings.Contains(got, tc.want) {
				t.Errorf("want %q, got:\n%s", tc.want, got)
			}
		})
	}
}
