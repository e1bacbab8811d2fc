package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"text/tabwriter"

	"github.com/cayleygraph/quad"
	"github.com/spf13/cobra"

	"github.com/graphbuilder/graph/internal/aif"
	"github.com/graphbuilder/graph/internal/diag"
	"github.com/graphbuilder/graph/internal/interview"
	"github.com/graphbuilder/graph/internal/rdf"
	"github.com/graphbuilder/graph/internal/store"
	"github.com/graphbuilder/graph/schema"
)

func (a *app) newImportCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "import FORMAT",
		Short: "Import argument corpora as interview graphs",
		Long: `import reads argument corpora written by other tools and writes each file as a
source of its own, as if it had been curated as an interview graph.`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return inputError("import needs a format: graph import aif FILE|DIR...")
			}
			return inputError("unknown import format %q; formats: aif", args[0])
		},
	}
	cmd.AddCommand(a.newImportAIFCmd())
	return cmd
}

type importAIFOptions struct {
	Paths []string
	// Prefix makes source ids; see aif.SourceID.
	Prefix   string
	Kind     string
	Language string
	DryRun   bool
	// Out, when set, is a folder to write the graphs into instead of the store.
	Out string
	// Batch is the number of sources written per transaction; 0 means all at once.
	Batch int
	// Progress is the number of files between two progress lines; 0 means none.
	Progress int
	Config   Config
}

