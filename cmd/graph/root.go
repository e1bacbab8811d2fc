package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"github.com/spf13/cobra"

	"github.com/graphbuilder/graph/internal/diag"
	"github.com/graphbuilder/graph/internal/store"
)

// Exit statuses.
const (
	exitOK      = 0
	exitFailure = 1 // the command could not do its work (store, query, I/O)
	exitInput   = 2 // the input or the command line is wrong
)

// errInput marks errors caused by what the user gave, for exit status 2.
var errInput = errors.New("bad input")

// inputError wraps an error so that it exits with status 2.
func inputError(format string, args ...any) error {
	return fmt.Errorf("%w: %s", errInput, fmt.Sprintf(format, args...))
}

// reported marks diagnostics that were already printed.
type reported struct{ ds diag.Diagnostics }

func (r reported) Error() string { return fmt.Sprintf("%d problems", len(r.ds)) }

// Main runs the command line and returns the exit status.
func Main() int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	return run(ctx, os.Args[1:], os.Stdout, os.Stderr)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	app := &app{stdout: stdout, stderr: stderr}
	root := app.newRootCmd()
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	var rep reported
	switch {
	case errors.As(err, &rep):
		return exitInput
	case errors.Is(err, errInput):
		fmt.Fprintf(stderr, "graph: %s\n", strings.TrimPrefix(err.Error(), errInput.Error()+": "))
		return exitInput
	case errors.Is(err, store.ErrLocked), errors.Is(err, store.ErrUnreachable):
		fmt.Fprintf(stderr, "graph: %v\n", err)
		return exitFailure
	case errors.Is(err, store.ErrConfig):
		fmt.Fprintf(stderr, "graph: %v\n", err)
		return exitInput
	case isUsage(err):
		fmt.Fprintf(stderr, "graph: %v\nRun 'graph --help' for usage.\n", err)
		return exitInput
	}
	fmt.Fprintf(stderr, "graph: %v\n", err)
	return exitFailure
}

func isUsage(err error) bool {
	msg := err.Error()
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand", "accepts ", "requires at least", "invalid argument", "flag needs an argument", "required flag"} {
		if strings.Contains(msg, p) {
			return true
		}
	}
	return false
}

// app holds what every subcommand shares: output streams and the configuration.
type app struct {
	stdout, stderr io.Writer
	cfg            *configLoader
}

func (a *app) newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "graph",
		Short: "Build knowledge graphs of entities and arguments from interviews",
		Long: `graph turns curated interview graphs (YAML) into a Cayley quad store of people,
companies, products, concepts, the claims they make and the argument edges between
them, and answers Gizmo queries over it.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	a.cfg = newConfigLoader(root)
	for _, newCmd := range []func() *cobra.Command{
		a.newValidateCmd,
		a.newBuildCmd,
		a.newQueryCmd,
		a.newStatsCmd,
		a.newExportCmd,
		a.newImportCmd,
		a.newExtractCmd,
		a.newEvalCmd,
		a.newRulesCmd,
		a.newLinkCmd,
		a.newGenCorpusCmd,
	} {
		root.AddCommand(newCmd())
	}
	return root
}
