package pipeline

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/cayleygraph/quad"

	"github.com/graphbuilder/graph/internal/diag"
	"github.com/graphbuilder/graph/internal/store"
	"github.com/graphbuilder/graph/internal/vocab"
)

// Shown is a claim, relation or entity with what a reader needs to read it: its
// text, who said it, where and when, its quote inside the paragraph or turn it
// stands in, and the argument edges in and out with their quotes.
type Shown struct {
	// Kind is "claim", "relation" or the entity's kind (person, concept, ...).
	Kind string `json:"kind"`
	IRI  string `json:"iri"`
	// Title is the claim's text, the entity's name, or the relation in words.
	Title   string   `json:"title"`
	Aliases []string `json:"aliases"`
	Speaker Ref      `json:"speaker"`
	Source  Ref      `json:"source"`
	// Origin is curated or extracted, with the rule and its confidence.
	Origin     string   `json:"origin"`
	Rule       string   `json:"rule"`
	Confidence float64  `json:"confidence"`
	About      []Ref    `json:"about"`
	Quote      *Quoted  `json:"quote"`
	Out        []Edge   `json:"edges_out"`
	In         []Edge   `json:"edges_in"`
	Claims     []Claimd `json:"claims"`
}

// Ref names a node: its IRI and what to call it.
type Ref struct {
	IRI   string `json:"iri"`
	Kind  string `json:"kind"`
	Title string `json:"title"`
}

// Quoted is a quote in its context.
type Quoted struct {
	Text string `json:"text"`
	// Start and End are code point offsets into the source's transcript text.
	Start int `json:"start"`
	End   int `json:"end"`
	// File, Line and Column are where the quote begins in the transcript file.
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
	// SaidAt is the time in seconds from the start of the recording, when HasTime.
	SaidAt  float64 `json:"said_at"`
	HasTime bool    `json:"has_time"`
	// Speaker is the speaker label of the utterance it is in, if any.
	Label string `json:"speaker_label"`
	// Context is the paragraph or turn the quote stands in (clipped when long), and
	// QuoteStart and QuoteEnd are where the quote is inside it, in code points.
	Context    string `json:"context"`
	QuoteStart int    `json:"context_quote_start"`
	QuoteEnd   int    `json:"context_quote_end"`
}

// Edge is an argument relation, or a fact, from or to the node shown.
type Edge struct {
	Kind string `json:"kind"`
	// IRI is the relation node's, when there is one.
	IRI   string  `json:"iri"`
	Other Ref     `json:"other"`
	Quote *Quoted `json:"quote"`
	// Origin is curated or extracted for relations, "" for facts.
	Origin string `json:"origin"`
}

// Claimd is a claim an entity asserts.
type Claimd struct {
	Claim Ref     `json:"claim"`
	Quote *Quoted `json:"quote"`
}

// contextRunes bounds a quote's context on either side.
const contextRunes = 240

// ErrNotFound is returned by [Show] for an id the store does not hold.
var ErrNotFound = fmt.Errorf("%w: not in the store", ErrInput)

// Show finds id in st and gathers what [Shown] holds. id is an IRI with or without
// angle brackets (claim/SOURCE/ID, rel/UUID, an entity id), a claim written
// SOURCE/CLAIM, or a curated relation's id.
func Show(ctx context.Context, st *store.Store, id string) (*Shown, error) {
	id = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(id), "<"), ">")
	if id == "" {
		return nil, Inputf("show needs an id: a claim, relation or entity")
	}
	qs, err := st.AllQuads(ctx)
	if err != nil {
		return nil, err
	}
	g := vocab.Decode(qs)
	v := newView(g)
	iri := v.resolve(id)
	switch {
	case iri == "":
		msg := fmt.Sprintf("no claim, relation or entity %q in the %s store at %s", id, st.Backend(), st.Where())
		if sug := diag.Suggest(id, v.ids()); sug != "" {
			msg += fmt.Sprintf("\nhint: did you mean %q?", sug)
		}
		return nil, Inputf("%s", msg)
	case v.claims[iri] != nil:
		return v.showClaim(v.claims[iri]), nil
	case v.rels[iri] != nil:
		return v.showRelation(v.rels[iri]), nil
	}
	return v.showEntity(v.entities[iri]), nil
}

