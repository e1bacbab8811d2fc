package export

import (
	"errors"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func nodeIDs(m *Map) []string {
	var ids []string
	for _, n := range m.Nodes {
		ids = append(ids, n.ID)
	}
	return ids
}

func TestSelect(t *testing.T) {
	tests := []struct {
		name string
		sel  Selection
		want []string
	}{
		{"one source keeps its claims and the entities it names", Selection{Sources: []string{"debate-en"}},
			[]string{"alice", "bob", "claim/debate-en/race-to-the-top", "claim/debate-en/safety-is-marketing", "open-lab"}},
		{"kinds", Selection{Kinds: []string{"person", "group"}}, []string{"alice", "skeptics"}},
		{"focus at depth 0 is the node alone", Selection{Focus: "bob", Depth: 0}, []string{"bob"}},
		{"focus at depth 1 takes edges both ways", Selection{Focus: "<claim/debate-en/race-to-the-top>", Depth: 1},
			[]string{"alice", "bob", "claim/debate-en/race-to-the-top", "claim/debate-en/safety-is-marketing"}},
		{"an undercut reaches both ends of its target", Selection{Kinds: []string{"claim"}, Focus: "claim/talk-zh/no-diminishing-returns", Depth: 1},
			[]string{"claim/talk-zh/benchmarks-grow", "claim/talk-zh/diminishing-returns", "claim/talk-zh/impact-limited",
				"claim/talk-zh/no-continual-learning", "claim/talk-zh/no-diminishing-returns"}},
		{"about edges keep concepts", Selection{Kinds: []string{"concept"}, About: true}, nil},
		{"isolated entities kept on request", Selection{Kinds: []string{"concept"}, KeepIsolated: true}, []string{"safety", "scaling"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := NewMap(fixture()).Select(tt.sel)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, nodeIDs(m)); diff != "" {
				t.Errorf("nodes (-want +got):\n%s", diff)
			}
			for _, e := range m.Edges {
				to := e.To
				if e.Target != nil {
					if !slices.Contains(m.Edges, e.Target) {
						t.Errorf("edge %s %s keeps an undercut of a dropped relation", e.From, e.Kind)
					}
					to = e.Target.From
				}
				if m.Node(e.From) == nil || m.Node(to) == nil {
					t.Errorf("edge %s -%s-> %s has an end outside the selection", e.From, e.Kind, e.To)
				}
			}
		})
	}
}

func TestSelectEdges(t *testing.T) {
	m := NewMap(fixture())
	count := map[Category]int{}
	for _, e := range m.Edges {
		count[e.Category]++
	}
	want := map[Category]int{Argument: 8, Fact: 3, Asserts: 7, About: 3}
	if diff := cmp.Diff(want, count); diff != "" {
		t.Errorf("edges per category (-want +got):\n%s", diff)
	}
	sel, err := m.Select(Selection{})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range sel.Edges {
		if e.Category == About {
			t.Errorf("about edge %s -> %s kept without Selection.About", e.From, e.To)
		}
	}
}

func TestSelectErrors(t *testing.T) {
	tests := []struct {
		name    string
		sel     Selection
		is      error
		message string
	}{
		{"unknown source", Selection{Sources: []string{"talk-z"}}, ErrUnknownSource,
			`no source "talk-z" in the graph; did you mean "talk-zh"?`},
		{"unknown kind", Selection{Kinds: []string{"persons"}}, ErrUnknownKind,
			`no node kind "persons" in the graph; did you mean "person"?`},
		{"unknown focus", Selection{Focus: "alise"}, ErrUnknownFocus,
			`no focus "alise" in the graph; did you mean "alice"?`},
		{"focus outside the kinds", Selection{Focus: "alice", Kinds: []string{"claim"}}, ErrUnknownFocus,
			`unknown focus: "alice" is not in the selection (kind person)`},
		{"too many nodes", Selection{MaxNodes: 3}, ErrTooLarge,
			"the map has 13 nodes, more than the limit of 3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewMap(fixture()).Select(tt.sel)
			if !errors.Is(err, tt.is) {
				t.Fatalf("got %v, want %v", err, tt.is)
			}
			if err.Error() != tt.message {
				t.Errorf("message %q, want %q", err.Error(), tt.message)
			}
		})
	}
}
