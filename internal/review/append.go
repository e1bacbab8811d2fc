package review

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/graphbuilder/graph/internal/yamlpos"
)

// ErrFlowList is returned by [Review.AppendAccepted] for a graph whose claims: or
// relations: is written as a flow list ([a, b]), which items cannot be appended to
// without rewriting it.
var ErrFlowList = errors.New("written as a flow list")

// AppendAccepted returns data, the text of the graph file, with the accepted
// findings appended to its claims: and relations: lists (which are added at the end
// when missing). Everything else of the text, comments included, is kept as it is.
// An accepted relation is appended only when its ends are curated, entities or
// accepted claims; it returns how many claims and relations were appended.
func (r *Review) AppendAccepted(data []byte) ([]byte, int, int, error) {
	accepted := map[string]bool{}
	var claims, rels []*yaml.Node
	for _, c := range r.Claims {
		if c.Status == Accepted {
			accepted[c.ID] = true
			claims = append(claims, claimItem(c, false))
		}
	}
	proposed := map[string]bool{}
	for _, c := range r.Claims {
		if c.Status == Proposed {
			proposed[c.ID] = true
		}
	}
	for _, rel := range r.Relations {
		if rel.Status == Accepted && !proposed[rel.From] && !proposed[rel.To] {
			rels = append(rels, relationItem(rel, false))
		}
	}
	if len(claims) == 0 && len(rels) == 0 {
		return data, 0, 0, nil
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, 0, 0, err
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, 0, 0, errors.New("the top level is not a mapping")
	}
	root := doc.Content[0]
	lines := strings.SplitAfter(string(data), "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	if n := len(lines); n > 0 && !strings.HasSuffix(lines[n-1], "\n") {
		lines[n-1] += "\n"
	}
	type insert struct {
		at   int // index of the line to insert before
		text []string
	}
	var inserts []insert
	var tail []string
	for _, list := range []struct {
		key   string
		items []*yaml.Node
	}{{"claims", claims}, {"relations", rels}} {
		if len(list.items) == 0 {
			continue
		}
		text := itemLines(list.items)
		i := keyIndex(root, list.key)
		if i < 0 {
			tail = append(append(tail, list.key+":\n"), text...)
			continue
		}
		v := root.Content[i+1]
		switch {
		case v.Kind == yaml.SequenceNode && v.Style&yaml.FlowStyle != 0 && len(v.Content) > 0:
			return nil, 0, 0, fmt.Errorf("%s: %w", list.key, ErrFlowList)
		case v.Kind == yaml.SequenceNode && len(v.Content) > 0:
			text = indent(text, v.Content[0].Column-3)
		case v.Kind == yaml.SequenceNode || v.Tag == "!!null":
			// "claims: []" or "claims:" alone: the key's line is written anew.
			line := root.Content[i].Line - 1
			lines[line] = list.key + ":\n"
		default:
			return nil, 0, 0, fmt.Errorf("%s is %s, not a list", list.key, yamlpos.KindName(v))
		}
		inserts = append(inserts, insert{end(root, i, lines), text})
	}
	// Later places first, so that the earlier ones keep their index.
	if len(inserts) == 2 && inserts[0].at < inserts[1].at {
		inserts[0], inserts[1] = inserts[1], inserts[0]
	}
	for _, in := range inserts {
		lines = append(lines[:in.at], append(in.text, lines[in.at:]...)...)
	}
	lines = append(lines, tail...)
	return []byte(strings.Join(lines, "")), len(claims), len(rels), nil
}

// keyIndex returns the index in m.Content of the key named key, or -1.
func keyIndex(m *yaml.Node, key string) int {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return i
		}
	}
	return -1
}

// end returns the index of the line after the value of the i-th key of root: the
// line of the next key, before the blank and comment lines that lead to it.
func end(root *yaml.Node, i int, lines []string) int {
	if i+2 >= len(root.Content) {
		at := len(lines)
		for at > 0 && blankOrComment(lines[at-1]) {
			at--
		}
		return at
	}
	at := root.Content[i+2].Line - 1
	for at > 0 && blankOrComment(lines[at-1]) && lines[at-1] == strings.TrimLeft(lines[at-1], " \t") {
		at--
	}
	return at
}

func blankOrComment(line string) bool {
	t := strings.TrimSpace(line)
	return t == "" || strings.HasPrefix(t, "#")
}

// itemLines renders items as the lines of a block list indented by two spaces.
func itemLines(items []*yaml.Node) []string {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	_ = enc.Encode(&yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{scalar("x"), {Kind: yaml.SequenceNode, Content: items}}})
	enc.Close()
	out := strings.SplitAfter(buf.String(), "\n")
	return out[1 : len(out)-1]
}

// indent shifts lines indented by two spaces to n spaces.
func indent(lines []string, n int) []string {
	if n == 2 || n < 0 {
		return lines
	}
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = strings.Repeat(" ", n) + strings.TrimPrefix(l, "  ")
	}
	return out
}
