package extract

import (
	"strings"
	"testing"

	"github.com/graphbuilder/graph/internal/extract/rules"
	"github.com/graphbuilder/graph/schema"
)

// applies is what the cue index must agree with: a rule applies to a sentence
// when one of its cues is in it (lowered), or it has no cues and the sentence
// (as written) has a rune its Needs allow, or it has neither.
func applies(r *rules.Rule, written string) bool {
	if r.Cues == nil {
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
	s := strings.ToLower(written)
	for _, c := range r.Cues {
		if strings.Contains(s, c) {
			return true
		}
	}
	return false
}

func cueRules() []*rules.Rule {
	rs := []*rules.Rule{
		{Cues: []string{"he", "she", "his", "hers"}},
		{Cues: []string{"说", "认为"}},
		{},
		{Cues: []string{"s"}},
		{Cues: []string{"ushers"}},
		{Needs: []rune{'A', 'Z', 'À', 'Þ'}},
	}
	for _, name := range rules.Builtins() {
		p, ds := rules.LoadBuiltin(name, schema.Core())
		if ds.HasErrors() {
			panic(ds.Error())
		}
		rs = append(rs, p.Rules...)
	}
	return rs
}

func checkCues(t *testing.T, ix *cueIndex, rs []*rules.Rule, s string) {
	t.Helper()
	on := make([]bool, len(rs))
	ix.match([]byte(strings.ToLower(s)), s, on)
	for i, r := range rs {
		if on[i] != applies(r, s) {
			t.Fatalf("%q: rule %d (cues %q) applies %v, index says %v", s, i, r.Cues, applies(r, s), on[i])
		}
	}
}

func TestCueIndex(t *testing.T) {
	rs := cueRules()
	ix := newCueIndex(rs)
	for _, s := range []string{"", "ushers", "Ushers", "she said", "Émile", "x É", "他认为监管来得太晚", "hi", "x", "i think so, because it is", "说法", "the critics argue that"} {
		checkCues(t, ix, rs, s)
	}
}

func FuzzCueIndex(f *testing.F) {
	rs := cueRules()
	ix := newCueIndex(rs)
	f.Add("ushers")
	f.Add("我不同意他的说法")
	f.Fuzz(func(t *testing.T, s string) {
		checkCues(t, ix, rs, s)
	})
}
