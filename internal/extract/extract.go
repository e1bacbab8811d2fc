package extract

import (
	"crypto/sha1"
	"encoding/hex"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/graphbuilder/graph/internal/argument"
	"github.com/graphbuilder/graph/internal/entities"
	"github.com/graphbuilder/graph/internal/extract/finding"
	"github.com/graphbuilder/graph/internal/extract/gazetteer"
	"github.com/graphbuilder/graph/internal/extract/rules"
	"github.com/graphbuilder/graph/internal/extract/text"
	"github.com/graphbuilder/graph/schema"
)

// Extractor holds a compiled gazetteer and rule packs; it is safe for concurrent
// use once built.
type Extractor struct {
	schema   *schema.Schema
	ents     []entities.Entity
	matcher  *gazetteer.Matcher
	packs    []*rules.Pack
	kinds    []string
	pronouns []pronoun
	asserts  *schema.EdgeKind
	critics  map[*rules.Pack]string
	kindByID map[string]string
}

func kindOfIn(ents []entities.Entity, id string) string {
	for _, e := range ents {
		if e.ID == id {
			return e.Kind
		}
	}
	return ""
}

func (x *Extractor) canSpeakKind(kind string) bool {
	return kind != "" && x.asserts != nil && x.asserts.Allows(kind, "claim")
}

type pronoun struct {
	word  string
	latin bool
}

// New builds an extractor for the given entities and packs.
func New(ents []entities.Entity, packs []*rules.Pack, s *schema.Schema) (*Extractor, error) {
	var pats []gazetteer.Pattern
	for i, e := range ents {
		pats = append(pats, gazetteer.Pattern{Text: e.Name, Value: int32(i)})
		for _, a := range e.Aliases {
			pats = append(pats, gazetteer.Pattern{Text: a, Value: int32(i)})
		}
	}
	m, err := gazetteer.New(pats)
	if err != nil {
		return nil, err
	}
	x := &Extractor{schema: s, ents: ents, matcher: m, packs: packs, kinds: s.NodeNames(true), asserts: s.Edge("asserts"), critics: map[*rules.Pack]string{}}
	x.kindByID = make(map[string]string, len(ents))
	for _, e := range ents {
		x.kindByID[e.ID] = e.Kind
	}
	names := map[string]string{}
	for _, e := range ents {
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			if _, ok := names[entities.Fold(n)]; !ok {
				names[entities.Fold(n)] = e.ID
			}
		}
	}
	for _, p := range packs {
		for _, c := range p.Critics {
			if id, ok := names[entities.Fold(c)]; ok && x.canSpeakKind(kindOfIn(ents, id)) {
				x.critics[p] = id
				break
			}
		}
	}
	seen := map[string]bool{}
	for _, p := range packs {
		for _, w := range p.Pronouns {
			if !seen[w] {
				seen[w] = true
				x.pronouns = append(x.pronouns, pronoun{word: w, latin: isLatinWord(w)})
			}
		}
	}
	// Longer pronouns first, so 他们 is taken before 他.
	sort.SliceStable(x.pronouns, func(i, j int) bool { return len(x.pronouns[i].word) > len(x.pronouns[j].word) })
	return x, nil
}

func isLatinWord(s string) bool {
	for _, r := range s {
		if r > unicode.MaxLatin1 && !unicode.In(r, unicode.Latin) {
			return false
		}
	}
	return true
}

// Options adjust one run.
type Options struct {
	// Speakers are entity ids; the first is the current speaker at the start.
	Speakers []string
	// MinConfidence drops findings below it.
	MinConfidence float64
	// Only, when set, runs just this rule (for rule examples).
	Only *rules.Rule
}

