package pipeline

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/graphbuilder/graph/internal/aif"
	"github.com/graphbuilder/graph/internal/extract/finding"
	"github.com/graphbuilder/graph/internal/extract/scoring"
)

func TestSampleFiles(t *testing.T) {
	files := []string{"a", "b", "c", "d", "e", "f", "g"}
	tests := []struct {
		step int
		want []string
	}{
		{0, files},
		{1, files},
		{2, []string{"a", "c", "e", "g"}},
		{3, []string{"a", "d", "g"}},
		{7, []string{"a"}},
		{10, []string{"a"}},
	}
	for _, tt := range tests {
		if got := SampleFiles(files, tt.step); !cmp.Equal(got, tt.want) {
			t.Errorf("SampleFiles(%d) = %v, want %v", tt.step, got, tt.want)
		}
	}
}

// testRules are the rules of the tests on hand-made nodesets, apart from the
// builtin packs, which change.
var testRules = AIFEvalOptions{RuleOptions: RuleOptions{Extra: []string{"testdata/aif-eval-rules.yaml"}}}

// TestEvaluateAIFDebate scores the rules of testRules against a hand-made
// nodeset: Ann asserts two propositions in one utterance, the second supporting the
// first; Bob attacks the first; Ann rephrases her answer to Bob. The rules find the
// three claims that "She believes that", "She says that" and "He thinks that"
// introduce, and the support between Ann's two.
func TestEvaluateAIFDebate(t *testing.T) {
	ev, ds, err := EvaluateAIF(context.Background(), []string{"testdata/aif-eval"}, testRules)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) > 0 {
		t.Errorf("diagnostics: %v", ds)
	}
	if ev.Listed != 1 || ev.Files != 1 || ev.Skipped != 0 || len(ev.PerFile) != 1 {
		t.Fatalf("listed %d, files %d, skipped %d, per file %d; want 1, 1, 0, 1", ev.Listed, ev.Files, ev.Skipped, len(ev.PerFile))
	}
	f := ev.PerFile[0]
	if f.Source != "aif-aif-eval-debate" || f.File != filepath.Join("testdata", "aif-eval", "debate.json") {
		t.Errorf("source %q, file %q", f.Source, f.File)
	}
	type counts [4]int
	c := f.Claims
	if got, want := (counts{c.Gold, c.Found, c.Matched, c.Recalled}), (counts{4, 3, 3, 3}); got != want {
		t.Errorf("claims = %v, want %v", got, want)
	}
	got := map[string]counts{}
	for _, s := range f.Relations {
		got[s.Kind] = counts{s.Gold, s.Found, s.Matched, s.Recalled}
	}
	want := map[string]counts{
		"supports": {1, 1, 1, 1}, "rebuts": {1, 0, 0, 0}, "undercuts": {}, "rephrases": {1, 0, 0, 0},
		"all": {3, 1, 1, 1},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("relations (-want +got):\n%s", d)
	}
	p := f.Pairs
	if p.Propositions != 4 || p.Pairs != 12 || p.Unplaced != 0 {
		t.Errorf("%d propositions, %d pairs, %d unplaced; want 4, 12, 0", p.Propositions, p.Pairs, p.Unplaced)
	}
	if ev.MeanFocusedF1 != p.FocusedF1 || ev.MeanGeneralF1 != p.GeneralF1 {
		t.Errorf("means of one file %v, %v; want its own %v, %v", ev.MeanFocusedF1, ev.MeanGeneralF1, p.FocusedF1, p.GeneralF1)
	}
	if p.FocusedF1 != 1.0/3 {
		t.Errorf("focused F1 = %v, want 1/3 (supports right, rebuts and rephrases missed)", p.FocusedF1)
	}
	if d := cmp.Diff(f, ev.Total, cmp.FilterPath(func(p cmp.Path) bool {
		s := p.String()
		return s == "Source" || s == "File"
	}, cmp.Ignore())); d != "" {
		t.Errorf("the total of one file is not that file (-file +total):\n%s", d)
	}
}

// TestEvaluateAIFBadInput: a path that is not there is the user's error; a file
// that cannot be read is skipped, with its errors.
func TestEvaluateAIFBadInput(t *testing.T) {
	_, _, err := EvaluateAIF(context.Background(), []string{"testdata/no-such-folder"}, AIFEvalOptions{})
	if !errors.Is(err, ErrInput) {
		t.Errorf("missing path: error %v, want ErrInput", err)
	}
	dir := t.TempDir()
	data, err := os.ReadFile("testdata/aif-eval/debate.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "a.json"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "b.json"), []byte(`{"nodes": [`), 0o644); err != nil {
		t.Fatal(err)
	}
	ev, ds, err := EvaluateAIF(context.Background(), []string{dir}, testRules)
	if err != nil {
		t.Fatal(err)
	}
	if ev.Files != 1 || ev.Skipped != 1 {
		t.Errorf("files %d, skipped %d; want 1 and 1", ev.Files, ev.Skipped)
	}
	if !ds.HasErrors() || ds[0].Subject.File != filepath.Join(dir, "b.json") {
		t.Errorf("diagnostics %v, want an error in b.json", ds)
	}
}

