package extract

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/graphbuilder/graph/internal/extract/finding"
)

// What a dialogue's shape says beyond its cue words. Most argument relations
// in a debate have no marker: a guest answers the other guest's point, or gives
// reasons for their own, and says neither "because" nor "I disagree". Once the
// rules have run, the turns give six weaker findings:
//
//   - a host's unmarked statements set up the next question: they are no
//     claims (the fallback's claims of a host are dropped unless a relation
//     starts from them, with the relations that reach them), nor is a
//     statement broken off by an interruption;
//   - a turn's first claim that grants a point (the packs' concessions:
//     "I'll grant", 确实) supports the claim it answers, and the turn's next
//     claim with a contrast rebuts that claim;
//   - a turn's first claim that answers another speaker's claim in the turn
//     or two before (see [answeredClaim]) and holds a word of the packs'
//     contrasts ("not", "but", 不, 但是) rebuts it;
//   - a turn's first claim with no contrast that shares two content words or
//     more with a claim of another guest over the six turns before
//     ([sharedEarlier]) rebuts the one it shares most with; failing both, a
//     first claim right after another guest's turn rebuts the claim of it
//     that it answers;
//   - a claim that names an entity at its start and holds one of the packs'
//     negatives ("harms", "unfair", 伤害) criticizes the entity, and a turn's
//     point cued as the speaker's view that names a concept at its start,
//     with no negative or contrast, endorses it ([Extractor.endorseNamed]);
//   - the claims of a turn near its point (two before it, two after), with
//     no link of their own, support the point: its surest claim, when a cue
//     or a curated concept made it surer than a plain statement, else its
//     first claim ("I think a shorter week is the cheapest
//     retention policy" after the evidence for it, or before).
//
// On the curated dialogues and on QT30 these relations are right less often
// than marked ones (QT30: of adjacent locutions of two speakers, one in twenty
// is a conflict, one in nine when the second holds a negation), so they get
// less confidence ([shapeSupport], [shapeRebut]) and --min-confidence 0.5
// leaves them out.
const (
	shapeSupport    = 0.4
	shapeRebut      = 0.45
	shapeCriticizes = 0.45
	shapeEndorses   = 0.4
	// stanceConfidence is the least confidence of a turn's point that says its
	// speaker's stance: a view cued as the speaker's own ("I think", "我认为").
	stanceConfidence = 0.7
	// shapeAnswer is the confidence of a rebuttal found by shared words
	// alone, with no contrast ([answerShared]).
	shapeAnswer = 0.4
	// shapeReply is the confidence of a rebuttal found by the turns' order
	// alone: a guest's first claim after another guest's turn.
	shapeReply = 0.35
	// answerShared is how many content tokens ([contentTokens]) a turn's first
	// claim must share with an earlier claim of another guest to answer it.
	answerShared = 2
	// subjectReach is how far into a claim, in characters, the entity it is
	// said of is named.
	subjectReach = 12
	// pointConfidence is the least confidence of a claim a turn's later claims
	// support: a cued claim, or a statement naming a curated concept.
	pointConfidence = 0.55
	// supportReach is how many claims before or after a turn's point may
	// support it unmarked.
	supportReach = 2
)

