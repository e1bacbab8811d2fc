package rules

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/graphbuilder/graph/internal/diag"
	"github.com/graphbuilder/graph/schema"
)

// A rule's cues are what the searched text of every sentence it matches holds
// one of: literals as written where the pattern heeds case, folded where it
// ignores it, and joined across the blanks between them.
func TestCues(t *testing.T) {
	s := schema.Core()
	// mark is what a mention of the kind is in the searched text (see tokenMark).
	mark := func(kind string) string {
		if kind == SlotPronoun {
			return string(tokenMark(rune(TokenBase + PronounBlock(s)*TokenBlock)))
		}
		return string(tokenMark(rune(TokenBase + KindIndex(s, kind)*TokenBlock)))
	}
	person, group, pronoun := mark("person"), mark("group"), mark(SlotPronoun)
	tests := []struct {
		pattern string
		want    []string
	}{
		{"{agent:person} ...(批评|抨击)(了)? {target:group}", []string{"批评" + group, "批评了" + group, "抨击" + group, "抨击了" + group}},
		{"{speaker} ...\\b(said|says)\\b {claim}", []string{"said", "says"}},
		{"(?i)(^|\\b)(Critics|some) argue {claim}", []string{"CRITICSARGUE", "SOMEARGUE"}},
		{"{agent:person} took aim at {target:group}", []string{person + "tookaimat" + group}},
		{"(?i)(some|{speaker:group|pronoun}) (have )?said {claim}", []string{group + "HAVESAID", group + "SAID", pronoun + "HAVESAID", pronoun + "SAID", "SOMEHAVESAID", "SOMESAID"}},
		{"{speaker:person} {claim}", []string{person}},
		{"{claim}", nil},
		// What a part starts with joins the run before it: a comma before
		// any of the verbs.
		{"{speaker:person}, [^,]{3,60}, (?:(?:said|says)(?:,| that)?|told [^,]{1,30}? that) {claim}", []string{",said", ",says", ",told"}},
		{"(?i)x(de|fg[^x]{2,}) {claim}", []string{"XDE", "XFG"}},
	}
	for _, tt := range tests {
		r := &Rule{Kind: KindClaim, Pattern: tt.pattern}
		if strings.Contains(tt.pattern, "{target") {
			r.Kind = KindRelation
		}
		if ds := r.compile(diag.Range{}, s); ds.HasErrors() {
			t.Fatalf("%s: %v", tt.pattern, ds)
		}
		got := append([]string(nil), r.Cues...)
		slices.Sort(got)
		want := slices.Sorted(slices.Values(tt.want))
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s cues (-want +got)\n%s", tt.pattern, diff)
		}
	}
	// Too many to list whole (16*16*16*2 strings), the cues are the last
	// parts in a row that are few enough.
	r := &Rule{Kind: KindClaim, Pattern: "[a-p][a-p][a-p]x(y|z) {claim}"}
	if ds := r.compile(diag.Range{}, s); ds.HasErrors() {
		t.Fatal(ds)
	}
	if len(r.Cues) != 16*16*2 || !slices.Contains(r.Cues, "apxz") || slices.ContainsFunc(r.Cues, func(c string) bool { return len(c) != 4 }) {
		t.Errorf("[a-p][a-p][a-p]x(y|z): %d cues, %q ...", len(r.Cues), r.Cues[:min(4, len(r.Cues))])
	}
}

func TestParseReportsEveryProblem(t *testing.T) {
	data := []byte(`pack: p
pronouns: [he]
rules:
  - id: a
    kind: claim
    pattern: "{claim"
    confidence: 0.5
  - id: b
    kind: relation
    pattern: "{agent} hits {target}"
    confidence: 0.5
  - id: c
    kind: claim
    pattern: "{speaker} says {claim}"
    confidence: 0.5
    links: [{relation: undercuts, to: main}]
`)
	_, ds := Parse("p.yaml", data, schema.Core())
	got := ds.Error()
	for _, want := range []string{
		`p.yaml:6:14: a claim rule needs a {claim} slot`,
		`p.yaml:8:9: relation rule "b" needs a relation kind`,
		`p.yaml:16:24: link relation "undercuts" must be an argument kind that joins claims`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
}

// The shapes of a new name: {name} any run of capitalised words, {name:latin}
// one with a lower-case letter, {name:han} Chinese characters not starting with
// a numeral or pronoun, {name:han_person} a surname and one or two characters.
func TestNameShapes(t *testing.T) {
	tests := []struct {
		pattern, text, want string
	}{
		{"met {name}", "met Grace Hopper", "Grace Hopper"},
		{"met {name}", "met AI", "AI"},
		{"met {name:latin}", "met OpenAI today", "OpenAI"},
		{"met {name:latin}", "met AI today", ""},
		{"{name:latin}", "Dario同样批评", "Dario"},
		{"met {name}", "met O'Neil-Smith.", "O'Neil-Smith"},
		{"「{name:han}」", "「辉瑞」", "辉瑞"},
		{"「{name:han}」", "「一家」", ""},
		{"{name:han_person}说", "张伟说", "张伟"},
		{"{name:han_person}说", "大家说", ""},
	}
	s := schema.Core()
	for _, tt := range tests {
		r := &Rule{Kind: KindMention, Pattern: tt.pattern}
		if ds := r.compile(diag.Range{}, s); ds.HasErrors() {
			t.Fatalf("%s: %v", tt.pattern, ds)
		}
		got := ""
		if m := r.Re.FindStringSubmatch(tt.text); m != nil {
			got = m[r.Re.SubexpIndex("name")]
		}
		if got != tt.want {
			t.Errorf("%s on %q: name %q, want %q", tt.pattern, tt.text, got, tt.want)
		}
	}
	r := &Rule{Kind: KindMention, Pattern: "{name:hanzi}"}
	if ds := r.compile(diag.Range{}, s); !ds.HasErrors() {
		t.Errorf("{name:hanzi} compiled")
	}
}

// A rule without cue words may still need a class of runes: a new Latin name
// needs a capital letter, so sentences without one are not searched.
func TestRequiredClass(t *testing.T) {
	s := schema.Core()
	has := func(ranges []rune, c rune) bool {
		for i := 0; i+1 < len(ranges); i += 2 {
			if ranges[i] <= c && c <= ranges[i+1] {
				return true
			}
		}
		return false
	}
	r := &Rule{Kind: KindMention, Pattern: "{name:latin}"}
	if ds := r.compile(diag.Range{}, s); ds.HasErrors() {
		t.Fatal(ds)
	}
	if r.Cues != nil || !has(r.Needs, 'W') || !has(r.Needs, 'É') || has(r.Needs, 'w') || has(r.Needs, '最') {
		t.Errorf("{name:latin}: cues %q, needs %q", r.Cues, string(r.Needs))
	}
	for _, p := range []string{"(?i)[a-z]+ {name}", "{speaker} said {claim}"} {
		r := &Rule{Kind: KindMention, Pattern: p}
		if strings.Contains(p, "{claim}") {
			r.Kind = KindClaim
		}
		if ds := r.compile(diag.Range{}, s); ds.HasErrors() {
			t.Fatal(ds)
		}
		if r.Needs != nil {
			t.Errorf("%s: needs %q", p, string(r.Needs))
		}
	}
}
