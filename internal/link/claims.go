package link

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/cayleygraph/quad"

	"github.com/graphbuilder/graph/internal/entities"
	"github.com/graphbuilder/graph/internal/extract/gazetteer"
	"github.com/graphbuilder/graph/internal/vocab"
)

// Claim is a claim as the store holds it, with what it is about.
type Claim struct {
	// Source and ID name the claim: SOURCE/ID.
	Source, ID string
	// Date is its source's date (YYYY-MM-DD), or "".
	Date string
	Text string
	// Speaker is the entity id of its speaker.
	Speaker string
	// About are the entity ids of its <about> quads.
	About []string
}

// Ref is the claim's SOURCE/ID.
func (c *Claim) Ref() string { return c.Source + "/" + c.ID }

// Claims are the claims of a store and what [ResolveClaims] needs beside them.
type Claims struct {
	// List is sorted by source and id.
	List []Claim
	// Entities have the names and aliases that find mentions in claims' texts.
	Entities []Entity
	// Related holds the pairs of claims (SOURCE/ID, in either order) that an
	// argument relation of a source already joins.
	Related map[[2]string]bool
}

// ReadClaims gathers the claims of a store from its quads, and the entities whose
// names may occur in their texts, through [vocab.Decode]. Quads under
// [vocab.LinkLabel] are ignored.
func ReadClaims(qs []quad.Quad, isEntity func(kind string) bool) *Claims {
	kept := make([]quad.Quad, 0, len(qs))
	for _, q := range qs {
		if q.Label != vocab.LinkLabel {
			kept = append(kept, q)
		}
	}
	g := vocab.Decode(kept)
	about := map[string][]string{}
	for _, s := range g.Statements {
		if s.Predicate == string(vocab.About) {
			about[s.Subject] = append(about[s.Subject], s.Object)
		}
	}
	dates := map[string]string{}
	for _, s := range g.Sources {
		dates[s.ID] = s.Date
	}
	var out []Claim
	for _, c := range g.Claims {
		if c.ID == "" || c.Source == "" || c.Text == "" {
			continue
		}
		cl := Claim{Source: c.Source, ID: c.ID, Date: dates[c.Source], Text: c.Text, Speaker: c.Speaker}
		cl.About = uniq(append(slices.Clone(c.About), about[c.IRI]...))
		out = append(out, cl)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Ref() < out[j].Ref() })
	related := map[[2]string]bool{}
	for _, r := range g.Relations {
		fs, fid, ok1 := vocab.ClaimID(r.From)
		ts, tid, ok2 := vocab.ClaimID(r.To)
		if ok1 && ok2 {
			a, b := fs+"/"+fid, ts+"/"+tid
			related[[2]string{a, b}], related[[2]string{b, a}] = true, true
		}
	}
	return &Claims{List: out, Entities: Read(qs, isEntity), Related: related}
}

// ClaimPair is two claims of different sources that may say the same thing or
// answer each other: From Kind To.
type ClaimPair struct {
	From, To string // SOURCE/ID of each
	// Kind is the relation proposed (rephrases, rebuts or supports), or the one
	// a decision gives.
	Kind string
	// Score is from 0 to 1, to two decimals; Entities and Text its two parts.
	Score, Entities, Text float64
	Reason                string
	Status                Status
	// Decision is where a person decided the pair, if one did.
	Decision Decision
}

// Claim scoring. A pair's entity part is the weighted Jaccard overlap of what the
// two claims are about, mention by name or alias (in any script) and are said
// by, each entity weighted by how rare it is among the claims. Its text part, for
// two claims of one script, is the cosine of their TF-IDF vectors of content
// words (Latin script) and character bigrams (Han script). Claims in different
// scripts meet only through entities.
const (
	// weightAbout, weightMention and weightSpeaker weigh an entity by how the
	// claim holds it.
	weightAbout   = 1.0
	weightMention = 1.0
	weightSpeaker = 0.5
	// ProposeScore is the least score of a proposed pair of claims.
	ProposeScore = 0.25
	// rephraseText is the least text similarity at which a pair is proposed as
	// rephrases rather than supports.
	rephraseText = 0.5
	// MaxPerClaim bounds the proposals in which one claim takes part: the best
	// ones only.
	MaxPerClaim = 3
)

