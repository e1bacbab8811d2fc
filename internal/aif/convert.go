package aif

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"

	"github.com/graphbuilder/graph/internal/argument"
	"github.com/graphbuilder/graph/internal/diag"
	"github.com/graphbuilder/graph/internal/entities"
	"github.com/graphbuilder/graph/internal/interview"
	"github.com/graphbuilder/graph/internal/transcript"
	"github.com/graphbuilder/graph/internal/vocab"
	"github.com/graphbuilder/graph/schema"
)

// AIF node types.
const (
	TypeI  = "I"  // information: a proposition
	TypeL  = "L"  // locution: an utterance
	TypeYA = "YA" // illocutionary anchor: ties an utterance to what it asserts
	TypeTA = "TA" // transition between utterances
	TypeRA = "RA" // inference
	TypeCA = "CA" // conflict
	TypeMA = "MA" // rephrase
	TypePA = "PA" // preference
)

// nodeTypes are the node types a nodeset may hold, in the order hints list them.
var nodeTypes = []string{TypeI, TypeL, TypeYA, TypeTA, TypeRA, TypeCA, TypeMA, TypePA}

// UnknownSpeaker is the id of the group that speaks the claims no utterance is
// anchored to (AraucariaDB has no L-nodes at all).
const UnknownSpeaker = "aif-unknown-speaker"

// unknownSpeakerName is the group's name; it is unlike any real speaker's so that it
// never collides with one.
const unknownSpeakerName = "unknown speaker (AIF)"

// NoText is the text of a claim whose I-node has none and no utterance to take
// it from.
const NoText = "(no text in the AIF file)"

// DefaultKind is the source kind of an imported nodeset unless [Options] say else.
const DefaultKind = "debate"

// Options say how a nodeset becomes an interview graph.
type Options struct {
	// SourceID is the id of the source the nodeset becomes; see [SourceID].
	SourceID string
	// Title, Kind and Language are the source's metadata. Kind defaults to
	// [DefaultKind]; Title to the file name.
	Title, Kind, Language string
	// Schema is the vocabulary relations are checked against; nil means
	// [schema.Core].
	Schema *schema.Schema
}

// Result is a nodeset converted to an interview graph.
type Result struct {
	Graph *interview.Graph
	// NodeIDs maps the ids of the graph's claims and relations to the ids of the AIF
	// nodes they came from (an I-node, or the RA, CA or MA node of a relation).
	NodeIDs map[string]string
	// UtteredAt maps claim ids to the start time of their locution, as written.
	UtteredAt map[string]string
	// Transcript is the transcript file as [WriteFolder] writes it: a line per
	// utterance, "Name: words". Graph.Transcript is its normalized text.
	Transcript string
	Counts     Counts
}

// Counts says what a nodeset became.
type Counts struct {
	Claims, Supports, Rebuts, Undercuts, Rephrases int
	// Speakers counts the persons who speak the utterances.
	Speakers int
	// Utterances counts the L-nodes taken as utterances, Notes the L-nodes left out
	// as annotators' notes (no locution and no edge, such as "Chris: Lisa Nandy : ...").
	Utterances, Notes int
}

// utterance is an L-node taken as something a person said.
type utterance struct {
	node   int
	person string // entity id, "" when the speaker is not known
	name   string
	words  string
	start  string
}

// pending is a relation before its id is known.
type pending struct {
	kind     string
	from, to string // claim ids; to is empty for an undercut
	toRel    int    // index into rels of the relation an undercut attacks
	snode    int
	premise  int // node index of the from-end, for naming
	target   int // node index of the to-end (of an undercut relation: its from-end), for naming
	by       string
}

type converter struct {
	ns   *Nodeset
	opts Options
	ds   diag.Diagnostics

	typ     []string // per node: its type, "" when unusable
	byID    map[string]int
	in, out [][]int // per node: the nodes with an edge to it, from it (file order)

	utter     map[int]*utterance
	persons   []entities.Entity
	claimOf   map[int]string    // I-node index -> claim id
	speakerOf map[string]string // claim id -> speaker
	names     namer
	rels      []pending
	relsOf    map[int][]int // S-node index -> indexes into rels
	seen      map[[3]string]int
	usedUnk   bool
}

