// Package diag holds the diagnostics that loaders report about hand-written input:
// a severity, a summary, an optional detail and suggestion, and the place in a file
// it concerns. A [Diagnostics] slice is an error, so a loader can return every
// problem of a file at once.
//
// Commands print diagnostics with [Report], which sorts them, drops repeats, makes
// file names relative to the working directory and shows each with a snippet of
// its source line (cut to a window around the column on long lines), and close
// with [Counts.String]. For --json output a [Diagnostic] encodes in the shape that
// docs/json/diagnostic.schema.json describes, and a [Diagnostics] list as `[]`
// when empty.
package diag
