package export

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/graphbuilder/graph/internal/vocab"
)

// Cluster says how [WriteDOT] groups nodes into boxes.
type Cluster string

// Ways to cluster.
const (
	// ClusterSource boxes each source's claims, and the entities only it names.
	ClusterSource Cluster = "source"
	// ClusterSpeaker boxes each speaker with its claims.
	ClusterSpeaker Cluster = "speaker"
	// ClusterNone draws no boxes.
	ClusterNone Cluster = "none"
)

// Clusters lists the ways to cluster.
var Clusters = []Cluster{ClusterSource, ClusterSpeaker, ClusterNone}

// FontName is the font list of every label: the first installed family with CJK
// glyphs wins, so Chinese labels render in Graphviz and in browsers alike.
const FontName = "Noto Sans CJK SC, WenQuanYi Zen Hei, sans-serif"

// Direction is the way a map flows, from speakers to their claims and on to the
// reasons for them.
type Direction string

// Directions.
const (
	// LeftToRight stacks the claims of a rank in a column: compact for boxes of
	// wrapped text, and the default.
	LeftToRight Direction = "LR"
	// TopToBottom ranks claims under their speakers.
	TopToBottom Direction = "TB"
)

// Directions lists the directions.
var Directions = []Direction{LeftToRight, TopToBottom}

// DOTOptions tune [WriteDOT].
type DOTOptions struct {
	// Cluster groups nodes; empty means [ClusterSource].
	Cluster Cluster
	// Direction is the flow of the map; empty means [LeftToRight].
	Direction Direction
	// NoLegend leaves out the legend of node and edge kinds.
	NoLegend bool
	// Status, when set, colours each claim by its grounded label (in, out or
	// undecided, by claim IRI; see graph evaluate) and adds the colours to the
	// legend. Without it the map is drawn as before.
	Status map[string]string
}

// statusStyles are the looks of claims by their grounded label.
var statusStyles = map[string]nodeStyle{
	"in":        {shape: "box", style: "rounded,filled", fill: "#dcfce7", color: "#15803d"},
	"out":       {shape: "box", style: "rounded,filled,dashed", fill: "#fee2e2", color: "#b91c1c"},
	"undecided": {shape: "box", style: "rounded,filled", fill: "#fef9c3", color: "#a16207"},
}

// Label wrapping, in columns (see [wrap]): about 18 CJK or 40 Latin characters.
const (
	claimColumns    = 40
	entityColumns   = 24
	maxClaimLines   = 10
	claimFontSize   = 10
	entityFontSize  = 11
	labelPadding    = 18 // points of margin around a label
	pointsPerInch   = 72
	speakerMaxWidth = 40
)

type nodeStyle struct {
	shape, style, fill, color string
	extra                     string
}

// nodeStyles maps node kinds to their look; kinds of user schemas get unknownStyle.
var nodeStyles = map[string]nodeStyle{
	"person":       {shape: "ellipse", style: "filled", fill: "#dbeafe", color: "#1e40af"},
	"company":      {shape: "box", style: "filled", fill: "#fde68a", color: "#92400e"},
	"organization": {shape: "tab", style: "filled", fill: "#fed7aa", color: "#9a3412"},
	"group":        {shape: "hexagon", style: "filled", fill: "#ccfbf1", color: "#0f766e"},
	"product":      {shape: "component", style: "filled", fill: "#fbcfe8", color: "#9d174d"},
	"concept":      {shape: "ellipse", style: "filled,dashed", fill: "#f1f5f9", color: "#475569"},
	KindClaim:      {shape: "box", style: "rounded,filled", fill: "#fffdf5", color: "#57534e"},
}

var unknownStyle = nodeStyle{shape: "ellipse", style: "filled", fill: "#ffffff", color: "#6b7280"}

func styleOf(kind string) nodeStyle {
	if s, ok := nodeStyles[kind]; ok {
		return s
	}
	return unknownStyle
}

type edgeStyle struct {
	color, style string
	penwidth     string
}

// edgeStyles maps argument kinds to their look; other argument kinds are black.
var edgeStyles = map[string]edgeStyle{
	string(vocab.Criticizes): {color: "#dc2626", style: "solid", penwidth: "1.6"},
	string(vocab.Rebuts):     {color: "#7f1d1d", style: "dashed", penwidth: "1.8"},
	string(vocab.Supports):   {color: "#16a34a", style: "solid", penwidth: "1.5"},
	string(vocab.Undercuts):  {color: "#7e22ce", style: "dotted", penwidth: "2.2"},
}

