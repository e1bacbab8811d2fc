// Package diag holds the diagnostics that loaders report about hand-written input:
// a severity, a summary, an optional detail and suggestion, and the place in a file
// it concerns. A [Diagnostics] slice is an error, so a loader can return every
// problem of a file at once.
package diag
