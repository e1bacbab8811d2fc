package gazetteer

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// span is a match written as the text it covers, which reads better in a
// table than offsets.
type span struct {
	Text  string
	Value int32
}

func spans(text string, ms []Match) []span {
	rs := []rune(text)
	var out []span
	for _, m := range ms {
		out = append(out, span{string(rs[m.Start:m.End]), m.Value})
	}
	return out
}

func TestFindAll(t *testing.T) {
	people := []Pattern{
		{"Dario", 1}, {"Dario Amodei", 2}, {"Amodei", 3}, {"达里奥", 4}, {"达里奥·阿莫迪", 5},
	}
	companies := []Pattern{
		{"Anthropic", 10}, {"Anthropic 公司", 11}, {"OpenAI", 12}, {"AI", 13},
		{"DeepSeek", 14}, {"深度求索", 15}, {"中国", 16}, {"百度", 17}, {"百度公司", 18},
	}
	concepts := []Pattern{{"人工", 20}, {"人工智能", 21}, {"智能", 22}, {"能力", 23}}
	products := []Pattern{{"Claude", 30}, {"Claude Code", 31}, {"Code", 32}, {"GPT-4", 33}}
	tests := []struct {
		name     string
		patterns []Pattern
		text     string
		want     []span
	}{
		{"empty text", people, "", nil},
		{"no match", people, "nobody here", nil},
		{"longest wins", people, "Dario Amodei said", []span{{"Dario Amodei", 2}}},
		{"shorter alone", people, "Dario said, then Amodei", []span{{"Dario", 1}, {"Amodei", 3}}},
		{"case", people, "DARIO AMODEI and dario", []span{{"DARIO AMODEI", 2}, {"dario", 1}}},
		{"white space run", people, "Dario \n\t Amodei", []span{{"Dario \n\t Amodei", 2}}},
		{"ideographic space", people, "Dario\u3000Amodei", []span{{"Dario\u3000Amodei", 2}}},
		{"no-break space", people, "Dario\u00a0Amodei", []span{{"Dario\u00a0Amodei", 2}}},
		{"Chinese longest", people, "达里奥·阿莫迪说", []span{{"达里奥·阿莫迪", 5}}},
		{"Chinese in English", people, "据Dario Amodei说", []span{{"Dario Amodei", 2}}},

		{"人工智能 over 人工", concepts, "人工智能", []span{{"人工智能", 21}}},
		{"leftmost before longest", concepts, "工人工智能力", []span{{"人工智能", 21}}},
		{"after a match", concepts, "人工能力", []span{{"人工", 20}, {"能力", 23}}},
		{"overlap goes to the left", concepts, "智能力", []span{{"智能", 22}}},

		{"no boundary in CJK", companies, "中国AI公司", []span{{"中国", 16}, {"AI", 13}}},
		{"Latin next to CJK", companies, "Anthropic公司和百度公司", []span{{"Anthropic", 10}, {"百度公司", 18}}},
		{"alias with a blank", companies, "Anthropic 公司", []span{{"Anthropic 公司", 11}}},
		{"not inside a word", companies, "said AIR MAIN OpenAIs AI2 xAI", nil},
		{"punctuation is a boundary", companies, "AI, AI's (AI) AI-powered", []span{{"AI", 13}, {"AI", 13}, {"AI", 13}, {"AI", 13}}},
		{"suffix pattern inside", companies, "OpenAI", []span{{"OpenAI", 12}}},
		{"full width", companies, "ＤｅｅｐＳｅｅｋ，ＡＩ。", []span{{"ＤｅｅｐＳｅｅｋ", 14}, {"ＡＩ", 13}}},
		{"full-width letter is a word", companies, "ＡＩＢ AIｂ", nil},
		{"mixed widths", companies, "Ｄeepｓｅｅk", []span{{"Ｄeepｓｅｅk", 14}}},

		{"prefix and suffix", products, "Claude Code, Claude, Code", []span{{"Claude Code", 31}, {"Claude", 30}, {"Code", 32}}},
		{"longer blocked by boundary", products, "Claude Coder", []span{{"Claude", 30}}},
		{"digit is a word character", products, "GPT-4o GPT-45 GPT-4，GPT-4", []span{{"GPT-4", 33}, {"GPT-4", 33}}},

		{"combining mark completes", []Pattern{{"José", 1}, {"Jose", 2}}, "Jose\u0301 José Jose", []span{{"Jose\u0301", 1}, {"José", 1}, {"Jose", 2}}},
		{"no match inside a character", []Pattern{{"s", 1}, {"株", 2}}, "ß ㈱ s", []span{{"s", 1}}},
		{"expanding fold", []Pattern{{"Strasse", 1}, {"(株)", 2}}, "STRAßE ㈱", []span{{"STRAßE", 1}, {"㈱", 2}}},
		{"half-width kana compose", []Pattern{{"ガ", 1}}, "ｶﾞカ\u3099", []span{{"ｶﾞ", 1}, {"カ\u3099", 1}}},
		{"Greek and Cyrillic are words", []Pattern{{"ΑΙ", 1}, {"ии", 2}}, "ΑΙα αι ИИ", []span{{"αι", 1}, {"ИИ", 2}}},
		{"invalid UTF-8 separates", []Pattern{{"AI", 1}, {"中", 2}}, "AI\xffAI\xe4\xb8中", []span{{"AI", 1}, {"AI", 1}, {"中", 2}}},
		{"first of duplicates", []Pattern{{"AI", 1}, {"ai", 2}, {"ＡＩ", 3}}, "ai", []span{{"ai", 1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := New(tt.patterns)
			if err != nil {
				t.Fatal(err)
			}
			got := m.FindAll(tt.text)
			if diff := cmp.Diff(tt.want, spans(tt.text, got)); diff != "" {
				t.Errorf("FindAll(%q) (-want +got):\n%s", tt.text, diff)
			}
			if diff := cmp.Diff(refFindAll(tt.patterns, tt.text), got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("FindAll(%q) differs from the reference (-reference +matcher):\n%s", tt.text, diff)
			}
		})
	}
}

func TestOffsetsAreCodePoints(t *testing.T) {
	m, err := New([]Pattern{{"Dario Amodei", 1}, {"百度", 2}})
	if err != nil {
		t.Fatal(err)
	}
	got := m.FindAll("以及非常神奇的是Dario Amodei早年还在百度呆过")
	want := []Match{{8, 20, 1}, {24, 26, 2}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestAppendAll(t *testing.T) {
	m, err := New([]Pattern{{"Anthropic", 1}, {"人工智能", 2}})
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Repeat("Anthropic 的人工智能，“Anthropic”。", 20)
	dst := []Match{{Start: -1}}
	dst = m.AppendAll(dst, text)
	if len(dst) != 61 || dst[0].Start != -1 {
		t.Fatalf("AppendAll kept %v and appended %d matches, want 60", dst[0], len(dst)-1)
	}
	if diff := cmp.Diff(m.FindAll(text), dst[1:]); diff != "" {
		t.Errorf("AppendAll differs from FindAll (-FindAll +AppendAll):\n%s", diff)
	}
	buf := make([]Match, 0, 64)
	if n := testing.AllocsPerRun(20, func() { buf = m.AppendAll(buf[:0], text) }); n != 0 {
		t.Errorf("AppendAll allocated %v times per run, want 0", n)
	}
}

func TestNewErrors(t *testing.T) {
	tests := []struct {
		patterns []Pattern
		want     error
	}{
		{[]Pattern{{"AI", 1}, {"", 2}}, ErrEmptyPattern},
		{[]Pattern{{" \t\u3000", 1}}, ErrEmptyPattern},
		{[]Pattern{{"A\xffI", 1}}, ErrInvalidUTF8},
	}
	for _, tt := range tests {
		_, err := New(tt.patterns)
		if !errors.Is(err, tt.want) {
			t.Errorf("New(%q) = %v, want %v", tt.patterns, err, tt.want)
		}
	}
	if m, err := New(nil); err != nil || m.FindAll("anything") != nil {
		t.Errorf("New(nil) = %v, %v; want a matcher that finds nothing", m, err)
	}
}

func TestConcurrentUse(t *testing.T) {
	m, err := New([]Pattern{{"Anthropic", 1}, {"人工智能", 2}, {"ＡＩ", 3}})
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Repeat("Anthropic 的人工智能，AI。Jose\u0301 ", 50)
	want := m.FindAll(text)
	done := make(chan []Match)
	for range 8 {
		go func() { done <- m.FindAll(text) }()
	}
	for range 8 {
		if diff := cmp.Diff(want, <-done); diff != "" {
			t.Errorf("concurrent FindAll differs (-first +concurrent):\n%s", diff)
		}
	}
}
