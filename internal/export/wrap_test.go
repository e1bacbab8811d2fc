package export

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func TestWrap(t *testing.T) {
	tests := []struct {
		name string
		text string
		max  float64
		want []string
	}{
		{"short stays", "Anthropic 亏损严重。", 40, []string{"Anthropic 亏损严重。"}},
		{"CJK about 18 a line, lines balanced",
			"正因为看到 AI 的美好前景，他有责任提醒人们注意风险、把事情做对。", 40,
			[]string{"正因为看到 AI 的美好前景，他有责", "任提醒人们注意风险、把事情做对。"}},
		{"Latin breaks at spaces, about 40 a line",
			"Safety research is a race to the top, not a race to the bottom, and everyone wins.", 40,
			[]string{"Safety research is a race to", "the top, not a race to the", "bottom, and everyone wins."}},
		{"closing punctuation never starts a line", "一二三四五六七八，九十一二三四", 18,
			[]string{"一二三四五六七", "八，九十一二三四"}},
		{"a Latin word inside CJK stays whole", "我们用 Claude Code 写代码，效率很高。", 16,
			[]string{"我们用 Claude", "Code 写代码，", "效率很高。"}},
		{"a word longer than a line is cut", "supercalifragilisticexpialidocious", 10,
			[]string{"supercali", "fragilist", "icexpiali", "docious"}},
		{"whitespace collapses", "  a\n\tb  ", 40, []string{"a b"}},
		{"empty", "", 40, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := wrap(tt.text, tt.max)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("wrap (-want +got):\n%s", diff)
			}
			for _, l := range got {
				if columns(l) > tt.max {
					t.Errorf("line %q is %.1f columns, more than %.0f", l, columns(l), tt.max)
				}
				if r, _ := utf8.DecodeRuneInString(l); strings.ContainsRune(noLineStart, r) {
					t.Errorf("line %q starts with closing punctuation", l)
				}
			}
		})
	}
}

func TestTextWidthCountsCJKAsOneEm(t *testing.T) {
	if got := textWidth("回报递减", 10); got != 40 {
		t.Errorf("4 CJK characters at 10pt: %.1fpt, want 40", got)
	}
	if latin := textWidth("abcd", 10); latin >= 40 || latin < 15 {
		t.Errorf("4 Latin letters at 10pt: %.1fpt", latin)
	}
}
