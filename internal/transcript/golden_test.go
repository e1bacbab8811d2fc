package transcript

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/graphbuilder/graph/internal/diag"
)

var update = flag.Bool("update", false, "rewrite the .golden files in testdata")

// fixtures are the transcript files of testdata, valid ones.
func fixtures(t testing.TB) []string {
	var files []string
	for _, ext := range []string{"txt", "md", "vtt", "srt", "json"} {
		m, err := filepath.Glob("testdata/*." + ext)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Fatal("no fixtures")
	}
	return files
}

// TestGolden reads every fixture of testdata with the format detected and compares
// what it gives (diagnostics, utterances with their labels, times, lines, places
// and cues, and their text) with the .golden file beside it.
func TestGolden(t *testing.T) {
	for _, file := range fixtures(t) {
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			tr, ds := Parse(file, data, "")
			if ds.HasErrors() {
				t.Fatal(ds)
			}
			got := dump(tr, ds)
			golden := file + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("%s (-want +got)\n%s", file, diff)
			}
		})
	}
}

// dump writes a transcript and its diagnostics in the form of the golden files.
func dump(t *Transcript, ds diag.Diagnostics) string {
	var sb strings.Builder
	sb.WriteString("# diagnostics\n")
	for _, d := range ds.Sort() {
		sb.WriteString(d.Error() + "\n")
	}
	if t == nil {
		return sb.String()
	}
	fmt.Fprintf(&sb, "# format %s, labels %q\n", t.Format, t.Labels())
	if len(t.Utterances) == 0 {
		fmt.Fprintf(&sb, "# text\n%s", t.Text)
	}
	runes := []rune(t.Text)
	for i, u := range t.Utterances {
		line, col := t.Place(u.Span.Start)
		fmt.Fprintf(&sb, "\n## %d %q line %d, text at %d:%d, span [%d,%d)", i+1, u.Label, u.Line, line, col, u.Span.Start, u.Span.End)
		if u.HasTime {
			fmt.Fprintf(&sb, ", %s–%s", clock(u.Start), clock(u.End))
		}
		sb.WriteString("\n")
		for _, c := range u.Cues {
			line, col := t.Place(c.Span.Start)
			fmt.Fprintf(&sb, "cue %s–%s [%d,%d) at %d:%d %q\n", clock(c.Start), clock(c.End), c.Span.Start, c.Span.End, line, col, string(runes[c.Span.Start:c.Span.End]))
		}
		fmt.Fprintf(&sb, "%s\n", string(runes[u.Span.Start:u.Span.End]))
	}
	return sb.String()
}

func clock(d time.Duration) string {
	ms := d.Milliseconds()
	return fmt.Sprintf("%02d:%02d:%02d.%03d", ms/3600000, ms/60000%60, ms/1000%60, ms%1000)
}
