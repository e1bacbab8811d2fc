package aif

import (
	"encoding/json"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/graphbuilder/graph/internal/export"
	"github.com/graphbuilder/graph/internal/vocab"
)

// Schemes of the AIFdb corpora (QT30, AraucariaDB) that graph's relations map to,
// with their AIFdb scheme ids.
const (
	schemeAsserting = "Asserting"
	schemeInference = "Default Inference"
	schemeConflict  = "Default Conflict"
	schemeRephrase  = "Default Rephrase"

	schemeIDAsserting = "74"
	schemeIDInference = "72"
	schemeIDConflict  = "71"
	schemeIDRephrase  = "144"
)

// outNodeset is an AIF nodeset as [Write] writes it, in the JSON layout of AIFdb.
// It differs from [Nodeset], which keeps ids and loose fields as files write them.
type outNodeset struct {
	Nodes        []outNode        `json:"nodes"`
	Edges        []outEdge        `json:"edges"`
	Locutions    []outLocution    `json:"locutions"`
	Participants []outParticipant `json:"participants"`
}

type outNode struct {
	NodeID   string `json:"nodeID"`
	Text     string `json:"text"`
	Type     string `json:"type"`
	Scheme   string `json:"scheme,omitempty"`
	SchemeID string `json:"schemeID,omitempty"`
}

type outEdge struct {
	EdgeID     string  `json:"edgeID"`
	FromID     string  `json:"fromID"`
	ToID       string  `json:"toID"`
	FormEdgeID *string `json:"formEdgeID"`
}

type outLocution struct {
	NodeID   string `json:"nodeID"`
	PersonID string `json:"personID"`
}

type outParticipant struct {
	ParticipantID string `json:"participantID"`
	FirstName     string `json:"firstname"`
	Surname       string `json:"surname"`
}

// Write writes the claims and argument relations of a map as an AIF nodeset, in
// the JSON layout of AIFdb that [Parse] reads back:
//
//   - each claim is an I-node (its node ID is the claim's IRI), uttered in an
//     L-node "Speaker : quote" (the claim's text when it has no quote) that an
//     "Asserting" YA-node anchors to it; the speaker is a participant and the
//     L-node's locution;
//   - supports between claims is an RA-node ("Default Inference"), rebuts and
//     criticizes between claims a CA-node ("Default Conflict"), each named by its
//     relation's IRI;
//   - rephrases between claims is an MA-node ("Default Rephrase");
//   - undercuts of a relation is a CA-node whose conclusion is the relation's
//     S-node.
//
// Relations from or to entities (Dario criticizes the doomers), facts and other
// argument kinds have no place in AIF's propositional structure and are left out.
// The same map always gives the same bytes.
func Write(w io.Writer, m *export.Map) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(fromMap(m))
}

func fromMap(m *export.Map) *outNodeset {
	a := &outNodeset{Nodes: []outNode{}, Edges: []outEdge{}, Locutions: []outLocution{}, Participants: []outParticipant{}}
	link := func(from, to string) {
		a.Edges = append(a.Edges, outEdge{EdgeID: strconv.Itoa(len(a.Edges) + 1), FromID: from, ToID: to})
	}
	speakers := map[string]bool{}
	for _, n := range m.Nodes {
		if n.Kind != export.KindClaim {
			continue
		}
		utterance := n.Quote
		if utterance == "" {
			utterance = n.Text
		}
		name := n.Speaker
		if s := m.Lookup(n.Speaker); s != nil && s.Name != "" {
			name = s.Name
		}
		a.Nodes = append(a.Nodes,
			outNode{NodeID: n.ID, Text: n.Text, Type: TypeI},
			outNode{NodeID: n.ID + "#L", Text: name + " : " + utterance, Type: TypeL},
			outNode{NodeID: n.ID + "#YA", Text: schemeAsserting, Type: TypeYA, Scheme: schemeAsserting, SchemeID: schemeIDAsserting},
		)
		link(n.ID+"#L", n.ID+"#YA")
		link(n.ID+"#YA", n.ID)
		if n.Speaker != "" {
			a.Locutions = append(a.Locutions, outLocution{NodeID: n.ID + "#L", PersonID: n.Speaker})
			speakers[n.Speaker] = true
		}
	}

	isClaim := func(id string) bool {
		n := m.Node(id)
		return n != nil && n.Kind == export.KindClaim
	}
	conflict := func(id string) outNode {
		return outNode{NodeID: id, Text: schemeConflict, Type: TypeCA, Scheme: schemeConflict, SchemeID: schemeIDConflict}
	}
	// S-nodes first get their IDs, as an undercut may come before its target.
	sNode := map[*export.Edge]outNode{}
	for _, e := range m.Edges {
		if e.Category != export.Argument || !isClaim(e.From) {
			continue
		}
		id := e.ID
		if id == "" {
			id = "s/" + e.From + "/" + e.Kind + "/" + e.To
		}
		switch kind := quad.IRI(e.Kind); {
		case e.Target != nil:
			sNode[e] = conflict(id)
		case !isClaim(e.To):
		case kind == vocab.Supports:
			sNode[e] = outNode{NodeID: id, Text: schemeInference, Type: TypeRA, Scheme: schemeInference, SchemeID: schemeIDInference}
		case kind == vocab.Rebuts || kind == vocab.Criticizes:
			sNode[e] = conflict(id)
		case kind == vocab.Rephrases:
			sNode[e] = outNode{NodeID: id, Text: schemeRephrase, Type: TypeMA, Scheme: schemeRephrase, SchemeID: schemeIDRephrase}
		}
	}
	for _, e := range m.Edges {
		s, ok := sNode[e]
		if !ok {
			continue
		}
		to := e.To
		if e.Target != nil {
			t, ok := sNode[e.Target]
			if !ok {
				continue
			}
			to = t.NodeID
		}
		a.Nodes = append(a.Nodes, s)
		link(e.From, s.NodeID)
		link(s.NodeID, to)
	}

	for _, id := range slices.Sorted(maps.Keys(speakers)) {
		p := outParticipant{ParticipantID: id, FirstName: id}
		if n := m.Lookup(id); n != nil && n.Name != "" {
			p.FirstName = n.Name
			if n.Kind == "person" {
				if i := strings.LastIndex(n.Name, " "); i > 0 {
					p.FirstName, p.Surname = n.Name[:i], n.Name[i+1:]
				}
			}
		}
		a.Participants = append(a.Participants, p)
	}
	return a
}
