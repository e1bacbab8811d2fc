package schema

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCoreVocabulary(t *testing.T) {
	s := Core()
	wantNodes := []string{"claim", "company", "concept", "group", "organization", "person", "product", "relation", "source"}
	if diff := cmp.Diff(wantNodes, s.NodeNames(false)); diff != "" {
		t.Errorf("node kinds (-want +got)\n%s", diff)
	}
	wantArgs := []string{"criticizes", "endorses", "rebuts", "rephrases", "supports", "undercuts"}
	if diff := cmp.Diff(wantArgs, s.EdgeNames(Argument)); diff != "" {
		t.Errorf("argument kinds (-want +got)\n%s", diff)
	}
	for _, f := range []string{"ceo_of", "founded", "works_at", "worked_at", "left", "develops", "competes_with"} {
		if e := s.Edge(f); e == nil || e.Category != Fact {
			t.Errorf("fact %q missing", f)
		}
	}
	tests := []struct {
		edge, from, to string
		ok             bool
	}{
		{"rebuts", "claim", "claim", true},
		{"rebuts", "company", "concept", false},
		{"criticizes", "person", "concept", true},
		{"criticizes", "person", "claim", true},
		{"undercuts", "claim", "relation", true},
		{"undercuts", "claim", "claim", false},
		{"ceo_of", "person", "company", true},
		{"ceo_of", "company", "person", false},
	}
	for _, tt := range tests {
		if got := s.Edge(tt.edge).Allows(tt.from, tt.to); got != tt.ok {
			t.Errorf("%s %s->%s allowed=%v, want %v", tt.edge, tt.from, tt.to, got, tt.ok)
		}
	}
}

func TestExtend(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.yaml")
	os.WriteFile(good, []byte("node_kinds:\n  - name: event\n    entity: true\nedge_kinds:\n  - name: attended\n    category: fact\n    domain: [person]\n    range: [event]\n"), 0o644)
	s, ds := Core().Extend(good)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	if !s.Edge("attended").Allows("person", "event") {
		t.Error("extension edge not usable")
	}
	if Core().Node("event") != nil {
		t.Error("Extend changed the core schema")
	}
	if !s.Edge("about").Allows("claim", "event") {
		t.Error(`"entity" in core ranges should cover entity kinds added later`)
	}
}

func TestExtendErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("node_kinds:\n  - name: person\nedge_kinds:\n  - name: likes\n    category: opinion\n    domain: [persn]\n    range: [entity]\n"), 0o644)
	_, ds := Core().Extend(bad)
	got := ds.Sort().Error()
	for _, want := range []string{
		`bad.yaml:2:11: node kind "person" is already defined at schema/core.yaml:`,
		`bad.yaml:5:15: unknown category "opinion"`,
		`bad.yaml:6:13: unknown node kind "persn" (did you mean "person"?)`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
}
