package rules

import (
	"math/rand"
	"regexp"
	"regexp/syntax"
	"testing"
	"unicode/utf8"

	"github.com/graphbuilder/graph/schema"
)

// holdsPair reports whether s holds the pair: a rune of After just after one of
// Before, or first when AtStart is set.
func holdsPair(p *Pair, s string) bool {
	in := func(ranges []rune, c rune) bool {
		for i := 0; i+1 < len(ranges); i += 2 {
			if ranges[i] <= c && c <= ranges[i+1] {
				return true
			}
		}
		return false
	}
	rs := []rune(s)
	for i, c := range rs {
		if in(p.After, c) && (i == 0 && p.AtStart || i > 0 && in(p.Before, rs[i-1])) {
			return true
		}
	}
	return false
}

// pairPatterns are patterns whose pairs the tests check: the builtin packs',
// and some whose neighbours may be empty, ignore case or assert.
func pairPatterns(t testing.TB) []string {
	pats := []string{
		`(^|[，,：:“、和与]|创始人|CEO)([王李张欧]\p{Han}{1,2}?)(教授|博士)?(说|称)`,
		`(?i)^(for example|take)\b[^,]{0,30}, (.+)`, `(?i)(ab|^)kx`, `(^|x?)y`, `(a|b*)c`, `\bfoo`,
		`(?i)Straße`, `[a-c]+[d-f]`, `(?s).+x`, `(?i:k)ISS`, `(x|^)(?i)[ǅk]`, `(^|\b)(sa)y`, `q{2,}r`,
		`(?:ab|c)+d`, `(?:ab|)d`, `a(?:bc)*d`, `x(?:$|y)z`,
	}
	for _, name := range Builtins() {
		p, ds := LoadBuiltin(name, schema.Core())
		if ds.HasErrors() {
			t.Fatal(ds)
		}
		for _, r := range p.Rules {
			pats = append(pats, r.Re.String())
		}
	}
	return pats
}

func compilePair(t testing.TB, pat string) (*regexp.Regexp, *Pair) {
	re := regexp.MustCompile(pat)
	parsed, err := syntax.Parse(pat, syntax.Perl)
	if err != nil {
		t.Fatal(err)
	}
	return re, pairOf(parsed.Simplify())
}

// TestPairHolds checks that every text a pattern matches holds its pair, on
// texts made of the runes the patterns name.
func TestPairHolds(t *testing.T) {
	alphabet := []rune("，,：:“、和与创始人CEOceo王李张欧阳明教授博士说称 abcdefkxyzKXSsßſǄǅǆ\u212aq\n")
	rng := rand.New(rand.NewSource(1))
	pairs := 0
	for _, pat := range pairPatterns(t) {
		re, p := compilePair(t, pat)
		if p == nil {
			continue
		}
		pairs++
		for range 3000 {
			b := make([]rune, rng.Intn(12))
			for i := range b {
				b[i] = alphabet[rng.Intn(len(alphabet))]
			}
			if s := string(b); re.MatchString(s) && !holdsPair(p, s) {
				t.Fatalf("%s matches %q, which does not hold its pair %+v", pat, s, *p)
			}
		}
	}
	if pairs < 10 {
		t.Fatalf("only %d patterns have a pair", pairs)
	}
	for pat, want := range map[string]bool{`(^|x?)y`: false, `(a|b*)c`: false, `[a-c]+[d-f]`: true, `(?i)(ab|^)kx`: true, `\bfoo`: false} {
		if _, p := compilePair(t, pat); (p != nil) != want {
			t.Errorf("%s: pair %v, want one: %v", pat, p, want)
		}
	}
}

// FuzzPair checks that any text a pattern matches holds its pair.
func FuzzPair(f *testing.F) {
	f.Add("会上，张伟表示监管来得太晚。")
	f.Add("For example, take kx")
	type compiled struct {
		re *regexp.Regexp
		p  *Pair
	}
	var all []compiled
	for _, pat := range pairPatterns(f) {
		if re, p := compilePair(f, pat); p != nil {
			all = append(all, compiled{re, p})
		}
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		for _, c := range all {
			if c.re.MatchString(s) && !holdsPair(c.p, s) {
				t.Fatalf("%s matches %q, which does not hold its pair %+v", c.re, s, *c.p)
			}
		}
	})
}
