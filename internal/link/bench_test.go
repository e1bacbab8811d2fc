package link

import (
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
)

var (
	benchOnce     sync.Once
	benchEntities []Entity
)

// benchFixture is 5,000 entities spread over 100 sources: people whose given names
// and surnames repeat (so many share a surname), companies and concepts of two or
// three words drawn from a small vocabulary, some with wikidata ids.
func benchFixture() []Entity {
	benchOnce.Do(func() {
		r := rand.New(rand.NewPCG(1, 2))
		given := []string{"Dario", "Daniela", "Yann", "Sam", "Demis", "Jensen", "Ada", "Grace", "Alan", "Geoffrey", "Yoshua", "Fei-Fei", "Andrew", "Ilya", "Mira"}
		sur := make([]string, 400)
		for i := range sur {
			sur[i] = fmt.Sprintf("Surname%03d", i)
		}
		words := []string{"open", "weights", "safety", "risk", "scaling", "laws", "model", "data", "compute", "policy", "market", "chip", "research", "lab", "agent", "memory"}
		for i := range 5000 {
			e := Entity{ID: fmt.Sprintf("e%04d", i), Scope: []string{fmt.Sprintf("source/s%02d", i%100)}}
			switch i % 3 {
			case 0:
				e.Kind = "person"
				g, s := given[r.IntN(len(given))], sur[r.IntN(len(sur))]
				e.Names = []string{g + " " + s, s}
			case 1:
				e.Kind = "company"
				e.Names = []string{fmt.Sprintf("%s %s Inc", words[r.IntN(len(words))], words[r.IntN(len(words))])}
				if r.IntN(4) == 0 {
					e.Wikidata = []string{fmt.Sprintf("Q%d", 1+r.IntN(300))}
				}
			default:
				e.Kind = "concept"
				e.Names = []string{words[r.IntN(len(words))] + " " + words[r.IntN(len(words))] + " " + words[r.IntN(len(words))]}
			}
			benchEntities = append(benchEntities, e)
		}
	})
	return benchEntities
}

func BenchmarkResolve5000(b *testing.B) {
	es := benchFixture()
	b.ResetTimer()
	for b.Loop() {
		res, _ := Resolve(es, nil)
		if len(res.Pairs) == 0 {
			b.Fatal("no pairs")
		}
	}
}
