package aif

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"gopkg.in/yaml.v3"

	"github.com/graphbuilder/graph/internal/interview"
)

// TranscriptFile is the name of the transcript [WriteFolder] writes.
const TranscriptFile = "transcript.txt"

// The layout of graph.yaml (docs/format.md), in the order a person reads it.
type (
	yamlGraph struct {
		Source    yamlSource     `yaml:"source"`
		Entities  []yamlEntity   `yaml:"entities,omitempty"`
		Claims    []yamlClaim    `yaml:"claims,omitempty"`
		Relations []yamlRelation `yaml:"relations,omitempty"`
	}
	yamlSource struct {
		ID         string   `yaml:"id"`
		Title      string   `yaml:"title"`
		Kind       string   `yaml:"kind"`
		Language   string   `yaml:"language,omitempty"`
		Speakers   []string `yaml:"speakers,omitempty,flow"`
		Transcript string   `yaml:"transcript"`
	}
	yamlEntity struct {
		ID   string `yaml:"id"`
		Kind string `yaml:"kind"`
		Name string `yaml:"name"`
	}
	yamlClaim struct {
		ID      string `yaml:"id"`
		Speaker string `yaml:"speaker"`
		Text    string `yaml:"text"`
		Quote   string `yaml:"quote,omitempty"`
	}
	yamlRelation struct {
		ID   string `yaml:"id"`
		Kind string `yaml:"kind"`
		From string `yaml:"from"`
		To   string `yaml:"to"`
		By   string `yaml:"by,omitempty"`
	}
)

// WriteFolder writes an imported graph as an interview graph folder, dir/graph.yaml
// and dir/transcript.txt, which `graph build` turns into the same quads as the
// import, except the AIF node ids and locution times, which graph.yaml has no
// field for.
func WriteFolder(dir string, r *Result) error {
	data, err := MarshalGraph(r.Graph)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, interview.FileName), data, 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, TranscriptFile), []byte(r.Transcript), 0o644)
}

// MarshalGraph renders an imported graph as graph.yaml, its transcript named
// [TranscriptFile].
func MarshalGraph(g *interview.Graph) ([]byte, error) {
	y := yamlGraph{Source: yamlSource{
		ID: g.Source.ID, Title: g.Source.Title, Kind: g.Source.Kind, Language: g.Source.Language,
		Speakers: g.Source.Speakers, Transcript: TranscriptFile,
	}}
	for _, e := range g.Entities {
		y.Entities = append(y.Entities, yamlEntity{ID: e.ID, Kind: e.Kind, Name: e.Name})
	}
	for _, c := range g.Claims {
		y.Claims = append(y.Claims, yamlClaim{ID: c.ID, Speaker: c.Speaker, Text: c.Text, Quote: c.Quote})
	}
	for _, r := range g.Relations {
		y.Relations = append(y.Relations, yamlRelation{ID: r.ID, Kind: r.Kind, From: r.From, To: r.To, By: r.By})
	}
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "# Imported from %s by graph import aif.\n", filepath.ToSlash(g.File))
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(y); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
