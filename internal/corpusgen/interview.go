package corpusgen

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

type claim struct {
	id, speaker, text, quote string
	about                    []string
}

type relation struct {
	id, kind, from, to, by, quote string
}

// past is what later interviews may refer to: a source's own claims.
type past struct {
	source string
	claims []string
}

// iview is one generated interview graph.
type iview struct {
	folder, id, title, kind, lang, date, url string
	author                                   *entity
	speakers                                 []*entity
	host                                     *entity
	catalogs                                 []*catalog
	inline                                   []*entity

	r          *rand.Rand
	en         bool
	text       strings.Builder
	claims     []claim
	relations  []relation
	relKeys    map[string]bool
	ownClaims  map[string][]int // speaker id -> indexes into claims
	concepts   []*entity
	others     []*entity // companies, products and organizations
	people     []*entity
	groups     []*entity
	orgs       []*entity
	crossRefs  int
	history    map[int][]past
	primary    int
	lastOf     map[string]int // speaker id -> index of their latest claim, for debates
	relIDs     int
	targetSize int
}

// newInterview generates interview i. hist holds earlier interviews' claims by
// topic; the new one's claims are added to it.
func newInterview(i int, seed uint64, cats []*catalog, hosts []*entity, hist map[int][]past, target int) *iview {
	r := rand.New(rand.NewPCG(seed, uint64(i)+1))
	iv := &iview{r: r, relKeys: map[string]bool{}, ownClaims: map[string][]int{}, history: hist, lastOf: map[string]int{}, targetSize: target}
	iv.primary = r.IntN(len(cats))
	iv.catalogs = []*catalog{cats[iv.primary]}
	if len(cats) > 1 {
		second := (iv.primary + 1 + r.IntN(len(cats)-1)) % len(cats)
		if second < iv.primary {
			iv.catalogs = []*catalog{cats[second], cats[iv.primary]}
		} else {
			iv.catalogs = append(iv.catalogs, cats[second])
		}
	}
	for _, c := range iv.catalogs {
		iv.concepts = append(iv.concepts, c.byKind["concept"]...)
		iv.others = append(iv.others, c.byKind["company"]...)
		iv.others = append(iv.others, c.byKind["product"]...)
		iv.others = append(iv.others, c.byKind["organization"]...)
		iv.people = append(iv.people, c.byKind["person"]...)
		iv.groups = append(iv.groups, c.byKind["group"]...)
		iv.orgs = append(iv.orgs, c.byKind["organization"]...)
	}
	iv.en = r.IntN(10) >= 6
	iv.lang = "zh"
	if iv.en {
		iv.lang = "en"
	}
	home := cats[iv.primary].byKind["person"]
	guest := home[r.IntN(len(home))]
	iv.host = hosts[r.IntN(len(hosts))]
	iv.speakers = []*entity{guest}
	switch roll := r.IntN(100); {
	case roll < 55:
		iv.kind = "interview"
	case roll < 75:
		iv.kind = "podcast"
	case roll < 90 && len(home) > 1:
		iv.kind = "debate"
		for {
			other := home[r.IntN(len(home))]
			if other != guest {
				iv.speakers = append(iv.speakers, other)
				break
			}
		}
	default:
		iv.kind = "article"
		iv.author = iv.host
	}
	iv.speakers = append(iv.speakers, iv.host)
	iv.id = fmt.Sprintf("%s-%04d", guest.id, i+1)
	iv.folder = fmt.Sprintf("%04d-%s", i+1, guest.id)
	day := time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(8*365))
	iv.date = day.Format("2006-01-02")
	iv.url = "https://example.org/" + iv.kind + "s/" + iv.id

	c1 := iv.concepts[r.IntN(len(iv.concepts))]
	proposal := &entity{
		id:   iv.id + "-proposal",
		kind: "concept",
		name: pair{guest.name.en + "'s " + c1.name.en + " proposal", guest.name.zh + "的" + c1.name.zh + "方案"},
	}
	proposal.aliases = []string{proposal.name.zh}
	iv.inline = []*entity{iv.host, proposal}
	iv.concepts = append(iv.concepts, proposal)
	c2 := iv.concepts[r.IntN(len(iv.concepts))]
	if iv.en {
		iv.title = fmt.Sprintf("%s on %s and %s", guest.name.en, c1.name.en, c2.name.en)
	} else {
		iv.title = fmt.Sprintf("%s访谈：谈%s与%s", guest.name.zh, c1.name.zh, c2.name.zh)
	}
	iv.write()
	var mine []string
	for _, c := range iv.claims {
		if c.speaker == guest.id {
			mine = append(mine, c.id)
		}
	}
	h := append(hist[iv.primary], past{iv.id, mine})
	if len(h) > 30 {
		h = h[len(h)-30:]
	}
	hist[iv.primary] = h
	return iv
}

