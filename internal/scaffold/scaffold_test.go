package scaffold

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/graphbuilder/graph/internal/diag"
	"github.com/graphbuilder/graph/internal/entities"
	"github.com/graphbuilder/graph/internal/interview"
	"github.com/graphbuilder/graph/internal/transcript"
	"github.com/graphbuilder/graph/schema"
)

func writeFile(t *testing.T, path, text string) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

const dialogue = `[00:00:05] LENA HART: Welcome. Dr Grace Hopper joins us later.
[00:00:12] MARA LINDQVIST: Audits must be independent.
[00:00:30] LENA HART: Why?
[00:00:41] MARA LINDQVIST: Because Professor Alan Turing said so, and Mara Lindqvist agrees.
`

func TestInitFromTurns(t *testing.T) {
	dir := t.TempDir()
	from := writeFile(t, filepath.Join(dir, "in", "episode.txt"), dialogue)
	res, err := Init(Options{Dir: filepath.Join(dir, "audits"), From: from})
	if err != nil {
		t.Fatal(err)
	}
	got := struct {
		ID, Lang   string
		Format     transcript.Format
		Speakers   []Speaker
		Candidates []Candidate
		Copied     bool
	}{res.SourceID, res.Language, res.Format, res.Speakers, res.Candidates, res.Copied}
	want := struct {
		ID, Lang   string
		Format     transcript.Format
		Speakers   []Speaker
		Candidates []Candidate
		Copied     bool
	}{"audits", "en", transcript.Turns,
		[]Speaker{{Labels: []string{"LENA HART"}, ID: "lena-hart", Name: "Lena Hart"}, {Labels: []string{"MARA LINDQVIST"}, ID: "mara-lindqvist", Name: "Mara Lindqvist"}},
		[]Candidate{{ID: "grace-hopper", Name: "Grace Hopper", Kind: "person", Rule: "en.mention.title"}, {ID: "alan-turing", Name: "Alan Turing", Kind: "person", Rule: "en.mention.title"}},
		true}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
	copied, err := os.ReadFile(filepath.Join(dir, "audits", "episode.txt"))
	if err != nil || string(copied) != dialogue {
		t.Errorf("transcript not copied as it is: %v", err)
	}
	// The graph loads with no diagnostics at all, and names the speakers by label.
	g, ds := interview.NewLoader(schema.Core()).Load(res.File)
	if len(ds) > 0 {
		t.Fatalf("the new graph has diagnostics:\n%v", ds)
	}
	if g.SpeakerOf("MARA LINDQVIST") != "mara-lindqvist" || len(g.Entities) != 4 {
		t.Errorf("speaker of MARA LINDQVIST = %q, %d entities", g.SpeakerOf("MARA LINDQVIST"), len(g.Entities))
	}
}

func TestInitChineseProse(t *testing.T) {
	dir := t.TempDir()
	from := writeFile(t, filepath.Join(dir, "article.zh.txt"), "达里奥·阿莫代伊在访谈中回应了外界对人工智能的质疑。他认为规模化仍然有效。\n")
	res, err := Init(Options{Dir: dir, From: from, ID: "amodei-2025", Kind: "article"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Language != "zh" || res.Format != transcript.Plain || res.Copied || res.Transcript != from {
		t.Errorf("language %q, format %q, copied %v, transcript %q", res.Language, res.Format, res.Copied, res.Transcript)
	}
	data, err := os.ReadFile(res.File)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"  id: amodei-2025\n", "  kind: article  #", "  language: zh\n", "  transcript: article.zh.txt\n", "entities: []\n"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("graph.yaml lacks %q:\n%s", want, data)
		}
	}
}

