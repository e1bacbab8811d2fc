package aif

import (
	"path/filepath"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/google/go-cmp/cmp"

	"github.com/graphbuilder/graph/internal/rdf"
	"github.com/graphbuilder/graph/internal/vocab"
)

// TestFoldersBuildToTheSameQuads writes imported files as interview graph folders
// (what --out does), loads them back with the interview loader, which checks them as
// it checks curated graphs, and compares the quads: the same but for the AIF node
// ids and locution times, which graph.yaml has no field for, and the transcript's
// file name, which only the folder has.
func TestFoldersBuildToTheSameQuads(t *testing.T) {
	files, _ := filepath.Glob("testdata/valid/*.json")
	if corpus, _ := filepath.Glob(filepath.Join(corpusDir, "*", "*.json")); len(corpus) > 0 {
		files = append(files, corpus...)
	}
	dir := t.TempDir()
	want := map[string][]quad.Quad{}
	for _, file := range files {
		res := importFile(t, file)
		id := res.Graph.Source.ID
		if err := WriteFolder(filepath.Join(dir, id), res); err != nil {
			t.Fatal(err)
		}
		for _, q := range res.Quads() {
			if q.Predicate != vocab.AIFID && q.Predicate != vocab.UtteredAt {
				want[id] = append(want[id], q)
			}
		}
	}
	graphs := loadGraphs(t, dir)
	if len(graphs) != len(files) {
		t.Fatalf("loaded %d graphs, want %d", len(graphs), len(files))
	}
	for _, g := range graphs {
		var got []quad.Quad
		for _, q := range rdf.Sets(g)[0].Quads {
			if q.Predicate != vocab.Transcript {
				got = append(got, q)
			}
		}
		if diff := cmp.Diff(string(vocab.NQuads(want[g.Source.ID])), string(vocab.NQuads(got))); diff != "" {
			t.Errorf("%s: built from the folder (-imported +built)\n%s", g.Source.ID, diff)
		}
	}
}
