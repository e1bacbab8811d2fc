package pipeline

import (
	"math/rand/v2"
	"testing"
)

// paragraphWhole is how a quote's paragraph was found before its scan was bounded:
// the whole paragraph, however long, clipped afterwards.
func paragraphWhole(runes []rune, start, end int) (int, int) {
	lo := start
	for lo > 0 && !(runes[lo-1] == '\n' && lo >= 2 && runes[lo-2] == '\n') {
		lo--
	}
	hi := end
	for hi < len(runes) && !(runes[hi] == '\n' && hi+1 < len(runes) && runes[hi+1] == '\n') {
		hi++
	}
	for lo < hi && runes[lo] == '\n' {
		lo++
	}
	for hi > lo && (runes[hi-1] == '\n' || runes[hi-1] == '\r') {
		hi--
	}
	return lo, max(hi, end)
}

// The bounded scan gives the context the whole scan gave, on texts of letters,
// line feeds and carriage returns in every arrangement a short alphabet makes,
// for quotes as builds locate them: text that neither begins nor ends a line.
func TestParagraphBounded(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []rune{'a', 'b', '\n', '\n', '\r', '字'}
	for range 50000 {
		n := 1 + rng.IntN(60)
		runes := make([]rune, n)
		for i := range runes {
			runes[i] = alphabet[rng.IntN(len(alphabet))]
		}
		start := rng.IntN(n)
		end := start + 1 + rng.IntN(n-start)
		if blank(runes[start]) || blank(runes[end-1]) {
			continue
		}
		reach := rng.IntN(12)
		wlo, whi := paragraphWhole(runes, start, end)
		wlo, whi = max(wlo, start-reach), min(whi, end+reach)
		lo, hi := paragraph(runes, start, end, reach)
		lo, hi = max(lo, start-reach), min(hi, end+reach)
		if lo != wlo || hi != whi {
			t.Fatalf("%q [%d,%d) reach %d: got [%d,%d), the whole scan gives [%d,%d)", string(runes), start, end, reach, lo, hi, wlo, whi)
		}
	}
}

// Lines and columns come from the offsets of the line feeds.
func TestTextLineAt(t *testing.T) {
	tx := &text{runes: []rune("ab\n字c\n\nd")}
	for i, r := range tx.runes {
		if r == '\n' {
			tx.newlines = append(tx.newlines, i)
		}
	}
	for _, c := range []struct{ offset, line, col int }{{0, 1, 1}, {1, 1, 2}, {2, 1, 3}, {3, 2, 1}, {4, 2, 2}, {6, 3, 1}, {7, 4, 1}} {
		line, col := tx.lineAt(c.offset)
		if line != c.line || col != c.col {
			t.Errorf("offset %d: line %d column %d, want %d and %d", c.offset, line, col, c.line, c.col)
		}
	}
}

func blank(r rune) bool { return r == '\n' || r == '\r' }
