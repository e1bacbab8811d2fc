package gazetteer

import (
	"errors"
	"fmt"
	"unicode/utf8"
)

// Pattern is a name to look for and the caller's id for it, such as the index
// of the entity it names.
type Pattern struct {
	Text  string
	Value int32
}

// Match is one occurrence of a pattern: the code point offsets of its first
// character and of the character after it in the original text, and the
// Value of the pattern.
type Match struct {
	Start, End int
	Value      int32
}

// Errors that [New] wraps, naming the pattern.
var (
	ErrEmptyPattern = errors.New("empty pattern")
	ErrInvalidUTF8  = errors.New("pattern is not valid UTF-8")
	ErrTooLarge     = errors.New("too many patterns")
)

// Matcher finds the patterns it was built from in text. It is immutable and
// safe for concurrent use.
type Matcher struct {
	tab  *table
	auto automaton
	pats []patInfo // by the automaton's pattern number
}

type patInfo struct {
	len                 int32 // of the folded pattern, in bytes
	value               int32
	firstWord, lastWord bool
}

// New builds a matcher for patterns.
//
// A pattern is folded like a name in the alias index: NFKC, Unicode case
// folding, white space collapsed and trimmed. Patterns that fold to the same
// text are one pattern, with the Value of the first of them. New fails on a
// pattern that is empty after folding or is not valid UTF-8.
func New(patterns []Pattern) (*Matcher, error) {
	m := &Matcher{tab: loadTable()}
	folds := make([]string, 0, len(patterns))
	seen := make(map[string]bool, len(patterns))
	total := 0
	for i, p := range patterns {
		if !utf8.ValidString(p.Text) {
			return nil, fmt.Errorf("gazetteer: pattern %d %q: %w", i, p.Text, ErrInvalidUTF8)
		}
		f := foldPattern(p.Text)
		if f == "" {
			return nil, fmt.Errorf("gazetteer: pattern %d %q: %w", i, p.Text, ErrEmptyPattern)
		}
		if seen[f] {
			continue
		}
		seen[f] = true
		first, _ := utf8.DecodeRuneInString(f)
		last, _ := utf8.DecodeLastRuneInString(f)
		folds = append(folds, f)
		m.pats = append(m.pats, patInfo{
			len:       int32(len(f)),
			value:     p.Value,
			firstWord: isWord(first),
			lastWord:  isWord(last),
		})
		total += len(f)
	}
	if err := m.auto.build(folds, total); err != nil {
		return nil, err
	}
	return m, nil
}

// FindAll returns the leftmost-longest, non-overlapping matches of the
// patterns in text, in order.
//
// Matching compares folded text (see [New]) and reports code point offsets
// into text. A match covers whole characters: it neither begins nor ends
// inside a sequence that normalization merges or expands. A match that
// begins or ends with a letter or digit of a script written with spaces
// (Latin, Greek, Cyrillic, ...) must not have another such character next to
// it on that side, so "AI" is not found in "said"; scripts written without
// spaces (Chinese, Japanese, ...) need no boundary, so "中国AI公司" holds both
// "中国" and "AI". Among the matches that begin leftmost the longest wins, and
// the search goes on after it. Each byte of invalid UTF-8 counts as one code
// point, as in a range loop, and is part of no match.
func (m *Matcher) FindAll(text string) []Match {
	return m.AppendAll(nil, text)
}
