package main

import (
	"bytes"
	"errors"
	"testing"

	"github.com/graphbuilder/graph/internal/pipeline"
)

// TestLinkFlags checks the command line of graph link apart from what it does.
func TestLinkFlags(t *testing.T) {
	tests := []struct {
		args   []string
		accept bool
		reject bool
		ok     bool
	}{
		{nil, false, false, true},
		{[]string{"--accept", "a", "b"}, true, false, true},
		{[]string{"--reject", "a", "b", "--decisions", "d.yaml"}, false, true, true},
		{[]string{"--accept", "a"}, false, false, false},
		{[]string{"--accept", "--reject", "a", "b"}, false, false, false},
		{[]string{"a", "b"}, false, false, false},
	}
	for _, tt := range tests {
		a := &app{stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}}
		a.newRootCmd()
		cmd := a.newLinkCmd()
		if err := cmd.ParseFlags(tt.args); err != nil {
			t.Fatalf("%v: %v", tt.args, err)
		}
		err := cmd.Args(cmd, cmd.Flags().Args())
		if (err == nil) != tt.ok {
			t.Errorf("%v: error %v, want ok=%v", tt.args, err, tt.ok)
			continue
		}
		if err != nil && !errors.Is(err, pipeline.ErrInput) {
			t.Errorf("%v: %v is not an input error (exit status 2)", tt.args, err)
		}
		if !tt.ok {
			continue
		}
		accept, _ := cmd.Flags().GetBool("accept")
		reject, _ := cmd.Flags().GetBool("reject")
		if accept != tt.accept || reject != tt.reject {
			t.Errorf("%v: accept=%v reject=%v", tt.args, accept, reject)
		}
		if d, _ := cmd.Flags().GetString("decisions"); len(tt.args) == 0 && d != "links.yaml" {
			t.Errorf("default decisions file %q", d)
		}
	}
}
