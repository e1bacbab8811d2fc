package diag

import (
	"bytes"
	"encoding/json"
	"maps"
	"os"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestMarshalJSON(t *testing.T) {
	full := Errorf(Range{File: "examples/x/graph.yaml", Start: Pos{12, 7}, End: Pos{12, 16}}, "unknown entity %q", "antrhopic").
		WithHint("did you mean %q?", "anthropic")
	tests := []struct {
		name string
		v    any
		want string
	}{
		{
			name: "diagnostic",
			v:    full,
			want: `{"severity":"error","file":"examples/x/graph.yaml","line":12,"column":7,"end_line":12,"end_column":16,"summary":"unknown entity \"antrhopic\"","detail":"","hint":"did you mean \"anthropic\"?"}`,
		},
		{
			name: "value, zero values kept",
			v:    Diagnostic{Severity: Warning, Summary: "w", Detail: "two\nlines"},
			want: `{"severity":"warning","file":"","line":0,"column":0,"end_line":0,"end_column":0,"summary":"w","detail":"two\nlines","hint":""}`,
		},
		{
			name: "list",
			v:    Diagnostics{{Severity: Warning, Summary: "w"}},
			want: `[{"severity":"warning","file":"","line":0,"column":0,"end_line":0,"end_column":0,"summary":"w","detail":"","hint":""}]`,
		},
		{name: "nil list", v: Diagnostics(nil), want: `[]`},
		{name: "empty list", v: Diagnostics{}, want: `[]`},
		{
			name: "nil list in a field",
			v: struct {
				Diagnostics Diagnostics `json:"diagnostics"`
			}{},
			want: `{"diagnostics":[]}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := json.Marshal(tt.v)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, string(got)); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}

// TestMarshalJSONEscaping checks that <, > and & are left as they are for an
// encoder that asks for it, and escaped for one that does not.
func TestMarshalJSONEscaping(t *testing.T) {
	ds := Diagnostics{Errorf(Range{}, "expected <id> & <kind>")}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(ds); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(buf.Bytes(), []byte(`"expected <id> & <kind>"`)) {
		t.Errorf("escaped for an encoder that does not escape: %s", buf.Bytes())
	}
	escaped, err := json.Marshal(ds)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(escaped, []byte(`"expected \u003cid\u003e \u0026 \u003ckind\u003e"`)) {
		t.Errorf("not escaped for an encoder that escapes: %s", escaped)
	}
}

func TestJSONRoundTrip(t *testing.T) {
	ds := Diagnostics{
		Errorf(Range{File: "g/graph.yaml", Start: Pos{3, 5}, End: Pos{3, 12}}, "unknown field %q", "speeker").
			WithHint("did you mean %q?", "speakers").WithDetail("fields of a source:\n  id, title"),
		{Severity: Warning, Summary: "left out", Subject: Range{File: "ra.json"}},
	}
	data, err := json.Marshal(ds)
	if err != nil {
		t.Fatal(err)
	}
	var back Diagnostics
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(ds, back); diff != "" {
		t.Errorf("(-sent +received)\n%s", diff)
	}

	var d Diagnostic
	if err := json.Unmarshal([]byte(`{"severity":"fatal","summary":"x"}`), &d); err == nil {
		t.Error("unknown severity accepted")
	}
}

// diagnosticSchema is the schema of a diagnostic, kept with the schemas of every
// command's --json output.
const diagnosticSchema = "../../docs/json/diagnostic.schema.json"

// TestSchemaMatchesJSON checks docs/json/diagnostic.schema.json against what
// MarshalJSON writes: the same keys, all required, no others allowed.
func TestSchemaMatchesJSON(t *testing.T) {
	data, err := os.ReadFile(diagnosticSchema)
	if err != nil {
		t.Fatal(err)
	}
	var schema struct {
		Schema     string                     `json:"$schema"`
		Type       string                     `json:"type"`
		Properties map[string]json.RawMessage `json:"properties"`
		Required   []string                   `json:"required"`
		Additional *bool                      `json:"additionalProperties"`
	}
	if err := json.Unmarshal(data, &schema); err != nil {
		t.Fatalf("%s: %v", diagnosticSchema, err)
	}
	if schema.Schema != "https://json-schema.org/draft/2020-12/schema" || schema.Type != "object" {
		t.Errorf("$schema %q, type %q", schema.Schema, schema.Type)
	}
	if schema.Additional == nil || *schema.Additional {
		t.Error("additionalProperties is not false")
	}

	encoded, err := json.Marshal(Diagnostic{})
	if err != nil {
		t.Fatal(err)
	}
	var fields map[string]any
	if err := json.Unmarshal(encoded, &fields); err != nil {
		t.Fatal(err)
	}
	want := slices.Sorted(maps.Keys(fields))
	props := slices.Sorted(maps.Keys(schema.Properties))
	required := slices.Sorted(slices.Values(schema.Required))
	if diff := cmp.Diff(want, props); diff != "" {
		t.Errorf("properties (-encoded +schema)\n%s", diff)
	}
	if diff := cmp.Diff(want, required); diff != "" {
		t.Errorf("required (-encoded +schema)\n%s", diff)
	}

	var severity struct {
		Enum []string `json:"enum"`
	}
	if err := json.Unmarshal(schema.Properties["severity"], &severity); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{Error.String(), Warning.String()}, severity.Enum); diff != "" {
		t.Errorf("severity enum (-want +schema)\n%s", diff)
	}
}
