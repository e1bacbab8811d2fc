package store

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/cayley/query"
	"github.com/cayleygraph/cayley/query/gizmo"
	"github.com/cayleygraph/cayley/query/path"
	"github.com/cayleygraph/quad"

	"github.com/graphbuilder/graph/internal/corpusgen"
	"github.com/graphbuilder/graph/internal/interview"
	"github.com/graphbuilder/graph/internal/rdf"
	"github.com/graphbuilder/graph/schema"
)

// generatedSets are the label sets of a small generated corpus.
func generatedSets(t testing.TB, interviews int) map[quad.IRI][]quad.Quad {
	t.Helper()
	dir := t.TempDir()
	if _, err := corpusgen.Write(dir, corpusgen.Options{Interviews: interviews, Entities: 400, Seed: 7, TranscriptBytes: 6000}); err != nil {
		t.Fatal(err)
	}
	files, err := interview.Find([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	loader := interview.NewLoader(schema.Core())
	if err := loader.Allow(dir); err != nil {
		t.Fatal(err)
	}
	graphs, ds := loader.LoadAll(files)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	sets := map[quad.IRI][]quad.Quad{}
	for _, g := range graphs {
		for _, set := range rdf.Sets(g) {
			sets[set.Label] = set.Quads
		}
	}
	return sets
}

// gizmoResults runs a Gizmo query on a quad store and returns its results as
// sorted JSON texts.
func gizmoResults(t testing.TB, qs graph.QuadStore, q string) []string {
	t.Helper()
	ctx := context.Background()
	it, err := gizmo.NewSession(qs).Execute(ctx, q, query.Options{Collation: query.JSON})
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer it.Close()
	out := []string{}
	for it.Next(ctx) {
		if r := it.Result(); r != nil {
			b, err := json.Marshal(r)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, string(b))
		}
	}
	if err := it.Err(); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	sort.Strings(out)
	return out
}

// queryFixture is a bolt store with some sources and the speakers of three of
// them, people who assert claims.
type queryFixture struct {
	s       *Store
	sources []string
	people  []string
}

func newQueryFixture(t *testing.T, sets map[quad.IRI][]quad.Quad) queryFixture {
	t.Helper()
	ctx := context.Background()
	s := openBoltT(t, filepath.Join(t.TempDir(), "g.db"))
	t.Cleanup(func() { s.Close() })
	if _, err := s.Replace(ctx, sets); err != nil {
		t.Fatal(err)
	}
	f := queryFixture{s: s}
	for _, r := range gizmoResults(t, s.qs, `g.V().Has("<type>", "<source>").All()`) {
		var m map[string]string
		if err := json.Unmarshal([]byte(r), &m); err != nil {
			t.Fatal(err)
		}
		f.sources = append(f.sources, m["id"])
	}
	seen := map[string]bool{}
	for _, r := range gizmoResults(t, s.qs, `g.V().Has("<type>", "<claim>").Out("<speaker>").All()`) {
		var m map[string]string
		if err := json.Unmarshal([]byte(r), &m); err != nil {
			t.Fatal(err)
		}
		if id := m["id"]; !seen[id] && len(f.people) < 3 {
			seen[id] = true
			f.people = append(f.people, id)
		}
	}
	if len(f.sources) == 0 || len(f.people) < 2 {
		t.Fatalf("fixture too small: %d sources, speakers %v", len(f.sources), f.people)
	}
	return f
}

// pairs turns results into "a|b" texts of two of their keys, sorted.
func pairs(t *testing.T, results []string, a, b string) []string {
	t.Helper()
	out := []string{}
	for _, r := range results {
		var m map[string]string
		if err := json.Unmarshal([]byte(r), &m); err != nil {
			t.Fatal(err)
		}
		out = append(out, m[a]+"|"+m[b])
	}
	sort.Strings(out)
	return out
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestQueryFormsAgree checks, on the examples and on a generated corpus, that
// the slow-looking Gizmo forms (several start nodes; Save after In) give what
// their fast forms give, and that every query gives on the store Gizmo runs on
// exactly what it gives on Cayley's own view of the store.
func TestQueryFormsAgree(t *testing.T) {
	for name, sets := range map[string]map[quad.IRI][]quad.Quad{
		"examples":  exampleSets(t),
		"generated": generatedSets(t, 6),
	} {
		t.Run(name, func(t *testing.T) {
			f := newQueryFixture(t, sets)
			qs := f.s.queryStore()
			if _, ok := qs.(*sizedStore); !ok {
				t.Fatalf("the bolt store queries through %T", qs)
			}
			var starts, union string
			for i, p := range f.people {
				if i > 0 {
					starts += ", "
					union += fmt.Sprintf(".Union(g.V(%q))", p)
				} else {
					union = fmt.Sprintf("g.V(%q)", p)
				}
				starts += fmt.Sprintf("%q", p)
			}
			queries := []string{}
			for _, tail := range []string{`.Out("<asserts>").All()`, `.Out("<asserts>").Out("<about>").All()`, `.In("<speaker>").Has("<type>", "<claim>").All()`} {
				a := gizmoResults(t, qs, "g.V("+starts+")"+tail)
				b := gizmoResults(t, qs, union+tail)
				if len(a) == 0 || !equal(a, b) {
					t.Errorf("g.V(%s)%s gives %d results, the Union form %d:\n%v\n%v", starts, tail, len(a), len(b), a, b)
				}
				queries = append(queries, "g.V("+starts+")"+tail, union+tail)
			}
			steps := 0
			for _, src := range f.sources {
				base := fmt.Sprintf(`g.V(%q).In("<source>").Has("<type>", "<relation>")`, src)
				save := base + `.Save("<kind>", "kind").All()`
				tagOut := base + `.Tag("step").Out("<kind>").All()`
				a := pairs(t, gizmoResults(t, qs, save), "id", "kind")
				b := pairs(t, gizmoResults(t, qs, tagOut), "step", "id")
				if !equal(a, b) {
					t.Errorf("%s: Save gives %v, Tag and Out %v", src, a, b)
				}
				steps += len(a)
				queries = append(queries, save, tagOut)
			}
			if steps == 0 {
				t.Fatal("no source has argument steps")
			}
			queries = append(queries,
				fmt.Sprintf(`g.V(%q).Out("<asserts>").Save("<text>", "text").All()`, f.people[0]),
				fmt.Sprintf(`g.V(%q, %q).Out().All()`, f.sources[0], f.people[0]),
				`g.V().Has("<type>", "<person>").Count()`,
				fmt.Sprintf(`g.V(%q).In().Out("<type>").Unique().All()`, f.sources[0]),
			)
			for _, q := range queries {
				if a, b := gizmoResults(t, qs, q), gizmoResults(t, f.s.qs, q); !equal(a, b) {
					t.Errorf("%s: %d results on the counted store, %d on Cayley's:\n%v\n%v", q, len(a), len(b), a, b)
				}
			}
		})
	}
}

// TestQueryPlansReadNoScan checks that the iterators of the two forms Cayley
// used to answer by reading every quad now start from the nodes the query
// names: nothing on the path of iterators that are stepped through reads the
// whole store (a scan only answers membership checks, one quad at a time).
func TestQueryPlansReadNoScan(t *testing.T) {
	f := newQueryFixture(t, generatedSets(t, 6))
	qs := f.s.queryStore()
	var people []quad.Value
	for _, p := range f.people {
		people = append(people, quad.IRI(p[1:len(p)-1]))
	}
	src := quad.IRI(f.sources[0][1 : len(f.sources[0])-1])
	for name, p := range map[string]*path.Path{
		"several starts": path.StartPath(qs, people...).Out(quad.IRI("asserts")),
		"save after in":  path.StartPath(qs, src).In(quad.IRI("source")).Has(quad.IRI("type"), quad.IRI("relation")).Save(quad.IRI("kind"), "kind"),
	} {
		ctx := context.Background()
		it, _ := p.BuildIteratorOn(ctx, qs).Optimize(ctx)
		if scan := steppedScan(it); scan != "" {
			t.Errorf("%s: the plan steps through %s", name, scan)
		}
	}
}

// steppedScan returns the description of an iterator over every quad or node
// that the plan it steps through, or "".
func steppedScan(it iterator.Shape) string {
	switch s := fmt.Sprint(it); {
	case s == "KVAll" || s == "KVAllNodes":
		return s
	}
	subs := it.SubIterators()
	if len(subs) == 0 {
		return ""
	}
	if _, ok := it.(*iterator.And); ok {
		// An And steps through its first iterator and checks the others.
		return steppedScan(subs[0])
	}
	for _, sub := range subs {
		if s := steppedScan(sub); s != "" {
			return s
		}
	}
	return ""
}

// TestCountedSizes checks the sizes the query store gives Cayley's planner: the
// number of quads of the node in that direction, and at least the count limit
// for a node with more quads than that.
func TestCountedSizes(t *testing.T) {
	ctx := context.Background()
	s := openBoltT(t, filepath.Join(t.TempDir(), "g.db"))
	defer s.Close()
	var big []quad.Quad
	for i := range sizeCountLimit + 10 {
		big = append(big, q(fmt.Sprintf("n%05d", i), "type", "thing", "source/big"))
	}
	small := []quad.Quad{
		q("a", "knows", "b", "source/small"), q("a", "knows", "c", "source/small"),
		q("a", "name", `"A"`, "source/small"), q("b", "knows", "c", "source/small"),
	}
	if _, err := s.Replace(ctx, map[quad.IRI][]quad.Quad{"source/big": big, "source/small": small}); err != nil {
		t.Fatal(err)
	}
	qs := s.queryStore()
	for _, tc := range []struct {
		node     string
		dir      quad.Direction
		min, max int64
	}{
		{"a", quad.Subject, 3, 3},
		{"b", quad.Subject, 1, 1},
		{"c", quad.Object, 2, 2},
		{"c", quad.Subject, 0, 0},
		{"thing", quad.Object, sizeCountLimit + 1, 1 << 40},
	} {
		ref, err := qs.ValueOf(quad.IRI(tc.node))
		if err != nil || ref == nil {
			t.Fatalf("%s: %v, %v", tc.node, ref, err)
		}
		it := qs.QuadIterator(tc.dir, ref)
		if _, ok := it.(*sizedIterator); !ok {
			t.Fatalf("%s %s: %T, not a counted iterator", tc.node, tc.dir, it)
		}
		st, err := it.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if st.Size.Value < tc.min || st.Size.Value > tc.max {
			t.Errorf("%s %s: size %d, want %d to %d", tc.node, tc.dir, st.Size.Value, tc.min, tc.max)
		}
	}
}

// BenchmarkQueryPlan measures the Gizmo forms that Cayley's own planner
// answers by reading the whole store, each on Cayley's view of the store and
// on the store queries run on, with their fast forms beside them. It uses the
// store in GRAPH_BENCH_STORE when set, and otherwise writes the generated
// corpus (GRAPH_BENCH_INTERVIEWS) first.
func BenchmarkQueryPlan(b *testing.B) {
	var s *Store
	if dir := os.Getenv("GRAPH_BENCH_STORE"); dir != "" {
		s = openBench(b, dir)
	} else {
		s = openBench(b, filepath.Join(b.TempDir(), "g.db"))
		writeAll(b, s, loadCorpus(b))
	}
	defer s.Close()
	var sources []string
	for _, r := range gizmoResults(b, s.qs, `g.V().Has("<type>", "<source>").All()`) {
		var m map[string]string
		if err := json.Unmarshal([]byte(r), &m); err != nil {
			b.Fatal(err)
		}
		sources = append(sources, m["id"])
	}
	if len(sources) < 3 {
		b.Fatalf("%d sources", len(sources))
	}
	source := sources[len(sources)/2]
	var people []string
	for _, id := range sources[:3] {
		sp := gizmoResults(b, s.qs, fmt.Sprintf(`g.V(%q).Out("<speaker>").Limit(1).All()`, id))
		if len(sp) == 0 {
			b.Fatalf("no speaker of %s", id)
		}
		var m map[string]string
		if err := json.Unmarshal([]byte(sp[0]), &m); err != nil {
			b.Fatal(err)
		}
		people = append(people, m["id"])
	}
	queries := []struct{ name, q string }{
		{"starts-V", fmt.Sprintf(`g.V(%q, %q, %q).Out("<asserts>").All()`, people[0], people[1], people[2])},
		{"starts-union", fmt.Sprintf(`g.V(%q).Union(g.V(%q)).Union(g.V(%q)).Out("<asserts>").All()`, people[0], people[1], people[2])},
		{"source-steps-save", fmt.Sprintf(`g.V(%q).In("<source>").Has("<type>", "<relation>").Save("<kind>", "kind").All()`, source)},
		{"source-steps-tag-out", fmt.Sprintf(`g.V(%q).In("<source>").Has("<type>", "<relation>").Tag("step").Out("<kind>").All()`, source)},
	}
	for _, store := range []struct {
		name string
		qs   graph.QuadStore
	}{{"cayley", s.qs}, {"counted", s.queryStore()}} {
		for _, q := range queries {
			b.Run(store.name+"/"+q.name, func(b *testing.B) {
				n := 0
				for i := 0; i < b.N; i++ {
					n = len(gizmoResults(b, store.qs, q.q))
				}
				b.ReportMetric(float64(n), "results")
			})
		}
	}
}
