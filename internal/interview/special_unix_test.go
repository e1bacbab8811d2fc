//go:build unix

package interview

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/graphbuilder/graph/schema"
)

// TestSpecialFilesAreRefused points a graph's transcript, include, schema and rules
// at a FIFO (reading one blocks until a writer comes), at /dev/zero (its size is 0
// and it never ends) and at a folder: each is refused at its key, and loading
// returns.
func TestSpecialFilesAreRefused(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo"), 0o644); err != nil {
		t.Skipf("no FIFO here: %v", err)
	}
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "zero")); err != nil {
		t.Fatal(err)
	}
	os.Mkdir(filepath.Join(dir, "folder"), 0o755)
	os.WriteFile(filepath.Join(dir, "t.txt"), []byte("Ada spoke.\n"), 0o644)
	for _, tc := range []struct{ name, yaml, want string }{
		{"transcript fifo", "source: {id: s, title: T, kind: talk, transcript: fifo}\n", "transcript: " + filepath.Join(dir, "fifo") + " is not a regular file"},
		{"transcript zero", "source: {id: s, title: T, kind: talk, transcript: zero}\n", "transcript: " + filepath.Join(dir, "zero") + " is not a regular file"},
		{"transcript folder", "source: {id: s, title: T, kind: talk, transcript: folder}\n", "is a folder, not a file"},
		{"include fifo", "source: {id: s, title: T, kind: talk, transcript: t.txt}\ninclude: [fifo]\n", "include: " + filepath.Join(dir, "fifo") + " is not a regular file"},
		{"schema zero", "schema: [zero]\nsource: {id: s, title: T, kind: talk, transcript: t.txt}\n", `schema file "zero": `},
		{"rules fifo", "source: {id: s, title: T, kind: talk, transcript: t.txt}\nrules: [fifo]\n", "rules: " + filepath.Join(dir, "fifo") + " is not a regular file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			file := filepath.Join(dir, "graph.yaml")
			os.WriteFile(file, []byte(tc.yaml), 0o644)
			done := make(chan string, 1)
			go func() {
				l := NewLoader(schema.Core())
				l.Allow("/dev") // the link to /dev/zero is to be refused as a device, not as outside
				_, ds := l.Load(file)
				done <- ds.Error()
			}()
			select {
			case got := <-done:
				if !strings.Contains(got, tc.want) {
					t.Errorf("diagnostics do not say %q:\n%s", tc.want, got)
				}
			case <-time.After(time.Minute):
				t.Fatal("loading the graph did not return: a special file was read")
			}
		})
	}
}
