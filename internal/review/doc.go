// Package review turns what the extraction rules found in an interview into
// proposals a curator can paste into its graph.yaml ([Review], [Review.WriteYAML]),
// and keeps the curator's answers, accept or reject, in a decisions file beside the
// graph ([Decisions], [Decide]).
//
// Every proposal has a readable id made from its text, the same every run, and a
// finding key that does not depend on the other findings (the claim's
// extract.ClaimID, or a hash of a relation's kind and ends): decisions are matched
// by key, so a decision stays with its finding when rules change what else is found,
// and an accepted finding keeps the id it was accepted under.
package review
