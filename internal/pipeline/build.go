package pipeline

import (
	"context"
	"errors"
	"sort"

	"github.com/cayleygraph/quad"

	"github.com/graphbuilder/graph/internal/diag"
	"github.com/graphbuilder/graph/internal/extract/finding"
	"github.com/graphbuilder/graph/internal/interview"
	"github.com/graphbuilder/graph/internal/rdf"
	"github.com/graphbuilder/graph/internal/store"
	"github.com/graphbuilder/graph/internal/vocab"
)

// Options control [Build].
type Options struct {
	// Open opens the store to write into, once extraction has run (so that a build
	// that fails before writing creates no store); the caller closes it.
	Open func(context.Context) (*store.Store, error)
	// Extract runs the rules on every graph; graphs that list rules always run them.
	Extract       bool
	MinConfidence float64
	// BatchQuads bounds the quads of one store transaction (0: [DefaultBatchQuads]).
	BatchQuads int
	// LimitMemory sets a soft heap limit while writing (see [limitMemory]).
	LimitMemory bool
	// Progress, when set, is told of every committed transaction.
	Progress func(store.Progress)
	// Extracted, when set, is told what the rules found in each graph, before
	// anything is written.
	Extracted func(source string, claims, relations int)
}

// DefaultBatchQuads is how many quads one transaction of a build takes: builds of
// up to about fifty interviews of 30 KB are one transaction; larger ones commit whole
// sources in steps, so that progress shows, memory stays bounded, and an
// interrupted build keeps what it wrote.
const DefaultBatchQuads = 100_000

// Summary is what a build wrote.
type Summary struct {
	Backend string `json:"backend"`
	Where   string `json:"where"`
	// Labels is how many labels (sources and catalogs) the build wrote.
	Labels    int `json:"labels"`
	Added     int `json:"quads_added"`
	Removed   int `json:"quads_removed"`
	Unchanged int `json:"quads_unchanged"`
	// SourcesUnchanged counts the sources left unread because their inputs were
	// unchanged.
	SourcesUnchanged int             `json:"sources_unchanged"`
	Sources          []SourceSummary `json:"sources"`
	// Relations counts the curated relations of every graph by kind, sorted by kind.
	Relations []KindCount `json:"relations"`
	// FirstSpeaker is who states the most criticisms, for a query to suggest.
	FirstSpeaker string `json:"-"`
}

// SourceSummary is one graph of a build.
type SourceSummary struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	File      string `json:"file"`
	Entities  int    `json:"entities"`
	Claims    int    `json:"claims"`
	Relations int    `json:"relations"`
	// Quads is the size of the source's own set, extracted findings included.
	Quads int `json:"quads"`
	// ExtractedClaims and ExtractedRelations are what the rules found, when they ran.
	ExtractedClaims    int  `json:"extracted_claims"`
	ExtractedRelations int  `json:"extracted_relations"`
	Extracted          bool `json:"extracted"`
	// Unchanged is set when the graph's inputs were those of the source in the
	// store, so that it was neither read nor written (see [LoadPlan]).
	Unchanged bool `json:"unchanged"`
}

// KindCount is a count of one kind.
type KindCount struct {
	Kind  string `json:"kind"`
	Count int    `json:"count"`
}

// ErrInterrupted is returned when a build was cut short by its context after it
// began writing: what was committed stays, each source whole.
var ErrInterrupted = errors.New("build interrupted; every source in the store is whole, as it was or as given (build again to finish)")

// Build writes the graphs into the store opts.Open opens: extraction first, for every graph that runs it,
// so that a rule error writes nothing; then each catalog once and each source,
// under their own labels, in transactions of whole labels. Unchanged labels are not
// written. Each graph's slot in graphs is cleared once it is written, so that a
// large build holds the quads of one transaction at most.
func Build(ctx context.Context, graphs []*interview.Graph, opts Options) (*Summary, diag.Diagnostics, error) {
	return build(ctx, graphs, nil, opts)
}

// BuildPlan is [Build] of a plan that [LoadPlan] made: the loaded graphs are
// written with their inputs records, and the unchanged ones are in the summary,
// marked so, as they were last built.
func BuildPlan(ctx context.Context, plan *Plan, opts Options) (*Summary, diag.Diagnostics, error) {
	return build(ctx, plan.Graphs, plan, opts)
}

