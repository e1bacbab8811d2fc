package review

import (
	"regexp"

	"gopkg.in/yaml.v3"

	"github.com/graphbuilder/graph/internal/diag"
	"github.com/graphbuilder/graph/internal/entities"
	"github.com/graphbuilder/graph/internal/yamlpos"
)

// DefaultFile is the decisions file kept beside a graph.yaml.
const DefaultFile = "findings.yaml"

// keyPattern is the shape of a finding key: x- for claims (extract.ClaimID), r- for
// relations.
var keyPattern = regexp.MustCompile(`^[xr]-[0-9a-f]{10}$`)

// Decision is a curator's answer for one finding: keep it (accept) or never
// propose it again.
type Decision struct {
	// ID is the finding's id as printed; Finding its key, when known (a decision
	// written by hand may give the id alone).
	ID      string
	Finding string
	Accept  bool
	// At is the decision's place in the file, IDAt that of its id.
	At, IDAt diag.Range
}

// Decisions is a decisions file:
//
//	accept:
//	  - {id: engines-will-compose-music, finding: x-21ed407069}
//	reject:
//	  - {id: it-only-calculates, finding: x-0d5c7e1a2b}   # a report, not a claim
type Decisions struct {
	File string
	List []Decision
}

var (
	decisionLists  = []string{"accept", "reject"}
	decisionFields = []string{"id", "finding"}
)

// Load reads a decisions file. A file that does not exist holds no decisions. Every
// problem is reported with its place: unknown keys, an item without an id, an id or
// finding key of the wrong shape, a finding listed twice, or both accepted and
// rejected.
func Load(file string) (*Decisions, diag.Diagnostics) {
	d := &Decisions{File: file}
	root, ds := yamlpos.ReadOptional(file, "decisions")
	if ds != nil {
		return nil, ds
	}
	if root == nil {
		return d, nil
	}
	top, ds := yamlpos.Fields(file, root, "a findings decisions file", decisionLists, nil)
	seen := map[string]Decision{}
	for _, key := range decisionLists {
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
			dec, more := decodeDecision(file, item, key)
			ds = append(ds, more...)
			if dec == nil {
				continue
			}
			dec.Accept = key == "accept"
			keys := []string{"id:" + dec.ID}
			if dec.Finding != "" {
				keys = append(keys, "key:"+dec.Finding)
			}
			if prev, dup := firstSeen(seen, keys); dup {
				if prev.Accept == dec.Accept {
					ds = append(ds, diag.Errorf(dec.At, "finding %s is already listed at %s", dec.ID, prev.At.Location()))
				} else {
					ds = append(ds, diag.Errorf(dec.At, "finding %s is both accepted and rejected (also at %s)", dec.ID, prev.At.Location()).
						WithHint("keep it under accept or under reject, not both"))
				}
				continue
			}
			for _, k := range keys {
				seen[k] = *dec
			}
			d.List = append(d.List, *dec)
		}
	}
	ds = ds.Sort()
	if ds.HasErrors() {
		return nil, ds
	}
	return d, ds
}

// firstSeen returns the decision seen before under one of keys, if any.
func firstSeen(seen map[string]Decision, keys []string) (Decision, bool) {
	for _, k := range keys {
		if prev, ok := seen[k]; ok {
			return prev, true
		}
	}
	return Decision{}, false
}

func decodeDecision(file string, n *yaml.Node, list string) (*Decision, diag.Diagnostics) {
	at := yamlpos.At(file, n)
	dec := &Decision{At: at}
	idNode := n
	if n.Kind == yaml.MappingNode {
		fs, ds := yamlpos.Fields(file, n, "a decision", decisionFields, []string{"id"})
		if ds != nil {
			return nil, ds
		}
		idNode = fs["id"].Value
		if f, ok := fs["finding"]; ok {
			key, d := yamlpos.String(file, f.Value, "a finding key")
			if d != nil {
				return nil, diag.Diagnostics{d}
			}
			if !keyPattern.MatchString(key) {
				return nil, diag.Diagnostics{diag.Errorf(yamlpos.At(file, f.Value), "%q is not a finding key (x- or r- and ten hex digits, as graph extract writes it)", key)}
			}
			dec.Finding = key
		}
	} else if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		return nil, diag.Diagnostics{diag.Errorf(at, "each item of %s must be a finding id or {id: ID, finding: KEY}, not %s", list, yamlpos.KindName(n))}
	}
	id, d := yamlpos.String(file, idNode, "a finding id")
	if d != nil {
		return nil, diag.Diagnostics{d}
	}
	dec.IDAt = yamlpos.At(file, idNode)
	if !entities.IDPattern.MatchString(id) {
		return nil, diag.Diagnostics{diag.Errorf(dec.IDAt, "%q is not a finding id (lower case letters, digits, '-', '_' or '.')", id)}
	}
	dec.ID = id
	return dec, nil
}

// decisionsHeader starts a decisions file that Decide creates.
const decisionsHeader = `# Decisions on the findings of graph extract for the graph.yaml beside this file:
# accept keeps a finding (paste it into graph.yaml from graph extract --format yaml),
# reject never proposes it again. graph extract --accept ID and --reject ID edit this
# file; so may you.`

// Decide records that the finding id (key, its finding key) is accepted or
// rejected, creating the file when needed and removing the finding from the other
// list. Other content and comments are kept. It reports whether the file changed.
func Decide(file, id, key string, accept bool) (bool, error) {
	same := func(n *yaml.Node) bool {
		if n.Kind == yaml.ScalarNode {
			return n.Value == id
		}
		if n.Kind != yaml.MappingNode {
			return false
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i].Value, n.Content[i+1].Value
			if k == "id" && v == id || k == "finding" && key != "" && v == key {
				return true
			}
		}
		return false
	}
	item := &yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle, Content: []*yaml.Node{
		{Kind: yaml.ScalarNode, Value: "id"}, {Kind: yaml.ScalarNode, Value: id}}}
	if key != "" {
		item.Content = append(item.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: "finding"}, &yaml.Node{Kind: yaml.ScalarNode, Value: key})
	}
	return yamlpos.Decide(file, decisionsHeader, accept, same, item)
}
