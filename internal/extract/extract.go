package extract

import (
	"bufio"
	"crypto/sha1"
	"encoding/hex"
	"errors"
	"io"
	"iter"
	"math"
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
	// selves are first-person pronouns and addressees second-person ones, which
	// stand for a turn's speaker and the one spoken to.
	selves     []pronoun
	addressees []pronoun
	fillers    []string
	asserts    *schema.EdgeKind
	critics    map[*rules.Pack]string
	kindByID   map[string]string
	genderByID map[string]string
	// cues finds which rules of the packs, in order, a sentence may match.
	cues *cueIndex
	// hostLabels are the packs' words for a host's role in a turn label.
	hostLabels []string
	// pronounIx finds where the selves, addressees and pronouns are written.
	pronounIx *pronounIndex
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
	word string
	// runes are the word's.
	runes []rune
	latin bool
	// feminine and masculine pronouns stand only for persons of that gender
	// or of none said; plural ones for groups, companies and organizations.
	feminine, masculine, plural bool
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
	var all []*rules.Rule
	for _, p := range packs {
		all = append(all, p.Rules...)
	}
	x.cues = newCueIndex(all)
	for _, p := range packs {
		for _, h := range p.Hosts {
			x.hostLabels = append(x.hostLabels, strings.ToLower(h))
		}
	}
	x.kindByID = make(map[string]string, len(ents))
	x.genderByID = map[string]string{}
	for _, e := range ents {
		x.kindByID[e.ID] = e.Kind
		if e.Gender != "" {
			x.genderByID[e.ID] = e.Gender
		}
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
	add := func(dst *[]pronoun, words []string) {
		for _, w := range words {
			w = strings.ToLower(w)
			if !seen[w] {
				seen[w] = true
				*dst = append(*dst, pronoun{word: w, runes: []rune(w), latin: isLatinWord(w)})
			}
		}
	}
	for _, p := range packs {
		add(&x.selves, p.Self)
		add(&x.addressees, p.Addressee)
		add(&x.pronouns, p.Pronouns)
		for i := range x.pronouns {
			pr := &x.pronouns[i]
			pr.feminine = pr.feminine || containsFold(p.Feminine, pr.word)
			pr.masculine = pr.masculine || containsFold(p.Masculine, pr.word)
			pr.plural = pr.plural || containsFold(p.Plural, pr.word)
		}
		for _, f := range p.Fillers {
			x.fillers = append(x.fillers, strings.ToLower(f))
		}
	}
	// Longer pronouns first, so 他们 is taken before 他.
	for _, ps := range [][]pronoun{x.pronouns, x.selves, x.addressees} {
		sort.SliceStable(ps, func(i, j int) bool { return len(ps[i].word) > len(ps[j].word) })
	}
	x.pronounIx = newPronounIndex(x.selves, x.addressees, x.pronouns)
	return x, nil
}

func containsFold(list []string, w string) bool {
	for _, v := range list {
		if strings.ToLower(v) == w {
			return true
		}
	}
	return false
}

// collective kinds are what a plural pronoun (they, 他们) stands for.
func collective(kind string) bool {
	return kind == "group" || kind == "company" || kind == "organization"
}

// pronounFits reports whether p may stand for the entity id: a gendered pronoun
// for a person whose gender is unknown or its own, a plural one for a group,
// company or organization, and any other for anyone.
func (x *Extractor) pronounFits(id string, p pronoun) bool {
	if id == "" {
		return false
	}
	if p.plural {
		return collective(x.kindOf(id))
	}
	if p.feminine || p.masculine {
		if k := x.kindOf(id); k != "person" && k != "" {
			return false
		}
		switch x.genderByID[id] {
		case "female":
			return p.feminine
		case "male":
			return p.masculine
		}
	}
	return true
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
	// Turns are the speaker turns of a dialogue, in the order of the text. Inside
	// a turn with a speaker, that speaker says what no one else is named saying,
	// first-person pronouns stand for them, and dialogue rules apply.
	Turns []Turn
	// ChunkBytes is the size of the pieces the text is read in, cut after a
	// line break; 0 means DefaultChunkBytes.
	ChunkBytes int
	// inOrder scans each piece only when it is read, on the run's goroutine
	// (see [Extractor.scans]).
	inOrder bool
	// plain reads no sentence ahead: each is tokenized and matched as it is
	// read, the reference reading ahead must agree with.
	plain bool
	// reused, when set, counts the sentences whose reading ahead was used
	// rather than done again (for tests).
	reused *int
}

// DefaultChunkBytes is the size of the pieces [Extractor.Run] reads a text in.
const DefaultChunkBytes = 1 << 20

// window is the piece of the text being read: its runes, and the code point
// offset of the first in the whole text, so that spans stay whole-text offsets.
type window struct {
	base int
	r    []rune
}

func (w window) at(i int) rune         { return w.r[i-w.base] }
func (w window) slice(s, e int) []rune { return w.r[s-w.base : e-w.base] }
func (w window) end() int              { return w.base + len(w.r) }

// pieces yields txt in pieces of about size bytes, each cut just after a line
// break (a line longer than size stays whole), so no sentence, mention or turn
// label is cut.
func pieces(txt string, size int) iter.Seq[string] {
	if size <= 0 {
		size = DefaultChunkBytes
	}
	return func(yield func(string) bool) {
		for len(txt) > 0 {
			n := len(txt)
			if n > size {
				if i := strings.IndexByte(txt[size:], '\n'); i >= 0 {
					n = size + i + 1
				}
			}
			if !yield(txt[:n]) {
				return
			}
			txt = txt[n:]
		}
	}
}

// readPieces yields the text r reads in the pieces [pieces] cuts a string in,
// each a string of its own; a read error ends the pieces and is kept in err.
func readPieces(r io.Reader, size int, err *error) iter.Seq[string] {
	if size <= 0 {
		size = DefaultChunkBytes
	}
	return func(yield func(string) bool) {
		br := bufio.NewReader(r)
		buf := make([]byte, size)
		for {
			n, e := io.ReadFull(br, buf[:size])
			piece := buf[:n]
			if e == nil {
				// Then the rest of the line, up to and with its line break.
				for {
					line, e2 := br.ReadSlice('\n')
					piece = append(piece, line...)
					if e2 != bufio.ErrBufferFull {
						if e2 != io.EOF {
							e = e2
						}
						break
					}
				}
			} else if e == io.EOF || e == io.ErrUnexpectedEOF {
				e = nil
			}
			if e != nil {
				*err = e
				return
			}
			if len(piece) == 0 || !yield(string(piece)) {
				return
			}
			buf = piece[:cap(piece)]
		}
	}
}

// Turn is one speaker turn of a dialogue.
type Turn struct {
	// Span is the turn's text.
	Span argument.Span
	// Speaker is the entity id of who speaks; "" when the label names no entity.
	Speaker string
	// Label is the turn's speaker label as written ("MODERATOR", "主持人").
	Label string
}

// Run extracts from text. Offsets in the result are code point offsets into text.
//
// The text is read a piece of whole lines at a time (see [Options.ChunkBytes]),
// and scanned in parts of those pieces, a few ahead of the sentence being read
// on other goroutines (see [Extractor.scans]): only those parts are held as
// runes, with their sentences, mentions and matches, so memory beyond the text
// and the findings stays bounded. What a sentence finds does not depend on
// where the pieces are cut.
func (x *Extractor) Run(txt string, opt Options) *finding.Result {
	res := &finding.Result{}
	x.run(pieces(txt, opt.ChunkBytes), hostsOf(txt, opt.Turns, x.hostLabels), opt, res, func(piece *finding.Result) {
		res.Mentions = append(res.Mentions, piece.Mentions...)
		res.Names = append(res.Names, piece.Names...)
	})
	return res
}

// ErrTurnsNeedText is returned by [Extractor.Stream] for options with turns: who
// hosts a dialogue is known only from the whole text.
var ErrTurnsNeedText = errors.New("extract: a dialogue's turns need the whole text (Run)")

// Stream extracts from the text src reads, as [Extractor.Run] does from a string,
// without holding the text or what later text cannot change: src is read a piece
// of whole lines at a time (what a finding keeps of a piece's text is copied out
// of it), and each piece's mentions and new names go to found
// as soon as the piece is read, in the order Run lists them, and not into the
// result, which holds the claims and relations. What found receives is reused
// once it returns. opt.Turns must be empty ([ErrTurnsNeedText]). The text must be
// valid UTF-8.
func (x *Extractor) Stream(src io.Reader, opt Options, found func(*finding.Result)) (*finding.Result, error) {
	if len(opt.Turns) > 0 {
		return nil, ErrTurnsNeedText
	}
	res := &finding.Result{}
	var err error
	x.run(readPieces(src, opt.ChunkBytes, &err), nil, opt, res, found)
	if err != nil {
		return nil, err
	}
	return res, nil
}

// run extracts from the text the pieces make up, into res but for each piece's
// mentions (in text order) and new names, which go to emit once the piece is
// read. hosts are the dialogue's hosts (see hostsOf).
func (x *Extractor) run(src iter.Seq[string], hosts map[string]bool, opt Options, res *finding.Result, emit func(*finding.Result)) {
	var mentions []finding.Mention
	// out is what the piece being read has found for emit.
	out := &finding.Result{}
	speakers := map[string]bool{}
	for _, s := range opt.Speakers {
		speakers[s] = true
	}
	for _, t := range opt.Turns {
		if t.Speaker != "" {
			speakers[t.Speaker] = true
		}
	}
	current := ""
	if len(opt.Speakers) > 0 {
		current = opt.Speakers[0]
	}
	var topic string
	var topicAbout []string
	// claimSeen are the spans of the sentence's claims: a claim lies inside its
	// sentence, so no other sentence has the same span.
	claimSeen := map[argument.Span]bool{}
	relSeen := map[[3]string]int{}
	// Discourse state for claim links: the latest critique and who has answered
	// it, and per unit (a paragraph, or a turn of a dialogue) each speaker's first
	// and latest claim.
	critique := -1
	answered := map[string]bool{}
	type unitKey struct {
		unit    int
		speaker string
	}
	mainClaim := map[unitKey]int{}
	prevClaim := map[unitKey]int{}
	// claimTurn is the turn of each claim, -1 outside turns.
	var claimTurn []int
	latestOf := map[string]int{}
	addRel := func(kind string, from, to int, sent text.Sentence, r *rules.Rule, conf float64) {
		if conf < opt.MinConfidence || from < 0 || to < 0 {
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
			Evidence: argument.Span{Start: sent.Start, End: sent.End}, Quote: strings.Clone(sent.Text),
			Rule: r.ID, Confidence: conf,
		})
	}
	// addReply adds a relation between speakers' claims: from answers the claim
	// of to's speaker it talks about, which need not be the latest (see
	// answeredClaim).
	addReply := func(kind string, from, to int, sent text.Sentence, r *rules.Rule, conf float64) {
		addRel(kind, from, answeredClaim(res.Claims, claimTurn, from, to), sent, r, conf)
	}
	// waiting are relations whose from-claim is the next claim of a speaker in
	// a unit: a verb rule's agent who makes the claim after naming whom they
	// answer, or a reply marker ("I agree.") too short to be a claim itself.
	type waiting struct {
		kind           string
		agent          string
		to             int
		unit           int
		sent           text.Sentence
		rule           *rules.Rule
		conf           float64
		entityFallback bool
		// own is the agent's plain claim in the sentence that named the
		// relation, used when no other claim of theirs follows in the unit.
		own int
	}
	var waits []waiting
	// flush settles the relations waiting in units other than keep (in all units
	// when all is set): from the agent's own claim in the sentence that named the
	// relation, else from the agent itself when the schema allows it; a reply
	// marker no claim followed is dropped.
	flush := func(keep int, all bool) {
		kept := waits[:0]
		for _, w := range waits {
			if !all && w.unit == keep {
				kept = append(kept, w)
				continue
			}
			if w.own >= 0 {
				addReply(w.kind, w.own, w.to, w.sent, w.rule, w.conf)
				continue
			}
			if !w.entityFallback || w.conf < opt.MinConfidence {
				continue
			}
			b := res.Claims[w.to]
			key := [3]string{w.kind, w.agent, b.ID}
			if _, dup := relSeen[key]; dup || !x.edgeAllows(w.kind, x.kindOf(w.agent), "claim") {
				continue
			}
			relSeen[key] = len(res.Relations)
			res.Relations = append(res.Relations, finding.Relation{
				Kind: w.kind, From: w.agent, To: b.ID, ToSpan: b.Span,
				Evidence: argument.Span{Start: w.sent.Start, End: w.sent.End}, Quote: strings.Clone(w.sent.Text),
				Rule: w.rule.ID, Confidence: w.conf,
			})
		}
		waits = kept
	}
	// Dialogue state: the turn a sentence is in, its speaker, and the one spoken to.
	ti := -1
	// A speaker's consecutive utterances (the cues of a subtitle file, the lines
	// of one answer) are one turn: tg is the turn of utterance ti.
	groups := make([]int, len(opt.Turns))
	for i, t := range opt.Turns {
		groups[i] = i
		if i > 0 && t.Speaker != "" && t.Speaker == opt.Turns[i-1].Speaker {
			groups[i] = groups[i-1]
		}
	}
	tg := -1
	turnSpeaker, addressee := "", ""
	// A turn answers the turns before it in its first sentence, and once more
	// after a concession: "I'll give you the point about the money. ... But
	// I've lived here thirty years" supports the claim it concedes and then
	// rebuts it. turnSent is the sentence's place in its turn, replied the kinds
	// of reply links the turn has made.
	turnSent := 0
	replied := map[string]bool{}
	canReply := func(kind string, inTurn bool) bool {
		if !inTurn || replied[kind] {
			return false
		}
		return turnSent == 0 || kind == "rebuts" && replied["supports"] && turnSent < replyWindow
	}
	prevUnit := -1 << 31
	var w window
	mi := 0
	cued := make([]bool, x.cues.rules)
	var ante antecedents
	for _, sp := range opt.Speakers {
		ante.speakers = append(ante.speakers, sp)
	}
	slices.Reverse(ante.speakers)
	var scratch tokenized
	for sc := range x.scans(src, opt) {
		w, mentions = sc.w, sc.mentions
		out.Mentions, out.Names = out.Mentions[:0], out.Names[:0]
		mi = 0
		for si, sent := range sc.sents {
			var pre *sentenceAhead
			if sc.ahead != nil {
				pre = &sc.ahead[si]
			}
			for mi < len(mentions) && mentions[mi].Span.Start < sent.Start {
				out.Mentions = append(out.Mentions, mentions[mi])
				mi++
			}
			inSent := scratch.inSent[:0]
			for j := mi; j < len(mentions) && mentions[j].Span.End <= sent.End; j++ {
				inSent = append(inSent, mentions[j])
			}
			scratch.inSent = inSent
			newTurn := false
			for ti+1 < len(opt.Turns) && opt.Turns[ti+1].Span.Start <= sent.Start {
				ti++
				if groups[ti] != tg {
					tg = groups[ti]
					newTurn = true
				}
			}
			inTurn := ti >= 0 && sent.End <= opt.Turns[ti].Span.End && opt.Turns[ti].Speaker != ""
			turnSent++
			if inTurn && newTurn {
				turnSent = 0
				clear(replied)
				turnSpeaker = opt.Turns[ti].Speaker
				addressee = ""
				for k := ti - 1; k >= 0; k-- {
					if sp := opt.Turns[k].Speaker; sp != "" && sp != turnSpeaker {
						addressee = sp
						break
					}
				}
				// A turn that starts with a name and a comma speaks to that one
				// ("Mara, is he wrong?").
				if len(inSent) > 0 {
					m := inSent[0]
					if m.Span.Start == sent.Start && m.Entity != turnSpeaker && speakers[m.Entity] && m.Span.End < w.end() && strings.ContainsRune(",，:：", w.at(m.Span.End)) {
						addressee = m.Entity
					}
				}
				// He and she in a turn stand first for the other speaker.
				if addressee != "" {
					current = addressee
				}
				// A critique is answered in its own turn or the next one.
				if critique >= 0 && claimTurn[critique] < tg-1 {
					critique = -1
				}
			}
			if !inTurn {
				turnSpeaker, addressee = "", ""
			}
			unit := sent.Paragraph
			if inTurn {
				unit = -1 - tg
			}
			if unit != prevUnit {
				flush(unit, false)
				prevUnit = unit
				// Paragraphs and turns come in order: only the sentence's own
				// paragraph and turn may have more claims.
				for k := range mainClaim {
					if k.unit >= 0 && k.unit < sent.Paragraph || k.unit < 0 && -1-k.unit < tg {
						delete(mainClaim, k)
					}
				}
				for k := range prevClaim {
					if k.unit >= 0 && k.unit < sent.Paragraph || k.unit < 0 && -1-k.unit < tg {
						delete(prevClaim, k)
					}
				}
			}
			clear(claimSeen)
			if sent.Heading && inTurn {
				// A lead-in before a question mark inside a turn is a question asked,
				// not a heading.
				sent.Heading = false
			}
			if sent.Heading {
				critique = -1
				topic = strings.Clone(sent.Text)
				topicAbout = topicAbout[:0]
				for _, m := range inSent {
					if m.Kind == "concept" && !slices.Contains(topicAbout, m.Entity) {
						topicAbout = append(topicAbout, m.Entity)
					}
				}
			}
			var ahead []pronounHit
			if pre != nil {
				ahead = pre.hits
			}
			inSent, current = x.addPronouns(w, sent, inSent, current, &ante, speakers, turnSpeaker, addressee, &scratch, ahead, pre != nil)
			ante.note(inSent, speakers)
			for _, m := range inSent {
				if m.Pronoun {
					out.Mentions = append(out.Mentions, m)
				}
			}
			who := current
			if inTurn {
				who = turnSpeaker
			}
			question := isQuestion(sent.Text)
			filler := inTurn && x.isFiller(sent.Text)
			sentClaims := 0
			// What was read ahead holds when the pronouns are where it placed
			// them; else the sentence is tokenized and matched again.
			var tok *tokenized
			var matches []ruleMatch
			usePre := pre != nil && samePlaces(pre.places, inSent)
			if usePre {
				if opt.reused != nil {
					*opt.reused++
				}
				if pre.hasTok {
					tok = &pre.tok
					tok.ms = inSent
				}
				matches = pre.matches
			} else {
				tok = x.tokenize(w, sent, inSent, &scratch)
				x.cues.match(tok.searched, tok.buf, tok.han, cued)
			}
			ri := -1
			for _, p := range x.packs {
				for _, r := range p.Rules {
					ri++
					if !opt.runs(r, inTurn) || r.Fallback && sentClaims > 0 {
						continue
					}
					var found [][]int
					if usePre {
						for len(matches) > 0 && matches[0].rule < ri {
							matches = matches[1:]
						}
						if len(matches) == 0 || matches[0].rule != ri {
							continue
						}
						found = matches[0].idx
					} else if found = tok.find(r, cued[ri]); found == nil {
						continue
					} else if tok.s == "" {
						// The string is made only for a sentence a rule matches.
						tok.s = string(tok.buf)
					}
					for _, idx := range found {
						slot := func(name string) (int, int, bool) {
							g := r.Re.SubexpIndex(name)
							if g < 0 || idx[2*g] < 0 {
								return 0, 0, false
							}
							return idx[2*g], idx[2*g+1], true
						}
						switch r.Kind {
						case rules.KindRelation:
							agent := who
							if s, e, ok := slot("agent"); ok {
								t, _, _ := slot("target")
								agent = tok.speakerAt(s, e, t, x.kindOf).Entity
							}
							s, _, _ := slot("target")
							tm, _ := tok.mentionAt(s)
							target := tm.Entity
							if agent == "" || target == "" || agent == target {
								continue
							}
							if !x.relationFits(r.Relation, agent, target) {
								// An edge between claims (rebuts, supports) named between
								// speakers joins the agent's claim to the target's latest.
								to, ok := latestOf[target]
								if !ok || !x.edgeAllows(r.Relation, "claim", "claim") {
									continue
								}
								// A claim of the agent's already found in the sentence
								// is what the agent answers with.
								own := -1
								for i := len(res.Claims) - 1; i >= 0 && res.Claims[i].Evidence.Start == sent.Start; i-- {
									if res.Claims[i].Speaker == agent {
										own = i
									}
								}
								if own >= 0 {
									addReply(r.Relation, own, to, sent, r, r.Confidence)
									continue
								}
								waits = append(waits, waiting{kind: r.Relation, agent: agent, to: to, unit: unit, sent: sent, rule: r, conf: r.Confidence, entityFallback: true, own: -1})
								continue
							}
							key := [3]string{r.Relation, agent, target}
							if _, dup := relSeen[key]; dup {
								continue
							}
							relSeen[key] = len(res.Relations)
							res.Relations = append(res.Relations, finding.Relation{
								Kind: r.Relation, From: agent, To: target,
								Evidence: argument.Span{Start: sent.Start, End: sent.End}, Quote: strings.Clone(sent.Text),
								Rule: r.ID, Confidence: r.Confidence,
							})
						case rules.KindClaim:
							speaker := who
							named := false
							if s, e, ok := slot("speaker"); ok {
								c, _, _ := slot("claim")
								speaker, named = tok.speakerAt(s, e, c, x.kindOf).Entity, true
							}
							if r.Critique && !named {
								speaker = x.critics[p]
								if speaker == "" && inTurn {
									// A host who reports a view and asks about it
									// voices the critique.
									speaker = turnSpeaker
								}
							}
							if speaker == "" || !x.canSpeak(speaker) {
								continue
							}
							var span argument.Span
							if r.WholeSentence {
								span = trimSpan(w, argument.Span{Start: sent.Start, End: sent.End})
							} else {
								s, e, _ := slot("claim")
								span = trimSpan(w, tok.span(s, e))
							}
							if r.Critique && question {
								span = cutAsk(w, span)
							}
							// The claim a reply answers: the latest of the
							// speaker its {to} slot names ("吴老师这个建议特别好",
							// "Priya, that's fair"), else of the turns before.
							replyTo := func(speaker string) int {
								if s, _, ok := slot("to"); ok {
									if m, ok := tok.mentionAt(s); ok && m.Entity != speaker {
										if i, ok := latestOf[m.Entity]; ok {
											return i
										}
									}
								}
								return replyTarget(res.Claims, claimTurn, speaker, tg)
							}
							ok := span.End-span.Start >= 2 && !claimSeen[span] && !particleStart(w.at(span.Start)) && !compoundCue(w, span.Start) && !saidInSentence(res.Claims, sent, speaker, span)
							if ok && inTurn {
								// Critiques may be asked; other claims of a turn are stated.
								ok = (r.Critique || !question) && !filler && !tooShort(w.slice(span.Start, span.End), r.Critique)
							}
							if !ok {
								// A reply marker too short to be a claim ("I agree.")
								// links the speaker's next claim in the turn.
								for _, l := range r.Links {
									if l.To == rules.LinkReply && canReply(l.Relation, inTurn) && l.Confidence >= opt.MinConfidence {
										if to := replyTo(speaker); to >= 0 {
											waits = append(waits, waiting{kind: l.Relation, agent: speaker, to: to, unit: unit, sent: sent, rule: r, conf: l.Confidence, own: -1})
											replied[l.Relation] = true
										}
									}
								}
								continue
							}
							conf := r.Confidence
							if r.Fallback {
								conf = fallbackConfidence(r.Confidence, hosts[speaker], inSent, span)
								if conf < opt.MinConfidence {
									continue
								}
							}
							claimSeen[span] = true
							claimText := string(w.slice(span.Start, span.End))
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
								About: about, Topic: topic, Rule: r.ID, Confidence: conf,
							})
							ci := len(res.Claims) - 1
							sentClaims++
							if inTurn {
								claimTurn = append(claimTurn, tg)
							} else {
								claimTurn = append(claimTurn, -1)
							}
							pk := unitKey{unit, speaker}
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
								case l.To == rules.LinkPrevious:
									if prev, ok := prevClaim[pk]; ok {
										addRel(l.Relation, ci, prev, sent, r, l.Confidence)
									}
								case l.To == rules.LinkReply && canReply(l.Relation, inTurn):
									if to := replyTo(speaker); to >= 0 {
										addReply(l.Relation, ci, to, sent, r, l.Confidence)
										replied[l.Relation] = true
									}
								case l.From == rules.LinkPrevious:
									if prev, ok := prevClaim[pk]; ok {
										addRel(l.Relation, prev, ci, sent, r, l.Confidence)
									}
								}
							}
							// Relations waiting for this speaker's next claim in the unit.
							kept := waits[:0]
							for _, w := range waits {
								if w.agent == speaker && w.unit == unit && w.to != ci {
									if r.Fallback && w.sent.Start == sent.Start {
										// The sentence that names whom the speaker
										// answers is rarely the answer itself: wait
										// for the next claim.
										w.own = ci
										kept = append(kept, w)
										continue
									}
									addReply(w.kind, ci, w.to, w.sent, w.rule, w.conf)
									continue
								}
								kept = append(kept, w)
							}
							waits = kept
							if _, ok := mainClaim[pk]; !ok {
								mainClaim[pk] = ci
							}
							prevClaim[pk] = ci
							latestOf[speaker] = ci
						case rules.KindMention:
							s, e, _ := slot("name")
							span := trimSpan(w, tok.span(s, e))
							name := string(w.slice(span.Start, span.End))
							if name == "" || strings.ContainsRune(tok.s[s:e], rune(rules.TokenBase)) {
								continue
							}
							out.Names = append(out.Names, finding.Name{Name: name, Kind: r.EntityKind, Span: span, Rule: r.ID, Confidence: r.Confidence})
						}
					}
				}
			}
		}
		// A piece's mentions all come before the next piece's, so ordering each
		// piece orders the whole.
		out.Mentions = append(out.Mentions, mentions[mi:]...)
		ms := out.Mentions
		sort.SliceStable(ms, func(i, j int) bool { return ms[i].Span.Start < ms[j].Span.Start })
		emit(out)
	}
	flush(0, true)
	x.settleDialogue(res, opt, hosts)
}

