package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/graphbuilder/graph/internal/diag"
	"github.com/graphbuilder/graph/internal/pipeline"
	"github.com/graphbuilder/graph/internal/store"
)

type queryOptions struct {
	Query   string
	File    string
	Limit   int
	Timeout time.Duration
	Names   bool
	JSON    bool
	Config  Config
}

func (a *app) newQueryCmd() *cobra.Command {
	opts := &queryOptions{}
	cmd := &cobra.Command{
		Use:   "query ['GIZMO' | -f FILE]",
		Short: "Run a Gizmo query and print its results as JSON",
		Long: `query runs a Gizmo query (Cayley's JavaScript query language) against the store and
prints {"result": [...]} as Cayley's own API does. IRIs are written in angle brackets:

    graph query 'g.V("<dario-amodei>").Out("<criticizes>").All()'
    graph query -f examples/amodei-2025/queries/criticized-by-amodei.js
    graph query --names 'g.V("<dario-amodei>").Out("<asserts>").All()'

Mistakes that make a query answer less than it seems are warned of on standard
error, each with a hint: an IRI neither in the store nor in the schema (with the
nearest that is), a value without the angle brackets of an IRI the store holds, a
query that yields nothing (no .All(), a .Count() never emitted), and a Save that
drops the rows lacking its predicate.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := a.cfg.LoadReadOnly()
			if err != nil {
				return err
			}
			opts.Config = cfg
			if !cmd.Flags().Changed("timeout") {
				opts.Timeout = cfg.QueryTimeout
			}
			switch {
			case len(args) == 1 && opts.File != "":
				return inputError("give the query inline or with -f, not both")
			case len(args) == 1:
				opts.Query = args[0]
			case opts.File != "":
				data, err := os.ReadFile(opts.File)
				if err != nil {
					return inputError("%v", err)
				}
				opts.Query = string(data)
			default:
				return inputError("no query: give one inline or with -f FILE")
			}
			if strings.TrimSpace(opts.Query) == "" {
				return inputError("the query is empty")
			}
			return runQuery(cmd.Context(), opts, a.stdout, a.stderr)
		},
	}
	cmd.Flags().StringVarP(&opts.File, "file", "f", "", "read the query from a file")
	cmd.Flags().IntVar(&opts.Limit, "limit", 0, "stop the query at this many results (0: no limit)")
	cmd.Flags().DurationVar(&opts.Timeout, "timeout", 30*time.Second, "stop the command after this long, store wait included (env GRAPH_QUERY_TIMEOUT; 0: never)")
	cmd.Flags().BoolVar(&opts.Names, "names", false, `add "names": the name of each node in the result`)
	// The results are JSON already; the flag is there so that every command takes it.
	jsonFlag(cmd, &opts.JSON)
	return cmd
}

func runQuery(ctx context.Context, opts *queryOptions, stdout, stderr io.Writer) error {
	if opts.Limit < 0 {
		return inputError("--limit must not be negative")
	}
	// --timeout bounds the whole command: the wait for a store another command
	// holds, the query and its checks, and the close.
	cfg := opts.Config.Store
	if opts.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, opts.Timeout)
		defer cancel()
		if cfg.LockTimeout <= 0 || cfg.LockTimeout > opts.Timeout {
			cfg.LockTimeout = opts.Timeout
		}
	}
	st, err := store.Open(ctx, cfg)
	if err != nil {
		return err
	}
	// A query only reads; a close stuck on a read transaction that a query cut
	// short still holds loses nothing, and the process exit releases the store.
	defer st.Close()
	file := opts.File
	if file == "" {
		file = "query"
	}
	ans, err := pipeline.RunQuery(ctx, st, opts.Query, pipeline.QueryOptions{File: file, Limit: opts.Limit, Names: opts.Names})
	if err != nil {
		if errors.Is(err, pipeline.ErrQueryTimeout) {
			return fmt.Errorf("query stopped after %s (raise --timeout)", opts.Timeout)
		}
		return err
	}
	printQueryWarnings(stderr, ans.Warnings, opts.File != "")
	if ans.Truncated {
		fmt.Fprintf(stderr, "graph: --limit %d left more results out\n", opts.Limit)
	}
	if err := writeJSON(stdout, queryResult{Result: ans.Result, Names: ans.Names}); err != nil {
		return err
	}
	if err := st.Close(); err != nil && !errors.Is(err, store.ErrCloseStuck) {
		return err
	}
	return nil
}

// queryResult is what graph query prints: Cayley's shape, and the names of the
// nodes, as the API gives them (docs/json/query.schema.json).
type queryResult struct {
	Result []any `json:"result"`
	// Names is empty without --names.
	Names map[string]string `json:"names"`
}

// printQueryWarnings prints the guard rails' warnings: as every command prints
// diagnostics for a query file, with the line it is on; for a query given
// inline, which is in sight on the command line, without it.
func printQueryWarnings(w io.Writer, ds diag.Diagnostics, fromFile bool) {
	if fromFile {
		diag.Report(w, ds, diag.ReportOptions{})
		return
	}
	for _, d := range ds.Sort() {
		fmt.Fprintf(w, "%s: warning: %s\n", d.Subject.Location(), d.Summary)
		if d.Hint != "" {
			fmt.Fprintf(w, "hint: %s\n", d.Hint)
		}
	}
}
