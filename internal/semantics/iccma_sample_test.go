package semantics

import (
	"bufio"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// sampleDir holds small frameworks in the three ICCMA formats, each beside a
// NAME.answers file that lists, per semantics, every extension, worked out by
// hand from the definitions (one line "EE-PR: {a,d} {b,d}"; an empty list when
// there is none).
const sampleDir = "../../testdata/iccma"

// readAnswers reads a NAME.answers file into the extensions of each semantics,
// each extension its argument names sorted.
func readAnswers(t *testing.T, path string) map[Semantics][][]string {
	t.Helper()
	file, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	out := map[Semantics][][]string{}
	sc := bufio.NewScanner(file)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		head, rest, ok := strings.Cut(text, ":")
		task, err := ParseTask(head)
		if !ok || err != nil || task.Problem != EE {
			t.Fatalf("%s:%d: want `EE-XX: {a,b} {c}`", path, line)
		}
		exts := [][]string{}
		for _, set := range strings.Fields(rest) {
			if !strings.HasPrefix(set, "{") || !strings.HasSuffix(set, "}") {
				t.Fatalf("%s:%d: %q is not a set {a,b}", path, line, set)
			}
			inner := strings.Trim(set, "{}")
			ext := []string{}
			if inner != "" {
				ext = strings.Split(inner, ",")
			}
			slices.Sort(ext)
			exts = append(exts, ext)
		}
		if _, dup := out[task.Semantics]; dup {
			t.Fatalf("%s:%d: %s listed twice", path, line, task)
		}
		out[task.Semantics] = exts
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(out) != 4 {
		t.Fatalf("%s: want the extensions of all four semantics, have %d", path, len(out))
	}
	return out
}

func extNames(f *Framework, ext []int) []string {
	names := make([]string, len(ext))
	for i, a := range ext {
		names[i] = f.Name(a)
	}
	slices.Sort(names)
	return names
}

func containsExt(exts [][]string, ext []string) bool {
	return slices.ContainsFunc(exts, func(e []string) bool { return slices.Equal(e, ext) })
}

// TestICCMASample runs every task of every semantics on the frameworks of
// testdata/iccma, read in their own format, against the extensions listed by
// hand: EE must list exactly them, SE give one of them (or none when there are
// none), DC and DS answer as they imply for every argument, and every witness be
// one of them.
func TestICCMASample(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(sampleDir, "*.answers"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 5 {
		t.Fatalf("found %d answer files in %s, want the sample", len(files), sampleDir)
	}
	for _, answers := range files {
		base := strings.TrimSuffix(answers, ".answers")
		var path string
		for _, ext := range []string{".af", ".apx", ".tgf"} {
			if _, err := os.Stat(base + ext); err == nil {
				path = base + ext
			}
		}
		t.Run(filepath.Base(base), func(t *testing.T) {
			if path == "" {
				t.Fatalf("no framework beside %s", answers)
			}
			want := readAnswers(t, answers)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			f, ds := Read(path, strings.NewReader(string(data)), DetectFormat(path, data))
			if ds.HasErrors() {
				t.Fatal(ds)
			}
			for sem := Complete; sem <= Stable; sem++ {
				exts := want[sem]
				ans := Solve(f, Task{EE, sem}, 0)
				var got [][]string
				for _, e := range ans.Extensions {
					got = append(got, extNames(f, e))
				}
				if len(got) != len(exts) || !slices.EqualFunc(sortedExts(got), sortedExts(exts), slices.Equal) {
					t.Errorf("EE-%s = %v, want %v", sem.Short(), got, exts)
				}
				se := Solve(f, Task{SE, sem}, 0)
				switch {
				case len(exts) == 0 && len(se.Extensions) != 0:
					t.Errorf("SE-%s = %v, want none", sem.Short(), extNames(f, se.Extensions[0]))
				case len(exts) > 0 && len(se.Extensions) != 1:
					t.Errorf("SE-%s gave %d extensions, want one of %v", sem.Short(), len(se.Extensions), exts)
				case len(exts) > 0 && !containsExt(exts, extNames(f, se.Extensions[0])):
					t.Errorf("SE-%s = %v, want one of %v", sem.Short(), extNames(f, se.Extensions[0]), exts)
				}
				for a := 0; a < f.Len(); a++ {
					name := f.Name(a)
					inSome, inAll := false, true
					for _, e := range exts {
						has := slices.Contains(e, name)
						inSome = inSome || has
						inAll = inAll && has
					}
					dc := Solve(f, Task{DC, sem}, a)
					if dc.Accepted != inSome {
						t.Errorf("DC-%s %s = %v, want %v", sem.Short(), name, dc.Accepted, inSome)
					}
					if dc.Accepted && (!dc.HasWitness || !containsExt(exts, extNames(f, dc.Witness)) || !slices.Contains(dc.Witness, a)) {
						t.Errorf("DC-%s %s: witness %v is not an extension with it, of %v", sem.Short(), name, extNames(f, dc.Witness), exts)
					}
					dsAns := Solve(f, Task{DS, sem}, a)
					if dsAns.Accepted != inAll {
						t.Errorf("DS-%s %s = %v, want %v", sem.Short(), name, dsAns.Accepted, inAll)
					}
					if !dsAns.Accepted && (!dsAns.HasWitness || !containsExt(exts, extNames(f, dsAns.Witness)) || slices.Contains(dsAns.Witness, a)) {
						t.Errorf("DS-%s %s: counterexample %v is not an extension without it, of %v", sem.Short(), name, extNames(f, dsAns.Witness), exts)
					}
				}
			}
		})
	}
}

func sortedExts(exts [][]string) [][]string {
	out := slices.Clone(exts)
	slices.SortFunc(out, func(a, b []string) int { return slices.Compare(a, b) })
	return out
}
