package main

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/graphbuilder/graph/internal/diag"
	"github.com/graphbuilder/graph/internal/extract"
	"github.com/graphbuilder/graph/internal/extract/rules"
	"github.com/graphbuilder/graph/schema"
)

type rulesTestOptions struct {
	Packs []string
	List  bool
}

func (a *app) newRulesCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "Work with extraction rule packs",
	}
	opts := &rulesTestOptions{}
	test := &cobra.Command{
		Use:   "test [PACK...]",
		Short: "Run every rule's examples and report failures with the rule's file:line",
		Long: `rules test runs the examples of every rule in the given packs (files, or
builtin:zh and builtin:en; all builtin packs when none is given) and reports each
example whose findings differ, at its file:line:col. Exit status 2 on any failure.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Packs = args
			return runRulesTest(cmd.Context(), opts, a.stdout, a.stderr)
		},
	}
	test.Flags().BoolVar(&opts.List, "list", false, "also list every rule")
	cmd.AddCommand(test)
	return cmd
}

func runRulesTest(_ context.Context, opts *rulesTestOptions, stdout, stderr io.Writer) error {
	refs := opts.Packs
	if len(refs) == 0 {
		for _, b := range rules.Builtins() {
			refs = append(refs, rules.BuiltinPrefix+b)
		}
	}
	s := schema.Core()
	var all diag.Diagnostics
	for _, ref := range refs {
		p, ds := rules.Load(ref, s)
		if ds.HasErrors() {
			all = append(all, ds...)
			continue
		}
		n, more := extract.CheckExamples(p, s)
		all = append(all, ds...)
		all = append(all, more...)
		failed := 0
		for _, d := range more {
			if d.Severity == diag.Error {
				failed++
			}
		}
		fmt.Fprintf(stdout, "%s (%s): %d rules, %d examples, %d failed\n", p.Name, ref, len(p.Rules), n, failed)
		if opts.List {
			for _, r := range p.Rules {
				fmt.Fprintf(stdout, "  %s\n", r.Describe())
			}
		}
	}
	all = all.Sort()
	diag.Render(stderr, all)
	if all.HasErrors() {
		return reported{all}
	}
	return nil
}
