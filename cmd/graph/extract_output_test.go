package main

import (
	"bytes"
	"testing"

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
		{"no mentions", (&finding.Result{
			Claims: []finding.Claim{{ID: "x-1", Text: "<b> & \"c\""}},
			Names:  []finding.Name{{Name: "Zorb", Kind: "product"}, {Name: "张伟", Kind: "person"}, {Name: "Q", Kind: "product"}},
		}).Normalize(), []int{0, 1, 3}},
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
