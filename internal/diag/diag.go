package diag

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"
)

// Severity says whether a diagnostic stops a build.
type Severity int

const (
	// Error diagnostics stop validation and build.
	Error Severity = iota
	// Warning diagnostics are printed but do not stop anything.
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Pos is a place in a file: 1-based line and column (in characters). A zero Line
// means the diagnostic concerns the whole file.
type Pos struct {
	Line, Column int
}

// Range is the span of a file a diagnostic points at.
type Range struct {
	File       string
	Start, End Pos
}

// Diagnostic is one problem found in the input.
type Diagnostic struct {
	Severity Severity
	Summary  string
	// Detail, when set, explains the problem further on its own lines.
	Detail string
	// Hint, when set, is a suggested fix such as `did you mean "anthropic"?`.
	Hint    string
	Subject Range
}

// Errorf builds an error diagnostic at the given place.
func Errorf(r Range, format string, args ...any) *Diagnostic {
	return &Diagnostic{Severity: Error, Summary: fmt.Sprintf(format, args...), Subject: r}
}

// WithHint sets the hint of d and returns d.
func (d *Diagnostic) WithHint(format string, args ...any) *Diagnostic {
	d.Hint = fmt.Sprintf(format, args...)
	return d
}

// WithDetail sets the detail of d and returns d.
func (d *Diagnostic) WithDetail(detail string) *Diagnostic {
	d.Detail = detail
	return d
}

// Location renders the place as file:line:col (or file alone).
func (r Range) Location() string {
	switch {
	case r.Start.Line == 0:
		return r.File
	case r.Start.Column == 0:
		return fmt.Sprintf("%s:%d", r.File, r.Start.Line)
	}
	return fmt.Sprintf("%s:%d:%d", r.File, r.Start.Line, r.Start.Column)
}

func (d *Diagnostic) Error() string {
	prefix := ""
	if d.Severity == Warning {
		prefix = "warning: "
	}
	s := d.Subject.Location() + ": " + prefix + d.Summary
	if d.Hint != "" {
		s += " (" + d.Hint + ")"
	}
	return s
}

// Diagnostics is a list of problems; it is an error when it holds at least one
// error-severity diagnostic.
type Diagnostics []*Diagnostic

// Append adds diagnostics and returns the grown list.
func (ds Diagnostics) Append(more ...*Diagnostic) Diagnostics {
	return append(ds, more...)
}

// HasErrors reports whether any diagnostic is an error.
func (ds Diagnostics) HasErrors() bool {
	for _, d := range ds {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Err returns ds as an error when it holds errors, and nil otherwise.
func (ds Diagnostics) Err() error {
	if ds.HasErrors() {
		return ds
	}
	return nil
}

func (ds Diagnostics) Error() string {
	lines := make([]string, 0, len(ds))
	for _, d := range ds {
		lines = append(lines, d.Error())
	}
	return strings.Join(lines, "\n")
}

// Sort orders diagnostics by file, line and column, and drops exact repeats.
func (ds Diagnostics) Sort() Diagnostics {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i].Subject, ds[j].Subject
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Start.Line != b.Start.Line {
			return a.Start.Line < b.Start.Line
		}
		if a.Start.Column != b.Start.Column {
			return a.Start.Column < b.Start.Column
		}
		// The rest of the order only brings repeats next to each other, so that
		// they are dropped below even when another message at the same place
		// came between them.
		if ds[i].Summary != ds[j].Summary {
			return ds[i].Summary < ds[j].Summary
		}
		if ds[i].Severity != ds[j].Severity {
			return ds[i].Severity < ds[j].Severity
		}
		return ds[i].Hint < ds[j].Hint
	})
	out := ds[:0]
	for i, d := range ds {
		if i > 0 && d.Error() == ds[i-1].Error() {
			continue
		}
		out = append(out, d)
	}
	return out
}

// Relative rewrites absolute file names relative to dir, so messages read as typed
// by the user. A file outside dir keeps its absolute name unless the relative one
// (`../other/graph.yaml`) is shorter; names that are already relative stay as they
// are, and so does every name when dir is not absolute.
func (ds Diagnostics) Relative(dir string) {
	for _, d := range ds {
		d.Subject.File = relative(dir, d.Subject.File)
	}
}

func relative(dir, file string) string {
	if !filepath.IsAbs(file) {
		return file
	}
	rel, err := filepath.Rel(dir, file)
	if err != nil {
		return file
	}
	outside := rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator))
	if outside && len(rel) >= len(file) {
		return file
	}
	return rel
}
