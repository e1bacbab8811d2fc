package yamlpos

import (
	"strings"
	"testing"
)

// TestAliasAmplification parses files whose aliases would expand far beyond their
// size: a large value named thousands of times, and nested lists of aliases (the
// "billion laughs"). Each is refused at the alias that crosses the bound, with its
// line and column, without expanding anything.
func TestAliasAmplification(t *testing.T) {
	big := strings.Repeat("x", 1<<20)
	var b strings.Builder
	b.WriteString("value: &big " + big + "\nentities:\n")
	for range 4000 {
		b.WriteString("  - *big\n")
	}
	laughs := "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
	prev := "a"
	for _, name := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
		laughs += name + ": &" + name + " [" + strings.Repeat("*"+prev+", ", 8) + "*" + prev + "]\n"
		prev = name
	}
	for _, tc := range []struct {
		name, data, want string
	}{
		{"large value", b.String(), "f.yaml:17:5: the alias *big makes the file too large"},
		{"nested lists", laughs, "f.yaml:7:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, ds := Parse("f.yaml", []byte(tc.data))
			if got := ds.Error(); !strings.Contains(got, tc.want) || !strings.Contains(got, "too large") {
				t.Errorf("want %q, got:\n%s", tc.want, got)
			}
		})
	}
}

// TestAliasesWithinBound keeps the ordinary use of anchors: small values named a
// few times parse as before.
func TestAliasesWithinBound(t *testing.T) {
	data := "a: &n Ada Lovelace\nb: [*n, *n, *n]\nc: &m {x: 1, y: [1, 2]}\nd: *m\n"
	if _, ds := Parse("f.yaml", []byte(data)); ds != nil {
		t.Errorf("aliases of small values refused:\n%s", ds)
	}
}
