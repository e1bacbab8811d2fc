package yamlpos

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/graphbuilder/graph/internal/diag"
)

// MaxFileSize is the largest YAML file accepted; hand-written graphs are far smaller,
// and a larger file is almost always a mistake (a transcript named as a graph).
const MaxFileSize = 16 << 20

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// Parse checks that data is non-empty valid UTF-8 YAML holding one document whose top
// level is a mapping, and returns that mapping node.
func Parse(file string, data []byte) (*yaml.Node, diag.Diagnostics) {
	whole := diag.Range{File: file}
	if len(data) > MaxFileSize {
		return nil, diag.Diagnostics{diag.Errorf(whole, "file is %d bytes; the limit is %d", len(data), MaxFileSize)}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, diag.Diagnostics{diag.Errorf(whole, "file is empty")}
	}
	if off := InvalidUTF8(data); off >= 0 {
		line, col := lineCol(data, off)
		r := diag.Range{File: file, Start: diag.Pos{Line: line, Column: col}}
		return nil, diag.Diagnostics{diag.Errorf(r, "invalid UTF-8 at byte offset %d", off)}
	}
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		return nil, diag.Diagnostics{locate(data, atTab(data, syntaxError(file, err)))}
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, diag.Diagnostics{diag.Errorf(At(file, &extra), "a graph file holds one YAML document; remove the second one")}
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, diag.Diagnostics{diag.Errorf(whole, "file holds no YAML document")}
	}
	root := doc.Content[0]
	if d := checkAliases(file, root, MaxExpandedSize); d != nil {
		return nil, diag.Diagnostics{d}
	}
	if root.Kind != yaml.MappingNode {
		return nil, diag.Diagnostics{diag.Errorf(At(file, root), "the top level must be a mapping of keys, not %s", KindName(root))}
	}
	return root, nil
}

func syntaxError(file string, err error) *diag.Diagnostic {
	msg := err.Error()
	if te, ok := err.(*yaml.TypeError); ok {
		msg = strings.Join(te.Errors, "; ")
	}
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		text := m[2]
		// yaml.v3 counts lines from 0 for parser errors (unlike scanner errors).
		if strings.HasPrefix(text, "did not find expected") {
			line++
		}
		return diag.Errorf(diag.Range{File: file, Start: diag.Pos{Line: line}}, "invalid YAML: %s", text)
	}
	return diag.Errorf(diag.Range{File: file}, "invalid YAML: %s", strings.TrimPrefix(msg, "yaml: "))
}

// InvalidUTF8 returns the byte offset of the first byte of data that is not valid
// UTF-8, or -1 when all of it is.
func InvalidUTF8(data []byte) int {
	if utf8.Valid(data) { // the common case, many times faster than decoding
		return -1
	}
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return -1
}

// lineCol converts a byte offset into a 1-based line and character column.
// Lines break at LF, CR LF and a lone CR, as YAML counts them.
func lineCol(data []byte, off int) (int, int) {
	before := data[:off]
	line := 1 + bytes.Count(before, []byte{'\n'}) + bytes.Count(before, []byte{'\r'}) - bytes.Count(before, []byte("\r\n"))
	start := max(bytes.LastIndexByte(before, '\n'), bytes.LastIndexByte(before, '\r')) + 1
	return line, utf8.RuneCount(data[start:off]) + 1
}

// At returns the range of a node in file.
func At(file string, n *yaml.Node) diag.Range {
	if n == nil {
		return diag.Range{File: file}
	}
	start := diag.Pos{Line: n.Line, Column: n.Column}
	end := start
	if n.Kind == yaml.ScalarNode && n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) == 0 && !strings.Contains(n.Value, "\n") {
		end.Column += utf8.RuneCountInString(n.Value)
	}
	return diag.Range{File: file, Start: start, End: end}
}

