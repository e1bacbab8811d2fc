// Package extract runs extraction rules over a transcript: it finds every mention of
// a known entity with the gazetteer, resolves pronouns to the current speaker, splits
// the text into sentences and headings, and matches each rule's pattern to yield
// mentions, claims and argument relations, each with its rule, confidence and
// evidence span, as a [finding.Result]. Package scoring scores what it finds against
// a graph taken as gold.
package extract