// appendRunes appends the runes of s to rs.
func appendRunes(rs []rune, s string) []rune {
	for _, r := range s {
		rs = append(rs, r)
	}
	return rs
}

// A fallback claim (any other statement of a turn) is surer when it names a
// concept the graph curates, and less sure when its speaker is the host.
const (
	conceptBonus = 0.05
	hostPenalty  = 0.1
)

func fallbackBonus(r *rules.Rule) float64 {
	if r.Fallback {
		return conceptBonus
	}
	return 0
}

// runs reports whether opt runs rule r on a sentence, in a turn or not; a
// fallback rule, only on a sentence where no claim was found before it, which
// the caller knows.
func (opt *Options) runs(r *rules.Rule, inTurn bool) bool {
	if opt.Only != nil && r != opt.Only || r.Dialogue && !inTurn {
		return false
	}
	if r.Confidence+fallbackBonus(r) < opt.MinConfidence {
		return false
	}
	return true
}

// fallbackConfidence is the confidence of a claim a fallback rule found at
// span: the rule's, raised when the claim names a concept of the graph, lowered
// when its speaker is the dialogue's host.
func fallbackConfidence(rule float64, host bool, inSent []finding.Mention, span argument.Span) float64 {
	c := rule
	for _, m := range inSent {
		if !m.Pronoun && m.Kind == "concept" && m.Span.Start >= span.Start && m.Span.End <= span.End {
			c += conceptBonus
			break
		}
	}
	if host {
		c -= hostPenalty
	}
	return math.Round(c*100) / 100
}

