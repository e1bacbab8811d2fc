package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/graphbuilder/graph/internal/aif"
	"github.com/graphbuilder/graph/internal/interview"
	"github.com/graphbuilder/graph/internal/pipeline"
	"github.com/graphbuilder/graph/internal/store"
)

func (a *app) newImportCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "import FORMAT",
		Short: "Import argument corpora as interview graphs",
		Long: `import reads argument corpora written by other tools and writes each file as a
source of its own, as if it had been curated as an interview graph.`,
	}
	groupCommand(cmd, "import needs a format: graph import aif FILE|DIR...")
	cmd.AddCommand(a.newImportAIFCmd())
	return cmd
}

type importAIFOptions struct {
	Paths    []string
	Prefix   string
	Kind     string
	Language string
	DryRun   bool
	// KeepGoing imports the good files when others have errors.
	KeepGoing bool
	Out       string
	Batch     int
	// Progress is the number of files between two progress lines; 0 means none.
	Progress int
	JSON     bool
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
			return a.runImportAIF(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Prefix, "prefix", aif.DefaultPrefix, "source id prefix; {dir} is the file's folder name")
	f.StringVar(&opts.Kind, "kind", aif.DefaultKind, "source kind of the imported files: "+strings.Join(interview.SourceKinds, ", "))
	f.StringVar(&opts.Language, "language", "", "language tag of the imported texts (en, it, ...)")
	f.BoolVar(&opts.DryRun, "dry-run", false, "check and count only; write nothing")
	f.BoolVar(&opts.KeepGoing, "keep-going", false, "import every file without errors, skip and list the others (exit status 2 when any is skipped)")
	f.StringVar(&opts.Out, "out", "", "write each source as DIR/ID/graph.yaml with its transcript, instead of into the store")
	f.IntVar(&opts.Batch, "batch", 0, "sources per transaction (0: all in one)")
	f.IntVar(&opts.Progress, "progress", 100, "print a progress line every N files (0: never)")
	jsonFlag(cmd, &opts.JSON)
	return cmd
}

func (a *app) runImportAIF(ctx context.Context, opts *importAIFOptions) error {
	if opts.Progress < 0 {
		return inputError("--progress must not be negative")
	}
	bopts := pipeline.ImportOptions{
		Prefix: opts.Prefix, Kind: opts.Kind, Language: opts.Language, Out: opts.Out, Batch: opts.Batch,
		KeepGoing: opts.KeepGoing,
		Read: func(done, total int) {
			if opts.Progress > 0 && done%opts.Progress == 0 && done < total {
				fmt.Fprintf(a.stderr, "read %d/%d files\n", done, total)
			}
		},
		Wrote: func(done, total int) { fmt.Fprintf(a.stderr, "wrote %d/%d sources\n", done, total) },
	}
	var st *store.Store
	if !opts.DryRun && opts.Out == "" {
		bopts.Open = func(ctx context.Context) (*store.Store, error) {
			var err error
			st, err = store.Open(ctx, opts.Config.Store)
			return st, err
		}
		defer func() {
			if st != nil {
				st.Close()
			}
		}()
	}
	res, ds, err := pipeline.ImportAIF(ctx, opts.Paths, bopts)
	skipped := errors.Is(err, pipeline.ErrSkipped)
	outcome := "nothing was written"
	if opts.KeepGoing {
		outcome = "those files were skipped"
	}
	a.report(ds, outcome)
	if err != nil && !skipped {
		return err
	}
	if st != nil {
		if err := st.Close(); err != nil {
			return fmt.Errorf("close store: %w", err)
		}
	}
	wd, _ := os.Getwd()
	for i := range res.Files {
		res.Files[i].File = relativePath(wd, res.Files[i].File)
	}
	for i := range res.Skipped {
		res.Skipped[i].File = relativePath(wd, res.Skipped[i].File)
	}
	if opts.JSON {
		if jerr := writeJSON(a.stdout, res); jerr != nil || !skipped {
			return jerr
		}
		return err
	}
	switch res.Mode {
	case "dry_run":
		fmt.Fprintf(a.stdout, "checked %d file(s); nothing was written (dry run)\n\n", len(res.Files))
	case "folder":
		fmt.Fprintf(a.stdout, "wrote %d interview graph(s) into %s; build them with: graph build %s\n\n", len(res.Files), opts.Out, opts.Out)
	default:
		fmt.Fprintf(a.stdout, "imported %d file(s) into the %s store at %s: %d quads added, %d removed, %d unchanged\n\n",
			len(res.Files), res.Backend, res.Where, res.Added, res.Removed, res.Unchanged)
	}
	printImportTable(a.stdout, res)
	if skipped {
		for _, s := range res.Skipped {
			fmt.Fprintf(a.stdout, "skipped %s (%s)\n", relativePath(wd, s.File), plural(s.Errors, "error"))
		}
		fmt.Fprintf(a.stdout, "%d of %d file(s) skipped for their errors; the other %d imported\n",
			len(res.Skipped), len(res.Skipped)+len(res.Files), len(res.Files))
		return err
	}
	return nil
}

func printImportTable(w io.Writer, res *pipeline.Imported) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SOURCE\tCLAIMS\tSUPPORTS\tREBUTS\tUNDERCUTS\tREPHRASES\tSPEAKERS\tFILE")
	for _, f := range res.Files {
		c := f.Counts
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%d\t%s\n", f.Source,
			c.Claims, c.Supports, c.Rebuts, c.Undercuts, c.Rephrases, c.Speakers, f.File)
	}
	tw.Flush()
	t := res.Totals
	fmt.Fprintf(w, "\n%d source(s): %d claims, %d supports, %d rebuts, %d undercuts, %d rephrases; %d speakers\n",
		len(res.Files), t.Claims, t.Supports, t.Rebuts, t.Undercuts, t.Rephrases, t.Speakers)
}

// relativePath shortens an absolute path to one relative to wd.
func relativePath(wd, p string) string {
	if wd == "" || !filepath.IsAbs(p) {
		return p
	}
	if r, err := filepath.Rel(wd, p); err == nil && len(r) < len(p) {
		return r
	}
	return p
}
