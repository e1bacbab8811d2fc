package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/graphbuilder/graph/internal/link"
	"github.com/graphbuilder/graph/internal/pipeline"
	"github.com/graphbuilder/graph/internal/store"
	"github.com/graphbuilder/graph/internal/vocab"
)

type linkOptions struct {
	// Decisions is the decisions file (links.yaml).
	Decisions string
	// Accept or Reject, with Pair, records a decision before linking.
	Accept, Reject bool
	Pair           []string
	// Claims also proposes pairs of claims; Kind is the relation of an accepted
	// pair of claims.
	Claims bool
	Kind   string
	JSON   bool
	Config Config
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
    graph link --reject daniela-amodei dario-amodei

With --claims it also proposes pairs of claims of different sources that say the
same thing (rephrases) or answer each other (rebuts, supports), scored by the
entities and concepts they share (about, speakers, names and aliases in their
texts, in any script) and, within one script, by the words of their texts. A
pair is written as a relation under <link> once it is accepted; the ids are
SOURCE/CLAIM, and --kind says which relation (the first claim's to the second):

    graph link --claims
    graph link --claims --accept lecun-2024/open-platforms-win amodei-2025/open-source-is-red-herring --kind rebuts
    graph link --claims --reject lecun-2024/llms-are-useful amodei-2025/coding-helps-next-model`,
		Args: func(cmd *cobra.Command, args []string) error {
			if opts.Accept && opts.Reject {
				return inputError("give --accept or --reject, not both")
			}
			if opts.Accept || opts.Reject {
				if len(args) != 2 {
					return inputError("--accept and --reject take two entity ids, A B; got %d", len(args))
				}
				if opts.Kind != "" && !opts.Accept {
					return inputError("--kind goes with --accept of two claims")
				}
				return nil
			}
			if opts.Kind != "" {
				return inputError("--kind goes with --accept of two claims")
			}
			if len(args) > 0 {
				return inputError("link takes no arguments without --accept or --reject; got %q", strings.Join(args, " "))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := a.cfg.LoadExisting()
			if err != nil {
				return err
			}
			opts.Config, opts.Pair = cfg, args
			return a.runLink(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.Decisions, "decisions", link.DefaultDecisionsFile, "YAML file of accepted and rejected pairs")
	cmd.Flags().BoolVar(&opts.Accept, "accept", false, "record that entities A and B are one thing, then link")
	cmd.Flags().BoolVar(&opts.Reject, "reject", false, "record that entities A and B are two things, then link")
	cmd.Flags().BoolVar(&opts.Claims, "claims", false, "also propose pairs of claims of different sources that rephrase, rebut or support each other")
	cmd.Flags().StringVar(&opts.Kind, "kind", "", "with --accept of two claims: the relation, "+strings.Join(link.ClaimKinds, ", "))
	jsonFlag(cmd, &opts.JSON)
	return cmd
}

func (a *app) runLink(ctx context.Context, opts *linkOptions) error {
	st, err := store.Open(ctx, opts.Config.Store)
	if err != nil {
		return err
	}
	defer st.Close()
	lopts := pipeline.LinkOptions{Decisions: opts.Decisions, Claims: opts.Claims}
	if opts.Accept || opts.Reject {
		lopts.Decide = &pipeline.Decision{A: opts.Pair[0], B: opts.Pair[1], Accept: opts.Accept, Kind: opts.Kind}
	}
	res, ds, err := pipeline.Link(ctx, st, lopts)
	a.report(ds, "nothing was written")
	if err != nil {
		return err
	}
	if err := st.Close(); err != nil {
		return fmt.Errorf("close store: %w", err)
	}
	if opts.JSON {
		return writeJSON(a.stdout, res)
	}
	printLinks(a.stdout, res)
	printClaimLinks(a.stdout, res, opts.Claims)
	return nil
}

func printClaimLinks(w io.Writer, res *pipeline.Linked, claims bool) {
	if !claims && len(res.ClaimPairs) == 0 {
		return
	}
	n := map[string]int{}
	for _, p := range res.ClaimPairs {
		n[p.Status]++
	}
	fmt.Fprintln(w)
	if claims {
		fmt.Fprintf(w, "%d claims; pairs of claims: %d accepted, %d proposed, %d rejected\n", res.Claims, n["accepted"], n["proposed"], n["rejected"])
	} else {
		fmt.Fprintf(w, "pairs of claims: %d accepted, %d rejected (graph link --claims proposes more)\n", n["accepted"], n["rejected"])
	}
	if len(res.ClaimPairs) == 0 {
		return
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "STATUS\tSCORE\tFROM\tKIND\tTO\tREASON")
	for _, p := range res.ClaimPairs {
		reason := p.Reason
		if p.Decision != "" {
			reason += fmt.Sprintf(" (%s at %s)", p.Status, p.Decision)
		}
		fmt.Fprintf(tw, "%s\t%.2f\t%s\t%s\t%s\t%s\n", p.Status, p.Score, p.From, p.Kind, p.To, reason)
	}
	tw.Flush()
	if n["proposed"] > 0 {
		fmt.Fprintf(w, "\nto decide: graph link --claims --accept FROM TO --kind KIND, or --reject FROM TO; decisions are kept in %s\n", res.Decisions)
	}
}

func printLinks(w io.Writer, res *pipeline.Linked) {
	if d := res.Decided; d != nil {
		verb := map[bool]string{true: "accepted", false: "rejected"}[d.Accept]
		if d.Changed {
			fmt.Fprintf(w, "%s %s, %s in %s\n", verb, d.A, d.B, res.Decisions)
		} else {
			fmt.Fprintf(w, "%s, %s were already %s in %s\n", d.A, d.B, verb, res.Decisions)
		}
	}
	fmt.Fprintf(w, "%d entities; %d already shared by id between sources; %d pairs linked, %d accepted, %d to decide, %d rejected\n",
		res.Entities, res.Shared, res.Linked, res.Accepted, res.Ambiguous, res.Rejected)
	fmt.Fprintf(w, "wrote %d quads under %s (%d added, %d removed)\n", res.Quads, vocab.LinkLabel, res.Added, res.Removed)
	if len(res.Pairs) == 0 {
		fmt.Fprintln(w, "\nno two entities of different sources look like one thing")
		return
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "STATUS\tSCORE\tA\tB\tREASON")
	for _, p := range res.Pairs {
		reason := p.Reason
		if p.Decision != "" {
			reason += fmt.Sprintf(" (%s at %s)", p.Status, p.Decision)
		}
		fmt.Fprintf(tw, "%s\t%.2f\t%s\t%s\t%s\n", p.Status, p.Score, p.A, p.B, reason)
	}
	tw.Flush()
	if res.Ambiguous > 0 {
		fmt.Fprintf(w, "\nto decide: graph link --accept A B (one thing) or --reject A B (two); decisions are kept in %s\n", res.Decisions)
	}
}
