package extract

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/graphbuilder/graph/internal/argument"
	"github.com/graphbuilder/graph/schema"
)

// A dialogue has one host: the speaker whose turns end in a question most
// often. A guest who asks rhetorical questions mid-turn and goes on to answer
// them is no host, and his statements stay claims.
func TestHostIsWhoHandsTheFloorOn(t *testing.T) {
	res := runDialogue(t, "en", people("Ruth", "Omar", "Kit"), []turn{
		{"ruth", "Tonight, the night buses. Omar, should they run all week?"},
		{"omar", "Who finishes a shift at ten? Nobody I know. Night shifts end after midnight every day of the week."},
		{"ruth", "Kit, can the city pay for that?"},
		{"kit", "The money would come out of the daytime routes that most riders use."},
		{"omar", "And the daytime routes? Half of them run empty after nine in the morning."},
		{"ruth", "Kit, is that fair?"},
		{"kit", "Those routes carry schoolchildren in the afternoon, every weekday."},
	})
	var omar []string
	for _, c := range res.Claims {
		if c.Speaker == "ruth" {
			t.Errorf("host's question taken as a claim: %q", c.Text)
		}
		if c.Speaker == "omar" {
			omar = append(omar, c.Text)
		}
	}
	want := []string{"Night shifts end after midnight every day of the week", "Half of them run empty after nine in the morning"}
	if diff := cmp.Diff(want, omar); diff != "" {
		t.Errorf("a guest asking rhetorical questions lost his claims (-want +got)\n%s", diff)
	}
}

func TestHostsOf(t *testing.T) {
	tests := []struct {
		name   string
		turns  []turn
		labels map[string]string // speaker -> turn label; the speaker's id when unset
		want   map[string]bool
	}{{
		name: "the one who closes turns with questions",
		turns: []turn{
			{"a", "Welcome. B, why now?"},
			{"b", "Why not? The rents doubled. Who can wait?"},
			{"a", "C, do you agree?"},
			{"c", "Partly, yes."},
			{"b", "Is that an answer? Rents doubled in two years."},
			{"a", "Last word, C?"},
		},
		want: map[string]bool{"a": true},
	}, {
		name: "of equals, the first to speak",
		turns: []turn{
			{"a", "Shall we start?"},
			{"b", "Is it time?"},
			{"a", "Ready?"},
			{"b", "Now?"},
		},
		want: map[string]bool{"a": true},
	}, {
		name: "Chinese question particles end a turn",
		turns: []turn{
			{"a", "欢迎两位。您怎么看呢"},
			{"b", "我觉得涨价太快了。"},
			{"a", "那您同意吗。"},
			{"b", "同意一半？其实不完全同意。"},
		},
		want: map[string]bool{"a": true},
	}, {
		name: "a label naming the role, over a guest who asks more",
		turns: []turn{
			{"a", "Welcome to the programme."},
			{"b", "Why wait? Who benefits? The rents doubled."},
			{"a", "C."},
			{"c", "Partly, yes."},
			{"b", "Is that an answer? Who pays?"},
		},
		labels: map[string]string{"a": "MODERATOR", "b": "B. ASKER", "c": "CHAIRS LTD"},
		want:   map[string]bool{"a": true},
	}, {
		name: "a Chinese label naming the role",
		turns: []turn{
			{"a", "谁来出钱？谁受益？"},
			{"b", "欢迎收听。"},
			{"a", "难道不是吗？"},
			{"b", "请继续。"},
		},
		labels: map[string]string{"a": "张伟", "b": "主持人李华"},
		want:   map[string]bool{"b": true},
	}, {
		name: "no one asks",
		turns: []turn{
			{"a", "It rained."},
			{"b", "It did."},
			{"a", "Yes."},
		},
		want: map[string]bool{},
	}}
	for _, tt := range tests {
		var txt string
		var turns []Turn
		for _, u := range tt.turns {
			start := len([]rune(txt))
			txt += u.text
			label := u.speaker
			if l, ok := tt.labels[u.speaker]; ok {
				label = l
			}
			turns = append(turns, Turn{Speaker: u.speaker, Label: label})
			turns[len(turns)-1].Span.Start, turns[len(turns)-1].Span.End = start, len([]rune(txt))
			txt += "\n"
		}
		if diff := cmp.Diff(tt.want, hostsOf(txt, turns, []string{"moderator", "chair", "主持人"})); diff != "" {
			t.Errorf("%s: hosts (-want +got)\n%s", tt.name, diff)
		}
	}
}

// A statement broken off by an interruption is no claim yet; the host's
// set-up statement is no claim even when a guest's reply answers it.
func TestCutOffAndHostStatementsAreNoClaims(t *testing.T) {
	res := runDialogue(t, "en", people("Ruth", "Omar", "Kit"), []turn{
		{"ruth", "The night buses were cut in the spring to save money for the daytime routes. Omar, should they come back?"},
		{"omar", "I don't agree that they saved any money, and —"},
		{"kit", "They saved four hundred thousand pounds a year."},
		{"omar", "The taxi vouchers for hospital staff cost more than that."},
		{"ruth", "Kit, is that so?"},
	})
	want := []gotClaim{
		{"kit", "They saved four hundred thousand pounds a year", "en.claim.turn", 0.5},
		{"omar", "The taxi vouchers for hospital staff cost more than that", "en.claim.turn", 0.5},
	}
	if diff := cmp.Diff(want, claimsOf(res)); diff != "" {
		t.Errorf("claims (-want +got)\n%s", diff)
	}
	if !cutOff("and so —") || !cutOff("可是——") || cutOff("It is a gift — to incumbents.") {
		t.Error("cutOff")
	}
}

// The builtin packs' hosts words reach the dialogue: a moderator labelled so is
// the host though a guest closes more turns with questions, so the moderator's
// set-up statements are no claims and the guest's statements are.
func TestLabelledModeratorIsTheHost(t *testing.T) {
	s := schema.Core()
	x, err := New(people("Ruth", "Omar"), builtinPacks(t), s)
	if err != nil {
		t.Fatal(err)
	}
	turns := []turn{
		{"ruth", "The night buses were cut in the spring."},
		{"omar", "Who finishes a shift at ten? Night shifts end after midnight. Who drives them home?"},
		{"ruth", "The council says the buses ran empty."},
		{"omar", "They ran empty because nobody knew the timetable. Who reads a leaflet?"},
	}
	labels := map[string]string{"ruth": "MODERATOR", "omar": "OMAR"}
	var b strings.Builder
	var ts []Turn
	for i, tu := range turns {
		if i > 0 {
			b.WriteString("\n")
		}
		start := utf8.RuneCountInString(b.String())
		b.WriteString(tu.text)
		ts = append(ts, Turn{Span: argument.Span{Start: start, End: utf8.RuneCountInString(b.String())}, Speaker: tu.speaker, Label: labels[tu.speaker]})
	}
	res := x.Run(b.String(), Options{Turns: ts})
	omar := 0
	for _, c := range res.Claims {
		switch c.Speaker {
		case "ruth":
			t.Errorf("the moderator's set-up taken as a claim: %q", c.Text)
		case "omar":
			omar++
		}
	}
	if omar < 2 {
		t.Errorf("the guest's statements: %d claims, want 2 or more: %v", omar, claimsOf(res))
	}
	// Without the label, the guest who closes his turns with questions is the host.
	for i := range ts {
		ts[i].Label = ""
	}
	if hosts := hostsOf(b.String(), ts, x.hostLabels); !hosts["omar"] {
		t.Errorf("without labels, hosts %v; want the guest who asks (so the label decides above)", hosts)
	}
}
