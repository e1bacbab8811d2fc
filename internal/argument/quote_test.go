package argument

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
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
		{"的模型中，并未看到", "的模型中，\n并未看到", true},
		{"并未看到回报递减", "", false},
		{"", "", false},
	}
	runes := []rune(text)
	for _, tt := range tests {
		sp, ok := (&Transcript{Text: text}).Locate(tt.quote)
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
	}
}

// TestFindForgivesWhatAReaderDoesNotSee pins each difference that a quote may have
// from its transcript, and that the span is the transcript's own characters.
func TestFindForgivesWhatAReaderDoesNotSee(t *testing.T) {
	tests := []struct {
		name, text, quote string
		want              string // the transcript's text at the span; "" for not found
	}{
		{"blank in quote between scripts", "在资源问题上，Dario强调算力", "Dario 强调算力", "Dario强调算力"},
		{"blank in text between scripts", "在资源问题上，Dario 强调算力", "Dario强调算力", "Dario 强调算力"},
		{"blank in quote after a digit", "2025年", "2025 年", "2025年"},
		{"blank between CJK characters", "并未看到任何回报递减的迹象", "并未看到任何回报 递减的迹象", "并未看到任何回报递减的迹象"},
		{"line break in text between CJK", "任何回报\n递减的迹象", "任何回报递减", "任何回报\n递减"},
		{"full-width comma in text", "在资源问题上，Dario", "在资源问题上,Dario", "在资源问题上，Dario"},
		{"full-width comma in quote", "He said, as usual", "He said， as usual", "He said, as usual"},
		{"blank after a comma", "问题上， Dario", "问题上，Dario", "问题上， Dario"},
		{"ideographic full stop", "迹象。他表示", "迹象.他表示", "迹象。他表示"},
		{"full-width colon and brackets", "主持人：（笑）", "主持人:(笑)", "主持人：（笑）"},
		{"full-width ! and ?", "真的吗？是的！", "真的吗?是的!", "真的吗？是的！"},
		{"curly quotes in text", "外界说 Anthropic “亏损严重”", `外界说 Anthropic "亏损严重"`, "外界说 Anthropic “亏损严重”"},
		{"curly quotes in quote", `he called it "safe"`, "he called it “safe”", `he called it "safe"`},
		{"corner brackets", "他说「不会」", `他说"不会"`, "他说「不会」"},
		{"white corner brackets", "他说『不会』", `他说"不会"`, "他说『不会』"},
		{"guillemets and low quote", "«oui» „ja“", `"oui" "ja"`, "«oui» „ja“"},
		{"apostrophe", "we don’t see it", "we don't see it", "we don’t see it"},
		{"full-width Latin in text", "ＤｅｅｐＳｅｅｋ的模型", "DeepSeek的模型", "ＤｅｅｐＳｅｅｋ的模型"},
		{"full-width Latin in quote", "DeepSeek 的模型", "ＤｅｅｐＳｅｅｋ的模型", "DeepSeek 的模型"},
		{"ideographic space", "他表示\u3000至少", "他表示至少", "他表示\u3000至少"},
		{"zero-width space in text", "Dario\u200b强调", "Dario强调", "Dario\u200b强调"},
		{"soft hyphen in quote", "compose", "com\u00adpose", "compose"},
		{"runs of blanks between words", "the engine\n  could compose", "the engine could compose", "the engine\n  could compose"},
		{"blanks around the quote", "a b c", "  b  ", "b"},

		{"a blank between Latin words matters", "couldcompose", "could compose", ""},
		{"a missing blank between Latin words matters", "could compose", "couldcompose", ""},
		{"letters differ", "Dario强调", "Dario认调", ""},
		{"case matters", "DeepSeek", "deepseek", ""},
		{"double and single quote marks differ", `"a"`, "'a'", ""},
		{"blank quote", "text", " \n ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := &Transcript{Text: tt.text}
			f := tr.Find(tt.quote, Selector{})
			if !f.OK {
				if tt.want != "" {
					t.Fatalf("Find(%q) in %q: not found, want %q", tt.quote, tt.text, tt.want)
				}
				return
			}
			if tt.want == "" {
				t.Fatalf("Find(%q) in %q found %v, want nothing", tt.quote, tt.text, f.Span)
			}
			runes := []rune(tt.text)
			if got := string(runes[f.Span.Start:f.Span.End]); got != tt.want {
				t.Errorf("Find(%q) spans %q, want %q", tt.quote, got, tt.want)
			}
			if sp, ok := tr.Locate(tt.quote); !ok || sp != f.Span {
				t.Errorf("Locate(%q) = %v, %v; Find chose %v", tt.quote, sp, ok, f.Span)
			}
		})
	}
}

