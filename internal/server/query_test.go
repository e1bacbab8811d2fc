package server

import (
	"fmt"
	"strings"
	"testing"
)

// TestQueryWarnings checks that the API gives the guard rails' warnings of a
// query, placed in it, with their hints, and none for a query without mistakes.
func TestQueryWarnings(t *testing.T) {
	ts := newExampleServer(t, Options{})
	for _, tc := range []struct {
		name, query string
		want        []string
	}{
		{"clean", `g.V("<dario-amodei>").Out("<criticizes>").All()`, nil},
		{"misspelt predicate", `g.V("<dario-amodei>").Out("<criticises>").All()`,
			[]string{"query:1:27 <criticises> is neither in the store nor in the schema | did you mean <criticizes>?"}},
		{"kind as a string", `g.V().Has("<kind>", "rebuts").All()`,
			[]string{`query:1:21 the store holds no string "rebuts", but it holds the IRI <rebuts> | write the IRI in angle brackets: "<rebuts>"`}},
		{"no All", `g.V("<dario-amodei>")`,
			[]string{"query:1:3 the query yields no results: no path is run and nothing is emitted | end the path with .All() (or .ForEach(function (r) { g.Emit(r) }))"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, doc := call(t, "POST", ts.URL+"/api/v2/query?lang=gizmo", tc.query, nil)
			if code != 200 {
				t.Fatalf("status %d: %v", code, doc)
			}
			ws, ok := doc["warnings"].([]any)
			if !ok {
				t.Fatalf("warnings are %v, not an array", doc["warnings"])
			}
			var got []string
			for _, w := range ws {
				w := w.(map[string]any)
				if w["severity"] != "warning" {
					t.Errorf("severity %v", w["severity"])
				}
				got = append(got, fmt.Sprintf("%s:%v:%v %s | %s", w["file"], w["line"], w["column"], w["summary"], w["hint"]))
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			checkSchema(t, "serve-query.schema.json", doc)
		})
	}
}
