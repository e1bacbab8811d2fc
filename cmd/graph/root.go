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
	"github.com/graphbuilder/graph/internal/pipeline"
	"github.com/graphbuilder/graph/internal/store"
)

// Exit statuses.
const (
	exitOK      = 0
	exitFailure = 1 // the command could not do its work (store, query, I/O)
	exitInput   = 2 // the input or the command line is wrong
)

// inputError is an error caused by what the user gave; it exits with status 2.
func inputError(format string, args ...any) error { return pipeline.Inputf(format, args...) }

// usageError is a mistake on the command line: an unknown command or flag, a
// wrong number of arguments. It exits with status 2 and points at --help.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

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
	if perr := app.prof.stop(); err == nil {
		err = perr
	}
	if err == nil {
		return exitOK
	}
	return exitStatus(err, stderr)
}

// exitStatus prints err, unless it is diagnostics that were printed already, and
// chooses the exit status by the error's type alone.
func exitStatus(err error, stderr io.Writer) int {
	var ds diag.Diagnostics
	var usage *usageError
	switch {
	case errors.As(err, &ds) && ds.HasErrors():
		return exitInput
	case errors.As(err, &usage):
		fmt.Fprintf(stderr, "graph: %v\nRun 'graph --help' for usage.\n", err)
		return exitInput
	case errors.Is(err, pipeline.ErrInput), errors.Is(err, store.ErrConfig), errors.Is(err, store.ErrNoStore):
		fmt.Fprintf(stderr, "graph: %v\n", err)
		return exitInput
	}
	fmt.Fprintf(stderr, "graph: %v\n", err)
	return exitFailure
}

// app holds what every subcommand shares: output streams and the configuration.
type app struct {
	stdout, stderr io.Writer
	cfg            *configLoader
	prof           profiler
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
	setVersion(root)
	groupCommand(root, "")
	a.cfg = newConfigLoader(root)
	a.prof.addProfileFlags(root)
	root.PersistentPreRunE = func(*cobra.Command, []string) error { return a.prof.start() }
	for _, newCmd := range []func() *cobra.Command{
		a.newValidateCmd,
		a.newBuildCmd,
		a.newQueryCmd,
		a.newStatsCmd,
		a.newCheckCmd,
		a.newExportCmd,
		a.newShowCmd,
		a.newImportCmd,
		a.newExtractCmd,
		a.newEvalCmd,
		a.newRulesCmd,
		a.newLinkCmd,
		a.newEvaluateCmd,
		a.newGenCorpusCmd,
		a.newServeCmd,
		a.newVersionCmd,
		a.newInitCmd,
	} {
		root.AddCommand(newCmd())
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{err} })
	wrapArgs(root)
	a.registerCompletions(root)
	return root
}

// groupCommand makes cmd, which only holds subcommands, print its help when called
// alone (or fail with a usage error saying needs, when that is set), and fail with
// a usage error on an unknown subcommand (cobra's own message for that cannot be
// told apart from other errors).
func groupCommand(cmd *cobra.Command, needs string) {
	cmd.Args = cobra.ArbitraryArgs
	cmd.SuggestionsMinimumDistance = 2
	cmd.RunE = func(c *cobra.Command, args []string) error {
		if len(args) == 0 && needs != "" {
			return &usageError{errors.New(needs)}
		}
		if len(args) == 0 {
			return c.Help()
		}
		msg := fmt.Sprintf("unknown command %q for %q", args[0], c.CommandPath())
		if sug := c.SuggestionsFor(args[0]); len(sug) > 0 {
			msg += fmt.Sprintf("; did you mean %q?", sug[0])
		} else if c.HasParent() {
			var names []string
			for _, sub := range c.Commands() {
				if sub.IsAvailableCommand() {
					names = append(names, sub.Name())
				}
			}
			msg += " (commands: " + strings.Join(names, ", ") + ")"
		}
		return &usageError{errors.New(msg)}
	}
}

// wrapArgs makes every argument check below cmd fail with a usage error, unless it
// says more precisely what is wrong.
func wrapArgs(cmd *cobra.Command) {
	if check := cmd.Args; check != nil {
		cmd.Args = func(c *cobra.Command, args []string) error {
			err := check(c, args)
			if err == nil || errors.Is(err, pipeline.ErrInput) {
				return err
			}
			var usage *usageError
			if errors.As(err, &usage) {
				return err
			}
			return &usageError{err}
		}
	}
	for _, sub := range cmd.Commands() {
		wrapArgs(sub)
	}
}

// plural returns "1 thing" or "n things".
func plural(n int, thing string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", thing)
	}
	return fmt.Sprintf("%d %ss", n, thing)
}
