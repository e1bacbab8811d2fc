package corpusgen

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/graphbuilder/graph/internal/entities"
)

// entity is a generated entity: in a catalog, or inline in one interview graph.
type entity struct {
	id, kind string
	name     pair // canonical English name and its Chinese form
	aliases  []string
	wikidata string
	facts    []fact
	topic    int
}

type fact struct{ pred, obj string }

// catalog is the entities of one topic, written to one catalog file.
type catalog struct {
	topic    pair
	id, file string
	entities []*entity
	byKind   map[string][]*entity
}

// kindShare is how a catalog's entities divide among kinds, in per mille.
var kindShare = []struct {
	kind string
	per  int
}{
	{"person", 400}, {"company", 150}, {"organization", 100},
	{"product", 150}, {"concept", 150}, {"group", 50},
}

// namer hands out names and ids that no other entity of the corpus has, so that no
// graph that includes catalogs can see an alias collision.
type namer struct {
	names map[string]bool // folded names and aliases
	ids   map[string]bool
}

func newNamer() *namer { return &namer{names: map[string]bool{}, ids: map[string]bool{}} }

func (n *namer) free(names ...string) bool {
	seen := map[string]bool{}
	for _, s := range names {
		f := entities.Fold(s)
		if n.names[f] || seen[f] {
			return false
		}
		seen[f] = true
	}
	return true
}

func (n *namer) take(names ...string) {
	for _, s := range names {
		n.names[entities.Fold(s)] = true
	}
}

// id returns a fresh id made from a name.
func (n *namer) id(name string) string {
	base := entities.Slug(name)
	id := base
	for i := 2; n.ids[id]; i++ {
		id = fmt.Sprintf("%s-%d", base, i)
	}
	n.ids[id] = true
	return id
}

// candidate proposes a name for an entity of a kind: the canonical English name,
// its Chinese form, and further aliases. try counts failed attempts, so that a
// crowded pool falls back to longer, rarer names.
func candidate(kind string, r *rand.Rand, try int, concepts, companies []*entity) (pair, []string) {
	pick := func(ps []pair) pair { return ps[r.IntN(len(ps))] }
	roman := []string{"", "", " II", " III", " IV", " V", " VI", " VII", " VIII", " IX", " X"}
	suffix := func() string {
		if try < 60 {
			return ""
		}
		if try < 60+len(roman)*3 {
			return roman[r.IntN(len(roman))]
		}
		return fmt.Sprintf(" %d", try)
	}
	switch kind {
	case "person":
		if r.IntN(10) < 3 {
			s, g := pick(chineseSurname), pick(chineseGiven)
			sfx := suffix()
			en := s.en + " " + g.en + sfx
			return pair{en, s.zh + g.zh + sfx}, []string{s.zh + g.zh + sfx, g.en + " " + s.en + sfx}
		}
		f, l := pick(westernFirst), pick(westernLast)
		mid := ""
		if try >= 10 {
			mid = string(rune('A'+r.IntN(26))) + "."
		}
		sfx := suffix()
		en := strings.Join(strings.Fields(f.en+" "+mid+" "+l.en), " ") + sfx
		zh := f.zh + "·" + l.zh + sfx
		if mid != "" {
			zh = f.zh + "·" + mid[:1] + "·" + l.zh + sfx
		}
		return pair{en, zh}, []string{zh, f.en[:1] + ". " + l.en + sfx}
	case "company":
		h, t := pick(companyHead), pick(companyTail)
		sfx := suffix()
		en := h.en + " " + t.en + sfx
		zh := h.zh + t.zh + sfx
		return pair{en, zh}, []string{zh, zh + "公司", en + " Inc."}
	case "organization":
		f, p := pick(orgForm), pick(places)
		sfx := suffix()
		en := fmt.Sprintf(f.en, p.en) + sfx
		zh := fmt.Sprintf(f.zh, p.zh) + sfx
		return pair{en, zh}, []string{zh}
	case "product":
		p := pick(productName)
		v := 1 + r.IntN(30)
		if try > 60 {
			v += try
		}
		en := fmt.Sprintf("%s %d", p.en, v)
		zh := fmt.Sprintf("%s %d", p.zh, v)
		return pair{en, zh}, []string{fmt.Sprintf("%s%d", p.en, v), zh}
	case "concept":
		h, t := pick(conceptHead), pick(conceptTail)
		sfx := suffix()
		return pair{h.en + " " + t.en + sfx, h.zh + t.zh + sfx}, []string{h.zh + t.zh + sfx}
	case "group":
		f := pick(groupForm)
		var base pair
		if len(concepts) > 0 {
			base = concepts[r.IntN(len(concepts))].name
		} else {
			base = pick(conceptTail)
		}
		sfx := suffix()
		return pair{fmt.Sprintf(f.en, base.en) + sfx, fmt.Sprintf(f.zh, base.zh) + sfx}, []string{fmt.Sprintf(f.zh, base.zh) + sfx}
	}
	panic("corpusgen: unknown kind " + kind)
}

