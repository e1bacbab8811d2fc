package main

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/google/go-cmp/cmp"

	"github.com/graphbuilder/graph/internal/pipeline"
	"github.com/graphbuilder/graph/internal/store"
	"github.com/graphbuilder/graph/internal/vocab"
)

// TestCLIBuildIsTheLibraryBuild builds the bundled examples twice: with graph
// build into a bolt store, and through internal/pipeline into a memory store. The two
// stores hold the same quads, byte for byte, with and without extraction: the
// command adds nothing to the pipeline but flags and printing.
func TestCLIBuildIsTheLibraryBuild(t *testing.T) {
	ctx := context.Background()
	examples, err := filepath.Abs("../../examples")
	if err != nil {
		t.Fatal(err)
	}
	for _, extract := range []bool{false, true} {
		name := map[bool]string{false: "curated", true: "extracted"}[extract]
		t.Run(name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "graph.db")
			args := []string{"build", "--store-path", db, examples}
			if extract {
				args = append(args, "--extract")
			}
			var out, errs bytes.Buffer
			if code := run(ctx, args, &out, &errs); code != exitOK {
				t.Fatalf("graph build: exit %d\n%s", code, errs.String())
			}
			st, err := store.Open(ctx, store.Config{Backend: store.Bolt, Path: db})
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			cli, err := st.AllQuads(ctx)
			if err != nil {
				t.Fatal(err)
			}

			loaded, err := pipeline.Load([]string{examples})
			if err != nil {
				t.Fatal(err)
			}
			mem, err := store.Open(ctx, store.Config{Backend: store.Memory})
			if err != nil {
				t.Fatal(err)
			}
			defer mem.Close()
			open := func(context.Context) (*store.Store, error) { return mem, nil }
			if _, _, err := pipeline.Build(ctx, loaded.Graphs, pipeline.Options{Extract: extract, Open: open}); err != nil {
				t.Fatal(err)
			}
			lib, err := mem.AllQuads(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(lib) == 0 {
				t.Fatal("the library built nothing")
			}
			found := 0
			for _, q := range lib {
				if q.Predicate == vocab.Origin && q.Object == quad.String(vocab.OriginExtracted) {
					found++
				}
			}
			if extract != (found > 0) {
				t.Errorf("extract=%v, but %d extracted findings were written", extract, found)
			}
			if diff := cmp.Diff(string(vocab.NQuads(vocab.Sorted(lib))), string(vocab.NQuads(vocab.Sorted(cli)))); diff != "" {
				t.Errorf("library (-) and command (+) quads differ\n%s", diff)
			}
		})
	}
}