// replyWindow is how many sentences at the start of a turn a contrast after a
// concession may be in.
const replyWindow = 4

// saidInSentence reports whether speaker already has a claim found in sent that
// overlaps span: one sentence says one thing once (我觉得，透明比保密更安全 is
// not also the claim 透明比保密更安全). The rule that found it first wins.
func saidInSentence(claims []finding.Claim, sent text.Sentence, speaker string, span argument.Span) bool {
	for i := len(claims) - 1; i >= 0 && claims[i].Evidence.Start == sent.Start; i-- {
		c := claims[i]
		if c.Speaker == speaker && c.Span.Start < span.End && span.Start < c.Span.End {
			return true
		}
	}
	return false
}

// replyTarget is the claim a reply in turn ti answers: the latest claim of
// another speaker made in the two turns before, or -1.
func replyTarget(claims []finding.Claim, claimTurn []int, speaker string, ti int) int {
	for i := len(claims) - 1; i >= 0; i-- {
		if claimTurn[i] < 0 || claimTurn[i] < ti-2 {
			return -1
		}
		if claimTurn[i] < ti && claims[i].Speaker != speaker {
			return i
		}
	}
	return -1
}

// isQuestion reports a sentence that asks: it ends with a question mark, or in
// Chinese with 吗 or 呢.
func isQuestion(s string) bool {
	// Read from the end, a rune at a time.
	last := func() rune {
		r, _ := utf8.DecodeLastRuneInString(s)
		return r
	}
	drop := func() {
		_, n := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-n]
	}
	s = strings.TrimSpace(s)
	for len(s) > 0 && (isCloserRune(last()) || unicode.IsSpace(last())) {
		drop()
	}
	if len(s) == 0 {
		return false
	}
	switch last() {
	case '?', '？':
		return true
	case '。', '.', '！', '!', '…':
		drop()
	}
	return len(s) > 0 && (last() == '吗' || last() == '呢')
}

