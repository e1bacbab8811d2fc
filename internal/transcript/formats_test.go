package transcript

import (
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/graphbuilder/graph/internal/diag"
)

// said is what an utterance says, as the formats compare it.
type said struct {
	Label, Text string
	Start, End  time.Duration
	Cues        []saidCue
}

type saidCue struct {
	Text       string
	Start, End time.Duration
}

// sayings lists what the utterances of t say; times are kept as asked.
func sayings(t *Transcript, start, end bool) []said {
	runes := []rune(t.Text)
	out := make([]said, len(t.Utterances))
	for i, u := range t.Utterances {
		s := said{Label: u.Label, Text: string(runes[u.Span.Start:u.Span.End])}
		if start {
			s.Start = u.Start
		}
		if end {
			s.End = u.End
			for _, c := range u.Cues {
				s.Cues = append(s.Cues, saidCue{string(runes[c.Span.Start:c.Span.End]), c.Start, c.End})
			}
		}
		out[i] = s
	}
	return out
}

func mustParse(t *testing.T, file string, want Format) *Transcript {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	tr, ds := Parse(file, data, "")
	for _, d := range ds {
		if d.Severity == diag.Error || !strings.HasPrefix(file, "testdata/features.") {
			t.Fatalf("%s: %v", file, ds)
		}
	}
	if tr.Format != want {
		t.Fatalf("%s read as %s, want %s", file, tr.Format, want)
	}
	return tr
}

// TestFormatsAgree reads one dialogue written as speaker turns, WebVTT, SRT and
// WhisperX JSON, in English and in Chinese, and checks that every format gives
// the same utterances: labels and texts exactly, start times against the turns'
// stamps, and end times and cues between the caption formats, which all have them.
func TestFormatsAgree(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		t.Run(lang, func(t *testing.T) {
			base := "testdata/dialogue." + lang + "."
			turns := mustParse(t, base+"txt", Turns)
			for _, u := range turns.Utterances {
				if !u.HasTime {
					t.Fatalf("turn at line %d has no time", u.Line)
				}
			}
			want := sayings(turns, true, false)
			var captions []*Transcript
			for _, f := range []struct {
				ext    string
				format Format
			}{{"vtt", WebVTT}, {"srt", SRT}, {"json", Whisper}} {
				got := mustParse(t, base+f.ext, f.format)
				if diff := cmp.Diff(want, sayings(got, true, false)); diff != "" {
					t.Errorf("%s against the turns (-turns +%s)\n%s", f.ext, f.ext, diff)
				}
				if got.Text != turns.Text {
					t.Errorf("%s: the text differs from the turns'", f.ext)
				}
				captions = append(captions, got)
			}
			first := sayings(captions[0], true, true)
			for i, c := range captions[1:] {
				if diff := cmp.Diff(first, sayings(c, true, true)); diff != "" {
					t.Errorf("format %d against vtt, with ends and cues (-vtt +other)\n%s", i+2, diff)
				}
			}
		})
	}
}

// TestRollingCaptions reads captions in the style of YouTube's automatic ones,
// where each cue repeats the line before and cues of 10 ms repeat it alone, and
// checks that the text has each word once, that the cues that add nothing are
// not listed, and that the utterance runs to the last cue.
func TestRollingCaptions(t *testing.T) {
	tr := mustParse(t, "testdata/rolling.vtt", WebVTT)
	want := "rivers carry more than water they move stones and sand so the fish depend on floods every spring"
	if diff := cmp.Diff(want, tr.Text); diff != "" {
		t.Fatalf("text (-want +got)\n%s", diff)
	}
	seen := map[string]bool{}
	for _, w := range splitWords(tr.Text) {
		if seen[w] {
			t.Errorf("%q is written twice", w)
		}
		seen[w] = true
	}
	u := tr.Utterances[0]
	if len(tr.Utterances) != 1 || len(u.Cues) != 4 {
		t.Fatalf("%d utterances, %d cues; want 1 utterance of 4 cues", len(tr.Utterances), len(u.Cues))
	}
	if u.Start != 0 || u.End != 10200*time.Millisecond {
		t.Errorf("utterance runs %v–%v, want 0s–10.2s", u.Start, u.End)
	}
	if at, ok := tr.TimeAt(len([]rune("rivers carry more than water they"))); !ok || at != 2400*time.Millisecond {
		t.Errorf("TimeAt(they move) = %v, %v; want 2.4s", at, ok)
	}
}

func splitWords(s string) []string {
	var out []string
	word := ""
	for _, r := range s + " " {
		if r == ' ' || r == '\n' {
			if word != "" {
				out = append(out, word)
			}
			word = ""
			continue
		}
		word += string(r)
	}
	return out
}

