package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/graphbuilder/graph/internal/extract/finding"
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

// TestExtractFileIsExtract: a file read a piece at a time finds what its text
// finds with Extract: a file holding the graph's transcript (turns and all),
// and another text of the same length (read without them).
func TestExtractFileIsExtract(t *testing.T) {
	loaded, err := Load([]string{"../../examples/ai-audits-2026"})
	if err != nil {
		t.Fatal(err)
	}
	g := loaded.Graphs[0]
	dir := t.TempDir()
	own, other := filepath.Join(dir, "own.txt"), filepath.Join(dir, "other.txt")
	if err := os.WriteFile(own, []byte(g.Transcript), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(other, []byte(strings.Replace(g.Transcript, "a", "b", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, file string
		turns      bool
	}{{"own transcript", own, true}, {"another text", other, false}} {
		t.Run(tt.name, func(t *testing.T) {
			data, err := os.ReadFile(tt.file)
			if err != nil {
				t.Fatal(err)
			}
			if got := Turns(g, string(data)) != nil; got != tt.turns {
				t.Fatalf("turns read: %v, want %v", got, tt.turns)
			}
			want, _, err := Extract(g, string(data), RuleOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if len(want.Mentions) == 0 {
				t.Fatal("nothing found")
			}
			var found finding.Result
			got, _, err := ExtractFile(g, tt.file, RuleOptions{}, func(piece *finding.Result) {
				found.Mentions = append(found.Mentions, piece.Mentions...)
				found.Names = append(found.Names, piece.Names...)
			})
			if err != nil {
				t.Fatal(err)
			}
			got.Mentions, got.Names = found.Normalize().Mentions, found.Names
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-Extract +ExtractFile)\n%s", diff)
			}
		})
	}
}
