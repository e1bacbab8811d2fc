package pipeline

import (
	"testing"
)

// TestExtractReadsTurns: a transcript of speaker turns is extracted turn by turn,
// each turn's statements said by the entity its label names.
func TestExtractReadsTurns(t *testing.T) {
	loaded, err := Load([]string{"../../examples/ai-audits-2026"})
	if err != nil {
		t.Fatal(err)
	}
	if len(loaded.Graphs) != 1 {
		t.Fatalf("loaded %d graphs", len(loaded.Graphs))
	}
	g := loaded.Graphs[0]
	turns := Turns(g, g.Transcript)
	if len(turns) != len(g.Utterances.Utterances) || len(turns) == 0 {
		t.Fatalf("%d turns for %d utterances", len(turns), len(g.Utterances.Utterances))
	}
	for i, tu := range turns {
		if tu.Speaker == "" {
			t.Errorf("turn %d (%q) has no speaker", i, g.Utterances.Utterances[i].Label)
		}
	}
	if Turns(g, "another text") != nil {
		t.Error("turns given for a text that is not the transcript")
	}
	res, _, err := Extract(g, g.Transcript, RuleOptions{})
	if err != nil {
		t.Fatal(err)
	}
	by := map[string]int{}
	for _, c := range res.Claims {
		by[c.Speaker]++
	}
	for _, who := range []string{"mara-lindqvist", "tomas-ortiz", "lena-hart"} {
		if by[who] == 0 {
			t.Errorf("no claims of %s; claims by speaker: %v", who, by)
		}
	}
}
