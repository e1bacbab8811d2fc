package gazetteer

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// The reference matcher spells out the semantics with none of the matcher's
// machinery: fold the whole text segment by segment with x/text, remember
// which segment each folded byte came from, and try every pattern at every
// segment start. It shares only isWord with the matcher, which is a
// definition rather than an algorithm.

type refSegment struct {
	start, end int // byte offsets in the text
	fold       string
}

// refSegments splits text into normalization segments: a character and the
// characters after it that are not a boundary for NFKC. A byte of invalid
// UTF-8 is a segment of its own whose fold matches nothing.
func refSegments(text string) []refSegment {
	var segs []refSegment
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r == utf8.RuneError && size == 1 {
			segs = append(segs, refSegment{i, i + 1, "\xff"})
			i++
			continue
		}
		j := i + size
		for j < len(text) {
			r, size := utf8.DecodeRuneInString(text[j:])
			if r == utf8.RuneError && size == 1 || norm.NFKC.PropertiesString(text[j:]).BoundaryBefore() {
				break
			}
			j += size
		}
		segs = append(segs, refSegment{i, j, refFold(text[i:j])})
		i = j
	}
	return segs
}

// refFold is NFKC, then case folding, then every white space character a
// blank and runs of blanks one blank.
func refFold(s string) string {
	s = cases.Fold().String(norm.NFKC.String(s))
	var b []byte
	for _, r := range s {
		if unicode.IsSpace(r) {
			r = ' '
		}
		if r == ' ' && len(b) > 0 && b[len(b)-1] == ' ' {
			continue
		}
		b = utf8.AppendRune(b, r)
	}
	return string(b)
}

func refFoldPattern(s string) string {
	return strings.Join(strings.FieldsFunc(cases.Fold().String(norm.NFKC.String(s)), unicode.IsSpace), " ")
}

// refFindAll is the naive leftmost-longest matcher.
func refFindAll(patterns []Pattern, text string) []Match {
	var pats []string
	var values []int32
	seen := map[string]bool{}
	for _, p := range patterns {
		f := refFoldPattern(p.Text)
		if !seen[f] {
			seen[f] = true
			pats = append(pats, f)
			values = append(values, p.Value)
		}
	}
	segs := refSegments(text)
	var out []byte
	var owner []int // segment of each folded byte
	for k, g := range segs {
		for i := 0; i < len(g.fold); i++ {
			if g.fold[i] == ' ' && len(out) > 0 && out[len(out)-1] == ' ' {
				continue
			}
			out = append(out, g.fold[i])
			owner = append(owner, k)
		}
	}
	// A folded offset is a boundary where the owning segment changes.
	boundary := func(i int) bool {
		return i == 0 || i == len(out) || owner[i] != owner[i-1]
	}
	cp := func(b int) int { return utf8.RuneCountInString(text[:b]) }
	var matches []Match
	for i := 0; i < len(out); {
		best := -1
		if boundary(i) {
			for k, p := range pats {
				e := i + len(p)
				if e > len(out) || string(out[i:e]) != p || !boundary(e) {
					continue
				}
				first, _ := utf8.DecodeRuneInString(p)
				last, _ := utf8.DecodeLastRuneInString(p)
				before, _ := utf8.DecodeLastRune(out[:i])
				after, _ := utf8.DecodeRune(out[e:])
				if i > 0 && isWord(before) && isWord(first) || e < len(out) && isWord(after) && isWord(last) {
					continue
				}
				if best < 0 || len(p) > len(pats[best]) {
					best = k
				}
			}
		}
		if best < 0 {
			i++
			continue
		}
		e := i + len(pats[best])
		matches = append(matches, Match{
			Start: cp(segs[owner[i]].start),
			End:   cp(segs[owner[e-1]].end),
			Value: values[best],
		})
		i = e
	}
	return matches
}

// alphabet is small, so random texts and patterns collide often, and mixes
// what the matcher treats differently: ASCII letters in both cases and
// digits, white space, CJK, full-width forms, punctuation of both widths,
// characters that fold to more than one character, combining marks and
// characters they compose with, characters beyond the Basic Multilingual
// Plane, and broken UTF-8.
var alphabet = []string{
	"a", "b", "A", "B", "ai", "AI", "1", " ", " ", "  ", "\n", "\t", "-", ".", "'",
	"中", "国", "人", "工", "智", "能", "公", "司",
	"Ａ", "ｂ", "Ｉ", "１", "，", "、", "。", "\u3000", "\u00a0",
	"ß", "ss", "İ", "ﬁ", "㈱", "ǰ", "…",
	"e", "é", "e\u0301", "\u0301", "\u0308", "¨", "´", "ｶ", "ﾞ", "カ", "ガ",
	"Ω", "ω", "Ω", "К", "к", "나", "\u11ab", "😀", "𝐀", "\u2028",
	"\xff", "\xe4\xb8", "\x80", "\xed\xa0\x80",
}

func randomText(rng *rand.Rand, n int) string {
	var b strings.Builder
	for range n {
		b.WriteString(alphabet[rng.IntN(len(alphabet))])
	}
	return b.String()
}

func randomPatterns(rng *rand.Rand) []Pattern {
	var ps []Pattern
	for k := range 1 + rng.IntN(8) {
		t := randomText(rng, 1+rng.IntN(4))
		if !utf8.ValidString(t) || refFoldPattern(t) == "" {
			continue
		}
		ps = append(ps, Pattern{Text: t, Value: int32(k)})
	}
	return ps
}

func TestAgreesWithReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	n := 20000
	if testing.Short() {
		n = 2000
	}
	for range n {
		ps := randomPatterns(rng)
		text := randomText(rng, rng.IntN(40))
		// Patterns cut from the text find something more often.
		if len(text) > 0 {
			i := rng.IntN(len(text))
			j := i + rng.IntN(min(12, len(text)-i)+1)
			if s := text[i:j]; utf8.ValidString(s) && refFoldPattern(s) != "" {
				ps = append(ps, Pattern{Text: s, Value: 100})
			}
		}
		checkAgainstReference(t, ps, text)
		if t.Failed() {
			return
		}
	}
}

func checkAgainstReference(t *testing.T, ps []Pattern, text string) {
	t.Helper()
	m, err := New(ps)
	if err != nil {
		t.Fatalf("New(%q): %v", ps, err)
	}
	got := m.FindAll(text)
	want := refFindAll(ps, text)
	if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("patterns %q\ntext %q\n(-reference +matcher):\n%s", ps, text, diff)
	}
}

// TestSegmentFolding checks the premise of folding one segment at a time:
// the folds of the segments, put together, are the fold of the whole text.
func TestSegmentFolding(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for range 5000 {
		text := strings.ToValidUTF8(randomText(rng, rng.IntN(30)), "")
		var b []byte
		for _, g := range refSegments(text) {
			for i := 0; i < len(g.fold); i++ {
				if g.fold[i] == ' ' && len(b) > 0 && b[len(b)-1] == ' ' {
					continue
				}
				b = append(b, g.fold[i])
			}
		}
		if got, want := string(b), refFold(text); got != want {
			t.Fatalf("%q: segments fold to %q, the whole text to %q", text, got, want)
		}
	}
}
