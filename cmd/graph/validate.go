package main

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"
)

type validateOptions struct {
	Paths []string
}

func (a *app) newValidateCmd() *cobra.Command {
	opts := &validateOptions{}
	return &cobra.Command{
		Use:   "validate PATH...",
		Short: "Check interview graphs and report every problem as file:line:col",
		Long: `validate loads every graph.yaml under the given paths (files or folders), checks
them against the schema and their transcripts, and reports every problem of every file
at once. It writes nothing. Exit status 2 means the input has errors.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			return runValidate(cmd.Context(), opts, a.stdout, a.stderr)
		},
	}
}

func runValidate(_ context.Context, opts *validateOptions, stdout, stderr io.Writer) error {
	graphs, err := loadGraphs(opts.Paths, stderr)
	if err != nil {
		return err
	}
	for _, g := range graphs {
		fmt.Fprintf(stdout, "ok  %s  %s: %d entities, %d claims, %d relations\n",
			g.File, g.Source.ID, len(g.AllEntities()), len(g.Claims), len(g.Relations))
	}
	return nil
}
