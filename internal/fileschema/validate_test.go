package fileschema

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"gopkg.in/yaml.v3"

	"github.com/graphbuilder/graph/internal/diag"
	"github.com/graphbuilder/graph/internal/extract/rules"
	"github.com/graphbuilder/graph/internal/interview"
	"github.com/graphbuilder/graph/internal/link"
	"github.com/graphbuilder/graph/schema"
)

const schemaDir = "../../schema/json"

// compile compiles the committed schema called name, with every schema of the
// folder known under its $id.
func compile(t *testing.T, name string) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	for _, f := range Files {
		data, err := os.ReadFile(filepath.Join(schemaDir, f.Name))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(strings.NewReader(string(data)))
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if err := c.AddResource(BaseURL+f.Name, doc); err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
	}
	sch, err := c.Compile(BaseURL + name)
	if err != nil {
		t.Fatalf("compile %s: %v", name, err)
	}
	return sch
}

// instance reads a YAML document into the values a JSON validator takes, as an
// editor's YAML support does: scalars by their resolved tag, a date as text.
func instance(data []byte) (any, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	return value(doc.Content[0])
}

func value(n *yaml.Node) (any, error) {
	switch n.Kind {
	case yaml.AliasNode:
		return value(n.Alias)
	case yaml.SequenceNode:
		out := []any{}
		for _, c := range n.Content {
			v, err := value(c)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case yaml.MappingNode:
		out := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			v, err := value(n.Content[i+1])
			if err != nil {
				return nil, err
			}
			out[n.Content[i].Value] = v
		}
		return out, nil
	}
	switch n.ShortTag() {
	case "!!null":
		return nil, nil
	case "!!bool":
		var b bool
		err := n.Decode(&b)
		return b, err
	case "!!int":
		var i int64
		if err := n.Decode(&i); err != nil {
			return nil, err
		}
		return json.Number(strconv.FormatInt(i, 10)), nil
	case "!!float":
		var f float64
		if err := n.Decode(&f); err != nil {
			return nil, err
		}
		return json.Number(strconv.FormatFloat(f, 'g', -1, 64)), nil
	}
	return n.Value, nil
}

func validateFile(t *testing.T, sch *jsonschema.Schema, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	v, err := instance(data)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if err := sch.Validate(v); err != nil {
		t.Errorf("%s does not validate against %s:\n%v", path, sch.Location, err)
	}
}

func glob(t *testing.T, pattern string) []string {
	t.Helper()
	files, err := filepath.Glob(pattern)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no files match %s", pattern)
	}
	return files
}

// TestExamplesValidate checks every YAML file of the bundled examples, the
// documented example and the builtin rule packs against its schema with a real
// JSON Schema validator: what graph accepts, the schemas accept.
func TestExamplesValidate(t *testing.T) {
	cases := []struct {
		schema  string
		pattern string
	}{
		{"graph.schema.json", "../../examples/*/graph.yaml"},
		{"graph.schema.json", "../../docs/example/graph.yaml"},
		{"catalog.schema.json", "../../examples/catalog/*.yaml"},
		{"rules.schema.json", "../../internal/extract/rules/packs/*.yaml"},
	}
	for _, c := range cases {
		sch := compile(t, c.schema)
		for _, f := range glob(t, c.pattern) {
			t.Run(filepath.Base(filepath.Dir(f))+"/"+filepath.Base(f), func(t *testing.T) {
				validateFile(t, sch, f)
			})
		}
	}
}