func isCloserRune(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', '」', '』', ')', '）':
		return true
	}
	return false
}

// minWords and minHan bound a claim of a turn: shorter sentences ("Slowly is the
// word.", "说得对。") are replies, not propositions.
const (
	minWords = 5
	minHan   = 8
)

// tooShort reports a claim text with fewer than minWords Latin words and fewer
// than minHan Chinese characters; a critique, a view reported in a few words
// (有人批评你们定价太高), is too short under half of them.
func tooShort(rs []rune, critique bool) bool {
	words, han := 0, 0
	inWord := false
	for _, r := range rs {
		switch {
		case unicode.Is(unicode.Han, r):
			han++
			inWord = false
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r >= rules.TokenBase:
			if !inWord {
				words++
			}
			inWord = true
		case r == '\'' || r == '’' || r == '-':
		default:
			inWord = false
		}
	}
	if critique {
		return words < minWords/2+1 && han < minHan/2
	}
	return words < minWords && han < minHan
}

func (x *Extractor) isFiller(s string) bool {
	low := strings.ToLower(strings.TrimSpace(s))
	for _, f := range x.fillers {
		if strings.HasPrefix(low, f) {
			rest := strings.TrimPrefix(low, f)
			if r, _ := utf8.DecodeRuneInString(rest); rest == "" || !isWordRune(r) || !isLatinWord(f) {
				return true
			}
		}
	}
	return false
}

