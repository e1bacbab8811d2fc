// Package scaffold starts an interview graph: a folder with a commented graph.yaml
// that validates as it is, and the transcript it points to. From a transcript it
// proposes what a person would otherwise type first: the source's language, the
// transcript's format, one speaker entity per speaker label, and candidate
// entities for the new names the extraction rules find in the text.
//
// Errors callers branch on: [ErrInput] wraps every error caused by what the user
// gave (an existing graph.yaml, a transcript that is not a readable text file, a
// bad option); a [diag.Diagnostics] error carries the problems of a transcript
// that cannot be read, positioned.
package scaffold
