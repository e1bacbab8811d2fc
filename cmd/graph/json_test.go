package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// jsonSchemaDir holds the schema of every command's --json output (docs/json.md).
const jsonSchemaDir = "../../docs/json"

// jsonSchemaBase is the $id of that folder: every schema there is FILE under it,
// and their $refs resolve against it.
const jsonSchemaBase = "https://github.com/graphbuilder/graph/docs/json/"

// snakeCase is the form of every key that graph itself writes.
var snakeCase = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// schemaSet is every schema of docs/json, each added under its $id.
type schemaSet struct{ c *jsonschema.Compiler }

// jsonSchemas reads every schema of docs/json.
func jsonSchemas(t *testing.T) schemaSet {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(jsonSchemaDir, "*.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no schemas in %s", jsonSchemaDir)
	}
	c := jsonschema.NewCompiler()
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		id := jsonSchemaBase + filepath.Base(f)
		if obj, _ := doc.(map[string]any); obj["$id"] != id {
			t.Errorf("%s: $id is %v, want %q", f, obj["$id"], id)
		}
		if err := c.AddResource(id, doc); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
	}
	return schemaSet{c}
}

// get compiles the schema of file name; a name with a fragment
// (query.schema.json#/$defs/path_result) compiles a part of it.
func (s schemaSet) get(t *testing.T, name string) *jsonschema.Schema {
	t.Helper()
	sch, err := s.c.Compile(jsonSchemaBase + name)
	if err != nil {
		t.Fatalf("compile %s: %v", name, err)
	}
	return sch
}

// jsonCase is one run of a command with --json.
type jsonCase struct {
	name   string
	args   []string
	code   int
	schema string
	// opaque is the path of a value whose objects have the query's own keys.
	opaque string
	// needs is a file the case needs; it is skipped when that is missing.
	needs string
	// silent says that stderr must be empty: the diagnostics are in the JSON.
	silent bool
	// check, when set, checks the decoded output further.
	check func(t *testing.T, doc any)
}

