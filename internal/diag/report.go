package diag

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// ReportOptions says how [Report] prints.
type ReportOptions struct {
	// Dir is the directory that file names are made relative to (see
	// [Diagnostics.Relative]); "" means the working directory.
	Dir string
}

// Report writes ds to w as every command prints diagnostics: sorted, without
// repeats, with file names relative to opts.Dir, each rendered as [Render] does.
// It returns the counts of what it printed, which [Counts.String] turns into the
// closing line. Report modifies neither ds nor its diagnostics.
func Report(w io.Writer, ds Diagnostics, opts ReportOptions) Counts {
	dir := opts.Dir
	if dir == "" {
		dir, _ = os.Getwd() // on error, "" leaves the names as they are
	} else if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	shown := make(Diagnostics, 0, len(ds))
	src := make(map[*Diagnostic]string, len(ds))
	for _, d := range ds {
		if d == nil {
			continue
		}
		c := *d
		c.Subject.File = relative(dir, d.Subject.File)
		shown = append(shown, &c)
		// The snippet is read through the name as given, which stays right when
		// Dir is not the working directory.
		src[&c] = d.Subject.File
	}
	shown = shown.Sort()
	r := newRenderer()
	for _, d := range shown {
		r.render(w, d, src[d])
	}
	return Count(shown)
}

// Counts is how many diagnostics of each severity a list holds.
type Counts struct {
	Errors, Warnings int
	// Files is the number of distinct files with at least one error.
	Files int
}

// Count counts the diagnostics of ds as they are; [Report] counts them after
// dropping repeats. Count(ds).Errors > 0 exactly when ds.HasErrors().
func Count(ds Diagnostics) Counts {
	var c Counts
	files := map[string]bool{}
	for _, d := range ds {
		switch {
		case d == nil:
		case d.Severity == Warning:
			c.Warnings++
		case d.Severity == Error:
			c.Errors++
			if f := d.Subject.File; f != "" && !files[f] {
				files[f] = true
				c.Files++
			}
		}
	}
	return c
}

// String words the counts for the line that closes a report, the same in every
// command: "1 error", "3 errors", "2 errors in 2 files", "2 errors, 1 warning",
// "1 warning", or "no errors" when there is nothing.
func (c Counts) String() string {
	var parts []string
	if c.Errors > 0 {
		s := plural(c.Errors, "error")
		if c.Files > 1 {
			s += " in " + plural(c.Files, "file")
		}
		parts = append(parts, s)
	}
	if c.Warnings > 0 {
		parts = append(parts, plural(c.Warnings, "warning"))
	}
	if len(parts) == 0 {
		return "no errors"
	}
	return strings.Join(parts, ", ")
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