// view indexes a decoded graph for showing.
type view struct {
	g          *vocab.Graph
	claims     map[string]*vocab.ClaimNode
	rels       map[string]*vocab.RelationNode
	entities   map[string]*vocab.EntityNode
	sources    map[string]*vocab.SourceNode
	utterances map[string][]*vocab.UtteranceNode // by source id, in order
	texts      map[string]*text                  // transcript texts, converted once
	// bySpeaker holds the positions in g.Claims of each speaker's claims.
	bySpeaker map[string][]int
	// relsAt and stmtsAt index the relations and statements by their ends (the
	// positions in g.Relations and g.Statements), so that showing one node does
	// not read the whole graph.
	relsAt, stmtsAt map[string][]int
}

// at returns the positions of index[a] and index[b], in order, each once.
func at(index map[string][]int, a, b string) []int {
	out := append(append([]int(nil), index[a]...), index[b]...)
	slices.Sort(out)
	return slices.Compact(out)
}

// text is a transcript as code points, which the offsets of its quotes count, with
// where its lines end.
type text struct {
	runes []rune
	// newlines are the offsets of its line feeds, in order.
	newlines []int
}

// textOf returns a source's transcript converted once: an entity with many claims
// quotes one transcript many times.
func (v *view) textOf(src *vocab.SourceNode) *text {
	t, ok := v.texts[src.ID]
	if !ok {
		t = &text{runes: []rune(src.TranscriptText)}
		for i, r := range t.runes {
			if r == '\n' {
				t.newlines = append(t.newlines, i)
			}
		}
		v.texts[src.ID] = t
	}
	return t
}

// lineAt returns the line (from 1) and column (from 1, in code points) of offset.
func (t *text) lineAt(offset int) (line, col int) {
	before, _ := slices.BinarySearch(t.newlines, offset) // the line feeds before offset
	start := 0
	if before > 0 {
		start = t.newlines[before-1] + 1
	}
	return before + 1, offset - start + 1
}

func newView(g *vocab.Graph) *view {
	v := &view{g: g, claims: map[string]*vocab.ClaimNode{}, rels: map[string]*vocab.RelationNode{},
		entities: map[string]*vocab.EntityNode{}, sources: map[string]*vocab.SourceNode{},
		utterances: map[string][]*vocab.UtteranceNode{}, texts: map[string]*text{}, bySpeaker: map[string][]int{}}
	for i, c := range g.Claims {
		v.claims[c.IRI] = c
		v.bySpeaker[c.Speaker] = append(v.bySpeaker[c.Speaker], i)
	}
	for _, r := range g.Relations {
		v.rels[r.IRI] = r
	}
	for _, e := range g.Entities {
		v.entities[e.ID] = e
	}
	for _, s := range g.Sources {
		v.sources[s.ID] = s
	}
	for _, u := range g.Utterances {
		v.utterances[u.Source] = append(v.utterances[u.Source], u)
	}
	for _, us := range v.utterances {
		slices.SortFunc(us, func(a, b *vocab.UtteranceNode) int { return a.Position - b.Position })
	}
	v.relsAt, v.stmtsAt = map[string][]int{}, map[string][]int{}
	for i, r := range g.Relations {
		v.relsAt[r.From] = append(v.relsAt[r.From], i)
		if r.To != r.From {
			v.relsAt[r.To] = append(v.relsAt[r.To], i)
		}
	}
	for i, st := range g.Statements {
		v.stmtsAt[st.Subject] = append(v.stmtsAt[st.Subject], i)
		if st.Object != st.Subject {
			v.stmtsAt[st.Object] = append(v.stmtsAt[st.Object], i)
		}
	}
	return v
}

// resolve turns what a user typed into the IRI of a claim, relation or entity.
func (v *view) resolve(id string) string {
	if v.claims[id] != nil || v.rels[id] != nil || v.entities[id] != nil {
		return id
	}
	if c := string(vocab.ClaimPrefix) + id; v.claims[c] != nil {
		return c
	}
	for _, r := range v.g.Relations {
		if r.CuratedID != "" && (r.CuratedID == id || r.Source+"/"+r.CuratedID == id) {
			return r.IRI
		}
	}
	return ""
}

func (v *view) ids() []string {
	var out []string
	for _, c := range v.g.Claims {
		out = append(out, c.IRI, strings.TrimPrefix(c.IRI, vocab.ClaimPrefix))
	}
	for _, e := range v.g.Entities {
		out = append(out, e.ID)
	}
	return out
}

