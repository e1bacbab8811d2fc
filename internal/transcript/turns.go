package transcript

import (
	"time"

	"github.com/graphbuilder/graph/internal/diag"
)

// turnLine is what the start of a line of turn text holds.
type turnLine struct {
	stamp    time.Duration
	stamped  bool
	label    []byte
	strong   bool
	labelled bool
	at       int // byte offset where the label (or the text) begins, after the stamp
	rest     int // byte offset where the text begins
}

// scanTurnLine reads the optional stamp and speaker label at the start of a line.
// Whether a weak label counts is for the caller to say.
func scanTurnLine(line []byte) turnLine {
	var tl turnLine
	if d, rest, ok := stampAt(line); ok {
		tl.stamp, tl.stamped, tl.at = d, true, rest
	} else {
		for tl.at < len(line) && isSpace(line[tl.at]) {
			tl.at++
		}
	}
	tl.rest = tl.at
	if l, rest, strong, ok := labelAt(line[tl.at:]); ok {
		tl.label, tl.strong, tl.labelled = l, strong, true
		tl.rest = tl.at + rest
	}
	return tl
}

// weakLabels counts the weak labels (see [isLabel]) at the starts of lines.
func weakLabels(data []byte) counts {
	weak := counts{}
	r := lineReader{data: data}
	for {
		line, ok := r.next()
		if !ok {
			return weak
		}
		if !mayHaveLabel(line) {
			continue
		}
		if tl := scanTurnLine(line); tl.labelled && !tl.strong {
			weak.add(tl.label, 1)
		}
	}
}

// isTurns reports whether text reads as speaker turns: at least three lines begin
// with a label, some label begins two, and labelled lines are at least a third
// of the lines that are not blank.
func isTurns(data []byte) bool {
	counts := map[string]int{}
	strong := map[string]bool{}
	lines := 0
	r := lineReader{data: data}
	for {
		line, ok := r.next()
		if !ok {
			break
		}
		if t, _ := trimSpace(line); len(t) == 0 {
			continue
		}
		lines++
		if !mayHaveLabel(line) {
			continue
		}
		if tl := scanTurnLine(line); tl.labelled {
			counts[string(tl.label)]++
			if tl.strong {
				strong[string(tl.label)] = true
			}
		}
	}
	labelled, most := 0, 0
	for l, n := range counts {
		if strong[l] || n >= 2 {
			labelled += n
			most = max(most, n)
		}
	}
	return labelled >= 3 && most >= 2 && 3*labelled >= lines
}

// turn is the turn being read.
type turn struct {
	label    string
	line     int
	at       diag.Pos // the label, for a warning
	labelled bool
	start    time.Duration
	hasTime  bool
	begun    bool // its utterance is begun: it has text
	blank    bool // a blank line follows its last text
}

// parseTurns reads speaker-turn text. A line that begins with a label (after an
// optional stamp) begins a turn; other lines continue it, joined by a line break,
// and a blank line between two lines of a turn stays as a blank line, so that a
// turn of two paragraphs is two paragraphs. Lines before the first label form a
// turn with no label. A stamp on a line of its own is the time of the next turn;
// a stamp before text that continues a turn gives the turn its time if it has
// none, and is not part of the text.
func parseTurns(b *builder, data []byte) {
	var weak counts // counted when a weak label is first met
	r := lineReader{data: data}
	var (
		cur     turn
		active  bool
		pending time.Duration
		pendOK  bool
	)
	flush := func() {
		if active && cur.labelled && !cur.begun {
			b.warnf(cur.at, "turn of %q has no text; skipped", cur.label)
		}
	}
	emit := func(text []byte, line, col int) {
		j := joinLine
		if !cur.begun {
			b.begin(cur.label, cur.line, cur.start, cur.start, cur.hasTime)
			cur.begun = true
		} else if cur.blank {
			j = joinPara
		}
		cur.blank = false
		b.write(text, j, line, col, true)
	}
	for {
		line, ok := r.next()
		if !ok {
			break
		}
		if t, _ := trimSpace(line); len(t) == 0 {
			if cur.begun {
				cur.blank = true
			}
			continue
		}
		tl := scanTurnLine(line)
		if tl.labelled && !tl.strong && weak == nil {
			weak = weakLabels(data)
		}
		if tl.labelled && (tl.strong || b.weakCounts(tl.label, weak.get(tl.label))) {
			flush()
			st, has := tl.stamp, tl.stamped
			if !has && pendOK {
				st, has = pending, true
			}
			pendOK = false
			cur = turn{label: b.label(tl.label), line: r.no, at: diag.Pos{Line: r.no, Column: column(line, tl.at)},
				labelled: true, start: st, hasTime: has}
			active = true
			if text, i := trimSpace(line[tl.rest:]); len(text) > 0 {
				emit(text, r.no, column(line, tl.rest+i))
			}
			continue
		}
		rest := 0
		if tl.stamped {
			rest = tl.at
		}
		text, i := trimSpace(line[rest:])
		if len(text) == 0 { // a stamp alone on its line
			pending, pendOK = tl.stamp, true
			continue
		}
		if !active {
			cur, active = turn{line: r.no}, true
		}
		st, has := tl.stamp, tl.stamped
		if !has && pendOK {
			st, has = pending, true
		}
		pendOK = false
		if has && !cur.hasTime {
			cur.start, cur.hasTime = st, true
			if u := b.current(); cur.begun && u != nil {
				u.Start, u.End, u.HasTime = st, st, true
			}
		}
		emit(text, r.no, column(line, rest+i))
	}
	flush()
	b.close()
	// A turn ends when the next turn with a time begins.
	next, ok := time.Duration(0), false
	for i := len(b.utts) - 1; i >= 0; i-- {
		u := &b.utts[i]
		if !u.HasTime {
			continue
		}
		u.End = u.Start
		if ok && next > u.Start {
			u.End = next
		}
		next, ok = u.Start, true
	}
}