// newEntity makes an entity of a kind with names no other entity has.
func (n *namer) newEntity(kind string, r *rand.Rand, concepts, companies []*entity) *entity {
	for try := 0; ; try++ {
		name, aliases := candidate(kind, r, try, concepts, companies)
		if !n.free(append([]string{name.en}, aliases...)...) {
			continue
		}
		n.take(append([]string{name.en}, aliases...)...)
		return &entity{id: n.id(name.en), kind: kind, name: name, aliases: aliases}
	}
}

// makeCatalogs divides k entities among topic catalogs and links them by facts.
func makeCatalogs(k int, seed uint64, nm *namer) []*catalog {
	t := k / 400
	t = max(1, min(t, len(topics)))
	r := rand.New(rand.NewPCG(seed, 0xca7a109))
	cats := make([]*catalog, t)
	wikidata := 100000
	for i := range cats {
		c := &catalog{topic: topics[i], id: "gen-" + topics[i].en, file: topics[i].en + ".yaml", byKind: map[string][]*entity{}}
		size := k / t
		if i < k%t {
			size++
		}
		counts := make([]int, len(kindShare))
		left := size
		for j, ks := range kindShare {
			counts[j] = max(1, size*ks.per/1000)
			left -= counts[j]
		}
		counts[0] += left // people take what rounding leaves
		for j, ks := range kindShare {
			for range counts[j] {
				e := nm.newEntity(ks.kind, r, c.byKind["concept"], c.byKind["company"])
				e.topic = i
				if r.IntN(10) < 3 {
					wikidata += 1 + r.IntN(50)
					e.wikidata = fmt.Sprintf("Q%d", wikidata)
				}
				c.entities = append(c.entities, e)
				c.byKind[ks.kind] = append(c.byKind[ks.kind], e)
			}
		}
		addFacts(c, r)
		cats[i] = c
	}
	return cats
}

// addFacts links a catalog's entities: people work at, lead, found and leave
// companies and organizations and belong to groups; companies develop products and
// compete. Facts stay inside the catalog, as a catalog is checked on its own.
func addFacts(c *catalog, r *rand.Rand) {
	people, companies, orgs := c.byKind["person"], c.byKind["company"], c.byKind["organization"]
	products, groups := c.byKind["product"], c.byKind["group"]
	employers := append(append([]*entity(nil), companies...), orgs...)
	for i, co := range companies {
		if i < len(people) {
			people[i].facts = append(people[i].facts, fact{"ceo_of", co.id}, fact{"founded", co.id})
		}
		for j := 0; j < 2 && len(products) > 0; j++ {
			p := products[(i*2+j)%len(products)]
			co.facts = appendFact(co.facts, fact{"develops", p.id})
		}
		if len(companies) > 1 && r.IntN(2) == 0 {
			other := companies[r.IntN(len(companies))]
			if other != co {
				co.facts = appendFact(co.facts, fact{"competes_with", other.id})
			}
		}
	}
	for i, p := range people {
		if i < len(companies) {
			continue
		}
		if len(employers) > 0 && r.IntN(10) < 7 {
			p.facts = appendFact(p.facts, fact{"works_at", employers[r.IntN(len(employers))].id})
		}
		if len(employers) > 1 && r.IntN(10) < 3 {
			prev := employers[r.IntN(len(employers))]
			p.facts = appendFact(p.facts, fact{"worked_at", prev.id})
			if r.IntN(2) == 0 {
				p.facts = appendFact(p.facts, fact{"left", prev.id})
			}
		}
		if len(groups) > 0 && r.IntN(10) < 2 {
			p.facts = appendFact(p.facts, fact{"member_of", groups[r.IntN(len(groups))].id})
		}
	}
}

func appendFact(fs []fact, f fact) []fact {
	for _, g := range fs {
		if g == f {
			return fs
		}
	}
	return append(fs, f)
}
