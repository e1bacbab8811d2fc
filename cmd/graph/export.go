package main

import (
	"context"
	"fmt"
	"io"

	"github.com/cayleygraph/quad"
	"github.com/spf13/cobra"

	"github.com/graphbuilder/graph/internal/rdf"
	"github.com/graphbuilder/graph/internal/store"
)

type exportOptions struct {
	Format string
	Source string
	Config Config
}

func (a *app) newExportCmd() *cobra.Command {
	opts := &exportOptions{}
	cmd := &cobra.Command{
		Use:   "export FORMAT",
		Short: "Write the store's graph in a standard format (nquads)",
		Long: `export writes the store's quads. Formats: nquads (sorted, one quad per line, the
source as the fourth element, byte-identical for identical inputs).`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := a.cfg.Load()
			if err != nil {
				return err
			}
			opts.Format, opts.Config = args[0], cfg
			return runExport(cmd.Context(), opts, a.stdout)
		},
	}
	cmd.Flags().StringVar(&opts.Source, "source", "", "only the quads of this source id")
	return cmd
}

func runExport(ctx context.Context, opts *exportOptions, w io.Writer) error {
	if opts.Format != "nquads" {
		return inputError("unknown export format %q (known: nquads)", opts.Format)
	}
	st, err := store.Open(ctx, opts.Config.Store)
	if err != nil {
		return err
	}
	defer st.Close()
	var qs []quad.Quad
	if opts.Source != "" {
		qs, err = st.Quads(ctx, rdf.SourceIRI(opts.Source))
		if err == nil && len(qs) == 0 {
			return inputError("no source %q in the store", opts.Source)
		}
	} else {
		qs, err = st.AllQuads(ctx)
	}
	if err != nil {
		return err
	}
	if _, err := w.Write(rdf.NQuads(rdf.Sorted(qs))); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	return nil
}
