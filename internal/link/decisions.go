package link

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/graphbuilder/graph/internal/diag"
	"github.com/graphbuilder/graph/internal/entities"
	"github.com/graphbuilder/graph/internal/yamlpos"
)

// DefaultDecisionsFile is where decisions are kept unless told otherwise.
const DefaultDecisionsFile = "links.yaml"

// Decision is a person's answer for one pair: the two are one thing (accept) or two.
type Decision struct {
	A, B   string
	Accept bool
	// At is the pair's place in the file; AAt and BAt those of its two ids.
	At, AAt, BAt diag.Range
}

// Decisions is a decisions file: lists of pairs accepted and rejected as one thing.
//
//	accept:
//	  - [dario-amodei, amodei]
//	reject:
//	  - [daniela-amodei, dario-amodei]   # siblings, not one person
type Decisions struct {
	File string
	List []Decision
}

var decisionFields = []string{"accept", "reject"}

// LoadDecisions reads a decisions file. A file that does not exist holds no
// decisions. Every problem is reported, with its place: unknown keys, items that are
// not a pair of two different ids, a pair listed twice, or both accepted and rejected.
func LoadDecisions(file string) (*Decisions, diag.Diagnostics) {
	d := &Decisions{File: file}
	data, err := os.ReadFile(file)
	if errors.Is(err, fs.ErrNotExist) {
		return d, nil
	}
	if err != nil {
		return nil, diag.Diagnostics{diag.Errorf(diag.Range{File: file}, "cannot read decisions: %v", err)}
	}
	if empty(data) {
		return d, nil
	}
	root, ds := yamlpos.Parse(file, data)
	if ds != nil {
		return nil, ds
	}
	top, ds := yamlpos.Fields(file, root, "a decisions file", decisionFields, nil)
	type first struct {
		accept bool
		at     diag.Range
	}
	seen := map[[2]string]first{}
	for _, key := range decisionFields {
		f, ok := top[key]
		if !ok {
			continue
		}
		items, dd := yamlpos.List(file, f.Value, key)
		if dd != nil {
			ds = append(ds, dd)
			continue
		}
		for _, item := range items {
			dec, more := decodePair(file, item, key)
			ds = append(ds, more...)
			if dec == nil {
				continue
			}
			dec.Accept = key == "accept"
			k := [2]string{min(dec.A, dec.B), max(dec.A, dec.B)}
			if prev, dup := seen[k]; dup {
				if prev.accept == dec.Accept {
					ds = append(ds, diag.Errorf(dec.At, "the pair %s, %s is already listed at %s", dec.A, dec.B, prev.at.Location()))
				} else {
					ds = append(ds, diag.Errorf(dec.At, "the pair %s, %s is both accepted and rejected (also at %s)", dec.A, dec.B, prev.at.Location()).
						WithHint("keep it under accept or under reject, not both"))
				}
				continue
			}
			seen[k] = first{dec.Accept, dec.At}
			d.List = append(d.List, *dec)
		}
	}
	ds = ds.Sort()
	if ds.HasErrors() {
		return nil, ds
	}
	return d, ds
}

// empty reports whether a YAML file holds nothing but blanks and comments.
func empty(data []byte) bool {
	for _, line := range bytes.Split(data, []byte("\n")) {
		line = bytes.TrimSpace(line)
		if len(line) > 0 && line[0] != '#' && string(line) != "---" {
			return false
		}
	}
	return true
}

func decodePair(file string, n *yaml.Node, key string) (*Decision, diag.Diagnostics) {
	at := yamlpos.At(file, n)
	if n.Kind != yaml.SequenceNode || len(n.Content) != 2 {
		return nil, diag.Diagnostics{diag.Errorf(at, "each item of %s must be a pair of entity ids, such as [dario-amodei, amodei], not %s", key, describe(n))}
	}
	var ds diag.Diagnostics
	ids := make([]string, 2)
	ats := make([]diag.Range, 2)
	for i, c := range n.Content {
		s, d := yamlpos.String(file, c, "an entity id")
		ats[i] = yamlpos.At(file, c)
		switch {
		case d != nil:
			ds = append(ds, d)
		case !entities.IDPattern.MatchString(s):
			ds = append(ds, diag.Errorf(ats[i], "%q is not an entity id (lower case letters, digits, '-', '_' or '.')", s))
		default:
			ids[i] = s
		}
	}
	if ds != nil {
		return nil, ds
	}
	if ids[0] == ids[1] {
		return nil, diag.Diagnostics{diag.Errorf(ats[1], "a pair needs two different ids, not %q twice", ids[0])}
	}
	return &Decision{A: ids[0], B: ids[1], At: at, AAt: ats[0], BAt: ats[1]}, nil
}

func describe(n *yaml.Node) string {
	if n.Kind == yaml.SequenceNode {
		return fmt.Sprintf("a list of %d", len(n.Content))
	}
	return yamlpos.KindName(n)
}

