package export

import (
	"encoding/json"
	"io"
	"strconv"
	"strings"
)

// AIF node types and the schemes of the AIFdb corpora (QT30, AraucariaDB) that
// graph's relations map to.
const (
	aifI  = "I"  // information: a claim
	aifL  = "L"  // locution: a speaker's utterance of it
	aifYA = "YA" // illocutionary anchor between the two
	aifRA = "RA" // inference
	aifCA = "CA" // conflict
	aifMA = "MA" // rephrase

	aifAsserting   = "Asserting"
	aifInference   = "Default Inference"
	aifConflict    = "Default Conflict"
	aifRephrase    = "Default Rephrase"
	schemeAssert   = "74"
	schemeInfer    = "72"
	schemeConflict = "71"
	schemeRephrase = "144"
)

// AIF is an Argument Interchange Format nodeset in the JSON layout of AIFdb.
type AIF struct {
	Nodes        []AIFNode        `json:"nodes"`
	Edges        []AIFEdge        `json:"edges"`
	Locutions    []AIFLocution    `json:"locutions"`
	Participants []AIFParticipant `json:"participants"`
}

// AIFNode is a node of an [AIF] nodeset.
type AIFNode struct {
	NodeID   string `json:"nodeID"`
	Text     string `json:"text"`
	Type     string `json:"type"`
	Scheme   string `json:"scheme,omitempty"`
	SchemeID string `json:"schemeID,omitempty"`
}

// AIFEdge is an edge of an [AIF] nodeset.
type AIFEdge struct {
	EdgeID     string  `json:"edgeID"`
	FromID     string  `json:"fromID"`
	ToID       string  `json:"toID"`
	FormEdgeID *string `json:"formEdgeID"`
}

// AIFLocution ties an L-node to the participant who uttered it.
type AIFLocution struct {
	NodeID   string `json:"nodeID"`
	PersonID string `json:"personID"`
}

// AIFParticipant is a speaker of an [AIF] nodeset.
type AIFParticipant struct {
	ParticipantID string `json:"participantID"`
	FirstName     string `json:"firstname"`
	Surname       string `json:"surname"`
}

// NewAIF maps the claims and argument relations of a map to AIF:
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
func NewAIF(m *Map) *AIF {
	a := &AIF{Nodes: []AIFNode{}, Edges: []AIFEdge{}, Locutions: []AIFLocution{}, Participants: []AIFParticipant{}}
	link := func(from, to string) {
		a.Edges = append(a.Edges, AIFEdge{EdgeID: strconv.Itoa(len(a.Edges) + 1), FromID: from, ToID: to})
	}
	speakers := map[string]bool{}
	for _, n := range m.Nodes {
		if n.Kind != KindClaim {
			continue
		}
		utterance := n.Quote
		if utterance == "" {
			utterance = n.Text
		}
		name := n.Speaker
		if s := m.lookup(n.Speaker); s != nil && s.Name != "" {
			name = s.Name
		}
		a.Nodes = append(a.Nodes,
			AIFNode{NodeID: n.ID, Text: n.Text, Type: aifI},
			AIFNode{NodeID: n.ID + "#L", Text: name + " : " + utterance, Type: aifL},
			AIFNode{NodeID: n.ID + "#YA", Text: aifAsserting, Type: aifYA, Scheme: aifAsserting, SchemeID: schemeAssert},
		)
		link(n.ID+"#L", n.ID+"#YA")
		link(n.ID+"#YA", n.ID)
		if n.Speaker != "" {
			a.Locutions = append(a.Locutions, AIFLocution{NodeID: n.ID + "#L", PersonID: n.Speaker})
			speakers[n.Speaker] = true
		}
	}

	isClaim := func(id string) bool {
		n := m.Node(id)
		return n != nil && n.Kind == KindClaim
	}
	// S-nodes first get their IDs, as an undercut may come before its target.
	sNode := map[*Edge]AIFNode{}
	for _, e := range m.Edges {
		if e.Category != Argument || !isClaim(e.From) {
			continue
		}
		id := e.ID
		if id == "" {
			id = "s/" + e.From + "/" + e.Kind + "/" + e.To
		}
		switch {
		case e.Target != nil:
			sNode[e] = AIFNode{NodeID: id, Text: aifConflict, Type: aifCA, Scheme: aifConflict, SchemeID: schemeConflict}
		case !isClaim(e.To):
		case e.Kind == "supports":
			sNode[e] = AIFNode{NodeID: id, Text: aifInference, Type: aifRA, Scheme: aifInference, SchemeID: schemeInfer}
		case e.Kind == "rebuts" || e.Kind == "criticizes":
			sNode[e] = AIFNode{NodeID: id, Text: aifConflict, Type: aifCA, Scheme: aifConflict, SchemeID: schemeConflict}
		case e.Kind == "rephrases":
			sNode[e] = AIFNode{NodeID: id, Text: aifRephrase, Type: aifMA, Scheme: aifRephrase, SchemeID: schemeRephrase}
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

	for _, id := range sortedKeys(speakers) {
		p := AIFParticipant{ParticipantID: id, FirstName: id}
		if n := m.lookup(id); n != nil && n.Name != "" {
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

// WriteAIF writes the map's arguments as AIF JSON (see [NewAIF]).
func WriteAIF(w io.Writer, m *Map) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(NewAIF(m))
}
