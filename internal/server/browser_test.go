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

// TestWorkbench reads the bundled examples as a person would: opens a source,
// searches, opens a claim and reads its quote in context, keeps only rebuttals,
// runs a query that fails and one that works. GRAPH_SCREENSHOT=FILE keeps a
// picture of the workbench on amodei-2025 (PNG or JPEG by the name); the one in
// the README is made with GRAPH_SCREENSHOT=../../docs/workbench.jpg.
func TestWorkbench(t *testing.T) {
	ctx := browser(t)
	s, err := NewStatic(context.Background(), exampleQuads(t), Options{})
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
	if msg := run(t, ctx, chromedp.Text(`#query-error`)); !strings.Contains(msg, "SyntaxError") {
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
		do("show every edge", chromedp.Evaluate[chromedp.Void](`document.querySelectorAll("#kinds input").forEach(i => { if (!i.checked) i.click() })`))
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
