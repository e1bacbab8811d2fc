package export

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/graphbuilder/graph/internal/diag"
	"github.com/graphbuilder/graph/internal/vocab"
)

// Errors of [Map.Select] that callers branch on.
var (
	// ErrUnknownSource means a selected source is not among the quads.
	ErrUnknownSource = errors.New("unknown source")
	// ErrUnknownKind means a selected node kind is neither a core kind nor present.
	ErrUnknownKind = errors.New("unknown node kind")
	// ErrUnknownFocus means the focus node is not in the map.
	ErrUnknownFocus = errors.New("unknown focus")
	// ErrTooLarge means the selection has more nodes than allowed; see [TooLargeError].
	ErrTooLarge = errors.New("map too large")
)

// TooLargeError reports a selection with more nodes than [Selection.MaxNodes].
type TooLargeError struct {
	Nodes, Max int
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("the map has %d nodes, more than the limit of %d", e.Nodes, e.Max)
}

// Is makes a TooLargeError match [ErrTooLarge].
func (e *TooLargeError) Is(target error) bool { return target == ErrTooLarge }

// NotFoundError reports a source, kind or focus that does not exist, with the
// closest existing name when one is close enough.
type NotFoundError struct {
	Err        error // ErrUnknownSource, ErrUnknownKind or ErrUnknownFocus
	Name       string
	Suggestion string
}

func (e *NotFoundError) Error() string {
	what := strings.TrimPrefix(e.Err.Error(), "unknown ")
	msg := fmt.Sprintf("no %s %q in the graph", what, e.Name)
	if e.Suggestion != "" {
		msg += fmt.Sprintf("; did you mean %q?", e.Suggestion)
	}
	return msg
}

func (e *NotFoundError) Unwrap() error { return e.Err }

// CoreKinds are the node kinds of the core schema that a map draws.
var CoreKinds = []string{"person", "company", "organization", "group", "product", "concept", KindClaim}

// Selection says which part of a [Map] to keep. The zero value keeps everything
// except [About] edges, and drops entities left without edges.
type Selection struct {
	// Sources keeps the claims, relations and assertions of these source IDs, the
	// entities they name, and the facts of those sources and of catalogs.
	Sources []string
	// Kinds keeps only nodes of these kinds.
	Kinds []string
	// Focus keeps only the nodes within Depth edges of this node (an ID, with or
	// without angle brackets), edges taken in either direction.
	Focus string
	Depth int
	// About keeps the edges from claims to what they are about.
	About bool
	// KeepIsolated keeps entities that no kept edge touches.
	KeepIsolated bool
	// MaxNodes fails the selection with a [TooLargeError] when more nodes remain;
	// zero means no limit.
	MaxNodes int
}

