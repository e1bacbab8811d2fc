package semantics

import (
	"testing"
)

// TestMapByHand checks the bipolar reading on small graphs whose labels follow
// from the rules written in [Map].
func TestMapByHand(t *testing.T) {
	tests := []struct {
		name   string
		claims []string
		rels   []Relation
		want   map[string]Label // grounded labels of claims and relations
	}{
		{"rebuttal", []string{"a", "b"},
			[]Relation{{"r1", "rebuts", "a", "b"}},
			map[string]Label{"a": In, "b": Out}},
		{"criticism between claims", []string{"a", "b"},
			[]Relation{{"r1", "criticizes", "a", "b"}},
			map[string]Label{"a": In, "b": Out}},
		{"attacked premise", []string{"p", "c", "x"},
			[]Relation{{"s", "supports", "p", "c"}, {"r", "rebuts", "x", "p"}},
			map[string]Label{"p": Out, "s": Out, "c": In, "x": In}},
		{"rebutted conclusion", []string{"p", "c", "x"},
			[]Relation{{"s", "supports", "p", "c"}, {"r", "rebuts", "x", "c"}},
			map[string]Label{"p": In, "s": Out, "c": Out}},
		{"undercut support", []string{"p", "c", "u"},
			[]Relation{{"s", "supports", "p", "c"}, {"x", "undercuts", "u", "s"}},
			map[string]Label{"p": In, "c": In, "s": Out, "u": In}},
		{"undercut rebuttal", []string{"a", "b", "u"},
			[]Relation{{"r", "rebuts", "a", "b"}, {"x", "undercuts", "u", "r"}},
			map[string]Label{"a": In, "b": In, "r": Out, "u": In}},
		{"undercut rebuttal whose source falls", []string{"a", "b", "z"},
			// z rebuts a, and a's rebuttal of b is an argument (undercut by b):
			// a is out, so its rebuttal is too, and b stands.
			[]Relation{{"r", "rebuts", "a", "b"}, {"q", "rebuts", "z", "a"}, {"x", "undercuts", "b", "r"}},
			map[string]Label{"z": In, "a": Out, "r": Out, "b": In}},
		{"mutual rebuttal", []string{"a", "b", "p"},
			[]Relation{{"r1", "rebuts", "a", "b"}, {"r2", "rebuts", "b", "a"}, {"s", "supports", "p", "a"}},
			map[string]Label{"a": Undecided, "b": Undecided, "s": Undecided, "p": In}},
		{"reinstatement", []string{"a", "b", "c"},
			[]Relation{{"r1", "rebuts", "b", "a"}, {"r2", "rebuts", "c", "b"}},
			map[string]Label{"a": In, "b": Out, "c": In}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := Map(tt.claims, tt.rels)
			g := Grounded(b.Framework)
			for id, want := range tt.want {
				a, ok := b.Lookup(id)
				if !ok {
					t.Fatalf("%s is no argument", id)
				}
				if g.Labels[a] != want {
					t.Errorf("%s is %v, want %v", id, g.Labels[a], want)
				}
			}
		})
	}
}

func TestMapSkips(t *testing.T) {
	b := Map([]string{"a", "b"}, []Relation{
		{"r1", "criticizes", "dario-amodei", "a"},
		{"r2", "criticizes", "a", "openai"},
		{"r3", "rephrases", "a", "b"},
		{"r4", "rebuts", "a", "elsewhere"},
		{"r5", "undercuts", "a", "r3"},
		{"r6", "undercuts", "a", "r7"},
		{"r7", "undercuts", "b", "r6"},
		{"r8", "rebuts", "a", "b"},
		{"r9", "endorses", "a", "anthropic"},
	})
	if len(b.Skipped) != 8 {
		t.Fatalf("skipped %d relations, want 8: %+v", len(b.Skipped), b.Skipped)
	}
	if b.Framework.Len() != 2 || b.Framework.Attacks() != 1 {
		t.Errorf("framework has %d arguments and %d attacks, want 2 and 1", b.Framework.Len(), b.Framework.Attacks())
	}
}

// TestMapOrder checks that the framework does not depend on the order of its
// input.
func TestMapOrder(t *testing.T) {
	claims := []string{"c", "a", "b", "p"}
	rels := []Relation{{"s", "supports", "p", "a"}, {"r1", "rebuts", "b", "a"}, {"r2", "rebuts", "c", "b"}, {"x", "undercuts", "c", "s"}}
	one := Map(claims, rels)
	rev := []Relation{rels[3], rels[2], rels[1], rels[0]}
	two := Map([]string{"p", "b", "a", "c"}, rev)
	if len(one.Edges) != len(two.Edges) {
		t.Fatalf("%d edges, then %d", len(one.Edges), len(two.Edges))
	}
	for i := range one.Edges {
		if one.Edges[i] != two.Edges[i] {
			t.Errorf("edge %d: %+v, then %+v", i, one.Edges[i], two.Edges[i])
		}
	}
}
