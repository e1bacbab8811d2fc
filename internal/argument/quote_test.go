package argument

import (
	"testing"
	"unicode/utf8"
)

func TestLocate(t *testing.T) {
	text := "他表示，至少在 Anthropic 的模型中，\n并未看到任何回报递减的迹象。Ada said\nthe engine  could compose music."
	tests := []struct {
		quote string
		want  string
		ok    bool
	}{
		{"并未看到任何回报递减的迹象", "并未看到任何回报递减的迹象", true},
		{"Anthropic 的模型", "Anthropic 的模型", true},
		{"the engine could compose", "the engine  could compose", true},
		{"said the engine", "said\nthe engine", true},
		{"  music.  ", "music.", true},
		{"并未看到回报递减", "", false},
		{"", "", false},
	}
	runes := []rune(text)
	for _, tt := range tests {
		sp, ok := Transcript{Text: text}.Locate(tt.quote)
		if ok != tt.ok {
			t.Errorf("Locate(%q) found=%v, want %v", tt.quote, ok, tt.ok)
			continue
		}
		if !ok {
			continue
		}
		if got := string(runes[sp.Start:sp.End]); got != tt.want {
			t.Errorf("Locate(%q) spans %q, want %q", tt.quote, got, tt.want)
		}
		if sp.End > utf8.RuneCountInString(text) {
			t.Errorf("span %v out of bounds", sp)
		}
	}
}

func FuzzLocate(f *testing.F) {
	f.Add("他表示，并未看到 任何迹象", "并未看到 任何")
	f.Add("a b  c", "b c")
	f.Fuzz(func(t *testing.T, text, quote string) {
		if !utf8.ValidString(text) || !utf8.ValidString(quote) {
			return
		}
		sp, ok := Transcript{Text: text}.Locate(quote)
		if !ok {
			return
		}
		n := utf8.RuneCountInString(text)
		if sp.Start < 0 || sp.Start > sp.End || sp.End > n {
			t.Fatalf("span %v out of bounds for %d characters", sp, n)
		}
	})
}
