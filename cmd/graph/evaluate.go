package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/graphbuilder/graph/internal/pipeline"
	"github.com/graphbuilder/graph/internal/semantics"
	"github.com/graphbuilder/graph/internal/store"
)

type evaluateOptions struct {
	Semantics string
	Sources   []string
	Speakers  []string
	Explain   string
	// AF, Format, Task and Arg run an ICCMA task on a framework file instead.
	AF, Format, Task, Arg string
	JSON                  bool
	Config                Config
}

func (a *app) newEvaluateCmd() *cobra.Command {
	opts := &evaluateOptions{}
	cmd := &cobra.Command{
		Use:   "evaluate [--semantics S] [--source ID]... [--speaker ID]... [--explain CLAIM]",
		Short: "Which claims stand: grounded, complete, preferred or stable semantics",
		Long: `evaluate reads the argument graph of the store as an argumentation framework and
says which claims stand. Claims are arguments; rebuttals and criticisms between
claims attack them; a support is an inference that can be defeated (by an attack
on its premise or its conclusion, or by an undercut); an undercut of a rebuttal
makes that attack defeasible too. docs/semantics.md explains the reading.

Grounded semantics (the default) labels every claim in, out or undecided. Under
preferred, stable and complete semantics a claim is accepted skeptically (in every
extension), credulously (in some) or rejected.

Without --source or --speaker, every source is evaluated together (joined by their
cross-source references), and the results of grounded, preferred and stable
semantics are written under the labels <evaluation/grounded>, ... so that Gizmo
can ask which claims stand; graph build keeps them current from then on.
--source and --speaker evaluate a part only, and write nothing.

--af FILE --task TASK [--arg A] runs an ICCMA task (DC, DS, SE, EE under CO, GR,
PR, ST) on a framework file in the 2023 format (p af N) or the older apx and tgf,
and prints the answer as the competition does.`,
		Example: `  graph evaluate
  graph evaluate --semantics preferred --source amodei-2025
  graph evaluate --speaker dario-amodei --speaker article-author
  graph evaluate --explain amodei-2025/no-diminishing-returns
  graph evaluate --af framework.af --task DC-PR --arg 3`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return inputError("evaluate takes no arguments; got %q (a claim to explain goes after --explain)", strings.Join(args, " "))
			}
			return checkEvaluateFlags(cmd, opts)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.AF != "" {
				return a.runEvaluateAF(opts)
			}
			cfg, err := a.cfg.LoadExisting()
			if err != nil {
				return err
			}
			opts.Config = cfg
			return a.runEvaluate(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Semantics, "semantics", "grounded", "grounded, complete, preferred or stable")
	f.StringSliceVar(&opts.Sources, "source", nil, "evaluate only these sources (repeat or separate by commas)")
	f.StringSliceVar(&opts.Speakers, "speaker", nil, "evaluate only the claims of these entities")
	f.StringVar(&opts.Explain, "explain", "", "explain why a claim (SOURCE/ID) or support is in, out or undecided")
	f.StringVar(&opts.AF, "af", "", "run an ICCMA task on this framework file instead of the store")
	f.StringVar(&opts.Format, "format", "", "the framework file's format: af (ICCMA 2023), apx or tgf (default: by its extension or content)")
	f.StringVar(&opts.Task, "task", "", "the ICCMA task with --af: DC-, DS-, SE- or EE- and CO, GR, PR or ST")
	f.StringVar(&opts.Arg, "arg", "", "the argument that DC and DS ask about, with --af")
	jsonFlag(cmd, &opts.JSON)
	return cmd
}

// checkEvaluateFlags rejects flags that do not go together.
func checkEvaluateFlags(cmd *cobra.Command, opts *evaluateOptions) error {
	changed := func(names ...string) []string {
		var out []string
		for _, n := range names {
			if cmd.Flags().Changed(n) {
				out = append(out, "--"+n)
			}
		}
		return out
	}
	if opts.AF == "" {
		if set := changed("task", "arg", "format"); len(set) > 0 {
			return inputError("%s go with --af FILE, a framework file", strings.Join(set, ", "))
		}
		if _, err := semantics.ParseSemantics(opts.Semantics); err != nil {
			return inputError("%v", err)
		}
		return nil
	}
	if set := changed("semantics", "source", "speaker", "explain"); len(set) > 0 {
		return inputError("%s do not go with --af, which runs one ICCMA task (--task) on a file", strings.Join(set, ", "))
	}
	if opts.Task == "" {
		return inputError("--af needs --task, such as DC-PR, DS-ST, SE-GR or EE-CO")
	}
	return nil
}

