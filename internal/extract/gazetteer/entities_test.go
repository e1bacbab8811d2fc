package gazetteer_test

import (
	"testing"
	"unicode/utf8"

	"github.com/graphbuilder/graph/internal/entities"
	"github.com/graphbuilder/graph/internal/extract/gazetteer"
)

// TestAgreesWithAliasIndex checks that the gazetteer and the alias index
// fold names alike: a name is found, whole, in every spelling that
// entities.Fold takes to the same text.
func TestAgreesWithAliasIndex(t *testing.T) {
	spellings := [][]string{
		{"DeepSeek", "ＤｅｅｐＳｅｅｋ", "DEEPSEEK", "deepseek"},
		{"Dario Amodei", "dario  amodei", "DARIO\tAMODEI", "Dario\u3000Amodei", "Dario\u00a0Amodei"},
		{"Anthropic 公司", "ANTHROPIC　公司", "Ａｎｔｈｒｏｐｉｃ 公司"},
		{"Straße", "STRASSE", "strasse"},
		{"José", "Jose\u0301", "JOSÉ"},
		{"ガ", "ｶﾞ", "カ\u3099"},
		{"Ⅻ", "xii", "XII"},
	}
	for _, names := range spellings {
		m, err := gazetteer.New([]gazetteer.Pattern{{Text: names[0], Value: 1}})
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range names {
			if entities.Fold(n) != entities.Fold(names[0]) {
				t.Fatalf("entities.Fold no longer equates %q and %q; fix the test", n, names[0])
			}
			want := []gazetteer.Match{{Start: 0, End: utf8.RuneCountInString(n), Value: 1}}
			if got := m.FindAll(n); len(got) != 1 || got[0] != want[0] {
				t.Errorf("pattern %q in %q: got %v, want %v", names[0], n, got, want)
			}
		}
	}
}
