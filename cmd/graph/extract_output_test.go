package main

import (
	"bytes"
	"fmt"
	"testing"
	"text/tabwriter"

	"github.com/google/go-cmp/cmp"

	"github.com/graphbuilder/graph/internal/extract/finding"
	"github.com/graphbuilder/graph/internal/pipeline"
)

// The JSON graph extract writes as it goes is the JSON of the whole result, for an
// example's findings, for nothing found, and with the mentions and names given in
// pieces.
func TestResultJSONIsWriteJSON(t *testing.T) {
	loaded, err := pipeline.Load([]string{"../../examples/amodei-2025"})
	if err != nil {
		t.Fatal(err)
	}
	found, _, err := pipeline.Extract(loaded.Graphs[0], loaded.Graphs[0].Transcript, pipeline.RuleOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(found.Mentions) < 3 || len(found.Claims) == 0 || len(found.Relations) == 0 {
		t.Fatalf("the example finds too little to test: %v", found)
	}
	for _, tt := range []struct {
		name string
		res  *finding.Result
		cuts []int // the mentions are given in pieces ending here
	}{
		{"example", found, []int{len(found.Mentions)}},
		{"example in pieces", found, []int{0, 1, 2, len(found.Mentions)}},
		{"nothing", (&finding.Result{}).Normalize(), nil},
		{"strings to escape", (&finding.Result{Mentions: []finding.Mention{
			{Entity: "a\"b<c>&d\u2028", Kind: "k\n\t\x01", Span: finding.Span{Start: 1, End: 20}, Pronoun: true},
			{Entity: "张伟", Kind: "person", Span: finding.Span{Start: 21, End: 23}},
		}}).Normalize(), []int{1, 2}},
		{"no mentions", (&finding.Result{
			Claims: []finding.Claim{{ID: "x-1", Text: "<b> & \"c\""}},
			Names: []finding.Name{
				{Name: "Zorb", Kind: "product", Rule: "zh.mention.latin", Confidence: 0.4},
				{Name: "张伟", Kind: "person", Span: finding.Span{Start: 3, End: 5}, Rule: "zh.mention.person", Confidence: 0.6},
				{Name: "Q\"<&>\u2028", Kind: "product", Confidence: 1e-7},
				{Name: "Zorb", Kind: "product", Rule: "r", Confidence: 0.123456789},
			},
		}).Normalize(), []int{0, 1, 4}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var want, got bytes.Buffer
			if err := writeJSON(&want, tt.res); err != nil {
				t.Fatal(err)
			}
			out := newResultJSON(&got)
			defer out.close()
			from := 0
			for _, c := range tt.cuts {
				ms, ns := tt.res.Mentions, tt.res.Names
				out.found(&finding.Result{Mentions: ms[min(from, len(ms)):min(c, len(ms))], Names: ns[min(from, len(ns)):min(c, len(ns))]})
				from = c
			}
			if err := out.finish(tt.res); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want.String(), got.String()); diff != "" {
				t.Errorf("(-writeJSON +resultJSON)\n%s", diff)
			}
		})
	}
}

// The claims of the table are aligned as text/tabwriter aligns them.
func TestPrintClaimsIsTabwriter(t *testing.T) {
	claims := []finding.Claim{
		{Span: finding.Span{Start: 3, End: 12}, Speaker: "dario-amodei", Rule: "zh.claim.say", Confidence: 0.7, Text: "透明比保密更安全"},
		{Span: finding.Span{Start: 1200, End: 1290}, Speaker: "jane", Rule: "en.claim.cue", Confidence: 0.55, Text: "scaling has hit a wall"},
		{Span: finding.Span{Start: 5, End: 5}, Speaker: "", Rule: "x", Confidence: 1},
		{Span: finding.Span{Start: 7, End: 9}, Speaker: "张伟", Rule: "zh.claim.cue", Confidence: 0.6, Text: "Ünïcödé wide: 中文"},
	}
	for _, tt := range []struct {
		name   string
		claims []finding.Claim
	}{
		{"claims", claims},
		{"a tab in a claim", append(append([]finding.Claim(nil), claims...), finding.Claim{Speaker: "a", Text: "one\ttwo"})},
		{"one claim", claims[:1]},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var want, got bytes.Buffer
			tw := tabwriter.NewWriter(&want, 0, 0, 2, ' ', 0)
			for _, c := range tt.claims {
				fmt.Fprintf(tw, "  %d-%d\t%s\t%s %.2f\t%s\n", c.Span.Start, c.Span.End, c.Speaker, c.Rule, c.Confidence, c.Text)
			}
			tw.Flush()
			printClaims(&got, tt.claims)
			if diff := cmp.Diff(want.String(), got.String()); diff != "" {
				t.Errorf("(-tabwriter +printClaims)\n%s", diff)
			}
		})
	}
}
