package examples

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/google/go-cmp/cmp"

	"github.com/graphbuilder/graph/internal/interview"
	"github.com/graphbuilder/graph/internal/link"
	"github.com/graphbuilder/graph/internal/rdf"
	"github.com/graphbuilder/graph/internal/store"
	"github.com/graphbuilder/graph/schema"
)

var update = flag.Bool("update", false, "rewrite the expected results of the example queries")

func loadExamples(t *testing.T) []*interview.Graph {
	t.Helper()
	files, err := interview.Find([]string{"."})
	if err != nil {
		t.Fatal(err)
	}
	graphs, ds := interview.NewLoader(schema.Core()).LoadAll(files)
	if len(ds) != 0 {
		t.Fatalf("examples must load without any diagnostic:\n%v", ds)
	}
	return graphs
}

func sets(graphs []*interview.Graph) map[quad.IRI][]quad.Quad {
	out := map[quad.IRI][]quad.Quad{}
	for _, g := range graphs {
		for _, s := range rdf.Sets(g) {
			out[s.Label] = s.Quads
		}
	}
	return out
}

func TestExamplesBuildDeterministically(t *testing.T) {
	first, second := sets(loadExamples(t)), sets(loadExamples(t))
	if len(first) == 0 {
		t.Fatal("no examples found")
	}
	for label, qs := range first {
		if !bytes.Equal(rdf.NQuads(qs), rdf.NQuads(second[label])) {
			t.Errorf("%s: two loads of the same input gave different quads", label)
		}
	}
}

// TestExampleQueries runs every queries/*.js of every example, and the queries across
// examples in queries/, against a store holding all examples and the links graph link
// finds between them, and compares the results, as a sorted list, with
// NAME.expected.json.
func TestExampleQueries(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, store.Config{Backend: store.Memory})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Replace(ctx, sets(loadExamples(t))); err != nil {
		t.Fatal(err)
	}
	linkAll(ctx, t, st)
	queries, _ := filepath.Glob("*/queries/*.js")
	across, _ := filepath.Glob("queries/*.js")
	queries = append(queries, across...)
	if len(queries) == 0 {
		t.Fatal("no example queries found")
	}
	for _, q := range queries {
		t.Run(q, func(t *testing.T) {
			src, err := os.ReadFile(q)
			if err != nil {
				t.Fatal(err)
			}
			res, err := st.Query(ctx, string(src), 0)
			if err != nil {
				t.Fatal(err)
			}
			got := canonical(t, res)
			golden := strings.TrimSuffix(q, ".js") + ".expected.json"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./examples -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("results differ from %s (-want +got)\n%s", golden, diff)
			}
			if len(res) == 0 {
				t.Errorf("query returns nothing; an example query should show something")
			}
		})
	}
}

// linkAll runs what graph link does with no decisions file, so that the queries
// across interviews can follow <same_as>.
func linkAll(ctx context.Context, t *testing.T, st *store.Store) {
	t.Helper()
	qs, err := st.AllQuads(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sch := schema.Core()
	es := link.Read(qs, func(k string) bool { n := sch.Node(k); return n != nil && n.Entity })
	res, ds := link.Resolve(es, nil)
	if len(ds) != 0 {
		t.Fatal(ds)
	}
	if _, err := st.Replace(ctx, map[quad.IRI][]quad.Quad{link.Label: link.Quads(res)}); err != nil {
		t.Fatal(err)
	}
}

// canonical renders results as an indented JSON array sorted by each result's
// encoding, since the order of Gizmo results depends on the backend.
func canonical(t *testing.T, res []any) []byte {
	t.Helper()
	encode := func(v any, indent string) string {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		enc.SetIndent(indent, "  ")
		if err := enc.Encode(v); err != nil {
			t.Fatal(err)
		}
		return strings.TrimSuffix(buf.String(), "\n")
	}
	keyed := make([][2]string, len(res))
	for i, r := range res {
		keyed[i] = [2]string{encode(r, ""), encode(r, "  ")}
	}
	sort.Slice(keyed, func(i, j int) bool { return keyed[i][0] < keyed[j][0] })
	parts := make([]string, len(keyed))
	for i, k := range keyed {
		parts[i] = "  " + k[1]
	}
	return []byte("[\n" + strings.Join(parts, ",\n") + "\n]\n")
}