// Convert checks a nodeset's structure and maps it to an interview graph (see the
// package documentation). The result is nil when there are errors; warnings name
// what was left out.
func Convert(ns *Nodeset, opts Options) (*Result, diag.Diagnostics) {
	if opts.Kind == "" {
		opts.Kind = DefaultKind
	}
	if opts.SourceID == "" {
		opts.SourceID = "aif"
	}
	if opts.Title == "" {
		opts.Title = ns.File
	}
	if opts.Schema == nil {
		opts.Schema = schema.Core()
	}
	c := &converter{
		ns: ns, opts: opts,
		byID:      map[string]int{},
		utter:     map[int]*utterance{},
		claimOf:   map[int]string{},
		speakerOf: map[string]string{},
		names:     namer{used: map[string]bool{}},
		relsOf:    map[int][]int{},
		seen:      map[[3]string]int{},
	}
	c.indexNodes()
	c.indexEdges()
	if c.ds.HasErrors() {
		return nil, c.ds.Sort()
	}
	res := &Result{NodeIDs: map[string]string{}, UtteredAt: map[string]string{}}
	c.utterances(&res.Counts)
	text := c.transcript()
	g := &interview.Graph{
		File: ns.File,
		Source: interview.Source{
			ID: opts.SourceID, Title: opts.Title, Kind: opts.Kind, Language: opts.Language,
			At: diag.Range{File: ns.File},
		},
	}
	if text != "" {
		// The transcript is read as a graph folder's would be (it is written as one),
		// so that importing and building the written folder give the same quads.
		t, tds := transcript.Parse(TranscriptFile, []byte(text), "")
		if tds.HasErrors() {
			c.ds = append(c.ds, tds...)
			return nil, c.ds.Sort()
		}
		g.Utterances, g.Transcript, res.Transcript = t, t.Text, text
		sum := sha256.Sum256([]byte(text))
		g.TranscriptSHA256 = hex.EncodeToString(sum[:])
	}
	for _, p := range c.persons {
		g.Source.Speakers = append(g.Source.Speakers, p.ID)
		c.names.used[p.ID] = true
	}
	c.names.used[UnknownSpeaker] = true
	g.Claims = c.claims(res, argument.Transcript{Text: g.Transcript})
	c.relations()
	if c.ds.HasErrors() {
		return nil, c.ds.Sort()
	}
	g.Relations = c.finishRelations(res)
	g.Entities = append(g.Entities, c.persons...)
	if c.usedUnk {
		g.Entities = append(g.Entities, entities.Entity{ID: UnknownSpeaker, Kind: "group", Name: unknownSpeakerName})
	}
	c.ds = append(c.ds, g.ResolveLabels()...)
	if ds := argument.Validate(g.Claims, g.Relations, resolverOf(g), opts.Schema); ds.HasErrors() {
		for _, d := range ds {
			d.Subject = diag.Range{File: ns.File}
		}
		return nil, append(c.ds, ds...).Sort()
	}
	res.Graph = g
	res.Counts.Claims = len(g.Claims)
	res.Counts.Speakers = len(c.persons)
	for _, r := range g.Relations {
		switch r.Kind {
		case string(vocab.Supports):
			res.Counts.Supports++
		case string(vocab.Rebuts):
			res.Counts.Rebuts++
		case string(vocab.Undercuts):
			res.Counts.Undercuts++
		case string(vocab.Rephrases):
			res.Counts.Rephrases++
		}
	}
	return res, c.ds.Sort()
}

func (c *converter) errorf(list string, i int, format string, args ...any) *diag.Diagnostic {
	d := diag.Errorf(c.ns.at(list, i), format, args...)
	c.ds = append(c.ds, d)
	return d
}

func (c *converter) warnf(list string, i int, format string, args ...any) {
	d := diag.Errorf(c.ns.at(list, i), format, args...)
	d.Severity = diag.Warning
	c.ds = append(c.ds, d)
}