// Run extracts from text. Offsets in the result are code point offsets into text.
func (x *Extractor) Run(txt string, opt Options) *finding.Result {
	res := &finding.Result{}
	runes := []rune(txt)
	var found []gazetteer.Match
	found = x.matcher.FindAll(txt)
	mentions := make([]finding.Mention, 0, len(found))
	for _, m := range found {
		e := x.ents[m.Value]
		mentions = append(mentions, finding.Mention{Entity: e.ID, Kind: e.Kind, Span: argument.Span{Start: m.Start, End: m.End}})
	}
	speakers := map[string]bool{}
	for _, s := range opt.Speakers {
		speakers[s] = true
	}
	current := ""
	if len(opt.Speakers) > 0 {
		current = opt.Speakers[0]
	}
	var topic string
	var topicAbout []string
	mi := 0
	claimSeen := map[argument.Span]bool{}
	relSeen := map[[3]string]int{}
	// Discourse state for claim links: the latest critique and who has answered
	// it, and per paragraph each speaker's first and latest claim.
	critique := -1
	answered := map[string]bool{}
	type paraKey struct {
		para    int
		speaker string
	}
	mainClaim := map[paraKey]int{}
	prevClaim := map[paraKey]int{}
	addRel := func(kind string, from, to int, sent text.Sentence, r *rules.Rule, conf float64) {
		if conf < opt.MinConfidence {
			return
		}
		a, b := res.Claims[from], res.Claims[to]
		key := [3]string{kind, a.ID, b.ID}
		if _, dup := relSeen[key]; dup || a.ID == b.ID {
			return
		}
		relSeen[key] = len(res.Relations)
		res.Relations = append(res.Relations, finding.Relation{
			Kind: kind, From: a.ID, To: b.ID, FromSpan: a.Span, ToSpan: b.Span,
			Evidence: argument.Span{Start: sent.Start, End: sent.End}, Quote: sent.Text,
			Rule: r.ID, Confidence: conf,
		})
	}
	for _, sent := range text.Segment(txt) {
		for mi < len(mentions) && mentions[mi].Span.Start < sent.Start {
			res.Mentions = append(res.Mentions, mentions[mi])
			mi++
		}
		var inSent []finding.Mention
		for j := mi; j < len(mentions) && mentions[j].Span.End <= sent.End; j++ {
			inSent = append(inSent, mentions[j])
		}
		if sent.Heading {
			critique = -1
			topic = sent.Text
			topicAbout = topicAbout[:0]
			for _, m := range inSent {
				if m.Kind == "concept" && !slices.Contains(topicAbout, m.Entity) {
					topicAbout = append(topicAbout, m.Entity)
				}
			}
		}
		inSent, current = x.addPronouns(runes, sent, inSent, current, speakers)
		for _, m := range inSent {
			if m.Pronoun {
				res.Mentions = append(res.Mentions, m)
			}
		}
		tok := x.tokenize(runes, sent, inSent)
		lowered := strings.ToLower(tok.s)
		for _, p := range x.packs {
			for _, r := range p.Rules {
				if opt.Only != nil && r != opt.Only {
					continue
				}
				if r.Confidence < opt.MinConfidence || !hasCue(lowered, r.Cues) {
					continue
				}
				for _, idx := range r.Re.FindAllStringSubmatchIndex(tok.s, -1) {
					slot := func(name string) (int, int, bool) {
						g := r.Re.SubexpIndex(name)
						if g < 0 || idx[2*g] < 0 {
							return 0, 0, false
						}
						return idx[2*g], idx[2*g+1], true
					}
					switch r.Kind {
					case rules.KindRelation:
						agent := current
						if s, _, ok := slot("agent"); ok {
							agent = tok.mentionAt(s).Entity
						}
						s, _, _ := slot("target")
						target := tok.mentionAt(s).Entity
						if agent == "" || target == "" || agent == target {
							continue
						}
						if !x.relationFits(r.Relation, agent, target) {
							continue
						}
						key := [3]string{r.Relation, agent, target}
						if _, dup := relSeen[key]; dup {
							continue
						}
						relSeen[key] = len(res.Relations)
						res.Relations = append(res.Relations, finding.Relation{
							Kind: r.Relation, From: agent, To: target,
							Evidence: argument.Span{Start: sent.Start, End: sent.End}, Quote: sent.Text,
							Rule: r.ID, Confidence: r.Confidence,
						})
					case rules.KindClaim:
						speaker := current
						named := false
						if s, _, ok := slot("speaker"); ok {
							speaker, named = tok.mentionAt(s).Entity, true
						}
						if r.Critique && !named {
							speaker = x.critics[p]
						}
						if speaker == "" || !x.canSpeak(speaker) {
							continue
						}
						var span argument.Span
						if r.WholeSentence {
							span = trimSpan(runes, argument.Span{Start: sent.Start, End: sent.End})
						} else {
							s, e, _ := slot("claim")
							span = trimSpan(runes, tok.span(s, e))
						}
						if span.End-span.Start < 2 || claimSeen[span] || particleStart(runes[span.Start]) {
							continue
						}
						claimSeen[span] = true
						claimText := string(runes[span.Start:span.End])
						about := append([]string(nil), topicAbout...)
						for _, m := range inSent {
							if m.Kind == "concept" && m.Span.Start >= span.Start && m.Span.End <= span.End && !slices.Contains(about, m.Entity) {
								about = append(about, m.Entity)
							}
						}
						sort.Strings(about)
						res.Claims = append(res.Claims, finding.Claim{
							ID: ClaimID(speaker, claimText), Speaker: speaker, Text: claimText,
							Span: span, Evidence: argument.Span{Start: sent.Start, End: sent.End},
							About: about, Topic: topic, Rule: r.ID, Confidence: r.Confidence,
						})
						ci := len(res.Claims) - 1
						pk := paraKey{sent.Paragraph, speaker}
						if r.Critique {
							critique = ci
							answered = map[string]bool{}
						}
						for _, l := range r.Links {
							switch {
							case l.To == rules.LinkCritique && critique >= 0 && !answered[speaker] && res.Claims[critique].Speaker != speaker:
								addRel(l.Relation, ci, critique, sent, r, l.Confidence)
								answered[speaker] = true
							case l.To == rules.LinkMain:
								if m, ok := mainClaim[pk]; ok {
									addRel(l.Relation, ci, m, sent, r, l.Confidence)
								}
							case l.From == rules.LinkPrevious:
								if prev, ok := prevClaim[pk]; ok {
									addRel(l.Relation, prev, ci, sent, r, l.Confidence)
								}
							}
						}
						if _, ok := mainClaim[pk]; !ok {
							mainClaim[pk] = ci
						}
						prevClaim[pk] = ci
					case rules.KindMention:
						s, e, _ := slot("name")
						span := trimSpan(runes, tok.span(s, e))
						name := string(runes[span.Start:span.End])
						if name == "" || strings.ContainsRune(tok.s[s:e], rune(rules.TokenBase)) {
							continue
						}
						res.Names = append(res.Names, finding.Name{Name: name, Kind: r.EntityKind, Span: span, Rule: r.ID, Confidence: r.Confidence})
					}
				}
			}
		}
	}
	res.Mentions = append(res.Mentions, mentions[mi:]...)
	sort.SliceStable(res.Mentions, func(i, j int) bool { return res.Mentions[i].Span.Start < res.Mentions[j].Span.Start })
	return res
}

