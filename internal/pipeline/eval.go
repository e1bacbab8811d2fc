package pipeline

import (
	"context"
	"runtime"
	"sync"

	"github.com/graphbuilder/graph/internal/aif"
	"github.com/graphbuilder/graph/internal/diag"
	"github.com/graphbuilder/graph/internal/extract/scoring"
	"github.com/graphbuilder/graph/internal/interview"
)

// Evaluate runs the rules over each graph's transcript, with its entities and
// speakers but none of its claims or relations, and scores what they find against
// the curated claims and relations.
func Evaluate(graphs []*interview.Graph, opts RuleOptions) ([]scoring.Evaluation, diag.Diagnostics, error) {
	var ds diag.Diagnostics
	evs := make([]scoring.Evaluation, 0, len(graphs))
	for _, g := range graphs {
		res, more, err := Extract(g, g.Transcript, opts)
		ds = append(ds, more...)
		if err != nil {
			return nil, ds, err
		}
		evs = append(evs, scoring.Evaluate(g, res))
	}
	return evs, ds, nil
}

// AIFLanguage is the builtin pack [EvaluateAIF] runs when its options name no
// pack (neither RuleOptions.Lang nor RuleOptions.Extra): nodesets do not say their
// language, and QT30's is English.
const AIFLanguage = "en"

// AIFEvalOptions say which AIF files [EvaluateAIF] scores, and with which rules.
type AIFEvalOptions struct {
	RuleOptions
	// Sample, when above 1, keeps every Sample-th file of the sorted list, starting
	// with the first.
	Sample int
}

// AIFEvaluation is the score of the rules against AIF nodesets taken as gold.
type AIFEvaluation struct {
	// Listed counts the files the paths hold, before sampling; Files those
	// scored; Skipped those that could not be read.
	Listed  int `json:"listed"`
	Files   int `json:"files"`
	Skipped int `json:"skipped"`
	// Sample is the sampling step; 0 when every file was taken.
	Sample int `json:"sample"`
	// Total sums the counts of every file and computes the ratios from the sums.
	Total scoring.ArgumentEvaluation `json:"total"`
	// MeanFocusedF1 and MeanGeneralF1 average the files' own focused and general F1
	// instead, each file weighing the same, for scorers that average per nodeset.
	MeanFocusedF1 float64                      `json:"mean_focused_f1"`
	MeanGeneralF1 float64                      `json:"mean_general_f1"`
	PerFile       []scoring.ArgumentEvaluation `json:"per_file"`
}

// SampleFiles returns every step-th of files, starting with the first; all of
// them when step is below 2.
func SampleFiles(files []string, step int) []string {
	if step < 2 {
		return files
	}
	var out []string
	for i := 0; i < len(files); i += step {
		out = append(out, files[i])
	}
	return out
}

// EvaluateAIF converts the AIF files under paths (see [aif.Find]) into graphs and
// runs the rules over each one's transcript (its utterances, "Name: words" a
// line), with its speakers as entities but none of its claims or relations, and
// scores what they find against the nodeset's propositions and their relations
// ([scoring.EvaluateArguments]). A file that cannot be read is skipped; its
// errors are among the diagnostics returned (the nodesets' warnings are left out).
func EvaluateAIF(ctx context.Context, paths []string, opts AIFEvalOptions) (*AIFEvaluation, diag.Diagnostics, error) {
	all, err := aif.Find(paths)
	if err != nil {
		return nil, nil, Inputf("%v", err)
	}
	if opts.Sample < 2 {
		opts.Sample = 0
	}
	files := SampleFiles(all, opts.Sample)
	// Nodesets do not say their language: English unless the options name packs.
	lang := ""
	if opts.Lang == "" && len(opts.Extra) == 0 {
		lang = AIFLanguage
	}
	type job struct {
		ev  *scoring.ArgumentEvaluation
		ds  diag.Diagnostics
		err error
	}
	results := make([]job, len(files))
	idx := make(chan int)
	var wg sync.WaitGroup
	for range max(1, runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range idx {
				if ctx.Err() == nil {
					ev, ds, err := evaluateAIFFile(files[i], lang, opts.RuleOptions)
					results[i] = job{ev, ds, err}
				}
			}
		}()
	}
	for i := range files {
		idx <- i
	}
	close(idx)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	out := &AIFEvaluation{Listed: len(all), Sample: opts.Sample, PerFile: []scoring.ArgumentEvaluation{}}
	var ds diag.Diagnostics
	for _, r := range results {
		ds = append(ds, r.ds...)
		if r.err != nil {
			return nil, ds.Sort(), r.err
		}
		if r.ev == nil {
			out.Skipped++
			continue
		}
		out.PerFile = append(out.PerFile, *r.ev)
	}
	out.Files = len(out.PerFile)
	out.Total = scoring.SumArguments(out.PerFile)
	for _, f := range out.PerFile {
		out.MeanFocusedF1 += f.Pairs.FocusedF1 / float64(len(out.PerFile))
		out.MeanGeneralF1 += f.Pairs.GeneralF1 / float64(len(out.PerFile))
	}
	// The rule packs' warnings come once per file: Sort drops the repeats.
	return out, ds.Sort(), nil
}

// evaluateAIFFile scores the rules against one AIF file. Its evaluation is nil
// when the file has errors, which are returned with the rule packs' diagnostics;
// the nodeset's warnings are dropped.
func evaluateAIFFile(file, lang string, opts RuleOptions) (*scoring.ArgumentEvaluation, diag.Diagnostics, error) {
	res, ds := aif.ReadFile(file, aif.Options{
		SourceID: aif.SourceID(file, aif.DefaultPrefix),
		Title:    aif.Title(file),
		Language: lang,
	})
	var kept diag.Diagnostics
	for _, d := range ds {
		if d.Severity == diag.Error {
			kept = append(kept, d)
		}
	}
	if res == nil {
		return nil, kept, nil
	}
	gold := res.Graph
	// The rules see the speakers, not the argument map.
	bare := *gold
	bare.Claims, bare.Relations = nil, nil
	found, more, err := Extract(&bare, gold.Transcript, opts)
	kept = append(kept, more...)
	if err != nil {
		return nil, kept, err
	}
	// Claims nobody is anchored to have no speaker to check.
	scored := *gold
	scored.Claims = append(scored.Claims[:0:0], gold.Claims...)
	for i := range scored.Claims {
		if scored.Claims[i].Speaker == aif.UnknownSpeaker {
			scored.Claims[i].Speaker = ""
		}
	}
	ev := scoring.EvaluateArguments(&scored, found)
	ev.File = file
	return &ev, kept, nil
}
