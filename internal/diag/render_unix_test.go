//go:build unix

package diag

import (
	"bytes"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestRenderDoesNotOpenFIFOsOrDevices checks that a FIFO, whose opening would
// block until a writer comes, and a device, which may never end, are not read.
func TestRenderDoesNotOpenFIFOsOrDevices(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "graph.yaml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("no FIFO: %v", err)
	}
	for _, file := range []string{fifo, "/dev/zero"} {
		t.Run(filepath.Base(file), func(t *testing.T) {
			done := make(chan string)
			go func() {
				var buf bytes.Buffer
				Render(&buf, Diagnostics{Errorf(Range{File: file, Start: Pos{1, 1}}, "bad")})
				done <- buf.String()
			}()
			select {
			case got := <-done:
				if want := file + ":1:1: bad\n"; got != want {
					t.Errorf("got %q, want %q", got, want)
				}
			case <-time.After(10 * time.Second):
				t.Fatalf("Render is still reading %s", file)
			}
		})
	}
}
