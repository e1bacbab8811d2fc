package schema

import (
	_ "embed"
	"fmt"
	"os"
	"regexp"
	"slices"
	"sort"
	"sync"

	"github.com/graphbuilder/graph/internal/diag"
	"github.com/graphbuilder/graph/internal/yamlpos"
)

//go:embed core.yaml
var coreYAML []byte

// CoreFile is the name diagnostics use for the embedded core schema.
const CoreFile = "schema/core.yaml"

// Edge categories.
const (
	Argument  = "argument"
	Fact      = "fact"
	Structure = "structure"
)

// AnyEntity in a domain or range stands for every node kind marked as an entity.
const AnyEntity = "entity"

// NodeKind is a kind of node: an entity kind such as person, or claim, source, relation.
type NodeKind struct {
	Name        string
	Entity      bool
	Description string
	Declared    diag.Range
}

// EdgeKind is a kind of edge with the node kinds it may start at (Domain) and end at
// (Range), both already expanded so "entity" is replaced by the entity kinds.
type EdgeKind struct {
	Name        string
	Category    string
	Description string
	Domain      []string
	Range       []string
	Declared    diag.Range

	// rawDomain and rawRange keep "entity" unexpanded, so that entity kinds added by
	// a later schema file are covered too.
	rawDomain, rawRange []string
}

// Allows reports whether an edge of this kind may go from a node of kind from to a
// node of kind to.
func (e *EdgeKind) Allows(from, to string) bool {
	return slices.Contains(e.Domain, from) && slices.Contains(e.Range, to)
}

// Schema is a merged vocabulary.
type Schema struct {
	nodes map[string]*NodeKind
	edges map[string]*EdgeKind
}

// Node returns the node kind called name, or nil.
func (s *Schema) Node(name string) *NodeKind { return s.nodes[name] }

// Edge returns the edge kind called name, or nil.
func (s *Schema) Edge(name string) *EdgeKind { return s.edges[name] }

