package semantics

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/graphbuilder/graph/internal/diag"
)

// Format is an input format of the ICCMA competitions.
type Format uint8

// The formats: ICCMA 2023's `p af N` with numbered arguments, and the apx
// (`arg(a).` `att(a,b).`) and trivial graph format of the earlier editions.
const (
	FormatAF Format = iota
	FormatAPX
	FormatTGF
)

func (f Format) String() string { return [...]string{"af", "apx", "tgf"}[f] }

// ParseFormat reads a format name: af (also i23), apx or tgf.
func ParseFormat(name string) (Format, error) {
	switch strings.ToLower(name) {
	case "af", "i23", "iccma23":
		return FormatAF, nil
	case "apx":
		return FormatAPX, nil
	case "tgf":
		return FormatTGF, nil
	}
	return 0, fmt.Errorf("unknown framework format %q (af, apx or tgf)", name)
}

// DetectFormat names the format of a file by its extension (.af, .i23, .apx,
// .tgf) or, failing that, by its first line that is no comment: `p af` starts the
// 2023 format, `arg(` apx, anything else is read as tgf.
func DetectFormat(file string, data []byte) Format {
	switch strings.ToLower(filepath.Ext(file)) {
	case ".af", ".i23":
		return FormatAF
	case ".apx":
		return FormatAPX
	case ".tgf":
		return FormatTGF
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "" || line[0] == '#' || line[0] == '%':
			continue
		case strings.HasPrefix(line, "p "):
			return FormatAF
		case strings.HasPrefix(line, "arg(") || strings.HasPrefix(line, "att("):
			return FormatAPX
		}
		return FormatTGF
	}
	return FormatAF
}

// Read parses a framework in the given format. file names the input in
// diagnostics, which give every problem of the input with its line and column
// (in characters, from 1).
func Read(file string, r io.Reader, format Format) (*Framework, diag.Diagnostics) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, diag.Diagnostics{diag.Errorf(diag.Range{File: file}, "cannot read: %v", err)}
	}
	p := &parser{file: file}
	if !utf8.Valid(data) {
		off := 0
		for off < len(data) {
			r, size := utf8.DecodeRune(data[off:])
			if r == utf8.RuneError && size == 1 {
				break
			}
			off += size
		}
		line := 1 + bytes.Count(data[:off], []byte("\n"))
		col := 1 + utf8.RuneCount(data[bytes.LastIndexByte(data[:off], '\n')+1:off])
		p.errorf(line, col, "invalid UTF-8 (byte offset %d)", off)
		return nil, p.ds
	}
	lines := strings.Split(string(data), "\n")
	switch format {
	case FormatAF:
		return p.af(lines)
	case FormatAPX:
		return p.apx(lines)
	}
	return p.tgf(lines)
}

// MaxArguments bounds the arguments a `p af` line may declare, so that a typo in
// it cannot ask for gigabytes.
const MaxArguments = 10_000_000

type parser struct {
	file string
	ds   diag.Diagnostics
}

// maxDiagnostics bounds what one file reports: a file in the wrong format would
// otherwise give an error a line.
const maxDiagnostics = 50

func (p *parser) errorf(line, col int, format string, args ...any) {
	if len(p.ds) == maxDiagnostics {
		p.ds = append(p.ds, diag.Errorf(diag.Range{File: p.file, Start: diag.Pos{Line: line, Column: col}},
			"too many errors; is this file in another format?"))
	}
	if len(p.ds) > maxDiagnostics {
		return
	}
	p.ds = append(p.ds, diag.Errorf(diag.Range{File: p.file, Start: diag.Pos{Line: line, Column: col},
		End: diag.Pos{Line: line, Column: col}}, format, args...))
}

func (p *parser) result(b *Builder) (*Framework, diag.Diagnostics) {
	if p.ds.HasErrors() {
		return nil, p.ds
	}
	return b.Build(), nil
}

// field is a blank-separated word of a line and its column.
type field struct {
	text string
	col  int
}

func fields(line string) []field {
	var out []field
	col, start, startCol := 0, -1, 0
	for i, r := range line {
		col++
		if unicode.IsSpace(r) {
			if start >= 0 {
				out = append(out, field{line[start:i], startCol})
				start = -1
			}
			continue
		}
		if start < 0 {
			start, startCol = i, col
		}
	}
	if start >= 0 {
		out = append(out, field{line[start:], startCol})
	}
	return out
}

