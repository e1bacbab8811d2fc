package transcript

import (
	"os"
	"strings"
	"testing"
	"time"
)

func TestDetect(t *testing.T) {
	lines := func(ls ...string) string { return strings.Join(ls, "\n") + "\n" }
	tests := []struct {
		name, file, text string
		want             Format
	}{
		{"vtt by extension", "talk.vtt", "anything", WebVTT},
		{"extension in capitals", "TALK.VTT", "", WebVTT},
		{"srt by extension", "talk.srt", "", SRT},
		{"json by extension", "talk.json", "[]", Whisper},
		{"vtt by content", "captions.txt", "WEBVTT\n\n00:01.000 --> 00:02.000\nHi\n", WebVTT},
		{"vtt with a byte order mark", "captions", "\ufeffWEBVTT - title\n", WebVTT},
		{"WEBVTTX is not a header", "notes", "WEBVTTX\n", Plain},
		{"whisper by content", "result", ` {"segments": [], "language": "en"}`, Whisper},
		{"srt by content", "subs.txt", "1\r\n00:00:01,000 --> 00:00:02,000\r\nHi\r\n", SRT},
		{"turns in capitals", "talk.txt", lines("HOST: Welcome.", "GUEST: Thanks.", "HOST: So.", "GUEST: Yes."), Turns},
		{"turns with names and stamps", "talk.md", lines(
			"[00:00:01] Mara Lindqvist: Welcome.", "Still Mara.", "",
			"[00:00:05] Dr. Lena Hart: Thanks.", "", "[00:00:09] Mara Lindqvist: Right.", "(00:00:12) Dr. Lena Hart: Yes."), Turns},
		{"turns in markdown", "talk.md", lines("**Q:** Why?", "**A:** Because.", "**Q:** Sure?"), Turns},
		{"speaker ids", "diarized.txt", lines("SPEAKER_00: one", "SPEAKER_01: two", "SPEAKER_00: three"), Turns},
		{"chinese turns with three-character names", "访谈.txt", lines(
			"主持人：欢迎收听。", "王小明：谢谢。", "主持人：我们开始吧。", "王小明：好的。"), Turns},
		{"chinese turns with a half-width colon", "访谈.txt", lines(
			"主持人: 欢迎收听。", "嘉宾A: 谢谢。", "主持人: 我们开始吧。", "嘉宾A: 好。"), Turns},
		{"prose with colons", "essay.txt", lines(
			"Here is the thing: rivers move gravel.",
			"Note that: the gravel matters.",
			"As one engineer put it: the fish follow.",
			"The plan: three dams, two years."), Plain},
		{"capitalized words before colons, each once", "essay.txt", lines(
			"Remember: rivers move.", "Consider: the gravel.", "Imagine: a dam.", "Finally: the fish."), Plain},
		{"chinese prose with colons", "文章.txt", lines(
			"他说：“河流在移动。”", "她说：“我同意。”", "他说：“那就好。”", "我们的结论：还要再测。"), Plain},
		{"labels are too few of the lines", "essay.txt", lines(
			"HOST: one", "some prose", "more prose", "HOST: two", "prose", "prose", "prose", "prose", "GUEST: three", "prose"), Plain},
		{"two labelled lines", "talk.txt", lines("HOST: Welcome.", "GUEST: Thanks."), Plain},
		{"no label twice", "talk.txt", lines("HOST: Welcome.", "GUEST: Thanks.", "CALLER: Hello."), Plain},
		{"times are not labels", "log.txt", lines("10:30: start", "10:45: stop", "10:30: start"), Plain},
		{"empty", "x.txt", "", Plain},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Detect(tt.file, []byte(tt.text)); got != tt.want {
				t.Errorf("Detect(%q) = %s, want %s", tt.file, got, tt.want)
			}
		})
	}
	for file, want := range map[string]Format{
		"testdata/dialogue.en.txt": Turns,
		"testdata/dialogue.zh.txt": Turns,
		"testdata/features.md":     Turns,
		"testdata/prose.txt":       Plain,
	} {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if got := Detect(file, data); got != want {
			t.Errorf("Detect(%s) = %s, want %s", file, got, want)
		}
	}
}