// TestEvaluateAIFCorpus scores three files of QT30's training set (every 500th):
// the gold counts are those the import gives, the total is the sum of the files,
// and a second run gives the same.
func TestEvaluateAIFCorpus(t *testing.T) {
	dir := filepath.Join(aifCorpus, "qt30-train")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("no QT30 training set: %v", err)
	}
	opts := AIFEvalOptions{Sample: 500}
	ev, _, err := EvaluateAIF(context.Background(), []string{dir}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if ev.Files != 3 || ev.Skipped != 0 || ev.Sample != 500 || ev.Listed < 1000 {
		t.Fatalf("files %d, skipped %d, sample %d, listed %d", ev.Files, ev.Skipped, ev.Sample, ev.Listed)
	}
	for _, f := range ev.PerFile {
		res, ds := aif.ReadFile(f.File, aif.Options{SourceID: f.Source})
		if ds.HasErrors() {
			t.Fatal(ds)
		}
		gold := map[string]int{}
		for _, s := range f.Relations {
			gold[s.Kind] = s.Gold
		}
		c := res.Counts
		want := map[string]int{"supports": c.Supports, "rebuts": c.Rebuts, "undercuts": c.Undercuts, "rephrases": c.Rephrases,
			"all": c.Supports + c.Rebuts + c.Undercuts + c.Rephrases}
		if f.Claims.Gold != c.Claims || !cmp.Equal(gold, want) {
			t.Errorf("%s: gold %d claims, relations %v; the import gives %d and %v", f.File, f.Claims.Gold, gold, c.Claims, want)
		}
		if n := f.Pairs.Propositions; f.Pairs.Pairs != n*(n-1) {
			t.Errorf("%s: %d pairs of %d propositions", f.File, f.Pairs.Pairs, n)
		}
	}
	if d := cmp.Diff(scoring.SumArguments(ev.PerFile), ev.Total); d != "" {
		t.Errorf("total is not the sum of the files (-sum +total):\n%s", d)
	}
	again, _, err := EvaluateAIF(context.Background(), []string{dir}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(ev, again); d != "" {
		t.Errorf("a second run differs:\n%s", d)
	}
}

// TestEvaluateArgumentsOracle scores QT30 nodesets against themselves: findings
// that are the gold claims with a located quote and the gold relations between
// them. Nothing may be placed on a wrong pair, and what is missed is exactly what
// has no quote.
func TestEvaluateArgumentsOracle(t *testing.T) {
	dir := filepath.Join(aifCorpus, "qt30-train")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("no QT30 training set: %v", err)
	}
	all, err := aif.Find([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range SampleFiles(all, 500) {
		res, ds := aif.ReadFile(file, aif.Options{})
		if ds.HasErrors() {
			t.Fatal(ds)
		}
		g := res.Graph
		index := map[string]int{}
		located := 0
		var oracle finding.Result
		for i, c := range g.Claims {
			index[c.ID] = i
			if c.Quote != "" {
				located++
				oracle.Claims = append(oracle.Claims, finding.Claim{Speaker: c.Speaker, Span: c.Span})
			}
		}
		reachable := 0
		for _, r := range g.Relations {
			f, okf := index[r.From]
			to, okt := index[r.To]
			if !okf || !okt {
				continue
			}
			from, target := g.Claims[f], g.Claims[to]
			if from.Quote != "" && target.Quote != "" {
				reachable++
			}
			oracle.Relations = append(oracle.Relations, finding.Relation{Kind: r.Kind, From: r.From, To: r.To,
				FromSpan: from.Span, ToSpan: target.Span})
		}
		ev := scoring.EvaluateArguments(g, oracle.Normalize())
		if c := ev.Claims; c.Precision != 1 || c.Recalled != located {
			t.Errorf("%s: claims precision %v, recalled %d; want 1 and the %d located", file, c.Precision, c.Recalled, located)
		}
		correct := 0
		for _, c := range ev.Pairs.Classes {
			if c.Class == scoring.NoRelation {
				continue
			}
			correct += c.Correct
			if c.Predicted != c.Correct {
				t.Errorf("%s: %s: %d predicted, %d correct", file, c.Class, c.Predicted, c.Correct)
			}
		}
		if correct != reachable {
			t.Errorf("%s: %d pairs correct; %d gold relations have both ends quoted", file, correct, reachable)
		}
	}
}

// BenchmarkEvaluateAIFSample scores the rules against the fixed QT30 sample
// (docs/eval.md): every 7th file of the training set.
func BenchmarkEvaluateAIFSample(b *testing.B) {
	dir := filepath.Join(aifCorpus, "qt30-train")
	if _, err := os.Stat(dir); err != nil {
		b.Skipf("no QT30 training set: %v", err)
	}
	for b.Loop() {
		if _, _, err := EvaluateAIF(context.Background(), []string{dir}, AIFEvalOptions{Sample: 7}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestGoldLoadsTogether: the curated gold graphs load as one collection (the
// same id is the same entity in all of them), so `graph eval testdata/gold`
// scores them all in one run.
func TestGoldLoadsTogether(t *testing.T) {
	l, err := Load([]string{"../../testdata/gold"}, "../../examples/catalog")
	if err != nil {
		t.Fatalf("%v\n%v", err, l.Diagnostics)
	}
	if len(l.Graphs) < 16 {
		t.Errorf("%d gold graphs, want at least 16", len(l.Graphs))
	}
}
