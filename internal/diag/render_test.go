package diag

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite testdata/render.golden")

// Lines for the clipping tests. Every run of a few dozen characters occurs once
// in each, so that a snippet can be found back in its line.
var (
	asciiLine = func() string { // 1400 characters, like minified JSON
		var b strings.Builder
		for i := range 100 {
			fmt.Fprintf(&b, `{"id":"n%04d"},`, i)
		}
		return b.String()
	}()
	cjkLine = func() string { // 300 wide characters, 600 cells
		var b strings.Builder
		for i := range 300 {
			b.WriteRune(rune(0x4e00 + i))
		}
		return b.String()
	}()
	mixedLine = func() string { // narrow and wide alternate, so that cuts fall on either
		var b strings.Builder
		for i := range 200 {
			b.WriteRune(rune('a' + i%26))
			b.WriteRune(rune(0x4e00 + i))
		}
		return b.String()
	}()
	combiningLine = func() string { // e + U+0301, which takes no cell, and digits
		var b strings.Builder
		for i := range 100 {
			fmt.Fprintf(&b, "e\u0301%03d", i)
		}
		return b.String()
	}()
)

func TestSnippet(t *testing.T) {
	n := utf8.RuneCountInString
	exact := strings.Repeat("0123456789", 12)           // 120 cells
	exactWide := string([]rune(cjkLine)[:60])           // 120 cells
	overByOne := strings.Repeat("0123456789", 12) + "x" // 121 cells
	tests := []struct {
		name        string
		line        string
		col         int
		left, right bool // cut at the start, at the end
		caret       bool
		pad         int // checked when >= 0
	}{
		{"ascii first column", asciiLine, 1, false, true, true, 0},
		{"ascii near the start", asciiLine, 5, false, true, true, 4},
		{"ascii last column before a cut start", asciiLine, 59, false, true, true, 58},
		{"ascii middle", asciiLine, 700, true, true, true, 59},
		{"ascii near the end", asciiLine, n(asciiLine) - 3, true, false, true, -1},
		{"ascii last character", asciiLine, n(asciiLine), true, false, true, 119},
		{"ascii one past the end", asciiLine, n(asciiLine) + 1, true, false, true, 119},
		{"ascii two past the end: no caret", asciiLine, n(asciiLine) + 2, false, true, false, -1},
		{"ascii no column", asciiLine, 0, false, true, false, -1},
		{"cjk first column", cjkLine, 1, false, true, true, 0},
		{"cjk near the start", cjkLine, 20, false, true, true, 38},
		{"cjk middle", cjkLine, 150, true, true, true, -1},
		{"cjk last character", cjkLine, n(cjkLine), true, false, true, -1},
		{"cjk one past the end", cjkLine, n(cjkLine) + 1, true, false, true, -1},
		{"mixed middle", mixedLine, 201, true, true, true, -1},
		{"combining middle", combiningLine, 250, true, true, true, -1},
		{"exactly the window", exact, 60, false, false, true, 59},
		{"exactly the window, last character", exact, 120, false, false, true, 119},
		{"exactly the window, one past the end", exact, 121, false, false, true, 120},
		{"exactly the window of wide characters", exactWide, 60, false, false, true, 118},
		{"one over the window, start", overByOne, 1, false, true, true, 0},
		{"one over the window, end", overByOne, 121, true, false, true, -1},
		{"short line with wide characters", "名字: antrhopic", 5, false, false, true, 6},
		{"short line with a combining mark", "cafe\u0301: x", 8, false, false, true, 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, pad, caret := measure("f", 1, tt.line).snippet(tt.col)
			checkSnippet(t, tt.line, tt.col, text, pad, caret)
			if caret != tt.caret {
				t.Errorf("caret = %v, want %v", caret, tt.caret)
			}
			if left := strings.HasPrefix(text, ellipsis); left != tt.left {
				t.Errorf("cut at the start = %v, want %v", left, tt.left)
			}
			if right := strings.HasSuffix(text, ellipsis); right != tt.right {
				t.Errorf("cut at the end = %v, want %v", right, tt.right)
			}
			if tt.pad >= 0 && pad != tt.pad {
				t.Errorf("pad = %d, want %d", pad, tt.pad)
			}
		})
	}
}

// TestSnippetEveryColumn checks every column of each line, so that every way a
// cut can fall (on a wide character, before a combining mark) is met.
func TestSnippetEveryColumn(t *testing.T) {
	for name, line := range map[string]string{
		"ascii": asciiLine, "cjk": cjkLine, "mixed": mixedLine, "combining": combiningLine,
	} {
		t.Run(name, func(t *testing.T) {
			m := measure("f", 1, line)
			for col := range utf8.RuneCountInString(line) + 3 {
				text, pad, caret := m.snippet(col)
				checkSnippet(t, line, col, text, pad, caret)
				if t.Failed() {
					t.Fatalf("at column %d:\n%s\n%s^", col, text, strings.Repeat(" ", pad))
				}
			}
		})
	}
}

