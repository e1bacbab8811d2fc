package pipeline

import (
	"github.com/graphbuilder/graph/internal/diag"
	"github.com/graphbuilder/graph/internal/interview"
	"github.com/graphbuilder/graph/schema"
)

// Loaded is what [Load] found: the graphs, and every diagnostic of their files.
type Loaded struct {
	Graphs      []*interview.Graph
	Diagnostics diag.Diagnostics
}

// Load finds the interview graphs under paths (files, or folders searched for
// graph.yaml) and loads and checks them against the core schema and their
// transcripts. It fails with [ErrInput] when a path cannot be searched, and with
// the diagnostics when any of them is an error; the diagnostics are in the result
// either way.
func Load(paths []string) (*Loaded, error) {
	files, err := interview.Find(paths)
	if err != nil {
		return &Loaded{}, Inputf("%v", err)
	}
	graphs, ds := interview.NewLoader(schema.Core()).LoadAll(files)
	ds = ds.Sort()
	if err := ds.Err(); err != nil {
		return &Loaded{Diagnostics: ds}, err
	}
	return &Loaded{Graphs: graphs, Diagnostics: ds}, nil
}