// NodeNames lists the node kinds in sorted order; with entitiesOnly, only entity kinds.
func (s *Schema) NodeNames(entitiesOnly bool) []string {
	var out []string
	for n, k := range s.nodes {
		if !entitiesOnly || k.Entity {
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}

// EdgeNames lists the edge kinds of a category (all when category is "") in sorted order.
func (s *Schema) EdgeNames(category string) []string {
	var out []string
	for n, k := range s.edges {
		if category == "" || k.Category == category {
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}

// Core returns the embedded core schema. It panics if the embedded file is broken,
// which the package's tests rule out.
func Core() *Schema { return core() }

// core parses the embedded schema once: a Schema is not changed after it is made
// ([Schema.Extend] returns a new one), so every caller can share it.
var core = sync.OnceValue(func() *Schema {
	s := &Schema{nodes: map[string]*NodeKind{}, edges: map[string]*EdgeKind{}}
	if ds := s.add(CoreFile, coreYAML); ds.HasErrors() {
		panic(fmt.Sprintf("embedded schema is invalid: %v", ds))
	}
	return s
})

// Extend returns a copy of s with the kinds of the given schema files added. Files
// may add kinds but not redefine existing ones.
func (s *Schema) Extend(files ...string) (*Schema, diag.Diagnostics) {
	out := &Schema{nodes: map[string]*NodeKind{}, edges: map[string]*EdgeKind{}}
	for k, v := range s.nodes {
		out.nodes[k] = v
	}
	for k, v := range s.edges {
		out.edges[k] = v
	}
	var ds diag.Diagnostics
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			ds = append(ds, diag.Errorf(diag.Range{File: f}, "cannot read schema: %v", err))
			continue
		}
		ds = append(ds, out.add(f, data)...)
	}
	return out, ds
}

var namePattern = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

type rawEdge struct {
	name     string
	category string
	desc     string
	domain   []string
	rng      []string
	domNodes []string
	at       diag.Range
	domAt    diag.Range
	rngAt    diag.Range
}

func (s *Schema) add(file string, data []byte) diag.Diagnostics {
	root, ds := yamlpos.Parse(file, data)
	if ds != nil {
		return ds
	}
	top, ds := yamlpos.Fields(file, root, "a schema", []string{"node_kinds", "edge_kinds"}, nil)
	if f, ok := top["node_kinds"]; ok {
		items, d := yamlpos.List(file, f.Value, "node_kinds")
		if d != nil {
			ds = append(ds, d)
		}
		for _, item := range items {
			fs, more := yamlpos.Fields(file, item, "a node kind", []string{"name", "entity", "description"}, []string{"name"})
			ds = append(ds, more...)
			name, ok := s.kindName(file, fs, &ds)
			if !ok {
				continue
			}
			if prev := s.nodes[name]; prev != nil {
				ds = append(ds, diag.Errorf(yamlpos.At(file, fs["name"].Value), "node kind %q is already defined at %s", name, prev.Declared.Location()))
				continue
			}
			nk := &NodeKind{Name: name, Declared: yamlpos.At(file, fs["name"].Value)}
			if e, ok := fs["entity"]; ok {
				if err := e.Value.Decode(&nk.Entity); err != nil {
					ds = append(ds, diag.Errorf(yamlpos.At(file, e.Value), "entity must be true or false"))
				}
			}
			if d, ok := fs["description"]; ok {
				nk.Description = d.Value.Value
			}
			s.nodes[name] = nk
		}
	}
	var raws []rawEdge
	if f, ok := top["edge_kinds"]; ok {
		items, d := yamlpos.List(file, f.Value, "edge_kinds")
		if d != nil {
			ds = append(ds, d)
		}
		for _, item := range items {
			fs, more := yamlpos.Fields(file, item, "an edge kind", []string{"name", "category", "description", "domain", "range"}, []string{"name", "category", "domain", "range"})
			ds = append(ds, more...)
			name, ok := s.kindName(file, fs, &ds)
			if !ok {
				continue
			}
			if prev := s.edges[name]; prev != nil {
				ds = append(ds, diag.Errorf(yamlpos.At(file, fs["name"].Value), "edge kind %q is already defined at %s", name, prev.Declared.Location()))
				continue
			}
			r := rawEdge{name: name, at: yamlpos.At(file, fs["name"].Value)}
			if c, ok := fs["category"]; ok {
				r.category = c.Value.Value
				switch r.category {
				case Argument, Fact, Structure:
				default:
					ds = append(ds, diag.Errorf(yamlpos.At(file, c.Value), "unknown category %q", r.category).WithHint("a category is one of argument, fact, structure"))
				}
			}
			if d, ok := fs["description"]; ok {
				r.desc = d.Value.Value
			}
			if d, ok := fs["domain"]; ok {
				var more diag.Diagnostics
				r.domain, _, more = yamlpos.StringList(file, d.Value, "domain")
				r.domAt = yamlpos.At(file, d.Value)
				ds = append(ds, more...)
			}
			if d, ok := fs["range"]; ok {
				var more diag.Diagnostics
				r.rng, _, more = yamlpos.StringList(file, d.Value, "range")
				r.rngAt = yamlpos.At(file, d.Value)
				ds = append(ds, more...)
			}
			raws = append(raws, r)
		}
	}
	// Domains and ranges are resolved after all node kinds of the file are known.
	for _, r := range raws {
		ek := &EdgeKind{Name: r.name, Category: r.category, Description: r.desc, Declared: r.at}
		ek.rawDomain = s.check(r.domain, r.domAt, &ds)
		ek.rawRange = s.check(r.rng, r.rngAt, &ds)
		s.edges[r.name] = ek
	}
	s.resolve()
	return ds
}

// resolve recomputes every edge kind's expanded domain and range; edge kinds are
// replaced, not changed, since a schema being extended shares them.
func (s *Schema) resolve() {
	for name, e := range s.edges {
		c := *e
		c.Domain = s.expand(e.rawDomain)
		c.Range = s.expand(e.rawRange)
		s.edges[name] = &c
	}
}

func (s *Schema) kindName(file string, fs map[string]yamlpos.Field, ds *diag.Diagnostics) (string, bool) {
	f, ok := fs["name"]
	if !ok {
		return "", false
	}
	name, d := yamlpos.String(file, f.Value, "name")
	if d != nil {
		*ds = append(*ds, d)
		return "", false
	}
	if !namePattern.MatchString(name) {
		*ds = append(*ds, diag.Errorf(yamlpos.At(file, f.Value), "kind name %q must be lower case letters, digits and '_'", name))
		return "", false
	}
	return name, true
}

// check keeps the names that are known node kinds (or "entity") and reports the rest.
func (s *Schema) check(names []string, at diag.Range, ds *diag.Diagnostics) []string {
	var out []string
	for _, n := range names {
		if n != AnyEntity && s.nodes[n] == nil {
			d := diag.Errorf(at, "unknown node kind %q", n)
			if sug := diag.Suggest(n, append(s.NodeNames(false), AnyEntity)); sug != "" {
				d.WithHint("did you mean %q?", sug)
			}
			*ds = append(*ds, d)
			continue
		}
		out = append(out, n)
	}
	return out
}

func (s *Schema) expand(names []string) []string {
	seen := map[string]bool{}
	for _, n := range names {
		if n == AnyEntity {
			for _, e := range s.NodeNames(true) {
				seen[e] = true
			}
			continue
		}
		seen[n] = true
	}
	out := make([]string, 0, len(seen))
	for n := range seen {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