// KindName describes a node's kind for messages.
func KindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "nothing (null)"
		}
		return fmt.Sprintf("the value %q", n.Value)
	}
	return "an empty document"
}

// Field is one key of a mapping, with the key's node for messages about the key
// and the value's node for messages about the value.
type Field struct {
	Key, Value *yaml.Node
}

// Fields checks that n is a mapping whose keys are all in allowed (suggesting the
// nearest known key for a typo), that no key repeats, and that every required key
// is present; it returns the fields by key.
func Fields(file string, n *yaml.Node, what string, allowed, required []string) (map[string]Field, diag.Diagnostics) {
	if n.Kind != yaml.MappingNode {
		return nil, diag.Diagnostics{diag.Errorf(At(file, n), "%s must be a mapping, not %s", what, KindName(n))}
	}
	var ds diag.Diagnostics
	out := make(map[string]Field, len(n.Content)/2)
	known := make(map[string]bool, len(allowed))
	for _, a := range allowed {
		known[a] = true
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			ds = append(ds, diag.Errorf(At(file, k), "keys of %s must be plain names", what))
			continue
		}
		if !known[k.Value] {
			d := diag.Errorf(At(file, k), "unknown field %q in %s", k.Value, what)
			if s := diag.Suggest(k.Value, allowed); s != "" {
				d.WithHint("did you mean %q?", s)
			} else {
				d.WithHint("known fields: %s", strings.Join(allowed, ", "))
			}
			ds = append(ds, d)
			continue
		}
		if prev, dup := out[k.Value]; dup {
			ds = append(ds, diag.Errorf(At(file, k), "field %q appears twice in %s (first at line %d)", k.Value, what, prev.Key.Line))
			continue
		}
		out[k.Value] = Field{Key: k, Value: v}
	}
	for _, r := range required {
		if f, ok := out[r]; !ok || IsNull(f.Value) {
			ds = append(ds, diag.Errorf(At(file, n), "%s has no %q", what, r))
		}
	}
	return out, ds
}

// IsNull reports whether n is missing or an explicit null.
func IsNull(n *yaml.Node) bool {
	return n == nil || (n.Kind == yaml.ScalarNode && n.Tag == "!!null")
}

// String returns the text of a scalar node.
func String(file string, n *yaml.Node, what string) (string, *diag.Diagnostic) {
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if n == nil || n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		return "", diag.Errorf(At(file, n), "%s must be a single value, not %s", what, KindName(n))
	}
	return n.Value, nil
}

// StringField sets *dst to the text of fields[key] and, when at is not nil, *at to
// its place. An absent key leaves both alone; a value that is not a single scalar
// gives a diagnostic.
func StringField(file string, fields map[string]Field, key string, dst *string, at *diag.Range) *diag.Diagnostic {
	f, ok := fields[key]
	if !ok {
		return nil
	}
	v, d := String(file, f.Value, key)
	if d != nil {
		return d
	}
	*dst = v
	if at != nil {
		*at = At(file, f.Value)
	}
	return nil
}

// StringList accepts either one scalar or a list of scalars, and returns their texts
// with their nodes.
func StringList(file string, n *yaml.Node, what string) ([]string, []*yaml.Node, diag.Diagnostics) {
	if n.Kind == yaml.ScalarNode && n.Tag != "!!null" {
		return []string{n.Value}, []*yaml.Node{n}, nil
	}
	if n.Kind != yaml.SequenceNode {
		return nil, nil, diag.Diagnostics{diag.Errorf(At(file, n), "%s must be a value or a list of values, not %s", what, KindName(n))}
	}
	var ds diag.Diagnostics
	var vals []string
	var nodes []*yaml.Node
	for _, item := range n.Content {
		s, d := String(file, item, "each item of "+what)
		if d != nil {
			ds = append(ds, d)
			continue
		}
		vals = append(vals, s)
		nodes = append(nodes, item)
	}
	return vals, nodes, ds
}