// cutAsk drops the question a critique asks after the view it reports ("有人批评
// 你们定价太高，您怎么看", "you called the bill a gift — do you stand by that"):
// the span ends at the last clause break when one is there.
func cutAsk(w window, sp argument.Span) argument.Span {
	for i := sp.End - 1; i > sp.Start+1; i-- {
		switch w.at(i) {
		case '，', ',', '—', '–', ';', '；', ':', '：':
			return trimSpan(w, argument.Span{Start: sp.Start, End: i})
		}
	}
	return sp
}

// compounds are words that hold a cue verb without being it: 说 is a verb of
// saying, but not in 说法 (a view), 说明 (to explain), 说服 (to persuade), 小说 (a
// novel), 游说 (to lobby), 听说 and 据说 (hearsay).
var compounds = map[[2]rune]bool{}

func init() {
	for _, w := range []string{"说法", "说明", "说服", "小说", "游说", "听说", "据说", "说话", "传说"} {
		rs := []rune(w)
		compounds[[2]rune{rs[0], rs[1]}] = true
	}
}

// compoundCue reports a claim at start whose cue, the character just before it,
// is part of a longer word: with the character before the cue or with the claim's
// first character (王教授的说法不成立 has no claim 法不成立).
func compoundCue(w window, start int) bool {
	c := start - 1
	for c >= w.base && unicode.IsSpace(w.at(c)) {
		c--
	}
	if c < w.base || !unicode.Is(unicode.Han, w.at(c)) {
		return false
	}
	if compounds[[2]rune{w.at(c), w.at(start)}] {
		return true
	}
	return c > w.base && compounds[[2]rune{w.at(c - 1), w.at(c)}]
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
	return x.edgeAllows(kind, x.kindOf(from), x.kindOf(to))
}

