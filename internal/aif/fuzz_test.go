package aif

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// FuzzDecode feeds arbitrary bytes to Parse and Convert: they must never panic,
// every diagnostic must point inside the file, and a graph that converts must give
// quads and a graph.yaml.
func FuzzDecode(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*/*.json")
	corpus, _ := filepath.Glob(filepath.Join(corpusDir, "*", "*.json"))
	for _, file := range append(seeds, corpus...) {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(`{"nodes":[{"nodeID":1,"type":"I","text":"a"},{"nodeID":2,"type":"CA"},{"nodeID":3,"type":"CA"}],` +
		`"edges":[{"fromID":1,"toID":2},{"fromID":2,"toID":3},{"fromID":1,"toID":3},{"fromID":3,"toID":2}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		ns, ds := Parse("fuzz.json", data)
		if ns != nil {
			res, more := Convert(ns, Options{SourceID: "fuzz"})
			ds = append(ds, more...)
			if res != nil {
				res.Quads()
				if _, err := MarshalGraph(res.Graph); err != nil {
					t.Fatal(err)
				}
			}
		}
		lines := bytes.Count(data, []byte{'\n'}) + 1
		for _, d := range ds {
			if p := d.Subject.Start; p.Line < 0 || p.Line > lines || p.Column < 0 {
				t.Fatalf("%v: position outside the file of %d lines", d, lines)
			}
		}
	})
}