func (iv *iview) pick(pp []pair) string {
	p := pp[iv.r.IntN(len(pp))]
	if iv.en {
		return p.en
	}
	return p.zh
}

// say is how the transcript names an entity: Chinese transcripts switch between an
// entity's Chinese and English names, as real ones do.
func (iv *iview) say(e *entity) string {
	if iv.en || e.kind == "product" || iv.r.IntN(10) < 3 {
		return e.name.en
	}
	return e.name.zh
}

func oneOf[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// proposition fills a proposition template; it returns the text and the entities
// the proposition is about.
func (iv *iview) proposition(speaker *entity) (string, []string) {
	tpl := iv.pick(propositions)
	var about []string
	seen := map[string]bool{}
	use := func(e *entity) string {
		if !seen[e.id] {
			seen[e.id] = true
			about = append(about, e.id)
		}
		return iv.say(e)
	}
	c := oneOf(iv.r, iv.concepts)
	c2 := oneOf(iv.r, iv.concepts)
	for c2 == c && len(iv.concepts) > 1 {
		c2 = oneOf(iv.r, iv.concepts)
	}
	x := oneOf(iv.r, iv.others)
	x2 := oneOf(iv.r, iv.others)
	for x2 == x && len(iv.others) > 1 {
		x2 = oneOf(iv.r, iv.others)
	}
	p := oneOf(iv.r, iv.people)
	for p == speaker && len(iv.people) > 1 {
		p = oneOf(iv.r, iv.people)
	}
	slots := []struct {
		key string
		e   *entity
	}{{"{C2}", c2}, {"{C}", c}, {"{X2}", x2}, {"{X}", x}, {"{P}", p}, {"{G}", oneOf(iv.r, iv.groups)}, {"{O}", oneOf(iv.r, iv.orgs)}}
	for _, s := range slots {
		if strings.Contains(tpl, s.key) {
			tpl = strings.ReplaceAll(tpl, s.key, use(s.e))
		}
	}
	tpl = strings.ReplaceAll(tpl, "{N}", fmt.Sprint(2+iv.r.IntN(9)))
	return tpl, about
}

// claimText is a proposition as a claim's text: a sentence of its own.
func (iv *iview) claimText(prop string) string {
	if iv.en {
		return strings.ToUpper(prop[:1]) + prop[1:] + "."
	}
	return prop + "。"
}

func (iv *iview) addClaim(speaker *entity, prop string, about []string) string {
	id := fmt.Sprintf("c%03d", len(iv.claims)+1)
	iv.claims = append(iv.claims, claim{id: id, speaker: speaker.id, text: iv.claimText(prop), quote: prop, about: about})
	iv.ownClaims[speaker.id] = append(iv.ownClaims[speaker.id], len(iv.claims)-1)
	iv.lastOf[speaker.id] = len(iv.claims) - 1
	return id
}

// relate adds a relation unless the same kind, from and to is already stated.
func (iv *iview) relate(kind, from, to, quote string) *relation {
	key := kind + "\x00" + from + "\x00" + to
	if iv.relKeys[key] || from == to {
		return nil
	}
	iv.relKeys[key] = true
	iv.relations = append(iv.relations, relation{kind: kind, from: from, to: to, quote: quote})
	return &iv.relations[len(iv.relations)-1]
}

// write generates the transcript turn by turn, with the claims and relations that
// a curator would take from it.
func (iv *iview) write() {
	r := iv.r
	outlet := oneOf(r, hostOutlets)
	if iv.en {
		fmt.Fprintf(&iv.text, "%s\n\n%s, %s\n\n", iv.title, outlet.en, iv.date)
	} else {
		fmt.Fprintf(&iv.text, "%s\n\n%s，%s\n\n", iv.title, outlet.zh, iv.date)
	}
	guests := iv.speakers[:len(iv.speakers)-1]
	for iv.text.Len() < iv.targetSize {
		pending := iv.question()
		order := guests
		if len(guests) > 1 && r.IntN(2) == 0 {
			order = []*entity{guests[1], guests[0]}
		}
		for _, g := range order {
			iv.answer(g, guests, pending)
			pending = ""
		}
	}
}

func (iv *iview) turn(speaker *entity, sentences []string) {
	sep := " "
	colon := ": "
	if !iv.en {
		sep, colon = "", "："
	}
	if iv.en {
		for i, s := range sentences {
			sentences[i] = strings.ToUpper(s[:1]) + s[1:]
		}
	}
	iv.text.WriteString(iv.say(speaker) + colon + strings.Join(sentences, sep) + "\n\n")
}

// question writes the host's turn. It may report a critic's claim (returned, for
// the guest to answer) or state the host's own view.
func (iv *iview) question() string {
	r := iv.r
	switch roll := r.IntN(10); {
	case roll < 3:
		critic := oneOf(r, iv.groups)
		if r.IntN(2) == 0 {
			critic = oneOf(r, iv.people)
		}
		prop, about := iv.proposition(critic)
		id := iv.addClaim(critic, prop, about)
		iv.turn(iv.host, []string{fmt.Sprintf(iv.pick(questionWrap), iv.say(critic), prop)})
		return id
	case roll < 4:
		prop, about := iv.proposition(iv.host)
		id := iv.addClaim(iv.host, prop, about)
		s := fmt.Sprintf(iv.pick([]pair{{"I would push back a little here: %s.", "我想稍微反驳一下：%s。"}, {"My own impression is that %s.", "我自己的印象是，%s。"}}), prop)
		iv.turn(iv.host, []string{s})
		return id
	}
	var topic *entity
	if r.IntN(2) == 0 {
		topic = oneOf(r, iv.concepts)
	} else {
		topic = oneOf(r, iv.others)
	}
	iv.turn(iv.host, []string{fmt.Sprintf(iv.pick(plainQuestions), iv.say(topic))})
	return ""
}

// answer writes one guest's turn: fillers, the guest's own claims and the
// relations between them, reported claims of critics and their rebuttals.
func (iv *iview) answer(g *entity, guests []*entity, pending string) {
	r := iv.r
	n := 4 + r.IntN(6)
	var out []string
	for s := 0; s < n; s++ {
		roll := r.IntN(100)
		switch {
		case s == 0 && pending != "":
			prop, about := iv.proposition(g)
			sentence := fmt.Sprintf(iv.pick(ownWrap), prop)
			id := iv.addClaim(g, prop, about)
			kind := "rebuts"
			if r.IntN(10) < 3 {
				kind = "criticizes"
			}
			q := ""
			if r.IntN(2) == 0 {
				q = prop
			}
			iv.relate(kind, id, pending, q)
			out = append(out, sentence)
		case roll < 10:
			prop, about := iv.proposition(g)
			out = append(out, fmt.Sprintf(iv.pick(ownWrap), prop))
			id := iv.addClaim(g, prop, about)
			iv.ownRelations(g, id, prop, guests)
		case roll < 14:
			critic := oneOf(r, iv.groups)
			if r.IntN(2) == 0 {
				critic = oneOf(r, iv.people)
			}
			if critic == g {
				out = append(out, iv.filler())
				continue
			}
			theirs, tabout := iv.proposition(critic)
			out = append(out, fmt.Sprintf(iv.pick(reportWrap), iv.say(critic), theirs))
			cid := iv.addClaim(critic, theirs, tabout)
			prop, about := iv.proposition(g)
			out = append(out, fmt.Sprintf(iv.pick(ownWrap), prop))
			id := iv.addClaim(g, prop, about)
			iv.relate("rebuts", id, cid, "")
		case roll < 18:
			var target *entity
			switch r.IntN(3) {
			case 0:
				target = oneOf(r, iv.people)
			case 1:
				target = oneOf(r, iv.groups)
			default:
				target = oneOf(r, iv.others)
			}
			if target == g {
				out = append(out, iv.filler())
				continue
			}
			cue := fmt.Sprintf(iv.pick(disagreeCue), iv.say(target))
			out = append(out, cue)
			iv.relate("criticizes", g.id, target.id, strings.TrimRight(cue, ".。"))
		default:
			out = append(out, iv.filler())
		}
	}
	iv.turn(g, out)
}

// ownRelations links a guest's new claim to what came before: support for the
// guest's earlier claims, restatements, undercutting an earlier relation, answers
// to the other side of a debate, and references to claims of earlier interviews.
func (iv *iview) ownRelations(g *entity, id, prop string, guests []*entity) {
	r := iv.r
	mine := iv.ownClaims[g.id]
	earlier := func() string {
		lo := max(0, len(mine)-9)
		return iv.claims[mine[lo+r.IntN(len(mine)-1-lo)]].id
	}
	if len(mine) > 1 && r.IntN(100) < 60 {
		q := ""
		if r.IntN(3) == 0 {
			q = prop
		}
		iv.relate("supports", id, earlier(), q)
	}
	if about := iv.claims[len(iv.claims)-1].about; len(about) > 1 && r.IntN(100) < 30 {
		iv.relate("criticizes", id, about[len(about)-1], "")
	}
	if len(mine) > 1 && r.IntN(100) < 5 {
		iv.relate("rephrases", id, earlier(), "")
	}
	if len(iv.relations) > 0 && r.IntN(100) < 8 {
		lo := max(0, len(iv.relations)-10)
		t := &iv.relations[lo+r.IntN(len(iv.relations)-lo)]
		if t.from != id && t.to != id {
			if t.id == "" {
				iv.relIDs++
				t.id = fmt.Sprintf("r%03d", iv.relIDs)
			}
			iv.relate("undercuts", id, t.id, "")
		}
	}
	if len(guests) > 1 && r.IntN(100) < 30 {
		for _, o := range guests {
			if o == g {
				continue
			}
			if k, ok := iv.lastOf[o.id]; ok {
				iv.relate("rebuts", id, iv.claims[k].id, prop)
			}
		}
	}
	if h := iv.history[iv.primary]; len(h) > 0 && r.IntN(100) < 7 {
		p := h[r.IntN(len(h))]
		if len(p.claims) > 0 {
			kind := oneOf(r, []string{"rebuts", "rebuts", "supports", "criticizes"})
			if rel := iv.relate(kind, id, p.source+"/"+oneOf(r, p.claims), ""); rel != nil {
				rel.by = g.id
				iv.crossRefs++
			}
		}
	}
}

func (iv *iview) filler() string {
	r := iv.r
	f := iv.pick(fillers)
	switch {
	case strings.Contains(f, "%d"):
		return fmt.Sprintf(f, 2005+r.IntN(20))
	case strings.Contains(f, "%s"):
		if r.IntN(2) == 0 {
			p := oneOf(r, places)
			if iv.en {
				return fmt.Sprintf(f, p.en)
			}
			return fmt.Sprintf(f, p.zh)
		}
		return fmt.Sprintf(f, iv.say(oneOf(r, iv.others)))
	}
	return f
}

// transcriptFile is the transcript's file name, by language as in the examples.
func (iv *iview) transcriptFile() string { return "transcript." + iv.lang + ".txt" }

// yaml renders the interview graph.
func (iv *iview) yaml(seed uint64) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Generated by graph gen-corpus (seed %d).\n", seed)
	b.WriteString("source:\n")
	b.WriteString("  id: " + iv.id + "\n")
	b.WriteString("  title: " + scalar(iv.title) + "\n")
	b.WriteString("  kind: " + iv.kind + "\n")
	b.WriteString("  language: " + iv.lang + "\n")
	b.WriteString("  date: " + scalar(iv.date) + "\n")
	b.WriteString("  url: " + iv.url + "\n")
	if iv.author != nil {
		b.WriteString("  author: " + iv.author.id + "\n")
	}
	ids := make([]string, len(iv.speakers))
	for i, s := range iv.speakers {
		ids[i] = s.id
	}
	b.WriteString("  speakers: " + flow(ids) + "\n")
	b.WriteString("  transcript: " + iv.transcriptFile() + "\n\n")
	var inc []string
	for _, c := range iv.catalogs {
		inc = append(inc, "../../catalog/"+c.file)
	}
	b.WriteString("include: " + flow(inc) + "\n\n")
	b.WriteString("entities:\n")
	for _, e := range iv.inline {
		writeEntity(&b, e)
	}
	b.WriteString("\nclaims:\n")
	for _, c := range iv.claims {
		b.WriteString("  - id: " + c.id + "\n")
		b.WriteString("    speaker: " + c.speaker + "\n")
		b.WriteString("    text: " + scalar(c.text) + "\n")
		b.WriteString("    quote: " + scalar(c.quote) + "\n")
		if len(c.about) > 0 {
			b.WriteString("    about: " + flow(c.about) + "\n")
		}
	}
	b.WriteString("\nrelations:\n")
	for _, rel := range iv.relations {
		if rel.id != "" {
			b.WriteString("  - id: " + rel.id + "\n    kind: " + rel.kind + "\n")
		} else {
			b.WriteString("  - kind: " + rel.kind + "\n")
		}
		b.WriteString("    from: " + rel.from + "\n")
		b.WriteString("    to: " + rel.to + "\n")
		if rel.by != "" {
			b.WriteString("    by: " + rel.by + "\n")
		}
		if rel.quote != "" {
			b.WriteString("    quote: " + scalar(rel.quote) + "\n")
		}
	}
	return b.String()
}
