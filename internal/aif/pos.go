package aif

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/graphbuilder/graph/internal/diag"
)

// Names of the lists of a nodeset, as the JSON writes them.
const (
	listNodes        = "nodes"
	listEdges        = "edges"
	listLocutions    = "locutions"
	listParticipants = "participants"
)

// position turns a byte offset into a 1-based line and a 1-based column counted in
// characters.
func position(data []byte, off int) diag.Pos {
	off = min(max(off, 0), len(data))
	line := 1 + bytes.Count(data[:off], []byte{'\n'})
	lineStart := bytes.LastIndexByte(data[:off], '\n') + 1
	return diag.Pos{Line: line, Column: utf8.RuneCount(data[lineStart:off]) + 1}
}

// invalidUTF8 returns the offset of the first byte that is not valid UTF-8.
func invalidUTF8(data []byte) int {
	off := 0
	for off < len(data) {
		r, size := utf8.DecodeRune(data[off:])
		if r == utf8.RuneError && size <= 1 {
			return off
		}
		off += size
	}
	return off
}

// valueStart finds where a JSON value of the given kind begins, from the offset just
// after it that encoding/json reports (just after the bracket, for lists and objects).
func valueStart(data []byte, end int, kind string) int {
	end = min(max(end, 0), len(data))
	switch {
	case kind == "array" || kind == "object":
		return max(end-1, 0)
	case kind == "string":
		for i := end - 2; i >= 0; i-- {
			if data[i] != '"' {
				continue
			}
			bs := 0
			for j := i - 1; j >= 0 && data[j] == '\\'; j-- {
				bs++
			}
			if bs%2 == 0 {
				return i
			}
		}
		return 0
	}
	i := end
	for i > 0 && strings.IndexByte("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.+-", data[i-1]) >= 0 {
		i--
	}
	return i
}

// typeMessage says what a value of the wrong kind should have been.
func typeMessage(e *json.UnmarshalTypeError) string {
	got := jsonKind(e.Value)
	want := goKind(e.Type)
	path := strings.Split(strings.TrimPrefix(e.Field, "AIF."), ".")
	if e.Field == "AIF" {
		return fmt.Sprintf(`"AIF" must be an object, not %s`, got)
	}
	switch len(path) {
	case 1:
		if path[0] == "" {
			return fmt.Sprintf("the top level must be an object, not %s", got)
		}
		if e.Type.Kind() == reflect.Struct {
			return fmt.Sprintf("an element of %q must be an object, not %s", path[0], got)
		}
		return fmt.Sprintf("%q must be a list, not %s", path[0], got)
	}
	owner := map[string]string{listNodes: "a node", listEdges: "an edge", listLocutions: "a locution", listParticipants: "a participant"}[path[0]]
	if owner == "" {
		owner = fmt.Sprintf("an element of %q", path[0])
	}
	return fmt.Sprintf("%q of %s must be %s, not %s", path[len(path)-1], owner, want, got)
}

func jsonKind(v string) string {
	switch k, _, _ := strings.Cut(v, " "); k {
	case "number":
		return "a number"
	case "string":
		return "a string"
	case "bool":
		return "true or false"
	case "array":
		return "a list"
	case "object":
		return "an object"
	}
	return v
}

func goKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Slice:
		return "a list"
	case reflect.Struct:
		return "an object"
	}
	return t.String()
}

// at returns the place of the i-th element of one of the nodeset's lists. The
// places are found by a second pass over the file, only when a diagnostic needs one.
func (ns *Nodeset) at(list string, i int) diag.Range {
	if ns.starts == nil {
		ns.starts = elementStarts(ns.data, ns.wrapped)
	}
	r := diag.Range{File: ns.File}
	if offs := ns.starts[list]; i >= 0 && i < len(offs) {
		r.Start = position(ns.data, offs[i])
	}
	return r
}

// elementStarts walks valid JSON and returns the byte offsets of the elements of
// the top-level (or "AIF") lists.
func elementStarts(data []byte, wrapped bool) map[string][]int {
	out := map[string][]int{}
	dec := json.NewDecoder(bytes.NewReader(data))
	skipTo := func(off int) int {
		for off < len(data) && strings.IndexByte(" \t\r\n,", data[off]) >= 0 {
			off++
		}
		return off
	}
	var object func(inner bool) bool
	object = func(inner bool) bool {
		if t, err := dec.Token(); err != nil || t != json.Delim('{') {
			return false
		}
		for dec.More() {
			t, err := dec.Token()
			if err != nil {
				return false
			}
			key, _ := t.(string)
			switch {
			case key == "AIF" && !inner && wrapped:
				if !object(true) {
					return false
				}
				continue
			case key == listNodes || key == listEdges || key == listLocutions || key == listParticipants:
				if inner == wrapped {
					t, err := dec.Token()
					if err != nil {
						return false
					}
					if t != json.Delim('[') {
						continue // null
					}
					for dec.More() {
						out[key] = append(out[key], skipTo(int(dec.InputOffset())))
						var skip json.RawMessage
						if dec.Decode(&skip) != nil {
							return false
						}
					}
					if _, err := dec.Token(); err != nil {
						return false
					}
					continue
				}
			}
			var skip json.RawMessage
			if dec.Decode(&skip) != nil {
				return false
			}
		}
		_, err := dec.Token()
		return err == nil
	}
	object(false)
	return out
}
