package extract

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/graphbuilder/graph/internal/argument"
	"github.com/graphbuilder/graph/internal/entities"
	"github.com/graphbuilder/graph/internal/extract/finding"
	"github.com/graphbuilder/graph/internal/extract/rules"
	"github.com/graphbuilder/graph/internal/extract/text"
	"github.com/graphbuilder/graph/internal/interview"
	"github.com/graphbuilder/graph/schema"
)

// applies is what the cue index must agree with: a rule applies to a sentence
// when one of its cues is in it (as searched), or it has no cues and the sentence (as
// written) has a rune its Needs allow, or it has neither; but a rule of a
// Chinese pack only when the sentence holds a Han character, and a rule with a
// pair only when the sentence holds it.
func applies(cues []string, r *rules.Rule, written string) bool {
	if r.Han && !strings.ContainsFunc(written, func(c rune) bool { return unicode.Is(unicode.Han, c) }) {
		return false
	}
	if r.Pair != nil && !holdsPair(r.Pair, written) {
		return false
	}
	if cues == nil {
		if r.Needs == nil {
			return true
		}
		for _, c := range written {
			for i := 0; i+1 < len(r.Needs); i += 2 {
				if r.Needs[i] <= c && c <= r.Needs[i+1] {
					return true
				}
			}
		}
		return false
	}
	s := string(searched(written))
	for _, c := range cues {
		if strings.Contains(s, c) {
			return true
		}
	}
	return false
}

// searched is s as the cues of a sentence are looked for in it (see
// [rules.Searched]).
func searched(s string) []byte {
	var sr rules.Searched
	for _, r := range s {
		sr.Add(r)
	}
	return sr.Bytes()
}

// holdsPair is what the index's check of a pair must agree with, read from
// the pair's ranges.
func holdsPair(p *rules.Pair, written string) bool {
	in := func(ranges []rune, c rune) bool {
		for i := 0; i+1 < len(ranges); i += 2 {
			if ranges[i] <= c && c <= ranges[i+1] {
				return true
			}
		}
		return false
	}
	rs := []rune(written)
	for i, c := range rs {
		if in(p.After, c) && (i == 0 && p.AtStart || i > 0 && in(p.Before, rs[i-1])) {
			return true
		}
	}
	return false
}

func cueRules() []*rules.Rule {
	var rs []*rules.Rule
	for _, pat := range []string{
		`(?i)\b(he|she|his|hers)\b`, `(说|认为)`, `.`, `(?i)s`, `ushers`, `(?i)in\s*(his|her)\s*view`,
		`(?i)kiss`, `Ǆ\s+x`, `[a-c]\s*[dD]?e+f`, `(?:x|y*)z`, `q{2,}r`, `(?s)^(ab|cd)?.$`,
		`\b(Mr|Dr)\.? X`, `Mr(?i:s)\s+[A-Z]`, `(?i:k)ISS`, `[Kk]\s?iß`, `,\s*(?:(?:said|says)|told [^,]+ that)`, `(?i)(ab)+c[^x]+ (de|fg[^x]{2,})`, `q(?:r+s|t\d)`,
	} {
		rs = append(rs, &rules.Rule{ID: pat, Re: regexp.MustCompile(pat)})
	}
	rs = append(rs, &rules.Rule{ID: "needs", Re: regexp.MustCompile(`[A-ZÀ-Þ]\w+`), Needs: []rune{'A', 'Z', 'À', 'Þ'}})
	for _, name := range rules.Builtins() {
		p, ds := rules.LoadBuiltin(name, schema.Core())
		if ds.HasErrors() {
			panic(ds.Error())
		}
		rs = append(rs, p.Rules...)
	}
	return rs
}

// checkCues checks that the index marks the rules that apply to s, and every
// rule whose pattern matches s, save a Chinese pack's rule on a sentence
// without a Han character.
func checkCues(t *testing.T, ix *cueIndex, rs []*rules.Rule, s string) {
	t.Helper()
	on := make([]bool, len(rs))
	ix.match(searched(s), []byte(s), holdsHan(s), on)
	for i, r := range rs {
		if on[i] != applies(r.Cues, r, s) {
			t.Fatalf("%q: rule %d (cues %q) applies %v, index says %v", s, i, r.Cues, applies(r.Cues, r, s), on[i])
		}
		if r.Re != nil && !on[i] && applies(nil, &rules.Rule{Han: r.Han}, s) && r.Re.MatchString(s) {
			t.Fatalf("%q: rule %s matches, but the index has none of its cues %q", s, r.ID, r.Cues)
		}
	}
}

