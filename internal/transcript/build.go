package transcript

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/graphbuilder/graph/internal/diag"
)

// join is what separates a piece of text from the text of its utterance before it.
type join int

const (
	// joinWord is one blank, or nothing when both sides are CJK characters: the
	// join of caption lines, cues and whisper segments.
	joinWord join = iota
	// joinLine is a line break: lines of one paragraph of turn text.
	joinLine
	// joinPara is a blank line: paragraphs of one turn.
	joinPara
)

// piece ties a fragment of the normalized text to where it is written. Its fields
// are 32 bits wide (Parse refuses files of 2 GiB and more) because a large caption
// file has millions of them.
type piece struct {
	at, n     int32 // code point offset in Text and length of the fragment
	line, col int32 // where it begins in the file
	// exact is set when the fragment is the file's text as written from col on,
	// so that a column can be counted into it.
	exact bool
}

// builder writes the normalized text and the utterances over it. Utterances are
// begun only when they have text, so none is empty.
type builder struct {
	file   string
	text   strings.Builder
	n      int  // code points written
	last   rune // the last character written
	utts   []Utterance
	cues   []Cue
	cueAt  []int // index into cues of each utterance's first cue
	pieces []piece
	open   bool
	uByte  int // byte offset in text where the open utterance begins
	ds     diag.Diagnostics
	labels map[string]string // interned labels, so that each is allocated once
	// known are the labels given to Parse: they count wherever they begin a line.
	known map[string]bool
}

// weakCounts reports whether a weak label (see [scanTurnLine]) counts: it begins n
// lines of the file, at least two, or it is known.
func (b *builder) weakCounts(label []byte, n int) bool {
	return n >= 2 || b.known[string(label)]
}

func newBuilder(file string) *builder {
	return &builder{file: file, labels: map[string]string{}}
}

// label returns s as a string shared by every utterance with that label.
func (b *builder) label(s []byte) string {
	if l, ok := b.labels[string(s)]; ok {
		return l
	}
	l := string(s)
	b.labels[l] = l
	return l
}

// begin closes the open utterance and opens a new one; its text follows a blank
// line.
func (b *builder) begin(label string, line int, start, end time.Duration, hasTime bool) {
	b.close()
	if b.n > 0 {
		b.text.WriteString("\n\n")
		b.n += 2
	}
	b.utts = append(grow(b.utts), Utterance{Label: label, Start: start, End: end, HasTime: hasTime, Line: line, Span: Span{Start: b.n}})
	b.cueAt = append(grow(b.cueAt), len(b.cues))
	b.open, b.uByte, b.last = true, b.text.Len(), 0
}

// current returns the open utterance, or nil.
func (b *builder) current() *Utterance {
	if !b.open {
		return nil
	}
	return &b.utts[len(b.utts)-1]
}

// utteranceText is the text of the open utterance so far. It shares memory with
// the builder.
func (b *builder) utteranceText() string {
	return b.text.String()[b.uByte:]
}

// write appends s, which must be non-empty and have no white space at its ends, to
// the open utterance, after the separator that j asks for when the utterance
// already has text. It notes where s is in the file, and returns the code point
// offset where s begins in the text.
func (b *builder) write(s []byte, j join, line, col int, exact bool) int {
	if b.text.Len() > b.uByte {
		switch j {
		case joinWord:
			first, _ := utf8.DecodeRune(s)
			if !isCJK(b.last) || !isCJK(first) {
				b.text.WriteByte(' ')
				b.n++
			}
		case joinLine:
			b.text.WriteByte('\n')
			b.n++
		case joinPara:
			b.text.WriteString("\n\n")
			b.n += 2
		}
	}
	at := b.n
	n := runeCount(s)
	b.text.Write(s)
	b.n += n
	b.last, _ = utf8.DecodeLastRune(s)
	b.pieces = append(grow(b.pieces), piece{at: int32(at), n: int32(n), line: int32(line), col: int32(col), exact: exact})
	return at
}

// addCue records a cue of the open utterance whose text begins at code point from
// and runs to the end of the text so far.
func (b *builder) addCue(start, end time.Duration, from int) {
	b.cues = append(grow(b.cues), Cue{Start: start, End: end, Span: Span{Start: from, End: b.n}})
}

// close ends the open utterance's span.
func (b *builder) close() {
	if u := b.current(); u != nil {
		u.Span.End = b.n
		b.open = false
	}
}

// finish closes the open utterance and hands out the transcript.
func (b *builder) finish(f Format) *Transcript {
	b.close()
	for i := range b.utts {
		from, to := b.cueAt[i], len(b.cues)
		if i+1 < len(b.cueAt) {
			to = b.cueAt[i+1]
		}
		if to > from {
			b.utts[i].Cues = b.cues[from:to:to]
		}
	}
	return &Transcript{Format: f, Text: b.text.String(), Utterances: b.utts, pieces: b.pieces}
}

func (b *builder) errorf(at diag.Pos, format string, args ...any) *diag.Diagnostic {
	d := diag.Errorf(diag.Range{File: b.file, Start: at}, format, args...)
	b.ds = append(b.ds, d)
	return d
}

func (b *builder) warnf(at diag.Pos, format string, args ...any) *diag.Diagnostic {
	d := &diag.Diagnostic{Severity: diag.Warning, Summary: fmt.Sprintf(format, args...), Subject: diag.Range{File: b.file, Start: at}}
	b.ds = append(b.ds, d)
	return d
}

// isCJK reports whether r is written without blanks between words: Chinese and
// Japanese characters, kana, and the punctuation and full-width forms that go with
// them. Hangul is not: Korean puts blanks between words.
func isCJK(r rune) bool {
	switch {
	case r < 0x2E80:
		return false
	case r <= 0x2FDF, // radicals
		0x3000 <= r && r <= 0x30FF,   // CJK punctuation, hiragana, katakana
		0x3400 <= r && r <= 0x4DBF,   // extension A
		0x4E00 <= r && r <= 0x9FFF,   // unified ideographs
		0xF900 <= r && r <= 0xFAFF,   // compatibility ideographs
		0xFE30 <= r && r <= 0xFE4F,   // compatibility forms
		0xFF00 <= r && r <= 0xFFEF,   // full-width and half-width forms
		0x20000 <= r && r <= 0x3FFFF: // extensions B and later
		return true
	}
	return false
}

// isIdeograph reports whether r is a Chinese or Japanese character or kana, the
// characters a CJK speaker label is written in.
func isIdeograph(r rune) bool {
	return 0x3040 <= r && r <= 0x30FF && r != 0x30FB ||
		0x3400 <= r && r <= 0x4DBF ||
		0x4E00 <= r && r <= 0x9FFF ||
		0xF900 <= r && r <= 0xFAFF ||
		0x20000 <= r && r <= 0x3FFFF
}

// grow returns s with room for one more element, doubling its capacity when it
// is full: append grows large slices by a quarter, which for the millions of cues
// and pieces of a large file copies them many times over.
func grow[T any](s []T) []T {
	if len(s) < cap(s) {
		return s
	}
	n := make([]T, len(s), max(2*cap(s), 64))
	copy(n, s)
	return n
}

// reserve sizes the builder for a caption file of cues cues: a cue and one or two
// pieces each, and an utterance for every few cues, so that the lists of a large
// file are not copied as they grow.
func (b *builder) reserve(cues int) {
	b.cues = make([]Cue, 0, cues)
	b.pieces = make([]piece, 0, cues+cues/2)
	b.utts = make([]Utterance, 0, cues/8)
	b.cueAt = make([]int, 0, cues/8)
}
