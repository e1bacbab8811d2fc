package extract_test

import (
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/graphbuilder/graph/internal/argument"
	"github.com/graphbuilder/graph/internal/extract"
	"github.com/graphbuilder/graph/internal/extract/rules"
	"github.com/graphbuilder/graph/internal/interview"
	"github.com/graphbuilder/graph/schema"
)

// Reading a text in pieces finds what reading it whole finds: the examples (prose
// in Chinese, a timed English dialogue, a summary) read with every line a piece of
// its own, in pieces of a few hundred bytes, and whole.
func TestPiecesFindWhatTheWholeFinds(t *testing.T) {
	files, err := filepath.Glob("../../examples/*/graph.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no examples: %v", err)
	}
	s := schema.Core()
	var packs []*rules.Pack
	for _, name := range rules.Builtins() {
		p, ds := rules.LoadBuiltin(name, s)
		if ds.HasErrors() {
			t.Fatal(ds)
		}
		packs = append(packs, p)
	}
	for _, file := range files {
		t.Run(filepath.Base(filepath.Dir(file)), func(t *testing.T) {
			g, ds := interview.NewLoader(s).Load(file)
			if ds.HasErrors() {
				t.Fatal(ds)
			}
			x, err := extract.New(g.AllEntities(), packs, s)
			if err != nil {
				t.Fatal(err)
			}
			opt := extract.Options{Speakers: g.Source.Speakers, ChunkBytes: 1 << 30}
			if g.Utterances != nil {
				for _, u := range g.Utterances.Utterances {
					opt.Turns = append(opt.Turns, extract.Turn{Span: argument.Span{Start: u.Span.Start, End: u.Span.End}, Speaker: g.SpeakerOf(u.Label)})
				}
			}
			whole := x.Run(g.Transcript, opt)
			if len(whole.Claims) == 0 || len(whole.Mentions) == 0 {
				t.Fatalf("nothing found in %s", file)
			}
			for _, size := range []int{1, 300, 4096} {
				opt.ChunkBytes = size
				if diff := cmp.Diff(whole, x.Run(g.Transcript, opt)); diff != "" {
					t.Errorf("pieces of %d bytes (-whole +pieces)\n%s", size, diff)
				}
			}
		})
	}
}