// settleDialogue applies the shape of the turns to res (see above). hosts are the
// dialogue's hosts ([hostsOf]).
func (x *Extractor) settleDialogue(res *finding.Result, opt Options, hosts map[string]bool) {
	if len(opt.Turns) == 0 || len(res.Claims) == 0 {
		return
	}
	fallback, markers, critiques := map[string]bool{}, map[string]bool{}, map[string]bool{}
	var contrasts, negatives, concessions []string
	for _, p := range x.packs {
		for _, r := range p.Rules {
			fallback[r.ID] = r.Fallback
			markers[r.ID] = r.Marker
			critiques[r.ID] = r.Critique
		}
		for _, c := range p.Contrasts {
			contrasts = append(contrasts, strings.ToLower(c))
		}
		for _, n := range p.Negatives {
			negatives = append(negatives, strings.ToLower(n))
		}
		for _, c := range p.Concessions {
			concessions = append(concessions, strings.ToLower(c))
		}
	}
	speakers := map[string]bool{}
	for _, t := range opt.Turns {
		speakers[t.Speaker] = true
	}
	// The turn of each claim, a speaker's consecutive utterances taken as one;
	// -1 for a claim outside turns or not by the turn's speaker.
	group := make([]int, len(opt.Turns))
	for i, t := range opt.Turns {
		group[i] = i
		if i > 0 && t.Speaker != "" && t.Speaker == opt.Turns[i-1].Speaker {
			group[i] = group[i-1]
		}
	}
	turnsOf := func() []int {
		claimTurn := make([]int, len(res.Claims))
		for i, c := range res.Claims {
			claimTurn[i] = -1
			ti := sort.Search(len(opt.Turns), func(k int) bool { return opt.Turns[k].Span.End > c.Evidence.Start })
			if ti < len(opt.Turns) && opt.Turns[ti].Span.Start <= c.Evidence.Start && opt.Turns[ti].Speaker == c.Speaker {
				claimTurn[i] = group[ti]
			}
		}
		return claimTurn
	}
	claimTurn := turnsOf()
	passMarkers(res, claimTurn, markers)

	// A host's fallback statement stays a claim only when the host argues
	// from it; a guest's reply aimed at it answers the question it set up.
	// A statement broken off by an interruption claims nothing yet.
	argues := map[string]bool{}
	for _, r := range res.Relations {
		argues[r.From] = true
	}
	dropped := map[string]bool{}
	kept := res.Claims[:0]
	for _, c := range res.Claims {
		if fallback[c.Rule] && (hosts[c.Speaker] && !argues[c.ID] || cutOff(c.Text)) {
			dropped[c.ID] = true
			continue
		}
		kept = append(kept, c)
	}
	res.Claims = kept
	if len(dropped) > 0 {
		rels := res.Relations[:0]
		for _, r := range res.Relations {
			if !dropped[r.From] && !dropped[r.To] {
				rels = append(rels, r)
			}
		}
		res.Relations = rels
	}
	claimTurn = turnsOf()

	speakerOf := make(map[string]string, len(res.Claims))
	for _, c := range res.Claims {
		speakerOf[c.ID] = c.Speaker
	}
	out := map[string]bool{}       // claims a relation starts from
	joined := map[[2]string]bool{} // claims a relation joins, either way
	seen := map[[3]string]bool{}
	rebutting := map[string]bool{} // claims a rebuttal starts from
	replying := map[string]bool{}  // claims with a relation to another speaker's claim
	note := func(kind, from, to string) {
		out[from] = true
		rebutting[from] = rebutting[from] || kind == "rebuts"
		if sp, ok := speakerOf[to]; ok && sp != speakerOf[from] {
			replying[from] = true
		}
		joined[[2]string{from, to}], joined[[2]string{to, from}] = true, true
		seen[[3]string{kind, from, to}] = true
	}
	for _, r := range res.Relations {
		note(r.Kind, r.From, r.To)
	}
	add := func(kind string, from, to int, conf float64) {
		a, b := res.Claims[from], res.Claims[to]
		if conf < opt.MinConfidence || a.ID == b.ID || seen[[3]string{kind, a.ID, b.ID}] || joined[[2]string{a.ID, b.ID}] {
			return
		}
		note(kind, a.ID, b.ID)
		res.Relations = append(res.Relations, finding.Relation{
			Kind: kind, From: a.ID, To: b.ID, FromSpan: a.Span, ToSpan: b.Span,
			Evidence: a.Evidence, Quote: a.Text, Rule: "dialogue." + kind, Confidence: conf,
		})
	}
	// The claims of each turn of a speaker who is not a host, in order.
	var turns [][]int
	var turnOf []int
	for i := range res.Claims {
		tg := claimTurn[i]
		if tg < 0 || hosts[res.Claims[i].Speaker] {
			continue
		}
		if n := len(turnOf); n > 0 && turnOf[n-1] == tg {
			turns[n-1] = append(turns[n-1], i)
			continue
		}
		turns = append(turns, []int{i})
		turnOf = append(turnOf, tg)
	}
	for k, cs := range turns {
		first := cs[0]
		// The claim a turn's first claim answers: the other guest's, in the
		// turn before or two before (a host's question may stand between).
		answers := -1
		if k > 0 && turnOf[k]-turnOf[k-1] <= 2 {
			prev := turns[k-1]
			if to := prev[len(prev)-1]; res.Claims[to].Speaker != res.Claims[first].Speaker {
				answers = answeredClaim(res.Claims, claimTurn, first, to)
			}
		}
		// A first claim that grants a point supports what it answers (the
		// claim it shares most with, or the other guest's latest), and the
		// turn's next claim with a contrast takes the point back: "That's
		// fair for Tuesdays. But spring weekends are the opposite."
		if !out[res.Claims[first].ID] && holdsWord(res.Claims[first].Text, concessions) {
			to := answers
			if t, n := sharedEarlier(res.Claims, claimTurn, first, hosts); t >= 0 && n >= answerShared {
				to = t
			}
			if to >= 0 {
				add("supports", first, to, shapeAnswer)
				for _, c := range cs[1:] {
					if !out[res.Claims[c].ID] && holdsWord(res.Claims[c].Text, contrasts) {
						add("rebuts", c, to, shapeAnswer)
						break
					}
				}
			}
		}
		if answers >= 0 && !out[res.Claims[first].ID] && holdsWord(res.Claims[first].Text, contrasts) {
			add("rebuts", first, answers, shapeRebut)
		}
		// Without a contrast, a first claim that takes up the words of another
		// guest's claim of the turns just before answers it, and in a debate
		// an answer is more often an objection than assent. A critique voiced
		// in a question is put to the guest, not answered.
		if k > 0 && !out[res.Claims[first].ID] && !critiques[res.Claims[first].Rule] {
			if to, n := sharedEarlier(res.Claims, claimTurn, first, hosts); to >= 0 && n >= answerShared {
				add("rebuts", first, to, shapeAnswer)
			}
		}
		// With neither, a guest's first claim after the other guest's turn
		// still answers it, and answers in a debate mostly object; unless the
		// turn already answers (a reply marker, "I'll back you on that").
		if answers >= 0 && !out[res.Claims[first].ID] && !critiques[res.Claims[first].Rule] && !answersAlready(res.Claims, cs, markers, replying) {
			add("rebuts", first, answers, shapeReply)
		}
		for _, c := range cs {
			x.criticizeNamed(res, res.Claims[c], negatives, speakers, seen, opt.MinConfidence)
		}
		// The turn's point: its surest claim, if a cue or a curated concept made
		// it surer than a plain statement; the first of equals. A reply marker
		// answers, it makes no point.
		point := -1
		for _, c := range cs {
			if conf := res.Claims[c].Confidence; conf >= pointConfidence && !markers[res.Claims[c].Rule] && (point < 0 || conf > res.Claims[point].Confidence) {
				point = c
			}
		}
		// A turn with no surer claim opens with its point, an answer, and
		// gives the reasons for it after.
		if point < 0 && (len(cs) > 1 || rebutting[res.Claims[first].ID]) {
			point = first
		}
		if point < 0 {
			continue
		}
		if res.Claims[point].Confidence >= stanceConfidence && !critiques[res.Claims[point].Rule] {
			x.endorseNamed(res, res.Claims[point], contrasts, negatives, speakers, seen, opt.MinConfidence)
		}
		// Only the claims near the point: in a long turn the speaker moves on
		// to other things, which the point does not rest on.
		pi := slices.Index(cs, point)
		for i, c := range cs {
			if c != point && !out[res.Claims[c].ID] && !markers[res.Claims[c].Rule] && i-pi <= supportReach && pi-i <= supportReach {
				add("supports", c, point, shapeSupport)
			}
		}
	}
}

