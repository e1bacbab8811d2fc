package transcript

import (
	"bytes"
	"fmt"
	"unicode/utf16"
	"unicode/utf8"
)

// jsonScan reads JSON from a byte slice, keeping the offset of every value so that
// diagnostics can point at it. It stops at the first syntax error, which it keeps.
// Objects and lists it is not asked about are skipped without building anything.
type jsonScan struct {
	data   []byte
	i      int
	errAt  int
	errMsg string
	stack  []byte // open containers, for skip
}

// fail records a syntax error at off (the first one stays) and returns false.
func (s *jsonScan) fail(off int, format string, args ...any) bool {
	if s.errMsg == "" {
		s.errAt, s.errMsg = off, fmt.Sprintf(format, args...)
	}
	return false
}

func (s *jsonScan) ok() bool { return s.errMsg == "" }

func (s *jsonScan) ws() {
	for s.i < len(s.data) {
		switch s.data[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// unexpected fails at s.i, naming what is there.
func (s *jsonScan) unexpected(want string) bool {
	if s.i >= len(s.data) {
		return s.fail(s.i, "unexpected end of the file; want %s", want)
	}
	r, _ := utf8.DecodeRune(s.data[s.i:])
	return s.fail(s.i, "unexpected %q; want %s", r, want)
}

// str reads the string that begins at s.i and returns the bytes between its
// quotes, and whether they hold escapes.
func (s *jsonScan) str() (raw []byte, esc, ok bool) {
	open := s.i
	i := s.i + 1
	for i < len(s.data) {
		c := s.data[i]
		switch {
		case c == '"':
			s.i = i + 1
			return s.data[open+1 : i], esc, true
		case c == '\\':
			esc = true
			if i+1 >= len(s.data) {
				return nil, false, s.fail(open, "string is not closed")
			}
			switch s.data[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if i+6 > len(s.data) || !isHex4(s.data[i+2:i+6]) {
					return nil, false, s.fail(i, `bad escape: \u must be followed by four hex digits`)
				}
				i += 6
			default:
				r, _ := utf8.DecodeRune(s.data[i+1:])
				return nil, false, s.fail(i, `bad escape \%c in a string`, r)
			}
		case c < 0x20:
			return nil, false, s.fail(i, "control character %q in a string; write it escaped", rune(c))
		default:
			i++
		}
	}
	return nil, false, s.fail(open, "string is not closed")
}

func isHex4(b []byte) bool {
	for _, c := range b {
		if !(isDigit(c) || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// number reads the number that begins at s.i.
func (s *jsonScan) number() ([]byte, bool) {
	d, i := s.data, s.i
	digits := func() bool {
		j := i
		for i < len(d) && isDigit(d[i]) {
			i++
		}
		return i > j
	}
	if i < len(d) && d[i] == '-' {
		i++
	}
	switch {
	case i < len(d) && d[i] == '0':
		i++
	case !digits():
		return nil, s.fail(i, "bad number")
	}
	if i < len(d) && d[i] == '.' {
		i++
		if !digits() {
			return nil, s.fail(i, "bad number: digits must follow the decimal point")
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if !digits() {
			return nil, s.fail(i, "bad number: digits must follow the exponent")
		}
	}
	raw := d[s.i:i]
	s.i = i
	return raw, true
}

// literal reads true, false or null.
func (s *jsonScan) literal() bool {
	for _, w := range []string{"true", "false", "null"} {
		if bytes.HasPrefix(s.data[s.i:], []byte(w)) {
			s.i += len(w)
			return true
		}
	}
	return s.unexpected("a value")
}

// scalar reads a string, number or literal at s.i.
func (s *jsonScan) scalar() bool {
	if s.i >= len(s.data) {
		return s.unexpected("a value")
	}
	switch c := s.data[s.i]; {
	case c == '"':
		_, _, ok := s.str()
		return ok
	case c == '-' || isDigit(c):
		_, ok := s.number()
		return ok
	}
	return s.literal()
}

// key reads an object key and its colon, leaving s.i at the value, which is
// there.
func (s *jsonScan) key() (key []byte, esc, ok bool) {
	s.ws()
	if s.i >= len(s.data) || s.data[s.i] != '"' {
		return nil, false, s.unexpected("a key in quotes")
	}
	if key, esc, ok = s.str(); !ok {
		return nil, false, false
	}
	s.ws()
	if s.i >= len(s.data) || s.data[s.i] != ':' {
		return nil, false, s.unexpected("':'")
	}
	s.i++
	s.ws()
	if s.i >= len(s.data) {
		return nil, false, s.unexpected("a value")
	}
	return key, esc, true
}

// skip reads the value at s.i and checks its syntax, without recursion, so that
// deep nesting costs memory, not stack.
func (s *jsonScan) skip() bool {
	stack := s.stack[:0]
	defer func() { s.stack = stack }()
	for {
		// A value is expected.
		s.ws()
		if s.i >= len(s.data) {
			return s.unexpected("a value")
		}
		switch s.data[s.i] {
		case '{':
			s.i++
			s.ws()
			if s.i < len(s.data) && s.data[s.i] == '}' {
				s.i++
				break
			}
			stack = append(stack, '}')
			if _, _, ok := s.key(); !ok {
				return false
			}
			continue
		case '[':
			s.i++
			s.ws()
			if s.i < len(s.data) && s.data[s.i] == ']' {
				s.i++
				break
			}
			stack = append(stack, ']')
			continue
		default:
			if !s.scalar() {
				return false
			}
		}
		// A value has ended: close what it ends, up to the next element.
		for {
			if len(stack) == 0 {
				return true
			}
			s.ws()
			closer := stack[len(stack)-1]
			if s.i < len(s.data) && s.data[s.i] == closer {
				s.i++
				stack = stack[:len(stack)-1]
				continue
			}
			if s.i < len(s.data) && s.data[s.i] == ',' {
				s.i++
				if closer == '}' {
					if _, _, ok := s.key(); !ok {
						return false
					}
				}
				break
			}
			return s.unexpected(fmt.Sprintf("',' or '%c'", closer))
		}
	}
}

// object reads the object at s.i, calling member with s.i at each value; member
// must read the value.
func (s *jsonScan) object(member func(key []byte, esc bool) bool) bool {
	s.i++ // '{'
	s.ws()
	if s.i < len(s.data) && s.data[s.i] == '}' {
		s.i++
		return true
	}
	for {
		key, esc, ok := s.key()
		if !ok || !member(key, esc) {
			return false
		}
		s.ws()
		if s.i < len(s.data) && s.data[s.i] == ',' {
			s.i++
			continue
		}
		if s.i < len(s.data) && s.data[s.i] == '}' {
			s.i++
			return true
		}
		return s.unexpected("',' or '}'")
	}
}

// array reads the list at s.i, calling elem with s.i at each element; elem must
// read the element.
func (s *jsonScan) array(elem func() bool) bool {
	s.i++ // '['
	s.ws()
	if s.i < len(s.data) && s.data[s.i] == ']' {
		s.i++
		return true
	}
	for {
		s.ws()
		if s.i >= len(s.data) {
			return s.unexpected("a value")
		}
		if !elem() {
			return false
		}
		s.ws()
		if s.i < len(s.data) && s.data[s.i] == ',' {
			s.i++
			continue
		}
		if s.i < len(s.data) && s.data[s.i] == ']' {
			s.i++
			return true
		}
		return s.unexpected("',' or ']'")
	}
}

// kindAt names the kind of the JSON value that begins with c, for messages.
func kindAt(c byte) string {
	switch c {
	case '{':
		return "an object"
	case '[':
		return "a list"
	case '"':
		return "a string"
	case 't', 'f':
		return "true or false"
	case 'n':
		return "null"
	}
	return "a number"
}

// unescape appends the string that the bytes between a JSON string's quotes
// stand for; they must have passed [jsonScan.str]. A lone surrogate becomes
// U+FFFD.
func unescape(dst, raw []byte) []byte {
	for len(raw) > 0 {
		i := bytes.IndexByte(raw, '\\')
		if i < 0 {
			return append(dst, raw...)
		}
		dst = append(dst, raw[:i]...)
		raw = raw[i:]
		c := raw[1]
		raw = raw[2:]
		switch c {
		case 'b':
			dst = append(dst, '\b')
		case 'f':
			dst = append(dst, '\f')
		case 'n':
			dst = append(dst, '\n')
		case 'r':
			dst = append(dst, '\r')
		case 't':
			dst = append(dst, '\t')
		case 'u':
			r := hex4(raw)
			raw = raw[4:]
			if utf16.IsSurrogate(r) {
				r2 := rune(-1)
				if len(raw) >= 6 && raw[0] == '\\' && raw[1] == 'u' {
					r2 = hex4(raw[2:])
				}
				if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
					r = d
					raw = raw[6:]
				} else {
					r = utf8.RuneError
				}
			}
			dst = utf8.AppendRune(dst, r)
		default: // '"', '\\', '/'
			dst = append(dst, c)
		}
	}
	return dst
}

func hex4(b []byte) rune {
	var r rune
	for _, c := range b[:4] {
		switch {
		case isDigit(c):
			r = r<<4 | rune(c-'0')
		case 'a' <= c && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		default:
			r = r<<4 | rune(c-'A'+10)
		}
	}
	return r
}