// ref names a node for a reader.
func (v *view) ref(iri string) Ref {
	switch {
	case iri == "":
		return Ref{}
	case v.claims[iri] != nil:
		return Ref{IRI: iri, Kind: string(vocab.ClaimType), Title: v.claims[iri].Text}
	case v.rels[iri] != nil:
		r := v.rels[iri]
		return Ref{IRI: iri, Kind: string(vocab.RelationType), Title: fmt.Sprintf("%s %s %s", v.ref(r.From).Title, r.Kind, v.ref(r.To).Title)}
	case v.entities[iri] != nil:
		e := v.entities[iri]
		return Ref{IRI: iri, Kind: e.Kind, Title: e.Name}
	}
	if id, ok := vocab.SourceID(iri); ok && v.sources[id] != nil {
		return Ref{IRI: iri, Kind: string(vocab.SourceType), Title: v.sources[id].Title}
	}
	return Ref{IRI: iri, Kind: v.g.Kind(iri), Title: iri}
}

func (v *view) sourceRef(id string) Ref {
	if id == "" {
		return Ref{}
	}
	return v.ref(string(vocab.SourceIRI(id)))
}

func (v *view) showClaim(c *vocab.ClaimNode) *Shown {
	s := &Shown{Kind: string(vocab.ClaimType), IRI: c.IRI, Title: c.Text, Speaker: v.ref(c.Speaker),
		Source: v.sourceRef(c.Source), Origin: c.Origin, Rule: c.Rule, Confidence: c.Confidence}
	if s.Origin == "" {
		s.Origin = vocab.OriginCurated
	}
	for _, a := range c.About {
		s.About = append(s.About, v.ref(a))
	}
	s.Quote = v.quoted(c.Source, c.Quote, c.QuoteSpan, c.SaidAt, c.HasTime, [2]int{c.QuoteLine, c.QuoteColumn})
	v.edges(s, c.IRI)
	return s.normalize()
}

func (v *view) showRelation(r *vocab.RelationNode) *Shown {
	s := &Shown{Kind: string(vocab.RelationType), IRI: r.IRI, Title: v.ref(r.IRI).Title, Speaker: v.ref(r.StatedBy),
		Source: v.sourceRef(r.Source), Origin: r.Origin, Rule: r.Rule, Confidence: r.Confidence}
	s.Quote = v.quoted(r.Source, r.Quote, r.QuoteSpan, r.SaidAt, r.HasTime, [2]int{r.QuoteLine, r.QuoteColumn})
	s.Out = append(s.Out, Edge{Kind: "from", Other: v.ref(r.From)}, Edge{Kind: "to", Other: v.ref(r.To)})
	v.edges(s, r.IRI)
	return s.normalize()
}

func (v *view) showEntity(e *vocab.EntityNode) *Shown {
	s := &Shown{Kind: e.Kind, IRI: e.ID, Title: e.Name, Aliases: e.Aliases}
	for _, i := range v.bySpeaker[e.ID] {
		c := v.g.Claims[i]
		{
			s.Claims = append(s.Claims, Claimd{Claim: v.ref(c.IRI), Quote: v.quoted(c.Source, c.Quote, c.QuoteSpan, c.SaidAt, c.HasTime, [2]int{c.QuoteLine, c.QuoteColumn})})
		}
	}
	v.edges(s, e.ID)
	return s.normalize()
}

// edges gathers the argument relations and statements from and to iri.
func (v *view) edges(s *Shown, iri string) {
	for _, i := range at(v.relsAt, iri, iri) {
		r := v.g.Relations[i]
		// The quote's context is made only for the edges shown: a large store
		// holds many relations.
		q := v.quoted(r.Source, r.Quote, r.QuoteSpan, r.SaidAt, r.HasTime, [2]int{r.QuoteLine, r.QuoteColumn})
		if r.From == iri {
			s.Out = append(s.Out, Edge{Kind: r.Kind, IRI: r.IRI, Other: v.ref(r.To), Quote: q, Origin: r.Origin})
		}
		if r.To == iri {
			s.In = append(s.In, Edge{Kind: r.Kind, IRI: r.IRI, Other: v.ref(r.From), Quote: q, Origin: r.Origin})
		}
	}
	seen := map[[3]string]bool{}
	for _, i := range at(v.stmtsAt, iri, iri) {
		st := v.g.Statements[i]
		if vocab.IsArgument(st.Predicate) || quad.IRI(st.Predicate) == vocab.Asserts || quad.IRI(st.Predicate) == vocab.About {
			continue // relations are above; assertions and topics are fields
		}
		key := [3]string{st.Subject, st.Predicate, st.Object}
		if seen[key] {
			continue
		}
		seen[key] = true
		if st.Subject == iri {
			s.Out = append(s.Out, Edge{Kind: st.Predicate, Other: v.ref(st.Object)})
		}
		if st.Object == iri {
			s.In = append(s.In, Edge{Kind: st.Predicate, Other: v.ref(st.Subject)})
		}
	}
}