func TestIsLabel(t *testing.T) {
	tests := []struct {
		name       string
		ok, strong bool
	}{
		{"HOST", true, true},
		{"MARA LINDQVIST", true, true},
		{"Q", true, true},
		{"SPEAKER_00", true, true},
		{"spk_1", true, true},
		{"Mara Lindqvist", true, false},
		{"Dr. Lena Hart", true, false},
		{"Ursula von der Leyen", true, false},
		{"Speaker 2", true, false},
		{"Jean-Luc O'Brien", true, false},
		{"主持人", true, false},
		{"张伟", true, false},
		{"嘉宾A", true, false},
		{"马克·吐温", true, false},
		{"Here is the thing", false, false},
		{"Note that", false, false},
		{"One Two Three Four Five", false, false},
		{"von Trapp", false, false},
		{"2024", false, false},
		{"他说", false, false},
		{"我们的结论", false, false},
		{"一二三四五六七", false, false},
		{"A1B", true, true},
		{"", false, false},
	}
	for _, tt := range tests {
		strong, ok := isLabel([]byte(tt.name))
		if ok != tt.ok || strong != tt.strong {
			t.Errorf("isLabel(%q) = strong %v, ok %v; want %v, %v", tt.name, strong, ok, tt.strong, tt.ok)
		}
	}
}

func TestLabelAt(t *testing.T) {
	tests := []struct {
		line, label, rest string
	}{
		{"HOST: Welcome.", "HOST", "Welcome."},
		{"HOST:", "HOST", ""},
		{"主持人：欢迎。", "主持人", "欢迎。"},
		{"[SPEAKER_00]: Hi.", "SPEAKER_00", "Hi."},
		{"**Q:** Why?", "Q", "Why?"},
		{"**Q**: Why?", "Q", "Why?"},
		{"  Dr. Lena Hart:  Hello.", "Dr. Lena Hart", "Hello."},
		{"HOST:no blank after the colon", "", ""},
		{"http://example.com", "", ""},
		{"[laughs] Right: sure", "", ""},
		{"**Q: unclosed", "", ""},
		{"No colon here", "", ""},
	}
	for _, tt := range tests {
		label, rest, _, ok := labelAt([]byte(tt.line))
		got, gotRest := "", ""
		if ok {
			got, gotRest = string(label), tt.line[rest:]
		}
		if got != tt.label || gotRest != tt.rest {
			t.Errorf("labelAt(%q) = %q, %q; want %q, %q", tt.line, got, gotRest, tt.label, tt.rest)
		}
	}
}

func TestClocks(t *testing.T) {
	ms := time.Millisecond
	tests := []struct {
		in        string
		needHours bool
		want      time.Duration
		ok        bool
	}{
		{"00:00:01.000", false, time.Second, true},
		{"01:02:03,456", false, 3723456 * ms, true},
		{"01:02.500", false, 62500 * ms, true},
		{"1:02:03", true, 3723 * time.Second, true},
		{"100:00:00.000", false, 100 * time.Hour, true},
		{"00:01.5", false, 1500 * ms, true},
		{"01:02", true, 0, false},
		{"00:60:00.000", false, 0, false},
		{"00:00:0x.000", false, 0, false},
		{"00:00:01.0000", false, 0, false},
		{"00:00:01.", false, 0, false},
		{"1:2:3", false, 0, false},
		{"00:00:00:00", false, 0, false},
		{"", false, 0, false},
	}
	for _, tt := range tests {
		got, ok := parseClock([]byte(tt.in), tt.needHours)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseClock(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
	stamps := []struct {
		in   string
		want time.Duration
		rest string
		ok   bool
	}{
		{"[00:01:02] HOST: hi", 62 * time.Second, "HOST: hi", true},
		{"[01:02] HOST: hi", 62 * time.Second, "HOST: hi", true},
		{"(00:01:02.5) HOST: hi", 62500 * ms, "HOST: hi", true},
		{"00:01:02 HOST: hi", 62 * time.Second, "HOST: hi", true},
		{"10:30 is when we met", 0, "", false},
		{"[laughs] HOST: hi", 0, "", false},
	}
	for _, tt := range stamps {
		got, rest, ok := stampAt([]byte(tt.in))
		gotRest := ""
		if ok {
			gotRest = tt.in[rest:]
		}
		if got != tt.want || ok != tt.ok || gotRest != tt.rest {
			t.Errorf("stampAt(%q) = %v, %q, %v; want %v, %q, %v", tt.in, got, gotRest, ok, tt.want, tt.rest, tt.ok)
		}
	}
}
