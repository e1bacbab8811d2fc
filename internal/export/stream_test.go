package export

import (
	"bytes"
	"io"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/graphbuilder/graph/internal/interview"
	"github.com/graphbuilder/graph/internal/rdf"
	"github.com/graphbuilder/graph/schema"
)

// allExampleQuads are the quads a build of every bundled example writes.
func allExampleQuads(t *testing.T) []quad.Quad {
	t.Helper()
	files, err := interview.Find([]string{filepath.Join("..", "..", "examples")})
	if err != nil {
		t.Fatal(err)
	}
	graphs, ds := interview.NewLoader(schema.Core()).LoadAll(files)
	if err := ds.Err(); err != nil {
		t.Fatal(err)
	}
	var qs []quad.Quad
	for _, g := range graphs {
		for _, set := range rdf.Sets(g) {
			qs = append(qs, set.Quads...)
		}
	}
	return qs
}

// edgeQuads have what the encoders must order and escape with care: subjects
// whose keys start with another's, typed literals in short and full form, blank
// nodes, language tags, absolute IRIs, and quads without a label.
func edgeQuads() []quad.Quad {
	l := quad.IRI("source/x")
	return []quad.Quad{
		{Subject: quad.BNode("a"), Predicate: quad.IRI("name"), Object: quad.String("short"), Label: l},
		{Subject: quad.BNode("ab"), Predicate: quad.IRI("name"), Object: quad.String("longer"), Label: l},
		{Subject: quad.BNode("a"), Predicate: quad.IRI("alias"), Object: quad.LangString{Value: "短", Lang: "zh"}, Label: l},
		{Subject: quad.IRI("n"), Predicate: quad.IRI("count"), Object: quad.Int(3), Label: l},
		{Subject: quad.IRI("n"), Predicate: quad.IRI("count"), Object: quad.TypedString{Value: "3", Type: "xsd:integer"}, Label: l},
		{Subject: quad.IRI("n"), Predicate: quad.IRI("count"), Object: quad.TypedString{Value: "3", Type: "http://www.w3.org/2001/XMLSchema#integer"}, Label: l},
		{Subject: quad.IRI("n"), Predicate: quad.IRI("ok"), Object: quad.Bool(true), Label: quad.IRI("catalog/c")},
		{Subject: quad.IRI("http://example.org/x"), Predicate: quad.IRI("http://example.org/p"), Object: quad.IRI("g"), Label: l},
		{Subject: quad.IRI("n2"), Predicate: quad.IRI("@type"), Object: quad.String("<b>&</b>"), Label: l},
		{Subject: quad.IRI("free"), Predicate: quad.IRI("name"), Object: quad.String("no label")},
		{Subject: quad.IRI("free"), Predicate: quad.IRI("name"), Object: quad.String("again no label")},
		{Subject: quad.IRI("n"), Predicate: quad.IRI("name"), Object: quad.String("in two labels"), Label: quad.IRI("catalog/c")},
		{Subject: quad.IRI("n"), Predicate: quad.IRI("name"), Object: quad.String("in two labels"), Label: l},
	}
}

// subjectGroups streams quads as a store does: one group per subject key, in key
// order, with keys that start with another's joined to it.
func subjectGroups(qs []quad.Quad) Groups {
	return func(key func(quad.Value) string, fn func([]quad.Quad) error) error {
		return groupsBy(qs, func(q quad.Quad) string { return key(q.Subject) }, true, fn)
	}
}

func labelGroups(qs []quad.Quad) Groups {
	return func(key func(quad.Value) string, fn func([]quad.Quad) error) error {
		var labelled, free []quad.Quad
		for _, q := range qs {
			if q.Label == nil {
				free = append(free, q)
			} else {
				labelled = append(labelled, q)
			}
		}
		if err := groupsBy(labelled, func(q quad.Quad) string { return key(q.Label) }, false, fn); err != nil {
			return err
		}
		if len(free) > 0 {
			return fn(free)
		}
		return nil
	}
}

func groupsBy(qs []quad.Quad, key func(quad.Quad) string, prefixes bool, fn func([]quad.Quad) error) error {
	byKey := map[string][]quad.Quad{}
	for _, q := range qs {
		byKey[key(q)] = append(byKey[key(q)], q)
	}
	keys := make([]string, 0, len(byKey))
	for k := range byKey {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for i := 0; i < len(keys); {
		group := byKey[keys[i]]
		j := i + 1
		for ; j < len(keys) && prefixes && len(keys[j]) > len(keys[i]) && keys[j][:len(keys[i])] == keys[i]; j++ {
			group = append(group, byKey[keys[j]]...)
		}
		if err := fn(group); err != nil {
			return err
		}
		i = j
	}
	return nil
}

// TestStreamingEncodersWriteTheReferenceBytes checks that the streaming N-Quads
// and JSON-LD encoders, fed all at once or group by group in any order within a
// group, write exactly what the encoders that held every quad wrote.
func TestStreamingEncodersWriteTheReferenceBytes(t *testing.T) {
	inputs := map[string][]quad.Quad{
		"fixture":   fixture(),
		"synthetic": synthetic(),
		"examples":  allExampleQuads(t),
		"edges":     edgeQuads(),
		"empty":     nil,
	}
	type encoder struct {
		name      string
		reference func(io.Writer, []quad.Quad) error
		whole     func(io.Writer, []quad.Quad) error
		stream    func(io.Writer, Groups) error
		groups    func([]quad.Quad) Groups
	}
	encoders := []encoder{
		{"nquads", referenceNQuads, WriteNQuads, StreamNQuads, subjectGroups},
		{"jsonld", referenceJSONLD, WriteJSONLD, StreamJSONLD, labelGroups},
	}
	for name, qs := range inputs {
		for _, e := range encoders {
			t.Run(name+"/"+e.name, func(t *testing.T) {
				var want bytes.Buffer
				if err := e.reference(&want, qs); err != nil {
					t.Fatal(err)
				}
				if name != "empty" && want.Len() < 100 {
					t.Fatalf("reference output too small to compare: %q", want.String())
				}
				var whole bytes.Buffer
				if err := e.whole(&whole, qs); err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(whole.Bytes(), want.Bytes()) {
					t.Errorf("in memory:\n%s\nwant\n%s", whole.String(), want.String())
				}
				shuffled := slices.Clone(qs)
				rand.New(rand.NewPCG(1, 2)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
				var streamed bytes.Buffer
				if err := e.stream(&streamed, e.groups(shuffled)); err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(streamed.Bytes(), want.Bytes()) {
					t.Errorf("streamed:\n%s\nwant\n%s", streamed.String(), want.String())
				}
			})
		}
	}
}