func (s *Shown) normalize() *Shown {
	if s.Aliases == nil {
		s.Aliases = []string{}
	}
	if s.About == nil {
		s.About = []Ref{}
	}
	if s.Out == nil {
		s.Out = []Edge{}
	}
	if s.In == nil {
		s.In = []Edge{}
	}
	if s.Claims == nil {
		s.Claims = []Claimd{}
	}
	return s
}

// quoted places a quote of a source in its transcript: the file position, the
// time, and the paragraph or turn around it. It is nil when there is no quote.
func (v *view) quoted(source, text string, sp vocab.Span, saidAt float64, hasTime bool, at [2]int) *Quoted {
	if text == "" {
		return nil
	}
	q := &Quoted{Text: text, Start: sp.Start, End: sp.End, SaidAt: saidAt, HasTime: hasTime}
	src := v.sources[source]
	if src == nil || src.TranscriptText == "" {
		return q
	}
	q.File = src.Transcript
	t := v.textOf(src)
	runes := t.runes
	if sp.Start < 0 || sp.End > len(runes) || sp.Start > sp.End {
		return q
	}
	// The paragraph (between blank lines) or utterance that holds the quote, as
	// far as the context reaches.
	lo, hi := paragraph(runes, sp.Start, sp.End, contextRunes)
	line, col := t.lineAt(sp.Start)
	for _, u := range v.utterances[source] {
		if u.Span.Start <= sp.Start && sp.Start < u.Span.End {
			lo, hi = u.Span.Start, max(u.Span.End, sp.End)
			q.Label = u.Label
			line, col = 0, 0 // the file's place is the build's (at), if it recorded one
			if !q.HasTime && u.HasTime {
				q.SaidAt, q.HasTime = u.Start, true
			}
			break
		}
	}
	q.Line, q.Column = line, col
	if at[0] > 0 {
		q.Line, q.Column = at[0], at[1] // as the build found it in the file
	}
	lo = max(lo, sp.Start-contextRunes)
	hi = min(hi, sp.End+contextRunes)
	prefix, suffix := "", ""
	if lo > 0 && runes[lo-1] != '\n' {
		prefix = "…"
	}
	if hi < len(runes) && runes[hi] != '\n' {
		suffix = "…"
	}
	q.Context = prefix + string(runes[lo:hi]) + suffix
	q.QuoteStart = sp.Start - lo + utf8.RuneCountInString(prefix)
	q.QuoteEnd = sp.End - lo + utf8.RuneCountInString(prefix)
	return q
}

// paragraph returns the bounds of the paragraph (text between blank lines) that
// holds [start, end), clipped to reach runes before start and after end at most:
// it reads no further, however long the paragraph.
func paragraph(runes []rune, start, end, reach int) (int, int) {
	lo, floor, loClipped := start, max(start-reach, 0), false
	for lo > 0 && !(runes[lo-1] == '\n' && lo >= 2 && runes[lo-2] == '\n') {
		if lo == floor {
			loClipped = true
			break
		}
		lo--
	}
	hi, ceil, hiClipped := end, end+reach, false
	for hi < len(runes) && !(runes[hi] == '\n' && hi+1 < len(runes) && runes[hi+1] == '\n') {
		if hi == ceil {
			// Line ends here may still be the paragraph's last, which are trimmed.
			j := hi
			for j < len(runes) && (runes[j] == '\n' || runes[j] == '\r') && !(runes[j] == '\n' && j+1 < len(runes) && runes[j+1] == '\n') {
				j++
			}
			if j < len(runes) && !(runes[j] == '\n' && j+1 < len(runes) && runes[j+1] == '\n') {
				hiClipped = true
				break
			}
			hi = j
			break
		}
		hi++
	}
	// Blank lines at either end are not part of it; where the scan stopped short
	// of the paragraph's end, the context ends there.
	for !loClipped && lo < hi && runes[lo] == '\n' {
		lo++
	}
	for !hiClipped && hi > lo && (runes[hi-1] == '\n' || runes[hi-1] == '\r') {
		hi--
	}
	return lo, max(hi, end)
}