func TestCueIndex(t *testing.T) {
	rs := cueRules()
	ix := newCueIndex(rs)
	for _, s := range []string{"", "ushers", "Ushers", "she said", "Émile", "x É", "他认为监管来得太晚", "hi", "x", "i think so, because it is", "说法", "the critics argue that",
		"In\t his  VIEW", "最近 Windsurf 很受欢迎", "Windsurf is popular", "DeepSeek 创始人说", "中文𝐀bc", "中文𝐚bc", "a KIſſ", "Mr. X", "mr. X", "dr X", "Dr\tX", "MrS Y", "Mrſ Y", "MRS Y", "kISS", "\u212aISS", "kiss", "K iß", "k Iß", "ǅ \n x", "ǆx", "bdeeef", "b\r\neef", "z", "yyz", "qqqr", "qr", "abc", "c", "dq", ", said", ",told you that", "abABcx de", "abcdede", "cfgxy", "qrrs", "qt1", "q t1"} {
		checkCues(t, ix, rs, s)
	}
}

func FuzzCueIndex(f *testing.F) {
	rs := cueRules()
	ix := newCueIndex(rs)
	f.Add("ushers")
	f.Add("As she sees it, the KIſſ in his view")
	f.Add("我不同意他的说法")
	f.Fuzz(func(t *testing.T, s string) {
		checkCues(t, ix, rs, s)
	})
}

// The cues of the builtin rules hold in the example transcripts and the
// rules' own examples: every tokenized sentence a rule's pattern matches has
// one of its cues (and a Han character, for a rule of a Chinese pack).
func TestCuesHoldInExamples(t *testing.T) {
	s := schema.Core()
	packs := builtinPacks(t)
	var texts []string
	for _, p := range packs {
		for _, r := range p.Rules {
			for _, ex := range r.Examples {
				texts = append(texts, ex.Text)
			}
		}
	}
	files, err := filepath.Glob("../../examples/*/graph.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no examples: %v", err)
	}
	var ents []entities.Entity
	for _, file := range files {
		g, ds := interview.NewLoader(s).Load(file)
		if ds.HasErrors() {
			t.Fatal(ds)
		}
		ents = append(ents, g.AllEntities()...)
		texts = append(texts, g.Transcript)
	}
	x, err := New(ents, packs, s)
	if err != nil {
		t.Fatal(err)
	}
	var all []*rules.Rule
	for _, p := range packs {
		all = append(all, p.Rules...)
	}
	on := make([]bool, x.cues.rules)
	var tok tokenized
	matched := 0
	for _, txt := range texts {
		w := window{r: []rune(txt)}
		var mentions []finding.Mention
		for _, m := range x.matcher.FindAll(txt) {
			e := x.ents[m.Value]
			mentions = append(mentions, finding.Mention{Entity: e.ID, Kind: e.Kind, Span: argument.Span{Start: m.Start, End: m.End}})
		}
		for _, sent := range text.Segment(txt) {
			var inSent []finding.Mention
			for _, m := range mentions {
				if m.Span.Start >= sent.Start && m.Span.End <= sent.End {
					inSent = append(inSent, m)
				}
			}
			x.tokenize(w, sent, inSent, &tok)
			tok.s = string(tok.buf)
			x.cues.match(tok.searched, tok.buf, tok.han, on)
			for i, r := range all {
				if applies(nil, &rules.Rule{Han: r.Han}, tok.s) && r.Re.MatchString(tok.s) {
					matched++
					if !on[i] {
						t.Errorf("%s matches %q, but the index has none of its cues %q", r.ID, tok.s, r.Cues)
					}
				}
			}
		}
	}
	if matched < 100 {
		t.Fatalf("only %d matches: the test checks too little", matched)
	}
}

// holdsHan reports whether s holds a Han character, as a tokenized sentence
// tells.
func holdsHan(s string) bool {
	for _, c := range s {
		if c >= 0x2E80 && unicode.Is(unicode.Han, c) {
			return true
		}
	}
	return false
}