func build(ctx context.Context, graphs []*interview.Graph, plan *Plan, opts Options) (*Summary, diag.Diagnostics, error) {
	var ds diag.Diagnostics
	extracted := make([]*finding.Result, len(graphs))
	for i, g := range graphs {
		if !opts.Extract && len(g.Rules) == 0 {
			continue
		}
		res, more, err := Extract(g, g.Transcript, RuleOptions{MinConfidence: opts.MinConfidence})
		ds = append(ds, more...)
		if err != nil {
			return nil, ds, err
		}
		// What a curator rejected (graph extract --reject) is not written.
		res, more, err = WithoutRejected(g, res)
		ds = append(ds, more...)
		if err != nil {
			return nil, ds, err
		}
		extracted[i] = res
		if opts.Extracted != nil {
			opts.Extracted(g.Source.ID, len(res.Claims), len(res.Relations))
		}
	}

	sum, rowOf := summarize(graphs, extracted, plan)
	plan.summarized()
	sum.Labels = Labels(graphs)
	st, err := opts.Open(ctx)
	if err != nil {
		return nil, ds, err
	}
	if more, err := CheckKinds(ctx, st, graphs); err != nil {
		return nil, append(ds, more...), err
	}
	limiter := &memoryLimiter{}
	if opts.LimitMemory {
		limiter = limitMemory()
		defer limiter.restore()
	}
	batch := opts.BatchQuads
	if batch <= 0 {
		batch = DefaultBatchQuads
	}
	progress := func(p store.Progress) {
		limiter.follow()
		if opts.Progress != nil {
			opts.Progress(p)
		}
	}
	w := st.NewWriter(store.WriteOptions{BatchQuads: batch, Progress: progress})
	written := map[quad.IRI]bool{}
	for i, g := range graphs {
		for _, c := range g.Catalogs {
			if label := vocab.CatalogIRI(c.ID); !written[label] {
				written[label] = true
				set := rdf.CatalogSet(c)
				if err := w.PutInputs(ctx, set.Label, set.Quads, plan.catalogRecord(c.ID, len(set.Quads))); err != nil {
					return nil, ds, stopped(err)
				}
			}
		}
		src := rdf.SourceSet(g)
		if res := extracted[i]; res != nil {
			src = rdf.WithExtracted(src, g, res)
		}
		row := &sum.Sources[rowOf[i]]
		row.Quads = len(src.Quads)
		if err := w.PutInputs(ctx, src.Label, src.Quads, plan.sourceRecord(g, *row)); err != nil {
			return nil, ds, stopped(err)
		}
		// Written: let its memory go (the plan holds its record).
		graphs[i], extracted[i] = nil, nil
		plan.release(g)
	}
	ch, err := w.Commit(ctx)
	if err != nil {
		return nil, ds, stopped(err)
	}
	// Stored acceptability results follow the graphs they were computed from.
	if ch.Added+ch.Removed > 0 {
		if _, err := RefreshAcceptability(ctx, st); err != nil {
			return nil, ds, err
		}
	}
	sum.Backend, sum.Where = st.Backend(), st.Where()
	sum.Added, sum.Removed, sum.Unchanged = ch.Added, ch.Removed, ch.Kept
	sum.Unchanged += plan.unchangedCatalogQuads(written)
	for _, r := range sum.Sources {
		if r.Unchanged {
			sum.Unchanged += r.Quads
			sum.SourcesUnchanged++
		}
	}
	return sum, ds, nil
}

// Labels is how many labels a build of graphs writes: one per source and one per
// catalog, however many graphs include it.
func Labels(graphs []*interview.Graph) int {
	labels := map[quad.IRI]bool{}
	for _, g := range graphs {
		labels[vocab.SourceIRI(g.Source.ID)] = true
		for _, c := range g.Catalogs {
			labels[vocab.CatalogIRI(c.ID)] = true
		}
	}
	return len(labels)
}

// stopped explains a write cut short by the context.
func stopped(err error) error {
	if errors.Is(err, context.Canceled) {
		return ErrInterrupted
	}
	return err
}

// summarize makes the summary's rows, in the order of the graph files when there
// is a plan, and returns the row of each graph.
func summarize(graphs []*interview.Graph, extracted []*finding.Result, plan *Plan) (*Summary, []int) {
	type item struct {
		g   *interview.Graph
		res *finding.Result
		rec *sourceRecord
		row SourceSummary
	}
	var items []item
	rowOf := make([]int, len(graphs))
	if plan == nil {
		for i, g := range graphs {
			rowOf[i] = len(items)
			items = append(items, item{g: g, res: extracted[i]})
		}
	} else {
		index := make(map[*interview.Graph]int, len(graphs))
		for i, g := range graphs {
			index[g] = i
		}
		for _, p := range plan.order {
			switch {
			case p.graph != nil:
				i := index[p.graph]
				rowOf[i] = len(items)
				items = append(items, item{g: p.graph, res: extracted[i]})
			case p.rec != nil:
				row := p.rec.Row
				row.File, row.Unchanged = p.file, true
				items = append(items, item{rec: p.rec, row: row})
			}
		}
	}
	sum := &Summary{Sources: make([]SourceSummary, 0, len(items)), Relations: []KindCount{}, FirstSpeaker: "some-entity"}
	// The query to suggest starts at whoever criticizes most, so that it answers.
	criticisms := map[string]int{}
	for _, it := range items {
		if it.rec != nil {
			for by, n := range it.rec.Critics {
				criticisms[by] += n
			}
			continue
		}
		for _, r := range it.g.Relations {
			if r.Kind == "criticizes" && r.By != "" {
				criticisms[r.By]++
			}
		}
	}
	best := 0
	for _, it := range items {
		first := it.rec.firstSpeaker()
		if it.g != nil && len(it.g.Source.Speakers) > 0 {
			first = it.g.Source.Speakers[0]
		}
		if first != "" && len(criticisms) == 0 {
			sum.FirstSpeaker = first
			break
		}
	}
	for id, n := range criticisms {
		if n > best || n == best && id < sum.FirstSpeaker {
			sum.FirstSpeaker, best = id, n
		}
	}
	kinds := map[string]int{}
	for _, it := range items {
		if it.rec != nil {
			for k, n := range it.rec.Kinds {
				kinds[k] += n
			}
			sum.Sources = append(sum.Sources, it.row)
			continue
		}
		g := it.g
		for _, r := range g.Relations {
			kinds[r.Kind]++
		}
		row := SourceSummary{ID: g.Source.ID, Title: g.Source.Title, File: g.File,
			Entities: len(g.AllEntities()), Claims: len(g.Claims), Relations: len(g.Relations)}
		if res := it.res; res != nil {
			row.Extracted, row.ExtractedClaims, row.ExtractedRelations = true, len(res.Claims), len(res.Relations)
		}
		sum.Sources = append(sum.Sources, row)
	}
	for k, n := range kinds {
		sum.Relations = append(sum.Relations, KindCount{Kind: k, Count: n})
	}
	sort.Slice(sum.Relations, func(i, j int) bool { return sum.Relations[i].Kind < sum.Relations[j].Kind })
	return sum, rowOf
}
