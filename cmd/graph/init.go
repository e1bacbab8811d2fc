package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/graphbuilder/graph/internal/diag"
	"github.com/graphbuilder/graph/internal/scaffold"
)

type initOptions struct {
	scaffold.Options
}

func (a *app) newInitCmd() *cobra.Command {
	opts := &initOptions{}
	cmd := &cobra.Command{
		Use:   "init [DIR]",
		Short: "Start an interview graph: a commented graph.yaml that validates, from a transcript",
		Long: `init creates DIR (default: the working directory) with a graph.yaml that validates
as it is, commented key by key. With --from it copies the transcript into DIR (or
points at it when it is there already), tells its format, maps each speaker label
to a person entity of its own, and proposes as entities the new names the language's
extraction rules find in it. It never overwrites a graph.yaml. It prints the
commands to run next.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Dir = "."
			if len(args) == 1 {
				opts.Dir = args[0]
			}
			return a.runInit(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.From, "from", "", "the transcript to start from (text, speaker turns, WebVTT, SRT or whisper JSON)")
	f.StringVar(&opts.Language, "lang", "", "the source's language, such as en or zh (default: told from the transcript)")
	f.StringVar(&opts.ID, "id", "", "the source's id (default: the folder's name)")
	f.StringVar(&opts.Kind, "kind", "interview", "the source's kind")
	f.StringVar(&opts.Title, "title", "", "the source's title (default: the id as words)")
	return cmd
}

func (a *app) runInit(_ context.Context, opts *initOptions) error {
	res, err := scaffold.Init(opts.Options)
	var ds diag.Diagnostics
	switch {
	case errors.As(err, &ds):
		a.report(ds, "nothing was written")
		return ds
	case errors.Is(err, scaffold.ErrInput):
		return inputError("%v", err)
	case err != nil:
		return err
	}
	a.report(res.Diagnostics, "")
	fmt.Fprintf(a.stdout, "created %s for source %s (%s)\n", res.File, res.SourceID, res.Language)
	switch {
	case opts.From == "":
		fmt.Fprintf(a.stdout, "wrote %s: replace its one line with the transcript\n", res.Transcript)
	case res.Copied:
		fmt.Fprintf(a.stdout, "copied %s to %s, read as %s\n", opts.From, res.Transcript, res.Format)
	default:
		fmt.Fprintf(a.stdout, "transcript %s, read as %s\n", res.Transcript, res.Format)
	}
	for _, s := range res.Speakers {
		fmt.Fprintf(a.stdout, "speaker %q -> %s\n", s.Labels[0], s.ID)
	}
	for _, c := range res.Candidates {
		fmt.Fprintf(a.stdout, "candidate %s %q (rule %s)\n", c.Kind, c.Name, c.Rule)
	}
	dir := filepath.Dir(res.File)
	fmt.Fprintf(a.stdout, "\nnext:\n  edit %s: the title, the speakers' names, then claims and relations\n", res.File)
	for _, step := range [][2]string{
		{"graph validate " + dir, "every problem, as file:line:col"},
		{"graph extract " + dir, "what the extraction rules find, to review"},
		{"graph build " + dir, "write it into the store"},
	} {
		fmt.Fprintf(a.stdout, "  %-*s  # %s\n", len("graph validate ")+len(dir), step[0], step[1])
	}
	return nil
}
