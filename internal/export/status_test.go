package export

import (
	"bytes"
	"strings"
	"testing"
)

// TestDOTStatus checks that a status map colours the claims it names and adds
// their colours to the legend, and that an empty one changes nothing.
func TestDOTStatus(t *testing.T) {
	m := mustSelect(t, fixture(), Selection{})
	var plain, empty, coloured bytes.Buffer
	if err := WriteDOT(&plain, m, DOTOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := WriteDOT(&empty, m, DOTOptions{Status: map[string]string{}}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(plain.Bytes(), empty.Bytes()) {
		t.Error("an empty status map changed the map")
	}
	status := map[string]string{
		"claim/talk-zh/no-diminishing-returns": "in",
		"claim/talk-zh/diminishing-returns":    "out",
	}
	if err := WriteDOT(&coloured, m, DOTOptions{Status: status}); err != nil {
		t.Fatal(err)
	}
	out := coloured.String()
	for _, want := range []string{
		`"claim/talk-zh/diminishing-returns" [id="claim/talk-zh/diminishing-returns" label=`,
		`"legend/claim in" [label="claim in"`,
		`"legend/claim out" [label="claim out" shape=box style="rounded,filled,dashed" fillcolor="#fee2e2"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in the map", want)
		}
	}
	if strings.Contains(out, "legend/claim undecided") {
		t.Error("the legend shows a status no claim has")
	}
	for _, line := range strings.Split(out, "\n") {
		if strings.Contains(line, `[id="claim/talk-zh/diminishing-returns"`) && !strings.Contains(line, `fillcolor="#fee2e2" color="#b91c1c"`) {
			t.Errorf("the claim out is not drawn red: %s", line)
		}
		if strings.Contains(line, `[id="claim/talk-zh/benchmarks-grow"`) && !strings.Contains(line, `fillcolor="#fffdf5"`) {
			t.Errorf("a claim without status changed its look: %s", line)
		}
	}
}
