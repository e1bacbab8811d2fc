package export

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// graphmlKeys are the attributes a GraphML export declares, in order: the key id,
// what it is for, and the attribute name tools show.
var graphmlKeys = []struct{ id, on, name string }{
	{"label", "node", "label"},
	{"kind", "node", "kind"},
	{"name", "node", "name"},
	{"aliases", "node", "aliases"},
	{"text", "node", "text"},
	{"speaker", "node", "speaker"},
	{"claim_source", "node", "source"},
	{"claim_quote", "node", "quote"},
	{"predicate", "edge", "predicate"},
	{"category", "edge", "category"},
	{"source", "edge", "source"},
	{"relation", "edge", "relation"},
	{"stated_by", "edge", "stated_by"},
	{"quote", "edge", "quote"},
}

// WriteGraphML writes the map as GraphML for tools such as Gephi, yEd or
// Cytoscape: a node per entity and claim with its kind, name (and label: the name
// or the claim's text), a directed edge per argument relation, fact, assertion and
// topic with its predicate, category and source (the quad label).
//
// GraphML edges cannot end at edges, so a relation that is undercut also becomes a
// node of kind "relation", with "from" and "to" edges to its ends, and the
// undercut ends at that node.
func WriteGraphML(w io.Writer, m *Map) error {
	bw := bufio.NewWriter(w)
	var err error
	printf := func(format string, args ...any) {
		if err == nil {
			_, err = fmt.Fprintf(bw, format, args...)
		}
	}
	data := func(key, value string) {
		if value != "" {
			printf(`<data key="%s">%s</data>`, key, xmlText(value))
		}
	}
	printf(`<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
`)
	for _, k := range graphmlKeys {
		printf("  <key id=%q for=%q attr.name=%q attr.type=\"string\"/>\n", k.id, k.on, k.name)
	}
	printf("  <graph id=\"argument-map\" edgedefault=\"directed\">\n")
	for _, n := range m.Nodes {
		printf("    <node id=\"%s\">", xmlText(n.ID))
		data("label", n.Title())
		data("kind", n.Kind)
		data("name", n.Name)
		data("aliases", strings.Join(n.Aliases, "; "))
		data("text", n.Text)
		data("speaker", n.Speaker)
		data("claim_source", n.Source)
		data("claim_quote", n.Quote)
		printf("</node>\n")
	}
	targets := map[*Edge]bool{}
	for _, e := range m.Edges {
		if e.Target != nil {
			targets[e.Target] = true
		}
	}
	for _, e := range m.Edges {
		if targets[e] {
			printf("    <node id=\"%s\">", xmlText(e.ID))
			data("label", e.From+" "+e.Kind+" "+e.To)
			data("kind", "relation")
			printf("</node>\n")
		}
	}
	n := 0
	edge := func(from, to, predicate, category, label, relation, statedBy, quote string) {
		n++
		printf("    <edge id=\"e%d\" source=\"%s\" target=\"%s\">", n, xmlText(from), xmlText(to))
		data("predicate", predicate)
		data("category", category)
		data("source", label)
		data("relation", relation)
		data("stated_by", statedBy)
		data("quote", quote)
		printf("</edge>\n")
	}
	for _, e := range m.Edges {
		to := e.To
		if e.Target != nil {
			to = e.Target.ID
		}
		edge(e.From, to, e.Kind, e.Category.String(), e.Label, e.ID, e.StatedBy, e.Quote)
		if targets[e] {
			edge(e.ID, e.From, "from", "relation", e.Label, e.ID, "", "")
			edge(e.ID, e.To, "to", "relation", e.Label, e.ID, "", "")
		}
	}
	printf("  </graph>\n</graphml>\n")
	if err != nil {
		return err
	}
	return bw.Flush()
}

func xmlText(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s)) // writes to a strings.Builder never fail
	return b.String()
}
