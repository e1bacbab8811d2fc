package main

import (
	"bytes"
	"errors"
	"testing"

	"github.com/graphbuilder/graph/internal/pipeline"
)

// TestExtractReviewFlags checks the review options of graph extract apart from
// what they do.
func TestExtractReviewFlags(t *testing.T) {
	tests := []struct {
		args   []string
		review bool
		ok     bool
	}{
		{nil, false, true},
		{[]string{"--format", "yaml"}, true, true},
		{[]string{"--accept", "a"}, true, true},
		{[]string{"--reject", "a", "--format", "yaml"}, true, true},
		{[]string{"--accept", "a", "--write"}, true, true},
		{[]string{"--write"}, true, true},
		{[]string{"--accept", "a", "--reject", "b"}, true, false},
		{[]string{"--write", "--format", "yaml"}, true, false},
		{[]string{"--format", "yaml", "--json"}, true, false},
		{[]string{"--accept", "a", "--json"}, true, false},
		{[]string{"--format", "yaml", "--graph", "g"}, true, false},
		{[]string{"--format", "xml"}, false, false},
	}
	for _, tt := range tests {
		a := &app{stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}}
		a.newRootCmd()
		cmd := a.newExtractCmd()
		if err := cmd.ParseFlags(tt.args); err != nil {
			t.Fatalf("%v: %v", tt.args, err)
		}
		var opts extractOptions
		opts.Format, _ = cmd.Flags().GetString("format")
		opts.JSON, _ = cmd.Flags().GetBool("json")
		opts.Graph, _ = cmd.Flags().GetString("graph")
		opts.Accept, _ = cmd.Flags().GetString("accept")
		opts.Reject, _ = cmd.Flags().GetString("reject")
		opts.Write, _ = cmd.Flags().GetBool("write")
		err := opts.check()
		if (err == nil) != tt.ok {
			t.Errorf("%v: error %v, want ok=%v", tt.args, err, tt.ok)
		}
		if err != nil && !errors.Is(err, pipeline.ErrInput) {
			t.Errorf("%v: %v is not an input error (exit status 2)", tt.args, err)
		}
		if got := opts.review(); got != tt.review {
			t.Errorf("%v: review = %v, want %v", tt.args, got, tt.review)
		}
	}
}
