package pipeline

import (
	"github.com/graphbuilder/graph/internal/diag"
	"github.com/graphbuilder/graph/internal/extract"
	"github.com/graphbuilder/graph/internal/interview"
)

// Evaluate runs the rules over each graph's transcript, with its entities and
// speakers but none of its claims or relations, and scores what they find against
// the curated claims and relations.
func Evaluate(graphs []*interview.Graph, opts RuleOptions) ([]extract.Evaluation, diag.Diagnostics, error) {
	var ds diag.Diagnostics
	evs := make([]extract.Evaluation, 0, len(graphs))
	for _, g := range graphs {
		res, more, err := Extract(g, g.Transcript, opts)
		ds = append(ds, more...)
		if err != nil {
			return nil, ds, err
		}
		evs = append(evs, extract.Evaluate(g, res))
	}
	return evs, ds, nil
}
