package export

import (
	"bufio"
	"bytes"
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
	return StreamJSONLD(w, func(key func(quad.Value) string, fn func([]quad.Quad) error) error {
		byLabel := map[string][]quad.Quad{}
		for _, q := range qs {
			k := jsonldDefault
			if q.Label != nil {
				k = key(q.Label)
			}
			byLabel[k] = append(byLabel[k], q)
		}
		labels := make([]string, 0, len(byLabel))
		for l := range byLabel {
			if l != jsonldDefault {
				labels = append(labels, l)
			}
		}
		sort.Strings(labels)
		if _, ok := byLabel[jsonldDefault]; ok {
			labels = append(labels, jsonldDefault)
		}
		for _, l := range labels {
			if err := fn(byLabel[l]); err != nil {
				return err
			}
		}
		return nil
	})
}

// jsonldDefault stands for the default graph, whose quads have no label.
const jsonldDefault = "@default"

// StreamJSONLD writes what [WriteJSONLD] writes, the quads coming in groups by
// label (those without a label last), so that only one label's quads are held
// at a time.
func StreamJSONLD(w io.Writer, groups Groups) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	head, err := jsonIndent(map[string]string{"@vocab": JSONLDBase, jsonldPrefix: JSONLDBase}, "  ")
	if err != nil {
		return err
	}
	bw.WriteString("{\n  \"@context\": ")
	bw.Write(head)
	bw.WriteString(",\n  \"@graph\": [")
	elements := 0
	element := func(v any) error {
		data, err := jsonIndent(v, "    ")
		if err != nil {
			return err
		}
		if elements > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString("\n    ")
		_, err = bw.Write(data)
		elements++
		return err
	}
	err = groups(LabelKey, func(qs []quad.Quad) error {
		label := jsonldDefault
		nodes := map[string]map[string][]any{}
		for _, q := range vocab.Sorted(qs) {
			if q.Label != nil {
				label = jsonldID(q.Label)
			}
			s := jsonldID(q.Subject)
			if nodes[s] == nil {
				nodes[s] = map[string][]any{}
			}
			key := jsonldKey(q.Predicate)
			nodes[s][key] = append(nodes[s][key], jsonldValue(q.Object))
		}
		ids := make([]string, 0, len(nodes))
		for id := range nodes {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		list := make([]any, len(ids))
		for i, id := range ids {
			node := map[string]any{"@id": id}
			for k, v := range nodes[id] {
				node[k] = v
			}
			list[i] = node
		}
		if label != jsonldDefault {
			return element(namedGraph{ID: label, Graph: list})
		}
		for _, n := range list {
			if err := element(n); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if elements > 0 {
		bw.WriteString("\n  ")
	}
	bw.WriteString("]\n}\n")
	return bw.Flush()
}

// LabelKey is the key by which [StreamJSONLD] wants its groups: the label's @id.
func LabelKey(v quad.Value) string { return jsonldID(v) }

// jsonIndent encodes v as the document's encoder did, indented by two spaces
// under prefix, without HTML escapes or a final newline.
func jsonIndent(v any, prefix string) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent(prefix, "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
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