func (c *converter) id(i int) string { return c.ns.Nodes[i].NodeID.Value }

// indexNodes checks node ids and types.
func (c *converter) indexNodes() {
	nodes := c.ns.Nodes
	c.typ = make([]string, len(nodes))
	c.in = make([][]int, len(nodes))
	c.out = make([][]int, len(nodes))
	for i, n := range nodes {
		id := n.NodeID
		switch {
		case id.Invalid != "":
			c.errorf(listNodes, i, "node %d of the list: nodeID must be a string or a number, not %s", i+1, id.Invalid)
			continue
		case strings.TrimSpace(id.Value) == "":
			c.errorf(listNodes, i, "node %d of the list has no nodeID", i+1)
			continue
		}
		if prev, dup := c.byID[id.Value]; dup {
			c.errorf(listNodes, i, "node %q is defined twice (first at %s)", id.Value, c.ns.at(listNodes, prev).Location())
			continue
		}
		c.byID[id.Value] = i
		t := strings.TrimSpace(n.Type)
		switch {
		case t == "":
			c.errorf(listNodes, i, "node %q has no type", id.Value).
				WithHint("node types: %s", strings.Join(nodeTypes, ", "))
		case !contains(nodeTypes, t):
			d := c.errorf(listNodes, i, "node %q has unknown type %q", id.Value, t)
			if sug := diag.Suggest(t, nodeTypes); sug != "" && len(t) > 1 {
				d.WithHint("did you mean %q?", sug)
			} else {
				d.WithHint("node types: %s", strings.Join(nodeTypes, ", "))
			}
		default:
			c.typ[i] = t
		}
	}
}

// indexEdges checks that every edge joins two known nodes.
func (c *converter) indexEdges() {
	for i, e := range c.ns.Edges {
		name := fmt.Sprintf("edge %d of the list", i+1)
		if e.EdgeID.Value != "" {
			name = fmt.Sprintf("edge %q", e.EdgeID.Value)
		}
		end := func(id ID, field, dir string) (int, bool) {
			switch {
			case id.Invalid != "":
				c.errorf(listEdges, i, "%s: %s must be a string or a number, not %s", name, field, id.Invalid)
			case id.Value == "":
				c.errorf(listEdges, i, "%s has no %s", name, field)
			default:
				n, ok := c.byID[id.Value]
				if !ok {
					c.errorf(listEdges, i, "%s %s unknown node %q", name, dir, id.Value)
				}
				return n, ok
			}
			return 0, false
		}
		from, ok1 := end(e.FromID, "fromID", "comes from")
		to, ok2 := end(e.ToID, "toID", "goes to")
		if ok1 && ok2 && from != to {
			c.out[from] = append(c.out[from], to)
			c.in[to] = append(c.in[to], from)
		}
	}
}