// particleStart reports a claim that starts with a Chinese particle: the cue was
// part of a longer word or phrase (说的是, 说了), not a verb introducing a claim.
func particleStart(r rune) bool {
	switch r {
	case '的', '了', '过', '得', '着', '地':
		return true
	}
	return false
}

func hasCue(s string, cues []string) bool {
	if cues == nil {
		return true
	}
	for _, c := range cues {
		if strings.Contains(s, c) {
			return true
		}
	}
	return false
}

// ClaimID is the deterministic id of an extracted claim.
func ClaimID(speaker, text string) string {
	sum := sha1.Sum([]byte(speaker + "\x00" + text))
	return "x-" + hex.EncodeToString(sum[:5])
}

func (x *Extractor) kindOf(id string) string { return x.kindByID[id] }

func (x *Extractor) canSpeak(id string) bool {
	k := x.kindOf(id)
	return k != "" && x.asserts != nil && x.asserts.Allows(k, "claim")
}

func (x *Extractor) relationFits(kind, from, to string) bool {
	ek := x.schema.Edge(kind)
	return ek != nil && ek.Allows(x.kindOf(from), x.kindOf(to))
}

// addPronouns adds the sentence's pronouns, outside other mentions, each standing
// for the speaker of the source named last before it in the sentence, or else for
// current. It returns the mentions and the speaker the next sentence starts with.
// 其他 ("other") is not a pronoun.
func (x *Extractor) addPronouns(runes []rune, sent text.Sentence, inSent []finding.Mention, current string, speakers map[string]bool) ([]finding.Mention, string) {
	resolve := func(pos int) string {
		who := current
		for _, m := range inSent {
			if m.Span.Start >= pos {
				break
			}
			if speakers[m.Entity] {
				who = m.Entity
			}
		}
		return who
	}
	// The next sentence's pronouns stand for this sentence's subject: the first
	// speaker it names.
	end := current
	for _, m := range inSent {
		if speakers[m.Entity] {
			end = m.Entity
			break
		}
	}
	if len(x.pronouns) == 0 {
		return inSent, end
	}
	taken := make([]bool, sent.End-sent.Start)
	for _, m := range inSent {
		for i := m.Span.Start; i < m.Span.End; i++ {
			taken[i-sent.Start] = true
		}
	}
	seg := runes[sent.Start:sent.End]
	lower := []rune(strings.ToLower(string(seg)))
	if len(lower) != len(seg) {
		lower = seg
	}
	var add []finding.Mention
	for _, p := range x.pronouns {
		w := []rune(p.word)
		for i := 0; i+len(w) <= len(seg); i++ {
			if !runesEqual(lower[i:i+len(w)], w) || anyTaken(taken[i:i+len(w)]) {
				continue
			}
			if p.latin {
				if (i > 0 && isWordRune(seg[i-1])) || (i+len(w) < len(seg) && isWordRune(seg[i+len(w)])) {
					continue
				}
			} else if i > 0 && seg[i-1] == '其' {
				continue
			}
			who := resolve(sent.Start + i)
			if who == "" {
				continue
			}
			for k := i; k < i+len(w); k++ {
				taken[k] = true
			}
			add = append(add, finding.Mention{Entity: who, Kind: x.kindOf(who), Span: argument.Span{Start: sent.Start + i, End: sent.Start + i + len(w)}, Pronoun: true})
		}
	}
	if len(add) == 0 {
		return inSent, end
	}
	out := append(append([]finding.Mention(nil), inSent...), add...)
	sort.Slice(out, func(i, j int) bool { return out[i].Span.Start < out[j].Span.Start })
	return out, end
}

