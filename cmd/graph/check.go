package main

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/graphbuilder/graph/internal/store"
)

type checkOptions struct {
	JSON   bool
	Config Config
}

func (a *app) newCheckCmd() *cobra.Command {
	opts := &checkOptions{}
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Check that the store's records are consistent",
		Long: `check reads the whole store and checks its records: on a bolt store, Cayley's data
version and key-value layout (log, size, nodes, value records, reference counts,
indexes) and graph's manifests of each source. It lists every problem it finds and
changes nothing. Exit status 0 means the store is consistent, 1 that it is damaged
or could not be read. Memory and PostgreSQL stores keep their own consistency;
there check only reads every quad back, and says so.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := a.cfg.LoadReadOnly()
			if err != nil {
				return err
			}
			opts.Config = cfg
			return runCheck(cmd.Context(), opts, a.stdout)
		},
	}
	jsonFlag(cmd, &opts.JSON)
	return cmd
}

// checked is the JSON shape of check.
type checked struct {
	Backend      string           `json:"backend"`
	Where        string           `json:"where"`
	Consistent   bool             `json:"consistent"`
	Quads        int              `json:"quads"`
	Labels       int              `json:"labels"`
	Nodes        int              `json:"nodes"`
	Checks       []string         `json:"checks"`
	ChecksPassed int              `json:"checks_passed"`
	Problems     []checkedProblem `json:"problems"`
	Note         string           `json:"note"`
}

type checkedProblem struct {
	Check  string `json:"check"`
	Detail string `json:"detail"`
}

func runCheck(ctx context.Context, opts *checkOptions, w io.Writer) error {
	st, err := store.Open(ctx, opts.Config.Store)
	if err != nil {
		return err
	}
	defer st.Close()
	r, err := st.Verify(ctx)
	if err != nil {
		return err
	}
	if opts.JSON {
		out := checked{
			Backend: r.Backend, Where: r.Where, Consistent: r.Consistent(),
			Quads: r.Quads, Labels: r.Labels, Nodes: r.Nodes,
			Checks: append([]string{}, r.Checks...), ChecksPassed: r.Passed,
			Problems: []checkedProblem{}, Note: r.Note,
		}
		for _, p := range r.Problems {
			out.Problems = append(out.Problems, checkedProblem{p.Check, p.Detail})
		}
		if err := writeJSON(w, out); err != nil {
			return err
		}
	} else {
		printCheck(w, &r)
	}
	if !r.Consistent() {
		return fmt.Errorf("the %s store at %s is damaged: %d of %s found problems",
			r.Backend, r.Where, len(r.Checks)-r.Passed, plural(len(r.Checks), "check"))
	}
	return nil
}

// printCheck prints a report for people: one line when all is well, otherwise one
// line per problem.
func printCheck(w io.Writer, r *store.Report) {
	counts := fmt.Sprintf("%s, %s, %s", plural(r.Quads, "quad"), plural(r.Labels, "label"), plural(r.Nodes, "node"))
	switch {
	case !r.Consistent():
		for _, p := range r.Problems {
			fmt.Fprintf(w, "problem: %s\n", p)
		}
	case r.Backend == store.Bolt:
		fmt.Fprintf(w, "ok: the bolt store at %s is consistent: %s\n", r.Where, counts)
	default:
		fmt.Fprintf(w, "ok: every quad of the %s store at %s reads back: %s\n", r.Backend, r.Where, counts)
	}
	if r.Note != "" {
		fmt.Fprintf(w, "note: %s\n", r.Note)
	}
}
