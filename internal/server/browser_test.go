package server

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/graphbuilder/graph/internal/pipeline"
)

// chrome finds a Chromium to drive: GRAPH_TEST_CHROME, or one on PATH. Without
// one the browser tests skip, unless GRAPH_TEST_REQUIRE_CHROME is set (as CI sets
// it), when they fail.
func chrome(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("GRAPH_TEST_CHROME"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("GRAPH_TEST_REQUIRE_CHROME") != "" {
		t.Fatal("no Chromium found (install the chromium package, or set GRAPH_TEST_CHROME), and GRAPH_TEST_REQUIRE_CHROME is set")
	}
	t.Skip("no Chromium found; set GRAPH_TEST_CHROME to run the browser tests")
	return ""
}

// browser starts a headless Chromium and returns a tab's context.
func browser(t *testing.T) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chrome(t)),
		chromedp.WindowSize(1600, 1000),
		chromedp.NoSandbox, // CI runs as root
		chromedp.Flag("lang", "en-US"),
	)
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	// A bound for the whole test, should the page never get where it is awaited.
	ctx, cancel = context.WithTimeout(ctx, 2*time.Minute)
	t.Cleanup(cancel)
	return ctx
}

// TestWorkbench reads the bundled examples, evaluated, as a person would: opens
// a source, searches, opens a claim and reads its quote in context and in the
// whole transcript, with its status; keeps one speaker's claims, then only
// rebuttals; runs a query that fails and one that works. GRAPH_SCREENSHOT=FILE keeps a
// picture of the workbench on amodei-2025 (PNG or JPEG by the name); the one in
// the README is made with GRAPH_SCREENSHOT=../../docs/workbench.jpg.
func TestWorkbench(t *testing.T) {
	ctx := browser(t)
	s, err := NewStatic(context.Background(), evaluatedQuads(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	const claim = "claim/amodei-2025/scaling-diminishing-returns"
	want, err := s.Reader().Show(claim)
	if err != nil {
		t.Fatal(err)
	}

	do := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}

	do("open the amodei-2025 map",
		chromedp.Navigate(ts.URL+"/"),
		chromedp.WaitVisible(`#sources li`),
		chromedp.Click(`#sources li[data-source="amodei-2025"]`),
		chromedp.WaitVisible(`#sources li.current[data-source="amodei-2025"]`),
		chromedp.Poll[chromedp.Void](`cy.nodes("[kind = 'claim']").length === 86`),
	)
	if n := run(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll("#sources li").length`)); n != 3 {
		t.Errorf("%d sources listed, want 3", n)
	}
	if title := run(t, ctx, chromedp.Text(`#map-title`)); !strings.Contains(title, "Anthropic") {
		t.Errorf("map title %q", title)
	}

	// Search "Amodei": his entity comes first.
	do("search", chromedp.SendKeys(`#search`, "Amodei"), chromedp.WaitVisible(`#hits li.hit`))
	if first := run(t, ctx, chromedp.AttributeValue(`#hits li.hit`, "data-iri")); first.Value != "dario-amodei" {
		t.Errorf("first hit for Amodei is %q", first.Value)
	}

	// Search part of a Chinese claim, open it: the panel shows its quote marked
	// inside its paragraph, and who said it; the map selects it.
	hit := `#hits li.hit[data-iri="` + claim + `"]`
	do("open a claim",
		chromedp.Evaluate[chromedp.Void](`document.getElementById("search").value = ""`),
		chromedp.SendKeys(`#search`, "回报递减"),
		chromedp.WaitVisible(hit),
		chromedp.Click(hit),
		chromedp.WaitVisible(`#panel .context mark`),
	)
	if mark := run(t, ctx, chromedp.Text(`#panel .context mark`)); mark != want.Quote.Text {
		t.Errorf("the marked quote is %q, want %q", mark, want.Quote.Text)
	}
	panel := run(t, ctx, chromedp.Text(`#panel`))
	if !strings.Contains(panel, want.Title) || !strings.Contains(panel, want.Speaker.Title) || !strings.Contains(panel, want.Quote.File) {
		t.Errorf("the panel lacks the claim's text, speaker or file:\n%s", panel)
	}
	if sel := run(t, ctx, chromedp.Evaluate[string](`cy.$("node:selected").id()`)); sel != claim {
		t.Errorf("the map selects %q, want the claim", sel)
	}

	// Its status, coloured on the map and worded in the panel.
	status, _ := s.Reader().Status(claim)
	if status == "" {
		t.Fatal("the evaluated examples give the claim no status")
	}
	if badge := run(t, ctx, chromedp.Text(`#panel .status-badge`)); !strings.HasPrefix(badge, status+":") {
		t.Errorf("the panel's status is %q, want %s", badge, status)
	}
	if n := run(t, ctx, chromedp.Evaluate[int](`cy.nodes("[kind = 'claim'][status != '']").length`)); n != 86 {
		t.Errorf("%d claims on the map have a status, want 86", n)
	}

	// The whole transcript, scrolled to the quote, which is marked: the mark is in
	// sight inside the transcript's box, far down an article of many paragraphs.
	do("the transcript", chromedp.WaitVisible(`#transcript mark`))
	if mark := run(t, ctx, chromedp.Text(`#transcript mark`)); mark != want.Quote.Text {
		t.Errorf("the transcript marks %q, want %q", mark, want.Quote.Text)
	}
	place := run(t, ctx, chromedp.Evaluate[[]float64](`(() => {
		const box = document.getElementById("transcript"), m = box.querySelector("mark");
		const b = box.getBoundingClientRect(), r = m.getBoundingClientRect();
		return [r.top - b.top, b.bottom - r.bottom, box.scrollTop, box.querySelectorAll(".turn").length];
	})()`))
	if place[0] < 0 || place[1] < 0 || place[2] <= 0 || place[3] < 10 {
		t.Errorf("the quote is not scrolled into the transcript's view: %v above, %v below, scrolled %v, %v parts", place[0], place[1], place[2], place[3])
	}

	// A timed dialogue: the quote's turn shows its time.
	const timed = "claim/ai-audits-2026/flat-mandate-would-be-moat"
	wantTimed, err := s.Reader().Show(timed)
	if err != nil {
		t.Fatal(err)
	}
	do("a claim of a timed dialogue",
		chromedp.Evaluate[chromedp.Void](`openNode("`+timed+`")`),
		chromedp.Poll[chromedp.Void](`document.querySelector("#transcript .turn.quoted .turn-head") !== null && document.querySelector("#transcript .turn.quoted").textContent.includes(`+strconv.Quote(wantTimed.Quote.Text)+`)`),
	)
	if head := run(t, ctx, chromedp.Text(`#transcript .turn.quoted .turn-head`)); !strings.HasPrefix(head, clockOf(wantTimed.Quote.SaidAt)) {
		t.Errorf("the quoted turn is headed %q, want its time %s", head, clockOf(wantTimed.Quote.SaidAt))
	}

	// Keep Amodei's claims only: every other speaker's are hidden.
	do("keep one speaker", chromedp.Evaluate[chromedp.Void](`document.querySelectorAll("#speakers input").forEach(i => { if ((i.dataset.speaker === "dario-amodei") !== i.checked) i.click() })`))
	speakers := run(t, ctx, chromedp.Evaluate[[]string](`Array.from(new Set(cy.nodes("[kind = 'claim']").filter(n => n.style("display") !== "none").map(n => n.data("speaker_id"))))`))
	hidden := run(t, ctx, chromedp.Evaluate[int](`cy.nodes("[kind = 'claim']").filter(n => n.style("display") === "none").length`))
	if strings.Join(speakers, " ") != "dario-amodei" || hidden == 0 {
		t.Errorf("claims shown are of %v, %d hidden; want Amodei's only", speakers, hidden)
	}
	do("every speaker again", chromedp.Evaluate[chromedp.Void](`document.querySelectorAll("#speakers input").forEach(i => { if (!i.checked) i.click() })`))

	// Keep only rebuttals.
	do("filter to rebuttals", chromedp.Evaluate[chromedp.Void](`document.querySelectorAll("#kinds input").forEach(i => { if ((i.dataset.kind === "rebuts") !== i.checked) i.click() })`))
	shown := run(t, ctx, chromedp.Evaluate[[]string](`Array.from(new Set(cy.edges().filter(e => e.style("display") !== "none").map(e => e.data("kind"))))`))
	if strings.Join(shown, " ") != "rebuts" {
		t.Errorf("edges shown after keeping rebuttals: %v", shown)
	}

	// A query with a mistake shows the server's error; a good one, a table.
	do("a query with a mistake",
		setQuery(`g.V("<dario-amodei>").Out(`),
		chromedp.Click(`#query-form button`),
		chromedp.WaitVisible(`#query-error`),
	)
	if msg := run(t, ctx, chromedp.Text(`#query-error`)); !strings.Contains(msg, "query:1:27: syntax error") {
		t.Errorf("the console shows %q for a query cut short", msg)
	}
	do("a query",
		setQuery(`g.V("<dario-amodei>").Out("<asserts>").Out("<rebuts>").All()`),
		chromedp.Click(`#query-form button`),
		chromedp.WaitVisible(`#query-out table`),
	)
	if rows := run(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll("#query-out table tr").length - 1`)); rows == 0 {
		t.Error("the console shows no results of a query that has some")
	}
	if hidden := run(t, ctx, chromedp.Evaluate[bool](`document.getElementById("query-error").hidden`)); !hidden {
		t.Error("the error of the query before stays shown")
	}

	if out := os.Getenv("GRAPH_SCREENSHOT"); out != "" {
		// The map as it first shows, with the Chinese claim opened again and its
		// neighbourhood in view at a size that reads.
		do("show the edges as at first",
			chromedp.Evaluate[chromedp.Void](`document.querySelectorAll("#kinds input").forEach(i => { if ((i.dataset.kind !== "asserts") !== i.checked) i.click() })`),
			chromedp.Evaluate[chromedp.Void](`openNode("`+claim+`").then(() => selectInMap("`+claim+`"))`),
			chromedp.Poll[chromedp.Void](`document.querySelector("#panel h2") && document.querySelector("#panel h2").textContent === `+strconv.Quote(want.Title)),
			chromedp.WaitVisible(`#transcript mark`),
		)
		quality := 85 // JPEG
		if strings.HasSuffix(out, ".png") {
			quality = 100
		}
		shot := run(t, ctx, chromedp.FullScreenshot(quality))
		if err := os.WriteFile(filepath.Clean(out), shot, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// clockOf writes seconds as the workbench does, [hh:mm:ss].
func clockOf(sec float64) string {
	s := int(sec)
	return fmt.Sprintf("[%02d:%02d:%02d]", s/3600, s/60%60, s%60)
}

// setQuery writes q into the query console.
func setQuery(q string) chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.getElementById("query").value = %s`, strconv.Quote(q)))
}

// run runs one action in the tab and returns its value.
func run[T any](t *testing.T, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestWorkbenchToken opens the workbench of a server that needs a token: the page
// asks for it, and with it shows the sources.
func TestWorkbenchToken(t *testing.T) {
	ctx := browser(t)
	s, err := NewStatic(context.Background(), exampleQuads(t), Options{Token: "s3cret"})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	if err := chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/"),
		chromedp.WaitVisible(`#token-bar`),
		chromedp.SendKeys(`#token`, "s3cret"),
		chromedp.Click(`#token-go`),
		chromedp.WaitVisible(`#sources li`),
	); err != nil {
		t.Fatalf("token: %v", err)
	}
	n := run(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll("#sources li").length`))
	if n != 3 {
		t.Errorf("%d sources listed with the token", n)
	}
}

// copyExamples copies the bundled examples named (and their catalogs) into a
// folder of the test's, so that decisions written beside them stay there.
func copyExamples(t *testing.T, names ...string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "examples")
	for _, name := range append(names, "catalog") {
		err := filepath.WalkDir(filepath.Join(examplesDir, name), func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(examplesDir, p)
			if d.IsDir() {
				return os.MkdirAll(filepath.Join(dst, rel), 0o755)
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// TestWorkbenchReview reviews the rules' findings on a dialogue as a curator
// would: opens the review of its source, reads a proposal in the transcript,
// rejects it and accepts another, and sees both recorded beside the graph.
// GRAPH_REVIEW_SCREENSHOT=FILE keeps a picture of the review.
func TestWorkbenchReview(t *testing.T) {
	ctx := browser(t)
	dir := copyExamples(t, "ai-audits-2026")
	// bridge is under review, and not in the store.
	rs, ds, err := pipeline.NewReviewSet([]string{filepath.Join(dir, "ai-audits-2026"), reviewGraph(t)}, pipeline.RuleOptions{})
	if err != nil {
		t.Fatal(err, ds)
	}
	s, err := NewStatic(context.Background(), exampleQuads(t), Options{Review: rs})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	do := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	link := `#review-sources li[data-review="ai-audits-2026"]`
	do("open the review",
		chromedp.Navigate(ts.URL+"/"),
		chromedp.WaitVisible(link),
		chromedp.Click(link),
		chromedp.WaitVisible(`#review-claims li.review-proposed`),
	)
	// Both sources under review are listed; the one the store lacks says so.
	if got := run(t, ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("#review-sources li")).map(li => li.dataset.review)`)); strings.Join(got, " ") != "ai-audits-2026 bridge" {
		t.Errorf("sources to review: %v", got)
	}
	if sub := run(t, ctx, chromedp.Text(`#review-sources li[data-review="bridge"] .sub`)); !strings.Contains(sub, "not in the store") {
		t.Errorf("the source not built reads %q", sub)
	}
	counts := run(t, ctx, chromedp.Text(`#panel .review-counts`))
	if !strings.Contains(counts, "proposed") || !strings.Contains(counts, "matched") {
		t.Errorf("the counts read %q", counts)
	}

	// A proposed claim, read in the transcript: its words are marked there.
	first := `#review-claims li.review-proposed`
	id := run(t, ctx, chromedp.AttributeValue(first, "data-id")).Value
	text := run(t, ctx, chromedp.Evaluate[string](`(() => { const a = document.querySelector("`+first+` .review-text"); return a.textContent.slice(a.textContent.indexOf(": ") + 2); })()`))
	do("read it in the transcript",
		chromedp.Click(first+` .review-text`),
		chromedp.WaitVisible(`#transcript mark`),
	)
	if mark := run(t, ctx, chromedp.Text(`#transcript mark`)); mark != text {
		t.Errorf("the transcript marks %q, want %q", mark, text)
	}

	// Reject it: it shows as rejected, with Accept left to change one's mind.
	item := `#review-claims li[data-id="` + id + `"]`
	do("reject it",
		chromedp.Click(item+` button.reject`),
		chromedp.WaitVisible(item+`.review-rejected`),
	)
	if n := run(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll('`+item+` button.reject').length`)); n != 0 {
		t.Errorf("a rejected claim still offers Reject")
	}
	// Accept a proposed relation.
	rel := `#review-relations li.review-proposed`
	relID := run(t, ctx, chromedp.AttributeValue(rel, "data-id")).Value
	do("accept a relation",
		chromedp.Click(rel+` button.accept`),
		chromedp.WaitVisible(`#review-relations li.review-accepted[data-id="`+relID+`"]`),
	)
	data, err := os.ReadFile(filepath.Join(dir, "ai-audits-2026", "findings.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "{id: "+id+", finding: x-") || !strings.Contains(string(data), "{id: "+relID+", finding: r-") {
		t.Errorf("findings.yaml lacks the decisions on %s and %s:\n%s", id, relID, data)
	}

	// The source not built: its findings, and a word on why no transcript.
	do("review the source not built",
		chromedp.Click(`#review-sources li[data-review="bridge"]`),
		chromedp.Poll[chromedp.Void](`document.querySelector("#panel h2") && document.querySelector("#panel h2").textContent === "bridge"`),
	)
	if panel := run(t, ctx, chromedp.Text(`#panel`)); !strings.Contains(panel, "does not hold this source yet") || !strings.Contains(panel, "costs too much") {
		t.Errorf("the review of the source not built reads:\n%s", panel)
	}
	do("back to the first", chromedp.Click(link), chromedp.WaitVisible(`#review-claims li.review-rejected[data-id="`+id+`"]`))

	// By the keys: j and k move from finding to finding and show each, r rejects.
	key := func(k string) chromedp.Action[chromedp.Void] {
		return chromedp.Evaluate[chromedp.Void](`document.dispatchEvent(new KeyboardEvent("keydown", {key: ` + strconv.Quote(k) + `, bubbles: true}))`)
	}
	do("move by the keys", key("j"), key("j"), key("j"), key("j"), key("j"), key("j"), key("k"), chromedp.WaitVisible(`#panel .review-item.focus`), chromedp.WaitVisible(`#transcript mark`))
	focusedID := func() string {
		return run(t, ctx, chromedp.AttributeValue(`#panel .review-item.focus`, "data-id")).Value
	}
	if items, focused := run(t, ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("#panel .review-item")).map(li => li.dataset.id)`)), focusedID(); len(items) < 5 || focused != items[4] {
		t.Fatalf("after six j and a k the focus is on %q, want the fifth of %v", focused, items[:min(6, len(items))])
	}
	// With the transcript closed, a move to the lowest finding in sight opens it
	// below the list, which it shortens: the finding must stay in sight.
	do("move with the transcript closed", chromedp.Evaluate[chromedp.Void](`(() => {
		hideTranscript();
		const p = document.getElementById("panel"), bottom = p.getBoundingClientRect().bottom;
		p.scrollTop = 0;
		let k = 1;
		document.querySelectorAll("#panel .review-item").forEach((li, i) => { if (li.getBoundingClientRect().bottom <= bottom) k = i; });
		focusReview(k - 1, false);
		document.dispatchEvent(new KeyboardEvent("keydown", {key: "j"}));
	})()`), chromedp.WaitVisible(`#transcript mark`))
	do("the focus in sight", chromedp.Poll[chromedp.Void](`(() => {
		const p = document.getElementById("panel").getBoundingClientRect(), r = document.querySelector("#panel .review-item.focus").getBoundingClientRect();
		return r.top >= p.top - 1 && r.bottom <= p.bottom + 1; // a pixel for rounding
	})()`))
	focused := focusedID()
	do("reject by the key", key("r"), chromedp.WaitVisible(`#panel .review-item.review-rejected[data-id="`+focused+`"]`))
	if again := run(t, ctx, chromedp.AttributeValue(`#panel .review-item.focus`, "data-id")).Value; again != focused {
		t.Errorf("after a decision the focus moved from %q to %q", focused, again)
	}

	if out := os.Getenv("GRAPH_REVIEW_SCREENSHOT"); out != "" {
		shot := run(t, ctx, chromedp.FullScreenshot(100))
		if err := os.WriteFile(filepath.Clean(out), shot, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
