package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"runtime/metrics"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

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
	// BatchQuads bounds the quads of one store transaction (0: the default).
	BatchQuads int
	// LimitMemory sets a soft heap limit for the writes (see limitBuildMemory).
	LimitMemory bool
}

// defaultBatchQuads is how many quads one transaction of a build takes: builds of
// up to about fifty interviews of 30 KB are one transaction; larger ones commit whole
// sources in steps, so that progress shows, memory stays bounded, and an
// interrupted build keeps what it wrote.
const defaultBatchQuads = 100_000

// progressGraphs is how many graphs make a build long enough to say when their
// loading and checking is done.
const progressGraphs = 100

// A build sets a soft limit of buildMemoryLimit on the Go heap, unless GOMEMLIMIT
// says otherwise, so that it collects garbage more often rather than let its heap
// double: 1,000 interviews then stay under 1 GiB (docs/scale.md). It does so only
// when the validated graphs it holds leave room for the store's transactions
// (their live heap at most buildMemoryRoomy); a larger build needs more memory
// whatever the limit, and a limit below its working set only makes the collector
// run without pause.
const (
	buildMemoryLimit = 640 << 20
	buildMemoryRoomy = 256 << 20
)

// limitBuildMemory sets the soft heap limit, once the graphs are loaded, and
// returns what restores the previous limit.
func limitBuildMemory() (restore func()) {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	if sample[0].Value.Kind() != metrics.KindUint64 || sample[0].Value.Uint64() > buildMemoryRoomy {
		return func() {}
	}
	old := debug.SetMemoryLimit(buildMemoryLimit)
	return func() { debug.SetMemoryLimit(old) }
}

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
			return runBuild(cmd.Context(), opts, a.stdout, a.stderr)
		},
	}
	cmd.Flags().BoolVar(&opts.Extract, "extract", false, "run the extraction rules on every graph (graphs that list rules: always do)")
	cmd.Flags().Float64Var(&opts.MinConfidence, "min-confidence", 0, "leave out extracted findings whose rule confidence is below this")
	cmd.Flags().IntVar(&opts.BatchQuads, "batch-quads", 0, "quads per store transaction (0: 100000)")
	cmd.Flags().MarkHidden("batch-quads")
	return cmd
}

func runBuild(ctx context.Context, opts *buildOptions, stdout, stderr io.Writer) error {
	start := time.Now()
	graphs, err := loadGraphs(opts.Paths, stderr)
	if err != nil {
		return err
	}
	if len(graphs) >= progressGraphs {
		fmt.Fprintf(stderr, "graph: loaded and checked %d graphs in %.1fs\n", len(graphs), time.Since(start).Seconds())
	}
	// Extraction can fail too; it runs for every graph before anything is written.
	extracted := map[*interview.Graph]*extract.Result{}
	for _, g := range graphs {
		if !opts.Extract && len(g.Rules) == 0 {
			continue
		}
		packs, err := loadPacks(g, "", nil, stderr)
		if err != nil {
			return err
		}
		x, err := extract.New(g.AllEntities(), packs, schema.Core())
		if err != nil {
			return err
		}
		res := x.Run(g.Transcript, extract.Options{Speakers: g.Source.Speakers, MinConfidence: opts.MinConfidence})
		extracted[g] = res
		fmt.Fprintf(stderr, "%s: the rules found %d claims and %d relations (curated ones win where they meet)\n", g.Source.ID, len(res.Claims), len(res.Relations))
	}

	if opts.LimitMemory {
		defer limitBuildMemory()()
	}
	st, err := store.Open(ctx, opts.Config.Store)
	if err != nil {
		return err
	}
	defer st.Close()
	labels := map[quad.IRI]bool{}
	for _, g := range graphs {
		labels[rdf.SourceIRI(g.Source.ID)] = true
		for _, c := range g.Catalogs {
			labels[rdf.CatalogIRI(c.ID)] = true
		}
	}
	batch := opts.BatchQuads
	if batch <= 0 {
		batch = defaultBatchQuads
	}
	prog := newProgress(stderr, len(labels))
	w := st.NewWriter(store.WriteOptions{BatchQuads: batch, Progress: prog.update})
	written := map[quad.IRI]bool{}
	sum := summarize(graphs)
	for i, g := range graphs {
		// Sets are made one graph at a time, and a catalog once, so that a large
		// build holds the quads of one transaction at most.
		for _, c := range g.Catalogs {
			if label := rdf.CatalogIRI(c.ID); !written[label] {
				written[label] = true
				set := rdf.CatalogSet(c)
				if err := w.Put(ctx, set.Label, set.Quads); err != nil {
					return buildStopped(err, prog)
				}
			}
		}
		src := rdf.SourceSet(g)
		if res := extracted[g]; res != nil {
			src = rdf.WithExtracted(src, g, res)
		}
		sum.rows[i].quads = len(src.Quads)
		if err := w.Put(ctx, src.Label, src.Quads); err != nil {
			return buildStopped(err, prog)
		}
		graphs[i], extracted[g] = nil, nil // written: let its memory go
	}
	ch, err := w.Commit(ctx)
	if err != nil {
		return buildStopped(err, prog)
	}
	if err := st.Close(); err != nil {
		return fmt.Errorf("close store: %w", err)
	}
	printBuildSummary(stdout, sum, ch, st)
	return nil
}

