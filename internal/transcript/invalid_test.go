package transcript

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestInvalidFiles reads each file of testdata/invalid with the format detected
// and compares every diagnostic, in order, with what it must say and where.
func TestInvalidFiles(t *testing.T) {
	tests := []struct {
		file string
		want []string
		ok   bool // the transcript is read, with warnings
	}{
		{"bad-time.vtt", []string{
			`bad-time.vtt:6:18: bad cue end time "00:00:0x.500" (write hh:mm:ss.ttt or mm:ss.ttt)`,
			`bad-time.vtt:10:20: cue ends at 00:00:04.000, before it starts at 00:00:05,000`,
		}, false},
		{"no-header.vtt", []string{
			`no-header.vtt:1:1: a WebVTT file must begin with "WEBVTT" (read it as another format with transcript_format:)`,
		}, false},
		{"bad-index.srt", []string{
			`bad-index.srt:5:1: cue number "2a" is not a number`,
			`bad-index.srt:10:1: cue 3 has no timing line (write hh:mm:ss,ttt --> hh:mm:ss,ttt)`,
		}, false},
		{"bad-time.srt", []string{
			`bad-time.srt:6:18: bad cue end time "00:00:03;000" (write hh:mm:ss,ttt)`,
		}, false},
		{"not-whisper.json", []string{
			`not-whisper.json:1:1: no "segments" list: this JSON is not a whisper transcript (whisper and WhisperX write {"segments": [{"start": 0.0, "end": 2.5, "text": "..."}]})`,
		}, false},
		{"top-list.json", []string{
			`top-list.json:1:1: a whisper transcript is a JSON object with "segments", not a list`,
		}, false},
		{"segments-object.json", []string{
			`segments-object.json:1:14: "segments" must be a list, not an object`,
		}, false},
		{"bad-segments.json", []string{
			`bad-segments.json:3:38: "text" of a segment must be a string, not a number`,
			`bad-segments.json:4:13: "start" of a segment must be a number of seconds, not a string`,
			`bad-segments.json:5:3: segment has no "start" time`,
			`bad-segments.json:5:49: "speaker" of a segment must be a string, not a number`,
			`bad-segments.json:6:3: a segment must be an object, not a string`,
		}, false},
		{"syntax.json", []string{
			`syntax.json:3:3: invalid JSON: unexpected '{'; want ',' or ']'`,
		}, false},
		{"invalid-utf8.txt", []string{
			`invalid-utf8.txt:2:20: invalid UTF-8: byte 0xff is not part of a character (save the file as UTF-8)`,
		}, false},
		{"empty.vtt", []string{
			`empty.vtt:1:1: transcript is empty`,
		}, false},
		{"no-text.vtt", []string{
			`no-text.vtt:1:1: transcript has no text`,
			`no-text.vtt:3:1: warning: cue has no text; skipped`,
			`no-text.vtt:6:1: warning: cue has no text; skipped`,
		}, false},
		{"empty-cue.vtt", []string{
			`empty-cue.vtt:6:1: warning: cue has no text; skipped`,
		}, true},
	}
	seen := map[string]bool{}
	for _, tt := range tests {
		seen[tt.file] = true
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", "invalid", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			tr, ds := Parse(tt.file, data, "")
			if (tr != nil) != tt.ok || ds.HasErrors() == tt.ok {
				t.Errorf("transcript read: %v, errors: %v", tr != nil, ds.HasErrors())
			}
			var got []string
			for _, d := range ds.Sort() {
				got = append(got, d.Error())
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("diagnostics (-want +got)\n%s", diff)
			}
		})
	}
	files, _ := filepath.Glob("testdata/invalid/*")
	for _, f := range files {
		if name := filepath.Base(f); !seen[name] && !strings.HasSuffix(name, ".golden") {
			t.Errorf("%s is not in the table", f)
		}
	}
}
