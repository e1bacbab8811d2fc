package aif

import (
	"bytes"
	"encoding/json"
	"errors"
	"unicode/utf8"

	"github.com/graphbuilder/graph/internal/diag"
)

// MaxFileSize bounds an AIF file; larger files are refused with a message.
const MaxFileSize = 256 << 20

// Nodeset is an AIF nodeset as a file writes it. Node, edge, locution and
// participant ids are kept as written, numbers as their JSON text.
type Nodeset struct {
	// File is the path diagnostics name.
	File         string
	Nodes        []Node
	Edges        []Edge
	Locutions    []Locution
	Participants []Participant

	data    []byte
	wrapped bool             // the lists are inside an "AIF" object
	starts  map[string][]int // byte offsets of the elements of each list, on demand
}

// Node is an AIF node: an I-node (information), an L-node (locution), or an S-node
// (RA, CA, MA, PA) or a dialogue node (TA, YA).
type Node struct {
	NodeID    ID     `json:"nodeID"`
	Text      string `json:"text"`
	Type      string `json:"type"`
	Scheme    Loose  `json:"scheme"`
	Timestamp Loose  `json:"timestamp"`
}

// Edge is a directed AIF edge between two nodes.
type Edge struct {
	EdgeID ID `json:"edgeID"`
	FromID ID `json:"fromID"`
	ToID   ID `json:"toID"`
}

// Locution ties an L-node to the person who spoke it, and when.
type Locution struct {
	NodeID   ID    `json:"nodeID"`
	PersonID ID    `json:"personID"`
	Start    Loose `json:"start"`
}

// Participant names a person that locutions refer to.
type Participant struct {
	ParticipantID ID    `json:"participantID"`
	FirstName     Loose `json:"firstname"`
	Surname       Loose `json:"surname"`
}

// ID is an id as AIF files write them: a string or a number. Decoding never fails;
// a value of another kind is kept in Invalid so that it can be reported with its
// place.
type ID struct {
	Value string
	// Invalid is the JSON text of a value that is neither a string nor a number.
	Invalid string
}

// UnmarshalJSON implements [json.Unmarshaler].
func (id *ID) UnmarshalJSON(b []byte) error {
	*id = ID{}
	switch {
	case len(b) > 0 && b[0] == '"':
		return json.Unmarshal(b, &id.Value)
	case len(b) > 0 && (b[0] == '-' || b[0] >= '0' && b[0] <= '9'):
		id.Value = string(b)
	case string(b) == "null":
	default:
		id.Invalid = string(b)
		if len(id.Invalid) > 20 {
			id.Invalid = id.Invalid[:20] + "…"
		}
	}
	return nil
}

// Loose is a field graph reads but does not depend on (a time, a name part): any
// string or number is taken as text, anything else as empty.
type Loose string

// UnmarshalJSON implements [json.Unmarshaler].
func (l *Loose) UnmarshalJSON(b []byte) error {
	var id ID
	id.UnmarshalJSON(b)
	*l = Loose(id.Value)
	return nil
}

// file is the JSON layout of a nodeset; OVA wraps it in an "AIF" key.
type file struct {
	Nodes        []Node        `json:"nodes"`
	Edges        []Edge        `json:"edges"`
	Locutions    []Locution    `json:"locutions"`
	Participants []Participant `json:"participants"`
	AIF          *file         `json:"AIF"`
}

// Parse decodes an AIF file. It reports invalid UTF-8, JSON syntax errors and values
// of the wrong kind with their line and column; what the nodes mean is checked by
// [Convert].
func Parse(name string, data []byte) (*Nodeset, diag.Diagnostics) {
	at := func(off int) diag.Range { return diag.Range{File: name, Start: position(data, off)} }
	whole := diag.Range{File: name}
	switch {
	case len(bytes.TrimSpace(data)) == 0:
		return nil, diag.Diagnostics{diag.Errorf(whole, "file is empty")}
	case len(data) > MaxFileSize:
		return nil, diag.Diagnostics{diag.Errorf(whole, "file is %d bytes; the limit is %d", len(data), MaxFileSize)}
	}
	if !utf8.Valid(data) {
		off := invalidUTF8(data)
		return nil, diag.Diagnostics{diag.Errorf(at(off), "invalid UTF-8 at byte offset %d", off)}
	}
	var f file
	if err := json.Unmarshal(data, &f); err != nil {
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syn):
			off := int(syn.Offset) - 1
			if int(syn.Offset) >= len(data) {
				off = len(data)
			}
			return nil, diag.Diagnostics{diag.Errorf(at(max(off, 0)), "invalid JSON: %s", syn.Error())}
		case errors.As(err, &typ):
			return nil, diag.Diagnostics{diag.Errorf(at(valueStart(data, int(typ.Offset), typ.Value)), "%s", typeMessage(typ))}
		}
		return nil, diag.Diagnostics{diag.Errorf(whole, "invalid JSON: %v", err)}
	}
	wrapped := false
	if f.Nodes == nil && f.AIF != nil {
		f, wrapped = *f.AIF, true
	}
	if f.Nodes == nil {
		return nil, diag.Diagnostics{diag.Errorf(whole, `not an AIF nodeset: there is no "nodes" list`)}
	}
	return &Nodeset{
		File: name, Nodes: f.Nodes, Edges: f.Edges, Locutions: f.Locutions, Participants: f.Participants,
		data: data, wrapped: wrapped,
	}, nil
}
