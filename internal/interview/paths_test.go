package interview

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/graphbuilder/graph/schema"
)

// TestPathsStayInTheCollection points each path a graph may hold at a file outside
// the folder holding the graph's folder, directly and through a link: each is
// refused at its key, and no message shows the file's content. A folder allowed
// with Allow is reachable.
func TestPathsStayInTheCollection(t *testing.T) {
	base := t.TempDir()
	secret := "root:x:0:0:secret-line:/root:/bin/sh"
	outside := filepath.Join(base, "outside")
	coll := filepath.Join(base, "coll")
	dir := filepath.Join(coll, "g")
	for _, d := range []string{outside, dir, filepath.Join(coll, "catalog")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write := func(path, data string) {
		t.Helper()
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(outside, "passwd"), secret+"\n")
	write(filepath.Join(outside, "t.txt"), "Ada spoke.\n")
	write(filepath.Join(dir, "t.txt"), "Ada spoke.\n")
	write(filepath.Join(dir, "notes.txt"), secret+"\n")
	write(filepath.Join(coll, "catalog", "c.yaml"), "catalog: c\nentities:\n  - {id: ada, kind: person, name: Ada}\n")
	if err := os.Symlink(filepath.Join(outside, "passwd"), filepath.Join(dir, "link.yaml")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	src := "source: {id: s, title: T, kind: talk, transcript: t.txt}\n"
	for _, tc := range []struct {
		name, yaml, want string
	}{
		{"transcript", "source: {id: s, title: T, kind: talk, transcript: ../../outside/t.txt}\n", "1:51: transcript: "},
		{"transcript far", "source: {id: s, title: T, kind: talk, transcript: ../../../../../../../../etc/passwd}\n", "1:51: transcript: "},
		{"include", src + "include: [../../outside/passwd]\n", "2:11: include: "},
		{"include link", src + "include: [link.yaml]\n", "2:11: include: "},
		{"schema", "schema: [../../outside/passwd]\n" + src, "1:10: schema file "},
		{"rules", src + "rules: [../../outside/passwd]\n", "2:9: rules: "},
		{"rules link", src + "rules: [link.yaml]\n", "2:9: rules: "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			file := filepath.Join(dir, "graph.yaml")
			write(file, tc.yaml)
			g, ds := NewLoader(schema.Core()).Load(file)
			got := ds.Error()
			if g != nil || !strings.Contains(got, tc.want) || !strings.Contains(got, "outside the folders this graph may read") {
				t.Errorf("want an error at %q saying the path is outside, got:\n%s", tc.want, got)
			}
			if strings.Contains(got, "secret-line") {
				t.Errorf("a message shows the outside file:\n%s", got)
			}
		})
	}

	t.Run("not a catalog inside", func(t *testing.T) {
		file := filepath.Join(dir, "graph.yaml")
		write(file, src+"include: [notes.txt]\n")
		_, ds := NewLoader(schema.Core()).Load(file)
		got := ds.Error()
		if !strings.Contains(got, "2:11: include: ") || !strings.Contains(got, "is not a catalog") || strings.Contains(got, "secret-line") {
			t.Errorf("want a refusal that shows nothing of the file, got:\n%s", got)
		}
	})

	t.Run("sibling catalog", func(t *testing.T) {
		file := filepath.Join(dir, "graph.yaml")
		write(file, src+"include: [../catalog/c.yaml]\n")
		if _, ds := NewLoader(schema.Core()).Load(file); ds.HasErrors() {
			t.Errorf("a catalog beside the graph's folder is refused:\n%s", ds)
		}
	})

	t.Run("allowed", func(t *testing.T) {
		file := filepath.Join(dir, "graph.yaml")
		write(file, "source: {id: s, title: T, kind: talk, transcript: ../../outside/t.txt}\n")
		l := NewLoader(schema.Core())
		if err := l.Allow(outside); err != nil {
			t.Fatal(err)
		}
		if _, ds := l.Load(file); ds.HasErrors() {
			t.Errorf("an allowed folder is refused:\n%s", ds)
		}
	})
}
