package main

import (
	"fmt"
	"io"
	"os"

	"github.com/graphbuilder/graph/internal/diag"
	"github.com/graphbuilder/graph/internal/interview"
	"github.com/graphbuilder/graph/schema"
)

// loadGraphs finds and loads the interview graphs under paths, printing every
// diagnostic to w. It fails with [reported] when any diagnostic is an error.
func loadGraphs(paths []string, w io.Writer) ([]*interview.Graph, error) {
	files, err := interview.Find(paths)
	if err != nil {
		return nil, inputError("%v", err)
	}
	graphs, ds := interview.NewLoader(schema.Core()).LoadAll(files)
	if wd, err := os.Getwd(); err == nil {
		ds.Relative(wd)
	}
	diag.Render(w, ds)
	if ds.HasErrors() {
		n := 0
		for _, d := range ds {
			if d.Severity == diag.Error {
				n++
			}
		}
		plural := "s"
		if n == 1 {
			plural = ""
		}
		fmt.Fprintf(w, "%d error%s; nothing was written\n", n, plural)
		return nil, reported{ds}
	}
	return graphs, nil
}
