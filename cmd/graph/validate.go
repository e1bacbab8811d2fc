package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/graphbuilder/graph/internal/diag"
	"github.com/graphbuilder/graph/internal/pipeline"
)

type validateOptions struct {
	Paths []string
	JSON  bool
}

func (a *app) newValidateCmd() *cobra.Command {
	opts := &validateOptions{}
	cmd := &cobra.Command{
		Use:   "validate PATH...",
		Short: "Check interview graphs and report every problem as file:line:col",
		Long: `validate loads every graph.yaml under the given paths (files or folders), checks
them against the schema and their transcripts, and reports every problem of every file
at once. It writes nothing. Exit status 2 means the input has errors. With --json the
graphs and the problems are printed on stdout as one JSON object, for editors.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			return a.runValidate(cmd.Context(), opts)
		},
	}
	jsonFlag(cmd, &opts.JSON)
	return cmd
}

// validated is the JSON shape of validate.
type validated struct {
	OK          bool             `json:"ok"`
	Errors      int              `json:"errors"`
	Warnings    int              `json:"warnings"`
	Graphs      []validatedGraph `json:"graphs"`
	Diagnostics diag.Diagnostics `json:"diagnostics"`
}

type validatedGraph struct {
	File      string `json:"file"`
	Source    string `json:"source"`
	Entities  int    `json:"entities"`
	Claims    int    `json:"claims"`
	Relations int    `json:"relations"`
}

func (a *app) runValidate(_ context.Context, opts *validateOptions) error {
	cfg, err := a.cfg.Load()
	if err != nil {
		return err
	}
	loaded, err := pipeline.Load(opts.Paths, cfg.AllowPaths...)
	if opts.JSON && loaded != nil && (err == nil || loaded.Diagnostics.HasErrors()) {
		return a.printValidated(loaded, err)
	}
	a.report(loaded.Diagnostics, "nothing was written")
	if err != nil {
		return err
	}
	for _, g := range loaded.Graphs {
		fmt.Fprintf(a.stdout, "ok  %s  %s: %d entities, %d claims, %d relations\n",
			g.File, g.Source.ID, len(g.AllEntities()), len(g.Claims), len(g.Relations))
	}
	return nil
}

func (a *app) printValidated(loaded *pipeline.Loaded, err error) error {
	out := validated{Graphs: []validatedGraph{}, Diagnostics: relative(loaded.Diagnostics)}
	for _, d := range loaded.Diagnostics {
		if d.Severity == diag.Error {
			out.Errors++
		} else {
			out.Warnings++
		}
	}
	out.OK = out.Errors == 0
	for _, g := range loaded.Graphs {
		out.Graphs = append(out.Graphs, validatedGraph{File: g.File, Source: g.Source.ID,
			Entities: len(g.AllEntities()), Claims: len(g.Claims), Relations: len(g.Relations)})
	}
	if werr := writeJSON(a.stdout, out); werr != nil {
		return werr
	}
	return err
}