// validDocs are small files of the kinds that examples/ has none of, which graph
// accepts and so the schemas must too.
var validDocs = []struct{ name, schema, text string }{
	{"links", "links.schema.json", "accept:\n  - [dario-amodei, amodei]\nreject:\n  - [daniela-amodei, dario-amodei]\n"},
	{"links-empty-list", "links.schema.json", "accept:\nreject: []\n"},
	{"config", "config.schema.json", "store:\n  backend: bolt\n  path: other.db\n  lock_timeout: 1s\nquery:\n  timeout: 1m30s\n"},
	{"config-postgres", "config.schema.json", "store:\n  backend: postgres\n  path: postgres://graph@localhost/graph\n  lock_timeout: 0\n"},
	{"graph-mapped-speakers", "graph.schema.json", "source:\n  id: s\n  title: 1984\n  kind: talk\n  transcript: t.vtt\n  transcript_format: vtt\n  speakers:\n    HOST: lena-hart\nentities:\nclaims:\n  - {id: c, speaker: lena-hart, text: yes, quote: q, occurrence: \"2\"}\n"},
	{"graph-own-kinds", "graph.schema.json", "schema: [my-schema.yaml]\nsource: {id: s, title: t, kind: article, transcript: t.txt}\nentities:\n  - {id: x, kind: planet, name: X, facts: {orbits: y}}\nrelations:\n  - {kind: contradicts, from: a, to: other-source/b}\n"},
}

func TestValidDocuments(t *testing.T) {
	for _, d := range validDocs {
		t.Run(d.name, func(t *testing.T) {
			v, err := instance([]byte(d.text))
			if err != nil {
				t.Fatal(err)
			}
			if err := compile(t, d.schema).Validate(v); err != nil {
				t.Errorf("rejected:\n%v", err)
			}
		})
	}
}

// invalidDocs are mistakes a person makes while typing, each of which the schema
// must underline at the place given (a JSON pointer into the document) and the
// loader must refuse too.
var invalidDocs = []struct {
	name, schema, text, at string
}{
	{"graph-misspelt-key", "graph.schema.json", "source: {id: s, title: t, kind: interview, transcript: t.txt}\nentitys: []\n", ""},
	{"graph-no-source", "graph.schema.json", "entities: []\n", ""},
	{"source-unknown-kind", "graph.schema.json", "source: {id: s, title: t, kind: interveiw, transcript: t.txt}\n", "/source/kind"},
	{"source-no-transcript", "graph.schema.json", "source: {id: s, title: t, kind: interview}\n", "/source"},
	{"source-bad-date", "graph.schema.json", "source: {id: s, title: t, kind: interview, transcript: t.txt, date: 3 May 2024}\n", "/source/date"},
	{"entity-bad-id", "graph.schema.json", "source: {id: s, title: t, kind: interview, transcript: t.txt}\nentities:\n  - {id: Dario, kind: person, name: Dario}\n", "/entities/0/id"},
	{"entity-unknown-kind", "graph.schema.json", "source: {id: s, title: t, kind: interview, transcript: t.txt}\nentities:\n  - {id: d, kind: persn, name: Dario}\n", "/entities/0/kind"},
	// The validator reports a bad property name at a place its own slices share
	// with the entity's other keys (/entities/0/facts, or /entities/0/kind on
	// another run): the test looks for the propertyNames error naming "ceo".
	{"entity-unknown-fact", "graph.schema.json", "source: {id: s, title: t, kind: interview, transcript: t.txt}\nentities:\n  - {id: d, kind: person, name: Dario, facts: {ceo: a}}\n", "propertyName ceo"},
	{"claim-no-speaker", "graph.schema.json", "source: {id: s, title: t, kind: interview, transcript: t.txt}\nclaims:\n  - {id: c, text: t}\n", "/claims/0"},
	{"claim-occurrence-zero", "graph.schema.json", "source: {id: s, title: t, kind: interview, transcript: t.txt}\nclaims:\n  - {id: c, speaker: d, text: t, quote: q, occurrence: 0}\n", "/claims/0/occurrence"},
	{"relation-unknown-kind", "graph.schema.json", "source: {id: s, title: t, kind: interview, transcript: t.txt}\nrelations:\n  - {kind: refutes, from: a, to: b}\n", "/relations/0/kind"},
	{"catalog-no-id", "catalog.schema.json", "entities:\n  - {id: a, kind: company, name: A}\n", ""},
	{"catalog-entity-list", "catalog.schema.json", "catalog: c\nentities: {id: a}\n", "/entities"},
	{"rule-bad-confidence", "rules.schema.json", "pack: p\nrules:\n  - {id: r, kind: claim, pattern: x, confidence: 1.5}\n", "/rules/0/confidence"},
	{"rule-relation-without-kind", "rules.schema.json", "pack: p\nrules:\n  - {id: r, kind: relation, pattern: x, confidence: 0.5}\n", "/rules/0"},
	{"rule-link-to-and-from", "rules.schema.json", "pack: p\nrules:\n  - {id: r, kind: claim, pattern: x, confidence: 0.5, links: [{relation: supports, to: main, from: previous}]}\n", "/rules/0/links/0"},
	{"links-triple", "links.schema.json", "accept:\n  - [a, b, c]\n", "/accept/0"},
	{"links-unknown-key", "links.schema.json", "accepted:\n  - [a, b]\n", ""},
	{"config-backend", "config.schema.json", "store:\n  backend: sqlite\n", "/store/backend"},
	{"config-duration", "config.schema.json", "query:\n  timeout: 10\n", "/query/timeout"},
	{"config-misspelt", "config.schema.json", "store:\n  pth: other.db\n", "/store"},
}

