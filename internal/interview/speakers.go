package interview

import (
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/graphbuilder/graph/internal/diag"
	"github.com/graphbuilder/graph/internal/entities"
	"github.com/graphbuilder/graph/internal/yamlpos"
)

// decodeSpeakers reads source.speakers: a list of entity ids, or a mapping from the
// transcript's speaker labels to entity ids.
//
//	speakers: [lena-hart, mara-lindqvist]
//	speakers:
//	  HOST: lena-hart
//	  SPEAKER_00: mara-lindqvist
func decodeSpeakers(file string, n *yaml.Node, s *Source) diag.Diagnostics {
	if n.Kind != yaml.MappingNode {
		vals, _, ds := yamlpos.StringList(file, n, "speakers")
		s.Speakers = vals
		return ds
	}
	var ds diag.Diagnostics
	seen := map[string]diag.Range{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		label, d := yamlpos.String(file, k, "a speaker label")
		if d != nil {
			ds = append(ds, d)
			continue
		}
		at := yamlpos.At(file, k)
		if prev, dup := seen[label]; dup {
			ds = append(ds, diag.Errorf(at, "speaker label %q is mapped twice (first at %s)", label, prev.Location()))
			continue
		}
		seen[label] = at
		id, d := yamlpos.String(file, v, fmt.Sprintf("the speaker of label %q", label))
		if d != nil {
			ds = append(ds, d)
			continue
		}
		s.Labels = append(s.Labels, SpeakerLabel{Label: label, ID: id, At: at})
		if !slices.Contains(s.Speakers, id) {
			s.Speakers = append(s.Speakers, id)
		}
	}
	return ds
}

// ResolveLabels ties the transcript's speaker labels to speakers: a label written
// under speakers: must occur in the transcript (or it is a mistake, with a did you
// mean); a label not written there is matched to a speaker, then to any entity of
// the graph, whose name or alias is the label once folded (MARA LINDQVIST is Mara
// Lindqvist). Labels that stay unmatched are a warning: their turns have no
// speaker.
func (g *Graph) ResolveLabels() diag.Diagnostics {
	t := g.Utterances
	if t == nil {
		return nil
	}
	labels := t.Labels()
	var ds diag.Diagnostics
	mapped := map[string]bool{}
	for _, l := range g.Source.Labels {
		mapped[l.Label] = true
		if slices.Contains(labels, l.Label) {
			continue
		}
		if len(labels) == 0 {
			ds = append(ds, diag.Errorf(l.At, "speaker label %q: the transcript %s has no speaker labels (read as %s)", l.Label, g.Source.Transcript, t.Format))
			continue
		}
		d := diag.Errorf(l.At, "speaker label %q does not occur in the transcript %s", l.Label, g.Source.Transcript)
		// The label meant is one that no other key maps.
		var free []string
		for _, t := range labels {
			if !slices.ContainsFunc(g.Source.Labels, func(o SpeakerLabel) bool { return o.Label == t }) {
				free = append(free, t)
			}
		}
		if sug := diag.Suggest(l.Label, free); sug != "" {
			d.WithHint("did you mean %q?", sug)
		} else {
			d.WithHint("its labels: %s", strings.Join(labels, ", "))
		}
		ds = append(ds, d)
	}
	// Unmapped labels are matched by name: the speakers' names first, then, only for
	// labels still unmatched, every entity's (a catalog may hold thousands).
	var pending []string
	for _, label := range labels {
		if !mapped[label] {
			pending = append(pending, label)
		}
	}
	ents := g.AllEntities()
	var unmatched []string
	for pass := 0; pass < 2 && len(pending) > 0; pass++ {
		want := map[string][]string{} // folded label -> labels
		for _, label := range pending {
			f := entities.Fold(label)
			want[f] = append(want[f], label)
		}
		for _, e := range ents {
			if pass == 0 && !slices.Contains(g.Source.Speakers, e.ID) {
				continue
			}
			for _, name := range append([]string{e.Name}, e.Aliases...) {
				f := entities.Fold(name)
				for _, label := range want[f] {
					g.Source.Labels = append(g.Source.Labels, SpeakerLabel{Label: label, ID: e.ID, Found: true, At: g.Source.At})
					if !slices.Contains(g.Source.Speakers, e.ID) {
						g.Source.Speakers = append(g.Source.Speakers, e.ID)
					}
				}
				delete(want, f)
			}
		}
		pending = pending[:0]
		for _, ls := range want {
			pending = append(pending, ls...)
		}
	}
	for _, label := range labels {
		if slices.Contains(pending, label) {
			unmatched = append(unmatched, label)
		}
	}
	if len(unmatched) > 0 {
		d := diag.Errorf(g.Source.At, "the transcript's speaker labels %s name no speaker; their turns are left without one", quoteAll(unmatched))
		d.Severity = diag.Warning
		d.WithHint("map them under speakers:, e.g. %q: ENTITY-ID", unmatched[0])
		ds = append(ds, d)
	}
	return ds
}

func quoteAll(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}
