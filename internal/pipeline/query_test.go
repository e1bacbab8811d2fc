package pipeline

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/graphbuilder/graph/internal/diag"
	"github.com/graphbuilder/graph/internal/store"
)

// TestRunQueryGuardRails runs the mistakes a new user makes on amodei-2025, each
// of which answers nothing (or less) without an error, and checks that each is
// warned of at its place with its hint, while correct queries get no warning.
func TestRunQueryGuardRails(t *testing.T) {
	st := memoryStore(t)
	buildExamples(t, st, "amodei-2025")
	ctx := context.Background()
	for _, tc := range []struct {
		name, query string
		// want is "line:col: summary | hint" for each warning, in order; none for
		// a clean query.
		want []string
	}{
		{"clean", `g.V("<dario-amodei>").Out("<criticizes>").All()`, nil},
		{"clean emit", `g.Emit(g.V("<dario-amodei>").Out("<asserts>").Count())`, nil},
		{"clean foreach", `g.V("<dario-amodei>").ForEach(function (d) { g.Emit(d.id) })`, nil},
		{"schema kind absent from the store", `g.V().Has("<type>", "<product>").All()`, nil},
		{"string literal held", `g.V().Has("<name>", "Dario Amodei").All()`, nil},
		{"misspelt predicate", `g.V("<dario-amodei>").Out("<criticises>").All()`,
			[]string{`1:27: <criticises> is neither in the store nor in the schema | did you mean <criticizes>?`}},
		{"misspelt node", "// who\ng.V(\"<dario-amodie>\").All()",
			[]string{`2:5: <dario-amodie> is neither in the store nor in the schema | did you mean <dario-amodei>?`}},
		{"bare id", `g.V("dario-amodei").Out("<criticizes>").All()`,
			[]string{`1:5: the store holds no string "dario-amodei", but it holds the IRI <dario-amodei> | write the IRI in angle brackets: "<dario-amodei>"`}},
		{"bare predicate", `g.V("<dario-amodei>").Out("criticizes").All()`,
			[]string{`1:27: "criticizes" is a string; predicates are IRIs | write the IRI in angle brackets: "<criticizes>"`}},
		{"kind as a string", `g.V().Has("<kind>", "rebuts").All()`,
			[]string{`1:21: the store holds no string "rebuts", but it holds the IRI <rebuts> | write the IRI in angle brackets: "<rebuts>"`}},
		{"no All", `g.V("<dario-amodei>").Out("<criticizes>")`,
			[]string{`1:23: the query yields no results: no path is run and nothing is emitted | end the path with .All() (or .ForEach(function (r) { g.Emit(r) }))`}},
		{"count not emitted", `g.V("<dario-amodei>").Out("<asserts>").Count()`,
			[]string{`1:40: .Count() returns its value to the script, which shows nothing of it | wrap the path in g.Emit: g.Emit(g.V(...).Count())`}},
		{"predicates in an array", `g.V("<dario-amodei>").Out(["<criticizes>", "<rebutz>"]).All()`,
			[]string{`1:44: <rebutz> is neither in the store nor in the schema | did you mean <rebuts>?`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ans, err := RunQuery(ctx, st, tc.query, QueryOptions{})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, d := range ans.Warnings {
				if d.Severity != diag.Warning || d.Subject.File != "query" {
					t.Errorf("not a warning of the query: %v", d)
				}
				got = append(got, fmt.Sprintf("%d:%d: %s | %s", d.Subject.Start.Line, d.Subject.Start.Column, d.Summary, d.Hint))
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// TestRunQuerySaveDropsRows checks the hint for a Save on a predicate that some
// rows lack: only timed transcripts give claims a <said_at>, and amodei-2025's is
// not timed, so every one of its claims is dropped, and SaveOpt keeps them.
func TestRunQuerySaveDropsRows(t *testing.T) {
	st := memoryStore(t)
	buildExamples(t, st, "amodei-2025", "ai-audits-2026")
	ctx := context.Background()
	const q = `g.V().Has("<type>", "<claim>").Save("<said_at>", "t").All()`
	ans, err := RunQuery(ctx, st, q, QueryOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ans.Result) != 30 || len(ans.Warnings) != 1 {
		t.Fatalf("%d results (want the 30 timed claims of ai-audits-2026), warnings %v", len(ans.Result), ans.Warnings)
	}
	w := ans.Warnings[0]
	if w.Summary != `Save("<said_at>") dropped 86 rows that have no <said_at>` || !strings.Contains(w.Hint, `SaveOpt("<said_at>"`) || w.Subject.Start.Column != 32 {
		t.Errorf("warning %d:%d %q, hint %q", w.Subject.Start.Line, w.Subject.Start.Column, w.Summary, w.Hint)
	}
	opt, err := RunQuery(ctx, st, strings.Replace(q, "Save(", "SaveOpt(", 1), QueryOptions{})
	if err != nil || len(opt.Warnings) != 0 || len(opt.Result) != 116 {
		t.Errorf("SaveOpt: %d results, warnings %v, %v", len(opt.Result), opt.Warnings, err)
	}
	// With a limit that cuts the result short, whether rows were dropped cannot
	// be told from the counts, and nothing is said.
	lim, err := RunQuery(ctx, st, q, QueryOptions{Limit: 5})
	if err != nil || !lim.Truncated || len(lim.Result) != 5 || len(lim.Warnings) != 0 {
		t.Errorf("limit 5: %d results, truncated %v, warnings %v, %v", len(lim.Result), lim.Truncated, lim.Warnings, err)
	}
}

func TestRunQueryLimitNamesTimeout(t *testing.T) {
	st := memoryStore(t)
	buildExamples(t, st, "amodei-2025")
	ctx := context.Background()
	const q = `g.V("<dario-amodei>").Out("<criticizes>").All()`
	all, err := RunQuery(ctx, st, q, QueryOptions{Names: true})
	if err != nil {
		t.Fatal(err)
	}
	if all.Truncated || len(all.Result) < 3 {
		t.Fatalf("%d results, truncated %v", len(all.Result), all.Truncated)
	}
	if len(all.Names) != len(all.Result) {
		t.Errorf("%d names of %d results: %v", len(all.Names), len(all.Result), all.Names)
	}
	if all.Names["<deepseek>"] != "DeepSeek" {
		t.Errorf("the name of <deepseek> is %q", all.Names["<deepseek>"])
	}
	exact, err := RunQuery(ctx, st, q, QueryOptions{Limit: len(all.Result)})
	if err != nil || exact.Truncated || len(exact.Result) != len(all.Result) || len(exact.Names) != 0 {
		t.Errorf("a limit of exactly the results: %d, truncated %v, names %v, %v", len(exact.Result), exact.Truncated, exact.Names, err)
	}
	one, err := RunQuery(ctx, st, q, QueryOptions{Limit: 1})
	if err != nil || !one.Truncated || len(one.Result) != 1 {
		t.Errorf("limit 1: %d, truncated %v, %v", len(one.Result), one.Truncated, err)
	}
	// A query that never ends stops at its deadline, with the error saying so.
	tctx, cancel := context.WithTimeout(ctx, 20*time.Millisecond)
	defer cancel()
	_, err = RunQuery(tctx, st, `while (true) {}`, QueryOptions{})
	if !errors.Is(err, ErrQueryTimeout) || !errors.Is(err, store.ErrQuery) {
		t.Errorf("an endless query gave %v", err)
	}
}

func TestLexGizmo(t *testing.T) {
	toks := lexGizmo("g.V(\"<a>\", '<b\\'c>') // \"<no>\"\n/* \"<no>\" */ .Out(`x`)  中文(\"<z>\")")
	var got []string
	for _, tk := range toks {
		got = append(got, fmt.Sprintf("%d:%d %q", tk.at.Line, tk.at.Column, tk.text))
	}
	want := `1:1 "g"|1:2 "."|1:3 "V"|1:4 "("|1:5 "<a>"|1:10 ","|1:12 "<b'c>"|1:20 ")"|2:14 "."|2:15 "Out"|2:18 "("|2:19 ""|2:22 ")"|2:25 "中文"|2:27 "("|2:28 "<z>"|2:33 ")"`
	if strings.Join(got, "|") != want {
		t.Errorf("tokens:\n%s\nwant\n%s", strings.Join(got, "|"), want)
	}
}
