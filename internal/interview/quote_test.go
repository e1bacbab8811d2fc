package interview

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/graphbuilder/graph/internal/argument"
	"github.com/graphbuilder/graph/schema"
)

func diagStrings(t *testing.T, file string) (*Graph, []string) {
	t.Helper()
	g, ds := NewLoader(schema.Core()).Load(file)
	var got []string
	for _, d := range ds {
		got = append(got, d.Error())
	}
	return g, got
}

// TestQuotesForgiveWhatAReaderDoesNotSee loads quotes that differ from the
// transcript only in blanks between scripts, full-width forms, quote marks and YAML
// line wrapping, and quotes found twice, and checks each span against the
// transcript's own text.
func TestQuotesForgiveWhatAReaderDoesNotSee(t *testing.T) {
	g, ds := diagStrings(t, "testdata/quotes/ok.yaml")
	want := []string{
		`testdata/quotes/ok.yaml:50:12: warning: the quote is found 2 times in the transcript, at t.txt:2:1 and t.txt:6:1; the first is taken (say which one is meant with occurrence: N, counting from 1, or with quote_prefix or quote_suffix)`,
		`testdata/quotes/ok.yaml:70:12: warning: the quote with this quote_suffix is found 2 times in the transcript, at t.txt:2:1 and t.txt:6:1; the first is taken (say which one is meant with occurrence: N, counting from 1, or with quote_prefix or quote_suffix)`,
	}
	if diff := cmp.Diff(want, ds); diff != "" {
		t.Fatalf("diagnostics (-want +got)\n%s", diff)
	}
	spans := map[string]string{
		"blank-in-quote":       "至少在Anthropic的模型中",
		"blank-in-text":        "Dario 强调算力",
		"half-width-comma":     "在资源问题上，Dario 强调",
		"straight-quote-marks": "外界说 Anthropic “亏损严重”",
		"folded-scalar":        "并未看到任何回报递减的迹象",
		"plain-scalar":         "并未看到任何回报递减的迹象。",
		"half-width-latin":     "ＤｅｅｐＳｅｅｋ的模型也很强",
		"twice":                "他表示", // the first, line 2
		"second":               "他表示，",
		"by-prefix":            "他表示",
		"by-suffix":            "他表示",
		"suffix-fits-both":     "他表示",
	}
	runes := []rune(g.Transcript)
	line := func(sp argument.Span) string { return g.transcriptPlace(sp.Start) }
	for _, c := range g.Claims {
		if got := string(runes[c.Span.Start:c.Span.End]); got != spans[c.ID] {
			t.Errorf("%s: span %v is %q, want %q", c.ID, c.Span, got, spans[c.ID])
		}
	}
	places := map[string]string{"twice": "t.txt:2:1", "suffix-fits-both": "t.txt:2:1", "second": "t.txt:6:1", "by-prefix": "t.txt:6:1", "by-suffix": "t.txt:6:1"}
	for _, c := range g.Claims {
		if p, ok := places[c.ID]; ok && line(c.Span) != p {
			t.Errorf("%s: located at %s, want %s", c.ID, line(c.Span), p)
		}
	}
	if r := g.Relations[0]; line(r.Span) != "t.txt:2:1" || r.Span.End-r.Span.Start != 3 {
		t.Errorf("relation quote with occurrence 1 located at %v (%s)", r.Span, line(r.Span))
	}
}

// TestQuoteErrors checks the messages for quotes that are not found and for
// occurrences, prefixes and suffixes that choose no place.
func TestQuoteErrors(t *testing.T) {
	g, ds := diagStrings(t, "testdata/quotes/bad.yaml")
	if g != nil {
		t.Error("a graph with errors was returned")
	}
	want := []string{
		`testdata/quotes/bad.yaml:17:17: occurrence 3, but the quote is found 2 times in the transcript, at t.txt:2:1 and t.txt:6:1`,
		`testdata/quotes/bad.yaml:22:19: quote_prefix is not just before any of the quote's 2 places (t.txt:2:1 and t.txt:6:1)`,
		`testdata/quotes/bad.yaml:27:19: quote_suffix is not just after any of the quote's 2 places (t.txt:2:1 and t.txt:6:1)`,
		`testdata/quotes/bad.yaml:33:19: quote_prefix and quote_suffix do not fit together at any of the quote's 2 places (t.txt:2:1 and t.txt:6:1)`,
		`testdata/quotes/bad.yaml:37:12: quote not found in transcript t.txt (closest at t.txt:3:14: …的迹象。↵在资源问题上，Dario 【强】调算力并不是唯一的瓶颈。↵外界… — the quote has "认" here)`,
		`testdata/quotes/bad.yaml:41:5: occurrence without a quote (occurrence says which place of the quote is meant; add the quote)`,
		`testdata/quotes/bad.yaml:46:17: occurrence must be a whole number from 1 up, not "0" (occurrence: 2 means the second place of the quote in the transcript)`,
		`testdata/quotes/bad.yaml:50:12: warning: the quote is found 2 times in the transcript, at t.txt:2:1 and t.txt:6:1; the first is taken (say which one is meant with occurrence: N, counting from 1, or with quote_prefix or quote_suffix)`,
		`testdata/quotes/bad.yaml:51:5: unknown field "occurence" in a claim (did you mean "occurrence"?)`,
	}
	if diff := cmp.Diff(want, ds); diff != "" {
		t.Errorf("diagnostics (-want +got)\n%s", diff)
	}
}

