package export

import (
	"sort"

	"github.com/cayleygraph/quad"

	"github.com/graphbuilder/graph/internal/vocab"
)

// Node kinds with a meaning of their own in a [Map].
const (
	KindClaim = string(vocab.ClaimType)
	// KindUnknown is the kind of a node that edges point at but whose <type> is not
	// among the quads, such as an entity of a catalog that was not exported.
	KindUnknown = ""
)

// Category says what an [Edge] stands for.
type Category int

// Edge categories.
const (
	// Argument edges come from relation nodes (<rel/...>), from the argument
	// predicates of the core schema ([vocab.IsArgument]) or from quads that point
	// at a relation node.
	Argument Category = iota
	// Fact edges link two entities (ceo_of, develops, same_as, ...).
	Fact
	// Asserts edges link a speaker to a claim.
	Asserts
	// About edges link a claim to what it is about.
	About
)

func (c Category) String() string {
	switch c {
	case Argument:
		return "argument"
	case Fact:
		return "fact"
	case Asserts:
		return "asserts"
	case About:
		return "about"
	}
	return "unknown"
}

// A Map is the argument map read from a set of quads: entities and claims as nodes,
// argument relations, facts, assertions and topics as edges. Build one with
// [NewMap]; narrow it with [Map.Select].
type Map struct {
	// Nodes are sorted by ID.
	Nodes []*Node
	// Edges are sorted by From, To, Kind and Label.
	Edges []*Edge
	// Sources are the sources the quads describe, sorted by ID.
	Sources []*Source

	byID map[string]*Node
	// all holds every node of the map a selection was taken from, so that a claim
	// can name a speaker the selection left out.
	all map[string]*Node
}

// A Node is an entity or a claim.
type Node struct {
	// ID is the node's IRI without brackets: "dario-amodei",
	// "claim/amodei-2025/no-diminishing-returns".
	ID string
	// Kind is the object of the node's <type>: person, company, organization,
	// group, product, concept, claim, or a kind of a user schema.
	Kind    string
	Name    string
	Aliases []string
	// Text, Quote, Speaker (a node ID) and Source (a source ID) are set on claims.
	Text    string
	Quote   string
	Speaker string
	Source  string
	// Labels are the quad labels under which the node occurs, sorted.
	Labels []string
}

// Title is what a drawing calls the node: its name, its text, or its ID.
func (n *Node) Title() string {
	switch {
	case n.Name != "":
		return n.Name
	case n.Text != "":
		return n.Text
	}
	return n.ID
}

// IsEntity reports whether the node is an entity rather than a claim.
func (n *Node) IsEntity() bool { return n.Kind != KindClaim }

// An Edge is a typed link between two nodes, or from a node to another edge (an
// undercut of an argument relation).
type Edge struct {
	// ID is the relation's IRI (rel/UUID) for argument edges backed by a relation
	// node, and empty otherwise.
	ID       string
	From, To string
	// Kind is the predicate: criticizes, supports, ceo_of, asserts, about, ...
	Kind     string
	Category Category
	// Label is the quad label the edge was written under: source/ID or catalog/ID.
	Label    string
	StatedBy string
	Quote    string
	// Target is set when To names another edge's relation: the edge it attacks.
	Target *Edge
}

// SourceID is the id of the source the edge belongs to, or "" when its label is
// not a source's (a catalog's, for facts).
func (e *Edge) SourceID() string {
	id, _ := vocab.SourceID(e.Label)
	return id
}

// A Source is an interview, article or debate the quads come from.
type Source struct {
	ID       string
	Title    string
	Kind     string
	Language string
	Date     string
	URL      string
	Speakers []string
}

// Node returns the node with the given ID, or nil.
func (m *Map) Node(id string) *Node { return m.byID[id] }

// Lookup returns the node with the given ID, even when a selection left it out
// (the speaker of a kept claim, say), or nil.
func (m *Map) Lookup(id string) *Node {
	if n := m.byID[id]; n != nil {
		return n
	}
	return m.all[id]
}

// Source returns the source with the given ID, or nil.
func (m *Map) Source(id string) *Source {
	i := sort.Search(len(m.Sources), func(i int) bool { return m.Sources[i].ID >= id })
	if i < len(m.Sources) && m.Sources[i].ID == id {
		return m.Sources[i]
	}
	return nil
}