var (
	otherArgumentStyle = edgeStyle{color: "#111827", style: "solid", penwidth: "1.4"}
	factStyle          = edgeStyle{color: "#9ca3af", style: "solid", penwidth: "0.7"}
	assertsStyle       = edgeStyle{color: "#cbd5e1", style: "invis", penwidth: "0.6"}
	aboutStyle         = edgeStyle{color: "#cbd5e1", style: "dotted", penwidth: "0.7"}
)

func edgeStyleOf(e *Edge) edgeStyle {
	switch e.Category {
	case Argument:
		if s, ok := edgeStyles[e.Kind]; ok {
			return s
		}
		return otherArgumentStyle
	case Asserts:
		return assertsStyle
	case About:
		return aboutStyle
	}
	return factStyle
}

// WriteDOT writes the map as a Graphviz digraph: an argument map in which node
// shapes and colours tell kinds apart, claims are wrapped boxes headed by their
// speaker, and edge colours and strokes tell argument kinds apart.
//
// Relation nodes are not drawn: each relation is an edge from its from-node to its
// to-node. A relation that another one undercuts is drawn through a small point at
// its middle, and the undercut ends at that point.
//
// Layout hints: speakers rank above their claims (weighted asserts edges), a
// supported claim ranks above its reasons, and attacks (criticizes, rebuts,
// undercuts) do not constrain ranks, so a rebuttal sits beside what it rebuts.
func WriteDOT(w io.Writer, m *Map, opts DOTOptions) error {
	if opts.Cluster == "" {
		opts.Cluster = ClusterSource
	}
	if opts.Direction == "" {
		opts.Direction = LeftToRight
	}
	d := &dotWriter{w: bufio.NewWriter(w), m: m, opts: opts}
	d.write()
	if d.err != nil {
		return d.err
	}
	return d.w.Flush()
}

type dotWriter struct {
	w    *bufio.Writer
	err  error
	m    *Map
	opts DOTOptions
	// stagger is the minimum length of each asserts edge (see [stagger]).
	stagger map[*Edge]int
}

// claimsPerRow is about how many claims of one speaker share a rank before
// [stagger] starts a new row.
const claimsPerRow = 10

// stagger spreads a speaker's claims over several rows, as Graphviz's unflatten
// does with leaves: the asserts edges of a speaker with many claims get minimum
// lengths 1, 2, ..., k in turn, so that a speaker of seventy claims does not make a
// single row of seventy boxes.
func stagger(m *Map) map[*Edge]int {
	bySpeaker := map[string][]*Edge{}
	for _, e := range m.Edges {
		if e.Category == Asserts {
			bySpeaker[e.From] = append(bySpeaker[e.From], e)
		}
	}
	out := map[*Edge]int{}
	for _, es := range bySpeaker {
		k := (len(es) + claimsPerRow - 1) / claimsPerRow
		for i, e := range es {
			out[e] = 1 + i%k
		}
	}
	return out
}

func (d *dotWriter) printf(format string, args ...any) {
	if d.err == nil {
		_, d.err = fmt.Fprintf(d.w, format, args...)
	}
}