// List checks that n is a list and returns its items.
func List(file string, n *yaml.Node, what string) ([]*yaml.Node, *diag.Diagnostic) {
	if IsNull(n) {
		return nil, nil
	}
	if n.Kind != yaml.SequenceNode {
		return nil, diag.Errorf(At(file, n), "%s must be a list, not %s", what, KindName(n))
	}
	return n.Content, nil
}

// Decide records a decision in a file whose top level maps accept and reject to
// lists, as the decisions files of graph link and graph extract do: item goes
// under accept (or reject), unless an item there already satisfies same, and every
// item under the other list that satisfies same is removed. The file is created
// when missing, starting with header (a comment); its other content and comments
// are kept, and accept stays before reject. It reports whether the file changed.
func Decide(file, header string, accept bool, same func(*yaml.Node) bool, item *yaml.Node) (bool, error) {
	data, err := os.ReadFile(file)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return false, err
	}
	var doc yaml.Node
	if !Empty(data) {
		if err := yaml.Unmarshal(data, &doc); err != nil {
			return false, fmt.Errorf("%s: %w", file, err)
		}
	}
	if doc.Kind == 0 {
		doc = yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{{Kind: yaml.MappingNode}}}
		doc.HeadComment = strings.TrimSpace(string(data)) // a file of comments keeps them
		if doc.HeadComment == "" {
			doc.HeadComment = strings.TrimSpace(header)
		}
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return false, fmt.Errorf("%s: the top level must be a mapping with accept and reject", file)
	}
	// list returns the list under name, made when create is set, or an empty node.
	list := func(name string, create bool) *yaml.Node {
		for i := 0; i+1 < len(root.Content); i += 2 {
			if root.Content[i].Value == name {
				v := root.Content[i+1]
				if v.Kind != yaml.SequenceNode {
					*v = yaml.Node{Kind: yaml.SequenceNode}
				}
				return v
			}
		}
		v := &yaml.Node{Kind: yaml.SequenceNode}
		if create {
			k := &yaml.Node{Kind: yaml.ScalarNode, Value: name}
			if name == "accept" {
				root.Content = append([]*yaml.Node{k, v}, root.Content...)
			} else {
				root.Content = append(root.Content, k, v)
			}
		}
		return v
	}
	wantName, otherName := "accept", "reject"
	if !accept {
		wantName, otherName = otherName, wantName
	}
	want, other := list(wantName, true), list(otherName, false)
	changed := false
	kept := other.Content[:0]
	for _, n := range other.Content {
		if same(n) {
			changed = true
			continue
		}
		kept = append(kept, n)
	}
	other.Content = kept
	if !slices.ContainsFunc(want.Content, same) {
		if len(want.Content) == 0 {
			want.Style = 0 // "accept: []" grows into a block list
		}
		want.Content = append(want.Content, item)
		changed = true
	}
	if !changed {
		return false, nil
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return false, err
	}
	enc.Close()
	return true, os.WriteFile(file, buf.Bytes(), 0o644)
}

// ReadOptional reads and parses a YAML file that may not be there yet, such as
// a decisions file: a missing or empty file gives a nil root and no diagnostic;
// what names the file's kind in the message of a file that cannot be read.
func ReadOptional(file, what string) (*yaml.Node, diag.Diagnostics) {
	data, err := os.ReadFile(file)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, diag.Diagnostics{diag.Errorf(diag.Range{File: file}, "cannot read %s: %v", what, err)}
	}
	if Empty(data) {
		return nil, nil
	}
	return Parse(file, data)
}

// Empty reports whether a YAML file holds nothing but blanks, comments and a
// document marker.
func Empty(data []byte) bool {
	for _, line := range bytes.Split(data, []byte("\n")) {
		line = bytes.TrimSpace(line)
		if len(line) > 0 && line[0] != '#' && string(line) != "---" {
			return false
		}
	}
	return true
}
