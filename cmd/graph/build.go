package main

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/cayleygraph/quad"
	"github.com/spf13/cobra"

	"github.com/graphbuilder/graph/internal/extract"
	"github.com/graphbuilder/graph/internal/interview"
	"github.com/graphbuilder/graph/internal/rdf"
	"github.com/graphbuilder/graph/internal/store"
	"github.com/graphbuilder/graph/schema"
)

type buildOptions struct {
	Paths         []string
	Config        Config
	Extract       bool
	MinConfidence float64
}

func (a *app) newBuildCmd() *cobra.Command {
	opts := &buildOptions{}
	cmd := &cobra.Command{
		Use:   "build PATH...",
		Short: "Validate interview graphs and write them into the store",
		Long: `build validates every graph.yaml under the given paths and, when none has an
error, writes each source's quads under its label: a rebuild replaces exactly that
source's quads (and those of the catalogs it includes) and nothing else. All sources of
one build are written in a single transaction, so a failed build changes nothing.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := a.cfg.Load()
			if err != nil {
				return err
			}
			opts.Paths, opts.Config = args, cfg
			return runBuild(cmd.Context(), opts, a.stdout, a.stderr)
		},
	}
	cmd.Flags().BoolVar(&opts.Extract, "extract", false, "run the extraction rules on every graph (graphs that list rules: always do)")
	cmd.Flags().Float64Var(&opts.MinConfidence, "min-confidence", 0, "leave out extracted findings whose rule confidence is below this")
	return cmd
}

func runBuild(ctx context.Context, opts *buildOptions, stdout, stderr io.Writer) error {
	graphs, err := loadGraphs(opts.Paths, stderr)
	if err != nil {
		return err
	}
	sets := map[quad.IRI][]quad.Quad{}
	perSource := map[string]int{}
	for _, g := range graphs {
		gs := rdf.Sets(g)
		if opts.Extract || len(g.Rules) > 0 {
			packs, err := loadPacks(g, "", nil, stderr)
			if err != nil {
				return err
			}
			x, err := extract.New(g.AllEntities(), packs, schema.Core())
			if err != nil {
				return err
			}
			res := x.Run(g.Transcript, extract.Options{Speakers: g.Source.Speakers, MinConfidence: opts.MinConfidence})
			gs[0] = rdf.WithExtracted(gs[0], g, res)
			fmt.Fprintf(stderr, "%s: the rules found %d claims and %d relations (curated ones win where they meet)\n", g.Source.ID, len(res.Claims), len(res.Relations))
		}
		for _, s := range gs {
			sets[s.Label] = s.Quads
		}
		perSource[g.Source.ID] = len(sets[rdf.SourceIRI(g.Source.ID)])
	}
	st, err := store.Open(ctx, opts.Config.Store)
	if err != nil {
		return err
	}
	defer st.Close()
	ch, err := st.Replace(ctx, sets)
	if err != nil {
		return err
	}
	if err := st.Close(); err != nil {
		return fmt.Errorf("close store: %w", err)
	}
	printBuildSummary(stdout, graphs, perSource, ch, st)
	return nil
}

func printBuildSummary(w io.Writer, graphs []*interview.Graph, perSource map[string]int, ch store.Change, st *store.Store) {
	fmt.Fprintf(w, "built %d source(s) into the %s store at %s: %d quads added, %d removed, %d unchanged\n\n",
		len(graphs), st.Backend(), st.Where(), ch.Added, ch.Removed, ch.Kept)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SOURCE\tENTITIES\tCLAIMS\tRELATIONS\tQUADS\tTITLE")
	kinds := map[string]int{}
	for _, g := range graphs {
		for _, r := range g.Relations {
			kinds[r.Kind]++
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%s\n", g.Source.ID, len(g.AllEntities()), len(g.Claims), len(g.Relations), perSource[g.Source.ID], g.Source.Title)
	}
	tw.Flush()
	names := make([]string, 0, len(kinds))
	for k := range kinds {
		names = append(names, k)
	}
	sort.Strings(names)
	parts := make([]string, len(names))
	for i, k := range names {
		parts[i] = fmt.Sprintf("%s %d", k, kinds[k])
	}
	if len(parts) > 0 {
		fmt.Fprintf(w, "\nrelations: %s\n", strings.Join(parts, ", "))
	}
	fmt.Fprintf(w, "try: graph query 'g.V(\"<%s>\").Out(\"<criticizes>\").All()'\n", firstSpeaker(graphs))
}

func firstSpeaker(graphs []*interview.Graph) string {
	for _, g := range graphs {
		if len(g.Source.Speakers) > 0 {
			return g.Source.Speakers[0]
		}
	}
	return "some-entity"
}