func (a *app) runEvaluateAF(opts *evaluateOptions) error {
	ans, ds, err := pipeline.SolveAF(pipeline.AFOptions{File: opts.AF, Format: opts.Format, Task: opts.Task, Arg: opts.Arg})
	a.report(relative(ds), "")
	if err != nil {
		return err
	}
	if opts.JSON {
		return writeJSON(a.stdout, ans)
	}
	return semantics.WriteAnswer(a.stdout, ans.Framework, ans.Syntax, ans.Answer)
}

func (a *app) runEvaluate(ctx context.Context, opts *evaluateOptions) error {
	st, err := store.Open(ctx, opts.Config.Store)
	if err != nil {
		return err
	}
	defer st.Close()
	scoped := len(opts.Sources) > 0 || len(opts.Speakers) > 0
	res, err := pipeline.Acceptability(ctx, st, pipeline.AcceptabilityOptions{
		Semantics: opts.Semantics, Sources: opts.Sources, Speakers: opts.Speakers,
		Explain: opts.Explain, Write: !scoped,
	})
	if err != nil {
		return err
	}
	if err := st.Close(); err != nil {
		return fmt.Errorf("close store: %w", err)
	}
	if opts.JSON {
		return writeJSON(a.stdout, res)
	}
	if res.Explanation != nil {
		printExplanation(a.stdout, res.Explanation)
		return nil
	}
	printAcceptance(a.stdout, res)
	return nil
}

func printAcceptance(w io.Writer, res *pipeline.Acceptance) {
	scope := "every source"
	if len(res.Sources) > 0 {
		scope = strings.Join(res.Sources, ", ")
	}
	if len(res.Speakers) > 0 {
		scope += ", claims of " + strings.Join(res.Speakers, ", ")
	}
	fmt.Fprintf(w, "%s semantics over %s: %s, %s, %s; %s, %s\n", res.Semantics, scope,
		plural(len(res.Claims), "claim"), plural(len(res.Supports), "support"), plural(len(res.Undercut), "undercut attack"),
		plural(res.Arguments, "argument"), plural(res.Attacks, "attack"))
	if res.Semantics != "grounded" {
		more := ""
		if !res.ExtensionsCounted {
			more = " or more"
		}
		fmt.Fprintf(w, "%d%s %s extensions\n", res.Extensions, more, res.Semantics)
	}
	var counts []string
	for _, c := range res.Counts {
		counts = append(counts, fmt.Sprintf("%d %s", c.Count, c.Kind))
	}
	fmt.Fprintf(w, "claims: %s\n", strings.Join(counts, ", "))
	if wr := res.Written; wr != nil {
		fmt.Fprintf(w, "wrote %d quads under %s (%d added, %d removed)\n", wr.Quads, strings.Join(angled(wr.Labels), ", "), wr.Added, wr.Removed)
	}
	order := map[string]int{"in": 0, "skeptical": 0, "credulous": 1, "out": 2, "undecided": 3, "rejected": 4}
	claims := slices.Clone(res.Claims)
	slices.SortStableFunc(claims, func(x, y pipeline.Judged) int { return order[x.Status] - order[y.Status] })
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "STATUS\tSPEAKER\tCLAIM\tDEFEATED BY")
	for _, c := range claims {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", c.Status, c.Speaker.Title, shortIRI(c.IRI), strings.Join(shortIRIs(c.DefeatedBy), " "))
	}
	tw.Flush()
	var weak []pipeline.Judged
	for _, s := range slices.Concat(res.Supports, res.Undercut) {
		if s.Grounded != "in" {
			weak = append(weak, s)
		}
	}
	if len(weak) > 0 {
		fmt.Fprintf(w, "\nsupports and undercut attacks that do not stand (grounded):\n")
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		for _, s := range weak {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", s.Grounded, s.Kind, clip(s.Title, 60), strings.Join(shortIRIs(s.DefeatedBy), " "))
		}
		tw.Flush()
	}
	fmt.Fprintf(w, "\nwhy: graph evaluate --explain SOURCE/CLAIM\n")
}