// TestJSONOutput runs every command that reports something with --json on the
// bundled examples, in one store, and checks that each prints one JSON document
// indented by two spaces, that its schema in docs/json accepts, with snake_case
// keys.
func TestJSONOutput(t *testing.T) {
	schemas := jsonSchemas(t)
	const examples = "../../examples"
	dir := t.TempDir()
	db := filepath.Join(dir, "graph.db")
	decisions := filepath.Join(dir, "links.yaml")
	broken := brokenGraph(t, dir)
	aifFile := filepath.Join(aifCorpus, "qt30", "nodeset21469.json")

	tests := []jsonCase{
		{name: "validate", args: []string{"validate", "--json", examples}, schema: "validate.schema.json",
			check: func(t *testing.T, doc any) {
				nonEmpty(t, doc, "graphs")
				if ok := field(doc, "ok"); ok != true {
					t.Errorf("ok is %v for the bundled examples", ok)
				}
			}},
		{name: "validate broken", args: []string{"validate", "--json", broken}, code: exitInput, schema: "validate.schema.json",
			silent: true,
			check: func(t *testing.T, doc any) {
				nonEmpty(t, doc, "diagnostics")
				if ok := field(doc, "ok"); ok != false {
					t.Errorf("ok is %v for a graph with errors", ok)
				}
			}},
		{name: "build", args: []string{"build", "--json", examples}, schema: "build.schema.json",
			check: func(t *testing.T, doc any) { nonEmpty(t, doc, "sources", "relations") }},
		{name: "link", args: []string{"link", "--json", "--decisions", decisions}, schema: "link.schema.json"},
		// The examples share their ids, so only a decision makes a pair.
		{name: "link reject", args: []string{"link", "--json", "--decisions", decisions, "--reject", "yann-lecun", "dario-amodei"},
			schema: "link.schema.json",
			check: func(t *testing.T, doc any) {
				nonEmpty(t, doc, "pairs")
				if field(doc, "decided") == nil {
					t.Error("decided is null after --reject")
				}
			}},
		{name: "query path", args: []string{"query", "--json", "-f", examples + "/amodei-2025/queries/rebuttals.js"},
			schema: "query.schema.json", opaque: "$.result",
			check: func(t *testing.T, doc any) {
				nonEmpty(t, doc, "result")
				// A path's results are objects of strings and numbers, which the
				// schema cannot require of every result, since g.Emit may give any value.
				path := schemas.get(t, "query.schema.json#/$defs/path_result")
				for i, r := range listField(doc, "result") {
					if err := path.Validate(r); err != nil {
						t.Errorf("result[%d]: %#v", i, err)
					}
				}
			}},
		{name: "query emit", args: []string{"query", "--json", "-f", examples + "/queries/shared-entities.js"},
			schema: "query.schema.json", opaque: "$.result",
			check: func(t *testing.T, doc any) { nonEmpty(t, doc, "result") }},
		{name: "query no result", args: []string{"query", "--json", `g.V("<nobody>").All()`},
			schema: "query.schema.json", opaque: "$.result"},
		{name: "query names", args: []string{"query", "--json", "--names", `g.V("<dario-amodei>").Out("<criticizes>").All()`},
			schema: "query.schema.json", opaque: "$.names", // the results' keys are "id" only
			check: func(t *testing.T, doc any) { nonEmpty(t, doc, "result") }},
		{name: "show claim", args: []string{"show", "--json", "claim/amodei-2025/no-diminishing-returns"}, schema: "show.schema.json"},
		{name: "show timed claim", args: []string{"show", "--json", "ai-audits-2026/flat-mandate-would-be-moat"}, schema: "show.schema.json"},
		{name: "show entity", args: []string{"show", "--json", "dario-amodei"}, schema: "show.schema.json"},
		{name: "version", args: []string{"version", "--json"}, schema: "version.schema.json"},
		{name: "stats", args: []string{"stats", "--json"}, schema: "stats.schema.json",
			check: func(t *testing.T, doc any) { nonEmpty(t, doc, "labels", "node_kinds", "predicates") }},
		{name: "check", args: []string{"check", "--json"}, schema: "check.schema.json",
			check: func(t *testing.T, doc any) { nonEmpty(t, doc, "checks") }},
		{name: "extract", args: []string{"extract", "--json", examples + "/amodei-2025"}, schema: "extract.schema.json",
			check: func(t *testing.T, doc any) { nonEmpty(t, doc, "mentions") }},
		{name: "extract format json", args: []string{"extract", "--format", "json", examples + "/amodei-2025"}, schema: "extract.schema.json"},
		{name: "eval", args: []string{"eval", "--json", examples}, schema: "eval.schema.json",
			check: func(t *testing.T, doc any) { nonEmpty(t, doc, "") }},
		{name: "eval aif", args: []string{"eval", "--json", "--aif", aifFile}, schema: "eval.schema.json", needs: aifFile, check: func(t *testing.T, doc any) { nonEmpty(t, doc, "per_file") }},
		{name: "rules test", args: []string{"rules", "test", "--json"}, schema: "rules-test.schema.json",
			check: func(t *testing.T, doc any) { nonEmpty(t, doc, "") }},
		{name: "import aif", args: []string{"import", "aif", "--json", "--store-path", filepath.Join(dir, "aif.db"), aifFile},
			schema: "import.schema.json", needs: aifFile,
			check: func(t *testing.T, doc any) { nonEmpty(t, doc, "files") }},
		{name: "import aif dry run", args: []string{"import", "aif", "--json", "--dry-run", aifFile},
			schema: "import.schema.json", needs: aifFile},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.needs != "" {
				if _, err := os.Stat(tt.needs); err != nil {
					t.Skipf("%s is missing: %v", tt.needs, err)
				}
			}
			args := tt.args
			if !slices.Contains(args, "--store-path") {
				args = slices.Concat(args, []string{"--store-path", db})
			}
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), args, &stdout, &stderr)
			if code != tt.code {
				t.Errorf("graph %s: exit %d, want %d; stderr:\n%s", strings.Join(args, " "), code, tt.code, stderr.String())
			}
			if tt.silent && stderr.Len() > 0 {
				t.Errorf("stderr is not empty:\n%s", stderr.String())
			}
			doc := checkJSON(t, schemas.get(t, tt.schema), stdout.Bytes(), tt.opaque)
			if doc != nil && tt.check != nil {
				tt.check(t, doc)
			}
		})
	}
}