// af reads ICCMA 2023's format: comment lines starting with #, then one line
// `p af N`, then one attack `i j` per line between arguments numbered 1..N.
func (p *parser) af(lines []string) (*Framework, diag.Diagnostics) {
	var b *Builder
	n := 0
	header := false // a `p` line was seen, well formed or not
	early := false  // an attack came before it
	for i, line := range lines {
		ln := i + 1
		fs := fields(strings.TrimSuffix(line, "\r"))
		if len(fs) == 0 || strings.HasPrefix(fs[0].text, "#") {
			continue
		}
		if fs[0].text == "p" {
			switch {
			case header:
				p.errorf(ln, fs[0].col, "a second `p af` line; the framework was declared before")
			case len(fs) < 2 || fs[1].text != "af":
				p.errorf(ln, fs[0].col, "expected `p af N`, the number of arguments")
			case len(fs) != 3:
				col := fs[len(fs)-1].col
				if len(fs) > 3 {
					col = fs[3].col
				}
				p.errorf(ln, col, "expected `p af N`: one number of arguments")
			default:
				v, err := strconv.Atoi(fs[2].text)
				if err != nil || v < 0 {
					p.errorf(ln, fs[2].col, "the number of arguments must be a whole number, not %q", fs[2].text)
					break
				}
				if v > MaxArguments {
					p.errorf(ln, fs[2].col, "%d arguments is more than the %d a framework file may declare", v, MaxArguments)
					break
				}
				n, b = v, NewBuilder(v)
			}
			header = true
			continue
		}
		if b == nil {
			if !header && !early {
				p.errorf(ln, fs[0].col, "expected `p af N` before the first attack")
				early = true
			}
			// Without a usable header, still check what can be checked.
			b, n = NewBuilder(0), -1
		}
		if len(fs) != 2 {
			col := fs[0].col
			if len(fs) > 2 {
				col = fs[2].col
			}
			p.errorf(ln, col, "an attack is two argument numbers, `i j`; this line has %d words", len(fs))
			continue
		}
		var ends [2]int
		ok := true
		for k, fd := range fs {
			v, err := strconv.Atoi(fd.text)
			switch {
			case err != nil:
				p.errorf(ln, fd.col, "argument %q is not a number", fd.text)
				ok = false
			case n >= 0 && (v < 1 || v > n):
				p.errorf(ln, fd.col, "argument %d is out of range: the framework has arguments 1 to %d", v, n)
				ok = false
			}
			ends[k] = v - 1
		}
		if ok && n >= 0 {
			b.Attack(ends[0], ends[1])
		}
	}
	if !header && !early {
		p.errorf(len(lines), 1, "no `p af N` line: not a framework in the ICCMA 2023 format")
	}
	return p.result(b)
}

// apx reads `arg(a).` and `att(a,b).` statements, several to a line if need
// be; % starts a comment. Attacks may name arguments declared further down.
func (p *parser) apx(lines []string) (*Framework, diag.Diagnostics) {
	b := NewBuilder(0)
	index := map[string]int{}
	type ref struct {
		name      string
		line, col int
	}
	var attacks [][2]ref
	for i, line := range lines {
		ln := i + 1
		runes := []rune(strings.TrimSuffix(line, "\r"))
		pos := 0
		skip := func() {
			for pos < len(runes) && unicode.IsSpace(runes[pos]) {
				pos++
			}
		}
		for {
			skip()
			if pos >= len(runes) || runes[pos] == '%' {
				break
			}
			start := pos
			for pos < len(runes) && (unicode.IsLetter(runes[pos]) || runes[pos] == '_') {
				pos++
			}
			word := string(runes[start:pos])
			if word != "arg" && word != "att" {
				p.errorf(ln, start+1, "expected `arg(NAME).` or `att(NAME,NAME).`")
				break
			}
			skip()
			if pos >= len(runes) || runes[pos] != '(' {
				p.errorf(ln, pos+1, "expected `(` after %s", word)
				break
			}
			pos++
			var names []ref
			bad := false
			for {
				skip()
				s := pos
				for pos < len(runes) && runes[pos] != ',' && runes[pos] != ')' && !unicode.IsSpace(runes[pos]) {
					pos++
				}
				if s == pos {
					p.errorf(ln, pos+1, "expected an argument name")
					bad = true
					break
				}
				names = append(names, ref{string(runes[s:pos]), ln, s + 1})
				skip()
				if pos < len(runes) && runes[pos] == ',' {
					pos++
					continue
				}
				if pos < len(runes) && runes[pos] == ')' {
					pos++
					break
				}
				p.errorf(ln, pos+1, "expected `,` or `)`")
				bad = true
				break
			}
			if bad {
				break
			}
			skip()
			if pos >= len(runes) || runes[pos] != '.' {
				p.errorf(ln, pos+1, "expected `.` to end the statement")
				break
			}
			pos++
			want := map[string]int{"arg": 1, "att": 2}[word]
			if len(names) != want {
				p.errorf(ln, start+1, "%s takes %d argument name(s), not %d", word, want, len(names))
				continue
			}
			if word == "arg" {
				nm := names[0]
				if _, dup := index[nm.name]; dup {
					p.errorf(ln, nm.col, "argument %q is declared twice", nm.name)
					continue
				}
				index[nm.name] = b.Add(nm.name)
				continue
			}
			attacks = append(attacks, [2]ref{names[0], names[1]})
		}
	}
	names := make([]string, 0, len(index))
	for nm := range index {
		names = append(names, nm)
	}
	slices.Sort(names)
	for _, at := range attacks {
		ok := true
		for _, r := range at {
			if _, found := index[r.name]; !found {
				d := diag.Errorf(diag.Range{File: p.file, Start: diag.Pos{Line: r.line, Column: r.col}}, "attack names argument %q, which no arg(...) declares", r.name)
				if sug := diag.Suggest(r.name, names); sug != "" {
					d.WithHint("did you mean %q?", sug)
				}
				p.ds = append(p.ds, d)
				ok = false
			}
		}
		if ok {
			b.Attack(index[at[0].name], index[at[1].name])
		}
	}
	return p.result(b)
}