// NewMap reads quads into a map, through [vocab.Decode]. Quads it does not
// understand are left out; it never fails.
func NewMap(qs []quad.Quad) *Map { return MapOf(vocab.Decode(qs)) }

// MapOf is [NewMap] of a graph already decoded, which it does not change.
func MapOf(g *vocab.Graph) *Map {
	m := &Map{byID: map[string]*Node{}}
	m.all = m.byID
	for _, s := range g.Sources {
		m.Sources = append(m.Sources, &Source{
			ID: s.ID, Title: s.Title, Kind: s.Kind, Language: s.Language, Date: s.Date, URL: s.URL,
			Speakers: s.Speakers,
		})
	}
	for _, e := range g.Entities {
		m.add(&Node{ID: e.ID, Kind: e.Kind, Name: e.Name, Aliases: e.Aliases, Labels: e.Labels})
	}
	for _, c := range g.Claims {
		m.add(&Node{ID: c.IRI, Kind: KindClaim, Text: c.Text, Quote: c.Quote, Speaker: c.Speaker, Source: c.Source, Labels: c.Labels})
	}
	untyped := make(map[string]*vocab.UntypedNode, len(g.Untyped))
	for _, u := range g.Untyped {
		untyped[u.ID] = u
	}

	isRelation := func(id string) bool { return quad.IRI(g.Kind(id)) == vocab.RelationType }
	// Sources, relations, catalogs and link nodes are not nodes of the map.
	skip := func(id string) bool {
		switch quad.IRI(g.Kind(id)) {
		case vocab.SourceType, vocab.RelationType, vocab.CatalogType, vocab.LinkType:
			return true
		}
		return false
	}
	// Argument relations become edges; Decode has left out their shortcut quads.
	rels := map[string]*Edge{}
	for _, r := range g.Relations {
		if r.From == "" || r.To == "" || r.Kind == "" {
			continue
		}
		e := &Edge{ID: r.IRI, From: r.From, To: r.To, Kind: r.Kind, Category: Argument,
			Label: r.Label, StatedBy: r.StatedBy, Quote: r.Quote}
		rels[r.IRI] = e
		m.Edges = append(m.Edges, e)
	}
	for _, st := range g.Statements {
		if skip(st.Subject) || (skip(st.Object) && !isRelation(st.Object)) {
			continue
		}
		e := &Edge{From: st.Subject, To: st.Object, Kind: st.Predicate, Label: st.Label}
		switch {
		case st.Predicate == string(vocab.Asserts):
			e.Category = Asserts
		case st.Predicate == string(vocab.About):
			e.Category = About
		case vocab.IsArgument(st.Predicate) || isRelation(st.Object):
			e.Category = Argument
		default:
			e.Category = Fact
		}
		m.Edges = append(m.Edges, e)
	}
	// An end that is no node of the map is added when it has no <type> (an entity
	// of a catalog that was not read); an edge to or from a relation that is not
	// among the quads is left out.
	addEnd := func(id string) {
		n := &Node{ID: id, Kind: g.Kind(id)}
		if u := untyped[id]; u != nil {
			n.Name, n.Labels = u.Name, u.Labels
		}
		m.add(n)
	}
	kept := m.Edges[:0]
	for _, e := range m.Edges {
		if t, ok := rels[e.To]; ok {
			e.Target = t
		} else if isRelation(e.To) {
			continue
		} else if m.byID[e.To] == nil {
			addEnd(e.To)
		}
		if m.byID[e.From] == nil {
			if isRelation(e.From) {
				continue
			}
			addEnd(e.From)
		}
		kept = append(kept, e)
	}
	m.Edges = kept
	m.sort()
	return m
}

func (m *Map) add(n *Node) {
	m.byID[n.ID] = n
	m.Nodes = append(m.Nodes, n)
}

func (m *Map) sort() {
	sort.Slice(m.Nodes, func(i, j int) bool { return m.Nodes[i].ID < m.Nodes[j].ID })
	sort.SliceStable(m.Edges, func(i, j int) bool { return edgeLess(m.Edges[i], m.Edges[j]) })
}

func edgeLess(a, b *Edge) bool {
	if a.From != b.From {
		return a.From < b.From
	}
	if a.To != b.To {
		return a.To < b.To
	}
	if a.Kind != b.Kind {
		return a.Kind < b.Kind
	}
	if a.Label != b.Label {
		return a.Label < b.Label
	}
	return a.ID < b.ID
}
