package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/graphbuilder/graph/internal/pipeline"
	"github.com/graphbuilder/graph/internal/store"
)

type buildOptions struct {
	Paths         []string
	Config        Config
	Extract       bool
	MinConfidence float64
	// BatchQuads bounds the quads of one store transaction (0: the default).
	BatchQuads int
	// LimitMemory sets a soft heap limit for the writes.
	LimitMemory bool
	JSON        bool
}

// progressGraphs is how many graphs make a build long enough to say when their
// loading and checking is done.
const progressGraphs = 100

func (a *app) newBuildCmd() *cobra.Command {
	opts := &buildOptions{}
	cmd := &cobra.Command{
		Use:   "build PATH...",
		Short: "Validate interview graphs and write them into the store",
		Long: `build validates every graph.yaml under the given paths and, when none has an
error, writes each source's quads under its label: a rebuild replaces exactly that
source's quads (and those of the catalogs it includes) and nothing else; a source
whose quads are unchanged is not written. A build with an error in any graph writes
nothing. Large builds are written in several transactions of whole sources, with
progress on stderr; if one is interrupted (Ctrl-C, a crash), every source in the store
is either as it was or as it was given, and building again finishes the work.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := a.cfg.Load()
			if err != nil {
				return err
			}
			opts.Paths, opts.Config = args, cfg
			opts.LimitMemory = os.Getenv("GOMEMLIMIT") == ""
			return a.runBuild(cmd.Context(), opts)
		},
	}
	cmd.Flags().BoolVar(&opts.Extract, "extract", false, "run the extraction rules on every graph (graphs that list rules: always do)")
	cmd.Flags().Float64Var(&opts.MinConfidence, "min-confidence", 0, "leave out extracted findings whose rule confidence is below this")
	cmd.Flags().IntVar(&opts.BatchQuads, "batch-quads", 0, "quads per store transaction (0: 100000)")
	cmd.Flags().MarkHidden("batch-quads")
	jsonFlag(cmd, &opts.JSON)
	return cmd
}

func (a *app) runBuild(ctx context.Context, opts *buildOptions) error {
	start := time.Now()
	prior, err := pipeline.ReadPrior(ctx, opts.Config.Store)
	if err != nil {
		return err
	}
	plan, err := pipeline.LoadPlan(opts.Paths, prior, pipeline.Fingerprint{
		Tool:          pipeline.ToolFingerprint(),
		Extract:       opts.Extract,
		MinConfidence: opts.MinConfidence,
		Allow:         pipeline.Allowed(opts.Paths, opts.Config.AllowPaths),
	})
	a.report(plan.Diagnostics, "nothing was written")
	if err != nil {
		return err
	}
	if n := len(plan.Graphs) + plan.Unchanged; n >= progressGraphs {
		fmt.Fprintf(a.stderr, "graph: loaded and checked %d graphs in %.1fs (%d unchanged since the last build, not read)\n",
			len(plan.Graphs), time.Since(start).Seconds(), plan.Unchanged)
	}
	var st *store.Store
	defer func() {
		if st != nil {
			st.Close()
		}
	}()
	prog := newProgress(a.stderr, pipeline.Labels(plan.Graphs))
	sum, ds, err := pipeline.BuildPlan(ctx, plan, pipeline.Options{
		Open: func(ctx context.Context) (*store.Store, error) {
			var err error
			st, err = store.Open(ctx, opts.Config.Store)
			return st, err
		},
		Extract:       opts.Extract,
		MinConfidence: opts.MinConfidence,
		BatchQuads:    opts.BatchQuads,
		LimitMemory:   opts.LimitMemory,
		Progress:      prog.update,
		Extracted: func(source string, claims, relations int) {
			fmt.Fprintf(a.stderr, "%s: the rules found %d claims and %d relations (curated ones win where they meet)\n", source, claims, relations)
		},
	})
	a.report(ds, "nothing was written")
	if err != nil {
		prog.interrupted()
		return err
	}
	if err := st.Close(); err != nil {
		return fmt.Errorf("close store: %w", err)
	}
	if opts.JSON {
		return writeJSON(a.stdout, sum)
	}
	printBuildSummary(a.stdout, sum)
	return nil
}

func printBuildSummary(w io.Writer, sum *pipeline.Summary) {
	fmt.Fprintf(w, "built %d source(s) into the %s store at %s: %d quads added, %d removed, %d unchanged",
		len(sum.Sources), sum.Backend, sum.Where, sum.Added, sum.Removed, sum.Unchanged)
	if sum.SourcesUnchanged > 0 {
		fmt.Fprintf(w, " (%d of the sources unchanged since the last build, not read)", sum.SourcesUnchanged)
	}
	fmt.Fprint(w, "\n\n")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SOURCE\tENTITIES\tCLAIMS\tRELATIONS\tQUADS\tTITLE")
	for _, r := range sum.Sources {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%s\n", r.ID, r.Entities, r.Claims, r.Relations, r.Quads, r.Title)
	}
	tw.Flush()
	// The rest of the quads are the catalogs' entities, shared by the sources.
	own := 0
	for _, r := range sum.Sources {
		own += r.Quads
	}
	if rest := sum.Added + sum.Unchanged - own; rest > 0 {
		fmt.Fprintf(w, "(and %d quads of the shared entity catalogs)\n", rest)
	}
	parts := make([]string, len(sum.Relations))
	for i, k := range sum.Relations {
		parts[i] = fmt.Sprintf("%s %d", k.Kind, k.Count)
	}
	if len(parts) > 0 {
		fmt.Fprintf(w, "\nrelations: %s\n", strings.Join(parts, ", "))
	}
	fmt.Fprintf(w, "try: graph query 'g.V(\"<%s>\").Out(\"<criticizes>\").All()'\n", sum.FirstSpeaker)
}