func TestFindChoosesAPlace(t *testing.T) {
	text := "他表示，至少在 Anthropic 的模型中。DeepSeek 也很强。\n他表示，开源模型不是威胁。"
	first := Span{Start: 0, End: 3}
	second := Span{Start: 37, End: 40}
	tests := []struct {
		name  string
		sel   Selector
		want  Found
		quote string
	}{
		{name: "both places, the first chosen", want: Found{
			Places: []Span{first, second}, Fits: []Span{first, second}, Span: first, OK: true}},
		{name: "occurrence 2", sel: Selector{Occurrence: 2}, want: Found{
			Places: []Span{first, second}, Fits: []Span{first, second}, Span: second, OK: true}},
		{name: "occurrence 3 of 2", sel: Selector{Occurrence: 3}, want: Found{
			Places: []Span{first, second}, Fits: []Span{first, second}}},
		{name: "prefix across a line break", sel: Selector{Prefix: "也很强."}, want: Found{
			Places: []Span{first, second}, Prefixed: 1, Fits: []Span{second}, Span: second, OK: true}},
		{name: "suffix", sel: Selector{Suffix: ", 开源"}, want: Found{
			Places: []Span{first, second}, Suffixed: 1, Fits: []Span{second}, Span: second, OK: true}},
		{name: "prefix at the start of the text", sel: Selector{Prefix: "开始"}, want: Found{
			Places: []Span{first, second}}},
		{name: "prefix and suffix that fit apart", sel: Selector{Prefix: "也很强。", Suffix: "，至少"}, want: Found{
			Places: []Span{first, second}, Prefixed: 1, Suffixed: 1}},
		{name: "occurrence among the places that fit", sel: Selector{Suffix: "，", Occurrence: 2}, want: Found{
			Places: []Span{first, second}, Suffixed: 2, Fits: []Span{first, second}, Span: second, OK: true}},
		{name: "not found", quote: "他认为", want: Found{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.quote == "" {
				tt.quote = "他表示"
			}
			got := (&Transcript{Text: text}).Find(tt.quote, tt.sel)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Find (-want +got)\n%s", diff)
			}
		})
	}
}

func TestFindPrefixAndSuffixBetweenWords(t *testing.T) {
	text := "the engine could compose; the engine could not"
	tr := &Transcript{Text: text}
	f := tr.Find("engine could", Selector{Prefix: "the", Suffix: "not"})
	if !f.OK || string([]rune(text)[f.Span.Start:]) != "engine could not" {
		t.Errorf("Find chose %v (ok %v), want the second place", f.Span, f.OK)
	}
	if f := tr.Find("engine", Selector{Prefix: "compose; the"}); f.Prefixed != 1 || f.Span.Start != 30 {
		t.Errorf("a prefix with a blank after punctuation: %+v", f)
	}
}

func TestFindOverlappingPlaces(t *testing.T) {
	f := (&Transcript{Text: "哈哈哈"}).Find("哈哈", Selector{})
	if want := []Span{{Start: 0, End: 2}, {Start: 1, End: 3}}; !cmp.Equal(want, f.Places) {
		t.Errorf("places %v, want %v", f.Places, want)
	}
}