// checkSnippet checks what holds of every snippet: it is the line itself when the
// line fits the window, and otherwise a piece of the line found once in it, at
// most the window wide, with an ellipsis exactly where something was cut; and the
// caret is under character col (1-based), or one cell past the last.
func checkSnippet(t *testing.T, line string, col int, text string, pad int, caret bool) {
	t.Helper()
	n := utf8.RuneCountInString(line)
	if want := col >= 1 && col <= n+1; caret != want {
		t.Errorf("caret = %v, want %v", caret, want)
	}
	if displayWidth(line) <= snippetWidth {
		if text != line {
			t.Errorf("line that fits printed as %q, want it as it is", text)
		}
	} else if w := displayWidth(text); w > snippetWidth {
		t.Errorf("snippet %d cells wide, want at most %d", w, snippetWidth)
	}
	if caret && pad+1 > max(snippetWidth, displayWidth(line)+1) {
		t.Errorf("caret at cell %d, beyond the window", pad+1)
	}

	inner, cells := text, 0
	if text != line {
		if s, ok := strings.CutPrefix(inner, ellipsis); ok {
			inner, cells = s, 1
		}
		inner = strings.TrimSuffix(inner, ellipsis)
	}
	at := strings.Index(line, inner)
	switch {
	case at < 0 || inner == "":
		t.Fatalf("snippet %q is not a piece of the line", text)
	case strings.LastIndex(line, inner) != at:
		t.Fatalf("snippet %q is found twice in the line; the test line is ambiguous", text)
	}
	if left := strings.HasPrefix(text, ellipsis) && text != line; left != (at > 0) {
		t.Errorf("ellipsis at the start = %v, but the snippet starts at byte %d", left, at)
	}
	if right := strings.HasSuffix(text, ellipsis) && text != line; right != (at+len(inner) < len(line)) {
		t.Errorf("ellipsis at the end = %v, but the snippet ends at byte %d of %d", right, at+len(inner), len(line))
	}
	if r, _ := utf8.DecodeRuneInString(inner); at > 0 && cellWidth(r) == 0 {
		t.Errorf("snippet starts with %U, which takes no cell", r)
	}
	if !caret {
		return
	}
	// Walk the snippet to the caret: the characters that start at its cell are the
	// one under it and the zero-width ones just before it.
	start := utf8.RuneCountInString(line[:at])
	var under []int
	for i, r := range []rune(inner) {
		if cells == pad {
			under = append(under, start+i)
		}
		cells += cellWidth(r)
	}
	if cells == pad { // one past the end
		under = append(under, start+utf8.RuneCountInString(inner))
	}
	if len(under) == 0 {
		t.Errorf("caret at cell %d falls inside a wide character", pad)
	} else if !slices.Contains(under, col-1) {
		t.Errorf("caret under characters %v (0-based), want %d", under, col-1)
	}
}

func displayWidth(s string) int {
	w := 0
	for _, r := range s {
		w += cellWidth(r)
	}
	return w
}

func TestCellWidth(t *testing.T) {
	tests := []struct {
		r    rune
		want int
	}{
		{'a', 1}, {' ', 1}, {'é', 1}, {'…', 1},
		{'中', 2}, {'あ', 2}, {'한', 2}, {'Ａ', 2}, {'，', 2}, {'😀', 2},
		{'\u0301', 0}, {'\u200d', 0}, {'\ufeff', 0}, {'\u00ad', 1},
		{'ｱ', 1}, // halfwidth katakana
	}
	for _, tt := range tests {
		if got := cellWidth(tt.r); got != tt.want {
			t.Errorf("cellWidth(%U) = %d, want %d", tt.r, got, tt.want)
		}
	}
}

// TestRenderGolden renders diagnostics on the one line of a minified JSON file and
// on a long line of Chinese, to be read by eye in testdata/render.golden.
func TestRenderGolden(t *testing.T) {
	at := func(file, token string) Range {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(data), "\n") {
			if j := strings.Index(line, token); j >= 0 {
				return Range{File: file, Start: Pos{i + 1, utf8.RuneCountInString(line[:j]) + 1}}
			}
		}
		t.Fatalf("%s: no %q", file, token)
		return Range{}
	}
	json, yaml := filepath.Join("testdata", "minified.json"), filepath.Join("testdata", "wide.yaml")
	end := at(json, `"locutions":[]}`)
	end.Start.Column += len(`"locutions":[]}`)
	stop := at(yaml, "事后补救。")
	stop.Start.Column += 4
	ds := Diagnostics{
		Errorf(at(json, `"nodes"`), "invalid JSON: the top level must be an AIF document"),
		Errorf(at(json, `"type":"AR"`), "node %q has unknown type %q", "74", "AR").WithHint("did you mean %q?", "RA"),
		Errorf(at(json, `"toID":"40"}]`), "edge %q goes to unknown node %q", "139", "40"),
		Errorf(end, "invalid JSON: unexpected end of input"),
		Errorf(at(yaml, "第一"), "claim text does not occur in the transcript"),
		Errorf(at(yaml, "透明"), "unknown term %q", "透明").WithHint("did you mean %q?", "透明度"),
		{Severity: Warning, Summary: "claim text runs past 160 characters; a claim is one sentence", Subject: stop},
	}
	var buf bytes.Buffer
	Render(&buf, ds)
	golden := filepath.Join("testdata", "render.golden")
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), buf.String()); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}

// TestRenderSkipsFilesItDoesNotRead checks that a file that is not a regular file
// of a bounded size gets no snippet (and is not read).
func TestRenderSkipsFilesItDoesNotRead(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.yaml")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString("a: 1\n"); err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(maxSourceSize); err != nil { // sparse: takes no room on disk
		t.Fatal(err)
	}
	f.Close()
	for _, file := range []string{dir, big, filepath.Join(dir, "missing.yaml")} {
		t.Run(filepath.Base(file), func(t *testing.T) {
			var buf bytes.Buffer
			Render(&buf, Diagnostics{Errorf(Range{File: file, Start: Pos{1, 1}}, "bad")})
			if want := file + ":1:1: bad\n"; buf.String() != want {
				t.Errorf("got %q, want %q", buf.String(), want)
			}
		})
	}
}
