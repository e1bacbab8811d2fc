package export

import (
	"encoding/json"
	"io"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/voc"

	"github.com/graphbuilder/graph/internal/vocab"
)

// JSONLDBase is the IRI that the graph's relative IRIs (<dario-amodei>, <name>)
// stand under in JSON-LD, where every IRI must be absolute: "g:dario-amodei" in the
// document is urn:graph:dario-amodei to a JSON-LD processor.
const JSONLDBase = "urn:graph:"

// jsonldPrefix is the compact IRI prefix of [JSONLDBase].
const jsonldPrefix = "g"

// WriteJSONLD writes the quads as a JSON-LD document with one named graph per
// label: {"@context": ..., "@graph": [{"@id": "g:source/amodei-2025", "@graph":
// [nodes]}]}. Each node lists its predicates as keys, in sorted order, with the
// values of its quads in N-Quads order, so that the same quads give the same bytes.
//
// Cayley's own JSON-LD writer keeps labels too, but without a context its keys
// (name, type) are not IRIs and JSON-LD processors drop them.
func WriteJSONLD(w io.Writer, qs []quad.Quad) error {
	type graph struct {
		id    string
		nodes map[string]map[string][]any
	}
	graphs := map[string]*graph{}
	for _, q := range vocab.Sorted(qs) {
		label := "@default"
		if q.Label != nil {
			label = jsonldID(q.Label)
		}
		g := graphs[label]
		if g == nil {
			g = &graph{id: label, nodes: map[string]map[string][]any{}}
			graphs[label] = g
		}
		s := jsonldID(q.Subject)
		if g.nodes[s] == nil {
			g.nodes[s] = map[string][]any{}
		}
		key := jsonldKey(q.Predicate)
		g.nodes[s][key] = append(g.nodes[s][key], jsonldValue(q.Object))
	}
	labels := make([]string, 0, len(graphs))
	for l := range graphs {
		labels = append(labels, l)
	}
	sort.Strings(labels)
	doc := struct {
		Context map[string]string `json:"@context"`
		Graph   []any             `json:"@graph"`
	}{
		Context: map[string]string{"@vocab": JSONLDBase, jsonldPrefix: JSONLDBase},
		Graph:   []any{},
	}
	var defaults []any
	for _, l := range labels {
		g := graphs[l]
		ids := make([]string, 0, len(g.nodes))
		for id := range g.nodes {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		nodes := make([]any, len(ids))
		for i, id := range ids {
			node := map[string]any{"@id": id}
			for k, v := range g.nodes[id] {
				node[k] = v
			}
			nodes[i] = node
		}
		if l == "@default" {
			defaults = nodes
			continue
		}
		doc.Graph = append(doc.Graph, namedGraph{ID: l, Graph: nodes})
	}
	doc.Graph = append(doc.Graph, defaults...)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

// namedGraph is a label's quads in JSON-LD, its @id written first.
type namedGraph struct {
	ID    string `json:"@id"`
	Graph []any  `json:"@graph"`
}

// jsonldID writes an IRI or blank node as a JSON-LD @id: relative IRIs under the
// prefix, absolute ones (with a scheme) as they are.
func jsonldID(v quad.Value) string {
	switch v := v.(type) {
	case quad.IRI:
		return compactIRI(string(v))
	case quad.BNode:
		return v.String()
	}
	return quad.StringOf(v)
}

func compactIRI(iri string) string {
	if strings.Contains(iri, ":") {
		return string(voc.FullIRI(iri))
	}
	return jsonldPrefix + ":" + iri
}

// jsonldKey writes a predicate as a key: a bare term (expanded by @vocab) unless it
// would be read as a keyword, the prefix or an absolute IRI.
func jsonldKey(v quad.Value) string {
	iri, ok := v.(quad.IRI)
	if !ok {
		return quad.StringOf(v)
	}
	s := string(iri)
	if s == jsonldPrefix || strings.HasPrefix(s, "@") || strings.Contains(s, ":") {
		return compactIRI(s)
	}
	return s
}

// jsonldValue writes an object: an {"@id"} for IRIs and blank nodes, a JSON string
// for plain strings, numbers and booleans as themselves, and {"@value", "@type"} or
// {"@value", "@language"} for other literals.
func jsonldValue(v quad.Value) any {
	switch v := v.(type) {
	case quad.IRI, quad.BNode:
		return map[string]string{"@id": jsonldID(v)}
	case quad.String:
		return string(v)
	case quad.LangString:
		return map[string]string{"@value": string(v.Value), "@language": v.Lang}
	case quad.Int:
		return int64(v)
	case quad.Bool:
		return bool(v)
	case quad.TypedStringer:
		ts := v.TypedString()
		return map[string]string{"@value": string(ts.Value), "@type": string(voc.FullIRI(string(ts.Type)))}
	}
	return quad.StringOf(v)
}
