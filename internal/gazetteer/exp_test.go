package gazetteer

import (
	"encoding/binary"
	"testing"
	"time"
	"unicode/utf8"
)

func countLeads(s string) int {
	n := 0
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := binary.LittleEndian.Uint64([]byte(s[i : i+8]))
		// continuation bytes: 10xxxxxx -> bit7 set and bit6 clear
		cont := x & ^(x << 1) & 0x8080808080808080
		n += 8 - bitsOnes(cont)
	}
	for ; i < len(s); i++ {
		if s[i]&0xC0 != 0x80 {
			n++
		}
	}
	return n
}

func bitsOnes(x uint64) int {
	x = x >> 7
	x = (x * 0x0101010101010101) >> 56
	return int(x & 0xFF)
}

func TestExpCount(t *testing.T) {
	_, text := benchFixtures()
	for _, f := range []struct {
		name string
		fn   func(string) int
	}{
		{"RuneCountInString", utf8.RuneCountInString},
		{"ValidString", func(s string) int {
			if utf8.ValidString(s) {
				return 1
			}
			return 0
		}},
		{"countLeads", countLeads},
	} {
		best := time.Hour
		var r int
		for range 5 {
			t0 := time.Now()
			r = f.fn(text)
			best = min(best, time.Since(t0))
		}
		t.Logf("%s: %d %.0f MB/s", f.name, r, float64(len(text))/best.Seconds()/1e6)
	}
}
