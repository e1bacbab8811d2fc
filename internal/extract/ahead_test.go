package extract

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/graphbuilder/graph/internal/entities"
	"github.com/graphbuilder/graph/internal/extract/text"
	"github.com/graphbuilder/graph/internal/interview"
	"github.com/graphbuilder/graph/schema"
)

// TestReadAheadAgrees runs the builtin packs over the example and gold
// transcripts (each with every graph's entities), with and without speakers
// (without, many pronouns stand for no one, and the sentences read ahead are
// read again), and checks that reading ahead, on other goroutines or in order,
// finds what reading each sentence only in order does.
func TestReadAheadAgrees(t *testing.T) {
	s := schema.Core()
	packs := builtinPacks(t)
	files, err := filepath.Glob("../../examples/*/graph.yaml")
	if err != nil {
		t.Fatal(err)
	}
	gold, err := filepath.Glob("../../testdata/gold/*/graph.yaml")
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, gold...)
	if len(files) < 4 {
		t.Fatalf("only %d graphs", len(files))
	}
	var ents []entities.Entity
	seen := map[string]bool{}
	var texts, speakers []string
	loader := interview.NewLoader(s)
	if err := loader.Allow("../../examples/catalog"); err != nil {
		t.Fatal(err)
	}
	for _, file := range files {
		g, ds := loader.Load(file)
		if ds.HasErrors() {
			t.Fatal(ds)
		}
		for _, e := range g.AllEntities() {
			if !seen[e.ID] {
				seen[e.ID] = true
				ents = append(ents, e)
			}
		}
		texts = append(texts, g.Transcript)
		more, _ := filepath.Glob(filepath.Join(filepath.Dir(file), "transcript*.txt"))
		for _, m := range more {
			b, err := os.ReadFile(m)
			if err != nil {
				t.Fatal(err)
			}
			texts = append(texts, string(b))
		}
		for _, sp := range g.Source.Speakers {
			speakers = append(speakers, sp)
		}
	}
	x, err := New(ents, packs, s)
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for i, txt := range append(texts, strings.Join(texts, "\n")) {
		for _, sp := range [][]string{nil, speakers[:1], speakers} {
			for _, chunk := range []int{0, 1 << 10} {
				plain := x.Run(txt, Options{Speakers: sp, ChunkBytes: chunk, plain: true})
				found += len(plain.Claims) + len(plain.Relations)
				for _, inOrder := range []bool{false, true} {
					got := x.Run(txt, Options{Speakers: sp, ChunkBytes: chunk, inOrder: inOrder})
					if diff := cmp.Diff(plain, got); diff != "" {
						t.Fatalf("text %d, speakers %v, pieces of %d bytes, in order %v: reading ahead differs (-plain +ahead)\n%s", i, sp, chunk, inOrder, diff)
					}
				}
			}
		}
	}
	if found < 100 {
		t.Fatalf("only %d findings: the test checks too little", found)
	}
}

// TestReadAheadIsUsed checks that what is read ahead of a prose transcript, on
// other goroutines and in order, is used for at least half its sentences rather
// than read again: reading ahead that is never used would still agree.
func TestReadAheadIsUsed(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(max(2, runtime.GOMAXPROCS(0))))
	s := schema.Core()
	g, ds := interview.NewLoader(s).Load("../../examples/amodei-2025/graph.yaml")
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	en, err := os.ReadFile("../../examples/amodei-2025/transcript.en.txt")
	if err != nil {
		t.Fatal(err)
	}
	x, err := New(g.AllEntities(), builtinPacks(t), s)
	if err != nil {
		t.Fatal(err)
	}
	for i, txt := range []string{g.Transcript, string(en)} {
		for _, inOrder := range []bool{false, true} {
			reused := 0
			x.Run(txt, Options{Speakers: g.Source.Speakers, inOrder: inOrder, reused: &reused})
			if n := len(text.Segment(txt)); reused == 0 || reused < n/2 {
				t.Errorf("text %d, in order %v: %d of %d sentences used what was read ahead", i, inOrder, reused, n)
			}
		}
	}
}
