// Package link resolves entities across interview graphs that were written
// independently and so may name one person, company or idea with different ids:
// by external id (wikidata), by names and aliases compared after folding and across
// scripts, and never across incompatible kinds (a person is never a company).
//
// [Read] takes the entities out of a store's quads (through [vocab.Decode]),
// [Resolve] scores every pair that could be one thing and applies the [Decisions] a
// person made, and [Quads] writes the result under its own label,
// [vocab.LinkLabel]: a node per pair with its score and reason, and <same_as> edges
// between the entities found to be one. The predicates, the label and the IRIs of
// link nodes are defined in package vocab.
package link
