package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/graphbuilder/graph/internal/extract"
	"github.com/graphbuilder/graph/schema"
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
			return runEval(cmd.Context(), opts, a.stdout, a.stderr)
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&opts.Rules, "rules", nil, "extra rule pack file (repeatable)")
	f.StringVar(&opts.Lang, "lang", "", "use only the builtin pack of this language, ignoring the graph's own packs")
	f.BoolVar(&opts.JSON, "json", false, "print the scores as JSON")
	f.Float64Var(&opts.MinConfidence, "min-confidence", 0, "drop findings whose rule confidence is below this")
	return cmd
}

func runEval(_ context.Context, opts *evalOptions, stdout, stderr io.Writer) error {
	graphs, err := loadGraphs(opts.Paths, stderr)
	if err != nil {
		return err
	}
	var evs []extract.Evaluation
	for _, g := range graphs {
		packs, err := loadPacks(g, opts.Lang, opts.Rules, stderr)
		if err != nil {
			return err
		}
		x, err := extract.New(g.AllEntities(), packs, schema.Core())
		if err != nil {
			return err
		}
		res := x.Run(g.Transcript, extract.Options{Speakers: g.Source.Speakers, MinConfidence: opts.MinConfidence})
		evs = append(evs, extract.Evaluate(g, res))
	}
	if opts.JSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(evs)
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