// buildStopped explains a build that stopped while writing: what was committed
// stays, each source whole.
func buildStopped(err error, prog *progress) error {
	prog.interrupted()
	if errors.Is(err, context.Canceled) {
		return fmt.Errorf("build interrupted; every source in the store is whole, as it was or as given (build again to finish)")
	}
	return err
}

// buildSummary is what the summary says about the graphs of a build, taken before
// writing so that each graph's memory can go once it is written.
type buildSummary struct {
	rows    []sourceRow
	kinds   map[string]int
	speaker string
}

type sourceRow struct {
	id, title                          string
	entities, claims, relations, quads int
}

func summarize(graphs []*interview.Graph) *buildSummary {
	sum := &buildSummary{kinds: map[string]int{}, speaker: firstSpeaker(graphs)}
	for _, g := range graphs {
		for _, r := range g.Relations {
			sum.kinds[r.Kind]++
		}
		sum.rows = append(sum.rows, sourceRow{id: g.Source.ID, title: g.Source.Title, entities: len(g.AllEntities()), claims: len(g.Claims), relations: len(g.Relations)})
	}
	return sum
}

func printBuildSummary(w io.Writer, sum *buildSummary, ch store.Change, st *store.Store) {
	fmt.Fprintf(w, "built %d source(s) into the %s store at %s: %d quads added, %d removed, %d unchanged\n\n",
		len(sum.rows), st.Backend(), st.Where(), ch.Added, ch.Removed, ch.Kept)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SOURCE\tENTITIES\tCLAIMS\tRELATIONS\tQUADS\tTITLE")
	for _, r := range sum.rows {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%s\n", r.id, r.entities, r.claims, r.relations, r.quads, r.title)
	}
	tw.Flush()
	names := make([]string, 0, len(sum.kinds))
	for k := range sum.kinds {
		names = append(names, k)
	}
	sort.Strings(names)
	parts := make([]string, len(names))
	for i, k := range names {
		parts[i] = fmt.Sprintf("%s %d", k, sum.kinds[k])
	}
	if len(parts) > 0 {
		fmt.Fprintf(w, "\nrelations: %s\n", strings.Join(parts, ", "))
	}
	fmt.Fprintf(w, "try: graph query 'g.V(\"<%s>\").Out(\"<criticizes>\").All()'\n", sum.speaker)
}

func firstSpeaker(graphs []*interview.Graph) string {
	for _, g := range graphs {
		if len(g.Source.Speakers) > 0 {
			return g.Source.Speakers[0]
		}
	}
	return "some-entity"
}
