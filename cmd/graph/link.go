package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/cayleygraph/quad"
	"github.com/spf13/cobra"

	"github.com/graphbuilder/graph/internal/diag"
	"github.com/graphbuilder/graph/internal/link"
	"github.com/graphbuilder/graph/internal/store"
	"github.com/graphbuilder/graph/schema"
)

type linkOptions struct {
	// Decisions is the decisions file (links.yaml).
	Decisions string
	// Accept or Reject, with Pair, records a decision before linking.
	Accept, Reject bool
	Pair           []string
	Config         Config
}

func (a *app) newLinkCmd() *cobra.Command {
	opts := &linkOptions{}
	cmd := &cobra.Command{
		Use:   "link [--accept A B | --reject A B]",
		Short: "Resolve entities across interview graphs and write same_as links",
		Long: `link reads every entity in the store and finds those that independently written
interview graphs name with different ids: by wikidata id, by names and aliases
compared after folding (a full name weighs more than a surname alone), and only
between compatible kinds (a person is never a company). Pairs that are clearly one
are linked; doubtful ones, such as two people who share only a surname, are listed
for you to decide. Each run replaces everything under the label <link>: a node per
pair with its score and reason, and <same_as> edges in both directions.

Decisions are kept in a YAML file (--decisions, default links.yaml) so that runs are
stable; --accept A B and --reject A B record one and link again:

    graph link
    graph link --accept amodei dario-amodei
    graph link --reject daniela-amodei dario-amodei`,
		Args: func(cmd *cobra.Command, args []string) error {
			if opts.Accept && opts.Reject {
				return inputError("give --accept or --reject, not both")
			}
			if opts.Accept || opts.Reject {
				if len(args) != 2 {
					return inputError("--accept and --reject take two entity ids, A B; got %d", len(args))
				}
				return nil
			}
			if len(args) > 0 {
				return inputError("link takes no arguments without --accept or --reject; got %q", strings.Join(args, " "))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := a.cfg.Load()
			if err != nil {
				return err
			}
			opts.Config, opts.Pair = cfg, args
			return runLink(cmd.Context(), opts, a.stdout, a.stderr)
		},
	}
	cmd.Flags().StringVar(&opts.Decisions, "decisions", link.DefaultDecisionsFile, "YAML file of accepted and rejected pairs")
	cmd.Flags().BoolVar(&opts.Accept, "accept", false, "record that entities A and B are one thing, then link")
	cmd.Flags().BoolVar(&opts.Reject, "reject", false, "record that entities A and B are two things, then link")
	return cmd
}

func runLink(ctx context.Context, opts *linkOptions, stdout, stderr io.Writer) error {
	st, err := store.Open(ctx, opts.Config.Store)
	if err != nil {
		return err
	}
	defer st.Close()
	qs, err := st.AllQuads(ctx)
	if err != nil {
		return err
	}
	sch := schema.Core()
	es := link.Read(qs, func(kind string) bool {
		k := sch.Node(kind)
		return k != nil && k.Entity
	})
	if len(es) == 0 {
		return inputError("the %s store at %s holds no entities to link; build interview graphs first (graph build PATH)", st.Backend(), st.Where())
	}

	dec, ds := link.LoadDecisions(opts.Decisions)
	if reportLinkDiagnostics(stderr, ds) {
		return reported{ds}
	}
	if opts.Accept || opts.Reject {
		if err := checkLinkPair(es, opts.Pair, opts.Accept); err != nil {
			return err
		}
		changed, err := link.Decide(opts.Decisions, opts.Pair[0], opts.Pair[1], opts.Accept)
		if err != nil {
			return err
		}
		verb := map[bool]string{true: "accepted", false: "rejected"}[opts.Accept]
		if changed {
			fmt.Fprintf(stdout, "%s %s, %s in %s\n", verb, opts.Pair[0], opts.Pair[1], opts.Decisions)
		} else {
			fmt.Fprintf(stdout, "%s, %s were already %s in %s\n", opts.Pair[0], opts.Pair[1], verb, opts.Decisions)
		}
		if dec, ds = link.LoadDecisions(opts.Decisions); reportLinkDiagnostics(stderr, ds) {
			return reported{ds}
		}
	}
	ds = dec.Check(es)
	res, more := link.Resolve(es, dec)
	ds = append(ds, more...).Sort()
	if reportLinkDiagnostics(stderr, ds) {
		return reported{ds}
	}

	out := link.Quads(res)
	ch, err := st.Replace(ctx, map[quad.IRI][]quad.Quad{link.Label: out})
	if err != nil {
		return err
	}
	if err := st.Close(); err != nil {
		return fmt.Errorf("close store: %w", err)
	}
	printLinks(stdout, res, es, len(out), ch, opts.Decisions)
	return nil
}

// reportLinkDiagnostics prints diagnostics with paths relative to the working
// directory and reports whether any is an error.
func reportLinkDiagnostics(w io.Writer, ds diag.Diagnostics) bool {
	if len(ds) == 0 {
		return false
	}
	if wd, err := os.Getwd(); err == nil {
		ds.Relative(wd)
	}
	diag.Render(w, ds)
	if ds.HasErrors() {
		fmt.Fprintln(w, "nothing was written")
		return true
	}
	return false
}

// checkLinkPair checks the ids of --accept or --reject against the store.
func checkLinkPair(es []link.Entity, pair []string, accept bool) error {
	kind := map[string]string{}
	ids := make([]string, len(es))
	for i, e := range es {
		kind[e.ID], ids[i] = e.Kind, e.ID
	}
	for _, id := range pair {
		if _, ok := kind[id]; !ok {
			if sug := diag.Suggest(id, ids); sug != "" {
				return inputError("no entity %q in the store\nhint: did you mean %q?", id, sug)
			}
			return inputError("no entity %q in the store", id)
		}
	}
	if pair[0] == pair[1] {
		return inputError("a pair needs two different ids, not %q twice", pair[0])
	}
	if a, b := pair[0], pair[1]; accept && !link.Compatible(kind[a], kind[b]) {
		return inputError("%s (a %s) and %s (a %s) cannot be one thing", a, kind[a], b, kind[b])
	}
	return nil
}

func printLinks(w io.Writer, res *link.Result, es []link.Entity, quads int, ch store.Change, decisions string) {
	shared := 0
	for _, e := range es {
		n := 0
		for _, l := range e.Scope {
			if strings.HasPrefix(l, "source/") {
				n++
			}
		}
		if n > 1 {
			shared++
		}
	}
	linked, accepted := res.Count(link.Linked), res.Count(link.Accepted)
	ambiguous, rejected := res.Count(link.Ambiguous), res.Count(link.Rejected)
	fmt.Fprintf(w, "%d entities; %d already shared by id between sources; %d pairs linked, %d accepted, %d to decide, %d rejected\n",
		len(es), shared, linked, accepted, ambiguous, rejected)
	fmt.Fprintf(w, "wrote %d quads under %s (%d added, %d removed)\n", quads, link.Label, ch.Added, ch.Removed)
	if len(res.Pairs) == 0 {
		fmt.Fprintln(w, "\nno two entities of different sources look like one thing")
		return
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "STATUS\tSCORE\tA\tB\tREASON")
	for _, p := range res.Pairs {
		reason := p.Reason
		if p.Decision.File != "" {
			reason += fmt.Sprintf(" (%s at %s)", p.Status, p.Decision.Location())
		}
		fmt.Fprintf(tw, "%s\t%.2f\t%s\t%s\t%s\n", p.Status, p.Score, p.A, p.B, reason)
	}
	tw.Flush()
	if ambiguous > 0 {
		fmt.Fprintf(w, "\nto decide: graph link --accept A B (one thing) or --reject A B (two); decisions are kept in %s\n", decisions)
	}
}
