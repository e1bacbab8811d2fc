package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/graphbuilder/graph/internal/store"
)

// progress reports a long write on stderr: a bar redrawn in place on a terminal,
// one plain line per committed transaction otherwise (logs, CI, pipes). It stays
// silent for writes that fit in one transaction.
type progress struct {
	w      io.Writer
	tty    bool
	labels int // labels the build writes
	start  time.Time
	shown  bool
}

func newProgress(w io.Writer, labels int) *progress {
	return &progress{w: w, tty: isTerminal(w), labels: labels, start: time.Now()}
}

// isTerminal reports whether w is a character device, such as a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// update is a [store.WriteOptions] Progress function.
func (p *progress) update(pr store.Progress) {
	if pr.Labels >= p.labels && !p.shown {
		return // the whole write was one transaction
	}
	p.shown = true
	elapsed := time.Since(p.start).Seconds()
	rate := 0.0
	if elapsed > 0 {
		rate = float64(pr.Quads) / elapsed
	}
	if !p.tty {
		fmt.Fprintf(p.w, "graph: wrote %d of %d labels (%d quads, %d added, %d removed) in %.1fs\n",
			pr.Labels, p.labels, pr.Quads, pr.Added, pr.Removed, elapsed)
		return
	}
	const width = 30
	filled := width * pr.Labels / max(p.labels, 1)
	bar := strings.Repeat("=", filled) + strings.Repeat(" ", width-filled)
	fmt.Fprintf(p.w, "\r[%s] %d/%d labels  %d quads  %.0f quads/s  %.0fs ", bar, pr.Labels, p.labels, pr.Quads, rate, elapsed)
	if pr.Labels >= p.labels {
		fmt.Fprintln(p.w)
	}
}

// interrupted ends a bar cut short, so that the next message starts a line.
func (p *progress) interrupted() {
	if p.tty && p.shown {
		fmt.Fprintln(p.w)
	}
}
