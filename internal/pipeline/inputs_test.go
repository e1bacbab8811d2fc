package pipeline

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/graphbuilder/graph/internal/export"
	"github.com/graphbuilder/graph/internal/store"
)

// Two small graphs: b rebuts a claim of a across sources.
const (
	graphA = `source:
  id: a
  title: A
  kind: interview
  speakers: [ada]
  transcript: t.txt
entities:
  - id: ada
    kind: person
    name: Ada Lovelace
claims:
  - id: c1
    speaker: ada
    text: engines can compose
`
	graphB = `source:
  id: b
  title: B
  kind: debate
  speakers: [charles]
  transcript: t.txt
entities:
  - id: charles
    kind: person
    name: Charles Babbage
claims:
  - id: tables
    speaker: charles
    text: engines only calculate tables
relations:
  - kind: rebuts
    from: tables
    to: a/c1
`
)

// incremental builds into one bolt store, as graph build does.
type incremental struct {
	t     *testing.T
	dir   string
	store store.Config
	fp    Fingerprint
}

func newIncremental(t *testing.T) *incremental {
	dir := t.TempDir()
	inc := &incremental{t: t, dir: dir, store: store.Config{Backend: store.Bolt, Path: filepath.Join(dir, "graph.db")},
		fp: Fingerprint{Tool: "graph test 1"}}
	inc.write("a/graph.yaml", graphA)
	inc.write("a/t.txt", "Ada spoke about engines.\n")
	inc.write("b/graph.yaml", graphB)
	inc.write("b/t.txt", "Charles spoke about tables.\n")
	return inc
}

func (inc *incremental) write(name, content string) {
	inc.t.Helper()
	path := filepath.Join(inc.dir, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		inc.t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		inc.t.Fatal(err)
	}
}

// plan loads the graphs as a build of the folder would.
func (inc *incremental) plan() (*Plan, error) {
	inc.t.Helper()
	prior, err := ReadPrior(context.Background(), inc.store)
	if err != nil {
		inc.t.Fatal(err)
	}
	return LoadPlan([]string{inc.dir}, prior, inc.fp)
}

// build builds the folder and returns the summary.
func (inc *incremental) build() *Summary {
	inc.t.Helper()
	plan, err := inc.plan()
	if err != nil {
		inc.t.Fatalf("load: %v\n%v", err, plan.Diagnostics)
	}
	return inc.buildPlan(plan)
}

// buildPlan builds a loaded plan into the store and returns the summary.
func (inc *incremental) buildPlan(plan *Plan) *Summary {
	inc.t.Helper()
	var st *store.Store
	sum, _, err := BuildPlan(context.Background(), plan, Options{Open: func(ctx context.Context) (*store.Store, error) {
		var err error
		st, err = store.Open(ctx, inc.store)
		return st, err
	}})
	if st != nil {
		defer st.Close()
	}
	if err != nil {
		inc.t.Fatal(err)
	}
	return sum
}