func (d *dotWriter) write() {
	m := d.m
	d.printf("// Argument map written by graph export dot: %d nodes, %d edges.\n", len(m.Nodes), len(m.Edges))
	d.printf("digraph \"argument map\" {\n")
	nodesep, ranksep := "0.12", "0.5"
	if d.opts.Direction == TopToBottom {
		nodesep, ranksep = "0.25", "0.45"
	}
	d.printf("\tgraph [charset=\"UTF-8\" fontname=%s fontsize=13 rankdir=%s newrank=true nodesep=%s ranksep=%s pad=0.3 outputorder=edgesfirst",
		quote(FontName), d.opts.Direction, nodesep, ranksep)
	if d.opts.Cluster != ClusterSource && len(m.Sources) == 1 {
		d.printf(" label=%s labelloc=t", quote(sourceTitle(m.Sources[0])))
	}
	d.printf("]\n")
	d.printf("\tnode [fontname=%s fontsize=%d penwidth=1.1 margin=\"0.12,0.06\"]\n", quote(FontName), entityFontSize)
	d.printf("\tedge [fontname=%s fontsize=8 arrowsize=0.7]\n", quote(FontName))

	// A relation that is undercut is drawn through a point, in the box of its
	// from-node.
	split := map[*Edge]bool{}
	for _, e := range m.Edges {
		if e.Target != nil {
			split[e.Target] = true
		}
	}
	points := map[string][]*Edge{}
	for _, e := range m.Edges {
		if split[e] {
			points[e.From] = append(points[e.From], e)
		}
	}

	clusters, members := d.clusters()
	inCluster := map[string]bool{}
	for _, c := range clusters {
		d.printf("\tsubgraph %s {\n", quote("cluster_"+c.id))
		d.printf("\t\tgraph [label=%s style=\"rounded,filled\" fillcolor=%q color=%q fontsize=%d margin=12]\n",
			quote(c.label), c.fill, "#94a3b8", c.fontsize)
		for _, n := range members[c.id] {
			d.node("\t\t", n)
			for _, e := range points[n.ID] {
				d.point("\t\t", e)
			}
			inCluster[n.ID] = true
		}
		d.printf("\t}\n")
	}
	for _, n := range m.Nodes {
		if !inCluster[n.ID] {
			d.node("\t", n)
			for _, e := range points[n.ID] {
				d.point("\t", e)
			}
		}
	}
	d.stagger = stagger(m)
	for _, e := range m.Edges {
		d.edge(e, split[e])
	}
	if !d.opts.NoLegend {
		d.legend()
	}
	d.printf("}\n")
}

type cluster struct {
	id, label, fill string
	fontsize        int
}