func runesEqual(a, b []rune) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func anyTaken(t []bool) bool {
	return slices.Contains(t, true)
}

func isWordRune(r rune) bool {
	return r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)) || unicode.In(r, unicode.Latin)
}

// tokenized is a sentence with each mention replaced by one token rune.
type tokenized struct {
	s string
	// start and end give, for each byte offset of s that begins a rune, the code
	// point span in the original text that the rune stands for (-1 elsewhere).
	start, end []int
	mentions   map[int]finding.Mention // by byte offset of the token
}

func (t *tokenized) mentionAt(byteOff int) finding.Mention { return t.mentions[byteOff] }

func (t *tokenized) span(s, e int) argument.Span {
	if s >= e {
		return argument.Span{Start: t.start[s], End: t.start[s]}
	}
	// e is the end of the last rune: find that rune's start.
	last := e - 1
	for last > s && t.start[last] < 0 {
		last--
	}
	return argument.Span{Start: t.start[s], End: t.end[last]}
}

func (x *Extractor) tokenize(runes []rune, sent text.Sentence, inSent []finding.Mention) *tokenized {
	t := &tokenized{mentions: map[int]finding.Mention{}}
	var b strings.Builder
	mark := func(off, start, end int) {
		for len(t.start) < off {
			t.start = append(t.start, -1)
			t.end = append(t.end, -1)
		}
		t.start = append(t.start, start)
		t.end = append(t.end, end)
	}
	perKind := map[int]int{}
	mi := 0
	for i := sent.Start; i < sent.End; {
		if mi < len(inSent) && inSent[mi].Span.Start == i {
			m := inSent[mi]
			k := slices.Index(x.kinds, m.Kind)
			if m.Pronoun {
				k = len(x.kinds)
			}
			n := perKind[k]
			perKind[k]++
			off := b.Len()
			if k >= 0 && n < rules.TokenBlock {
				b.WriteRune(rune(rules.TokenBase + k*rules.TokenBlock + n))
			} else {
				b.WriteRune(rune(rules.TokenBase + (len(x.kinds)+1)*rules.TokenBlock))
			}
			mark(off, m.Span.Start, m.Span.End)
			t.mentions[off] = m
			i = m.Span.End
			mi++
			continue
		}
		for mi < len(inSent) && inSent[mi].Span.Start < i {
			mi++
		}
		off := b.Len()
		b.WriteRune(runes[i])
		mark(off, i, i+1)
		i++
	}
	t.s = b.String()
	mark(len(t.s), sent.End, sent.End)
	return t
}

// trimSpan drops blanks and punctuation at both ends of a span, but keeps an opening
// quote whose closing quote is inside the span, and the other way round.
func trimSpan(runes []rune, sp argument.Span) argument.Span {
	s, e := sp.Start, sp.End
	inside := func(r rune) bool {
		for _, c := range runes[s:e] {
			if c == r {
				return true
			}
		}
		return false
	}
	for s < e {
		r := runes[s]
		if pair, quote := closing[r]; quote && inside(pair) {
			break
		}
		if !isEdgePunct(r) {
			break
		}
		s++
	}
	for e > s {
		r := runes[e-1]
		if pair, quote := opening[r]; quote && inside(pair) {
			break
		}
		if !isEdgePunct(r) {
			break
		}
		e--
	}
	return argument.Span{Start: s, End: e}
}

var (
	closing = map[rune]rune{'“': '”', '‘': '’', '「': '」', '（': '）', '(': ')'}
	opening = map[rune]rune{'”': '“', '’': '‘', '」': '「', '）': '（', ')': '('}
)

func isEdgePunct(r rune) bool {
	if unicode.IsSpace(r) {
		return true
	}
	switch r {
	case '，', ',', '。', '．', '.', '!', '！', '?', '？', ';', '；', '：', ':', '、', '“', '”', '"', '\'', '‘', '’', '「', '」':
		return true
	}
	return false
}
