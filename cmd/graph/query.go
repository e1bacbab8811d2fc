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

	"github.com/graphbuilder/graph/internal/store"
)

type queryOptions struct {
	Query   string
	File    string
	Limit   int
	Timeout time.Duration
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
    graph query -f examples/amodei-2025/queries/criticized-by-amodei.js`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := a.cfg.LoadExisting()
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
			return runQuery(cmd.Context(), opts, a.stdout)
		},
	}
	cmd.Flags().StringVarP(&opts.File, "file", "f", "", "read the query from a file")
	cmd.Flags().IntVar(&opts.Limit, "limit", 0, "return at most this many results (0: no limit)")
	cmd.Flags().DurationVar(&opts.Timeout, "timeout", 30*time.Second, "stop a query that runs longer (env GRAPH_QUERY_TIMEOUT)")
	// The results are JSON already; the flag is there so that every command takes it.
	jsonFlag(cmd, &opts.JSON)
	return cmd
}

func runQuery(ctx context.Context, opts *queryOptions, stdout io.Writer) error {
	if opts.Limit < 0 {
		return inputError("--limit must not be negative")
	}
	st, err := store.Open(ctx, opts.Config.Store)
	if err != nil {
		return err
	}
	defer st.Close()
	if opts.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, opts.Timeout)
		defer cancel()
	}
	res, err := st.Query(ctx, opts.Query, opts.Limit)
	if err != nil {
		if ctx.Err() == context.DeadlineExceeded {
			return fmt.Errorf("query stopped after %s (raise --timeout)", opts.Timeout)
		}
		return err
	}
	if res == nil {
		res = []any{}
	}
	if err := writeJSON(stdout, map[string]any{"result": res}); err != nil {
		return err
	}
	// A query only reads; a close stuck on a read transaction that Cayley leaked
	// loses nothing, and the process exit releases the store.
	if err := st.Close(); err != nil && !errors.Is(err, store.ErrCloseStuck) {
		return err
	}
	return nil
}
