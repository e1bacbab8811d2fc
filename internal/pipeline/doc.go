// Package pipeline is the pipeline behind every command of graph: it finds, loads and
// checks interview graphs, runs the extraction rules, makes the quad sets and
// writes them into a store, imports argument corpora, links entities across
// interviews, and scores the rules. Each step returns a summary value; nothing here
// prints, parses flags or exits, so the command line and the tests run the same
// code.
//
// Errors callers branch on: [ErrInput] wraps every error caused by what the user
// gave (a path, an option); a [diag.Diagnostics] error carries the problems found
// in the input files, positioned, and is returned only when one of them is an
// error.
package pipeline
