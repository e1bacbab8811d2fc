package extract

import (
	"iter"
	"runtime"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/graphbuilder/graph/internal/argument"
	"github.com/graphbuilder/graph/internal/extract/finding"
	"github.com/graphbuilder/graph/internal/extract/gazetteer"
	"github.com/graphbuilder/graph/internal/extract/text"
)

// A scan is what a piece of the text says on its own, apart from what was read
// before it: its runes, mentions and sentences, and, read ahead, for each
// sentence what the rules find in it when every pronoun outside a turn stands
// for someone. Most of the work of a run is there, and it does not depend on
// the sentences before, so the pieces are scanned on other goroutines while
// the sentences of the piece before are read in order; a sentence where a
// pronoun stands for no one (so its tokens differ) is tokenized and matched
// again as it is read. A scan's buffers are reused for a later piece once its
// sentences are read.
type scan struct {
	w        window
	paraBase int
	matches  []gazetteer.Match
	mentions []finding.Mention
	sents    []text.Sentence
	// ahead is, by sentence, what was read ahead; nil when nothing was (a
	// dialogue, whose turns decide what its pronouns are).
	ahead []sentenceAhead
	// slots keeps the sentences' buffers for the next piece.
	slots []sentenceAhead
	done  chan struct{}
	// panicked is what the scan panicked with on another goroutine, raised
	// again on the run's.
	panicked any
}

// sentenceAhead is what a sentence was found to hold before it was read in order.
type sentenceAhead struct {
	// hits are the places of the pronouns outside a turn.
	hits []pronounHit
	// places are the sentence's mentions and pronouns, with every pronoun of
	// hits placed (standing for someone): the tokens the rules read.
	places []finding.Mention
	// tok is the sentence tokenized for places, when a rule matched.
	tok    tokenized
	hasTok bool
	// matches are, in rule order, the rules that matched and where.
	matches []ruleMatch
	// placed is places' own buffer, when it is not a part of the mentions.
	placed []finding.Mention
}

type ruleMatch struct {
	rule int
	idx  [][]int
}

// samePlaces reports whether the mentions of a sentence make the same tokens
// as places: the same spans, each a pronoun or not, a first-person one or not.
func samePlaces(places, inSent []finding.Mention) bool {
	if len(places) != len(inSent) {
		return false
	}
	for i, p := range places {
		m := inSent[i]
		if p.Span != m.Span || p.Pronoun != m.Pronoun || p.Self != m.Self || !p.Pronoun && p.Kind != m.Kind {
			return false
		}
	}
	return true
}

// scanBytes bounds the parts of a piece scanned ahead: a scan holds its part's
// runes, sentences and what the rules found, about twenty times the part's
// size, and the scans ahead of the sentence being read, cut in parts this
// small, hold a few megabytes.
const scanBytes = 64 << 10

// scans yields the scans of the pieces, in order: read ahead by as many
// goroutines as there are processors to run them, in parts of at most about
// scanBytes (cut after a line break, as pieces are), a few parts ahead at
// most; on one processor, each piece as it comes. The text's pronouns are placed
// ahead only outside a dialogue. Each scan yielded may be reused once the
// next is asked for.
func (x *Extractor) scans(src iter.Seq[string], opt Options) iter.Seq[*scan] {
	look := len(opt.Turns) == 0 && !opt.plain
	return func(yield func(*scan) bool) {
		base, para := 0, 0
		next := func(sc *scan, piece string) {
			sc.w.base, sc.paraBase = base, para
			base += utf8.RuneCountInString(piece)
			para += strings.Count(piece, "\n")
		}
		workers := runtime.GOMAXPROCS(0)
		if workers < 2 || opt.inOrder {
			s := x.newScanner(opt, look)
			sc := &scan{}
			for piece := range src {
				for part := range pieces(piece, scanBytes) {
					next(sc, part)
					s.scan(sc, part)
					if !yield(sc) {
						return
					}
				}
			}
			return
		}
		type job struct {
			sc    *scan
			piece string
		}
		// Each worker scans a piece while one waits to be read and one is
		// read: memory holds that many scans.
		free := make(chan *scan, workers+2)
		for range cap(free) {
			free <- &scan{}
		}
		jobs := make(chan job)
		order := make(chan *scan, workers)
		for range workers {
			go func() {
				s := x.newScanner(opt, look)
				for j := range jobs {
					func() {
						defer func() {
							j.sc.panicked = recover()
							close(j.sc.done)
						}()
						s.scan(j.sc, j.piece)
					}()
				}
			}()
		}
		go func() {
			defer close(order)
			defer close(jobs)
			for piece := range src {
				for part := range pieces(piece, scanBytes) {
					sc := <-free
					next(sc, part)
					sc.done = make(chan struct{})
					order <- sc
					jobs <- job{sc, part}
				}
			}
		}()
		stopped := false
		var prev *scan
		for sc := range order {
			<-sc.done
			if sc.panicked != nil {
				panic(sc.panicked)
			}
			if prev != nil {
				free <- prev
			}
			prev = sc
			if !stopped && !yield(sc) {
				// Read the rest, so that no goroutine waits for ever.
				stopped = true
			}
		}
	}
}

