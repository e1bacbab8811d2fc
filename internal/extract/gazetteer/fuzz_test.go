package gazetteer

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// FuzzFindAll takes a text and patterns separated by "|". Matches must lie
// within the text, in order and apart, and agree with the reference.
func FuzzFindAll(f *testing.F) {
	f.Add("Dario Amodei 认为人工智能", "Dario|Dario Amodei|人工|人工智能")
	f.Add("中国AI公司 said AIR", "中国|AI|公司")
	f.Add("ＤｅｅｐＳｅｅｋ，Anthropic公司", "DeepSeek|Anthropic|Anthropic 公司")
	f.Add("Jose\u0301 STRAßE ㈱ ｶﾞ", "josé|strasse|株|ガ|s")
	f.Add("a \u00a8 \u00a8b  \u0301x", "a ¨|¨b|\u0301x|b")
	f.Add("AI\xffAI\xe4\xb8中", "AI|中|\xff")
	f.Fuzz(func(t *testing.T, text, patterns string) {
		if len(text) > 1<<12 || len(patterns) > 1<<10 {
			return
		}
		var ps []Pattern
		for i, p := range strings.Split(patterns, "|") {
			if !utf8.ValidString(p) || foldPattern(p) == "" {
				if _, err := New([]Pattern{{Text: p}}); err == nil {
					t.Fatalf("New accepted pattern %q", p)
				}
				continue
			}
			ps = append(ps, Pattern{Text: p, Value: int32(i)})
		}
		m, err := New(ps)
		if err != nil {
			t.Fatal(err)
		}
		got := m.FindAll(text)
		n := utf8.RuneCountInString(text)
		end := 0
		for _, g := range got {
			if g.Start < end || g.End <= g.Start || g.End > n {
				t.Fatalf("match %v out of order or bounds (previous end %d, %d code points): %v", g, end, n, got)
			}
			end = g.End
		}
		if diff := cmp.Diff(refFindAll(ps, text), got, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("patterns %q\ntext %q\n(-reference +matcher):\n%s", ps, text, diff)
		}
	})
}