// passMarkers drops the claims of reply markers ([rules.Rule.Marker]) whose
// speaker makes another claim later in the turn, and moves their relations to
// that claim, keeping the marker as their evidence: "I don't accept that it's a
// tax on the poor. The people who drive in at peak hours are better off." rebuts
// with its second sentence.
func passMarkers(res *finding.Result, claimTurn []int, markers map[string]bool) {
	next := map[string]int{}
	for i, c := range res.Claims {
		// A marker that goes on past a comma says more than that it answers
		// ("有道理，所以我一直主张分级监管"): it stays a claim.
		if !markers[c.Rule] || claimTurn[i] < 0 || strings.ContainsAny(vocativeDropped(res.Mentions, c), ",，;；:：") {
			continue
		}
		for j := i + 1; j < len(res.Claims) && (claimTurn[j] < 0 || claimTurn[j] <= claimTurn[i]); j++ {
			if claimTurn[j] == claimTurn[i] {
				next[c.ID] = j
				break
			}
		}
	}
	if len(next) == 0 {
		return
	}
	// A marker may pass to another marker, which passes on in turn.
	resolve := func(id string) (int, bool) {
		j, ok := next[id]
		for ok {
			k, more := next[res.Claims[j].ID]
			if !more {
				break
			}
			j = k
		}
		return j, ok
	}
	seen := map[[3]string]bool{}
	rels := res.Relations[:0]
	for _, r := range res.Relations {
		if j, ok := resolve(r.From); ok {
			r.From, r.FromSpan = res.Claims[j].ID, res.Claims[j].Span
		}
		if j, ok := resolve(r.To); ok {
			r.To, r.ToSpan = res.Claims[j].ID, res.Claims[j].Span
		}
		key := [3]string{r.Kind, r.From, r.To}
		if r.From == r.To || seen[key] {
			continue
		}
		seen[key] = true
		rels = append(rels, r)
	}
	res.Relations = rels
	kept := res.Claims[:0]
	for _, c := range res.Claims {
		if _, ok := next[c.ID]; !ok {
			kept = append(kept, c)
		}
	}
	res.Claims = kept
}

