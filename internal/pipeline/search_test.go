package pipeline

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The trigram index finds what reading every entry finds: for words cut from the
// examples' names and claims (Chinese and English, whole or in part), several
// words at once, and words no entry holds.
func TestSearchIndexFindsWhatAScanFinds(t *testing.T) {
	qs := exampleQuads(t)
	indexed := NewReader(qs)
	scanning := NewReader(qs)
	scanning.grams = nil // no index: every entry is read
	scanOnly := func(q string) ([]Hit, bool) { return scanning.Search(q, 0) }
	rng := rand.New(rand.NewPCG(3, 4))
	queries := []string{"Amodei", "amodei", "ＡＭＯＤＥＩ", "开源", "安全", "the", "AI", "a", "open source", "zzqx", "模型 安全", "Anthropic 中国"}
	for range 400 {
		e := indexed.entries[rng.IntN(len(indexed.entries))]
		runes := []rune(e.text)
		i := rng.IntN(len(runes))
		j := min(len(runes), i+1+rng.IntN(8))
		queries = append(queries, string(runes[i:j]))
	}
	for _, q := range queries {
		if strings.TrimSpace(q) == "" {
			continue
		}
		got, gotMore := indexed.Search(q, 0)
		want, wantMore := scanOnly(q)
		if diff := cmp.Diff(want, got); diff != "" || gotMore != wantMore {
			t.Fatalf("search %q: the index finds what a scan does not (-scan +index):\n%s", q, diff)
		}
	}
	if hits, _ := indexed.Search("Amodei", 0); len(hits) == 0 {
		t.Fatal(`search "Amodei" finds nothing in the examples`)
	}
}