// TestOverlap checks how much of a rolling cue repeats the text before it: whole
// words only, the longest run, and a word said twice in a row kept.
func TestOverlap(t *testing.T) {
	tests := []struct {
		name, so, cue string
		want          int
	}{
		{"whole line repeated", "so today we", "so today we talk about", len("so today we ")},
		{"repeat alone", "so today we", "so today we", len("so today we")},
		{"word said twice", "so today we", "so today we we talk", len("so today we ")},
		{"no overlap", "so today we", "talk about rivers", 0},
		{"not inside a word", "we went to the", "then we left", 0},
		{"suffix of a longer text", "first line\nrivers carry", "rivers carry water", len("rivers carry ")},
		{"chinese", "今天我们聊河流", "聊河流和城市", len("聊河流")},
		{"chinese, none", "今天我们聊河流", "城市也一样", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &captions{}
			if got := c.overlap(tt.so, []byte(tt.cue)); got != tt.want {
				t.Errorf("overlap(%q, %q) = %d, want %d", tt.so, tt.cue, got, tt.want)
			}
		})
	}
}

// TestPlainIsTheFile checks that prose is kept byte for byte, a byte order mark,
// CRLF line ends and trailing blanks included, and placed exactly.
func TestPlainIsTheFile(t *testing.T) {
	data := []byte("\ufeffFirst line: with a colon.  \r\n\r\n第二行，中文。\nlast")
	tr, ds := Parse("p.txt", data, "")
	if len(ds) > 0 || tr.Format != Plain {
		t.Fatalf("format %v, diagnostics %v", tr.Format, ds)
	}
	if tr.Text != string(data) || len(tr.Utterances) != 0 {
		t.Fatalf("text %q, %d utterances; want the file and none", tr.Text, len(tr.Utterances))
	}
	tests := []struct {
		offset, line, col int
	}{
		{0, 1, 1}, // the byte order mark
		{1, 1, 1},
		{6, 1, 6},
		{29, 1, 29}, // the line feed
		{32, 3, 1},  // 第
		{34, 3, 3},
		{39, 3, 8},
		{40, 4, 1},
		{44, 4, 5}, // the end of the text
		{99, 4, 5},
		{-3, 1, 1},
	}
	for _, tt := range tests {
		if line, col := tr.Place(tt.offset); line != tt.line || col != tt.col {
			t.Errorf("Place(%d) = %d:%d, want %d:%d", tt.offset, line, col, tt.line, tt.col)
		}
	}
}

// TestPlaceIsExact checks, for every fixture, that each character the text keeps
// as written is placed at that character of the file: every character of prose
// and turn text, and of caption lines and whisper texts without markup.
func TestPlaceIsExact(t *testing.T) {
	for _, file := range fixtures(t) {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		tr, ds := Parse(file, data, "")
		if ds.HasErrors() {
			t.Fatal(ds)
		}
		lines := fileLines(data)
		text := []rune(tr.Text)
		checked := 0
		for _, p := range tr.pieces {
			if !p.exact {
				if tr.Format == Plain || tr.Format == Turns {
					t.Errorf("%s: a piece at %d:%d of %s text is not exact", file, p.line, p.col, tr.Format)
				}
				continue
			}
			for off := int(p.at); off < int(p.at+p.n); off++ {
				line, col := tr.Place(off)
				l := lines[line-1]
				if col-1 >= len(l) || l[col-1] != text[off] {
					t.Fatalf("%s: Place(%d) = %d:%d, which is not %q", file, off, line, col, text[off])
				}
				checked++
			}
		}
		if checked == 0 && (tr.Format == Plain || tr.Format == Turns) {
			t.Errorf("%s: nothing placed exactly", file)
		}
	}
}

// fileLines splits a file into lines of characters, without the byte order mark.
func fileLines(data []byte) [][]rune {
	var out [][]rune
	var line []rune
	for i, r := range string(data) {
		if i == 0 && r == '\ufeff' {
			continue
		}
		if r == '\n' {
			out = append(out, line)
			line = nil
			continue
		}
		line = append(line, r)
	}
	return append(out, line)
}

// TestLookups checks At, Index, TimeAt and Labels on a caption file and turn text.
func TestLookups(t *testing.T) {
	vtt := mustParse(t, "testdata/dialogue.en.vtt", WebVTT)
	if diff := cmp.Diff([]string{"Lena Hart", "Mara Lindqvist"}, vtt.Labels()); diff != "" {
		t.Errorf("labels (-want +got)\n%s", diff)
	}
	second := vtt.Utterances[1]
	tests := []struct {
		name   string
		offset int
		index  int
		at     time.Duration
	}{
		{"first character", 0, 0, time.Second},
		{"second cue of the first utterance", 40, 0, 4 * time.Second},
		{"blank between two cues", second.Cues[0].Span.End, 1, second.Cues[0].Start},
		{"start of the second utterance", second.Span.Start, 1, 7500 * time.Millisecond},
		{"between utterances", second.Span.Start - 1, -1, 0},
		{"past the end", len([]rune(vtt.Text)), -1, 0},
		{"before the start", -1, -1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := vtt.Index(tt.offset); got != tt.index {
				t.Errorf("Index(%d) = %d, want %d", tt.offset, got, tt.index)
			}
			u, ok := vtt.At(tt.offset)
			if ok != (tt.index >= 0) || ok && u.Span != vtt.Utterances[tt.index].Span {
				t.Errorf("At(%d) = %v, %v", tt.offset, u.Span, ok)
			}
			at, ok := vtt.TimeAt(tt.offset)
			if ok != (tt.index >= 0) || at != tt.at {
				t.Errorf("TimeAt(%d) = %v, %v; want %v", tt.offset, at, ok, tt.at)
			}
		})
	}
	md := mustParse(t, "testdata/features.md", Turns)
	if _, ok := md.TimeAt(0); ok {
		t.Error("the turn before the first label has a time")
	}
	if at, ok := md.TimeAt(md.Utterances[2].Span.End - 1); !ok || at != 9*time.Second {
		t.Errorf("TimeAt(end of A's first turn) = %v, %v; want 9s", at, ok)
	}
}

