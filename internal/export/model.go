package export

import (
	"slices"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/graphbuilder/graph/internal/rdf"
)

// Node kinds with a meaning of their own in a [Map].
const (
	KindClaim = "claim"
	// KindUnknown is the kind of a node that edges point at but whose <type> is not
	// among the quads, such as an entity of a catalog that was not exported.
	KindUnknown = ""
)

// Category says what an [Edge] stands for.
type Category int

// Edge categories.
const (
	// Argument edges come from relation nodes (<rel/...>) or from argument
	// predicates (criticizes, rebuts, supports, undercuts).
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

// argumentKinds are the argument predicates of the core schema; a quad with one of
// them is an argument edge even when no relation node stands behind it.
var argumentKinds = map[string]bool{"criticizes": true, "rebuts": true, "supports": true, "undercuts": true}

// structural predicates never become edges of a map: they are attributes, or links
// to sources and relation nodes that the map shows in other ways.
var structural = map[quad.IRI]bool{
	rdf.Type: true, rdf.Speaker: true, rdf.Source: true, rdf.Mentions: true,
	rdf.Author: true, rdf.Catalog: true, rdf.From: true, rdf.To: true,
	rdf.Kind: true, rdf.StatedBy: true,
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

// SourceID is the id of the source the edge belongs to, or "" for catalog edges.
func (e *Edge) SourceID() string { return strings.TrimPrefix(e.Label, sourcePrefix) }

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

const sourcePrefix = "source/"

// Node returns the node with the given ID, or nil.
func (m *Map) Node(id string) *Node { return m.byID[id] }

// lookup returns the node with the given ID, even when a selection left it out.
func (m *Map) lookup(id string) *Node {
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

// subject gathers what the quads say about one IRI.
type subject struct {
	types                         []string
	name, text, quote, title      string
	kind, from, to, statedBy, src string
	speaker                       string
	sourceKind, language, date    string
	url                           string
	curatedID                     string
	aliases, speakers             []string
	label                         string
}

// NewMap reads quads into a map. Quads it does not understand are left out; it
// never fails.
func NewMap(qs []quad.Quad) *Map {
	qs = rdf.Sorted(qs)
	subs := map[string]*subject{}
	get := func(id string) *subject {
		s := subs[id]
		if s == nil {
			s = &subject{}
			subs[id] = s
		}
		return s
	}
	labels := map[string]map[string]bool{}
	addLabel := func(id, label string) {
		if label == "" {
			return
		}
		if labels[id] == nil {
			labels[id] = map[string]bool{}
		}
		labels[id][label] = true
	}
	first := func(dst *string, v string) {
		if *dst == "" {
			*dst = v
		}
	}
	var links []quad.Quad
	for _, q := range qs {
		s, ok := ref(q.Subject)
		p, pok := q.Predicate.(quad.IRI)
		if !ok || !pok {
			continue
		}
		label, _ := ref(q.Label)
		addLabel(s, label)
		sub := get(s)
		sub.label = label
		if o, ok := ref(q.Object); ok {
			addLabel(o, label)
			switch p {
			case rdf.Type:
				sub.types = append(sub.types, o)
			case rdf.Kind:
				first(&sub.kind, o)
			case rdf.From:
				first(&sub.from, o)
			case rdf.To:
				first(&sub.to, o)
			case rdf.StatedBy:
				first(&sub.statedBy, o)
			case rdf.Source:
				first(&sub.src, o)
			case rdf.Speaker:
				first(&sub.speaker, o)
				sub.speakers = append(sub.speakers, o)
			}
			if !structural[p] {
				links = append(links, q)
			}
			continue
		}
		v := literal(q.Object)
		switch p {
		case rdf.Name:
			first(&sub.name, v)
		case rdf.Alias:
			sub.aliases = append(sub.aliases, v)
		case rdf.Text:
			first(&sub.text, v)
		case rdf.Quote:
			first(&sub.quote, v)
		case rdf.Title:
			first(&sub.title, v)
		case rdf.SourceKind:
			first(&sub.sourceKind, v)
		case rdf.Language:
			first(&sub.language, v)
		case rdf.Date:
			first(&sub.date, v)
		case rdf.URL:
			first(&sub.url, v)
		case rdf.CuratedID:
			first(&sub.curatedID, v)
		}
	}

	m := &Map{byID: map[string]*Node{}}
	m.all = m.byID
	kindOf := func(s *subject) string {
		if s == nil || len(s.types) == 0 {
			return KindUnknown
		}
		return s.types[0]
	}
	isRelation := func(id string) bool { return kindOf(subs[id]) == string(rdf.RelationType) }
	skip := func(kind string) bool {
		return kind == string(rdf.SourceType) || kind == string(rdf.RelationType) || kind == string(rdf.CatalogType) ||
			kind == string(rdf.LinkType)
	}
	ids := make([]string, 0, len(subs))
	for id := range subs {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		s := subs[id]
		switch kind := kindOf(s); kind {
		case string(rdf.SourceType):
			m.Sources = append(m.Sources, &Source{
				ID: strings.TrimPrefix(id, sourcePrefix), Title: s.title, Kind: s.sourceKind,
				Language: s.language, Date: s.date, URL: s.url, Speakers: unique(s.speakers),
			})
		case KindUnknown:
			// Only referenced; added below if an edge needs it.
		default:
			if skip(kind) {
				continue
			}
			n := &Node{ID: id, Kind: kind, Name: s.name, Aliases: unique(s.aliases), Text: s.text, Quote: s.quote}
			if kind == KindClaim {
				n.Speaker = s.speaker
				n.Source = strings.TrimPrefix(s.src, sourcePrefix)
			}
			m.add(n)
		}
	}

	// Argument relations become edges; their shortcut quads are then redundant.
	shortcut := map[[4]string]bool{}
	rels := map[string]*Edge{}
	for _, id := range ids {
		s := subs[id]
		if kindOf(s) != string(rdf.RelationType) || s.from == "" || s.to == "" || s.kind == "" {
			continue
		}
		e := &Edge{ID: id, From: s.from, To: s.to, Kind: s.kind, Category: Argument,
			Label: s.label, StatedBy: s.statedBy, Quote: s.quote}
		rels[id] = e
		shortcut[[4]string{s.from, s.kind, s.to, s.label}] = true
		m.Edges = append(m.Edges, e)
	}
	for _, q := range links {
		s, _ := ref(q.Subject)
		o, _ := ref(q.Object)
		p := string(q.Predicate.(quad.IRI))
		label, _ := ref(q.Label)
		if shortcut[[4]string{s, p, o, label}] {
			continue
		}
		if skip(kindOf(subs[s])) || (skip(kindOf(subs[o])) && !isRelation(o)) {
			continue
		}
		e := &Edge{From: s, To: o, Kind: p, Label: label}
		switch {
		case p == string(rdf.Asserts):
			e.Category = Asserts
		case p == string(rdf.About):
			e.Category = About
		case argumentKinds[p] || isRelation(o):
			e.Category = Argument
		default:
			e.Category = Fact
		}
		m.Edges = append(m.Edges, e)
	}
	kept := m.Edges[:0]
	for _, e := range m.Edges {
		if t, ok := rels[e.To]; ok {
			e.Target = t
		} else if isRelation(e.To) {
			continue // a relation that is not among the quads
		} else if m.byID[e.To] == nil {
			m.add(&Node{ID: e.To, Kind: kindOf(subs[e.To])})
		}
		if m.byID[e.From] == nil {
			if isRelation(e.From) {
				continue
			}
			m.add(&Node{ID: e.From, Kind: kindOf(subs[e.From])})
		}
		kept = append(kept, e)
	}
	m.Edges = kept
	for _, n := range m.Nodes {
		for l := range labels[n.ID] {
			n.Labels = append(n.Labels, l)
		}
		sort.Strings(n.Labels)
		if s := subs[n.ID]; s != nil && n.Name == "" {
			n.Name = s.name
		}
	}
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

// unique returns the strings sorted, without repeats.
func unique(ss []string) []string {
	ss = slices.Clone(ss)
	slices.Sort(ss)
	return slices.Compact(ss)
}

// ref returns the identifier of an IRI or a blank node.
func ref(v quad.Value) (string, bool) {
	switch v := v.(type) {
	case quad.IRI:
		return string(v), true
	case quad.BNode:
		return v.String(), true
	}
	return "", false
}

// literal returns the lexical form of a literal.
func literal(v quad.Value) string {
	switch v := v.(type) {
	case quad.String:
		return string(v)
	case quad.LangString:
		return string(v.Value)
	case quad.TypedString:
		return string(v.Value)
	case nil:
		return ""
	}
	return quad.StringOf(v)
}