func TestClosest(t *testing.T) {
	tests := []struct {
		name, text, quote string
		want              Near
		ok                bool
	}{
		{"a character differs", "在资源问题上，Dario 强调算力", "在资源问题上,Dario认调", Near{Matched: 12, At: 13, QuoteAt: 12}, true},
		{"the text has a blank where the quote has none", "could compose", "couldcompose", Near{Matched: 5, At: 5, QuoteAt: 5}, true},
		{"the quote has a blank where the text has none", "couldcompose", "could compose", Near{Matched: 5, At: 5, QuoteAt: 5, Blank: true}, true},
		{"the text ends", "他表示\n", "他表示，", Near{Matched: 3, At: 3, End: true, QuoteAt: 3}, true},
		{"the matched start later in the text", "他说，他表示", "他表示了", Near{Matched: 3, At: 6, End: true, QuoteAt: 3}, true},
		{"no character in common", "abc", "xyz", Near{}, false},
		{"found", "abc", "bc", Near{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := (&Transcript{Text: tt.text}).Closest(tt.quote)
			if ok != tt.ok || got != tt.want {
				t.Errorf("Closest(%q) = %+v, %v; want %+v, %v", tt.quote, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestTranscriptFoldsOnce(t *testing.T) {
	tr := &Transcript{Text: "他表示，并未看到"}
	tr.Find("并未", Selector{})
	f := tr.folded
	tr.Find("他表示", Selector{})
	tr.Closest("他认为")
	if f == nil || tr.folded != f {
		t.Error("the folded text was not kept for the next quote")
	}
}

func FuzzLocate(f *testing.F) {
	f.Add("他表示，并未看到 任何迹象", "并未看到 任何")
	f.Add("a b  c", "b c")
	f.Fuzz(func(t *testing.T, text, quote string) {
		if !utf8.ValidString(text) || !utf8.ValidString(quote) {
			return
		}
		sp, ok := (&Transcript{Text: text}).Locate(quote)
		if !ok {
			return
		}
		n := utf8.RuneCountInString(text)
		if sp.Start < 0 || sp.Start > sp.End || sp.End > n {
			t.Fatalf("span %v out of bounds for %d characters", sp, n)
		}
	})
}

// FuzzFind checks that every place found is in bounds and folds to what the quote
// folds to, and that a quote that is in the text verbatim is found.
func FuzzFind(f *testing.F) {
	f.Add("他表示，并未看到 任何迹象。他表示", "他表示", "，")
	f.Add("Dario 强调“算力”", `Dario强调"算力"`, "")
	f.Add("ＤｅｅｐＳｅｅｋ  is\nhere", "DeepSeek is", "here")
	f.Fuzz(func(t *testing.T, text, quote, suffix string) {
		if !utf8.ValidString(text) || !utf8.ValidString(quote) || !utf8.ValidString(suffix) {
			return
		}
		fd := (&Transcript{Text: text}).Find(quote, Selector{Suffix: suffix})
		runes := []rune(text)
		want := foldText(quote)
		for _, sp := range fd.Places {
			if sp.Start < 0 || sp.Start >= sp.End || sp.End > len(runes) {
				t.Fatalf("span %v out of bounds for %d characters", sp, len(runes))
			}
			if got := foldText(string(runes[sp.Start:sp.End])); got != want {
				t.Fatalf("place %v %q folds to %q, the quote to %q", sp, string(runes[sp.Start:sp.End]), got, want)
			}
		}
		if q := strings.TrimSpace(quote); q != "" && strings.Contains(text, q) && len(fd.Places) == 0 {
			t.Fatalf("%q is in %q verbatim but not found", q, text)
		}
		if len(fd.Fits) > len(fd.Places) || fd.Suffixed > len(fd.Places) {
			t.Fatalf("more places fit than there are: %+v", fd)
		}
	})
}
