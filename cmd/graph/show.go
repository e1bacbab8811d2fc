package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/graphbuilder/graph/internal/pipeline"
	"github.com/graphbuilder/graph/internal/store"
)

type showOptions struct {
	ID     string
	JSON   bool
	Config Config
}

func (a *app) newShowCmd() *cobra.Command {
	opts := &showOptions{}
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Show a claim, relation or entity with its quote in context and its edges",
		Long: `show prints a claim, an argument relation or an entity as a reader wants it: the
text, who said it, in which source, the quote inside the paragraph or turn it stands
in (with its place in the transcript file and, for timed transcripts, the moment it
was said), and the argument edges in and out with their quotes.

ID is an IRI with or without angle brackets (claim/SOURCE/ID, rel/UUID, an entity id),
a claim written SOURCE/CLAIM, or the id a curator gave a relation.`,
		Example: `  graph show claim/amodei-2025/no-diminishing-returns
  graph show amodei-2025/no-diminishing-returns --json
  graph show dario-amodei`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := a.cfg.LoadReadOnly()
			if err != nil {
				return err
			}
			opts.ID, opts.Config = args[0], cfg
			return a.runShow(cmd.Context(), opts)
		},
	}
	jsonFlag(cmd, &opts.JSON)
	return cmd
}

func (a *app) runShow(ctx context.Context, opts *showOptions) error {
	st, err := store.Open(ctx, opts.Config.Store)
	if err != nil {
		return err
	}
	defer st.Close()
	s, err := pipeline.Show(ctx, st, opts.ID)
	if err != nil {
		return err
	}
	if opts.JSON {
		return writeJSON(a.stdout, s)
	}
	printShown(a.stdout, s, isTerminal(a.stdout))
	return nil
}

// printShown writes s for a reader; tty marks the quote in reverse video rather
// than with brackets.
func printShown(w io.Writer, s *pipeline.Shown, tty bool) {
	what := s.Kind
	if s.Origin != "" {
		what += ", " + s.Origin
		if s.Rule != "" {
			what += fmt.Sprintf(" by %s %.2f", s.Rule, s.Confidence)
		}
	}
	fmt.Fprintf(w, "%s  (%s)\n", s.IRI, what)
	fmt.Fprintf(w, "  %s\n", s.Title)
	if len(s.Aliases) > 0 {
		fmt.Fprintf(w, "  also    %s\n", strings.Join(s.Aliases, ", "))
	}
	if s.Speaker.IRI != "" {
		label := "said by"
		if s.Kind == "relation" {
			label = "stated by"
		}
		fmt.Fprintf(w, "  %-8s%s\n", label, refText(s.Speaker))
	}
	if s.Source.IRI != "" {
		fmt.Fprintf(w, "  %-8s%s\n", "in", refText(s.Source))
	}
	for i, a := range s.About {
		label := ""
		if i == 0 {
			label = "about"
		}
		fmt.Fprintf(w, "  %-8s%s\n", label, refText(a))
	}
	if q := s.Quote; q != nil {
		fmt.Fprintf(w, "  %-8s%s\n", "quote", place(q))
		printContext(w, q, "    ", tty)
	}
	printEdges(w, "out", "→", s.Out, tty)
	printEdges(w, "in", "←", s.In, tty)
	if len(s.Claims) > 0 {
		fmt.Fprintf(w, "\nclaims (%d)\n", len(s.Claims))
		for _, c := range s.Claims {
			fmt.Fprintf(w, "  %s\n    %s\n", c.Claim.IRI, c.Claim.Title)
			if c.Quote != nil {
				fmt.Fprintf(w, "    %s: %q\n", place(c.Quote), c.Quote.Text)
			}
		}
	}
}

func printEdges(w io.Writer, title, arrow string, es []pipeline.Edge, tty bool) {
	if len(es) == 0 {
		return
	}
	fmt.Fprintf(w, "\n%s (%d)\n", title, len(es))
	for _, e := range es {
		origin := ""
		if e.Origin == "extracted" {
			origin = "  (extracted)"
		}
		fmt.Fprintf(w, "  %s %s %s%s\n", e.Kind, arrow, refText(e.Other), origin)
		if q := e.Quote; q != nil {
			fmt.Fprintf(w, "      %s: %q\n", place(q), q.Text)
		}
	}
}

// printContext writes the quote's paragraph or turn with the quote marked.
func printContext(w io.Writer, q *pipeline.Quoted, indent string, tty bool) {
	if q.Context == "" {
		return
	}
	r := []rune(q.Context)
	open, close := "⟦", "⟧"
	if tty {
		open, close = "\x1b[7m", "\x1b[0m"
	}
	marked := string(r[:q.QuoteStart]) + open + string(r[q.QuoteStart:q.QuoteEnd]) + close + string(r[q.QuoteEnd:])
	fmt.Fprintln(w)
	for _, line := range strings.Split(marked, "\n") {
		fmt.Fprintf(w, "%s%s\n", indent, line)
	}
	fmt.Fprintln(w)
}

// place says where a quote is: file:line[:col], the time, the speaker label.
func place(q *pipeline.Quoted) string {
	var parts []string
	switch {
	case q.File != "" && q.Column > 0:
		parts = append(parts, fmt.Sprintf("%s:%d:%d", q.File, q.Line, q.Column))
	case q.File != "" && q.Line > 0:
		parts = append(parts, fmt.Sprintf("%s:%d", q.File, q.Line))
	default:
		parts = append(parts, fmt.Sprintf("characters %d-%d", q.Start, q.End))
	}
	if q.HasTime {
		parts = append(parts, clock(q.SaidAt))
	}
	if q.Label != "" {
		parts = append(parts, q.Label)
	}
	return strings.Join(parts, "  ")
}

// clock writes seconds as [hh:mm:ss].
func clock(sec float64) string {
	s := int(sec)
	return fmt.Sprintf("[%02d:%02d:%02d]", s/3600, s/60%60, s%60)
}

func refText(r pipeline.Ref) string {
	if r.Title == "" || r.Title == r.IRI {
		return r.IRI
	}
	return fmt.Sprintf("%s (%s)", r.Title, r.IRI)
}
