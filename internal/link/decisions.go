package link

import (
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/graphbuilder/graph/internal/diag"
	"github.com/graphbuilder/graph/internal/entities"
	"github.com/graphbuilder/graph/internal/yamlpos"
)

// DefaultDecisionsFile is where decisions are kept unless told otherwise.
const DefaultDecisionsFile = "links.yaml"

// Decision is a person's answer for one pair: the two are one thing (accept) or two.
// For a pair of claims (SOURCE/CLAIM ids), accept means A Kind B: the relation
// is written; reject that the two are unrelated.
type Decision struct {
	A, B   string
	Accept bool
	// Kind is the relation of an accepted pair of claims; "" for entities.
	Kind string
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
	// List holds the decisions on entities, Claims those on claims.
	List   []Decision
	Claims []Decision
}

var decisionFields = []string{"accept", "reject"}

// LoadDecisions reads a decisions file. A file that does not exist holds no
// decisions. Every problem is reported, with its place: unknown keys, items that are
// not a pair of two different ids, a pair listed twice, or both accepted and rejected.
func LoadDecisions(file string) (*Decisions, diag.Diagnostics) {
	d := &Decisions{File: file}
	root, ds := yamlpos.ReadOptional(file, "decisions")
	if ds != nil {
		return nil, ds
	}
	if root == nil {
		return d, nil
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
			if dec.claims() {
				d.Claims = append(d.Claims, *dec)
			} else {
				d.List = append(d.List, *dec)
			}
		}
	}
	ds = ds.Sort()
	if ds.HasErrors() {
		return nil, ds
	}
	return d, ds
}

// claims reports whether the decision is on two claims.
func (d *Decision) claims() bool { return strings.Contains(d.A, "/") }

// ClaimKinds are the relations an accepted pair of claims may be written as.
var ClaimKinds = []string{"rebuts", "rephrases", "supports"}

func decodePair(file string, n *yaml.Node, key string) (*Decision, diag.Diagnostics) {
	at := yamlpos.At(file, n)
	claimPair := n.Kind == yaml.SequenceNode && len(n.Content) >= 2 && strings.Contains(n.Content[0].Value, "/")
	if n.Kind != yaml.SequenceNode || !claimPair && len(n.Content) != 2 || claimPair && len(n.Content) > 3 {
		return nil, diag.Diagnostics{diag.Errorf(at, "each item of %s must be a pair of entity ids, such as [dario-amodei, amodei], or of claims, such as [lecun-2024/open-platforms-win, amodei-2025/open-source-is-red-herring, rebuts], not %s", key, describe(n))}
	}
	var ds diag.Diagnostics
	ids := make([]string, 2)
	ats := make([]diag.Range, 2)
	for i, c := range n.Content[:2] {
		what := "an entity id"
		if claimPair {
			what = "a claim, SOURCE/CLAIM"
		}
		s, d := yamlpos.String(file, c, what)
		ats[i] = yamlpos.At(file, c)
		switch {
		case d != nil:
			ds = append(ds, d)
		case claimPair && !isClaimRef(s):
			ds = append(ds, diag.Errorf(ats[i], "%q is not a claim of a source (SOURCE-ID/CLAIM-ID)", s))
		case !claimPair && !entities.IDPattern.MatchString(s):
			ds = append(ds, diag.Errorf(ats[i], "%q is not an entity id (lower case letters, digits, '-', '_' or '.')", s))
		default:
			ids[i] = s
		}
	}
	kind := ""
	switch {
	case claimPair && len(n.Content) == 3:
		k, d := yamlpos.String(file, n.Content[2], "a relation kind")
		switch {
		case d != nil:
			ds = append(ds, d)
		case key != "accept":
			ds = append(ds, diag.Errorf(yamlpos.At(file, n.Content[2]), "a rejected pair of claims has no relation kind").
				WithHint("write [A, B] under reject"))
		case !slices.Contains(ClaimKinds, k):
			d := diag.Errorf(yamlpos.At(file, n.Content[2]), "a pair of claims is written as %s, not %q", strings.Join(ClaimKinds, ", "), k)
			if sug := diag.Suggest(k, ClaimKinds); sug != "" {
				d.WithHint("did you mean %q?", sug)
			}
			ds = append(ds, d)
		default:
			kind = k
		}
	case claimPair && key == "accept":
		ds = append(ds, diag.Errorf(at, "an accepted pair of claims needs its relation kind: [A, B, KIND], KIND one of %s", strings.Join(ClaimKinds, ", ")))
	}
	if ds != nil {
		return nil, ds
	}
	if ids[0] == ids[1] {
		return nil, diag.Diagnostics{diag.Errorf(ats[1], "a pair needs two different ids, not %q twice", ids[0])}
	}
	return &Decision{A: ids[0], B: ids[1], Kind: kind, At: at, AAt: ats[0], BAt: ats[1]}, nil
}

// isClaimRef reports whether s is SOURCE-ID/CLAIM-ID.
func isClaimRef(s string) bool {
	src, id, ok := strings.Cut(s, "/")
	return ok && entities.IDPattern.MatchString(src) && entities.IDPattern.MatchString(id)
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
	same := func(n *yaml.Node) bool {
		if n.Kind != yaml.SequenceNode || len(n.Content) != 2 {
			return false
		}
		x, y := n.Content[0].Value, n.Content[1].Value
		return x == a && y == b || x == b && y == a
	}
	item := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle, Content: []*yaml.Node{
		{Kind: yaml.ScalarNode, Value: a}, {Kind: yaml.ScalarNode, Value: b}}}
	return yamlpos.Decide(file, decisionsHeader, accept, same, item)
}

// DecideClaims records in the decisions file that claim a (SOURCE/CLAIM) stands
// in relation kind to claim b (accept), or that the two are unrelated (reject,
// kind ""). A pair already accepted keeps the kind written in the file, which a
// person may edit; a pair decided the other way is moved.
func DecideClaims(file, a, b string, accept bool, kind string) (bool, error) {
	same := func(n *yaml.Node) bool {
		if n.Kind != yaml.SequenceNode || len(n.Content) < 2 {
			return false
		}
		x, y := n.Content[0].Value, n.Content[1].Value
		return x == a && y == b || x == b && y == a
	}
	content := []*yaml.Node{{Kind: yaml.ScalarNode, Value: a}, {Kind: yaml.ScalarNode, Value: b}}
	if accept {
		content = append(content, &yaml.Node{Kind: yaml.ScalarNode, Value: kind})
	}
	item := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle, Content: content}
	return yamlpos.Decide(file, decisionsHeader, accept, same, item)
}
