package diag

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestRelative(t *testing.T) {
	root := t.TempDir() // absolute on every system
	wd := filepath.Join(root, "home", "proj")
	deep := filepath.Join(append([]string{wd}, strings.Split(strings.Repeat("d/", 30), "/")...)...)
	tests := []struct{ name, dir, file, want string }{
		{"under the directory", wd, filepath.Join(wd, "g", "graph.yaml"), filepath.Join("g", "graph.yaml")},
		{"already relative", wd, filepath.Join("g", "graph.yaml"), filepath.Join("g", "graph.yaml")},
		{"already relative, going up", wd, filepath.Join("..", "x.yaml"), filepath.Join("..", "x.yaml")},
		{"no file", wd, "", ""},
		{"outside, shorter relative", wd, filepath.Join(root, "home", "other", "graph.yaml"), filepath.Join("..", "other", "graph.yaml")},
		{"outside, shorter absolute", deep, filepath.Join(root, "x.yaml"), filepath.Join(root, "x.yaml")},
		{"a name that starts with two dots is inside", wd, filepath.Join(wd, "..x.yaml"), "..x.yaml"},
		{"relative directory", "proj", filepath.Join(wd, "x.yaml"), filepath.Join(wd, "x.yaml")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := Diagnostics{Errorf(Range{File: tt.file}, "x")}
			ds.Relative(tt.dir)
			if got := ds[0].Subject.File; got != tt.want {
				t.Errorf("Relative(%q) of %q = %q, want %q", tt.dir, tt.file, got, tt.want)
			}
		})
	}
}

func TestReport(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		file := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return file
	}
	a := write(filepath.Join("g", "a.yaml"), "id: a\nkind: persn\n")
	b := write(filepath.Join("g", "b.yaml"), "id: b\n")
	aRel, bRel := filepath.Join("g", "a.yaml"), filepath.Join("g", "b.yaml")
	at := func(file string, line, col int) Range { return Range{File: file, Start: Pos{line, col}} }

	tests := []struct {
		name string
		ds   Diagnostics
		want string
		n    Counts
	}{
		{
			name: "nothing",
			want: "",
			n:    Counts{},
		},
		{
			name: "sorted, relative, with snippets read through the absolute names",
			ds: Diagnostics{
				Errorf(at(b, 1, 5), "unknown id %q", "b"),
				Errorf(at(a, 2, 7), "unknown entity kind %q", "persn").WithHint("did you mean %q?", "person"),
				{Severity: Warning, Summary: "no name", Subject: at(a, 1, 1)},
			},
			want: aRel + ":1:1: warning: no name\n" +
				"    id: a\n" +
				"    ^\n" +
				aRel + ":2:7: unknown entity kind \"persn\"\n" +
				"    kind: persn\n" +
				"          ^\n" +
				"hint: did you mean \"person\"?\n" +
				bRel + ":1:5: unknown id \"b\"\n" +
				"    id: b\n" +
				"        ^\n",
			n: Counts{Errors: 2, Warnings: 1, Files: 2},
		},
		{
			name: "repeats dropped, also when one name was absolute and one relative",
			ds: Diagnostics{
				Errorf(at(a, 2, 7), "bad kind"),
				Errorf(at(b, 1, 1), "bad id"),
				Errorf(at(a, 2, 7), "bad kind").WithHint("h"),
				Errorf(at(a, 2, 7), "bad kind"),
				Errorf(at(aRel, 2, 7), "bad kind"),
			},
			want: aRel + ":2:7: bad kind\n" +
				"    kind: persn\n" +
				"          ^\n" +
				aRel + ":2:7: bad kind\n" +
				"    kind: persn\n" +
				"          ^\n" +
				"hint: h\n" +
				bRel + ":1:1: bad id\n" +
				"    id: b\n" +
				"    ^\n",
			n: Counts{Errors: 3, Files: 2},
		},
		{
			name: "no file, a whole file, a nil diagnostic",
			ds: Diagnostics{
				Errorf(Range{}, "no rule pack"),
				nil,
				Errorf(Range{File: b}, "empty graph"),
			},
			want: ": no rule pack\n" + bRel + ": empty graph\n",
			n:    Counts{Errors: 2, Files: 1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := make([]Diagnostic, 0, len(tt.ds))
			for _, d := range tt.ds {
				if d != nil {
					before = append(before, *d)
				}
			}
			order := append(Diagnostics(nil), tt.ds...)

			var buf bytes.Buffer
			n := Report(&buf, tt.ds, ReportOptions{Dir: dir})
			if diff := cmp.Diff(tt.want, buf.String()); diff != "" {
				t.Errorf("output (-want +got)\n%s", diff)
			}
			if n != tt.n {
				t.Errorf("counts = %+v, want %+v", n, tt.n)
			}

			after := make([]Diagnostic, 0, len(tt.ds))
			for i, d := range tt.ds {
				if d != order[i] {
					t.Fatalf("Report reordered its argument")
				}
				if d != nil {
					after = append(after, *d)
				}
			}
			if diff := cmp.Diff(before, after); diff != "" {
				t.Errorf("Report changed the diagnostics (-before +after)\n%s", diff)
			}
		})
	}
}

func TestReportDefaultsToTheWorkingDirectory(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "graph.yaml")
	if err := os.WriteFile(file, []byte("id: x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	var buf bytes.Buffer
	Report(&buf, Diagnostics{Errorf(Range{File: file, Start: Pos{1, 5}}, "bad id")}, ReportOptions{})
	if want := "graph.yaml:1:5: bad id\n    id: x\n        ^\n"; buf.String() != want {
		t.Errorf("got %q, want %q", buf.String(), want)
	}
}

func TestCount(t *testing.T) {
	ds := Diagnostics{
		Errorf(Range{File: "a.yaml"}, "1"),
		Errorf(Range{File: "a.yaml"}, "1"), // Count does not drop repeats
		Errorf(Range{File: "b.yaml"}, "2"),
		Errorf(Range{}, "3"),
		{Severity: Warning, Summary: "4", Subject: Range{File: "c.yaml"}},
		nil,
	}
	if got, want := Count(ds), (Counts{Errors: 4, Warnings: 1, Files: 2}); got != want {
		t.Errorf("Count = %+v, want %+v", got, want)
	}
	if Count(ds[4:5]).Errors > 0 || ds[4:5].HasErrors() {
		t.Error("warnings counted as errors")
	}
}

func TestCountsString(t *testing.T) {
	tests := []struct {
		c    Counts
		want string
	}{
		{Counts{}, "no errors"},
		{Counts{Errors: 1, Files: 1}, "1 error"},
		{Counts{Errors: 3, Files: 1}, "3 errors"},
		{Counts{Errors: 1}, "1 error"},
		{Counts{Errors: 2, Files: 2}, "2 errors in 2 files"},
		{Counts{Errors: 2, Warnings: 1, Files: 1}, "2 errors, 1 warning"},
		{Counts{Errors: 5, Warnings: 3, Files: 4}, "5 errors in 4 files, 3 warnings"},
		{Counts{Warnings: 1}, "1 warning"},
		{Counts{Warnings: 2}, "2 warnings"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := tt.c.String(); got != tt.want {
				t.Errorf("%+v.String() = %q, want %q", tt.c, got, tt.want)
			}
		})
	}
}
