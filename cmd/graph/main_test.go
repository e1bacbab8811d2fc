package main

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite the expected output files of the scripts")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"graph": func() { os.Exit(Main()) },
	})
}

// TestScripts runs the end-to-end scripts in testdata/script: one per feature and
// one per kind of user error, each asserting the exact file:line:col reported.
// $EXAMPLES points at the bundled examples.
func TestScripts(t *testing.T) {
	examples, err := filepath.Abs("../../examples")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: *update,
		Setup: func(env *testscript.Env) error {
			env.Setenv("EXAMPLES", examples)
			env.Setenv("GRAPH_STORE_PATH", filepath.Join(env.WorkDir, "graph.db"))
			env.Setenv("GRAPH_STORE_LOCK_TIMEOUT", "200ms")
			return nil
		},
	})
}
