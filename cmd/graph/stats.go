package main

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/graphbuilder/graph/internal/store"
)

type statsOptions struct {
	JSON   bool
	Config Config
}

func (a *app) newStatsCmd() *cobra.Command {
	opts := &statsOptions{}
	cmd := &cobra.Command{
		Use:   "stats",
		Short: "Count quads per source, nodes per kind and edges per predicate",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := a.cfg.LoadReadOnly()
			if err != nil {
				return err
			}
			opts.Config = cfg
			return runStats(cmd.Context(), opts, a.stdout)
		},
	}
	jsonFlag(cmd, &opts.JSON)
	return cmd
}

func runStats(ctx context.Context, opts *statsOptions, w io.Writer) error {
	st, err := store.Open(ctx, opts.Config.Store)
	if err != nil {
		return err
	}
	defer st.Close()
	s, err := st.Count(ctx)
	if err != nil {
		return err
	}
	if opts.JSON {
		return writeJSON(w, s)
	}
	fmt.Fprintf(w, "%d quads in the %s store at %s\n", s.Quads, st.Backend(), st.Where())
	section := func(title string, rows []store.Count) {
		fmt.Fprintf(w, "\n%s\n", title)
		for _, r := range rows {
			fmt.Fprintf(w, "%8d  %s\n", r.Count, r.Name)
		}
	}
	section("quads per source (label)", s.Labels)
	section("nodes per kind", s.NodeKinds)
	section("edges per predicate", s.Predicates)
	return nil
}