// Select returns the part of the map that sel describes. The result shares nodes
// and edges with m; neither is modified.
func (m *Map) Select(sel Selection) (*Map, error) {
	keepNode := map[string]bool{}
	for _, n := range m.Nodes {
		keepNode[n.ID] = true
	}
	keepEdge := func(e *Edge) bool { return e.Category != About || sel.About }
	sources := m.Sources

	if len(sel.Sources) > 0 {
		want := map[string]bool{}
		known := make([]string, len(m.Sources))
		for i, s := range m.Sources {
			known[i] = s.ID
		}
		sources = nil
		for _, id := range sel.Sources {
			s := m.Source(id)
			if s == nil {
				return nil, &NotFoundError{Err: ErrUnknownSource, Name: id, Suggestion: diag.Suggest(id, known)}
			}
			if !want[id] {
				sources = append(sources, s)
			}
			want[id] = true
		}
		sort.Slice(sources, func(i, j int) bool { return sources[i].ID < sources[j].ID })
		for _, n := range m.Nodes {
			keepNode[n.ID] = n.Kind == KindClaim && want[n.Source] || n.IsEntity() && inSources(n.Labels, want)
		}
		prev := keepEdge
		keepEdge = func(e *Edge) bool {
			if !prev(e) {
				return false
			}
			id, fromSource := vocab.SourceID(e.Label)
			if e.Category == Fact && !fromSource {
				return true
			}
			return fromSource && want[id]
		}
	}

	if len(sel.Kinds) > 0 {
		want := map[string]bool{}
		known := map[string]bool{}
		for _, k := range CoreKinds {
			known[k] = true
		}
		for _, n := range m.Nodes {
			known[n.Kind] = true
		}
		for _, k := range sel.Kinds {
			if !known[k] {
				names := make([]string, 0, len(known))
				for k := range known {
					names = append(names, k)
				}
				sort.Strings(names)
				return nil, &NotFoundError{Err: ErrUnknownKind, Name: k, Suggestion: diag.Suggest(k, names)}
			}
			want[k] = true
		}
		for _, n := range m.Nodes {
			keepNode[n.ID] = keepNode[n.ID] && want[n.Kind]
		}
	}

	edges := m.keptEdges(keepNode, keepEdge)

	var focus string
	if sel.Focus != "" {
		focus = strings.TrimSuffix(strings.TrimPrefix(sel.Focus, "<"), ">")
		if m.byID[focus] == nil {
			ids := make([]string, len(m.Nodes))
			for i, n := range m.Nodes {
				ids[i] = n.ID
			}
			return nil, &NotFoundError{Err: ErrUnknownFocus, Name: focus, Suggestion: diag.Suggest(focus, ids)}
		}
		if !keepNode[focus] {
			return nil, fmt.Errorf("%w: %q is not in the selection (kind %s)", ErrUnknownFocus, focus, m.byID[focus].Kind)
		}
		reach := neighbourhood(focus, sel.Depth, edges)
		for id := range keepNode {
			keepNode[id] = keepNode[id] && reach[id]
		}
		edges = m.keptEdges(keepNode, func(e *Edge) bool { return edges[e] })
	}

	if !sel.KeepIsolated {
		touched := map[string]bool{}
		for e := range edges {
			touched[e.From] = true
			touched[e.To] = true
			if e.Target != nil {
				touched[e.Target.From] = true
				touched[e.Target.To] = true
			}
		}
		for _, n := range m.Nodes {
			if n.IsEntity() && !touched[n.ID] && n.ID != focus {
				keepNode[n.ID] = false
			}
		}
	}

	out := &Map{byID: map[string]*Node{}, all: m.all, Sources: sources}
	for _, n := range m.Nodes {
		if keepNode[n.ID] {
			out.add(n)
		}
	}
	for _, e := range m.Edges {
		if edges[e] {
			out.Edges = append(out.Edges, e)
		}
	}
	if sel.MaxNodes > 0 && len(out.Nodes) > sel.MaxNodes {
		return nil, &TooLargeError{Nodes: len(out.Nodes), Max: sel.MaxNodes}
	}
	return out, nil
}

func inSources(labels []string, want map[string]bool) bool {
	for _, l := range labels {
		if id, ok := vocab.SourceID(l); ok && want[id] {
			return true
		}
	}
	return false
}

// keptEdges returns the edges that ok accepts and whose ends are kept nodes or,
// for an edge that attacks another edge, a kept edge.
func (m *Map) keptEdges(keepNode map[string]bool, ok func(*Edge) bool) map[*Edge]bool {
	kept := map[*Edge]bool{}
	decided := map[*Edge]bool{}
	var keep func(e *Edge) bool
	keep = func(e *Edge) bool {
		if decided[e] {
			return kept[e]
		}
		decided[e] = true // the loader rules out cycles; this guards against bad input
		k := ok(e) && keepNode[e.From]
		if e.Target != nil {
			k = k && keep(e.Target)
		} else {
			k = k && keepNode[e.To]
		}
		kept[e] = k
		return k
	}
	for _, e := range m.Edges {
		keep(e)
	}
	for e, k := range kept {
		if !k {
			delete(kept, e)
		}
	}
	return kept
}

// neighbourhood returns the nodes within depth edges of start, edges taken in
// either direction; an edge that attacks another edge links its source to both
// ends of its target.
func neighbourhood(start string, depth int, edges map[*Edge]bool) map[string]bool {
	adj := map[string][]string{}
	link := func(a, b string) {
		adj[a] = append(adj[a], b)
		adj[b] = append(adj[b], a)
	}
	for e := range edges {
		if e.Target != nil {
			link(e.From, e.Target.From)
			link(e.From, e.Target.To)
			continue
		}
		link(e.From, e.To)
	}
	reach := map[string]bool{start: true}
	frontier := []string{start}
	for d := 0; d < depth && len(frontier) > 0; d++ {
		var next []string
		for _, id := range frontier {
			for _, n := range adj[id] {
				if !reach[n] {
					reach[n] = true
					next = append(next, n)
				}
			}
		}
		frontier = next
	}
	return reach
}
