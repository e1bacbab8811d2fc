package link

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestLoadDecisionsReportsEveryProblem(t *testing.T) {
	file := filepath.Join(t.TempDir(), "links.yaml")
	os.WriteFile(file, []byte(`accept:
  - [dario-amodei, amodei]
  - [dario-amodei]
  - [Dario, amodei]
  - [amodei, amodei]
  - dario-amodei
reject:
  - [amodei, dario-amodei]
rejct:
  - [a, b]
`), 0o644)
	d, ds := LoadDecisions(file)
	if d != nil {
		t.Error("decisions with errors were returned")
	}
	var got []string
	for _, x := range ds {
		got = append(got, strings.TrimPrefix(x.Error(), file))
	}
	want := []string{
		`:3:5: each item of accept must be a pair of entity ids, such as [dario-amodei, amodei], or of claims, such as [lecun-2024/open-platforms-win, amodei-2025/open-source-is-red-herring, rebuts], not a list of 1`,
		`:4:6: "Dario" is not an entity id (lower case letters, digits, '-', '_' or '.')`,
		`:5:14: a pair needs two different ids, not "amodei" twice`,
		`:6:5: each item of accept must be a pair of entity ids, such as [dario-amodei, amodei], or of claims, such as [lecun-2024/open-platforms-win, amodei-2025/open-source-is-red-herring, rebuts], not the value "dario-amodei"`,
		`:8:5: the pair amodei, dario-amodei is both accepted and rejected (also at ` + file + `:2:5) (keep it under accept or under reject, not both)`,
		`:9:1: unknown field "rejct" in a decisions file (did you mean "reject"?)`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("diagnostics (-want +got)\n%s", diff)
	}
}

func TestLoadDecisionsMissingOrEmpty(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{"none.yaml": "", "empty.yaml": "\n", "comments.yaml": "# nothing decided yet\n"} {
		file := filepath.Join(dir, name)
		if text != "" {
			os.WriteFile(file, []byte(text), 0o644)
		}
		d, ds := LoadDecisions(file)
		if len(ds) != 0 || d == nil || len(d.List) != 0 {
			t.Errorf("%s: %v, %v", name, d, ds)
		}
	}
}

func TestCheckDecisions(t *testing.T) {
	es := []Entity{{ID: "dario-amodei", Kind: "person"}, {ID: "anthropic", Kind: "company"}}
	file := filepath.Join(t.TempDir(), "links.yaml")
	os.WriteFile(file, []byte("accept:\n  - [dario-amodei, anthropic]\nreject:\n  - [dario-amodie, nobody]\n"), 0o644)
	d, ds := LoadDecisions(file)
	if len(ds) != 0 {
		t.Fatal(ds)
	}
	var got []string
	for _, x := range d.Check(es) {
		got = append(got, strings.TrimPrefix(x.Error(), file))
	}
	want := []string{
		`:2:5: dario-amodei (a person) and anthropic (a company) cannot be one thing (move the pair to reject, or remove it)`,
		`:4:6: warning: no entity "dario-amodie" in the store; this decision is ignored (did you mean "dario-amodei"?)`,
		`:4:20: warning: no entity "nobody" in the store; this decision is ignored`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("diagnostics (-want +got)\n%s", diff)
	}
}

func TestDecideKeepsCommentsAndMovesPairs(t *testing.T) {
	file := filepath.Join(t.TempDir(), "links.yaml")
	os.WriteFile(file, []byte("# my decisions\naccept:\n  - [a, b] # same person\nreject:\n  - [c, d]\n"), 0o644)
	steps := []struct {
		a, b   string
		accept bool
		change bool
	}{
		{"d", "c", true, true},  // moves from reject to accept
		{"c", "d", true, false}, // already there, in either order
		{"e", "f", false, true}, // a new rejection
	}
	for _, s := range steps {
		changed, err := Decide(file, s.a, s.b, s.accept)
		if err != nil || changed != s.change {
			t.Fatalf("Decide(%s, %s, %v) = %v, %v", s.a, s.b, s.accept, changed, err)
		}
	}
	data, _ := os.ReadFile(file)
	want := "# my decisions\naccept:\n  - [a, b] # same person\n  - [d, c]\nreject:\n  - [e, f]\n"
	if diff := cmp.Diff(want, string(data)); diff != "" {
		t.Errorf("file (-want +got)\n%s", diff)
	}
	d, ds := LoadDecisions(file)
	if len(ds) != 0 || len(d.List) != 3 {
		t.Errorf("the edited file does not load back: %v %v", d, ds)
	}
}

func TestDecideCreatesTheFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "links.yaml")
	if _, err := Decide(file, "daniela-amodei", "dario-amodei", false); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(file)
	want := decisionsHeader + "\nreject:\n  - [daniela-amodei, dario-amodei]\n"
	if diff := cmp.Diff(want, string(data)); diff != "" {
		t.Errorf("file (-want +got)\n%s", diff)
	}
}
