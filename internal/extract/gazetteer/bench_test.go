package gazetteer

import (
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"unicode"
)

// The benchmark fixtures imitate the first real input at scale: Chinese prose
// full of English names, 5,000 aliases in both scripts, about 10 MB of text.

const (
	benchAliases = 5000
	benchBytes   = 10 << 20
)

var (
	benchOnce     sync.Once
	benchPatterns []Pattern
	benchText     string
)

// hanzi are common characters, shared by aliases and filler so that filler
// text runs into prefixes of aliases as real text does.
var hanzi = []rune("的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持取设始版双历越史商千片容研像找友孩站广改议形委早房音火际则首单据导影失拿网香似斯专石若兵弟谁校读志飞观争究包组造落视济喜离虽坏兴注陈智能模型深度求索")

var englishWords = strings.Fields(`the of and to in is that it was for on are with as he they at be this
have from or one had by word but not what all were we when your can said there use an each which she do
how their if will up other about out many then them these so some her would make like him into time has
look two more write go see number no way could people my than first water been call who oil its now find
long down day did get come made may part model models training again main wait certain brain rain chain
explain paint fair air pair chair stairs affairs claim plain scaling compute safety risk argue argues
benefit progress company companies research researchers interview data`)

func benchFixtures() ([]Pattern, string) {
	benchOnce.Do(func() {
		rng := rand.New(rand.NewPCG(2025, 10))
		benchPatterns = benchAliasList(rng)
		benchText = benchCorpus(rng, benchPatterns)
	})
	return benchPatterns, benchText
}

func benchName(rng *rand.Rand) string {
	syllables := []string{"an", "thro", "pic", "da", "ri", "o", "mo", "dei", "ka", "ve", "lin", "sor",
		"ta", "mi", "ra", "zen", "qu", "el", "lo", "vin", "ar", "de", "no", "bel", "kai", "sun"}
	var b strings.Builder
	for range 2 + rng.IntN(2) {
		b.WriteString(syllables[rng.IntN(len(syllables))])
	}
	s := b.String()
	return strings.ToUpper(s[:1]) + s[1:]
}

func benchHan(rng *rand.Rand, n int) string {
	rs := make([]rune, n)
	for i := range rs {
		rs[i] = hanzi[rng.IntN(len(hanzi))]
	}
	return string(rs)
}

func benchAliasList(rng *rand.Rand) []Pattern {
	ps := make([]Pattern, 0, benchAliases)
	for len(ps) < benchAliases {
		var s string
		switch k := rng.IntN(10); {
		case k < 5:
			s = benchName(rng)
			for range rng.IntN(3) {
				s += " " + benchName(rng)
			}
		case k < 9:
			s = benchHan(rng, 2+rng.IntN(3))
		default:
			s = benchName(rng) + []string{"公司", " 模型", "实验室"}[rng.IntN(3)]
		}
		ps = append(ps, Pattern{Text: s, Value: int32(len(ps))})
	}
	return ps
}

// benchCorpus writes sentences of Chinese and English filler with an alias
// every dozen or so tokens, some in capitals or full width, and Chinese and
// ASCII punctuation.
func benchCorpus(rng *rand.Rand, ps []Pattern) string {
	var b strings.Builder
	b.Grow(benchBytes + 1024)
	for b.Len() < benchBytes {
		for range 8 + rng.IntN(12) {
			switch k := rng.IntN(100); {
			case k < 8:
				s := ps[rng.IntN(len(ps))].Text
				switch rng.IntN(20) {
				case 0:
					s = strings.ToUpper(s)
				case 1:
					s = strings.Map(func(r rune) rune {
						if '!' <= r && r <= '~' {
							return r + 0xFEE0
						}
						return r
					}, s)
				}
				if s[0] < 0x80 {
					s = " " + s + " "
				}
				b.WriteString(s)
			case k < 60:
				b.WriteString(benchHan(rng, 1+rng.IntN(3)))
			case k < 95:
				b.WriteString(" " + englishWords[rng.IntN(len(englishWords))] + " ")
			default:
				b.WriteString([]string{"，", "、", "“", "”", "（", "）", ", ", "：", "《", "》"}[rng.IntN(10)])
			}
		}
		b.WriteString([]string{"。", "。", "！", ". ", "？", "。\n"}[rng.IntN(6)])
	}
	return b.String()
}

func BenchmarkFindAll(b *testing.B) {
	ps, text := benchFixtures()
	m, err := New(ps)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	var n int
	for b.Loop() {
		n = len(m.FindAll(text))
	}
	b.ReportMetric(float64(n), "matches/op")
}

func BenchmarkAppendAll(b *testing.B) {
	ps, text := benchFixtures()
	m, err := New(ps)
	if err != nil {
		b.Fatal(err)
	}
	dst := m.FindAll(text)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		dst = m.AppendAll(dst[:0], text)
	}
}

func BenchmarkBuild(b *testing.B) {
	ps, _ := benchFixtures()
	loadTable()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := New(ps); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFoldTable measures what the first New in a process pays once.
func BenchmarkFoldTable(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		buildTable()
	}
}

// TestBenchFixtures keeps the benchmark honest: its text must hold many
// matches of both scripts.
func TestBenchFixtures(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 10 MB of text")
	}
	ps, text := benchFixtures()
	m, err := New(ps)
	if err != nil {
		t.Fatal(err)
	}
	var han, latin int
	for _, g := range m.FindAll(text) {
		if unicode.Is(unicode.Han, []rune(ps[g.Value].Text)[0]) {
			han++
		} else {
			latin++
		}
	}
	if han < 50000 || latin < 50000 {
		t.Errorf("%d matches of Chinese aliases and %d of others, want at least 50,000 of each", han, latin)
	}
}