func TestQuoteHints(t *testing.T) {
	tests := []struct {
		name, text, quote, want string
	}{
		{"a short line", "Claude is the best at coding, some say.\n", "Claude is the best at coding, by far",
			`closest at t.txt:1:31: Claude is the best at coding, 【s】ome say. — the quote has "b" here`},
		{"a blank the quote lacks", "they could compose music", "couldcompose",
			`closest at t.txt:1:11: they could【 】compose music — the quote has "c" here`},
		{"a line break between words", "they could\ncompose music", "couldcompose",
			`closest at t.txt:1:11: they could【↵】compose music — the quote has "c" here`},
		{"a blank the text lacks", "they couldcompose music", "could compose",
			`closest at t.txt:1:11: they could【c】ompose music — the quote has a blank here`},
		{"a line break, which is a blank between CJK", "他表示\n至少在", "他表示，至少在",
			`closest at t.txt:2:1: 他表示↵【至】少在 — the quote has "，" here`},
		{"a character that does not print", "Dario\a强调", "Dario认调",
			`closest at t.txt:1:6: Dario【�】强调 — the quote has "认" here`},
		{"the transcript ends", "他表示", "他表示，至少",
			`closest at t.txt:1:4: 他表示【】 — the quote has "，" here`},
		{"clipped on both sides", strings.Repeat("前", 40) + "他表示" + strings.Repeat("后", 40), "他表示了",
			`closest at t.txt:1:44: …前前前前前前前前前前前前他表示【后】后后后后后后后后后后后后后后后… — the quote has "了" here`},
		{"too little in common", "abc", "axy", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := &Graph{Source: Source{Transcript: "t.txt"}, Transcript: tt.text}
			d := g.quoteError(&argument.Transcript{Text: tt.text}, g.Source.At, tt.quote)
			if d.Hint != tt.want {
				t.Errorf("hint\n got %s\nwant %s", d.Hint, tt.want)
			}
		})
	}
}

// FuzzQuoteHint checks that the hint for a quote not found never panics and stays
// on one line.
func FuzzQuoteHint(f *testing.F) {
	f.Add("在资源问题上，Dario 强调算力\n", "Dario认调")
	f.Add("could\n\n  compose", "couldcompose")
	f.Add("他表示", "他表示，")
	f.Fuzz(func(t *testing.T, text, quote string) {
		if !utf8.ValidString(text) || !utf8.ValidString(quote) {
			return
		}
		g := &Graph{Source: Source{Transcript: "t.txt"}, Transcript: text}
		d := g.quoteError(&argument.Transcript{Text: text}, g.Source.At, quote)
		if strings.ContainsAny(d.Hint, "\n\r") {
			t.Fatalf("hint on more than one line: %q", d.Hint)
		}
	})
}

func TestQuoteFoundManyTimesNamesTenPlaces(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("t.txt", strings.Repeat("他表示\n", 12))
	write("graph.yaml", `source: {id: s, title: S, kind: interview, transcript: t.txt}
entities: [{id: ada, kind: person, name: Ada}]
claims: [{id: c, speaker: ada, text: C, quote: 他表示}]
`)
	_, ds := NewLoader(schema.Core()).Load(filepath.Join(dir, "graph.yaml"))
	if len(ds) != 1 {
		t.Fatalf("want one warning, got %v", ds)
	}
	want := "the quote is found 12 times in the transcript, at t.txt:1:1, t.txt:2:1, t.txt:3:1, t.txt:4:1, t.txt:5:1, t.txt:6:1, t.txt:7:1, t.txt:8:1, t.txt:9:1, t.txt:10:1 and 2 more; the first is taken"
	if ds[0].Summary != want {
		t.Errorf("summary\n got %s\nwant %s", ds[0].Summary, want)
	}
}

var amodei struct {
	once   sync.Once
	text   string
	quotes []string
}

// BenchmarkLocateQuotes locates every quote of examples/amodei-2025 in its
// transcript, as loading the graph does: one [argument.Transcript] for them all.
func BenchmarkLocateQuotes(b *testing.B) {
	amodei.once.Do(func() {
		g, ds := NewLoader(schema.Core()).Load("../../examples/amodei-2025/graph.yaml")
		if ds.HasErrors() {
			b.Fatal(ds)
		}
		amodei.text = g.Transcript
		for _, c := range g.Claims {
			amodei.quotes = append(amodei.quotes, c.Quote)
		}
		for _, r := range g.Relations {
			amodei.quotes = append(amodei.quotes, r.Quote)
		}
	})
	for b.Loop() {
		t := &argument.Transcript{Text: amodei.text}
		for _, q := range amodei.quotes {
			if q == "" {
				continue
			}
			if f := t.Find(q, argument.Selector{}); !f.OK {
				b.Fatalf("%q not found", q)
			}
		}
	}
}

// BenchmarkLoadAmodei loads examples/amodei-2025 whole, quotes and all.
func BenchmarkLoadAmodei(b *testing.B) {
	for b.Loop() {
		if _, ds := NewLoader(schema.Core()).Load("../../examples/amodei-2025/graph.yaml"); ds.HasErrors() {
			b.Fatal(ds)
		}
	}
}