// scanner scans pieces, with its own buffers.
type scanner struct {
	x    *Extractor
	opt  Options
	look bool
	t    tokenized
	cued []bool
}

func (x *Extractor) newScanner(opt Options, look bool) *scanner {
	return &scanner{x: x, opt: opt, look: look, cued: make([]bool, x.cues.rules)}
}

// scan fills sc, whose window's base and paragraph base are set, from piece.
func (s *scanner) scan(sc *scan, piece string) {
	x := s.x
	sc.w.r = appendRunes(sc.w.r[:0], piece)
	sc.matches = x.matcher.AppendAll(sc.matches[:0], piece)
	sc.mentions = sc.mentions[:0]
	for _, m := range sc.matches {
		e := x.ents[m.Value]
		sc.mentions = append(sc.mentions, finding.Mention{Entity: e.ID, Kind: e.Kind, Span: argument.Span{Start: sc.w.base + m.Start, End: sc.w.base + m.End}})
	}
	sc.sents = text.AppendSentencesOf(sc.sents[:0], piece, sc.w.r)
	for i := range sc.sents {
		sent := &sc.sents[i]
		sent.Start += sc.w.base
		sent.End += sc.w.base
		sent.Paragraph += sc.paraBase
	}
	sc.ahead = nil
	if !s.look {
		return
	}
	if len(sc.slots) < len(sc.sents) {
		sc.slots = append(sc.slots, make([]sentenceAhead, len(sc.sents)-len(sc.slots))...)
	}
	sc.ahead = sc.slots[:len(sc.sents)]
	mi := 0
	for i, sent := range sc.sents {
		for mi < len(sc.mentions) && sc.mentions[mi].Span.Start < sent.Start {
			mi++
		}
		j := mi
		for j < len(sc.mentions) && sc.mentions[j].Span.End <= sent.End {
			j++
		}
		s.sentence(sc, sent, sc.mentions[mi:j:j], &sc.ahead[i])
	}
}

// someone is who a pronoun read ahead stands for: anyone, so that it is placed.
func someone(*indexedPronoun, int) string { return "\x00" }

// sentence reads sent ahead into a, as [Extractor.run] reads it outside a turn.
func (s *scanner) sentence(sc *scan, sent text.Sentence, inSent []finding.Mention, a *sentenceAhead) {
	x, t := s.x, &s.t
	// The matches of the slot's last sentence are let go.
	clear(a.matches)
	a.places, a.hits, a.matches, a.hasTok = inSent, a.hits[:0], a.matches[:0], false
	if len(x.pronouns) > 0 {
		a.hits = x.pronounIx.appendHits(a.hits, sc.w.slice(sent.Start, sent.End), false)
		if add := x.placePronouns(sent, inSent, a.hits, t, someone); len(add) > 0 {
			// As addPronouns orders them.
			out := append(append(a.placed[:0], inSent...), add...)
			sort.Sort(byStart(out))
			a.places, a.placed = out, out
		}
	}
	tok := x.tokenize(sc.w, sent, a.places, t)
	x.cues.match(tok.searched, tok.buf, tok.han, s.cued)
	ri := -1
	for _, p := range x.packs {
		for _, r := range p.Rules {
			ri++
			// Outside a turn, as every sentence read ahead is.
			if !s.opt.runs(r, false) {
				continue
			}
			if idx := tok.find(r, s.cued[ri]); len(idx) > 0 {
				a.matches = append(a.matches, ruleMatch{rule: ri, idx: idx})
			}
		}
	}
	if len(a.matches) > 0 {
		a.hasTok = true
		at := &a.tok
		at.s, at.base = string(tok.buf), tok.base
		at.tokens, at.tokMs = append(at.tokens[:0], tok.tokens...), append(at.tokMs[:0], tok.tokMs...)
	}
}