func (a *app) newImportAIFCmd() *cobra.Command {
	opts := &importAIFOptions{}
	cmd := &cobra.Command{
		Use:   "aif FILE|DIR...",
		Short: "Import AIF argument maps (AIFdb, OVA) as interview graphs",
		Long: `aif imports Argument Interchange Format files in AIFdb's JSON layout (QT30,
AraucariaDB, OVA exports): the given files, and every *.json file below the given
folders. Each file becomes a source of its own: I-nodes become claims, RA nodes
supports (one per premise), CA nodes rebuts (or undercuts, when they attack an
inference), MA nodes rephrases, and the speakers of the L-nodes persons whose ids come
from their names, so that a speaker met in several files is one person.

Every file is checked before anything is written; when any has an error, nothing is
written. All sources are written in one transaction unless --batch says otherwise.
See docs/import.md.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			if !opts.DryRun && opts.Out == "" {
				cfg, err := a.cfg.Load()
				if err != nil {
					return err
				}
				opts.Config = cfg
			}
			return runImportAIF(cmd.Context(), opts, a.stdout, a.stderr)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Prefix, "prefix", aif.DefaultPrefix, "source id prefix; {dir} is the file's folder name")
	f.StringVar(&opts.Kind, "kind", aif.DefaultKind, "source kind of the imported files: "+strings.Join(interview.SourceKinds, ", "))
	f.StringVar(&opts.Language, "language", "", "language tag of the imported texts (en, it, ...)")
	f.BoolVar(&opts.DryRun, "dry-run", false, "check and count only; write nothing")
	f.StringVar(&opts.Out, "out", "", "write each source as DIR/ID/graph.yaml with its transcript, instead of into the store")
	f.IntVar(&opts.Batch, "batch", 0, "sources per transaction (0: all in one)")
	f.IntVar(&opts.Progress, "progress", 100, "print a progress line every N files (0: never)")
	return cmd
}

// imported is one file's import.
type imported struct {
	file  string
	res   *aif.Result
	quads []quad.Quad
	ds    diag.Diagnostics
}

func runImportAIF(ctx context.Context, opts *importAIFOptions, stdout, stderr io.Writer) error {
	switch {
	case !slices.Contains(interview.SourceKinds, opts.Kind):
		return inputError("--kind %q is not a source kind (%s)", opts.Kind, strings.Join(interview.SourceKinds, ", "))
	case opts.Batch < 0:
		return inputError("--batch must not be negative")
	case opts.Progress < 0:
		return inputError("--progress must not be negative")
	}
	files, err := aif.Find(opts.Paths)
	if err != nil {
		return inputError("%v", err)
	}
	results, ds := readAIF(ctx, files, opts, stderr)
	if err := ctx.Err(); err != nil {
		return err
	}
	if wd, err := os.Getwd(); err == nil {
		ds.Relative(wd)
	}
	diag.Render(stderr, ds)
	if ds.HasErrors() {
		errs, bad := 0, map[string]bool{}
		for _, d := range ds {
			if d.Severity == diag.Error {
				errs++
				bad[d.Subject.File] = true
			}
		}
		fmt.Fprintf(stderr, "%d error(s) in %d file(s); nothing was written\n", errs, len(bad))
		return reported{ds}
	}

	switch {
	case opts.DryRun:
		fmt.Fprintf(stdout, "checked %d file(s); nothing was written (dry run)\n\n", len(results))
	case opts.Out != "":
		if err := writeAIFFolders(opts.Out, results); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote %d interview graph(s) into %s; build them with: graph build %s\n\n", len(results), opts.Out, opts.Out)
	default:
		ch, st, err := writeAIF(ctx, opts, results, stderr)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "imported %d file(s) into the %s store at %s: %d quads added, %d removed, %d unchanged\n\n",
			len(results), st.Backend(), st.Where(), ch.Added, ch.Removed, ch.Kept)
	}
	printImportTable(stdout, results)
	return nil
}

// readAIF reads and converts the files on every processor, and returns them in
// file order with their diagnostics in the same order.
func readAIF(ctx context.Context, files []string, opts *importAIFOptions, progress io.Writer) ([]*imported, diag.Diagnostics) {
	sch := schema.Core()
	out := make([]*imported, len(files))
	for i, f := range files {
		out[i] = &imported{file: f}
	}
	// Source ids are settled first, in file order, so that which of two files with
	// the same id is reported does not depend on timing.
	ids := map[string]string{}
	for _, im := range out {
		id := aif.SourceID(im.file, opts.Prefix)
		if prev, dup := ids[id]; dup {
			im.ds = diag.Diagnostics{diag.Errorf(diag.Range{File: im.file}, "source id %q is already used by %s", id, prev).
				WithHint("choose a --prefix with {dir} in it, or rename one of the files")}
			continue
		}
		ids[id] = im.file
	}

	// The files with a repeated id are reported already; the others are read on
	// every processor. Progress counts both.
	var todo []*imported
	for _, im := range out {
		if im.ds == nil {
			todo = append(todo, im)
		}
	}
	n := len(out) - len(todo)
	jobs := make(chan *imported)
	done := make(chan struct{})
	var wg sync.WaitGroup
	for range max(1, runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for im := range jobs {
				if ctx.Err() == nil {
					im.res, im.ds = aif.ReadFile(im.file, aif.Options{
						SourceID: aif.SourceID(im.file, opts.Prefix),
						Title:    aif.Title(im.file),
						Kind:     opts.Kind, Language: opts.Language, Schema: sch,
					})
					if im.res != nil && opts.Out == "" && !opts.DryRun {
						im.quads = im.res.Quads()
					}
				}
				done <- struct{}{}
			}
		}()
	}
	go func() {
		for _, im := range todo {
			jobs <- im
		}
		close(jobs)
		wg.Wait()
		close(done)
	}()
	for range done {
		n++
		if opts.Progress > 0 && n%opts.Progress == 0 && n < len(files) {
			fmt.Fprintf(progress, "read %d/%d files\n", n, len(files))
		}
	}
	var ds diag.Diagnostics
	for _, im := range out {
		ds = append(ds, im.ds...)
	}
	return out, ds
}

// writeAIF writes every source under its own label, in one transaction or in
// batches of opts.Batch sources.
func writeAIF(ctx context.Context, opts *importAIFOptions, results []*imported, progress io.Writer) (store.Change, *store.Store, error) {
	st, err := store.Open(ctx, opts.Config.Store)
	if err != nil {
		return store.Change{}, nil, err
	}
	defer st.Close()
	size := opts.Batch
	if size == 0 {
		size = len(results)
	}
	var total store.Change
	for lo := 0; lo < len(results); lo += size {
		hi := min(lo+size, len(results))
		sets := map[quad.IRI][]quad.Quad{}
		for _, im := range results[lo:hi] {
			sets[rdf.SourceIRI(im.res.Graph.Source.ID)] = im.quads
		}
		ch, err := st.Replace(ctx, sets)
		if err != nil {
			if lo > 0 {
				err = fmt.Errorf("%w (the first %d sources were written)", err, lo)
			}
			return store.Change{}, nil, err
		}
		total.Added += ch.Added
		total.Removed += ch.Removed
		total.Kept += ch.Kept
		if hi < len(results) {
			fmt.Fprintf(progress, "wrote %d/%d sources\n", hi, len(results))
		}
	}
	if err := st.Close(); err != nil {
		return store.Change{}, nil, fmt.Errorf("close store: %w", err)
	}
	return total, st, nil
}

// writeAIFFolders writes each graph as DIR/ID/graph.yaml and its transcript. It
// refuses to overwrite: a graph folder that exists may hold curation.
func writeAIFFolders(dir string, results []*imported) error {
	for _, im := range results {
		p := filepath.Join(dir, im.res.Graph.Source.ID)
		if _, err := os.Stat(p); err == nil {
			return inputError("%s already exists; remove it or choose another --out", p)
		}
	}
	for _, im := range results {
		if err := aif.WriteFolder(filepath.Join(dir, im.res.Graph.Source.ID), im.res); err != nil {
			return err
		}
	}
	return nil
}

func printImportTable(w io.Writer, results []*imported) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SOURCE\tCLAIMS\tSUPPORTS\tREBUTS\tUNDERCUTS\tREPHRASES\tSPEAKERS\tFILE")
	var sum aif.Counts
	persons := map[string]bool{}
	wd, _ := os.Getwd()
	for _, im := range results {
		c := im.res.Counts
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%d\t%s\n", im.res.Graph.Source.ID,
			c.Claims, c.Supports, c.Rebuts, c.Undercuts, c.Rephrases, c.Speakers, importPath(wd, im.file))
		sum.Claims += c.Claims
		sum.Supports += c.Supports
		sum.Rebuts += c.Rebuts
		sum.Undercuts += c.Undercuts
		sum.Rephrases += c.Rephrases
		for _, sp := range im.res.Graph.Source.Speakers {
			persons[sp] = true
		}
	}
	tw.Flush()
	fmt.Fprintf(w, "\n%d source(s): %d claims, %d supports, %d rebuts, %d undercuts, %d rephrases; %d speakers\n",
		len(results), sum.Claims, sum.Supports, sum.Rebuts, sum.Undercuts, sum.Rephrases, len(persons))
}

// importPath shortens an absolute path to one relative to wd.
func importPath(wd, p string) string {
	if wd == "" || !filepath.IsAbs(p) {
		return p
	}
	if r, err := filepath.Rel(wd, p); err == nil && len(r) < len(p) {
		return r
	}
	return p
}