func TestParseFormat(t *testing.T) {
	tests := []struct {
		in   string
		want Format
		err  string
	}{
		{"plain", Plain, ""},
		{"turns", Turns, ""},
		{"vtt", WebVTT, ""},
		{"WebVTT", WebVTT, ""},
		{"srt", SRT, ""},
		{"whisper", Whisper, ""},
		{"whisperx", Whisper, ""},
		{" SRT ", SRT, ""},
		{"subrip", "", `unknown transcript format "subrip"; the formats are plain, turns, vtt, srt, whisper`},
		{"", "", `unknown transcript format ""; the formats are plain, turns, vtt, srt, whisper`},
	}
	for _, tt := range tests {
		got, err := ParseFormat(tt.in)
		msg := ""
		if err != nil {
			msg = err.Error()
		}
		if got != tt.want || msg != tt.err {
			t.Errorf("ParseFormat(%q) = %q, %q; want %q, %q", tt.in, got, msg, tt.want, tt.err)
		}
	}
}

// TestForcedFormat checks that a format given is kept: SRT read as WebVTT is an
// error, not captions of another kind, and prose read as turns is one turn.
func TestForcedFormat(t *testing.T) {
	srt, err := os.ReadFile("testdata/dialogue.en.srt")
	if err != nil {
		t.Fatal(err)
	}
	if tr, ds := Parse("x.srt", srt, WebVTT); tr != nil || ds.Error() != `x.srt:1:1: a WebVTT file must begin with "WEBVTT" (read it as another format with transcript_format:)` {
		t.Errorf("SRT read as WebVTT: %v", ds)
	}
	tr, ds := Parse("x.srt", srt, Plain)
	if len(ds) > 0 || tr.Text != string(srt) {
		t.Errorf("SRT read as plain: %v", ds)
	}
	tr, ds = Parse("p.txt", []byte("Just prose.\nNo labels at all."), Turns)
	if len(ds) > 0 || len(tr.Utterances) != 1 || tr.Utterances[0].Label != "" || tr.Text != "Just prose.\nNo labels at all." {
		t.Errorf("prose read as turns: %v %+v", ds, tr)
	}
	if _, ds := Parse("p.txt", []byte("text"), "docx"); ds.Error() != `p.txt: unknown transcript format "docx"; the formats are plain, turns, vtt, srt, whisper` {
		t.Errorf("unknown format: %v", ds)
	}
}

// TestKnownLabels: a label in mixed case or CJK characters that begins one line
// only is text of the turn before, unless Parse is told it is a label (a graph's
// speakers: mapping names a caller who speaks once); in turns and in captions.
func TestKnownLabels(t *testing.T) {
	turns := []byte("主持人：今天聊大桥。\n李明：大桥太贵了。\n主持人：我们接一个电话。\n张先生：我每天坐渡轮。\n李明：这正是我的意思。\n")
	labels := func(tr *Transcript) []string {
		var out []string
		for _, u := range tr.Utterances {
			out = append(out, u.Label)
		}
		return out
	}
	tr, ds := Parse("t.txt", turns, Turns)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	if got, want := labels(tr), []string{"主持人", "李明", "主持人", "李明"}; !slices.Equal(got, want) {
		t.Errorf("without known labels: %v, want %v", got, want)
	}
	tr, ds = Parse("t.txt", turns, Turns, "张先生", "主持人")
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	if got, want := labels(tr), []string{"主持人", "李明", "主持人", "张先生", "李明"}; !slices.Equal(got, want) {
		t.Errorf("with 张先生 known: %v, want %v", got, want)
	}
	vtt := []byte("WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nAnn Lee: The ferry is slow.\n\n00:00:04.000 --> 00:00:06.000\nJo Caller: It was cancelled forty times.\n\n00:00:07.000 --> 00:00:09.000\nAnn Lee: Exactly.\n")
	tr, ds = Parse("t.vtt", vtt, WebVTT, "Jo Caller")
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	if got, want := labels(tr), []string{"Ann Lee", "Jo Caller", "Ann Lee"}; !slices.Equal(got, want) {
		t.Errorf("captions with Jo Caller known: %v, want %v", got, want)
	}
	tr, _ = Parse("t.vtt", vtt, WebVTT)
	if got := labels(tr); slices.Contains(got, "Jo Caller") {
		t.Errorf("captions without known labels: %v, want Jo Caller as text", got)
	}
}
