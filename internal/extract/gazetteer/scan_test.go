package gazetteer

import (
	"testing"
	"unicode/utf8"
)

func TestCount(t *testing.T) {
	for _, text := range []string{"", "a", "中", "Dario 达里奥·阿莫迪 ＡＩ 😀 é ab", "AI\xffAI\xe4\xb8中\x80"} {
		sc := scanner{text: text, invalid: !utf8.ValidString(text)}
		// The scanner counts between character boundaries, and with
		// invalid set once it has seen a byte of invalid UTF-8.
		var at []int
		for i := range text {
			at = append(at, i)
		}
		at = append(at, len(text))
		for x, from := range at {
			for _, to := range at[x:] {
				if got, want := sc.count(from, to), utf8.RuneCountInString(text[from:to]); got != want {
					t.Errorf("count(%q[%d:%d]) = %d, want %d", text, from, to, got, want)
				}
			}
		}
	}
}
