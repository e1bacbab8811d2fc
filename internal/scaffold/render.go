package scaffold

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/graphbuilder/graph/internal/interview"
	"github.com/graphbuilder/graph/internal/transcript"
	"github.com/graphbuilder/graph/schema"
)

// SchemaURL is the JSON Schema of graph.yaml that editors fetch from the modeline
// of every graph init writes.
const SchemaURL = "https://raw.githubusercontent.com/graphbuilder/graph/main/schema/json/graph.schema.json"

// render writes the graph.yaml: every key a person fills in first, with a comment
// saying what it takes, and the optional ones commented out.
func render(opts Options, res *Result, transcriptName string) string {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	core := schema.Core()
	w("# yaml-language-server: $schema=%s\n", SchemaURL)
	w("#\n# An interview graph, started by graph init. Fill it in, then check it with\n")
	w("# graph validate; docs/format.md describes every key.\n\n")

	w("source:\n")
	w("  id: %s\n", scalar(opts.ID))
	w("  title: %s  # the source's full title\n", scalar(opts.Title))
	w("  kind: %s  # %s\n", scalar(opts.Kind), strings.Join(interview.SourceKinds, ", "))
	w("  language: %s\n", scalar(res.Language))
	w("  # date: 2006-01-02  # when it was published or recorded, YYYY-MM-DD\n")
	w("  # url: https://example.org/where-it-is-published\n")
	w("  # author: ENTITY-ID  # who wrote it, for an article\n")
	w("  transcript: %s\n", scalar(transcriptName))
	if opts.From == "" {
		w("  # %s holds one line to replace with the transcript.\n", transcriptName)
	} else {
		w("  # Read as %s (%s); transcript_format: %s would force it.\n", res.Format, describeFormat(res.Format), res.Format)
	}
	if len(res.Speakers) > 0 {
		w("  # The transcript's speaker labels, each mapped to the entity who speaks.\n")
		w("  speakers:\n")
		for _, s := range res.Speakers {
			for _, l := range s.Labels {
				w("    %s: %s\n", scalar(l), s.ID)
			}
		}
	} else {
		w("  # speakers: [ENTITY-ID, ...]  # who speaks in the source\n")
	}
	w("\n# Shared catalogs of entities, relative to this file:\n")
	w("# include: [../catalog/people.yaml]\n\n")

	w("# Entities: %s. Ids are global:\n", strings.Join(core.NodeNames(true), ", "))
	w("# the same id in two graphs is the same node.\n")
	if len(res.Speakers) == 0 && len(res.Candidates) == 0 {
		w("entities: []\n")
	} else {
		w("entities:\n")
	}
	if len(res.Speakers) > 0 {
		w("  # The speakers, one per label: give each their full name, kind and aliases.\n")
		for _, s := range res.Speakers {
			w("  - id: %s\n    kind: person\n    name: %s\n", s.ID, scalar(s.Name))
		}
	}
	if len(res.Candidates) > 0 {
		w("  # Names the extraction rules found in the transcript: keep those that are\n")
		w("  # entities, with the right kind, and delete the others.\n")
		for _, c := range res.Candidates {
			w("  - id: %s\n    kind: %s  # found by rule %s\n    name: %s\n", c.ID, c.Kind, c.Rule, scalar(c.Name))
		}
	}

	speaker := "SPEAKER-ID"
	if len(res.Speakers) > 0 {
		speaker = res.Speakers[0].ID
	}
	w("\n# Claims: propositions stated in the source, each by a speaker. A quote is\n")
	w("# a span of the transcript, word for word. For example:\n")
	w("#   - id: scaling-continues\n")
	w("#     speaker: %s\n", speaker)
	w("#     text: Scaling keeps improving the models.\n")
	w("#     quote: the words exactly as in the transcript\n")
	w("#     about: [ENTITY-ID]\n")
	w("claims: []\n")
	w("\n# Relations: argument edges from claims or entities to claims or entities,\n")
	w("# of the kinds %s. For example:\n", strings.Join(core.EdgeNames(schema.Argument), ", "))
	w("#   - kind: rebuts\n#     from: CLAIM-ID\n#     to: OTHER-CLAIM-ID\n")
	w("relations: []\n")
	return b.String()
}

func describeFormat(f transcript.Format) string {
	switch f {
	case transcript.Turns:
		return "speaker turns"
	case transcript.WebVTT:
		return "WebVTT captions"
	case transcript.SRT:
		return "SubRip captions"
	case transcript.Whisper:
		return "whisper JSON"
	}
	return "prose"
}

// scalar writes s as a YAML scalar, quoted only when it must be.
func scalar(s string) string {
	out, err := yaml.Marshal(s)
	if err != nil || strings.Count(string(out), "\n") > 1 {
		return fmt.Sprintf("%q", s)
	}
	return strings.TrimSuffix(string(out), "\n")
}
