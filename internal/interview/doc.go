// Package interview loads an interview graph: a graph.yaml with a source's metadata,
// its entities (inline or from included catalogs), claims and relations, and the
// transcript its quotes point into. Loading checks everything a person can get wrong
// by hand and reports it as diagnostics with file, line and column.
package interview
