package transcript

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// seed adds the fixtures and invalid inputs whose names end in one of exts. Files
// over 4 KB are left out: the fuzzer minimizes every new input it finds, which
// takes long for large ones.
func seed(f *testing.F, exts ...string) {
	for _, dir := range []string{"testdata", "testdata/invalid"} {
		for _, ext := range exts {
			files, _ := filepath.Glob(filepath.Join(dir, "*."+ext))
			for _, file := range files {
				if data, err := os.ReadFile(file); err == nil && len(data) <= 4<<10 {
					f.Add(data)
				}
			}
		}
	}
}

func FuzzPlain(f *testing.F) {
	seed(f, "txt", "md")
	f.Add([]byte("\ufeffa\r\nb"))
	f.Fuzz(func(t *testing.T, data []byte) { check(t, data, Plain) })
}

func FuzzTurns(f *testing.F) {
	seed(f, "txt", "md")
	f.Add([]byte("[00:01] HOST:\n\n(00:00:02) **Q:** x\n00:00:03\nA：y\n\n\nz"))
	f.Fuzz(func(t *testing.T, data []byte) { check(t, data, Turns) })
}

func FuzzWebVTT(f *testing.F) {
	seed(f, "vtt")
	f.Add([]byte("WEBVTT\n\n00:01.000 --> 00:02.000\n<v A>x</v><v B>y\n- z\nC: w &amp; &#x4E2D; &bogus;"))
	f.Fuzz(func(t *testing.T, data []byte) { check(t, data, WebVTT) })
}

func FuzzSRT(f *testing.F) {
	seed(f, "srt")
	f.Add([]byte("1\n00:00:01,000 --> 00:00:02,000\n{\\an8}- a\n2\n00:00:02,000 --> 00:00:03,000\nb"))
	f.Fuzz(func(t *testing.T, data []byte) { check(t, data, SRT) })
}

func FuzzWhisper(f *testing.F) {
	seed(f, "json")
	f.Add([]byte(`{"segments":[{"start":1e0,"end":2,"text":"\ud83d\ude00 \ud800 x","speaker":"\u0041"}]}`))
	f.Add([]byte(`{"segments":[{"start":0,"end":1,"text":"a","words":[[[{}]]]}]} `))
	f.Add([]byte(`{"segments": [{"start": 0.0, "end": 1.5, "text": " Hello there.", "speaker": "SPEAKER_00",
  "words": [{"word": "Hello", "start": 0.0, "end": 0.6, "score": 0.9, "speaker": "SPEAKER_00"}]},
 {"start": 1.5, "end": 2.0, "text": "你好。", "speaker": "SPEAKER_01"}], "language": "en"}`))
	f.Fuzz(func(t *testing.T, data []byte) { check(t, data, Whisper) })
}

// FuzzParse detects the format of what it reads first.
func FuzzParse(f *testing.F) {
	seed(f, "txt", "md", "vtt", "srt", "json")
	f.Fuzz(func(t *testing.T, data []byte) { check(t, data, "") })
}

// check parses data and checks what must hold of any input: no panic, diagnostics
// inside the file, a transcript exactly when there is no error, and of the
// transcript, utterances in order with spans inside the text that join to it,
// cues inside their utterances, places inside the file, and At finding each
// utterance by its start.
func check(t *testing.T, data []byte, f Format) {
	tr, ds := Parse("fuzz", data, f)
	lines := bytes.Count(data, []byte{'\n'}) + 1
	for _, d := range ds {
		if p := d.Subject.Start; p.Line < 1 || p.Line > lines || p.Column < 1 {
			t.Fatalf("%v: outside the file of %d lines", d, lines)
		}
	}
	if f == Whisper {
		body := bytes.TrimPrefix(data, []byte(bom))
		invalid := strings.Contains(ds.Error(), "invalid JSON")
		if utf8.Valid(data) && len(bytes.TrimSpace(body)) > 0 && invalid == json.Valid(body) {
			t.Fatalf("invalid JSON reported: %v, but json.Valid says %v: %v", invalid, json.Valid(body), ds)
		}
	}
	if tr == nil {
		if !ds.HasErrors() {
			t.Fatal("no transcript and no error")
		}
		return
	}
	if ds.HasErrors() {
		t.Fatalf("a transcript and errors: %v", ds)
	}
	if f != "" && tr.Format != f {
		t.Fatalf("read as %s, asked for %s", tr.Format, f)
	}
	runes := []rune(tr.Text)
	if tr.Format == Plain {
		if tr.Text != string(data) || len(tr.Utterances) > 0 {
			t.Fatal("plain text is not the file")
		}
	} else {
		texts := make([]string, len(tr.Utterances))
		for i, u := range tr.Utterances {
			texts[i] = string(runes[u.Span.Start:u.Span.End])
		}
		if strings.Join(texts, "\n\n") != tr.Text {
			t.Fatal("the utterances do not join to the text")
		}
	}
	end := 0
	for i, u := range tr.Utterances {
		s := u.Span
		if s.Start < end || s.Start >= s.End || s.End > len(runes) {
			t.Fatalf("utterance %d: span %v after %d, text of %d", i, s, end, len(runes))
		}
		end = s.End
		if strings.ContainsRune(" \t\r\n", runes[s.Start]) || strings.ContainsRune(" \t\r\n", runes[s.End-1]) {
			t.Fatalf("utterance %d: text %q has white space at an end", i, string(runes[s.Start:s.End]))
		}
		if got, ok := tr.At(s.Start); !ok || got.Span != s || tr.Index(s.End-1) != i {
			t.Fatalf("utterance %d: At(%d) = %v, %v", i, s.Start, got.Span, ok)
		}
		if u.Line < 1 || u.Line > lines {
			t.Fatalf("utterance %d: line %d", i, u.Line)
		}
		cend := s.Start
		for _, c := range u.Cues {
			if c.Span.Start < cend || c.Span.Start >= c.Span.End || c.Span.End > s.End {
				t.Fatalf("utterance %d %v: cue span %v after %d", i, s, c.Span, cend)
			}
			cend = c.Span.End
		}
		if _, ok := tr.TimeAt(s.Start); ok != u.HasTime {
			t.Fatalf("utterance %d: TimeAt ok %v, HasTime %v", i, ok, u.HasTime)
		}
		for _, off := range []int{s.Start, (s.Start + s.End) / 2, s.End} {
			if line, col := tr.Place(off); line < 1 || line > lines || col < 1 {
				t.Fatalf("Place(%d) = %d:%d, outside the file of %d lines", off, line, col, lines)
			}
		}
	}
	for _, off := range []int{0, len(runes) / 2, len(runes)} {
		if line, col := tr.Place(off); line < 1 || line > lines || col < 1 {
			t.Fatalf("Place(%d) = %d:%d, outside the file of %d lines", off, line, col, lines)
		}
	}
}
