// Package finding holds what extraction finds in a transcript: mentions of known
// entities, claims, argument relations and names no entity has, each with its rule,
// confidence and evidence span ([Result]).
//
// It is the contract between the producer, package extract (rules, gazetteer,
// segmentation), and the consumers: package rdf writes findings as quads, and
// reports print them. It depends on nothing but package vocab, so writing or
// printing findings does not pull in the extraction machinery.
package finding
