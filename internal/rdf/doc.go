// Package rdf is the one writer of the graph's quads: it maps loaded interview
// graphs to the deterministic, sorted quad sets that the store writes under each
// source's and each catalog's label ([Sets], [SourceSet], [CatalogSet]), and adds
// what extraction found ([WithExtracted], from a [finding.Result]).
//
// What the quads mean (predicates, node kinds, labels, IRIs, the shape of an
// argument relation) is defined in package vocab, which also reads quads back
// ([vocab.Decode]); this package only decides which quads a graph becomes.
package rdf