// utterances finds the L-nodes that are utterances and their speakers.
func (c *converter) utterances(counts *Counts) {
	names := map[string]string{}
	for _, p := range c.ns.Participants {
		if p.ParticipantID.Value != "" {
			names[p.ParticipantID.Value] = strings.Join(strings.Fields(string(p.FirstName)+" "+string(p.Surname)), " ")
		}
	}
	locs := map[int]*Locution{}
	for i := range c.ns.Locutions {
		l := &c.ns.Locutions[i]
		n, ok := c.byID[l.NodeID.Value]
		switch {
		case !ok:
			c.warnf(listLocutions, i, "locution of unknown node %q left out", l.NodeID.Value)
		case c.typ[n] != TypeL:
			c.warnf(listLocutions, i, "locution of node %q, which is not an L-node, left out", l.NodeID.Value)
		case locs[n] == nil:
			locs[n] = l
		}
	}
	byPerson := map[string]bool{}
	for i, n := range c.ns.Nodes {
		if c.typ[i] != TypeL {
			continue
		}
		loc := locs[i]
		if loc == nil && len(c.in[i]) == 0 && len(c.out[i]) == 0 {
			counts.Notes++
			continue
		}
		counts.Utterances++
		u := &utterance{node: i}
		name, words, prefixed := splitSpeaker(n.Text)
		if loc != nil {
			u.start = strings.TrimSpace(string(loc.Start))
			if pn := names[loc.PersonID.Value]; pn != "" {
				// The participant list wins over the text, whose prefix may not
				// look like a name ("OpenAI, Inc. : ...").
				if rest, ok := strings.CutPrefix(strings.TrimSpace(n.Text), pn+" : "); ok {
					words = rest
				}
				name = pn
			} else if !prefixed && loc.PersonID.Value != "" {
				name = "Participant " + loc.PersonID.Value
			}
		}
		u.name = name
		u.words = strings.Join(strings.Fields(words), " ")
		if name != "" {
			id := personID(name)
			switch {
			case anonymous(name):
				id = c.opts.SourceID + "." + id
			case id == UnknownSpeaker:
				id += "-person"
			}
			u.person = id
			if !byPerson[id] {
				byPerson[id] = true
				c.persons = append(c.persons, entities.Entity{ID: id, Kind: "person", Name: name})
			}
		}
		c.utter[i] = u
	}
}

// transcript writes the utterances one a line, "Name: words", in the order of their
// locutions' start times when every one has a time, and in file order otherwise. A
// nodeset without utterances gets the texts of its I-nodes, one a line.
func (c *converter) transcript() string {
	order := make([]*utterance, 0, len(c.utter))
	timed := true
	for i := range c.ns.Nodes {
		if u := c.utter[i]; u != nil {
			order = append(order, u)
			timed = timed && u.start != ""
		}
	}
	if timed {
		sort.SliceStable(order, func(i, j int) bool { return order[i].start < order[j].start })
	}
	var b strings.Builder
	for _, u := range order {
		if u.words == "" {
			continue
		}
		if u.name != "" {
			b.WriteString(u.name)
			b.WriteString(": ")
		}
		b.WriteString(u.words)
		b.WriteByte('\n')
	}
	if b.Len() == 0 {
		// Without utterances (AraucariaDB), the propositions are all the text there is.
		for i, n := range c.ns.Nodes {
			if t := strings.Join(strings.Fields(n.Text), " "); c.typ[i] == TypeI && t != "" {
				b.WriteString(t)
				b.WriteByte('\n')
			}
		}
	}
	return b.String()
}

// anchor returns the utterance anchored to node i through a YA node: the first one
// whose speaker is known, else the first one.
func (c *converter) anchor(i int) *utterance {
	var first *utterance
	for _, y := range c.in[i] {
		if c.typ[y] != TypeYA {
			continue
		}
		for _, l := range c.in[y] {
			u := c.utter[l]
			if u == nil {
				continue
			}
			if u.person != "" {
				return u
			}
			if first == nil {
				first = u
			}
		}
	}
	return first
}

// claims makes a claim of every I-node.
func (c *converter) claims(res *Result, t argument.Transcript) []argument.Claim {
	var out []argument.Claim
	for i, n := range c.ns.Nodes {
		if c.typ[i] != TypeI {
			continue
		}
		cl := argument.Claim{
			ID:      c.names.take(nodeSlug(c.id(i))),
			Speaker: UnknownSpeaker,
			Text:    strings.TrimSpace(n.Text),
		}
		u := c.anchor(i)
		if cl.Text == "" {
			// A claim needs a text: the words that assert it, or a marker.
			cl.Text = NoText
			if u != nil && u.words != "" {
				cl.Text = u.words
			}
			c.warnf(listNodes, i, "I-node %q has no text; the claim's text is %q", c.id(i), cl.Text)
		}
		if u != nil {
			if u.person != "" {
				cl.Speaker = u.person
			}
			if u.words != "" {
				if sp, ok := t.Locate(u.words); ok {
					cl.Quote, cl.Span = u.words, sp
				}
			}
			if u.start != "" {
				res.UtteredAt[cl.ID] = u.start
			}
		}
		if cl.Speaker == UnknownSpeaker {
			c.usedUnk = true
		}
		res.NodeIDs[cl.ID] = c.id(i)
		c.claimOf[i] = cl.ID
		c.speakerOf[cl.ID] = cl.Speaker
		out = append(out, cl)
	}
	return out
}

