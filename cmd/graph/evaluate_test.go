package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestEvaluateJSON checks graph evaluate --json, on the bundled examples and on
// framework files, against docs/json/evaluate.schema.json.
func TestEvaluateJSON(t *testing.T) {
	schemas := jsonSchemas(t)
	schema := schemas.get(t, "evaluate.schema.json")
	dir := t.TempDir()
	db := filepath.Join(dir, "graph.db")
	af := filepath.Join(dir, "f.af")
	if err := os.WriteFile(af, []byte("p af 3\n1 2\n2 1\n2 3\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"build", "--store-path", db, "../../examples"}, &stdout, &stderr); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, stderr.String())
	}
	tests := []struct {
		name  string
		args  []string
		check func(t *testing.T, doc any)
	}{
		{"grounded", []string{"evaluate", "--json"}, func(t *testing.T, doc any) {
			nonEmpty(t, doc, "claims", "supports", "undercut_attacks", "skipped", "counts")
			if field(doc, "written") == nil {
				t.Error("written is null for a run over the whole store")
			}
		}},
		{"preferred of one source", []string{"evaluate", "--json", "--semantics", "preferred", "--source", "amodei-2025"}, func(t *testing.T, doc any) {
			nonEmpty(t, doc, "claims", "sources")
			if field(doc, "written") != nil {
				t.Error("a scoped run wrote results")
			}
		}},
		{"stable of speakers", []string{"evaluate", "--json", "--semantics", "stable", "--speaker", "dario-amodei", "--speaker", "article-author"}, nil},
		{"explain", []string{"evaluate", "--json", "--explain", "amodei-2025/amodei-wants-control"}, func(t *testing.T, doc any) {
			steps := listField(field(doc, "explanation"), "steps")
			if len(steps) < 2 {
				t.Errorf("explanation has %d steps, want the claim and what defeats it", len(steps))
			}
		}},
		{"explain preferred", []string{"evaluate", "--json", "--semantics", "preferred", "--source", "amodei-2025", "--explain", "amodei-2025/amodei-wants-control"}, func(t *testing.T, doc any) {
			e := field(doc, "explanation")
			if field(e, "semantics") != "preferred" || field(e, "status") != "rejected" {
				t.Errorf("explanation under %v: %v, want preferred: rejected", field(e, "semantics"), field(e, "status"))
			}
			if steps := listField(e, "without"); len(steps) < 2 {
				t.Errorf("explanation has %d steps in an extension without the claim, want the claim and what defeats it", len(steps))
			}
		}},
		{"af DC-PR", []string{"evaluate", "--json", "--af", af, "--task", "DC-PR", "--arg", "3"}, func(t *testing.T, doc any) {
			nonEmpty(t, doc, "witness")
		}},
		{"af EE-ST", []string{"evaluate", "--json", "--af", af, "--task", "EE-ST"}, func(t *testing.T, doc any) {
			nonEmpty(t, doc, "extensions")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := slices.Concat(tt.args, []string{"--store-path", db})
			if slices.Contains(tt.args, "--af") {
				args = tt.args
			}
			var stdout, stderr bytes.Buffer
			if code := run(context.Background(), args, &stdout, &stderr); code != 0 {
				t.Fatalf("graph %s: exit %d\n%s", strings.Join(args, " "), code, stderr.String())
			}
			doc := checkJSON(t, schema, stdout.Bytes(), "")
			if doc != nil && tt.check != nil {
				tt.check(t, doc)
			}
		})
	}
}

// TestEvaluateFlags checks the flags that do not go together, before anything
// runs.
func TestEvaluateFlags(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"evaluate", "--task", "DC-PR"}, "--task go with --af FILE"},
		{[]string{"evaluate", "--af", "x.af"}, "--af needs --task"},
		{[]string{"evaluate", "--af", "x.af", "--task", "SE-PR", "--source", "a"}, "--source do not go with --af"},
		{[]string{"evaluate", "--semantics", "ideal"}, `unknown semantics "ideal"`},
		{[]string{"evaluate", "claim"}, "evaluate takes no arguments"},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		code := run(context.Background(), tt.args, &stdout, &stderr)
		if code != exitInput || !strings.Contains(stderr.String(), tt.want) {
			t.Errorf("graph %s: exit %d, stderr %q; want exit %d and %q", strings.Join(tt.args, " "), code, stderr.String(), exitInput, tt.want)
		}
	}
}
