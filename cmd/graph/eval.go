package main

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/graphbuilder/graph/internal/extract"
	"github.com/graphbuilder/graph/internal/pipeline"
)

type evalOptions struct {
	Paths         []string
	Rules         []string
	Lang          string
	JSON          bool
	MinConfidence float64
}

func (a *app) newEvalCmd() *cobra.Command {
	opts := &evalOptions{}
	cmd := &cobra.Command{
		Use:   "eval PATH...",
		Short: "Score extraction against the curated graphs as gold",
		Long: `eval runs the extraction rules over each graph's transcript, with the graph's
entities and speakers but none of its claims or relations, and scores what they find
against the curated claims and relations: precision and recall per relation kind, for
claims, and the share of the graph's entities whose names are found.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			return a.runEval(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&opts.Rules, "rules", nil, "extra rule pack file (repeatable)")
	f.StringVar(&opts.Lang, "lang", "", "use only the builtin pack of this language, ignoring the graph's own packs")
	jsonFlag(cmd, &opts.JSON)
	f.Float64Var(&opts.MinConfidence, "min-confidence", 0, "drop findings whose rule confidence is below this")
	return cmd
}

func (a *app) runEval(_ context.Context, opts *evalOptions) error {
	stdout := a.stdout
	loaded, err := pipeline.Load(opts.Paths)
	a.report(loaded.Diagnostics, "nothing was written")
	if err != nil {
		return err
	}
	evs, ds, err := pipeline.Evaluate(loaded.Graphs, pipeline.RuleOptions{Lang: opts.Lang, Extra: opts.Rules, MinConfidence: opts.MinConfidence})
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
		tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "\tgold\tfound\tmatched\tprecision\trecall\t")
		row := func(s extract.Score) {
			fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%.2f\t%.2f\t\n", s.Kind, s.Gold, s.Found, s.Matched, s.Precision, s.Recall)
		}
		row(ev.Claims)
		for _, s := range ev.Relations {
			row(s)
		}
		tw.Flush()
	}
	return nil
}
