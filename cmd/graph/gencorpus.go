package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/graphbuilder/graph/internal/corpusgen"
)

type genCorpusOptions struct {
	Out             string
	Interviews      int
	Entities        int
	Seed            uint64
	TranscriptBytes int
}

// newGenCorpusCmd is hidden: it makes benchmark inputs, not graphs anyone reads.
func (a *app) newGenCorpusCmd() *cobra.Command {
	opts := &genCorpusOptions{}
	cmd := &cobra.Command{
		Use:   "gen-corpus --out DIR",
		Short: "Write a synthetic corpus of interview graphs for benchmarks",
		Long: `gen-corpus writes N synthetic interview graphs (graph.yaml and a transcript of about
30 KB, Chinese or English) and shared catalogs of K entities with English and Chinese
aliases into DIR, which must not exist or be empty. The same seed writes byte-identical
files, and the first N interviews do not depend on how many follow.`,
		Hidden: true,
		Args:   cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Out == "" {
				return &usageError{errors.New("gen-corpus needs --out DIR")}
			}
			return runGenCorpus(cmd.Context(), opts, a.stdout)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Out, "out", "", "folder to write (required)")
	f.IntVar(&opts.Interviews, "interviews", 100, "number of interview graphs")
	f.IntVar(&opts.Entities, "entities", 5000, "number of catalog entities")
	f.Uint64Var(&opts.Seed, "seed", 1, "seed; the same seed writes the same corpus")
	f.IntVar(&opts.TranscriptBytes, "transcript-bytes", 30000, "approximate size of each transcript")
	return cmd
}

func runGenCorpus(ctx context.Context, opts *genCorpusOptions, w io.Writer) error {
	st, err := corpusgen.Write(opts.Out, corpusgen.Options{
		Interviews:      opts.Interviews,
		Entities:        opts.Entities,
		Seed:            opts.Seed,
		TranscriptBytes: opts.TranscriptBytes,
	})
	if errors.Is(err, corpusgen.ErrNotEmpty) || errors.Is(err, corpusgen.ErrOptions) {
		return inputError("%v", err)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "wrote %d interviews (%.1f MB of transcripts, %d claims, %d relations, %d across sources) and %d entities in %d catalogs to %s\n",
		st.Interviews, float64(st.TranscriptBytes)/1e6, st.Claims, st.Relations, st.CrossRefs, st.Entities, st.Catalogs, opts.Out)
	return nil
}
