package text

import (
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func TestSegment(t *testing.T) {
	in := "不愿被称为“悲观主义”的AI领导者\n" +
		"首先，Dario 非常愤怒。他表示自己绝非想减缓 AI！“真的吗？”他问。\n" +
		"关于“回报递减”的担忧: 他表示并未看到迹象。\n" +
		"He said growth was 3.5x. Then he left!\n" +
		"\n" +
		"- 开放可解释性研究"
	got := Segment(in)
	type row struct {
		Text    string
		Heading bool
		Para    int
	}
	var rows []row
	runes := []rune(in)
	for _, s := range got {
		rows = append(rows, row{s.Text, s.Heading, s.Paragraph})
		if string(runes[s.Start:s.End]) != s.Text {
			t.Errorf("offsets %d-%d give %q, not %q", s.Start, s.End, string(runes[s.Start:s.End]), s.Text)
		}
	}
	want := []row{
		{"不愿被称为“悲观主义”的AI领导者", true, 0},
		{"首先，Dario 非常愤怒。", false, 1},
		{"他表示自己绝非想减缓 AI！", false, 1},
		{"“真的吗？”", false, 1},
		{"他问。", false, 1},
		{"关于“回报递减”的担忧:", true, 2},
		{"他表示并未看到迹象。", false, 2},
		{"He said growth was 3.5x.", false, 3},
		{"Then he left!", false, 3},
		{"开放可解释性研究", true, 5},
	}
	if diff := cmp.Diff(want, rows); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}

func FuzzSegment(f *testing.F) {
	f.Add("他说。然后？\nA. B! c")
	f.Add("关于：\n\n- x")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		n := utf8.RuneCountInString(s)
		runes := []rune(s)
		prev := 0
		for _, sent := range Segment(s) {
			if sent.Start < prev || sent.End < sent.Start || sent.End > n {
				t.Fatalf("bad span %d-%d (prev %d, len %d)", sent.Start, sent.End, prev, n)
			}
			if string(runes[sent.Start:sent.End]) != sent.Text {
				t.Fatalf("text does not match span")
			}
			prev = sent.End
		}
	})
}

// A line that is not UTF-8 gives sentences whose texts have U+FFFD for its bad
// bytes, as its runes do; the other lines' texts are as written.
func TestSegmentBadBytes(t *testing.T) {
	got := Segment("a\xffb. c\r\nGood line here. And more.")
	var texts []string
	for _, s := range got {
		texts = append(texts, s.Text)
	}
	want := []string{"a\uFFFDb.", "c", "Good line here.", "And more."}
	if diff := cmp.Diff(want, texts); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}

// FuzzSentencesOf checks that the sentences of a text are appended to what out
// holds already, as Segment splits the text, bad UTF-8 included.
func FuzzSentencesOf(f *testing.F) {
	f.Add("首先，Dario 非常愤怒。他表示：“真的吗？”\r\n\r\nHe said 3.5x. Then he left!\n- 开放")
	f.Add("a\xffb. c\r\r\n\xe4\xb8。x")
	f.Fuzz(func(t *testing.T, s string) {
		var runes []rune
		for _, r := range s {
			runes = append(runes, r)
		}
		before := Sentence{Start: -1, Text: "before"}
		want := append([]Sentence{before}, Segment(s)...)
		if diff := cmp.Diff(want, AppendSentencesOf([]Sentence{before}, s, runes)); diff != "" {
			t.Fatalf("%q: (-Segment +AppendSentencesOf)\n%s", s, diff)
		}
	})
}
