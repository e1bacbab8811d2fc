package extract

import (
	"math/rand"
	"strings"
	"testing"
	"unicode"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// referenceHits is what [pronounIndex.appendHits] must find: each word looked
// for at every place of the lowered sentence, a word after another.
func referenceHits(ix *pronounIndex, seg []rune, turn bool) []pronounHit {
	lower := make([]rune, len(seg))
	for i, r := range seg {
		lower[i] = unicode.ToLower(r)
	}
	var hits []pronounHit
	for wi, p := range ix.words {
		if p.group != groupOther && !turn {
			continue
		}
		w := p.runes
		for i := 0; i+len(w) <= len(seg); i++ {
			if string(lower[i:i+len(w)]) != string(w) {
				continue
			}
			if p.latin {
				if (i > 0 && isWordRune(seg[i-1])) || (i+len(w) < len(seg) && isWordRune(seg[i+len(w)])) {
					continue
				}
			} else if i > 0 && seg[i-1] == '其' {
				continue
			}
			hits = append(hits, pronounHit{word: int32(wi), at: int32(i)})
		}
	}
	return hits
}

func testPronounIndex(words ...[]string) *pronounIndex {
	var groups [3][]pronoun
	for g, ws := range words {
		for _, w := range ws {
			w = strings.ToLower(w)
			groups[g] = append(groups[g], pronoun{word: w, runes: []rune(w), latin: isLatinWord(w)})
		}
	}
	return newPronounIndex(groups[0], groups[1], groups[2])
}

func checkPronounHits(t *testing.T, ix *pronounIndex, s string) {
	t.Helper()
	seg := []rune(s)
	for _, turn := range []bool{false, true} {
		got := ix.appendHits(nil, seg, turn)
		if diff := cmp.Diff(referenceHits(ix, seg, turn), got, cmp.AllowUnexported(pronounHit{}), cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("%q (turn %v): hits differ from the word-by-word search (-want +got)\n%s", s, turn, diff)
		}
	}
}

// TestPronounIndex checks the one-pass search against the word-by-word one on
// the builtin packs' words and on words whose case is unusual.
func TestPronounIndex(t *testing.T) {
	packs := testPronounIndex(
		[]string{"我们", "咱们", "我", "we", "me", "us", "i"},
		[]string{"你们", "您", "你", "you"},
		[]string{"他们", "她们", "他", "她", "they", "she", "he"},
	)
	odd := testPronounIndex([]string{"ǆa", "k"}, []string{"", "i̇x"}, []string{"σς", "𐐨𐐩", "ab"})
	texts := []string{
		"", "He said they would. SHE did not; we, I and you.", "其他人认为他们错了，她说我们和你们都对。",
		"Hey, the theme: ushers, Me? US! i", "İx ix Ǆa ǅa ǆA KK Kk ΣΣ σς 𐐀𐐁 𐐨𐐩 ab AB", "其他他们她",
	}
	const alphabet = "hHeEsSyYoOuUtTiIwWmMaAbBkK\u212a\u0130\u0307ǄǅǆΣσς𐐀𐐁𐐨𐐩他她们我你您咱其 ,.'-x"
	rng := rand.New(rand.NewSource(1))
	runes := []rune(alphabet)
	for range 3000 {
		b := make([]rune, rng.Intn(24))
		for i := range b {
			b[i] = runes[rng.Intn(len(runes))]
		}
		texts = append(texts, string(b))
	}
	for _, s := range texts {
		checkPronounHits(t, packs, s)
		checkPronounHits(t, odd, s)
	}
}

// FuzzPronounIndex checks the one-pass search against the word-by-word one on
// any text.
func FuzzPronounIndex(f *testing.F) {
	f.Add("He said they would, and 其他人认为他们错了。")
	f.Add("İx Ǆa \u212a")
	ix := testPronounIndex([]string{"我们", "我", "we", "i", "ǆa"}, []string{"你", "you", ""}, []string{"他们", "他", "they", "he", "k", "i̇x"})
	f.Fuzz(func(t *testing.T, s string) {
		checkPronounHits(t, ix, s)
	})
}

func TestBMPLower(t *testing.T) {
	for r, l := range bmpLower() {
		if want := unicode.ToLower(rune(r)); rune(l) != want {
			t.Fatalf("%U lowers to %U, not %U", r, l, want)
		}
	}
}