func TestInitWithoutTranscript(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new-talk")
	res, err := Init(Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if res.SourceID != "new-talk" || res.Transcript != filepath.Join(dir, DefaultTranscript) || !res.Copied {
		t.Errorf("source %q, transcript %q, copied %v", res.SourceID, res.Transcript, res.Copied)
	}
	if _, ds := interview.NewLoader(schema.Core()).Load(res.File); ds.HasErrors() {
		t.Errorf("does not validate:\n%v", ds)
	}
}

func TestInitRefuses(t *testing.T) {
	dir := t.TempDir()
	existing := writeFile(t, filepath.Join(dir, "old", "graph.yaml"), "source: {}\n")
	big := filepath.Join(dir, "big.txt")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(interview.MaxTranscriptSize + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	writeFile(t, filepath.Join(dir, "clash", "t.txt"), "another text\n")
	other := writeFile(t, filepath.Join(dir, "t.txt"), "HOST: hi\n")
	for _, c := range []struct {
		name string
		opts Options
		want string
	}{
		{"existing graph", Options{Dir: filepath.Dir(existing)}, "graph.yaml already exists"},
		{"folder as transcript", Options{Dir: filepath.Join(dir, "a"), From: dir}, "is a folder, not a file"},
		{"missing transcript", Options{Dir: filepath.Join(dir, "b"), From: filepath.Join(dir, "nope.txt")}, "no such file"},
		{"huge transcript", Options{Dir: filepath.Join(dir, "c"), From: big}, "the limit is"},
		{"device", Options{Dir: filepath.Join(dir, "d"), From: os.DevNull}, "not a regular file"},
		{"different file of that name", Options{Dir: filepath.Join(dir, "clash"), From: other}, "t.txt already exists"},
		{"bad kind", Options{Dir: filepath.Join(dir, "e"), Kind: "interveiw"}, `unknown source kind "interveiw"`},
		{"bad id", Options{Dir: filepath.Join(dir, "f"), ID: "My Talk"}, `source id "My Talk"`},
		{"bad language", Options{Dir: filepath.Join(dir, "g"), Language: "English"}, `language "English"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Init(c.opts)
			if !errors.Is(err, ErrInput) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want an input error with %q", err, c.want)
			}
		})
	}
	if data, _ := os.ReadFile(existing); string(data) != "source: {}\n" {
		t.Errorf("the existing graph.yaml was changed")
	}
}

func TestInitBadTranscript(t *testing.T) {
	dir := t.TempDir()
	from := writeFile(t, filepath.Join(dir, "bad.vtt"), "WEBVTT\n\n00:00:01.000 --> soon\nhello\n")
	_, err := Init(Options{Dir: filepath.Join(dir, "g"), From: from})
	var ds diag.Diagnostics
	if !errors.As(err, &ds) || !ds.HasErrors() || !strings.Contains(ds.Error(), "bad.vtt:3") {
		t.Errorf("error %v, want diagnostics at bad.vtt:3", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "g")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a folder was made for a transcript that cannot be read")
	}
}

func TestSlugAndNames(t *testing.T) {
	for in, want := range map[string]string{"MARA LINDQVIST": "mara-lindqvist", "SPEAKER_00": "speaker-00", "主持人": "", "Dr. O'Neil": "dr-o-neil"} {
		if got := entities.Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
	// Roles get ids of the source's, so that two interviews' hosts are two people;
	// Chinese names the pinyin of the name, surname apart.
	sps := speakers([]string{"主持人", "嘉宾A", "嘉宾B", "HOST", "Host", "周海涛", "欧阳", "张先生", "MARA LINDQVIST", "SPEAKER_01", "Guest 2", "※"}, "talk")
	want := []Speaker{
		{[]string{"主持人"}, "talk-zhuchiren", "主持人"},
		{[]string{"嘉宾A"}, "talk-jiabin-a", "嘉宾A"},
		{[]string{"嘉宾B"}, "talk-jiabin-b", "嘉宾B"},
		{[]string{"HOST", "Host"}, "talk-host", "Host"},
		{[]string{"周海涛"}, "zhou-haitao", "周海涛"},
		{[]string{"欧阳"}, "ou-yang", "欧阳"},
		{[]string{"张先生"}, "zhang-xiansheng", "张先生"},
		{[]string{"MARA LINDQVIST"}, "mara-lindqvist", "Mara Lindqvist"},
		{[]string{"SPEAKER_01"}, "talk-speaker-01", "SPEAKER_01"},
		{[]string{"Guest 2"}, "talk-guest-2", "Guest 2"},
		{[]string{"※"}, "talk-speaker", "※"},
	}
	if diff := cmp.Diff(want, sps); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}
