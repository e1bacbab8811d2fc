package pipeline

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/graphbuilder/graph/internal/diag"
	"github.com/graphbuilder/graph/internal/extract/finding"
	"github.com/graphbuilder/graph/internal/interview"
	"github.com/graphbuilder/graph/internal/review"
	"github.com/graphbuilder/graph/schema"
)

// ReviewOptions control [Review].
type ReviewOptions struct {
	// Decisions is the decisions file; "" means findings.yaml beside the graph.
	Decisions string
	// Decide, when set, records a decision on one finding, by the id printed.
	Decide *FindingDecision
}

// FindingDecision is what a curator said of a finding: keep it (Accept) or never
// propose it again.
type FindingDecision struct {
	ID     string `json:"id"`
	Accept bool   `json:"accept"`
}

// Reviewed is the review of a graph's findings, and the decision recorded, if any.
type Reviewed struct {
	Review *review.Review
	// Decisions is the decisions file.
	Decisions string
	// Decided is set when the run recorded a decision; Changed says whether it
	// was new.
	Decided *FindingDecision
	Changed bool
}

// DecisionsFile is the decisions file of the findings of g: findings.yaml beside its
// graph.yaml.
func DecisionsFile(g *interview.Graph) string {
	return filepath.Join(filepath.Dir(g.File), review.DefaultFile)
}

// Review turns res, the findings of the rules on g's transcript, into proposals for
// g, with the decisions kept beside it; with opts.Decide it records a decision
// first. An id that no finding has is an input error with a "did you mean".
func Review(g *interview.Graph, res *finding.Result, opts ReviewOptions) (*Reviewed, diag.Diagnostics, error) {
	file := opts.Decisions
	if file == "" {
		file = DecisionsFile(g)
	}
	out := &Reviewed{Decisions: file}
	dec, ds := review.Load(file)
	if err := ds.Err(); err != nil {
		return nil, ds, err
	}
	r, more := review.New(g, res, dec)
	if opts.Decide == nil {
		out.Review = r
		return out, append(ds, more...).Sort(), nil
	}
	id := opts.Decide.ID
	key, ok := r.Key(id)
	if !ok {
		msg := fmt.Sprintf("no finding %q among the findings of %s", id, g.File)
		if sug := diag.Suggest(id, r.IDs()); sug != "" {
			msg += fmt.Sprintf("\nhint: did you mean %q?", sug)
		}
		return nil, ds, Inputf("%s", msg)
	}
	changed, err := review.Decide(file, id, key, opts.Decide.Accept)
	if err != nil {
		return nil, ds, err
	}
	out.Decided, out.Changed = opts.Decide, changed
	dec, ds = review.Load(file)
	if err := ds.Err(); err != nil {
		return nil, ds, err
	}
	out.Review, more = review.New(g, res, dec)
	return out, append(ds, more...).Sort(), nil
}

// WithoutRejected returns res without the findings rejected in the decisions file
// beside g (and the relations that name a rejected claim), so that what a curator
// rejected is not written by a build either. A graph with no decisions file gets
// res back. It is meant to be called on each graph's findings right after
// [Extract] in [Build].
func WithoutRejected(g *interview.Graph, res *finding.Result) (*finding.Result, diag.Diagnostics, error) {
	dec, ds := review.Load(DecisionsFile(g))
	if err := ds.Err(); err != nil {
		return nil, ds, err
	}
	if len(dec.List) == 0 {
		return res, ds, nil
	}
	r, _ := review.New(g, res, dec)
	rejected := r.Rejected()
	out := &finding.Result{Mentions: res.Mentions, Names: res.Names}
	for _, c := range res.Claims {
		if !rejected[c.ID] {
			out.Claims = append(out.Claims, c)
		}
	}
	for _, rel := range res.Relations {
		if !rejected[review.RelationKey(rel)] {
			out.Relations = append(out.Relations, rel)
		}
	}
	return out.Normalize(), ds, nil
}

// Written is what [WriteAccepted] appended to a graph file.
type Written struct {
	File      string `json:"file"`
	Claims    int    `json:"claims"`
	Relations int    `json:"relations"`
}

// WriteAccepted appends the accepted findings of r to the graph file of g, keeping
// the rest of the file, comments included, as it is. The new file is checked as a
// graph first: when it has errors (the graph changed since the review) they are
// returned and the file is left as it was.
func WriteAccepted(g *interview.Graph, r *review.Review) (*Written, diag.Diagnostics, error) {
	w := &Written{File: g.File}
	data, err := os.ReadFile(g.File)
	if err != nil {
		return nil, nil, err
	}
	out, claims, rels, err := r.AppendAccepted(data)
	if errors.Is(err, review.ErrFlowList) {
		return nil, nil, Inputf("%s: %v; write it as a block list (one \"- \" item a line) to append to it", g.File, err)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", g.File, err)
	}
	if claims+rels == 0 {
		return w, nil, nil
	}
	w.Claims, w.Relations = claims, rels
	// The new text is checked where it will be, so that the transcript and the
	// included catalogs are found as from the graph file.
	tmp := filepath.Join(filepath.Dir(g.File), "."+filepath.Base(g.File)+".new")
	if err := os.WriteFile(tmp, out, 0o644); err != nil {
		return nil, nil, err
	}
	defer os.Remove(tmp)
	_, ds := interview.NewLoader(schema.Core()).Load(tmp)
	for _, d := range ds {
		if d.Subject.File == tmp {
			d.Subject.File = g.File
		}
	}
	ds = ds.Sort()
	if err := ds.Err(); err != nil {
		return nil, ds, err
	}
	if err := os.Rename(tmp, g.File); err != nil {
		return nil, ds, err
	}
	return w, ds, nil
}