func TestInvalidDocuments(t *testing.T) {
	for _, d := range invalidDocs {
		t.Run(d.name, func(t *testing.T) {
			v, err := instance([]byte(d.text))
			if err != nil {
				t.Fatal(err)
			}
			err = compile(t, d.schema).Validate(v)
			var verr *jsonschema.ValidationError
			if !errors.As(err, &verr) {
				t.Fatalf("accepted by %s, want an error at %q", d.schema, d.at)
			}
			if name, ok := strings.CutPrefix(d.at, "propertyName "); ok {
				if !badPropertyName(verr, name) {
					t.Errorf("no propertyNames error for %q:\n%v", name, err)
				}
			} else if places := leaves(verr); !contains(places, d.at) {
				t.Errorf("errors at %q, want one at %q:\n%v", places, d.at, err)
			}
			if ds, read := loaderErrors(t, d.schema, d.text); read && !ds.HasErrors() {
				t.Errorf("the loader accepts what the schema refuses")
			}
		})
	}
}

// leaves lists the instance places (JSON pointers) of the innermost errors. An
// error about a property name reports no place of its own; it takes its parent's.
func leaves(e *jsonschema.ValidationError) []string {
	return leavesUnder(e, "")
}

func leavesUnder(e *jsonschema.ValidationError, parent string) []string {
	p := ""
	for _, tok := range e.InstanceLocation {
		p += "/" + tok
	}
	if p == "" {
		p = parent
	}
	if len(e.Causes) == 0 {
		return []string{p}
	}
	var out []string
	for _, c := range e.Causes {
		out = append(out, leavesUnder(c, p)...)
	}
	return out
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// badPropertyName reports whether e holds a propertyNames error for name.
func badPropertyName(e *jsonschema.ValidationError, name string) bool {
	if k, ok := e.ErrorKind.(*kind.PropertyNames); ok && k.Property == name {
		return true
	}
	for _, c := range e.Causes {
		if badPropertyName(c, name) {
			return true
		}
	}
	return false
}

// loaderErrors runs graph's own loader of the kind of file the schema is for.
// Configuration files are read by cmd/graph, whose scripts cover their mistakes;
// for them it reports false.
func loaderErrors(t *testing.T, schemaName, text string) (diag.Diagnostics, bool) {
	t.Helper()
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("t.txt", "Dario said a thing, q, and q again.\n")
	switch schemaName {
	case "graph.schema.json":
		_, ds := interview.NewLoader(schema.Core()).Load(write("graph.yaml", text))
		return ds, true
	case "catalog.schema.json":
		write("catalog.yaml", text)
		_, ds := interview.NewLoader(schema.Core()).Load(write("graph.yaml", "source: {id: s, title: t, kind: interview, transcript: t.txt}\ninclude: [catalog.yaml]\n"))
		return ds, true
	case "rules.schema.json":
		_, ds := rules.Parse("p.yaml", []byte(text), schema.Core())
		return ds, true
	case "links.schema.json":
		_, ds := link.LoadDecisions(write("links.yaml", text))
		return ds, true
	}
	return nil, false
}
