package transcript

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/graphbuilder/graph/internal/diag"
	"github.com/graphbuilder/graph/internal/yamlpos"
)

// Format is the layout of a transcript file.
type Format string

// The formats a transcript may have.
const (
	Plain   Format = "plain"   // prose, kept exactly as written
	Turns   Format = "turns"   // speaker-turn text: "NAME: text", "主持人：text"
	WebVTT  Format = "vtt"     // WebVTT captions
	SRT     Format = "srt"     // SubRip captions
	Whisper Format = "whisper" // the JSON result of whisper or WhisperX
)

// Formats lists every [Format], in the order messages name them.
var Formats = []Format{Plain, Turns, WebVTT, SRT, Whisper}

// aliases are other names [ParseFormat] accepts for a format.
var aliases = map[string]Format{
	"webvtt":   WebVTT,
	"whisperx": Whisper,
}

// ParseFormat reads the value of a `transcript_format:` key. Case does not matter,
// and "webvtt" and "whisperx" are accepted for [WebVTT] and [Whisper]. The error
// for any other value lists the formats.
func ParseFormat(s string) (Format, error) {
	k := strings.ToLower(strings.TrimSpace(s))
	for _, f := range Formats {
		if k == string(f) {
			return f, nil
		}
	}
	if f, ok := aliases[k]; ok {
		return f, nil
	}
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = string(f)
	}
	return "", fmt.Errorf("unknown transcript format %q; the formats are %s", s, strings.Join(names, ", "))
}

// Transcript is a transcript read into utterances.
type Transcript struct {
	Format Format
	// Text is the normalized text that every offset refers to: for [Plain] the
	// file's text as it is, for the other formats the utterances' texts joined by
	// a blank line ("\n\n"), without labels or times.
	Text string
	// Utterances are in the order of the file; there are none for [Plain].
	Utterances []Utterance

	// pieces map offsets of Text back to the file, in the order of Text.
	pieces []piece
}

// Utterance is one turn of one speaker: a paragraph of [Transcript.Text].
type Utterance struct {
	// Label is the speaker label as written ("HOST", "Mara Lindqvist",
	// "SPEAKER_00", "主持人"), or "" when there is none.
	Label string
	// Start and End are when the utterance is said, valid when HasTime is set.
	// In turn text, where only starts are written, End is the start of the next
	// turn that has a time, or Start when none follows.
	Start, End time.Duration
	// HasTime is set when the format gives times: always for captions and
	// whisper segments, for turn text only when a stamp is written.
	HasTime bool
	// Span is where the utterance's text is in [Transcript.Text]. It is never
	// empty, and the text has no white space at either end.
	Span Span
	// Line is the 1-based line of the file where the utterance begins: its turn,
	// its first cue or its first segment.
	Line int
	// Cues are the captions or segments that make up the utterance, each with its
	// own time and the span of its text, for [WebVTT], [SRT] and [Whisper].
	Cues []Cue
}

// Cue is one caption or whisper segment within an utterance.
type Cue struct {
	Start, End time.Duration
	// Span is the part of [Transcript.Text] the cue gave.
	Span Span
}

// Span is a half-open range [Start, End) of code point offsets in
// [Transcript.Text]; it converts to vocab.Span.
type Span struct{ Start, End int }

// maxSize bounds the files Parse reads, so that code point offsets fit the 32-bit
// fields that keep positions small.
const maxSize = 1<<31 - 1

