// Package rdf maps loaded interview graphs to quads: the IRIs of sources, entities,
// claims and relations, the vocabulary of predicates, and the deterministic,
// sorted quad sets that the store writes under each source's label.
package rdf
