// Package semantics decides which arguments of an abstract argumentation
// framework are acceptable, and how the claims and relations of interview graphs
// become such a framework.
//
// A [Framework] is a set of arguments numbered from 0 and an attack relation
// between them. [Grounded] computes the grounded labelling in time linear in the
// size of the framework; complete, preferred and stable extensions are found by a
// SAT solver (go-air/gini) on the labelling encoding of complete semantics, with
// preferred extensions reached by iterated maximisation rather than by listing
// subsets. [Solve] runs the tasks of the ICCMA competitions (DC, DS, SE and EE
// under CO, GR, PR and ST) and [Read] parses their input formats: the `p af N`
// format of ICCMA 2023 and the older apx and tgf, with every error placed at its
// file, line and column.
//
// [Map] is the bipolar reading of an argument graph: claims are arguments, rebuttals
// and criticisms between claims are attacks, a support is an inference that is an
// argument of its own, and an undercut attacks that inference (or an attack made an
// argument). docs/semantics.md explains the choice with worked examples.
package semantics
