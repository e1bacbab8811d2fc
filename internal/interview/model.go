package interview

import (
	"github.com/graphbuilder/graph/internal/argument"
	"github.com/graphbuilder/graph/internal/diag"
	"github.com/graphbuilder/graph/internal/entities"
)

// FileName is the name of an interview graph file inside its folder.
const FileName = "graph.yaml"

// Source is an interview, article or debate: the metadata of one interview graph.
type Source struct {
	ID       string
	Title    string
	Kind     string
	Language string
	Date     string
	URL      string
	Author   string
	Speakers []string
	// Transcript is the transcript's path as written, relative to the graph file.
	Transcript string

	At diag.Range
}

// Catalog is a shared file of entities that interview graphs include.
type Catalog struct {
	ID       string
	File     string
	Entities []entities.Entity
}

// Graph is one loaded and validated interview graph.
type Graph struct {
	// File is the graph.yaml path as given (relative paths stay relative).
	File   string
	Source Source
	// Transcript is the transcript's full text and TranscriptSHA256 its hex digest.
	Transcript       string
	TranscriptSHA256 string
	Entities         []entities.Entity
	Catalogs         []*Catalog
	Claims           []argument.Claim
	Relations        []argument.Relation
	// Rules are the graph's extraction rule packs: builtin:NAME or file paths
	// (resolved against the graph's folder).
	Rules []string
}

// SourceKinds are the kinds of source a graph may describe.
var SourceKinds = []string{"article", "debate", "interview", "podcast", "post", "speech", "talk"}
