package vocab

import "github.com/cayleygraph/quad"

// Acceptability results. graph evaluate writes, under one label per semantics
// ([EvaluationLabel]), the status of every claim and every support (an inference
// that can be defeated) of the whole store: <grounded> "in" | "out" | "undecided",
// and <preferred> or <stable> "skeptical" | "credulous" | "rejected". Under the
// grounded label, each claim or support labelled out also points to the arguments
// that defeat it (<defeated_by>, a claim, or a relation when an undercut made an
// attack an argument of its own). Each label also holds its own node,
// <evaluation/SEMANTICS>, with the size of the framework and, for preferred and
// stable, how many extensions it has; it has no <type>, so argument maps leave it
// out.
const (
	Grounded   = quad.IRI("grounded")
	Preferred  = quad.IRI("preferred")
	Stable     = quad.IRI("stable")
	DefeatedBy = quad.IRI("defeated_by")
	// Semantics, Arguments, Attacks and Extensions describe an evaluation node.
	Semantics  = quad.IRI("semantics")
	Arguments  = quad.IRI("arguments")
	Attacks    = quad.IRI("attacks")
	Extensions = quad.IRI("extensions")
)

// Values of the status predicates.
const (
	StatusIn        = "in"
	StatusOut       = "out"
	StatusUndecided = "undecided"
	StatusSkeptical = "skeptical"
	StatusCredulous = "credulous"
	StatusRejected  = "rejected"
)

// EvaluationPrefix starts the IRIs (and labels) of acceptability results.
const EvaluationPrefix = "evaluation/"

// EvaluationLabel is the label of the results of one semantics (grounded,
// preferred, stable), and the IRI of the node that describes them.
func EvaluationLabel(semantics string) quad.IRI { return quad.IRI(EvaluationPrefix + semantics) }

// EvaluatedSemantics are the semantics whose results are written to the store, in
// the order they are written.
var EvaluatedSemantics = []string{"grounded", "preferred", "stable"}