// clusters returns the boxes to draw, sorted by id, and the nodes in each.
func (d *dotWriter) clusters() ([]cluster, map[string][]*Node) {
	m := d.m
	members := map[string][]*Node{}
	var out []cluster
	switch d.opts.Cluster {
	case ClusterSource:
		known := map[string]bool{}
		for _, s := range m.Sources {
			known[s.ID] = true
		}
		for _, n := range m.Nodes {
			src := n.Source
			if n.IsEntity() {
				src = ""
				for _, l := range n.Labels {
					if id, ok := vocab.SourceID(l); ok && known[id] {
						if src != "" {
							src = "" // named by two sources: between their boxes
							break
						}
						src = id
					}
				}
			}
			if known[src] {
				id := string(vocab.SourceIRI(src))
				members[id] = append(members[id], n)
			}
		}
		for _, s := range m.Sources {
			if id := string(vocab.SourceIRI(s.ID)); len(members[id]) > 0 {
				out = append(out, cluster{id: id, label: sourceTitle(s), fill: "#f8fafc", fontsize: 14})
			}
		}
	case ClusterSpeaker:
		for _, n := range m.Nodes {
			if n.Kind == KindClaim && n.Speaker != "" {
				members["speaker/"+n.Speaker] = append(members["speaker/"+n.Speaker], n)
			}
		}
		for _, n := range m.Nodes {
			if ms := members["speaker/"+n.ID]; len(ms) > 0 {
				members["speaker/"+n.ID] = append([]*Node{n}, ms...)
			}
		}
		ids := make([]string, 0, len(members))
		for id := range members {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		for _, id := range ids {
			out = append(out, cluster{id: id, label: d.speakerName(strings.TrimPrefix(id, "speaker/")), fill: "#f8fafc", fontsize: 12})
		}
	}
	return out, members
}

func sourceTitle(s *Source) string {
	t := s.Title
	if t == "" {
		t = s.ID
	}
	meta := s.ID
	if s.Date != "" {
		meta += ", " + s.Date
	}
	return strings.Join(wrap(t, 80), "\n") + "\n(" + meta + ")"
}

func (d *dotWriter) isClaim(id string) bool {
	n := d.m.Node(id)
	return n != nil && n.Kind == KindClaim
}

func (d *dotWriter) speakerName(id string) string {
	if n := d.m.Lookup(id); n != nil && n.Name != "" {
		return n.Name
	}
	return id
}

func (d *dotWriter) node(indent string, n *Node) {
	st := styleOf(n.Kind)
	if ss, ok := statusStyles[d.opts.Status[n.ID]]; ok && n.Kind == KindClaim {
		st = ss
	}
	var label string
	var lines []string
	size := float64(entityFontSize)
	attrs := []string{}
	if n.Kind == KindClaim {
		size = claimFontSize
		lines = wrap(n.Title(), claimColumns)
		if len(lines) > maxClaimLines {
			lines = append(lines[:maxClaimLines-1], lines[maxClaimLines-1]+" …")
		}
		speaker := "?"
		if n.Speaker != "" {
			speaker = strings.Join(wrap(d.speakerName(n.Speaker), speakerMaxWidth), " ")
		}
		lines = append([]string{speaker + ":"}, lines...)
		label = strings.Join(escapeLines(lines), `\n`)
		attrs = append(attrs, "fontsize="+strconv.Itoa(claimFontSize))
		if status := d.opts.Status[n.ID]; status != "" && n.Quote != "" {
			attrs = append(attrs, "tooltip="+quote(status+": “"+n.Quote+"”"))
		} else if n.Quote != "" {
			attrs = append(attrs, "tooltip="+quote("“"+n.Quote+"”"))
		}
	} else {
		lines = wrap(n.Title(), entityColumns)
		label = strings.Join(escapeLines(lines), `\n`)
		if len(n.Aliases) > 0 {
			attrs = append(attrs, "tooltip="+quote(n.Title()+"\n"+strings.Join(n.Aliases, ", ")))
		}
		if n.Kind != KindUnknown {
			if _, ok := nodeStyles[n.Kind]; !ok {
				label += `\n(` + escape(n.Kind) + ")"
				lines = append(lines, "("+n.Kind+")")
			}
		}
	}
	var widest float64
	for _, l := range lines {
		widest = max(widest, textWidth(l, size))
	}
	width := (widest + 2*labelPadding) / pointsPerInch
	if st.shape == "ellipse" || st.shape == "hexagon" {
		width *= 1.25 // their labels sit in a narrower inner box
	}
	d.printf("%s%s [id=%s label=\"%s\" shape=%s style=%q fillcolor=%q color=%q width=%s",
		indent, quote(n.ID), quote(n.ID), label, st.shape, st.style, st.fill, st.color, inches(width))
	for _, a := range attrs {
		d.printf(" %s", a)
	}
	d.printf("]\n")
}

// edge writes one edge; a split edge goes through a point named after its relation,
// where the edges that undercut it end.
func (d *dotWriter) edge(e *Edge, split bool) {
	st := edgeStyleOf(e)
	attrs := []string{fmt.Sprintf("color=%q", st.color), "style=" + st.style, "penwidth=" + st.penwidth}
	if e.ID != "" {
		attrs = append([]string{"id=" + quote(e.ID)}, attrs...)
	}
	if e.Quote != "" {
		attrs = append(attrs, "tooltip="+quote(e.Kind+": “"+e.Quote+"”"))
	} else {
		attrs = append(attrs, "tooltip="+quote(e.Kind))
	}
	reverse := false
	switch {
	case e.Category == Asserts:
		attrs = append(attrs, "arrowhead=none", "weight=4", "minlen="+strconv.Itoa(d.stagger[e]))
	case e.Category == About:
		attrs = append(attrs, "arrowhead=vee", "arrowsize=0.5", "weight=0", "constraint=false")
	case e.Category == Fact:
		attrs = append(attrs, "label="+quote(e.Kind), "fontcolor=\"#6b7280\"", "arrowsize=0.5")
	case e.Kind == string(vocab.Supports):
		reverse = true
		attrs = append(attrs, "weight=2")
	case e.Target == nil && d.isClaim(e.From) && d.isClaim(e.To):
		// An attack between claims may share a rank: the answer beside the claim.
		attrs = append(attrs, "minlen=0", "weight=3")
	default:
		attrs = append(attrs, "constraint=false")
	}
	to := e.To
	if e.Target != nil {
		to = e.Target.ID
	}
	if !split {
		d.arrow(e.From, to, attrs, reverse)
		return
	}
	first := append(append([]string{}, attrs...), "arrowhead=none")
	if e.ID != "" {
		first[0] = "id=" + quote(e.ID+"#from")
		attrs[0] = "id=" + quote(e.ID+"#to")
	}
	d.arrow(e.From, e.ID, first, reverse)
	d.arrow(e.ID, to, attrs, reverse)
}

// point writes the point through which a split edge is drawn.
func (d *dotWriter) point(indent string, e *Edge) {
	d.printf("%s%s [id=%s shape=point width=0.08 color=%q tooltip=%s]\n",
		indent, quote(e.ID), quote(e.ID), edgeStyleOf(e).color, quote(e.Kind+" (undercut)"))
}

// arrow writes from -> to, or, reversed, to -> from drawn backwards so that the
// head ranks above the tail.
func (d *dotWriter) arrow(from, to string, attrs []string, reverse bool) {
	if reverse {
		from, to = to, from
		for i, a := range attrs {
			if a == "arrowhead=none" {
				attrs[i] = "dir=none"
				reverse = false
			}
		}
		if reverse {
			attrs = append(attrs, "dir=back")
		}
	}
	d.printf("\t%s -> %s [%s]\n", quote(from), quote(to), strings.Join(attrs, " "))
}

// legend draws one sample of every node kind and edge kind in the map.
func (d *dotWriter) legend() {
	kinds := map[string]bool{}
	for _, n := range d.m.Nodes {
		kinds[n.Kind] = true
	}
	type sample struct {
		name string
		st   edgeStyle
	}
	var edges []sample
	seen := map[string]bool{}
	argKinds := []string{string(vocab.Criticizes), string(vocab.Rebuts), string(vocab.Supports), string(vocab.Undercuts)}
	var other []string
	for _, e := range d.m.Edges {
		name := e.Kind
		if e.Category == Fact {
			name = "fact"
		}
		if !seen[name] && e.Category == Argument && edgeStyles[name] == (edgeStyle{}) {
			other = append(other, name)
		}
		seen[name] = true
	}
	sort.Strings(other)
	for _, k := range append(argKinds, other...) {
		if seen[k] {
			edges = append(edges, sample{k, edgeStyleOf(&Edge{Kind: k, Category: Argument})})
		}
	}
	if seen["fact"] {
		edges = append(edges, sample{"fact (labelled)", factStyle})
	}
	if seen["about"] {
		edges = append(edges, sample{"about", aboutStyle})
	}
	if len(kinds) == 0 && len(edges) == 0 {
		return
	}
	d.printf("\tsubgraph \"cluster_legend\" {\n")
	d.printf("\t\tgraph [label=\"Legend\" style=\"rounded\" color=\"#cbd5e1\" fontsize=11 margin=8]\n")
	var first string
	for _, k := range append(append([]string{}, CoreKinds...), sortedKeys(kinds)...) {
		if !kinds[k] {
			continue
		}
		delete(kinds, k)
		st := styleOf(k)
		name := k
		if k == KindUnknown {
			name = "not described"
		}
		id := "legend/" + name
		if first == "" {
			first = id
		}
		d.printf("\t\t%s [label=%s shape=%s style=%q fillcolor=%q color=%q fontsize=9 width=0.9 height=0.3]\n",
			quote(id), quote(name), st.shape, st.style, st.fill, st.color)
	}
	if len(d.opts.Status) > 0 {
		present := map[string]bool{}
		for _, n := range d.m.Nodes {
			if n.Kind == KindClaim {
				present[d.opts.Status[n.ID]] = true
			}
		}
		for _, status := range []string{"in", "out", "undecided"} {
			if !present[status] {
				continue
			}
			st := statusStyles[status]
			d.printf("\t\t%s [label=%s shape=%s style=%q fillcolor=%q color=%q fontsize=9 width=0.9 height=0.3]\n",
				quote("legend/claim "+status), quote("claim "+status), st.shape, st.style, st.fill, st.color)
		}
	}
	for _, s := range edges {
		a, b := "legend/"+s.name+"/from", "legend/"+s.name+"/to"
		d.printf("\t\t%s [shape=point width=0.03 color=%q]\n", quote(a), s.st.color)
		d.printf("\t\t%s [shape=point width=0.03 color=%q]\n", quote(b), s.st.color)
		d.printf("\t\t%s -> %s [label=%s color=%q style=%s penwidth=%s fontsize=9 minlen=1]\n",
			quote(a), quote(b), quote(" "+s.name), s.st.color, s.st.style, s.st.penwidth)
		if first != "" {
			d.printf("\t\t%s -> %s [style=invis]\n", quote(first), quote(a))
		}
	}
	d.printf("\t}\n")
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func inches(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }

// quote returns s as a DOT string; line breaks become \n.
func quote(s string) string {
	return `"` + strings.ReplaceAll(escape(s), "\n", `\n`) + `"`
}

// escape makes s literal inside a quoted DOT string, where a backslash starts an
// escape sequence such as \n.
func escape(s string) string {
	if !strings.ContainsAny(s, "\\\"\r") {
		return s
	}
	return escaper.Replace(s)
}

var escaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\r", "")

func escapeLines(lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = escape(l)
	}
	return out
}
