package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/graphbuilder/graph/internal/aif"
	"github.com/graphbuilder/graph/internal/export"
	"github.com/graphbuilder/graph/internal/pipeline"
	"github.com/graphbuilder/graph/internal/store"
)

// Export formats: the first two write quads as they are, the others draw or encode
// the argument map read from them.
var (
	quadFormats = []string{"nquads", "jsonld"}
	mapFormats  = []string{"dot", "svg", "graphml", "aif"}
)

// defaultMaxNodes keeps a drawing readable and its layout quick.
const defaultMaxNodes = 400

type exportOptions struct {
	Format    string
	Sources   []string
	Kinds     []string
	Focus     string
	Depth     int
	MaxNodes  int
	Cluster   string
	Direction string
	About     bool
	Isolated  bool
	NoLegend  bool
	Status    string
	Renderer  string
	Out       string
	Config    Config

	// set records which flags were given, to reject those a format ignores.
	set map[string]bool
}

func (a *app) newExportCmd() *cobra.Command {
	opts := &exportOptions{}
	cmd := &cobra.Command{
		Use:   "export FORMAT",
		Short: "Write the graph as DOT, SVG, N-Quads, JSON-LD, GraphML or AIF",
		Long: `export writes the store's graph to standard output in one of these formats:

  dot      an argument map for Graphviz: claims under their speakers, argument edges
           coloured by kind (criticizes red, rebuts dashed dark red, supports green,
           undercuts dotted purple), facts thin grey, a legend, a box per source
  svg      the same map laid out and drawn, with Chinese labels intact; needs no
           system Graphviz (--renderer wasm), or uses dot from PATH (--renderer dot)
  nquads   every quad, sorted, the source as the fourth element
  jsonld   every quad as JSON-LD, one named graph per source
  graphml  the argument map as GraphML: nodes with kind and name, edges with
           predicate and source
  aif      the arguments in the Argument Interchange Format (AIF JSON): claims as
           I-nodes, supports as RA, rebuts and criticisms of claims as CA, each
           claim's locution as an L-node anchored by an Asserting YA

--source narrows every format; --kind, --focus, --depth, --max-nodes, --about and
--isolated narrow the maps (dot, svg, graphml, aif). --status colours each claim of
a dot or svg map by whether it stands: green in, red dashed out, yellow undecided,
under grounded semantics over the whole store (the results graph evaluate stored,
or computed when there are none), with a legend.`,
		Example: `  graph export svg --source amodei-2025 -o amodei.svg
  graph export dot --focus dario-amodei --depth 1 | dot -Tpng > dario.png
  graph export dot --kind claim --cluster speaker
  graph export svg --source amodei-2025 --status -o amodei-status.svg
  graph export nquads --source amodei-2025
  graph export aif --source amodei-2025 > amodei.aif.json`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := a.cfg.LoadReadOnly()
			if err != nil {
				return err
			}
			opts.Format, opts.Config = args[0], cfg
			opts.set = map[string]bool{}
			for _, name := range []string{"kind", "focus", "depth", "max-nodes", "about", "isolated", "cluster", "direction", "no-legend", "status", "renderer"} {
				opts.set[name] = cmd.Flags().Changed(name)
			}
			return a.runExport(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Out, "output", "o", "", "write to this file instead of standard output (replaced only when the export succeeds)")
	f.StringArrayVar(&opts.Sources, "source", nil, "only this source id (repeatable)")
	f.StringArrayVar(&opts.Kinds, "kind", nil, "only nodes of this kind: person, company, organization, group, product, concept, claim (repeatable)")
	f.StringVar(&opts.Focus, "focus", "", "only the neighbourhood of this entity or claim id")
	f.IntVar(&opts.Depth, "depth", 1, "with --focus: how many edges away from it to go")
	f.IntVar(&opts.MaxNodes, "max-nodes", defaultMaxNodes, "fail when the map has more nodes than this (0: no limit)")
	f.StringVar(&opts.Cluster, "cluster", string(export.ClusterSource), "dot, svg: box nodes per source, per speaker, or none")
	f.StringVar(&opts.Direction, "direction", string(export.LeftToRight), "dot, svg: LR (speakers, then their claims, then the reasons, left to right) or TB (top to bottom)")
	f.BoolVar(&opts.About, "about", false, "draw the edges from claims to what they are about")
	f.BoolVar(&opts.Isolated, "isolated", false, "keep entities that no drawn edge touches")
	f.BoolVar(&opts.NoLegend, "no-legend", false, "dot, svg: leave out the legend")
	f.StringVar(&opts.Status, "status", "", "dot, svg: colour claims in, out or undecided by their grounded label (stored by graph evaluate, or computed), with a legend")
	f.Lookup("status").NoOptDefVal = "grounded"
	f.StringVar(&opts.Renderer, "renderer", string(export.RendererAuto), "svg: auto (dot from PATH if there, else wasm), wasm (built in) or dot")
	return cmd
}

// check rejects formats, values and flags that do not fit together.
func (o *exportOptions) check() error {
	all := append(append([]string{}, mapFormats...), quadFormats...)
	slices.Sort(all)
	if !slices.Contains(all, o.Format) {
		return inputError("unknown export format %q (known: %s)", o.Format, strings.Join(all, ", "))
	}
	if slices.Contains(quadFormats, o.Format) {
		for _, name := range []string{"kind", "focus", "depth", "max-nodes", "about", "isolated"} {
			if o.set[name] {
				return inputError("--%s applies to the maps (%s), not to %s", name, strings.Join(mapFormats, ", "), o.Format)
			}
		}
	}
	if o.Format != "dot" && o.Format != "svg" {
		for _, name := range []string{"cluster", "direction", "no-legend", "status"} {
			if o.set[name] {
				return inputError("--%s applies to dot and svg, not to %s", name, o.Format)
			}
		}
	}
	if o.set["status"] && o.Status != "grounded" {
		return inputError("unknown --status %q: the map is coloured by the grounded labelling (--status or --status grounded)", o.Status)
	}
	if o.Format != "svg" && o.set["renderer"] {
		return inputError("--renderer applies to svg, not to %s", o.Format)
	}
	if !slices.Contains(export.Clusters, export.Cluster(o.Cluster)) {
		return inputError("unknown --cluster %q (known: source, speaker, none)", o.Cluster)
	}
	if !slices.Contains(export.Directions, export.Direction(o.Direction)) {
		return inputError("unknown --direction %q (known: LR, TB)", o.Direction)
	}
	if !slices.Contains(export.Renderers, export.Renderer(o.Renderer)) {
		return inputError("unknown --renderer %q (known: auto, wasm, dot)", o.Renderer)
	}
	if o.Depth < 0 {
		return inputError("--depth must not be negative")
	}
	if o.set["depth"] && o.Focus == "" {
		return inputError("--depth needs --focus")
	}
	if o.MaxNodes < 0 {
		return inputError("--max-nodes must not be negative")
	}
	return nil
}

func (a *app) runExport(ctx context.Context, opts *exportOptions) error {
	if err := opts.check(); err != nil {
		return err
	}
	if opts.Out == "" {
		return export1(ctx, opts, a.stdout)
	}
	return writeAtomically(opts.Out, func(w io.Writer) error { return export1(ctx, opts, w) })
}

// export1 writes the export to w.
func export1(ctx context.Context, opts *exportOptions, w io.Writer) error {
	st, err := store.Open(ctx, opts.Config.Store)
	if err != nil {
		return err
	}
	if slices.Contains(quadFormats, opts.Format) {
		defer st.Close()
		return pipeline.WriteQuads(ctx, st, opts.Sources, opts.Format, w)
	}
	qs, err := pipeline.Quads(ctx, st, opts.Sources)
	var status map[string]string
	if err == nil && opts.Status != "" {
		status, _, err = pipeline.ClaimStatus(ctx, st)
	}
	st.Close()
	if err != nil {
		return err
	}

	m, err := export.NewMap(qs).Select(export.Selection{
		Sources:      opts.Sources,
		Kinds:        opts.Kinds,
		Focus:        opts.Focus,
		Depth:        opts.Depth,
		About:        opts.About,
		KeepIsolated: opts.Isolated,
		MaxNodes:     opts.MaxNodes,
	})
	var tooLarge *export.TooLargeError
	switch {
	case errors.As(err, &tooLarge):
		return inputError("the map has %d nodes, more than --max-nodes %d: narrow it with --focus ENTITY --depth N, --source ID or --kind K, or raise --max-nodes",
			tooLarge.Nodes, tooLarge.Max)
	case errors.Is(err, export.ErrUnknownSource), errors.Is(err, export.ErrUnknownKind), errors.Is(err, export.ErrUnknownFocus):
		return inputError("%v", err)
	case err != nil:
		return err
	}

	dotOpts := export.DOTOptions{
		Cluster:   export.Cluster(opts.Cluster),
		Direction: export.Direction(opts.Direction),
		NoLegend:  opts.NoLegend,
		Status:    status,
	}
	switch opts.Format {
	case "dot":
		return export.WriteDOT(w, m, dotOpts)
	case "svg":
		var dot bytes.Buffer
		if err := export.WriteDOT(&dot, m, dotOpts); err != nil {
			return err
		}
		err := export.RenderSVG(ctx, w, dot.Bytes(), export.Renderer(opts.Renderer))
		if errors.Is(err, export.ErrNoDot) {
			return inputError("%v: install Graphviz, or use --renderer wasm", err)
		}
		return err
	case "graphml":
		return export.WriteGraphML(w, m)
	case "aif":
		return aif.Write(w, m)
	}
	return fmt.Errorf("format %q has no encoder", opts.Format)
}
