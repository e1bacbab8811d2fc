package fileschema

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// BaseURL is the address the schemas are published at: the schema/json folder of
// the repository's main branch, as raw files. Each schema's $id is FILE under it.
const BaseURL = "https://raw.githubusercontent.com/graphbuilder/graph/main/schema/json/"

// File is one schema file: its name in schema/json, the mapping at its top level,
// and its title.
type File struct {
	Name, Root, Title string
}

// Files are the schemas [Generate] makes, one per kind of file.
var Files = []File{
	{"graph.schema.json", "a graph file", "graph interview graph (graph.yaml)"},
	{"catalog.schema.json", "a catalog", "graph catalog of shared entities"},
	{"rules.schema.json", "a rule pack", "graph extraction rule pack"},
	{"links.schema.json", "a decisions file", "graph entity-link decisions (links.yaml)"},
	{"config.schema.json", "the configuration", "graph configuration file"},
}

// ConfigSections names the mappings of the configuration file by its sections.
var ConfigSections = map[string]string{"": "the configuration", "store": "the store settings", "query": "the query settings"}

// Generate makes every schema of [Files] from keys, the keys of each mapping as
// the loaders accept them ([Probe] for the file loaders, the configuration's keys
// from the command that reads it). It fails, naming each difference, when keys
// and the descriptions of this package do not cover the same keys.
func Generate(keys map[string]Keys) (map[string][]byte, error) {
	objs := objects(coreVocabulary())
	if err := compare(objs, keys); err != nil {
		return nil, err
	}
	byDef := map[string]string{}
	for what, o := range objs {
		byDef[o.def] = what
	}
	out := map[string][]byte{}
	for _, f := range Files {
		root := objs[f.Root]
		defs := node{}
		var visit func(n any)
		visit = func(n any) {
			switch n := n.(type) {
			case node:
				if r, ok := n["$ref"].(string); ok {
					name := strings.TrimPrefix(r, "#/$defs/")
					if _, done := defs[name]; !done && name != root.def {
						if what, isObj := byDef[name]; isObj {
							defs[name] = objectSchema(objs[what], keys[what])
						} else {
							defs[name] = valueDefs[name]
						}
						visit(defs[name])
					}
				}
				for _, k := range slices.Sorted(maps.Keys(n)) {
					visit(n[k])
				}
			case []any:
				for _, x := range n {
					visit(x)
				}
			}
		}
		top := objectSchema(root, keys[f.Root])
		visit(top)
		top["$schema"] = "https://json-schema.org/draft/2020-12/schema"
		top["$id"] = BaseURL + f.Name
		top["title"] = f.Title
		if len(defs) > 0 {
			top["$defs"] = defs
		}
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(top); err != nil {
			return nil, fmt.Errorf("%s: %w", f.Name, err)
		}
		out[f.Name] = buf.Bytes()
	}
	return out, nil
}

// objectSchema is the schema of one mapping: only its keys, the required ones
// present.
func objectSchema(o object, k Keys) node {
	props := node{}
	for _, key := range k.Allowed {
		props[key] = o.keys[key]
	}
	n := node{
		"type":                 "object",
		"description":          o.desc,
		"properties":           props,
		"additionalProperties": false,
	}
	if len(k.Required) > 0 {
		n["required"] = k.Required
	}
	for key, v := range o.extra {
		n[key] = v
	}
	return n
}

// compare checks that the descriptions cover exactly the loaders' keys.
func compare(objs map[string]object, keys map[string]Keys) error {
	var errs []error
	for _, what := range slices.Sorted(maps.Keys(keys)) {
		o, ok := objs[what]
		if !ok {
			errs = append(errs, fmt.Errorf("a loader reads %s, which no schema describes", what))
			continue
		}
		for _, key := range keys[what].Allowed {
			if _, ok := o.keys[key]; !ok {
				errs = append(errs, fmt.Errorf("%s: the loader accepts key %q, which has no description here", what, key))
			}
		}
	}
	for _, what := range slices.Sorted(maps.Keys(objs)) {
		k, ok := keys[what]
		if !ok {
			errs = append(errs, fmt.Errorf("no loader reads %s, which a schema describes", what))
			continue
		}
		for _, key := range slices.Sorted(maps.Keys(objs[what].keys)) {
			if !slices.Contains(k.Allowed, key) {
				errs = append(errs, fmt.Errorf("%s: key %q is described here but the loader does not accept it", what, key))
			}
		}
	}
	return errors.Join(errs...)
}