func isScheme(t string) bool { return t == TypeRA || t == TypeCA || t == TypeMA }

// statedBy returns who argues an S-node: the speaker of the utterance that a YA node
// anchors to it, directly or through a TA node's later utterance.
func (c *converter) statedBy(s int) string {
	for _, y := range c.in[s] {
		if c.typ[y] != TypeYA {
			continue
		}
		for _, src := range c.in[y] {
			if u := c.utter[src]; u != nil && u.person != "" {
				return u.person
			}
			if c.typ[src] == TypeTA {
				for _, l := range c.out[src] {
					if u := c.utter[l]; u != nil && u.person != "" {
						return u.person
					}
				}
			}
		}
	}
	return ""
}

// relations maps RA, CA and MA nodes to relations; undercuts wait until every
// relation they may attack exists.
func (c *converter) relations() {
	var undercutters []int
	for i := range c.ns.Nodes {
		t := c.typ[i]
		if !isScheme(t) {
			continue
		}
		var premises, toClaims, toSchemes []int
		for _, p := range c.in[i] {
			switch {
			case c.typ[p] == TypeI:
				premises = appendNew(premises, p)
			case c.typ[p] == TypeRA || c.typ[p] == TypeMA:
				// A CA node coming in is an undercut, handled below.
				c.warnf(listNodes, i, "%s node %q has %s node %q as a premise; left out", t, c.id(i), c.typ[p], c.id(p))
			}
		}
		for _, q := range c.out[i] {
			switch {
			case c.typ[q] == TypeI:
				toClaims = appendNew(toClaims, q)
			case isScheme(c.typ[q]):
				toSchemes = appendNew(toSchemes, q)
			}
		}
		role := map[string][2]string{
			TypeRA: {"premise", "conclusion"},
			TypeCA: {"attacker", "target"},
			TypeMA: {"restatement", "restated claim"},
		}[t]
		// A scheme node without both ends is a slip of annotation, common in real
		// corpora (QT30 has MA nodes that start at an L-node); it is left out, and
		// the rest of the file still imports.
		if len(premises) == 0 {
			c.warnf(listNodes, i, "%s node %q has no %s: no edge comes into it from an I-node; left out", t, c.id(i), role[0])
		}
		if len(toClaims) == 0 && (t != TypeCA || len(toSchemes) == 0) {
			to := "an I-node"
			if t == TypeCA {
				to = "an I-node or an RA, CA or MA node"
			}
			c.warnf(listNodes, i, "%s node %q has no %s: no edge goes from it to %s; left out", t, c.id(i), role[1], to)
		}
		if len(premises) == 0 {
			continue
		}
		if t != TypeCA && len(toSchemes) > 0 {
			c.warnf(listNodes, i, "%s node %q ends at %s node %q, which no relation kind can; left out", t, c.id(i), c.typ[toSchemes[0]], c.id(toSchemes[0]))
		}
		kind := map[string]string{TypeRA: string(vocab.Supports), TypeCA: string(vocab.Rebuts), TypeMA: string(vocab.Rephrases)}[t]
		by := c.statedBy(i)
		for _, q := range toClaims {
			for _, p := range premises {
				c.add(pending{kind: kind, from: c.claimOf[p], to: c.claimOf[q], toRel: -1, snode: i, premise: p, target: q, by: by})
			}
		}
		if t == TypeCA && len(toSchemes) > 0 {
			undercutters = append(undercutters, i)
		}
	}
	// A CA node that attacks a CA node needs that node's relations first; in a
	// cycle, the node met again has none yet, and the attack is left out.
	state := map[int]int{} // 1 visiting, 2 done
	var undercut func(ca int)
	undercut = func(ca int) {
		if state[ca] != 0 {
			return
		}
		state[ca] = 1
		by := c.statedBy(ca)
		for _, q := range c.out[ca] {
			if !isScheme(c.typ[q]) {
				continue
			}
			if c.typ[q] == TypeCA && state[q] == 0 && contains(undercutters, q) {
				undercut(q)
			}
			targets := c.relsOf[q]
			if len(targets) == 0 {
				c.warnf(listNodes, ca, "CA node %q attacks %s node %q, which became no relation; left out", c.id(ca), c.typ[q], c.id(q))
				continue
			}
			for _, r := range targets {
				for _, p := range c.in[ca] {
					if c.typ[p] == TypeI {
						c.add(pending{kind: string(vocab.Undercuts), from: c.claimOf[p], toRel: r, snode: ca, premise: p, target: c.rels[r].premise, by: by})
					}
				}
			}
		}
		state[ca] = 2
	}
	for _, ca := range undercutters {
		undercut(ca)
	}
}

