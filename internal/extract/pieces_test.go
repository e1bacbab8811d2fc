package extract_test

import (
	"errors"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/graphbuilder/graph/internal/argument"
	"github.com/graphbuilder/graph/internal/extract"
	"github.com/graphbuilder/graph/internal/extract/finding"
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
	packs := extract.BuiltinPacks(t)
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

// Streaming a text from a reader finds what running over it finds, the mentions
// and new names given piece by piece in the order of the text, whatever the size
// of the pieces.
func TestStreamFindsWhatRunFinds(t *testing.T) {
	files, err := filepath.Glob("../../examples/*/graph.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no examples: %v", err)
	}
	s := schema.Core()
	packs := extract.BuiltinPacks(t)
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
			opt := extract.Options{Speakers: g.Source.Speakers}
			want := x.Run(g.Transcript, opt)
			if len(want.Mentions) == 0 {
				t.Fatalf("nothing found in %s", file)
			}
			for _, size := range []int{0, 1, 300, 4096} {
				opt.ChunkBytes = size
				var found finding.Result
				got, err := x.Stream(strings.NewReader(g.Transcript), opt, func(piece *finding.Result) {
					found.Mentions = append(found.Mentions, piece.Mentions...)
					found.Names = append(found.Names, piece.Names...)
				})
				if err != nil {
					t.Fatal(err)
				}
				if len(got.Mentions)+len(got.Names) != 0 {
					t.Errorf("pieces of %d bytes: %d mentions and %d names in the result, want them all given as found", size, len(got.Mentions), len(got.Names))
				}
				got.Mentions, got.Names = found.Mentions, found.Names
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("pieces of %d bytes (-run +stream)\n%s", size, diff)
				}
			}
		})
	}
}

func TestStreamRefusesTurns(t *testing.T) {
	x, err := extract.New(nil, nil, schema.Core())
	if err != nil {
		t.Fatal(err)
	}
	_, err = x.Stream(strings.NewReader("Hi."), extract.Options{Turns: []extract.Turn{{Span: argument.Span{End: 3}}}}, func(*finding.Result) {})
	if !errors.Is(err, extract.ErrTurnsNeedText) {
		t.Fatalf("Stream with turns: %v, want ErrTurnsNeedText", err)
	}
}

type failingReader struct{ n int }

func (r *failingReader) Read(p []byte) (int, error) {
	if r.n == 0 {
		return 0, io.ErrClosedPipe
	}
	r.n--
	return copy(p, "Dario said that AI is fast.\n"), nil
}

func TestStreamReportsReadErrors(t *testing.T) {
	x, err := extract.New(nil, nil, schema.Core())
	if err != nil {
		t.Fatal(err)
	}
	_, err = x.Stream(&failingReader{n: 3}, extract.Options{ChunkBytes: 10}, func(*finding.Result) {})
	if !errors.Is(err, io.ErrClosedPipe) {
		t.Fatalf("Stream: %v, want the reader's error", err)
	}
}
