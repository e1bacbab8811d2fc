package fileschema

import (
	"strings"

	"github.com/graphbuilder/graph/internal/entities"
)

// node is one JSON Schema object; encoding/json writes its keys sorted, so the
// files are the same from run to run.
type node = map[string]any

// ref points at a definition of the same file.
func ref(def string) node { return node{"$ref": "#/$defs/" + def} }

// described returns a copy of n with a description.
func described(n node, desc string) node {
	out := make(node, len(n)+1)
	for k, v := range n {
		out[k] = v
	}
	out["description"] = desc
	return out
}

// idBody is the id pattern without its anchors, to build patterns that contain ids.
var idBody = strings.TrimSuffix(strings.TrimPrefix(entities.IDPattern.String(), "^"), "$")

// valueDefs are the shapes of values that many keys share. The loaders read every
// single value as text, so a number or true is a text too (title: 1984), and every
// list may be written as its one item.
var valueDefs = map[string]node{
	"text": {
		"description": "A single value, read as text.",
		"type":        []string{"string", "number", "boolean"},
	},
	"text_list": {
		"description": "A value or a list of values.",
		"anyOf":       []any{ref("text"), node{"type": "array", "items": ref("text")}},
	},
	"id": {
		"description": "An id: lower-case letters, digits, '-', '_' or '.', starting with a letter or digit.",
		"type":        []string{"string", "integer"},
		"minimum":     0,
		"pattern":     entities.IDPattern.String(),
	},
	"id_list": {
		"description": "An id or a list of ids.",
		"anyOf":       []any{ref("id"), node{"type": "array", "items": ref("id")}},
	},
	"ref": {
		"description": "An id of this file, or a claim of another source written SOURCE-ID/CLAIM-ID.",
		"type":        []string{"string", "integer"},
		"minimum":     0,
		"pattern":     "^" + idBody + "(/" + idBody + ")?$",
	},
	"occurrence": {
		"description": "Which place of the quote is meant when it occurs more than once: 1 for the first, 2 for the second.",
		"anyOf": []any{
			node{"type": "integer", "minimum": 1},
			node{"type": "string", "pattern": `^\+?0*[1-9][0-9]*$`},
		},
	},
	"nonblank": {
		"description": "A single value with at least one character that is not blank.",
		"type":        []string{"string", "number", "boolean"},
		"pattern":     `\S`,
	},
	"confidence": {
		"description":      "How sure the rule is of what it finds: above 0 and at most 1.",
		"type":             "number",
		"exclusiveMinimum": 0,
		"maximum":          1,
	},
	"pair": {
		"description": "Two different entity ids, such as [dario-amodei, amodei].",
		"type":        "array",
		"items":       ref("id"),
		"minItems":    2,
		"maxItems":    2,
	},
	"duration": {
		"description": "A duration such as 500ms, 5s or 2m (0 for none).",
		"anyOf": []any{
			node{"type": "string", "pattern": `^[-+]?(([0-9]+(\.[0-9]*)?|\.[0-9]+)(ns|us|µs|ms|s|m|h))+$`},
			node{"enum": []any{0, "0"}},
		},
	},
}