// nquads exports the store.
func (inc *incremental) nquads(cfg store.Config) string {
	inc.t.Helper()
	st, err := store.Open(context.Background(), cfg)
	if err != nil {
		inc.t.Fatal(err)
	}
	defer st.Close()
	qs, err := st.AllQuads(context.Background())
	if err != nil {
		inc.t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := export.WriteNQuads(&buf, qs); err != nil {
		inc.t.Fatal(err)
	}
	return buf.String()
}

func unchangedIDs(sum *Summary) []string {
	var ids []string
	for _, r := range sum.Sources {
		if r.Unchanged {
			ids = append(ids, r.ID)
		}
	}
	return ids
}

func TestRebuildSkipsUnchangedInputs(t *testing.T) {
	inc := newIncremental(t)
	first := inc.build()
	if first.SourcesUnchanged != 0 || first.Added == 0 {
		t.Fatalf("first build: %+v", first)
	}

	again := inc.build()
	if got := strings.Join(unchangedIDs(again), ","); got != "a,b" {
		t.Fatalf("a rebuild with nothing changed left %q unread, want a,b", got)
	}
	if again.Added != 0 || again.Removed != 0 || again.Unchanged != first.Added {
		t.Errorf("no-op rebuild: added %d removed %d unchanged %d; want 0, 0, %d", again.Added, again.Removed, again.Unchanged, first.Added)
	}
	for i, r := range again.Sources {
		want := first.Sources[i]
		want.Unchanged = true
		if r != want {
			t.Errorf("unchanged row %+v, want %+v", r, want)
		}
	}
	if len(again.Relations) != 1 || again.Relations[0] != (KindCount{"rebuts", 1}) {
		t.Errorf("relations of a no-op rebuild: %v", again.Relations)
	}

	// Each input of a counts: its transcript, a decisions file appearing beside it.
	inc.write("a/t.txt", "Ada spoke about engines and music.\n")
	if got := strings.Join(unchangedIDs(inc.build()), ","); got != "b" {
		t.Errorf("after a's transcript changed, unchanged: %q, want b", got)
	}
	inc.write("a/findings.yaml", "# no decisions yet\n")
	if got := strings.Join(unchangedIDs(inc.build()), ","); got != "b" {
		t.Errorf("after a decisions file appeared, unchanged: %q, want b", got)
	}

	// So do the tool and the flags that shape the quads.
	inc.fp.Tool = "graph test 2"
	if got := inc.build().SourcesUnchanged; got != 0 {
		t.Errorf("a new tool left %d sources unread", got)
	}
	inc.fp.MinConfidence = 0.5
	if got := inc.build().SourcesUnchanged; got != 0 {
		t.Errorf("a new --min-confidence left %d sources unread", got)
	}
	if got := inc.build().SourcesUnchanged; got != 2 {
		t.Errorf("the same flags again left %d sources unread, want 2", got)
	}

	// What the store holds is what a full build into a new store writes.
	fresh := store.Config{Backend: store.Bolt, Path: filepath.Join(t.TempDir(), "fresh.db")}
	loaded, err := Load([]string{inc.dir})
	if err != nil {
		t.Fatal(err)
	}
	var st *store.Store
	if _, _, err := Build(context.Background(), loaded.Graphs, Options{Open: func(ctx context.Context) (*store.Store, error) {
		st, err = store.Open(ctx, fresh)
		return st, err
	}}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	if got, want := inc.nquads(inc.store), inc.nquads(fresh); got != want {
		t.Errorf("incremental store differs from a full build:\n%s\nwant\n%s", got, want)
	}
}

func TestRebuildChecksAcrossUnchangedGraphs(t *testing.T) {
	tests := []struct {
		name string
		// edit changes the graphs after a first build of a and b.
		edit func(inc *incremental)
		want []string
	}{
		{
			// b is unchanged, but the claim it rebuts is gone from a.
			name: "unchanged graph names a removed claim",
			edit: func(inc *incremental) { inc.write("a/graph.yaml", strings.Replace(graphA, "id: c1", "id: c2", 1)) },
			want: []string{`b/graph.yaml:18:9: unknown claim "c1" of source a (`, `did you mean "a/c2"?`},
		},
		{
			// b changed and names a claim that unchanged a does not have.
			name: "changed graph names a missing claim",
			edit: func(inc *incremental) { inc.write("b/graph.yaml", strings.Replace(graphB, "to: a/c1", "to: a/c11", 1)) },
			want: []string{`b/graph.yaml:18:9: unknown claim "c11" of source a (`, `did you mean "a/c1"?`},
		},
		{
			name: "entity kind differs from an unchanged graph",
			edit: func(inc *incremental) {
				inc.write("b/graph.yaml", strings.Replace(graphB, "  - id: charles\n", "  - id: ada\n    kind: company\n    name: Ada Inc\n  - id: charles\n", 1))
			},
			want: []string{`b/graph.yaml:9:11: entity "ada" is a company here but a person at `, `a/graph.yaml:8:9`},
		},
		{
			name: "source id of an unchanged graph",
			edit: func(inc *incremental) {
				inc.write("c/graph.yaml", strings.Replace(graphA, "id: a\n", "id: b\n", 1))
				inc.write("c/t.txt", "Ada spoke about engines.\n")
			},
			want: []string{`source id "b" is already used by `},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inc := newIncremental(t)
			inc.build()
			before := inc.nquads(inc.store)
			tt.edit(inc)
			plan, err := inc.plan()
			if err == nil {
				t.Fatalf("the build was allowed: %d loaded, %d unchanged", len(plan.Graphs), plan.Unchanged)
			}
			msg := inc.rel(plan.Diagnostics.Error())
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("diagnostics %q do not contain %q", msg, w)
				}
			}
			if after := inc.nquads(inc.store); after != before {
				t.Errorf("the store changed")
			}
			// A full load of the same files finds the same errors.
			full, err := Load([]string{inc.dir})
			if err == nil {
				t.Fatalf("a full load accepts what the incremental one refused")
			}
			if got, want := msg, inc.rel(full.Diagnostics.Error()); !strings.Contains(got, firstLine(want)) {
				t.Errorf("incremental diagnostics\n%s\ndo not have the full load's\n%s", got, want)
			}
		})
	}
}

// rel removes the graphs' folder from a message.
func (inc *incremental) rel(msg string) string {
	return strings.ReplaceAll(msg, inc.dir+string(filepath.Separator), "")
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

func TestRebuildOtherBackendsLoadEverything(t *testing.T) {
	prior, err := ReadPrior(context.Background(), store.Config{Backend: store.Memory})
	if err != nil {
		t.Fatal(err)
	}
	inc := newIncremental(t)
	plan, err := LoadPlan([]string{inc.dir}, prior, inc.fp)
	if err != nil {
		t.Fatal(err)
	}
	if plan.Unchanged != 0 || len(plan.Graphs) != 2 {
		t.Errorf("memory store: %d unchanged, %d loaded; want 0 and 2", plan.Unchanged, len(plan.Graphs))
	}
}

// A build lets each graph go once it is written: the plan keeps none of them.
func TestBuildPlanReleasesWrittenGraphs(t *testing.T) {
	inc := newIncremental(t)
	plan, err := inc.plan()
	if err != nil {
		t.Fatalf("load: %v\n%v", err, plan.Diagnostics)
	}
	inOrder := 0
	for _, p := range plan.order {
		if p.graph != nil {
			inOrder++
		}
	}
	if len(plan.Graphs) != 2 || len(plan.sources) != 2 || inOrder != 2 {
		t.Fatalf("loaded %d graphs, %d records, %d graphs in order; want 2 each", len(plan.Graphs), len(plan.sources), inOrder)
	}
	sum := inc.buildPlan(plan)
	if len(sum.Sources) != 2 || sum.Added == 0 {
		t.Fatalf("summary: %+v", sum)
	}
	for i, g := range plan.Graphs {
		if g != nil {
			t.Errorf("plan.Graphs[%d] still holds %s", i, g.Source.ID)
		}
	}
	for _, p := range plan.order {
		if p.graph != nil {
			t.Errorf("the plan's order still holds %s", p.graph.Source.ID)
		}
	}
	if len(plan.sources) != 0 {
		t.Errorf("the plan still holds %d records", len(plan.sources))
	}
}
