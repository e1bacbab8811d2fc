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
	tab *table

	// trans is the automaton: one row of stride entries per state, indexed by
	// byte class, holding the offset of the next state's row. Row offsets
	// stand for states everywhere, so no lookup needs a multiplication.
	// flagMatch marks an entry whose state ends a pattern; escape marks a
	// byte that starts a character the scanner has to fold first. Three
	// columns after the classes hold, for each state, the pattern it spells
	// plus one (or 0), the next state on its suffix chain that spells a
	// pattern (or 0, the root), and its depth in bytes.
	trans                   []uint32
	colOut, colDict, colLen uint32

	// scanClass maps a byte of text to its class, folding ASCII case and
	// white space and sending the lead bytes of characters that need folding
	// to the escape class. feedClass maps a byte of folded text.
	scanClass, feedClass [256]uint32

	pats []patInfo
}

const (
	flagMatch uint32 = 1 << 31
	escape    uint32 = 1<<32 - 1
)

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
	if err := m.build(folds, total); err != nil {
		return nil, err
	}
	return m, nil
}

// build makes the automaton: a trie of the folded patterns whose missing
// edges are filled in breadth first from the state of the longest proper
// suffix (Aho–Corasick), so that scanning is one table lookup per byte.
func (m *Matcher) build(folds []string, total int) error {
	var class [256]uint32
	var used [256]bool
	for _, f := range folds {
		for i := 0; i < len(f); i++ {
			used[f[i]] = true
		}
	}
	n := uint32(1) // class 0: bytes in no pattern
	for b := range used {
		if used[b] {
			class[b] = n
			n++
		}
	}
	esc := n
	n++
	for c := byte('A'); c <= 'Z'; c++ {
		class[c] = class[c+'a'-'A']
	}
	for _, c := range []byte("\t\n\v\f\r") {
		class[c] = class[' ']
	}
	space := class[' ']
	m.feedClass = class
	m.scanClass = class
	for b := 0xC2; b <= 0xF4; b++ {
		if !fastLead[b] {
			m.scanClass[b] = esc
		}
	}
	m.colOut, m.colDict, m.colLen = n, n+1, n+2
	stride := n + 3

	// Trie rows hold the plain offsets of children until the breadth-first
	// pass replaces each row by its final transitions; offset 0 is the root,
	// which is no one's child, so 0 means no child.
	states := uint64(total) + 1
	if states*uint64(stride) >= uint64(flagMatch) {
		return fmt.Errorf("gazetteer: %d patterns, %d bytes: %w", len(folds), total, ErrTooLarge)
	}
	t := make([]uint32, stride, int(states)*int(stride))
	endsSpace := make([]bool, 1, states)
	for pi, f := range folds {
		s := uint32(0)
		for i := 0; i < len(f); i++ {
			c := class[f[i]]
			next := t[s+c]
			if next == 0 {
				next = uint32(len(t))
				t = t[:len(t)+int(stride)]
				t[next+m.colLen] = t[s+m.colLen] + 1
				endsSpace = append(endsSpace, f[i] == ' ')
				t[s+c] = next
			}
			s = next
		}
		t[s+m.colOut] = uint32(pi) + 1
	}

	fail := make([]uint32, len(endsSpace))
	queue := make([]uint32, 1, len(endsSpace))
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		f := fail[s/stride]
		for c := uint32(0); c < n; c++ {
			child := t[s+c]
			if child == 0 || c == esc {
				switch {
				case s != 0:
					t[s+c] = t[f+c]
				case c == esc:
					t[c] = escape
				}
				continue
			}
			cf := uint32(0)
			if s != 0 {
				cf = t[f+c] &^ flagMatch
			}
			fail[child/stride] = cf
			if t[cf+m.colOut] != 0 {
				t[child+m.colDict] = cf
			} else {
				t[child+m.colDict] = t[cf+m.colDict]
			}
			if t[child+m.colOut] != 0 || t[child+m.colDict] != 0 {
				child |= flagMatch
			}
			t[s+c] = child
			queue = append(queue, child&^flagMatch)
		}
		// Folded text never holds two blanks in a row: more white space
		// after a blank leaves the state as it is.
		if endsSpace[s/stride] {
			self := s
			if t[s+m.colOut] != 0 || t[s+m.colDict] != 0 {
				self |= flagMatch
			}
			t[s+space] = self
		}
	}
	m.trans = t
	return nil
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
