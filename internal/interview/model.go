package interview

import (
	"github.com/graphbuilder/graph/internal/argument"
	"github.com/graphbuilder/graph/internal/diag"
	"github.com/graphbuilder/graph/internal/entities"
	"github.com/graphbuilder/graph/internal/extract/rules"
	"github.com/graphbuilder/graph/internal/transcript"
	"github.com/graphbuilder/graph/schema"
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
	// Speakers are the entity ids of the source's speakers, in the order written.
	Speakers []string
	// Labels map the speaker labels of the transcript's turns or cues ("HOST",
	// "SPEAKER_00") to speaker ids, as written under speakers: or found by name.
	Labels []SpeakerLabel
	// Transcript is the transcript's path as written, relative to the graph file.
	Transcript string
	// TranscriptFormat is the format the graph forces with transcript_format:, or
	// "" when it is detected from the file.
	TranscriptFormat transcript.Format

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
	// Transcript is the transcript's normalized text, which every offset refers to
	// (for prose, the file's text as it is), and TranscriptSHA256 the hex digest of
	// the file.
	Transcript       string
	TranscriptSHA256 string
	// Utterances is the transcript read into utterances; its Text is Transcript.
	Utterances *transcript.Transcript
	Entities   []entities.Entity
	Catalogs   []*Catalog
	Claims     []argument.Claim
	Relations  []argument.Relation
	// Rules are the graph's extraction rule packs: builtin:NAME or file paths
	// (resolved against the graph's folder); Packs are those packs as the loader
	// read and checked them, in the same order.
	Rules []string
	Packs []*rules.Pack
	// Schema is the schema the graph was checked against: the core schema with the
	// graph's own schema files.
	Schema *schema.Schema

	// broken are the ids of definitions that did not decode.
	broken []brokenID
}

// SpeakerLabel maps a transcript's speaker label to an entity id.
type SpeakerLabel struct {
	Label, ID string
	// Found is true when the label was matched to the entity by its name rather
	// than written under speakers:.
	Found bool
	At    diag.Range
}

// SpeakerOf returns the entity id that speaks under label, or "".
func (g *Graph) SpeakerOf(label string) string {
	for _, l := range g.Source.Labels {
		if l.Label == label {
			return l.ID
		}
	}
	return ""
}

// SourceKinds are the kinds of source a graph may describe.
var SourceKinds = []string{"article", "debate", "interview", "podcast", "post", "speech", "talk"}
