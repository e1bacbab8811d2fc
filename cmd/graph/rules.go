package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/graphbuilder/graph/internal/pipeline"
	"github.com/spf13/cobra"
)

type rulesTestOptions struct {
	Packs []string
	List  bool
	JSON  bool
}

func (a *app) newRulesCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "Work with extraction rule packs",
	}
	groupCommand(cmd, "")
	opts := &rulesTestOptions{}
	test := &cobra.Command{
		Use:   "test [PACK...]",
		Short: "Run every rule's examples and report failures with the rule's file:line",
		Long: `rules test runs the examples of every rule in the given packs (files, or
builtin:zh and builtin:en; all builtin packs when none is given) and reports each
example whose findings differ, at its file:line:col. Exit status 2 on any failure.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Packs = args
			return a.runRulesTest(cmd.Context(), opts)
		},
	}
	test.Flags().BoolVar(&opts.List, "list", false, "also list the packs' cue words and every rule with its links")
	jsonFlag(test, &opts.JSON)
	cmd.AddCommand(test)
	return cmd
}

func (a *app) runRulesTest(_ context.Context, opts *rulesTestOptions) error {
	packs, ds, err := pipeline.TestRules(opts.Packs)
	a.report(ds, "")
	if opts.JSON {
		if werr := writeJSON(a.stdout, packs); werr != nil {
			return werr
		}
		return err
	}
	for _, p := range packs {
		fmt.Fprintf(a.stdout, "%s (%s): %d rules, %d examples, %d failed\n", p.Name, p.Ref, p.Rules, p.Examples, p.Failed)
		if opts.List {
			for _, w := range p.Words {
				fmt.Fprintf(a.stdout, "  %s: %s\n", w.Key, strings.Join(w.Words, ", "))
			}
			for _, r := range p.RuleList {
				fmt.Fprintf(a.stdout, "  %s\n", r)
			}
		}
	}
	return err
}
