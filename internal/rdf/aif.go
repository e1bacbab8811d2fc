package rdf

import "github.com/cayleygraph/quad"

// Predicates that only sources imported from AIF carry (see package aif). They keep
// what an interview graph has no field for, so an imported claim can be traced back
// to the corpus it came from.
const (
	// AIFID links a claim to the id of its I-node, and a relation to the id of the
	// RA, CA or MA node it came from.
	AIFID = quad.IRI("aif_id")
	// UtteredAt is the start time of a claim's locution, as the AIF file writes it.
	UtteredAt = quad.IRI("uttered_at")
)
