package pipeline

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/graphbuilder/graph/internal/diag"
)

// gizmoToken is one token of a Gizmo query, as far as the guard rails need to
// read one: names, string literals and punctuation, with where each begins.
type gizmoToken struct {
	kind tokenKind
	// text is a name, a punctuation mark, or a string's value with its escapes
	// undone.
	text string
	// at and end are the token's place, 1-based lines and columns in characters;
	// off is its byte offset in the query and size its length in bytes.
	at, end   diag.Pos
	off, size int
}

type tokenKind int

const (
	tokName tokenKind = iota
	tokString
	tokPunct
	tokOther // numbers, template strings, regular expressions: skipped over
)

// lexGizmo splits a query into tokens, skipping blanks and comments. It never
// fails: what it does not understand becomes tokOther, and Gizmo reports real
// syntax errors when the query runs.
func lexGizmo(q string) []gizmoToken {
	var toks []gizmoToken
	line, col := 1, 1
	i := 0
	// advance moves past q[i:j], counting lines and columns.
	advance := func(j int) {
		for _, r := range q[i:j] {
			if r == '\n' {
				line, col = line+1, 1
			} else {
				col++
			}
		}
		i = j
	}
	for i < len(q) {
		r, w := utf8.DecodeRuneInString(q[i:])
		start, off := diag.Pos{Line: line, Column: col}, i
		emit := func(kind tokenKind, text string, j int) {
			advance(j)
			toks = append(toks, gizmoToken{kind: kind, text: text, at: start, end: diag.Pos{Line: line, Column: col}, off: off, size: j - off})
		}
		switch {
		case unicode.IsSpace(r):
			advance(i + w)
		case strings.HasPrefix(q[i:], "//"):
			j := strings.IndexByte(q[i:], '\n')
			if j < 0 {
				j = len(q) - i
			}
			advance(i + j)
		case strings.HasPrefix(q[i:], "/*"):
			j := strings.Index(q[i+2:], "*/")
			if j < 0 {
				advance(len(q))
			} else {
				advance(i + 2 + j + 2)
			}
		case r == '"' || r == '\'':
			text, j := readString(q, i, byte(r))
			emit(tokString, text, j)
		case r == '`':
			j := strings.IndexByte(q[i+1:], '`')
			if j < 0 {
				emit(tokOther, "", len(q))
			} else {
				emit(tokOther, "", i+1+j+1)
			}
		case r == '_' || r == '$' || unicode.IsLetter(r):
			j := i
			for j < len(q) {
				r, w := utf8.DecodeRuneInString(q[j:])
				if r != '_' && r != '$' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
					break
				}
				j += w
			}
			emit(tokName, q[i:j], j)
		case unicode.IsDigit(r):
			j := i
			for j < len(q) && (q[j] == '.' || q[j] == '_' || q[j] < utf8.RuneSelf && (unicode.IsLetter(rune(q[j])) || unicode.IsDigit(rune(q[j])))) {
				j++
			}
			emit(tokOther, q[i:j], j)
		default:
			emit(tokPunct, string(r), i+w)
		}
	}
	return toks
}

// readString reads the string literal that starts at q[i] with quote, and
// returns its value and the offset after its closing quote (or the line's end,
// for a string left open).
func readString(q string, i int, quote byte) (string, int) {
	var b strings.Builder
	j := i + 1
	for j < len(q) {
		c := q[j]
		switch {
		case c == quote:
			return b.String(), j + 1
		case c == '\n':
			return b.String(), j
		case c == '\\' && j+1 < len(q):
			j++
			switch q[j] {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			default:
				b.WriteByte(q[j])
			}
			j++
		default:
			b.WriteByte(c)
			j++
		}
	}
	return b.String(), j
}

// gizmoCall is a call of a method or function in a query: g.V(...), .Out(...).
type gizmoCall struct {
	name gizmoToken
	// method is set for a call after a dot.
	method bool
	// args holds each argument's tokens, at any depth.
	args [][]gizmoToken
}

// callsOf finds the calls in a token list: a name followed by a parenthesis.
func callsOf(toks []gizmoToken) []gizmoCall {
	var calls []gizmoCall
	for k := 0; k+1 < len(toks); k++ {
		if toks[k].kind != tokName || toks[k+1].kind != tokPunct || toks[k+1].text != "(" {
			continue
		}
		c := gizmoCall{name: toks[k], method: k > 0 && toks[k-1].kind == tokPunct && toks[k-1].text == "."}
		depth := 0
		var arg []gizmoToken
	args:
		for m := k + 2; m < len(toks); m++ {
			t := toks[m]
			if t.kind == tokPunct {
				switch t.text {
				case "(", "[", "{":
					depth++
				case ")", "]", "}":
					if depth == 0 {
						break args
					}
					depth--
				case ",":
					if depth == 0 {
						c.args = append(c.args, arg)
						arg = nil
						continue
					}
				}
			}
			arg = append(arg, t)
		}
		if len(arg) > 0 {
			c.args = append(c.args, arg)
		}
		calls = append(calls, c)
	}
	return calls
}

// is reports whether the call is of one of names, in either of the spellings
// Gizmo accepts (out and Out).
func (c gizmoCall) is(names ...string) bool {
	n := c.name.text
	if n == "" {
		return false
	}
	r, w := utf8.DecodeRuneInString(n)
	n = string(unicode.ToLower(r)) + n[w:]
	for _, name := range names {
		if n == name {
			return true
		}
	}
	return false
}

// strings returns the string literals an argument is made of: itself, when it
// is one string, or the strings of an array literal ["<a>", "<b>"]. Any other
// expression gives none.
func argStrings(arg []gizmoToken) []gizmoToken {
	if len(arg) == 1 && arg[0].kind == tokString {
		return arg
	}
	if len(arg) < 2 || arg[0].text != "[" || arg[len(arg)-1].text != "]" {
		return nil
	}
	var out []gizmoToken
	for k, t := range arg[1 : len(arg)-1] {
		switch {
		case k%2 == 0 && t.kind == tokString:
			out = append(out, t)
		case k%2 == 1 && t.kind == tokPunct && t.text == ",":
		default:
			return nil
		}
	}
	return out
}