// checkJSON checks that out is one JSON document indented by two spaces, valid
// against s, whose keys are snake_case except below opaque, and returns it decoded
// (nil when it is not JSON).
func checkJSON(t *testing.T, s *jsonschema.Schema, out []byte, opaque string) any {
	t.Helper()
	var compact, indented bytes.Buffer
	if err := json.Compact(&compact, out); err != nil {
		t.Errorf("stdout is not one JSON document: %v\n%s", err, out)
		return nil
	}
	json.Indent(&indented, compact.Bytes(), "", "  ")
	indented.WriteByte('\n')
	if !bytes.Equal(out, indented.Bytes()) {
		t.Errorf("stdout is not indented by two spaces:\n%s", out)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Validate(doc); err != nil {
		t.Errorf("%s\nin\n%s", abridged(fmt.Sprintf("%#v", err)), abridged(string(out)))
	}
	if bad := badKeys(doc, "$", opaque); len(bad) > 0 {
		t.Errorf("keys not in snake_case: %s", strings.Join(bad, ", "))
	}
	return doc
}

// badKeys returns the object keys in v, at path, that are not snake_case, each
// once with the first path where it is, leaving out the keys of the objects below
// opaque.
func badKeys(v any, path, opaque string) []string {
	first := map[string]string{}
	var walk func(v any, path string)
	walk = func(v any, path string) {
		switch v := v.(type) {
		case map[string]any:
			for _, k := range slices.Sorted(maps.Keys(v)) {
				p := path + "." + k
				if _, seen := first[k]; !seen && !snakeCase.MatchString(k) {
					first[k] = p
				}
				if p != opaque {
					walk(v[k], p)
				}
			}
		case []any:
			for i, x := range v {
				walk(x, fmt.Sprintf("%s[%d]", path, i))
			}
		}
	}
	walk(v, path)
	var bad []string
	for _, k := range slices.Sorted(maps.Keys(first)) {
		bad = append(bad, fmt.Sprintf("%s (%s)", k, first[k]))
	}
	return bad
}

// field returns the value of key in doc, an object, or nil.
func field(doc any, key string) any {
	obj, _ := doc.(map[string]any)
	return obj[key]
}

// listField returns doc itself when key is "", or the value of its key, as a list.
func listField(doc any, key string) []any {
	if key == "" {
		l, _ := doc.([]any)
		return l
	}
	l, _ := field(doc, key).([]any)
	return l
}

// nonEmpty fails unless each key of doc (doc itself for "") is a list with
// something in it, so that a schema is checked against more than empty lists.
func nonEmpty(t *testing.T, doc any, keys ...string) {
	t.Helper()
	for _, k := range keys {
		if len(listField(doc, k)) == 0 {
			if k == "" {
				k = "the document"
			}
			t.Errorf("%s is an empty list; the test checks too little", k)
		}
	}
}

// abridged returns the first lines of text, enough to see what went wrong.
func abridged(text string) string {
	const most = 40
	lines := strings.SplitAfter(text, "\n")
	if len(lines) > most {
		return strings.Join(lines[:most], "") + fmt.Sprintf("... (%d more lines)\n", len(lines)-most)
	}
	return text
}

// brokenGraph writes into dir a graph whose fact names an unknown entity, and
// returns its folder.
func brokenGraph(t *testing.T, dir string) string {
	t.Helper()
	g := filepath.Join(dir, "broken")
	if err := os.MkdirAll(g, 0o755); err != nil {
		t.Fatal(err)
	}
	const yaml = `source:
  id: broken
  title: broken
  kind: interview
  transcript: t.txt
entities:
  - id: anthropic
    kind: company
    name: Anthropic
    facts:
      competes_with: opnai
`
	for name, text := range map[string]string{"graph.yaml": yaml, "t.txt": "Anthropic builds models.\n"} {
		if err := os.WriteFile(filepath.Join(g, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return g
}

// TestJSONSchemas checks that the schemas are strict, and that they reject a
// renamed key, a null list, an extra key and a wrong type.
func TestJSONSchemas(t *testing.T) {
	schemas := jsonSchemas(t)

	t.Run("strict", func(t *testing.T) {
		files, _ := filepath.Glob(filepath.Join(jsonSchemaDir, "*.schema.json"))
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var doc any
			if err := json.Unmarshal(data, &doc); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			if obj, _ := doc.(map[string]any); obj["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
				t.Errorf("%s: $schema is %v", f, obj["$schema"])
			}
			for _, p := range looseSchemas(doc, filepath.Base(f)) {
				t.Error(p)
			}
		}
	})

	build := func(edit func(map[string]any)) string {
		doc := map[string]any{
			"backend": "bolt", "where": "graph.db", "labels": 1,
			"quads_added": 2, "quads_removed": 0, "quads_unchanged": 0, "sources_unchanged": 0,
			"sources": []any{map[string]any{
				"id": "a", "title": "A", "file": "a/graph.yaml", "entities": 1, "claims": 0, "relations": 0,
				"quads": 2, "extracted_claims": 0, "extracted_relations": 0, "extracted": false, "unchanged": false,
			}},
			"relations": []any{map[string]any{"kind": "supports", "count": 1}},
		}
		if edit != nil {
			edit(doc)
		}
		data, err := json.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	source := func(doc map[string]any) map[string]any { return doc["sources"].([]any)[0].(map[string]any) }
	diagnostic := `{"severity": "error", "file": "g/graph.yaml", "line": 3, "column": 5, "end_line": 3, "end_column": 9, "summary": "unknown entity \"opnai\"", "detail": "", "hint": ""}`
	validate := func(diagnostics string) string {
		return `{"ok": false, "errors": 1, "warnings": 0, "graphs": [], "diagnostics": ` + diagnostics + `}`
	}
	tests := []struct {
		name   string
		schema string
		doc    string
		valid  bool
	}{
		{"build", "build.schema.json", build(nil), true},
		{"build sources null", "build.schema.json", build(func(d map[string]any) { d["sources"] = nil }), false},
		{"build relations null", "build.schema.json", build(func(d map[string]any) { d["relations"] = nil }), false},
		{"build key renamed", "build.schema.json", build(func(d map[string]any) { d["QuadsAdded"] = d["quads_added"]; delete(d, "quads_added") }), false},
		{"build key missing", "build.schema.json", build(func(d map[string]any) { delete(d, "where") }), false},
		{"build extra key", "build.schema.json", build(func(d map[string]any) { d["first_speaker"] = "x" }), false},
		{"build extra key in a source", "build.schema.json", build(func(d map[string]any) { source(d)["language"] = "en" }), false},
		{"build count not an integer", "build.schema.json", build(func(d map[string]any) { source(d)["quads"] = 2.5 }), false},
		{"build count a string", "build.schema.json", build(func(d map[string]any) { d["labels"] = "1" }), false},
		{"validate", "validate.schema.json", validate("[" + diagnostic + "]"), true},
		{"validate diagnostics null", "validate.schema.json", validate("null"), false},
		{"validate diagnostic with extra key", "validate.schema.json", validate("[" + strings.Replace(diagnostic, `"hint": ""`, `"hint": "", "code": 1`, 1) + "]"), false},
		{"validate diagnostic of unknown severity", "validate.schema.json", validate("[" + strings.Replace(diagnostic, `"error"`, `"fatal"`, 1) + "]"), false},
		{"query", "query.schema.json", `{"result": [{"id": "<a>", "who": "<b>", "n": 2}, ["emitted"]], "names": {"<a>": "A"}}`, true},
		{"query result null", "query.schema.json", `{"result": null, "names": {}}`, false},
		{"query null result", "query.schema.json", `{"result": [null], "names": {}}`, false},
		{"query path result of a null", "query.schema.json#/$defs/path_result", `{"id": "<a>", "who": null}`, false},
		{"check note missing", "check.schema.json", `{"backend": "bolt", "where": "g", "consistent": true, "quads": 0, "labels": 0, "nodes": 0, "checks": [], "checks_passed": 0, "problems": []}`, false},
		{"link decided null", "link.schema.json", `{"entities": 0, "shared": 0, "linked": 0, "accepted": 0, "ambiguous": 0, "rejected": 0, "quads": 0, "quads_added": 0, "quads_removed": 0, "decided": null, "decisions_file": "links.yaml", "pairs": [], "claims": 0, "claim_pairs": []}`, true},
		{"link pairs null", "link.schema.json", `{"entities": 0, "shared": 0, "linked": 0, "accepted": 0, "ambiguous": 0, "rejected": 0, "quads": 0, "quads_added": 0, "quads_removed": 0, "decided": null, "decisions_file": "links.yaml", "pairs": null}`, false},
		{"rules test null", "rules-test.schema.json", `null`, false},
		{"rules test rule list null", "rules-test.schema.json", `[{"name": "zh", "ref": "builtin:zh", "rules": 1, "examples": 1, "failed": 0, "rule_list": null}]`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := jsonschema.UnmarshalJSON(strings.NewReader(tt.doc))
			if err != nil {
				t.Fatal(err)
			}
			err = schemas.get(t, tt.schema).Validate(doc)
			if tt.valid && err != nil {
				t.Errorf("%s rejects %s:\n%#v", tt.schema, tt.doc, err)
			}
			if !tt.valid && err == nil {
				t.Errorf("%s accepts %s", tt.schema, tt.doc)
			}
		})
	}

	t.Run("keys", func(t *testing.T) {
		doc := map[string]any{
			"sources": []any{map[string]any{"MentionRecall": 1.0, "missed-names": []any{}}},
			"result":  []any{map[string]any{"id": "<a>", "rebuttalText": "x"}},
		}
		got := badKeys(doc, "$", "$.result")
		want := []string{"MentionRecall ($.sources[0].MentionRecall)", "missed-names ($.sources[0].missed-names)"}
		if !slices.Equal(got, want) {
			t.Errorf("badKeys = %q, want %q", got, want)
		}
	})
}

// TestJSONDocsExamples checks every JSON example of docs/json.md against the
// schema that its section links to first, so that the examples stay true.
func TestJSONDocsExamples(t *testing.T) {
	schemas := jsonSchemas(t)
	data, err := os.ReadFile("../../docs/json.md")
	if err != nil {
		t.Fatal(err)
	}
	link := regexp.MustCompile(`\(json/([a-z-]+\.schema\.json)\)`)
	block := regexp.MustCompile("(?s)```json\n(.*?)```")
	checked := 0
	for _, section := range strings.Split(string(data), "\n## ")[1:] {
		title, _, _ := strings.Cut(section, "\n")
		m := link.FindStringSubmatch(section)
		examples := block.FindAllStringSubmatch(section, -1)
		if m == nil {
			if len(examples) > 0 {
				t.Errorf("section %q has examples but links to no schema", title)
			}
			continue
		}
		for i, ex := range examples {
			doc, err := jsonschema.UnmarshalJSON(strings.NewReader(ex[1]))
			if err != nil {
				t.Errorf("%s, example %d: %v", title, i+1, err)
				continue
			}
			if err := schemas.get(t, m[1]).Validate(doc); err != nil {
				t.Errorf("%s, example %d: %#v", title, i+1, err)
			}
			checked++
		}
	}
	if checked < 10 {
		t.Errorf("checked %d examples; docs/json.md has one or more per command", checked)
	}
}

// looseSchemas returns what is not strict in the schema v of file: an object
// schema with properties that allows other keys or does not require all of them,
// an array schema without items.
func looseSchemas(v any, at string) []string {
	var loose []string
	switch v := v.(type) {
	case map[string]any:
		if props, ok := v["properties"].(map[string]any); ok {
			if v["additionalProperties"] != false {
				loose = append(loose, at+": additionalProperties is not false")
			}
			var required []string
			for _, r := range listField(v, "required") {
				s, _ := r.(string)
				required = append(required, s)
			}
			for k := range props {
				if !slices.Contains(required, k) {
					loose = append(loose, fmt.Sprintf("%s: %q is not required", at, k))
				}
			}
		}
		if v["type"] == "array" && v["items"] == nil {
			loose = append(loose, at+": an array without items")
		}
		for k, x := range v {
			if k == "properties" {
				// The keys of properties are names, not schema keywords.
				for name, p := range x.(map[string]any) {
					loose = append(loose, looseSchemas(p, at+"/properties/"+name)...)
				}
				continue
			}
			loose = append(loose, looseSchemas(x, at+"/"+k)...)
		}
	case []any:
		for i, x := range v {
			loose = append(loose, looseSchemas(x, fmt.Sprintf("%s/%d", at, i))...)
		}
	}
	sort.Strings(loose)
	return loose
}