// tgf reads the trivial graph format: one argument per line (its first word;
// the rest is a label), a line `#`, then one attack `a b` per line.
func (p *parser) tgf(lines []string) (*Framework, diag.Diagnostics) {
	b := NewBuilder(0)
	index := map[string]int{}
	names := []string{}
	edges := false
	for i, line := range lines {
		ln := i + 1
		fs := fields(strings.TrimSuffix(line, "\r"))
		if len(fs) == 0 {
			continue
		}
		if fs[0].text == "#" && len(fs) == 1 {
			if edges {
				p.errorf(ln, fs[0].col, "a second `#` line; attacks follow the first")
			}
			edges = true
			continue
		}
		if !edges {
			nm := fs[0]
			if _, dup := index[nm.text]; dup {
				p.errorf(ln, nm.col, "argument %q is listed twice", nm.text)
				continue
			}
			index[nm.text] = b.Add(nm.text)
			names = append(names, nm.text)
			continue
		}
		if len(fs) < 2 {
			p.errorf(ln, fs[0].col, "an attack is two argument names, `a b`")
			continue
		}
		ok := true
		for _, fd := range fs[:2] {
			if _, found := index[fd.text]; !found {
				d := diag.Errorf(diag.Range{File: p.file, Start: diag.Pos{Line: ln, Column: fd.col}}, "attack names argument %q, which is not listed before `#`", fd.text)
				if sug := diag.Suggest(fd.text, names); sug != "" {
					d.WithHint("did you mean %q?", sug)
				}
				p.ds = append(p.ds, d)
				ok = false
			}
		}
		if ok {
			b.Attack(index[fs[0].text], index[fs[1].text])
		}
	}
	return p.result(b)
}

// WriteAnswer prints ans as the competitions do. For the 2023 format
// (numbered arguments): DC is `YES` and a line `w` with the witness, or `NO`; DS
// is `YES`, or `NO` and the counterexample's `w` line; SE is a `w` line, or `NO`
// when there is no extension; EE, which 2023 dropped, is one `w` line per
// extension. For apx and tgf, the format of the editions that used them: YES or
// NO, an extension as [a,b], all of them as [[a,b],[c]].
func WriteAnswer(w io.Writer, f *Framework, format Format, ans Answer) error {
	bw := bufio.NewWriter(w)
	names := func(ext []int) []string {
		out := make([]string, len(ext))
		for i, a := range ext {
			out[i] = f.Name(a)
		}
		return out
	}
	wline := func(ext []int) {
		bw.WriteString("w")
		for _, nm := range names(ext) {
			bw.WriteString(" " + nm)
		}
		bw.WriteString("\n")
	}
	list := func(ext []int) string { return "[" + strings.Join(names(ext), ",") + "]" }
	yes := map[bool]string{true: "YES", false: "NO"}
	switch ans.Task.Problem {
	case DC, DS:
		fmt.Fprintln(bw, yes[ans.Accepted])
		if format == FormatAF && ans.HasWitness {
			wline(ans.Witness)
		}
	case SE:
		switch {
		case len(ans.Extensions) == 0:
			fmt.Fprintln(bw, "NO")
		case format == FormatAF:
			wline(ans.Extensions[0])
		default:
			fmt.Fprintln(bw, list(ans.Extensions[0]))
		}
	case EE:
		if format == FormatAF {
			for _, e := range ans.Extensions {
				wline(e)
			}
			break
		}
		parts := make([]string, len(ans.Extensions))
		for i, e := range ans.Extensions {
			parts[i] = list(e)
		}
		fmt.Fprintln(bw, "["+strings.Join(parts, ",")+"]")
	}
	return bw.Flush()
}

// Lookup finds an argument by its name (for the 2023 format, its number).
func (f *Framework) Lookup(name string) (int, bool) {
	if v, err := strconv.Atoi(name); err == nil && v >= 1 && v <= f.numbered && strconv.Itoa(v) == name {
		return v - 1, true
	}
	for i, nm := range f.names {
		if nm == name {
			return f.numbered + i, true
		}
	}
	return 0, false
}
