package extract

import (
	"fmt"
	"math/rand"
	"os"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/graphbuilder/graph/internal/entities"
	"github.com/graphbuilder/graph/internal/extract/finding"
	"github.com/graphbuilder/graph/internal/interview"
	"github.com/graphbuilder/graph/schema"
)

var bench struct {
	once sync.Once
	x    *Extractor
	text string
	err  error
}

// benchFixture builds, once, an extractor with the example's 58 entities plus
// synthetic ones up to 5,000 (Chinese and Latin names), both builtin packs, and about
// 10 MB of text: the example's Chinese and English transcripts repeated.
func benchFixture(b *testing.B) (*Extractor, string) {
	packs := builtinPacks(b)
	bench.once.Do(func() {
		g, ds := interview.NewLoader(schema.Core()).Load("../../examples/amodei-2025/graph.yaml")
		if ds.HasErrors() {
			bench.err = ds
			return
		}
		ents := g.AllEntities()
		rng := rand.New(rand.NewSource(1))
		const cjk = "安白北博晨达德东方飞高国海华金凯兰林龙明南鹏强秋瑞山天伟文西星雪阳宇志中"
		cjkRunes := []rune(cjk)
		for i := len(ents); i < 5000; i++ {
			var name string
			if i%2 == 0 {
				n := 2 + rng.Intn(3)
				r := make([]rune, n)
				for j := range r {
					r[j] = cjkRunes[rng.Intn(len(cjkRunes))]
				}
				name = string(r) + "公司"
			} else {
				name = fmt.Sprintf("Zorb%dx Labs", i)
			}
			ents = append(ents, entities.Entity{ID: fmt.Sprintf("synthetic-%d", i), Kind: "company", Name: name})
		}
		bench.x, bench.err = New(ents, packs, schema.Core())
		en, err := os.ReadFile("../../examples/amodei-2025/transcript.en.txt")
		if err != nil {
			bench.err = err
			return
		}
		unit := g.Transcript + "\n" + string(en) + "\n"
		bench.text = strings.Repeat(unit, 10<<20/len(unit)+1)
	})
	if bench.err != nil {
		b.Fatal(bench.err)
	}
	return bench.x, bench.text
}

// BenchmarkPipeline measures the whole pipeline (segment, match, pronouns, every
// rule of both builtin packs) on about 10 MB of mixed Chinese and English text.
func BenchmarkPipeline(b *testing.B) {
	benchPipeline(b, Options{})
}

// BenchmarkPipelineInOrder is [BenchmarkPipeline] with each part of the text
// scanned on the run's goroutine rather than ahead on others: the work a run
// does, where BenchmarkPipeline's time also depends on the processors free.
func BenchmarkPipelineInOrder(b *testing.B) {
	benchPipeline(b, Options{inOrder: true})
}

// benchPipeline runs the pipeline over the fixture's text with opt and the
// example's speakers.
func benchPipeline(b *testing.B, opt Options) {
	x, text := benchFixture(b)
	opt.Speakers = []string{"dario-amodei", "article-author"}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res := x.Run(text, opt)
		if len(res.Claims) == 0 {
			b.Fatal("nothing found")
		}
	}
}

// FuzzRun feeds arbitrary text to the pipeline with the builtin packs: it must not
// panic, and every span must lie inside the text, in order within each finding.
func FuzzRun(f *testing.F) {
	f.Add("Dario 认为，AI 会加速。他还说：有人担心回报递减。")
	f.Add("Critics argue that he said, for example, that Amodei attacked OpenAI.")
	f.Add("有人说\n\n拿编码来说，\n他")
	s := schema.Core()
	packs := builtinPacks(f)
	ents := []entities.Entity{
		{ID: "dario", Kind: "person", Name: "Dario", Aliases: []string{"达里奥", "Amodei"}},
		{ID: "openai", Kind: "company", Name: "OpenAI"},
		{ID: "critics", Kind: "group", Name: "critics", Aliases: []string{"批评者"}},
		{ID: "ai", Kind: "concept", Name: "AI"},
	}
	x, err := New(ents, packs, s)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		n := utf8.RuneCountInString(text)
		res := x.Run(text, Options{Speakers: []string{"dario"}})
		check := func(what string, s, e int) {
			if s < 0 || e < s || e > n {
				t.Fatalf("%s span %d-%d out of bounds (%d characters)", what, s, e, n)
			}
		}
		for _, m := range res.Mentions {
			check("mention", m.Span.Start, m.Span.End)
		}
		for _, c := range res.Claims {
			check("claim", c.Span.Start, c.Span.End)
			check("claim evidence", c.Evidence.Start, c.Evidence.End)
			if string([]rune(text)[c.Span.Start:c.Span.End]) != c.Text {
				t.Fatalf("claim text %q is not its span", c.Text)
			}
		}
		for _, r := range res.Relations {
			check("relation evidence", r.Evidence.Start, r.Evidence.End)
		}
		// Read without reading ahead, and read ahead in order, the text
		// gives the same findings.
		for _, o := range []Options{{Speakers: []string{"dario"}, plain: true}, {inOrder: true}, {plain: true}} {
			want := res
			if o.Speakers == nil {
				want = x.Run(text, Options{})
			}
			if diff := cmp.Diff(want, x.Run(text, o)); diff != "" {
				t.Fatalf("plain %v, in order %v: reading ahead differs (-ahead +other)\n%s", o.plain, o.inOrder, diff)
			}
		}
		// Read a line at a time, the text gives the same findings.
		if diff := cmp.Diff(res, x.Run(text, Options{Speakers: []string{"dario"}, ChunkBytes: 1})); diff != "" {
			t.Fatalf("pieces differ from the whole (-whole +pieces)\n%s", diff)
		}
		// Streamed from a reader, it gives the same findings too.
		var found finding.Result
		streamed, err := x.Stream(strings.NewReader(text), Options{Speakers: []string{"dario"}, ChunkBytes: 7}, func(piece *finding.Result) {
			found.Mentions = append(found.Mentions, piece.Mentions...)
			found.Names = append(found.Names, piece.Names...)
		})
		if err != nil {
			t.Fatal(err)
		}
		streamed.Mentions, streamed.Names = found.Mentions, found.Names
		if diff := cmp.Diff(res, streamed); diff != "" {
			t.Fatalf("streamed differs from the whole (-whole +streamed)\n%s", diff)
		}
	})
}