// Parse reads a transcript file of the given format; an empty format means
// [Detect]. A format given is kept even when the file does not look like it (a
// file that is not WebVTT, read as WebVTT, is an error, not prose). Diagnostics
// name the file, line and column of every problem found; warnings tell what was
// left out. The transcript is nil when the diagnostics hold an error.
//
// labels are speaker labels known beforehand (a graph's source.speakers): each
// counts wherever it begins a line, as a label in capitals does, even when it
// begins only one (a caller who speaks once, 张先生：...).
func Parse(file string, data []byte, f Format, labels ...string) (*Transcript, diag.Diagnostics) {
	b := newBuilder(file)
	for _, l := range labels {
		if b.known == nil {
			b.known = map[string]bool{}
		}
		b.known[l] = true
	}
	at := diag.Range{File: file, Start: diag.Pos{Line: 1, Column: 1}}
	if len(data) > maxSize {
		return nil, diag.Diagnostics{diag.Errorf(at, "transcript is %d bytes; the limit is %d", len(data), maxSize)}
	}
	if off := yamlpos.InvalidUTF8(data); off >= 0 {
		at.Start = position(data, off)
		if bytes.HasPrefix(data, []byte(bom)) && at.Start.Line == 1 {
			at.Start.Column--
		}
		return nil, diag.Diagnostics{diag.Errorf(at, "invalid UTF-8: byte 0x%02x is not part of a character", data[off]).
			WithHint("save the file as UTF-8")}
	}
	body := bytes.TrimPrefix(data, []byte(bom))
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, diag.Diagnostics{diag.Errorf(at, "transcript is empty")}
	}
	if f == "" {
		f = Detect(file, data)
	}
	switch f {
	case Turns, WebVTT, SRT:
		b.text.Grow(len(body)) // the text is shorter than the file
	case Whisper:
		b.text.Grow(len(body) / 8) // most of the JSON is times and words
	}
	switch f {
	case Plain:
		parsePlain(b, data)
	case Turns:
		parseTurns(b, body)
	case WebVTT:
		parseVTT(b, body)
	case SRT:
		parseSRT(b, body)
	case Whisper:
		parseWhisper(b, body)
	default:
		_, err := ParseFormat(string(f))
		return nil, diag.Diagnostics{diag.Errorf(diag.Range{File: file}, "%v", err)}
	}
	if !b.ds.HasErrors() && f != Plain && len(b.utts) == 0 {
		b.errorf(diag.Pos{Line: 1, Column: 1}, "transcript has no text")
	}
	if b.ds.HasErrors() {
		return nil, b.ds
	}
	t := b.finish(f)
	if f == Plain {
		t.Text = string(data)
	}
	return t, b.ds
}

// parsePlain keeps the text as it is, and notes where each line begins so that
// [Transcript.Place] is exact.
func parsePlain(b *builder, data []byte) {
	at := 0
	if bytes.HasPrefix(data, []byte(bom)) {
		at = 1
		data = data[len(bom):]
	}
	for no := 1; ; no++ {
		line := data
		i := bytes.IndexByte(data, '\n')
		if i >= 0 {
			line = data[:i]
		}
		n := runeCount(line)
		b.pieces = append(b.pieces, piece{at: int32(at), n: int32(n), line: int32(no), col: 1, exact: true})
		if i < 0 {
			return
		}
		at += n + 1
		data = data[i+1:]
	}
}

// Labels returns the distinct speaker labels in the order they first occur,
// without "".
func (t *Transcript) Labels() []string {
	var out []string
	seen := map[string]bool{}
	for _, u := range t.Utterances {
		if u.Label != "" && !seen[u.Label] {
			seen[u.Label] = true
			out = append(out, u.Label)
		}
	}
	return out
}

// Index returns the index of the utterance whose span holds the code point
// offset, or -1 when none does (offsets between utterances, and every offset of a
// [Plain] transcript).
func (t *Transcript) Index(offset int) int {
	us := t.Utterances
	i := sort.Search(len(us), func(i int) bool { return us[i].Span.End > offset })
	if i < len(us) && us[i].Span.Start <= offset {
		return i
	}
	return -1
}

// At returns the utterance whose span holds the code point offset.
func (t *Transcript) At(offset int) (Utterance, bool) {
	if i := t.Index(offset); i >= 0 {
		return t.Utterances[i], true
	}
	return Utterance{}, false
}

// TimeAt returns the start time of the cue that holds the code point offset, or
// of its utterance when the utterance has times but no cues (stamped turn text).
// An offset in the blank between two cues of an utterance belongs to the cue
// before it.
func (t *Transcript) TimeAt(offset int) (time.Duration, bool) {
	u, ok := t.At(offset)
	if !ok || !u.HasTime {
		return 0, false
	}
	cs := u.Cues
	i := sort.Search(len(cs), func(i int) bool { return cs[i].Span.Start > offset })
	if i == 0 {
		return u.Start, true
	}
	return cs[i-1].Start, true
}

// Place returns the 1-based line and column (in characters) in the file of a
// code point offset of Text. It is exact for [Plain] and [Turns] text, and for
// caption lines and whisper texts that the text keeps as written; where markup,
// entities or escapes were removed it is the start of the caption line or of the
// segment's text. An offset between two utterances is placed just after the
// text before it. Offsets outside Text are taken as its first or last.
func (t *Transcript) Place(offset int) (line, col int) {
	ps := t.pieces
	if len(ps) == 0 {
		return 1, 1
	}
	i := sort.Search(len(ps), func(i int) bool { return int(ps[i].at) > offset }) - 1
	if i < 0 {
		return int(ps[0].line), int(ps[0].col)
	}
	p := ps[i]
	line, col = int(p.line), int(p.col)
	if p.exact {
		col += min(max(offset-int(p.at), 0), int(p.n))
	}
	return line, col
}
