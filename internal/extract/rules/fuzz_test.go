package rules

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/graphbuilder/graph/schema"
)

// FuzzParse feeds arbitrary rule pack files to the parser: it must not panic,
// every diagnostic must name the file, and a pack it accepts must have rules
// that compiled.
func FuzzParse(f *testing.F) {
	// Small seeds: the fuzzer mutates a few rules faster than whole packs, whose
	// examples TestBuiltinPackExamples checks.
	f.Add([]byte("pack: p\nrules:\n  - id: a\n    kind: claim\n    pattern: \"{speaker} says {claim}\"\n    confidence: 0.5\n"))
	f.Add([]byte("pack: p\npronouns: [he]\nfeminine: [she]\nrules: []\n"))
	f.Add([]byte("pack: [\n"))
	f.Add([]byte("pack: q\nlanguage: zh\nrules:\n  - id: q.say\n    kind: claim\n    pattern: \"{speaker}[^，,]{0,8}?说[，,]? {claim}\"\n    confidence: 0.7\n    links: [{relation: rebuts, to: critique}]\n    examples:\n      - text: 王说，好。\n        entities: {王: person}\n        want: [{speaker: 王, claim: 好}]\n  - id: q.name\n    kind: mention\n    entity_kind: person\n    pattern: \"{name:han_person}说\"\n    confidence: 0.5\n"))
	s := schema.Core()
	f.Fuzz(func(t *testing.T, data []byte) {
		p, ds := Parse("p.yaml", data, s)
		for _, d := range ds {
			if !strings.HasPrefix(d.Error(), "p.yaml") {
				t.Fatalf("diagnostic without the file: %q", d.Error())
			}
		}
		if ds.HasErrors() {
			return
		}
		for _, r := range p.Rules {
			if r.Re == nil {
				t.Fatalf("rule %s accepted without a compiled pattern", r.ID)
			}
		}
	})
}

// FuzzSearched checks that Searched, fed a text's runes one at a time, makes
// of the text what foldRune and bareRune say, rune by rune: the text folded,
// then, unless it is the same, a zero byte and the text bared.
func FuzzSearched(f *testing.F) {
	f.Add("Dario 认为 AI\t会 ａｃｃｅｌｅｒａｔｅ. Σίσυφος ǅ \U000F0000\U000F1234 said")
	f.Add("中文没有大小写")
	var s Searched
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		s.Reset()
		var folded, bared []byte
		for _, r := range text {
			s.Add(r)
			if f, ok := foldRune(r); ok {
				folded = utf8.AppendRune(folded, f)
			}
			if b, ok := bareRune(r); ok {
				bared = utf8.AppendRune(bared, b)
			}
		}
		want := folded
		if !bytes.Equal(folded, bared) {
			want = append(append(folded, 0), bared...)
		}
		if got := s.Bytes(); !bytes.Equal(got, want) {
			t.Fatalf("%q: Searched %q, rune by rune %q", text, got, want)
		}
	})
}
