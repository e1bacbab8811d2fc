package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/graphbuilder/graph/internal/extract/scoring"
	"github.com/graphbuilder/graph/internal/pipeline"
)

type evalOptions struct {
	Paths         []string
	Rules         []string
	Lang          string
	JSON          bool
	MinConfidence float64
	// AIF takes the paths as AIF files and folders (docs/eval.md); a path ending
	// in .json implies it.
	AIF bool
	// Sample keeps every Sample-th AIF file, by sorted path.
	Sample int
}

func (a *app) newEvalCmd() *cobra.Command {
	opts := &evalOptions{}
	cmd := &cobra.Command{
		Use:   "eval PATH...",
		Short: "Score extraction against the curated graphs, or AIF argument maps, as gold",
		Long: `eval runs the extraction rules over each graph's transcript, with the graph's
entities and speakers but none of its claims or relations, and scores what they find
against the curated claims and relations: precision and recall per relation kind, for
claims, and the share of the graph's entities whose names are found.

With --aif, the paths are AIF files or folders of them (QT30, AIFdb): each nodeset
becomes a graph whose transcript is its utterances, and the rules are scored against
its propositions and their relations, summed over the files, with the focused F1 of
DialAM-2024 (docs/eval.md). Nodesets do not say their language: the rules are the
builtin pack of --lang and the --rules files, or with neither the builtin English
pack.`,
		Example: `  graph eval examples/amodei-2025
  graph eval --aif ../shared/corpus/aif/qt30-train --sample 7`,
		Args: func(cmd *cobra.Command, args []string) error {
			if err := cobra.MinimumNArgs(1)(cmd, args); err != nil {
				return err
			}
			opts.Paths = args
			return opts.check()
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runEval(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&opts.Rules, "rules", nil, "extra rule pack file (repeatable)")
	f.StringVar(&opts.Lang, "lang", "", "use only the builtin pack of this language, ignoring the graph's own packs")
	jsonFlag(cmd, &opts.JSON)
	f.Float64Var(&opts.MinConfidence, "min-confidence", 0, "drop findings whose rule confidence is below this")
	f.BoolVar(&opts.AIF, "aif", false, "take the paths as AIF files and folders of them, scored as gold (implied by a .json path)")
	f.IntVar(&opts.Sample, "sample", 0, "with --aif: score every Nth file by sorted path, starting with the first (0: all)")
	return cmd
}

// check settles the options from the paths and flags: a .json path means AIF
// files; --sample needs them.
func (o *evalOptions) check() error {
	for _, p := range o.Paths {
		if strings.EqualFold(filepath.Ext(p), ".json") {
			o.AIF = true
		}
	}
	switch {
	case o.Sample < 0:
		return inputError("--sample must not be negative")
	case o.Sample != 0 && !o.AIF:
		return inputError("--sample is for AIF files: give --aif")
	}
	return nil
}

func (a *app) runEval(ctx context.Context, opts *evalOptions) error {
	ruleOpts := pipeline.RuleOptions{Lang: opts.Lang, Extra: opts.Rules, MinConfidence: opts.MinConfidence}
	if opts.AIF {
		return a.runEvalAIF(ctx, opts, ruleOpts)
	}
	stdout := a.stdout
	cfg, err := a.cfg.Load()
	if err != nil {
		return err
	}
	loaded, err := pipeline.Load(opts.Paths, cfg.AllowPaths...)
	a.report(loaded.Diagnostics, "nothing was written")
	if err != nil {
		return err
	}
	evs, ds, err := pipeline.Evaluate(loaded.Graphs, ruleOpts)
	a.report(ds, "")
	if err != nil {
		return err
	}
	if opts.JSON {
		return writeJSON(stdout, evs)
	}
	for i, ev := range evs {
		if i > 0 {
			fmt.Fprintln(stdout)
		}
		fmt.Fprintf(stdout, "%s: entities found %.2f (%d of %d)\n", ev.Source, ev.MentionRecall, ev.Entities-len(ev.MissedNames), ev.Entities)
		if len(ev.MissedNames) > 0 {
			fmt.Fprintf(stdout, "  not found: %s\n", strings.Join(ev.MissedNames, ", "))
		}
		writeScores(stdout, ev.Claims, ev.Relations, 2)
	}
	if len(evs) > 1 {
		sum := scoring.SumEvaluations(evs)
		fmt.Fprintf(stdout, "\nall %d graphs, counts summed: entities found %.2f (%d of %d)\n", len(evs), sum.MentionRecall, sum.Entities-len(sum.MissedNames), sum.Entities)
		writeScores(stdout, sum.Claims, sum.Relations, 2)
	}
	return nil
}

// writeScores prints a table of scores: claims, then relation kinds, each with
// its ratios to the given number of decimals.
func writeScores(w io.Writer, claims scoring.KindScore, relations []scoring.KindScore, decimals int) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "\tgold\tfound\tmatched\trecalled\tprecision\trecall\tf1\t")
	for _, s := range append([]scoring.KindScore{claims}, relations...) {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%.*f\t%.*f\t%.*f\t\n", s.Kind, s.Gold, s.Found, s.Matched, s.Recalled,
			decimals, s.Precision, decimals, s.Recall, decimals, s.F1)
	}
	tw.Flush()
}

func (a *app) runEvalAIF(ctx context.Context, opts *evalOptions, ruleOpts pipeline.RuleOptions) error {
	ev, ds, err := pipeline.EvaluateAIF(ctx, opts.Paths, pipeline.AIFEvalOptions{RuleOptions: ruleOpts, Sample: opts.Sample})
	a.report(ds, "")
	if err != nil {
		return err
	}
	if opts.JSON {
		return writeJSON(a.stdout, ev)
	}
	writeAIFEval(a.stdout, ev)
	return nil
}

// writeAIFEval prints the totals of an AIF evaluation.
func writeAIFEval(w io.Writer, ev *pipeline.AIFEvaluation) {
	fmt.Fprintf(w, "AIF gold: %d file(s) scored", ev.Files)
	if ev.Sample > 1 {
		fmt.Fprintf(w, " (1 in %d of %d, by sorted path)", ev.Sample, ev.Listed)
	}
	if ev.Skipped > 0 {
		fmt.Fprintf(w, ", %d skipped", ev.Skipped)
	}
	fmt.Fprintln(w, "; counts summed over the files")
	t := ev.Total
	writeScores(w, t.Claims, t.Relations, 3)
	p := t.Pairs
	fmt.Fprintf(w, "\nPairs of propositions (DialAM-2024): %d propositions, %d ordered pairs; %d extracted relation(s) on no pair\n", p.Propositions, p.Pairs, p.Unplaced)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "\tgold\tpredicted\tcorrect\tprecision\trecall\tf1\t")
	for _, c := range p.Classes {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%.3f\t%.3f\t%.3f\t\n", c.Class, c.Gold, c.Predicted, c.Correct, c.Precision, c.Recall, c.F1)
	}
	fmt.Fprintf(tw, "focused (macro, no none)\t\t\t\t%.3f\t%.3f\t%.3f\t\n", p.FocusedPrecision, p.FocusedRecall, p.FocusedF1)
	fmt.Fprintf(tw, "general (macro, with none)\t\t\t\t%.3f\t%.3f\t%.3f\t\n", p.GeneralPrecision, p.GeneralRecall, p.GeneralF1)
	tw.Flush()
	if ev.Files > 1 {
		fmt.Fprintf(w, "Mean of the files' own F1: focused %.3f, general %.3f\n", ev.MeanFocusedF1, ev.MeanGeneralF1)
	}
}
