package export

// The N-Quads and JSON-LD encoders as they were before they streamed, kept to
// check that the streaming ones write the same bytes.

import (
	"encoding/json"
	"io"
	"sort"

	"github.com/cayleygraph/quad"

	"github.com/graphbuilder/graph/internal/vocab"
)

// referenceNQuads sorts every quad in memory and writes them.
func referenceNQuads(w io.Writer, qs []quad.Quad) error {
	out := make([]quad.Quad, len(qs))
	for i, q := range qs {
		out[i] = quad.Quad{Subject: fullType(q.Subject), Predicate: q.Predicate, Object: fullType(q.Object), Label: q.Label}
	}
	_, err := w.Write(vocab.NQuads(vocab.Sorted(out)))
	return err
}

// referenceJSONLD builds the whole document in memory and encodes it.
func referenceJSONLD(w io.Writer, qs []quad.Quad) error {
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