// add records a relation unless it repeats one of another node or goes from a claim
// to itself.
func (c *converter) add(p pending) {
	to := p.to
	if p.toRel >= 0 {
		to = fmt.Sprintf("\x00%d", p.toRel)
	}
	if p.from == to {
		c.warnf(listNodes, p.snode, "%s node %q goes from I-node %q to itself; left out", c.typ[p.snode], c.id(p.snode), c.id(p.premise))
		return
	}
	key := [3]string{p.kind, p.from, to}
	if prev, dup := c.seen[key]; dup {
		if c.rels[prev].snode != p.snode {
			c.warnf(listNodes, p.snode, "%s node %q repeats the %s of node %q; left out", c.typ[p.snode], c.id(p.snode), p.kind, c.id(c.rels[prev].snode))
		}
		return
	}
	c.seen[key] = len(c.rels)
	c.relsOf[p.snode] = append(c.relsOf[p.snode], len(c.rels))
	c.rels = append(c.rels, p)
}

// finishRelations names the relations: a node's id when it became one relation, the
// node's and its premise's (and target's, when there are several) otherwise.
func (c *converter) finishRelations(res *Result) []argument.Relation {
	out := make([]argument.Relation, len(c.rels))
	ids := make([]string, len(c.rels))
	for i := range c.ns.Nodes {
		group := c.relsOf[i]
		if len(group) == 0 {
			continue
		}
		targets := map[int]bool{}
		for _, r := range group {
			targets[c.rels[r].target] = true
		}
		for _, r := range group {
			base := nodeSlug(c.id(i))
			if len(group) > 1 {
				base += "." + nodeSlug(c.id(c.rels[r].premise))
				if len(targets) > 1 {
					base += "." + nodeSlug(c.id(c.rels[r].target))
				}
			}
			ids[r] = c.names.take(base)
		}
	}
	for r, p := range c.rels {
		rel := argument.Relation{ID: ids[r], Kind: p.kind, From: p.from, To: p.to, By: p.by}
		if rel.By == "" {
			rel.By = c.speakerOf[p.from]
		}
		if p.toRel >= 0 {
			rel.To = ids[p.toRel]
		}
		out[r] = rel
		res.NodeIDs[rel.ID] = c.id(p.snode)
	}
	return out
}

func appendNew(xs []int, x int) []int {
	if contains(xs, x) {
		return xs
	}
	return append(xs, x)
}

func contains[T comparable](xs []T, x T) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// resolver tells argument.Validate the kinds of a converted graph's ids.
type resolver struct {
	kinds map[string]string
}

func resolverOf(g *interview.Graph) *resolver {
	r := &resolver{kinds: map[string]string{UnknownSpeaker: "group"}}
	for _, e := range g.Entities {
		r.kinds[e.ID] = e.Kind
	}
	for _, cl := range g.Claims {
		r.kinds[cl.ID] = "claim"
	}
	for _, rel := range g.Relations {
		r.kinds[rel.ID] = "relation"
	}
	return r
}

func (r *resolver) KindOf(id string) string { return r.kinds[id] }
func (r *resolver) Candidates() []string    { return nil }
