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

	"github.com/google/go-cmp/cmp"

	"github.com/graphbuilder/graph/internal/pipeline"
	"github.com/graphbuilder/graph/internal/store"
	"github.com/graphbuilder/graph/internal/vocab"
)

var update = flag.Bool("update", false, "rewrite the expected results of the example queries")

// buildExamples builds every example through the pipeline, as graph build does,
// into a fresh memory store.
func buildExamples(ctx context.Context, t *testing.T) *store.Store {
	t.Helper()
	loaded, err := pipeline.Load([]string{"."})
	if err != nil {
		t.Fatal(err)
	}
	if len(loaded.Diagnostics) != 0 {
		t.Fatalf("examples must load without any diagnostic:\n%v", loaded.Diagnostics)
	}
	if len(loaded.Graphs) == 0 {
		t.Fatal("no examples found")
	}
	st, err := store.Open(ctx, store.Config{Backend: store.Memory})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := pipeline.Build(ctx, loaded.Graphs, pipeline.Options{Open: func(context.Context) (*store.Store, error) { return st, nil }}); err != nil {
		t.Fatal(err)
	}
	return st
}

func TestExamplesBuildDeterministically(t *testing.T) {
	ctx := context.Background()
	dump := func() []byte {
		st := buildExamples(ctx, t)
		defer st.Close()
		qs, err := st.AllQuads(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return vocab.NQuads(vocab.Sorted(qs))
	}
	if first, second := dump(), dump(); !bytes.Equal(first, second) {
		t.Errorf("two builds of the same input gave different quads\n%s", cmp.Diff(string(first), string(second)))
	}
}

// TestExampleQueries runs every queries/*.js of every example, and the queries across
// examples in queries/, against a store holding all examples and the links graph link
// finds between them, and compares the results, as a sorted list, with
// NAME.expected.json.
func TestExampleQueries(t *testing.T) {
	ctx := context.Background()
	st := buildExamples(ctx, t)
	defer st.Close()
	// Linked as graph link links them with no decisions file, so that the queries
	// across interviews can follow <same_as>.
	if _, ds, err := pipeline.Link(ctx, st, pipeline.LinkOptions{Decisions: filepath.Join(t.TempDir(), "links.yaml")}); err != nil || len(ds) != 0 {
		t.Fatal(err, ds)
	}
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
