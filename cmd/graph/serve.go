package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/graphbuilder/graph/internal/pipeline"
	"github.com/graphbuilder/graph/internal/server"
)

type serveOptions struct {
	Addr      string
	Token     string
	TokenFile string
	CORS      string
	Timeout   time.Duration
	Limit     int
	MaxBody   int64
	Poll      time.Duration
	// Review are graph folders whose findings the workbench reviews.
	Review []string
	Config Config
}

func (a *app) newServeCmd() *cobra.Command {
	opts := &serveOptions{}
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve Cayley's query API and a web workbench to read the graph",
		Long: `serve answers Gizmo queries as Cayley's HTTP API does (POST /api/v2/query?lang=gizmo)
and serves a workbench to read the graph in a browser: search, sources, an argument
map, each claim's quote in its paragraph or turn, and a query console.

It reads the store into memory and closes it, so graph build can write the store
while it runs; it reads the store again when it changes. Listening on an address
other than loopback needs a token (--token or --token-file), which API clients send
as "Authorization: Bearer TOKEN" and the workbench asks for. See docs/serve.md.

With --review PATH, the workbench also lists what the extraction rules find in those
graphs, to accept or reject one by one; decisions go into the findings.yaml beside
each graph, as graph extract --accept and --reject record them (docs/review.md).`,
		Example: `  graph serve                       # http://127.0.0.1:7400/
  graph serve --addr 0.0.0.0:7400 --token-file token.txt
  graph serve --review examples/ai-audits-2026   # also review what the rules find there`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := a.cfg.LoadReadOnly()
			if err != nil {
				return err
			}
			opts.Config = cfg
			if !cmd.Flags().Changed("timeout") {
				opts.Timeout = cfg.QueryTimeout
			}
			if opts.Token != "" && opts.TokenFile != "" {
				return inputError("give --token or --token-file, not both")
			}
			if opts.TokenFile != "" {
				data, err := os.ReadFile(opts.TokenFile)
				if err != nil {
					return inputError("--token-file: %v", unwrapPathError(err))
				}
				opts.Token = strings.TrimSpace(string(data))
				if opts.Token == "" {
					return inputError("--token-file %s is empty", opts.TokenFile)
				}
			}
			return a.runServe(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Addr, "addr", "127.0.0.1:7400", "address to listen on (host:port)")
	f.StringVar(&opts.Token, "token", "", "require this token of every API request (needed beyond loopback)")
	f.StringVar(&opts.TokenFile, "token-file", "", "read the token from this file")
	f.StringVar(&opts.CORS, "cors", "", "let pages of this origin call the API (e.g. https://app.example.org); none by default")
	f.DurationVar(&opts.Timeout, "timeout", 30*time.Second, "stop a query that runs longer (env GRAPH_QUERY_TIMEOUT)")
	f.IntVar(&opts.Limit, "limit", server.DefaultLimit, "query results returned when a request gives no limit")
	f.Int64Var(&opts.MaxBody, "max-body", server.DefaultMaxBody, "largest request body, in bytes")
	f.DurationVar(&opts.Poll, "poll", server.DefaultPoll, "how often to look whether the store changed (0: never)")
	f.StringArrayVar(&opts.Review, "review", nil, "review the rules' findings on these graphs (folders or graph.yaml files) in the workbench, recording decisions beside them (repeatable)")
	return cmd
}

func (a *app) runServe(ctx context.Context, opts *serveOptions) error {
	if opts.Limit < 1 || opts.MaxBody < 1 || opts.Timeout < 0 || opts.Poll < 0 {
		return inputError("--limit and --max-body must be positive, --timeout and --poll not negative")
	}
	if err := server.CheckBind(opts.Addr, opts.Token); err != nil {
		return inputError("%v", err)
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	poll := opts.Poll
	if poll == 0 {
		poll = -1
	}
	logf := func(format string, args ...any) { fmt.Fprintf(a.stderr, "graph serve: "+format+"\n", args...) }
	var review *pipeline.ReviewSet
	if len(opts.Review) > 0 {
		rs, ds, err := pipeline.NewReviewSet(opts.Review, pipeline.RuleOptions{}, opts.Config.AllowPaths...)
		a.report(ds, "nothing is served")
		if err != nil {
			return err
		}
		review = rs
	}
	s, err := server.New(ctx, server.Options{
		Store:        opts.Config.Store,
		QueryTimeout: opts.Timeout,
		MaxBody:      opts.MaxBody,
		Limit:        opts.Limit,
		MaxLimit:     max(opts.Limit, server.DefaultMaxLimit),
		Token:        opts.Token,
		CORSOrigin:   opts.CORS,
		Poll:         poll,
		Review:       review,
		Logf:         logf,
	})
	if err != nil {
		return err
	}
	defer func() {
		if err := s.Close(); err != nil {
			logf("the copy of the store could not be removed: %v", err)
		}
	}()
	ln, err := net.Listen("tcp", opts.Addr)
	if err != nil {
		return inputError("cannot listen on %s: %v", opts.Addr, err)
	}
	printServing(a.stdout, ln.Addr().String(), s, opts.Token != "", review)
	err = s.Serve(ctx, ln, 10*time.Second)
	if err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	fmt.Fprintln(a.stderr, "graph serve: stopped")
	return nil
}

func printServing(w io.Writer, addr string, s *server.Server, token bool, review *pipeline.ReviewSet) {
	srcs := s.Reader().Sources()
	fmt.Fprintf(w, "serving %s of the store at http://%s/\n", plural(len(srcs), "source"), addr)
	fmt.Fprintf(w, "  query API  POST http://%s/api/v2/query?lang=gizmo\n", addr)
	if review != nil {
		fmt.Fprintf(w, "  reviewing the rules' findings on %s\n", strings.Join(review.Sources(), ", "))
	}
	if token {
		fmt.Fprintln(w, "  every API request needs the header \"Authorization: Bearer TOKEN\"")
	}
	fmt.Fprintln(w, "stop with Ctrl-C")
}