var explainRoles = map[string]string{
	"attacked_by": "attacked by", "defeated_by": "defeated by", "undecided_with": "undecided with",
}

func printExplanation(w io.Writer, e *pipeline.Explanation) {
	if e.Semantics == "" || e.Semantics == "grounded" {
		printSteps(w, e.Steps, 0)
		return
	}
	sem := e.Semantics
	fmt.Fprintf(w, "%s: %s under %s semantics (grounded: %s)\n", shortIRI(e.IRI), strings.ToUpper(e.Status), sem, e.Grounded)
	switch {
	case len(e.Steps) == 0 && len(e.Without) == 0:
		fmt.Fprintf(w, "  the framework has no %s extension: every claim is accepted skeptically, vacuously\n", sem)
		return
	case len(e.Without) == 0:
		fmt.Fprintf(w, "  in every %s extension; in one of them:\n", sem)
	case len(e.Steps) == 0:
		fmt.Fprintf(w, "  in no %s extension; in one of them:\n", sem)
	default:
		fmt.Fprintf(w, "  in a %s extension that holds it:\n", sem)
	}
	if len(e.Steps) > 0 {
		printSteps(w, e.Steps, 2)
		if len(e.Without) > 0 {
			fmt.Fprintf(w, "  in a %s extension without it:\n", sem)
		}
	}
	printSteps(w, e.Without, 2)
}

// printSteps prints the steps of an explanation, indented by depth levels more.
func printSteps(w io.Writer, steps []pipeline.Step, depth int) {
	if len(steps) == 1 && steps[0].Status == "in" {
		defer fmt.Fprintf(w, "%s  nothing in the framework attacks it\n", strings.Repeat("  ", depth))
	}
	for _, s := range steps {
		ind := strings.Repeat("  ", s.Depth+depth)
		head := shortIRI(s.IRI)
		if s.Kind != "claim" {
			head = s.Kind + " " + s.IRI
		}
		if role := explainRoles[s.Role]; role != "" {
			head = role + " " + head
		}
		fmt.Fprintf(w, "%s%s: %s\n", ind, head, strings.ToUpper(s.Status))
		who := s.Speaker.Title
		if s.Source != "" {
			who += ", " + s.Source
		}
		fmt.Fprintf(w, "%s  %s — %s\n", ind, s.Title, strings.TrimPrefix(who, ", "))
		if s.Quote != "" {
			fmt.Fprintf(w, "%s  quote: “%s”\n", ind, s.Quote)
		}
		if v := s.Via; v != nil {
			how := v.Kind
			if v.Reason != v.Kind {
				how += fmt.Sprintf(" (carried to it as an attack on its %s)", v.Reason)
			}
			by := ""
			if v.StatedBy.Title != "" {
				by = ", stated by " + v.StatedBy.Title
			}
			fmt.Fprintf(w, "%s  by %s%s", ind, how, by)
			if v.Quote != "" {
				fmt.Fprintf(w, ": “%s”", v.Quote)
			}
			fmt.Fprintln(w)
		}
		if s.Seen {
			fmt.Fprintf(w, "%s  (its reasons are given above)\n", ind)
		}
	}
}

// clip shortens text to at most n characters.
func clip(text string, n int) string {
	r := []rune(text)
	if len(r) <= n {
		return text
	}
	return string(r[:n-1]) + "…"
}

// shortIRI writes a claim's IRI as SOURCE/ID.
func shortIRI(iri string) string { return strings.TrimPrefix(iri, "claim/") }

func shortIRIs(iris []string) []string {
	out := make([]string, len(iris))
	for i, s := range iris {
		out[i] = shortIRI(s)
	}
	return out
}

func angled(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = "<" + s + ">"
	}
	return out
}
