package rules

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/graphbuilder/graph/schema"
)

func TestParseDialogueFields(t *testing.T) {
	p, ds := Parse("p.yaml", []byte(`pack: p
self: [I, we]
addressee: [you]
fillers: [thanks]
rules:
  - id: reply
    kind: claim
    dialogue: true
    claim: sentence
    pattern: "^{speaker:self} agree"
    confidence: 0.6
    links: [{relation: supports, to: reply}, {relation: supports, to: previous}]
  - id: turn
    kind: claim
    dialogue: true
    fallback: true
    claim: sentence
    pattern: "^[^?]+$"
    confidence: 0.5
`), schema.Core())
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	got := []any{p.Self, p.Addressee, p.Fillers, p.Rules[0].Dialogue, p.Rules[0].Fallback, p.Rules[1].Fallback, p.Rules[0].Links[0].To, p.Rules[0].Slots["speaker"]}
	want := []any{[]string{"I", "we"}, []string{"you"}, []string{"thanks"}, true, false, true, LinkReply, []string{SlotSelf}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}

func TestParseDialogueMistakes(t *testing.T) {
	_, ds := Parse("p.yaml", []byte(`pack: p
rules:
  - id: a
    kind: relation
    relation: rebuts
    fallback: true
    pattern: "{agent} rejects {target}"
    confidence: 0.5
  - id: b
    kind: claim
    dialogue: maybe
    pattern: "{speaker:selff} think {claim}"
    confidence: 0.5
    links: [{relation: supports, to: next}]
  - id: c
    kind: mention
    entity_kind: person
    marker: true
    pattern: "{name}"
    confidence: 0.5
`), schema.Core())
	got := ds.Error()
	for _, want := range []string{
		`p.yaml:6:15: only claim rules can be fallbacks`,
		`p.yaml:11:15: dialogue must be true or false`,
		`slot {speaker} names unknown kind "selff"`,
		`link to "next": use critique, main, previous or reply`,
		`p.yaml:18:13: only claim rules can be reply markers`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
}
