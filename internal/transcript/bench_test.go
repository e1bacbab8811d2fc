package transcript

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"time"
)

// benchSize is the size of each generated file, about 100 MB.
const benchSize = 100 << 20

var (
	benchVTTOnce, benchJSONOnce sync.Once
	benchVTT, benchJSON         []byte
)

var benchWords = strings.Fields(`river gravel stone water fish dam silt bank flood spring
	summer basin channel current delta estuary meander reach riffle pool salmon trout egg
	bed sediment measure data model field season year the a of and to in that it is was
	we they she he not but so because when where which more less most every each some`)

var benchChinese = []string{"河流", "砾石", "鱼类", "水坝", "泥沙", "测量", "城市", "地面", "树荫", "夏天", "我们", "认为", "所以", "但是"}

// benchSentence writes a sentence of generated words, now and then Chinese, with
// markup when markup is set.
func benchSentence(r *rand.Rand, sb *bytes.Buffer, markup bool) {
	if r.IntN(8) == 0 {
		for range 4 + r.IntN(10) {
			sb.WriteString(benchChinese[r.IntN(len(benchChinese))])
		}
		sb.WriteString("。")
		return
	}
	n := 4 + r.IntN(10)
	for i := range n {
		if i > 0 {
			sb.WriteByte(' ')
		}
		w := benchWords[r.IntN(len(benchWords))]
		switch {
		case markup && r.IntN(40) == 0:
			sb.WriteString("<i>" + w + "</i>")
		case markup && r.IntN(60) == 0:
			sb.WriteString("&amp;")
		default:
			sb.WriteString(w)
		}
	}
	sb.WriteByte('.')
}

func benchClock(d time.Duration) string {
	ms := d.Milliseconds()
	return fmt.Sprintf("%02d:%02d:%02d.%03d", ms/3600000, ms/60000%60, ms/1000%60, ms%1000)
}

// vttData generates about 100 MB of WebVTT, the same every time: cues of one or
// two lines, two voices taking turns of one to four cues, cue identifiers, some
// italics and entities.
func vttData() []byte {
	benchVTTOnce.Do(func() {
		r := rand.New(rand.NewPCG(1, 2))
		var sb bytes.Buffer
		sb.Grow(benchSize + 1<<16)
		sb.WriteString("WEBVTT\n\nNOTE generated for the benchmark\n\n")
		at, left := time.Duration(0), 0
		voice := "Mara Lindqvist"
		for n := 1; sb.Len() < benchSize; n++ {
			if left == 0 {
				voice = map[string]string{"Mara Lindqvist": "HOST", "HOST": "Mara Lindqvist"}[voice]
				left = 1 + r.IntN(4)
			}
			left--
			d := time.Duration(1500+r.IntN(3000)) * time.Millisecond
			fmt.Fprintf(&sb, "%d\n%s --> %s align:start\n<v %s>", n, benchClock(at), benchClock(at+d), voice)
			benchSentence(r, &sb, true)
			if r.IntN(2) == 0 {
				sb.WriteByte('\n')
				benchSentence(r, &sb, true)
			}
			sb.WriteString("</v>\n\n")
			at += d
		}
		benchVTT = sb.Bytes()
	})
	return benchVTT
}

// whisperData generates about 100 MB of WhisperX JSON on one line, as WhisperX
// writes it: segments with their words, then the words again in word_segments.
func whisperData() []byte {
	benchJSONOnce.Do(func() {
		r := rand.New(rand.NewPCG(3, 4))
		var segs, words bytes.Buffer
		segs.Grow(benchSize * 3 / 4)
		words.Grow(benchSize / 3)
		var sentence bytes.Buffer
		at := 0.0
		for n := 0; segs.Len()+words.Len() < benchSize-64; n++ {
			speaker := fmt.Sprintf("SPEAKER_%02d", r.IntN(2))
			sentence.Reset()
			benchSentence(r, &sentence, false)
			text := sentence.String()
			ws := strings.Fields(text)
			dur := 1.5 + float64(r.IntN(3000))/1000
			if n > 0 {
				segs.WriteString(", ")
			}
			fmt.Fprintf(&segs, `{"start": %.3f, "end": %.3f, "text": " %s", "words": [`, at, at+dur, text)
			for i, w := range ws {
				ws := at + dur*float64(i)/float64(len(ws))
				word := fmt.Sprintf(`{"word": %q, "start": %.3f, "end": %.3f, "score": 0.%03d, "speaker": %q}`, w, ws, ws+0.2, r.IntN(1000), speaker)
				if i > 0 {
					segs.WriteString(", ")
				}
				segs.WriteString(word)
				if words.Len() > 0 {
					words.WriteString(", ")
				}
				words.WriteString(word)
			}
			fmt.Fprintf(&segs, `], "speaker": %q}`, speaker)
			at += dur
		}
		var sb bytes.Buffer
		sb.Grow(segs.Len() + words.Len() + 64)
		sb.WriteString(`{"segments": [`)
		sb.Write(segs.Bytes())
		sb.WriteString(`], "word_segments": [`)
		sb.Write(words.Bytes())
		sb.WriteString(`], "language": "en"}`)
		benchJSON = sb.Bytes()
	})
	return benchJSON
}

func benchmarkParse(b *testing.B, name string, data []byte, f Format) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var tr *Transcript
	for b.Loop() {
		var ds []error
		t, diags := Parse(name, data, f)
		for _, d := range diags {
			ds = append(ds, d)
		}
		if t == nil || len(ds) > 0 {
			b.Fatal(ds)
		}
		tr = t
	}
	b.ReportMetric(float64(len(tr.Utterances)), "utterances")
}

// BenchmarkParseVTT reads 100 MB of WebVTT.
func BenchmarkParseVTT(b *testing.B) {
	benchmarkParse(b, "bench.vtt", vttData(), WebVTT)
}

// BenchmarkParseWhisper reads 100 MB of WhisperX JSON.
func BenchmarkParseWhisper(b *testing.B) {
	benchmarkParse(b, "bench.json", whisperData(), Whisper)
}
