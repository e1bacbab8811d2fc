// Package vocab is what graph's quads mean, defined once: every predicate
// (<name>, <quote_start>, <same_as>, ...), the node kinds that are not entity kinds
// (<claim>, <source>, <relation>, <catalog>, <link>), the core argument kinds, the
// values of <origin>, the labels quads are written under, and the IRIs of sources,
// catalogs, claims, relations and link nodes with their inverses ([SourceIRI] and
// [SourceID], ...).
//
// Writers build quads from these names; package rdf writes interview graphs,
// package link the links between entities, and every writer of an argument
// relation uses [RelationQuads], which is its shape: a node with its kind, ends
// and source, and the shortcut quad from --kind--> to. [Decode] is the one reader:
// it turns quads back into sources, catalogs, entities, claims, relations, link
// nodes and the statements between them, for the exporters and the linker.
// [Sorted] and [NQuads] give quads the deterministic order and text that builds
// and golden files compare.
//
// The package depends only on the quad and uuid libraries, so that whatever reads
// or writes quads does not pull in loading or extraction.
package vocab
