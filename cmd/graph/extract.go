package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/graphbuilder/graph/internal/extract/finding"
	"github.com/graphbuilder/graph/internal/interview"
	"github.com/graphbuilder/graph/internal/pipeline"
	"github.com/graphbuilder/graph/internal/yamlpos"
)

type extractOptions struct {
	Path          string
	Graph         string
	Rules         []string
	Lang          string
	Format        string
	JSON          bool
	MinConfidence float64
	// Accept and Reject name a finding (its id in --format yaml) to record a
	// decision on in the decisions file beside the graph.
	Accept, Reject string
	// Write appends the accepted findings to the graph file.
	Write bool
}

func (a *app) newExtractCmd() *cobra.Command {
	opts := &extractOptions{}
	cmd := &cobra.Command{
		Use:   "extract PATH",
		Short: "Dry run of the extraction rules: mentions, claims and relations with their spans",
		Long: `extract runs the extraction rules over a transcript and shows what they find,
without writing anything. PATH is an interview graph (a graph.yaml or its folder: its
transcript, entities, speakers and rule packs are used) or a plain text file (then
--graph names the graph whose entities and speakers to use, and --lang picks the
builtin pack when the graph does not say).

--format yaml writes the findings as claims: and relations: lists to append to the
graph's own, with readable ids; findings the graph has already are left out.
--accept ID and --reject ID record a decision in findings.yaml beside the graph: a
rejected finding is never proposed again, an accepted one is marked accepted, and
--write appends the accepted findings to graph.yaml (see docs/review.md):

    graph extract examples/amodei-2025 --format yaml
    graph extract examples/amodei-2025 --reject critics-claim
    graph extract examples/amodei-2025 --accept critics-on-ai-safety --write`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Path = args[0]
			return a.runExtract(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Graph, "graph", "", "interview graph whose entities and speakers to use for a plain text file")
	f.StringArrayVar(&opts.Rules, "rules", nil, "extra rule pack file (repeatable)")
	f.StringVar(&opts.Lang, "lang", "", "language of the builtin pack to use (zh, en); default: the graph's language")
	f.StringVar(&opts.Format, "format", "table", "output: table, json (--format json is --json) or yaml (findings in the graph format)")
	jsonFlag(cmd, &opts.JSON)
	f.Float64Var(&opts.MinConfidence, "min-confidence", 0, "drop findings whose rule confidence is below this")
	f.StringVar(&opts.Accept, "accept", "", "record that the finding ID (as --format yaml prints it) is kept")
	f.StringVar(&opts.Reject, "reject", "", "record that the finding ID (as --format yaml prints it) is never proposed again")
	f.BoolVar(&opts.Write, "write", false, "append the accepted findings to the graph's graph.yaml")
	return cmd
}

// extractInput is the text a run reads and the graph it belongs to.
type extractInput struct {
	file  string
	text  string
	graph *interview.Graph
}

// extractInputOf reads the text of opts.Path: a graph's transcript, or a plain text
// file with the graph of opts.Graph, if any.
func (a *app) extractInputOf(opts *extractOptions) (*extractInput, error) {
	in := &extractInput{}
	graphPath := opts.Graph
	info, err := os.Stat(opts.Path)
	if err != nil {
		return nil, inputError("%v", err)
	}
	if info.IsDir() || strings.HasSuffix(opts.Path, ".yaml") || strings.HasSuffix(opts.Path, ".yml") {
		if graphPath != "" {
			return nil, inputError("--graph is for plain text files; %s is a graph already", opts.Path)
		}
		graphPath = opts.Path
	} else {
		data, err := os.ReadFile(opts.Path)
		if err != nil {
			return nil, inputError("%v", err)
		}
		if off := yamlpos.InvalidUTF8(data); off >= 0 {
			return nil, inputError("%s is not valid UTF-8: bad byte at offset %d", opts.Path, off)
		}
		in.file, in.text = opts.Path, string(data)
	}
	if graphPath != "" {
		cfg, err := a.cfg.Load()
		if err != nil {
			return nil, err
		}
		loaded, err := pipeline.Load([]string{graphPath}, cfg.AllowPaths...)
		a.report(loaded.Diagnostics, "nothing was written")
		if err != nil {
			return nil, err
		}
		if len(loaded.Graphs) != 1 {
			return nil, inputError("%s holds %d graphs; name one", graphPath, len(loaded.Graphs))
		}
		in.graph = loaded.Graphs[0]
		if in.text == "" {
			in.file = filepath.Join(filepath.Dir(in.graph.File), in.graph.Source.Transcript)
			in.text = in.graph.Transcript
		}
	}
	return in, nil
}

func (a *app) runExtract(_ context.Context, opts *extractOptions) error {
	if err := opts.check(); err != nil {
		return err
	}
	review := opts.review()
	in, err := a.extractInputOf(opts)
	if err != nil {
		return err
	}
	if review && in.graph == nil {
		return inputError("--format yaml, --accept, --reject and --write need an interview graph")
	}
	res, ds, err := pipeline.Extract(in.graph, in.text, pipeline.RuleOptions{Lang: opts.Lang, Extra: opts.Rules, MinConfidence: opts.MinConfidence})
	a.report(ds, "")
	if err != nil {
		return err
	}
	if review {
		return a.runReview(in.graph, res, opts)
	}
	if opts.JSON {
		return writeJSON(a.stdout, res)
	}
	printExtraction(a.stdout, in.file, res)
	return nil
}

func printExtraction(w io.Writer, file string, res *finding.Result) {
	counts := map[string]int{}
	pronouns := 0
	for _, m := range res.Mentions {
		if m.Pronoun {
			pronouns++
			continue
		}
		counts[m.Entity]++
	}
	ids := make([]string, 0, len(counts))
	for id := range counts {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool {
		if counts[ids[i]] != counts[ids[j]] {
			return counts[ids[i]] > counts[ids[j]]
		}
		return ids[i] < ids[j]
	})
	fmt.Fprintf(w, "%s: %d mentions of %d entities (and %d pronouns resolved to a speaker), %d claims, %d relations, %d new names\n",
		file, len(res.Mentions)-pronouns, len(ids), pronouns, len(res.Claims), len(res.Relations), len(finding.Candidates(res.Names)))
	fmt.Fprintf(w, "\nMENTIONS\n")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, id := range ids {
		fmt.Fprintf(tw, "  %s\t%d\n", id, counts[id])
	}
	tw.Flush()
	if len(res.Claims) > 0 {
		fmt.Fprintf(w, "\nCLAIMS\n")
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		for _, c := range res.Claims {
			fmt.Fprintf(tw, "  %d-%d\t%s\t%s %.2f\t%s\n", c.Span.Start, c.Span.End, c.Speaker, c.Rule, c.Confidence, c.Text)
		}
		tw.Flush()
	}
	if len(res.Relations) > 0 {
		text := map[string]string{}
		for _, c := range res.Claims {
			text[c.ID] = c.ID + " " + shorten(c.Text, 16)
		}
		end := func(id string) string {
			if t, ok := text[id]; ok {
				return t
			}
			return id
		}
		fmt.Fprintf(w, "\nRELATIONS\n")
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		for _, r := range res.Relations {
			fmt.Fprintf(tw, "  %d-%d\t%s --%s--> %s\t%s %.2f\n", r.Evidence.Start, r.Evidence.End, end(r.From), r.Kind, end(r.To), r.Rule, r.Confidence)
		}
		tw.Flush()
	}
	if len(res.Names) > 0 {
		fmt.Fprintf(w, "\nNEW NAMES (the entities to curate: times found, the kind guessed, where first)\n")
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		for _, c := range finding.Candidates(res.Names) {
			fmt.Fprintf(tw, "  %s\t%dx\t%s\tfirst at %d-%d\t%s %.2f\n", c.Name, c.Count, c.Kind, c.First.Start, c.First.End, c.Rule, c.Confidence)
		}
		tw.Flush()
	}
}

// check checks the options that go together, and sets JSON for --format json.
func (o *extractOptions) check() error {
	switch o.Format {
	case "table":
	case "json":
		o.JSON = true
	case "yaml":
		if o.JSON {
			return inputError("give --json or --format yaml, not both")
		}
	default:
		return inputError("unknown format %q (table, json or yaml)", o.Format)
	}
	if o.Accept != "" && o.Reject != "" {
		return inputError("give --accept or --reject, not both")
	}
	if o.Write && o.Format == "yaml" {
		return inputError("give --write or --format yaml, not both")
	}
	if o.review() && o.JSON {
		return inputError("--format yaml, --accept, --reject and --write print text, not JSON")
	}
	if o.review() && o.Graph != "" {
		return inputError("--format yaml, --accept, --reject and --write are for a graph's own transcript, not a text file with --graph")
	}
	return nil
}

// review reports whether the run reviews findings rather than showing them.
func (o *extractOptions) review() bool {
	return o.Format == "yaml" || o.Accept != "" || o.Reject != "" || o.Write
}

// runReview records a decision on a finding, when asked, and writes the findings
// in the graph format for --format yaml.
func (a *app) runReview(g *interview.Graph, res *finding.Result, opts *extractOptions) error {
	var ropts pipeline.ReviewOptions
	switch {
	case opts.Accept != "":
		ropts.Decide = &pipeline.FindingDecision{ID: opts.Accept, Accept: true}
	case opts.Reject != "":
		ropts.Decide = &pipeline.FindingDecision{ID: opts.Reject}
	}
	rev, ds, err := pipeline.Review(g, res, ropts)
	a.report(ds, "nothing was recorded")
	if err != nil {
		return err
	}
	if d := rev.Decided; d != nil {
		verb := map[bool]string{true: "accepted", false: "rejected"}[d.Accept]
		msg := fmt.Sprintf("%s %s in %s", verb, d.ID, rev.Decisions)
		if !rev.Changed {
			msg = fmt.Sprintf("%s was already %s in %s", d.ID, verb, rev.Decisions)
		}
		switch {
		case opts.Format == "yaml":
			// The note is a YAML comment, so that the output still pastes as it is.
			fmt.Fprintf(a.stdout, "# %s\n", msg)
		case !opts.Write:
			fmt.Fprintln(a.stdout, msg)
			return nil
		default:
			fmt.Fprintln(a.stdout, msg)
		}
	}
	if opts.Write {
		w, ds, err := pipeline.WriteAccepted(g, rev.Review)
		a.report(ds, g.File+" is left as it was")
		if err != nil {
			return err
		}
		if w.Claims+w.Relations == 0 {
			fmt.Fprintf(a.stdout, "no accepted findings to write into %s\n", w.File)
			return nil
		}
		fmt.Fprintf(a.stdout, "wrote %d accepted claims and %d accepted relations into %s\n", w.Claims, w.Relations, w.File)
		return nil
	}
	return rev.Review.WriteYAML(a.stdout)
}

// shorten cuts s to n characters, marking the cut.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