// claimFeatures are what a claim is compared by.
type claimFeatures struct {
	ents   map[string]float64 // entity id -> how the claim holds it
	tokens map[string]float64 // token -> tf-idf weight, normalised
	script string             // "han" or "latin"
	neg    bool               // says no
}

// ScoreClaims scores every pair of claims of different sources that share an
// entity or a token, and returns those at or above min, best first (ties by ids).
// es gives the names and aliases that find mentions in the claims' texts.
func ScoreClaims(cs []Claim, es []Entity, min float64) []ClaimPair {
	feats := claimFeaturesOf(cs, es)
	// Candidates share a feature; features held by very many claims say little.
	index := map[string][]int{}
	for i, f := range feats {
		for e := range f.ents {
			index["e "+e] = append(index["e "+e], i)
		}
		for t := range f.tokens {
			index["t "+t] = append(index["t "+t], i)
		}
	}
	type key struct{ a, b int }
	seen := map[key]bool{}
	var out []ClaimPair
	for _, members := range index {
		if len(members) > maxBlock {
			continue
		}
		for x := 0; x < len(members); x++ {
			for y := x + 1; y < len(members); y++ {
				i, j := members[x], members[y]
				if cs[i].Source == cs[j].Source || seen[key{i, j}] {
					continue
				}
				seen[key{i, j}] = true
				p := scorePair(&cs[i], &cs[j], &feats[i], &feats[j], es)
				if p.Score >= min {
					out = append(out, p)
				}
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		if a.From != b.From {
			return a.From < b.From
		}
		return a.To < b.To
	})
	return out
}

// scorePair scores claims a and b; the pair goes from the claim of the later
// source to that of the earlier one (by date, then id), as an answer follows what
// it answers.
func scorePair(a, b *Claim, fa, fb *claimFeatures, es []Entity) ClaimPair {
	var shared, union float64
	var names []string
	for e, w := range fa.ents {
		if v, ok := fb.ents[e]; ok {
			shared += math.Min(w, v)
			union += math.Max(w, v)
			names = append(names, e)
		} else {
			union += w
		}
	}
	for e, w := range fb.ents {
		if _, ok := fa.ents[e]; !ok {
			union += w
		}
	}
	ent := 0.0
	if union > 0 {
		ent = shared / union
	}
	text := 0.0
	if fa.script == fb.script {
		for t, w := range fa.tokens {
			text += w * fb.tokens[t]
		}
	}
	score := ent
	if fa.script == fb.script {
		score = (ent + text) / 2
	}
	from, to := a, b
	if from.Date < to.Date || from.Date == to.Date && from.Source < to.Source {
		from, to = to, from
	}
	p := ClaimPair{From: from.Ref(), To: to.Ref(), Score: round2(score), Entities: round2(ent), Text: round2(text)}
	switch {
	case fa.neg != fb.neg:
		p.Kind = "rebuts"
	case text >= rephraseText:
		p.Kind = "rephrases"
	default:
		p.Kind = "supports"
	}
	sort.Strings(names)
	var why []string
	if len(names) > 0 {
		why = append(why, "shared "+strings.Join(names, ", "))
	}
	if fa.script == fb.script {
		why = append(why, fmt.Sprintf("text %.2f", text))
	} else {
		why = append(why, "different scripts")
	}
	if fa.neg != fb.neg {
		why = append(why, "one says no")
	}
	p.Reason = strings.Join(why, "; ")
	return p
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }

// claimFeaturesOf computes the features of every claim.
func claimFeaturesOf(cs []Claim, es []Entity) []claimFeatures {
	var pats []gazetteer.Pattern
	for i, e := range es {
		for _, n := range e.Names {
			if len([]rune(strings.TrimSpace(n))) >= 2 {
				pats = append(pats, gazetteer.Pattern{Text: n, Value: int32(i)})
			}
		}
	}
	m, err := gazetteer.New(pats)
	if err != nil {
		m = nil // a name the gazetteer refuses; claims are compared without mentions
	}
	feats := make([]claimFeatures, len(cs))
	entDF := map[string]int{}
	tokDF := map[string]int{}
	tfs := make([]map[string]int, len(cs))
	for i := range cs {
		c := &cs[i]
		f := &feats[i]
		f.ents = map[string]float64{}
		hold := func(id string, w float64) {
			if w > f.ents[id] {
				f.ents[id] = w
			}
		}
		if c.Speaker != "" {
			hold(c.Speaker, weightSpeaker)
		}
		for _, a := range c.About {
			hold(a, weightAbout)
		}
		if m != nil {
			for _, mt := range m.FindAll(c.Text) {
				hold(es[mt.Value].ID, weightMention)
			}
		}
		for e := range f.ents {
			entDF[e]++
		}
		toks, script := tokenize(c.Text)
		f.script, f.neg = script, negates(c.Text, toks)
		tfs[i] = map[string]int{}
		for _, t := range toks {
			if tfs[i][t] == 0 {
				tokDF[t]++
			}
			tfs[i][t]++
		}
	}
	n := float64(len(cs))
	idf := func(df int) float64 { return math.Log((n + 1) / float64(df+1)) }
	for i := range feats {
		f := &feats[i]
		for e, w := range f.ents {
			f.ents[e] = w * idf(entDF[e])
		}
		f.tokens = map[string]float64{}
		var norm float64
		for t, k := range tfs[i] {
			w := (1 + math.Log(float64(k))) * idf(tokDF[t])
			f.tokens[t] = w
			norm += w * w
		}
		if norm > 0 {
			norm = math.Sqrt(norm)
			for t := range f.tokens {
				f.tokens[t] /= norm
			}
		}
	}
	return feats
}

// tokenize splits a claim's text into tokens: content words of Latin script,
// folded and without a plural s, and bigrams of Han characters (a single Han
// character between others is its own token). It tells the script most of the
// letters are in.
func tokenize(text string) ([]string, string) {
	text = entities.Fold(text)
	var toks []string
	var word []rune
	var han []rune
	hanCount, latinCount := 0, 0
	flushWord := func() {
		if len(word) > 0 {
			w := string(word)
			if !englishStop[w] && len(word) > 1 {
				if len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
					w = w[:len(w)-1]
				}
				toks = append(toks, w)
			}
			word = word[:0]
		}
	}
	flushHan := func() {
		switch {
		case len(han) == 1:
			toks = append(toks, string(han))
		case len(han) > 1:
			for i := 0; i+1 < len(han); i++ {
				toks = append(toks, string(han[i:i+2]))
			}
		}
		han = han[:0]
	}
	for _, r := range text {
		switch {
		case unicode.Is(unicode.Han, r):
			flushWord()
			han = append(han, r)
			hanCount++
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'':
			flushHan()
			if r != '\'' {
				word = append(word, r)
				latinCount++
			}
		default:
			flushWord()
			flushHan()
		}
	}
	flushWord()
	flushHan()
	// A Han character carries about as much as a short word.
	if hanCount*3 >= latinCount {
		return toks, "han"
	}
	return toks, "latin"
}

// negates reports whether a claim says no: a negation among its words, or a
// Chinese negation in its text.
func negates(text string, toks []string) bool {
	for _, w := range strings.FieldsFunc(entities.Fold(text), func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' }) {
		if englishNeg[w] || strings.HasSuffix(w, "n't") {
			return true
		}
	}
	for _, n := range chineseNeg {
		if strings.Contains(text, n) {
			return true
		}
	}
	return false
}

var englishNeg = map[string]bool{"not": true, "no": true, "never": true, "nothing": true, "cannot": true, "neither": true, "nor": true, "nobody": true, "none": true}

var chineseNeg = []string{"不", "没有", "没", "并非", "无法", "未", "别"}

// englishStop are function words, left out of the text comparison.
var englishStop = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a an the of and or but if then than that this these those
		in on at to for from by with about into over under as is are was were be been being
		it its it's they them their there he she his her we our you your i me my
		do does did doing have has had having will would shall should can could may might must
		not no never so such very more most less much many any all some each every
		what which who whom whose when where why how also just only even still too
		up out off again further once here both few other own same s t don now`) {
		m[w] = true
	}
	return m
}()
