package entities

import (
	"regexp"
	"slices"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/graphbuilder/graph/internal/diag"
	"github.com/graphbuilder/graph/internal/yamlpos"
	"github.com/graphbuilder/graph/schema"
)

// IDPattern is the shape of every curated id: entity, claim, relation and source ids.
// A slash is reserved for the IRI prefixes (claim/, rel/, source/, catalog/).
var IDPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]*$`)

// KindInvalid is the kind of an entity whose kind was reported as wrong. Such an
// entity still holds its id, so that references to it do not cause more errors.
const KindInvalid = "(invalid)"

// Entity is one curated entity.
type Entity struct {
	ID       string
	Kind     string
	Name     string
	Aliases  []string
	Wikidata string
	// Gender is "female" or "male" when the graph says it, for a person: it
	// decides which pronouns may stand for them (she, 她 not for a man).
	Gender string
	Facts  []Fact
	// At is where the entity's id is written; KindAt where its kind is, NameAt
	// where its name is, and AliasAt where each of its aliases is.
	At, KindAt, NameAt diag.Range
	AliasAt            []diag.Range
}

// Fact is an edge from an entity to another entity, such as ceo_of.
type Fact struct {
	Predicate string
	Object    string
	At        diag.Range
}

var entityFields = []string{"id", "kind", "name", "aliases", "wikidata", "gender", "facts"}

// Genders are the values of an entity's gender.
var Genders = []string{"female", "male"}

// Decode reads a list of entities from n, checking each against the schema: known
// kinds, well-formed ids, fact predicates of category fact. References between
// entities (fact objects) are checked later, when every entity is known.
func Decode(file string, n *yaml.Node, s *schema.Schema) ([]Entity, diag.Diagnostics) {
	items, d := yamlpos.List(file, n, "entities")
	if d != nil {
		return nil, diag.Diagnostics{d}
	}
	var ds diag.Diagnostics
	var out []Entity
	for _, item := range items {
		e, more := decodeOne(file, item, s)
		ds = append(ds, more...)
		if e != nil {
			out = append(out, *e)
		}
	}
	return out, ds
}

func decodeOne(file string, n *yaml.Node, s *schema.Schema) (*Entity, diag.Diagnostics) {
	fs, ds := yamlpos.Fields(file, n, "an entity", entityFields, []string{"id", "kind", "name"})
	if fs == nil {
		return nil, ds
	}
	e := &Entity{At: yamlpos.At(file, n)}
	if f, ok := fs["id"]; ok {
		id, d := yamlpos.String(file, f.Value, "id")
		switch {
		case d != nil:
			ds = append(ds, d)
		case !IDPattern.MatchString(id):
			ds = append(ds, diag.Errorf(yamlpos.At(file, f.Value), "id %q must be lower case letters, digits, '-', '_' or '.'", id))
		default:
			e.ID = id
			e.At = yamlpos.At(file, f.Value)
		}
	}
	e.Kind = KindInvalid
	if f, ok := fs["kind"]; ok {
		kind, d := yamlpos.String(file, f.Value, "kind")
		e.KindAt = yamlpos.At(file, f.Value)
		if d != nil {
			ds = append(ds, d)
		} else if nk := s.Node(kind); nk == nil || !nk.Entity {
			d := diag.Errorf(e.KindAt, "unknown entity kind %q", kind)
			kinds := s.NodeNames(true)
			if sug := diag.Suggest(kind, kinds); sug != "" {
				d.WithHint("did you mean %q?", sug)
			} else {
				d.WithHint("entity kinds: %s", strings.Join(kinds, ", "))
			}
			ds = append(ds, d)
		} else {
			e.Kind = kind
		}
	}
	if f, ok := fs["name"]; ok {
		name, d := yamlpos.String(file, f.Value, "name")
		e.NameAt = yamlpos.At(file, f.Value)
		if d != nil {
			ds = append(ds, d)
		} else if name == "" {
			ds = append(ds, diag.Errorf(yamlpos.At(file, f.Value), "name is empty"))
		}
		e.Name = name
	}
	if f, ok := fs["aliases"]; ok {
		vals, nodes, more := yamlpos.StringList(file, f.Value, "aliases")
		ds = append(ds, more...)
		e.Aliases = vals
		for _, n := range nodes {
			e.AliasAt = append(e.AliasAt, yamlpos.At(file, n))
		}
	}
	if f, ok := fs["wikidata"]; ok {
		q, d := yamlpos.String(file, f.Value, "wikidata")
		if d != nil {
			ds = append(ds, d)
		} else if !wikidataPattern.MatchString(q) {
			ds = append(ds, diag.Errorf(yamlpos.At(file, f.Value), "wikidata id %q must look like Q42", q))
		} else {
			e.Wikidata = q
		}
	}
	if f, ok := fs["gender"]; ok {
		g, d := yamlpos.String(file, f.Value, "gender")
		switch {
		case d != nil:
			ds = append(ds, d)
		case !slices.Contains(Genders, g):
			ds = append(ds, diag.Errorf(yamlpos.At(file, f.Value), "gender %q must be female or male (leave it out when unknown)", g))
		case e.Kind != "person" && e.Kind != KindInvalid:
			ds = append(ds, diag.Errorf(yamlpos.At(file, f.Value), "gender is said of a person, not a %s", e.Kind))
		default:
			e.Gender = g
		}
	}
	if f, ok := fs["facts"]; ok {
		facts, more := decodeFacts(file, f.Value, s)
		ds = append(ds, more...)
		e.Facts = facts
	}
	if e.ID == "" || e.Name == "" {
		return nil, ds
	}
	ds = append(ds, checkNames(e)...)
	return e, ds
}

var wikidataPattern = regexp.MustCompile(`^Q[1-9][0-9]*$`)

func decodeFacts(file string, n *yaml.Node, s *schema.Schema) ([]Fact, diag.Diagnostics) {
	if n.Kind != yaml.MappingNode {
		return nil, diag.Diagnostics{diag.Errorf(yamlpos.At(file, n), "facts must be a mapping of predicate to entity ids, not %s", yamlpos.KindName(n))}
	}
	var ds diag.Diagnostics
	var out []Fact
	seen := map[string]bool{}
	facts := s.EdgeNames(schema.Fact)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		pred := k.Value
		if ek := s.Edge(pred); ek == nil || ek.Category != schema.Fact {
			d := diag.Errorf(yamlpos.At(file, k), "unknown fact %q", pred)
			if sug := diag.Suggest(pred, facts); sug != "" {
				d.WithHint("did you mean %q?", sug)
			} else {
				d.WithHint("facts: %s", strings.Join(facts, ", "))
			}
			ds = append(ds, d)
			continue
		}
		if seen[pred] {
			ds = append(ds, diag.Errorf(yamlpos.At(file, k), "fact %q appears twice; list its objects once", pred))
			continue
		}
		seen[pred] = true
		vals, nodes, more := yamlpos.StringList(file, v, pred)
		ds = append(ds, more...)
		for i, obj := range vals {
			out = append(out, Fact{Predicate: pred, Object: obj, At: yamlpos.At(file, nodes[i])})
		}
	}
	return out, ds
}

// SortedFacts returns the facts of e ordered by predicate and object.
func (e *Entity) SortedFacts() []Fact {
	out := append([]Fact(nil), e.Facts...)
	sort.Slice(out, func(i, j int) bool {
		if out[i].Predicate != out[j].Predicate {
			return out[i].Predicate < out[j].Predicate
		}
		return out[i].Object < out[j].Object
	})
	return out
}