// Check compares the decisions with the entities of the store. A decision that
// names an entity the store does not hold is ignored, with a warning (and a "did you
// mean"): the store may have been built from fewer sources. Accepting two entities
// whose kinds cannot be one thing is an error.
func (d *Decisions) Check(es []Entity) diag.Diagnostics {
	if d == nil {
		return nil
	}
	kind := map[string]string{}
	ids := make([]string, len(es))
	for i, e := range es {
		kind[e.ID] = e.Kind
		ids[i] = e.ID
	}
	var ds diag.Diagnostics
	for _, dec := range d.List {
		known := true
		for _, end := range []struct {
			id string
			at diag.Range
		}{{dec.A, dec.AAt}, {dec.B, dec.BAt}} {
			if _, ok := kind[end.id]; ok {
				continue
			}
			known = false
			w := &diag.Diagnostic{Severity: diag.Warning, Subject: end.at,
				Summary: fmt.Sprintf("no entity %q in the store; this decision is ignored", end.id)}
			if sug := diag.Suggest(end.id, ids); sug != "" {
				w.WithHint("did you mean %q?", sug)
			}
			ds = append(ds, w)
		}
		if known && dec.Accept && !Compatible(kind[dec.A], kind[dec.B]) {
			ds = append(ds, diag.Errorf(dec.At, "%s (a %s) and %s (a %s) cannot be one thing", dec.A, kind[dec.A], dec.B, kind[dec.B]).
				WithHint("move the pair to reject, or remove it"))
		}
	}
	return ds.Sort()
}

// decisionsHeader starts a decisions file that graph link creates.
const decisionsHeader = `# Decisions of graph link: pairs of entity ids that are one thing (accept) or two
# (reject). graph link --accept A B and --reject A B edit this file; so may you.
`

// Decide records in the decisions file that a and b are one thing (accept) or two,
// creating the file when needed, and removing the pair from the other list. Other
// content and comments are kept. It reports whether the file changed.
func Decide(file, a, b string, accept bool) (bool, error) {
	data, err := os.ReadFile(file)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return false, err
	}
	var doc yaml.Node
	if !empty(data) {
		if err := yaml.Unmarshal(data, &doc); err != nil {
			return false, fmt.Errorf("%s: %w", file, err)
		}
	}
	if doc.Kind == 0 {
		doc = yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{{Kind: yaml.MappingNode}}}
		doc.HeadComment = strings.TrimSpace(string(data)) // a file of comments keeps them
		if doc.HeadComment == "" {
			doc.HeadComment = strings.TrimSuffix(decisionsHeader, "\n")
		}
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return false, fmt.Errorf("%s: the top level must be a mapping with accept and reject", file)
	}
	// list returns the list under key, made when create is set, or an empty node.
	list := func(key string, create bool) *yaml.Node {
		for i := 0; i+1 < len(root.Content); i += 2 {
			if root.Content[i].Value == key {
				v := root.Content[i+1]
				if v.Kind != yaml.SequenceNode {
					*v = yaml.Node{Kind: yaml.SequenceNode}
				}
				return v
			}
		}
		v := &yaml.Node{Kind: yaml.SequenceNode}
		if create {
			root.Content = append(root.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: key}, v)
			sortKeys(root)
		}
		return v
	}
	same := func(n *yaml.Node) bool {
		if n.Kind != yaml.SequenceNode || len(n.Content) != 2 {
			return false
		}
		x, y := n.Content[0].Value, n.Content[1].Value
		return x == a && y == b || x == b && y == a
	}
	wantKey, otherKey := "accept", "reject"
	if !accept {
		wantKey, otherKey = otherKey, wantKey
	}
	want, other := list(wantKey, true), list(otherKey, false)
	changed := false
	kept := other.Content[:0]
	for _, n := range other.Content {
		if same(n) {
			changed = true
			continue
		}
		kept = append(kept, n)
	}
	other.Content = kept
	if !slices.ContainsFunc(want.Content, same) {
		if len(want.Content) == 0 {
			want.Style = 0 // "accept: []" grows into a block list
		}
		want.Content = append(want.Content, &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle, Content: []*yaml.Node{
			{Kind: yaml.ScalarNode, Value: a}, {Kind: yaml.ScalarNode, Value: b}}})
		changed = true
	}
	if !changed {
		return false, nil
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return false, err
	}
	enc.Close()
	return true, os.WriteFile(file, buf.Bytes(), 0o644)
}

// sortKeys puts accept before reject.
func sortKeys(m *yaml.Node) {
	type kv struct{ k, v *yaml.Node }
	var pairs []kv
	for i := 0; i+1 < len(m.Content); i += 2 {
		pairs = append(pairs, kv{m.Content[i], m.Content[i+1]})
	}
	sort.SliceStable(pairs, func(i, j int) bool { return pairs[i].k.Value < pairs[j].k.Value })
	m.Content = m.Content[:0]
	for _, p := range pairs {
		m.Content = append(m.Content, p.k, p.v)
	}
}