func (x *Extractor) edgeAllows(kind, fromKind, toKind string) bool {
	ek := x.schema.Edge(kind)
	return ek != nil && ek.Allows(fromKind, toKind)
}

// antecedents are what pronouns of later sentences may stand for: the speakers
// named so far, the latest last, and the group, company or organization named
// last.
type antecedents struct {
	speakers   []string
	collective string
}

// note records the sentence's mentions as antecedents.
func (a *antecedents) note(inSent []finding.Mention, speakers map[string]bool) {
	for _, m := range inSent {
		if m.Pronoun {
			continue
		}
		if collective(m.Kind) {
			a.collective = m.Entity
		}
		if speakers[m.Entity] {
			if i := slices.Index(a.speakers, m.Entity); i >= 0 {
				a.speakers = slices.Delete(a.speakers, i, i+1)
			}
			a.speakers = append(a.speakers, m.Entity)
		}
	}
}

// addPronouns adds the sentence's pronouns, outside other mentions, each standing
// for the speaker of the source named last before it in the sentence, or else for
// current; in a turn, first-person pronouns stand for self (the turn's speaker)
// and second-person ones for you (the one spoken to). It returns the mentions and
// the speaker the next sentence starts with. 其他 ("other") is not a pronoun.
//
// ahead, when haveAhead is set, are the places of the pronouns outside a turn, found
// before (see [Extractor.scan]).
func (x *Extractor) addPronouns(w window, sent text.Sentence, inSent []finding.Mention, current string, ctx *antecedents, speakers map[string]bool, self, you string, sc *tokenized, ahead []pronounHit, haveAhead bool) ([]finding.Mention, string) {
	resolve := func(pos int, p pronoun) string {
		if p.plural {
			// They, 他们: the group, company or organization named last.
			who := ctx.collective
			for _, m := range inSent {
				if m.Span.Start >= pos {
					break
				}
				if !m.Pronoun && collective(m.Kind) {
					who = m.Entity
				}
			}
			return who
		}
		who := ""
		if x.pronounFits(current, p) {
			who = current
		} else {
			// The latest speaker named before whom the pronoun fits: she is
			// not the man just named.
			for i := len(ctx.speakers) - 1; i >= 0; i-- {
				if x.pronounFits(ctx.speakers[i], p) {
					who = ctx.speakers[i]
					break
				}
			}
		}
		for _, m := range inSent {
			if m.Span.Start >= pos {
				break
			}
			if speakers[m.Entity] && x.pronounFits(m.Entity, p) {
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
	if len(x.pronouns) == 0 && (self == "" || len(x.selves) == 0) {
		return inSent, end
	}
	hits := ahead
	if !haveAhead || self != "" {
		sc.hits = x.pronounIx.appendHits(sc.hits[:0], w.slice(sent.Start, sent.End), self != "")
		hits = sc.hits
	}
	add := x.placePronouns(sent, inSent, hits, sc, func(p *indexedPronoun, pos int) string {
		switch p.group {
		case groupSelf:
			return self
		case groupAddressee:
			return you
		}
		return resolve(pos, p.pronoun)
	})
	if len(add) == 0 {
		return inSent, end
	}
	out := append(append(sc.placed[:0], inSent...), add...)
	sort.Sort(byStart(out))
	sc.placed = out
	return out, end
}

// placePronouns returns the pronouns of the hits, in a sentence with the
// mentions inSent, that stand for someone: each free of the mentions and of
// the pronouns placed before it, and standing for who(word, position) when that
// is not "".
func (x *Extractor) placePronouns(sent text.Sentence, inSent []finding.Mention, hits []pronounHit, sc *tokenized, who func(p *indexedPronoun, pos int) string) []finding.Mention {
	if len(hits) == 0 {
		return nil
	}
	taken := slices.Grow(sc.taken[:0], sent.End-sent.Start)[:sent.End-sent.Start]
	clear(taken)
	sc.taken = taken
	for _, m := range inSent {
		for i := m.Span.Start; i < m.Span.End; i++ {
			taken[i-sent.Start] = true
		}
	}
	add := sc.add[:0]
	defer func() { sc.add = add }()
	for _, h := range hits {
		p := &x.pronounIx.words[h.word]
		i := int(h.at)
		if anyTaken(taken[i : i+len(p.runes)]) {
			continue
		}
		id := who(p, sent.Start+i)
		if id == "" {
			continue
		}
		for k := i; k < i+len(p.runes); k++ {
			taken[k] = true
		}
		add = append(add, finding.Mention{Entity: id, Kind: x.kindOf(id), Span: argument.Span{Start: sent.Start + i, End: sent.Start + i + len(p.runes)}, Pronoun: true, Self: p.group == groupSelf})
	}
	return add
}

// byStart orders mentions by where they start, as sort.Slice ordered them
// before (sort.Sort sorts in the same steps), without its allocations.
type byStart []finding.Mention

func (b byStart) Len() int           { return len(b) }
func (b byStart) Less(i, j int) bool { return b[i].Span.Start < b[j].Span.Start }
func (b byStart) Swap(i, j int)      { b[i], b[j] = b[j], b[i] }

func anyTaken(t []bool) bool {
	return slices.Contains(t, true)
}

func isWordRune(r rune) bool {
	return r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)) || unicode.In(r, unicode.Latin)
}

// tokenized is a sentence with each mention replaced by one token rune.
type tokenized struct {
	// buf is the tokenized sentence, and s the same as a string, made only
	// where a rule matches it ("" until then).
	buf []byte
	s   string
	// base is the code point offset of the sentence in the text.
	base int
	// tokens are the byte offsets in s of the mentions' tokens, in order, and
	// of each the mention's place in ms, the sentence's mentions.
	tokens []int32
	tokMs  []int32
	ms     []finding.Mention
	// searched is s as cues are searched for in it (see [rules.Searched]),
	// made as s is; han says whether s holds a Han character.
	searched []byte
	search   rules.Searched
	han      bool
	// perKind is scratch space kept for the next sentence, as are taken,
	// hits and inSent for the sentence's pronouns and mentions.
	perKind []int
	taken   []bool
	hits    []pronounHit
	inSent  []finding.Mention
	// add and placed hold the sentence's pronouns and its mentions with them.
	add, placed []finding.Mention
}

// find is where rule r matches the sentence, as its pattern's submatch
// indexes in buf; nil when it does not, or when the sentence holds none of its
// cues (when cued is not set).
func (t *tokenized) find(r *rules.Rule, cued bool) [][]int {
	if !cued {
		return nil
	}
	return r.Re.FindAllSubmatchIndex(t.buf, -1)
}

// mentionAt is the mention whose token is at byte offset off of s, or none.
func (t *tokenized) mentionAt(off int) (finding.Mention, bool) {
	if i, ok := slices.BinarySearch(t.tokens, int32(off)); ok {
		return t.ms[t.tokMs[i]], true
	}
	return finding.Mention{}, false
}

// speakerAt is who an agent or speaker slot at byte offsets [s, e) names: its
// mention, unless that is a company, organization or group and a person is named
// after it before the slot that follows at next (the cue's other end), as in an
// appositive (某公司创始人张三随即批评了李四, Acme's chief executive Jane Roe
// said): then the last such person. A person named first keeps the slot (Jane
// Roe of Acme said).
func (t *tokenized) speakerAt(s, e, next int, kindOf func(string) string) finding.Mention {
	m, _ := t.mentionAt(s)
	if m.Kind == "person" || next <= e {
		return m
	}
	for off := e; off < next && off < len(t.s); {
		r, n := utf8.DecodeRuneInString(t.s[off:])
		if r >= rules.TokenBase {
			if p, ok := t.mentionAt(off); ok && !p.Pronoun && kindOf(p.Entity) == "person" {
				m = p
			}
		}
		off += n
	}
	return m
}

// span is the span of the text that bytes [s, e) of s, from a rune's start to
// a rune's end, stand for.
func (t *tokenized) span(s, e int) argument.Span {
	start, _ := t.pos(s)
	if s >= e {
		return argument.Span{Start: start, End: start}
	}
	// e is the end of the last rune: find that rune's start.
	_, n := utf8.DecodeLastRuneInString(t.s[s:e])
	_, end := t.pos(e - n)
	return argument.Span{Start: start, End: end}
}

// pos is the span of the text that the rune of s at byte off stands for, a
// mention's or one code point's: from the token before it, each other rune
// standing for one code point. At the end of s, it starts at the sentence's
// end.
func (t *tokenized) pos(off int) (start, end int) {
	k, found := slices.BinarySearch(t.tokens, int32(off))
	if found {
		m := t.ms[t.tokMs[k]]
		return m.Span.Start, m.Span.End
	}
	from, at := t.base, 0
	if k > 0 {
		m := t.ms[t.tokMs[k-1]]
		_, n := utf8.DecodeRuneInString(t.s[t.tokens[k-1]:])
		from, at = m.Span.End, int(t.tokens[k-1])+n
	}
	p := from + utf8.RuneCountInString(t.s[at:off])
	return p, p + 1
}

// tokenize writes sent into t, whose buffers are reused from sentence to sentence.
func (x *Extractor) tokenize(w window, sent text.Sentence, inSent []finding.Mention, t *tokenized) *tokenized {
	t.buf, t.base, t.han = t.buf[:0], sent.Start, false
	t.search.Reset()
	t.tokens, t.tokMs, t.ms = t.tokens[:0], t.tokMs[:0], inSent
	// perKind counts the mentions of each kind, -1 (none of the schema's) first.
	t.perKind = slices.Grow(t.perKind[:0], len(x.kinds)+3)[:len(x.kinds)+3]
	clear(t.perKind)
	mi := 0
	for i := sent.Start; i < sent.End; {
		if mi < len(inSent) && inSent[mi].Span.Start == i {
			m := inSent[mi]
			k := slices.Index(x.kinds, m.Kind)
			if m.Pronoun {
				k = len(x.kinds)
				if m.Self {
					k++
				}
			}
			n := t.perKind[k+1]
			t.perKind[k+1]++
			off := len(t.buf)
			tr := rune(rules.TokenBase + (len(x.kinds)+2)*rules.TokenBlock)
			if k >= 0 && n < rules.TokenBlock {
				tr = rune(rules.TokenBase + k*rules.TokenBlock + n)
			}
			t.buf = utf8.AppendRune(t.buf, tr)
			t.search.Add(tr)
			t.tokens = append(t.tokens, int32(off))
			t.tokMs = append(t.tokMs, int32(mi))
			i = m.Span.End
			mi++
			continue
		}
		for mi < len(inSent) && inSent[mi].Span.Start < i {
			mi++
		}
		r := w.at(i)
		t.buf = utf8.AppendRune(t.buf, r)
		t.search.Add(r)
		if !t.han && r >= 0x2E80 && unicode.Is(unicode.Han, r) {
			t.han = true
		}
		i++
	}
	t.s = ""
	t.searched = t.search.Bytes()
	return t
}

// trimSpan drops blanks and punctuation at both ends of a span, but keeps an opening
// quote whose closing quote is inside the span, and the other way round.
func trimSpan(w window, sp argument.Span) argument.Span {
	s, e := sp.Start, sp.End
	inside := func(r rune) bool {
		for _, c := range w.slice(s, e) {
			if c == r {
				return true
			}
		}
		return false
	}
	for s < e {
		r := w.at(s)
		if pair, quote := closing[r]; quote && inside(pair) {
			break
		}
		// A dash or an ellipsis opening a claim takes up a sentence broken off
		// ("——旺季照样要预约"); at its end one says it is broken off (see cutOff).
		if !isEdgePunct(r) && r != '—' && r != '–' && r != '…' {
			break
		}
		s++
	}
	for e > s {
		r := w.at(e - 1)
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