// mentionsAtStart are the mentions, sorted by where they start, that start in
// the first [subjectReach] characters of c: what c is said of.
func mentionsAtStart(mentions []finding.Mention, c finding.Claim) []finding.Mention {
	i := sort.Search(len(mentions), func(k int) bool { return mentions[k].Span.Start >= c.Span.Start })
	j := sort.Search(len(mentions), func(k int) bool { return mentions[k].Span.Start > c.Span.Start+subjectReach })
	if j < i {
		return nil
	}
	return mentions[i:j]
}

// vocativeDropped is c's text without the name it opens by addressing ("Priya,
// that's a fair point", "郑女士，这话我得泼点冷水"): the comma after a vocative
// does not make a marker say more.
func vocativeDropped(mentions []finding.Mention, c finding.Claim) string {
	for _, m := range mentionsAtStart(mentions, c) {
		if m.Span.Start != c.Span.Start || m.Pronoun || m.Kind != "person" {
			continue
		}
		rest := []rune(c.Text)[min(m.Span.End-c.Span.Start, utf8.RuneCountInString(c.Text)):]
		if len(rest) > 0 && (rest[0] == ',' || rest[0] == '，') {
			return string(rest[1:])
		}
	}
	return c.Text
}

// criticizeNamed adds that c's speaker criticizes the entity c names at its
// start (within [subjectReach] characters: what the claim is said of) when c
// holds one of the negatives ("The charge punishes small businesses",
// "现在的派单算法把风险全部推给了骑手"). A speaker of the dialogue is not criticized
// so: a claim against a speaker is an answer to their claim. seen holds the
// relations already found, speakers the dialogue's.
func (x *Extractor) criticizeNamed(res *finding.Result, c finding.Claim, negatives []string, speakers map[string]bool, seen map[[3]string]bool, minConf float64) {
	if shapeCriticizes < minConf || !holdsWord(c.Text, negatives) {
		return
	}
	for _, m := range mentionsAtStart(res.Mentions, c) {
		if m.Pronoun || m.Span.End > c.Span.End {
			continue
		}
		key := [3]string{"criticizes", c.Speaker, m.Entity}
		if m.Entity == c.Speaker || seen[key] || speakers[m.Entity] || !x.edgeAllows("criticizes", x.kindOf(c.Speaker), m.Kind) {
			continue
		}
		seen[key] = true
		res.Relations = append(res.Relations, finding.Relation{
			Kind: "criticizes", From: c.Speaker, To: m.Entity,
			Evidence: c.Evidence, Quote: c.Text, Rule: "dialogue.criticizes", Confidence: shapeCriticizes,
		})
	}
}

