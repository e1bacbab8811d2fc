package main

import (
	"errors"
	"io"
	"testing"

	"github.com/graphbuilder/graph/internal/pipeline"
)

// TestEvalFlags checks the command line of graph eval apart from what it does: the
// flags and their defaults, a .json path meaning AIF files, and --sample needing
// them.
func TestEvalFlags(t *testing.T) {
	a := &app{stdout: io.Discard, stderr: io.Discard}
	cmd := a.newEvalCmd()
	for name, want := range map[string]string{"aif": "false", "sample": "0", "lang": "", "min-confidence": "0"} {
		f := cmd.Flags().Lookup(name)
		if f == nil {
			t.Errorf("no --%s flag", name)
			continue
		}
		if f.DefValue != want {
			t.Errorf("--%s defaults to %q, want %q", name, f.DefValue, want)
		}
	}
	if err := cmd.Args(cmd, nil); err == nil {
		t.Error("no path is accepted")
	}

	tests := []struct {
		opts evalOptions
		aif  bool // after check
		ok   bool
	}{
		{evalOptions{Paths: []string{"examples"}}, false, true},
		{evalOptions{Paths: []string{"corpus"}, AIF: true}, true, true},
		{evalOptions{Paths: []string{"corpus/a.json"}}, true, true},
		{evalOptions{Paths: []string{"examples", "corpus/A.JSON"}}, true, true},
		{evalOptions{Paths: []string{"corpus"}, AIF: true, Sample: 7}, true, true},
		{evalOptions{Paths: []string{"corpus/a.json"}, Sample: 7}, true, true},
		{evalOptions{Paths: []string{"examples"}, Sample: 7}, false, false},
		{evalOptions{Paths: []string{"corpus"}, AIF: true, Sample: -1}, true, false},
	}
	for _, tt := range tests {
		o := tt.opts
		err := o.check()
		if (err == nil) != tt.ok {
			t.Errorf("%+v: error %v, want ok=%v", tt.opts, err, tt.ok)
			continue
		}
		if err != nil && !errors.Is(err, pipeline.ErrInput) {
			t.Errorf("%+v: %v is not an input error (exit status 2)", tt.opts, err)
		}
		if o.AIF != tt.aif {
			t.Errorf("%+v: AIF %v after check, want %v", tt.opts, o.AIF, tt.aif)
		}
	}
}