// holdsWord reports whether s holds one of the words: a Latin word as a whole
// word (one starting with an apostrophe-less "n'" also as the end of a word, so
// "n't" finds "don't"), a Chinese one anywhere.
func holdsWord(s string, words []string) bool {
	low := strings.ToLower(strings.ReplaceAll(s, "’", "'"))
	fields := strings.FieldsFunc(low, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' })
	for _, w := range words {
		if !isLatinWord(strings.ReplaceAll(w, "'", "")) {
			if strings.Contains(low, w) {
				return true
			}
			continue
		}
		for _, f := range fields {
			if f == w || strings.HasPrefix(w, "n'") && strings.HasSuffix(f, w) {
				return true
			}
		}
	}
	return false
}

// hostsOf finds the host of a dialogue. A turn label that holds one of the
// packs' words for the role (labels, lowercased: "MODERATOR", "主持人") names
// the host, whatever the turns say; with none, the host is read from the turns:
// of the speakers with two turns or more of which at least half hold a
// question, the one with the most turns that end in a question, handing the
// floor on (the first to speak of equals). A guest asks too, but rhetorically,
// mid-turn, and goes on to answer ("And who enforces that? I've had signs up
// for ten years."); a host's statements set up the question that closes the
// turn. A dialogue read so has one host; none when no speaker closes a turn
// with a question.
func hostsOf(txt string, turns []Turn, labels []string) map[string]bool {
	named := map[string]bool{}
	for _, t := range turns {
		if t.Speaker != "" && t.Label != "" && holdsWord(t.Label, labels) {
			named[t.Speaker] = true
		}
	}
	if len(named) > 0 {
		return named
	}
	if len(turns) == 0 {
		return nil
	}
	total, asking, closing, first := map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}
	ti, pos := 0, 0
	asked := false
	var last, before rune // the turn's last two runes that are not blank or closing marks
	// next counts turn ti, whose text has been read, and moves to the next.
	next := func() {
		if sp := turns[ti].Speaker; sp != "" {
			if _, ok := first[sp]; !ok {
				first[sp] = ti
			}
			total[sp]++
			closes := endsQuestion(before, last)
			if asked || closes {
				asking[sp]++
			}
			if closes {
				closing[sp]++
			}
		}
		ti++
		asked = false
		last, before = 0, 0
	}
	for _, r := range txt {
		for ti < len(turns) && pos >= turns[ti].Span.End {
			next()
		}
		if ti < len(turns) && pos >= turns[ti].Span.Start {
			if r == '?' || r == '？' {
				asked = true
			}
			if !unicode.IsSpace(r) && !strings.ContainsRune(`"'”’»」』)）`, r) {
				before, last = last, r
			}
		}
		pos++
	}
	for ti < len(turns) {
		next()
	}
	host := ""
	for sp, n := range total {
		if n < 2 || 2*asking[sp] < n || closing[sp] == 0 {
			continue
		}
		if host == "" || closing[sp] > closing[host] || closing[sp] == closing[host] && first[sp] < first[host] {
			host = sp
		}
	}
	if host == "" {
		return map[string]bool{}
	}
	return map[string]bool{host: true}
}

// endsQuestion reports whether a turn whose last two marks are before and last
// ends in a question: a question mark, or a Chinese question particle (吗, 呢)
// before the end.
func endsQuestion(before, last rune) bool {
	switch last {
	case '?', '？':
		return true
	case '吗', '呢':
		return true
	case '。', '.', '…', '—', '-':
		return before == '吗' || before == '呢'
	}
	return false
}

// endorseNamed adds that c's speaker endorses the concept or product c names
// at its start when c, the point of a turn a cue made ("I think the cap is the
// only lever the council has", "我认为分级监管是唯一的出路"), holds no negative and no
// contrast: a speaker who argues for a thing in their own voice is for it.
func (x *Extractor) endorseNamed(res *finding.Result, c finding.Claim, contrasts, negatives []string, speakers map[string]bool, seen map[[3]string]bool, minConf float64) {
	if shapeEndorses < minConf || holdsWord(c.Text, negatives) || holdsWord(c.Text, contrasts) {
		return
	}
	for _, m := range mentionsAtStart(res.Mentions, c) {
		if m.Pronoun || m.Span.End > c.Span.End {
			continue
		}
		if m.Kind != "concept" && m.Kind != "product" {
			continue
		}
		key := [3]string{"endorses", c.Speaker, m.Entity}
		if seen[key] || speakers[m.Entity] || seen[[3]string{"criticizes", c.Speaker, m.Entity}] || !x.edgeAllows("endorses", x.kindOf(c.Speaker), m.Kind) {
			continue
		}
		seen[key] = true
		res.Relations = append(res.Relations, finding.Relation{
			Kind: "endorses", From: c.Speaker, To: m.Entity,
			Evidence: c.Evidence, Quote: c.Text, Rule: "dialogue.endorses", Confidence: shapeEndorses,
		})
		return
	}
}

// cutOff reports whether a sentence breaks off with a dash: an interrupted
// speaker ("Fifteen years is what they said about the line, and —") has not
// said what the sentence was going to claim.
func cutOff(s string) bool {
	s = strings.TrimRightFunc(s, unicode.IsSpace)
	return strings.HasSuffix(s, "—") || strings.HasSuffix(s, "–") || strings.HasSuffix(s, "--")
}

// answersAlready reports whether the turn of claims cs holds a reply marker or
// a claim with a relation to another speaker's claim (replying).
func answersAlready(claims []finding.Claim, cs []int, markers, replying map[string]bool) bool {
	for _, c := range cs {
		if markers[claims[c].Rule] || replying[claims[c].ID] {
			return true
		}
	}
	return false
}
