package vocab

import (
	"slices"
	"strconv"

	"github.com/cayleygraph/quad"
)

// Graph is what a set of quads says, read back into the model that package rdf
// writes: sources, catalogs, entities, claims, argument relations and link nodes,
// and the statements between them. Build one with [Decode].
//
// IRIs are given without angle brackets ("dario-amodei", "source/amodei-2025"),
// labels likewise; a blank node is written "_:name". Nodes are sorted by IRI; the
// other lists are sorted too, and free of repeats, unless a field says otherwise.
// Where the quads give a field of one value several values, the first in N-Quads
// order ([Sorted]) is taken.
type Graph struct {
	Sources   []*SourceNode
	Catalogs  []*CatalogNode
	Entities  []*EntityNode
	Claims    []*ClaimNode
	Relations []*RelationNode
	Links     []*LinkNode
	// Utterances are the turns and cues of the sources' transcripts.
	Utterances []*UtteranceNode
	// Untyped are the nodes that quads describe or point at (other than as the object
	// of a <type> or <kind>) without giving them a <type>: an entity of a catalog that
	// was not read, a claim of a source that was not read.
	Untyped []*UntypedNode
	// Statements are the quads between two nodes that are not part of a node's own
	// structure: facts (<ceo_of>), <asserts>, <about>, <same_as>, argument quads
	// that no relation node stands behind, and predicates graph does not know. The
	// structure left out is <type>, <kind>, <from>, <to>, <source>, <speaker>,
	// <stated_by>, <author>, <mentions> and <catalog>, the <a> and <b> of link nodes,
	// and the shortcut quad of each relation node. They are in N-Quads order.
	Statements []Statement

	kinds map[string]string
}

// Kind returns the kind of a node: the object of its <type> (the first in N-Quads
// order, if it has several), or "" if it has none.
func (g *Graph) Kind(iri string) string { return g.kinds[iri] }

// A SourceNode is an interview, article or debate: <type> <source>.
type SourceNode struct {
	IRI string
	// ID is the source's id: its IRI without [SourcePrefix], or the whole IRI if it
	// lacks the prefix.
	ID                    string
	Title, Kind, Language string
	Date, URL             string
	Transcript            string
	TranscriptSHA256      string
	// TranscriptFormat and TranscriptText are the format the transcript was read
	// as and its normalized text, which the offsets of the source's quads refer to.
	TranscriptFormat, TranscriptText string
	Author                           string
	Speakers, Mentions, Labels       []string
}

// A CatalogNode is a shared entity catalog: <type> <catalog>.
type CatalogNode struct {
	IRI string
	// ID is the catalog's id: its IRI without [CatalogPrefix], or the whole IRI.
	ID     string
	Labels []string
}

// An EntityNode is a node of any other kind: person, company, concept, or a kind
// of a user's schema.
type EntityNode struct {
	// ID is the entity's IRI, which is its curated id.
	ID   string
	Kind string
	// Name is the first of Names.
	Name string
	// Names are the objects of its <name> quads under any label, in N-Quads order.
	Names    []string
	Aliases  []string
	Wikidata []string
	// Catalogs are the ids of the catalogs it is listed in (<catalog>).
	Catalogs []string
	// Defined are the labels of its <type> quads; Mentioned the labels of the
	// <mentions> quads that point at it, that is the sources that name it.
	Defined, Mentioned []string
	// Labels are the labels of every quad it is the subject or the object of.
	Labels []string
}

// A ClaimNode is a proposition stated in one source by a speaker: <type> <claim>.
type ClaimNode struct {
	IRI string
	// ID is the claim's id within its source, from an IRI of the form
	// claim/SOURCE/ID, and "" for an IRI of another form.
	ID string
	// Source is the id of the source of <source>; Speaker the IRI of <speaker>.
	Source, Speaker string
	Text, Quote     string
	// QuoteSpan is where Quote is in the transcript; the zero Span when unknown.
	QuoteSpan Span
	// About are the IRIs the claim is <about>.
	About []string
	// Origin is [OriginExtracted] for claims a rule found (with Rule, Confidence,
	// Evidence and Topic), and "" for curated ones.
	Origin, Rule string
	Confidence   float64
	Evidence     Span
	Topic        string
	// AIFID and UtteredAt are set on claims imported from AIF.
	AIFID, UtteredAt string
	// Utterance is the IRI of the utterance the claim's quote (or evidence) starts
	// in, and SaidAt the time in seconds it was said when HasTime.
	Utterance string
	SaidAt    float64
	HasTime   bool
	// QuoteLine and QuoteColumn are where the quote begins in the transcript file,
	// when the source records it (transcripts read into utterances).
	QuoteLine, QuoteColumn int
	Labels                 []string
}

// A RelationNode is an argument relation made a node: <type> <relation>.
type RelationNode struct {
	IRI string
	// Kind is the argument kind (criticizes, rebuts, ...); From and To are IRIs of
	// claims, entities or (for undercuts) other relations.
	Kind, From, To string
	// Source is the id of the source of <source>; StatedBy the IRI of <stated_by>.
	Source, StatedBy string
	Quote            string
	QuoteSpan        Span
	// Origin is [OriginCurated] or [OriginExtracted]; Rule, Confidence and Evidence
	// are set on extracted relations.
	Origin, Rule string
	Confidence   float64
	Evidence     Span
	// CuratedID is the id a curator gave the relation, if any.
	CuratedID string
	AIFID     string
	// Utterance, SaidAt, HasTime, QuoteLine and QuoteColumn are as for a
	// [ClaimNode].
	Utterance              string
	SaidAt                 float64
	HasTime                bool
	QuoteLine, QuoteColumn int
	// Label is the label of its <type> quad: the source it belongs to.
	Label  string
	Labels []string
}

// A LinkNode is a pair of entities graph link compared: <type> <link>.
type LinkNode struct {
	IRI            string
	A, B           string
	Score          float64
	Reason, Status string
	Label          string
}

// An UtteranceNode is a turn or cue of a transcript: <type> <utterance>.
type UtteranceNode struct {
	IRI string
	// Source is the id of its source; Position its place in the transcript, from 1,
	// as its IRI numbers it.
	Source   string
	Position int
	// Label is the speaker label as the transcript writes it; Speaker the IRI of
	// the entity it maps to, or "".
	Label, Speaker string
	// Start and End are in seconds when HasTime.
	Start, End float64
	HasTime    bool
	// Span is where its text is in the source's transcript text.
	Span Span
}

// An UntypedNode is a node without a <type>; see [Graph.Untyped].
type UntypedNode struct {
	ID     string
	Name   string
	Labels []string
}

// A Statement is a quad between two nodes; see [Graph.Statements].
type Statement struct {
	Subject, Predicate, Object, Label string
}

// structure are the predicates that are part of a node's own structure; quads
// with them are fields of the nodes, never statements.
var structure = map[quad.IRI]bool{
	Type: true, Kind: true, From: true, To: true, Source: true, Speaker: true,
	StatedBy: true, Author: true, Mentions: true, Catalog: true, UtteranceOf: true,
}

// Decode reads quads back into a [Graph]. It never fails: quads it does not
// understand are left out, or kept as [Statement]s when they link two nodes. The
// result depends only on the set of quads, not on their order or repeats.
func Decode(qs []quad.Quad) *Graph {
	qs = Sorted(qs)
	g := &Graph{kinds: map[string]string{}}
	kinds := g.kinds
	for _, q := range qs {
		s, ok1 := ref(q.Subject)
		o, ok2 := ref(q.Object)
		if !ok1 || !ok2 || q.Predicate != Type {
			continue
		}
		if _, ok := kinds[s]; !ok {
			kinds[s] = o // the first in N-Quads order
		}
	}

	var subjects []string
	bySubject := map[string][]quad.Quad{}
	labels := map[string][]string{}
	mentioned := map[string][]string{}
	referenced := map[string]bool{}
	for _, q := range qs {
		s, ok := ref(q.Subject)
		p, pok := q.Predicate.(quad.IRI)
		if !ok || !pok {
			continue
		}
		label, _ := ref(q.Label)
		if bySubject[s] == nil {
			subjects = append(subjects, s)
		}
		bySubject[s] = append(bySubject[s], q)
		addLabel(labels, s, label)
		if o, ok := ref(q.Object); ok {
			addLabel(labels, o, label)
			if p != Type && p != Kind {
				referenced[o] = true
			}
			if p == Mentions {
				addLabel(mentioned, o, label)
			}
		}
	}
	for id := range referenced {
		if _, ok := bySubject[id]; !ok {
			subjects = append(subjects, id)
		}
	}
	slices.Sort(subjects)
	labelsOf := func(id string) []string { return sortedUnique(labels[id]) }

	for _, id := range subjects {
		qs := bySubject[id]
		switch kind := kinds[id]; quad.IRI(kind) {
		case SourceType:
			g.Sources = append(g.Sources, decodeSource(id, qs, labelsOf(id)))
		case CatalogType:
			g.Catalogs = append(g.Catalogs, &CatalogNode{IRI: id, ID: idOf(id, CatalogID), Labels: labelsOf(id)})
		case ClaimType:
			g.Claims = append(g.Claims, decodeClaim(id, qs, labelsOf(id)))
		case RelationType:
			g.Relations = append(g.Relations, decodeRelation(id, qs, labelsOf(id)))
		case LinkType:
			g.Links = append(g.Links, decodeLink(id, qs))
		case UtteranceType:
			g.Utterances = append(g.Utterances, decodeUtterance(id, qs))
		case "":
			n := &UntypedNode{ID: id, Labels: labelsOf(id)}
			for _, q := range qs {
				if q.Predicate == Name && isLiteral(q.Object) {
					n.Name = literal(q.Object)
					break
				}
			}
			g.Untyped = append(g.Untyped, n)
		default:
			e := decodeEntity(id, kind, qs, labelsOf(id))
			e.Mentioned = sortedUnique(mentioned[id])
			g.Entities = append(g.Entities, e)
		}
	}

	// The shortcut quads of relation nodes are part of them.
	shortcut := map[Statement]bool{}
	for _, r := range g.Relations {
		if r.From != "" && r.Kind != "" && r.To != "" {
			shortcut[Statement{r.From, r.Kind, r.To, r.Label}] = true
		}
	}
	for _, q := range qs {
		s, ok1 := ref(q.Subject)
		p, ok2 := q.Predicate.(quad.IRI)
		o, ok3 := ref(q.Object)
		if !ok1 || !ok2 || !ok3 || structure[p] {
			continue
		}
		if (p == LinkA || p == LinkB) && quad.IRI(kinds[s]) == LinkType {
			continue
		}
		label, _ := ref(q.Label)
		st := Statement{s, string(p), o, label}
		if !shortcut[st] {
			g.Statements = append(g.Statements, st)
		}
	}
	return g
}

func decodeSource(id string, qs []quad.Quad, labels []string) *SourceNode {
	n := &SourceNode{IRI: id, ID: idOf(id, SourceID), Labels: labels}
	for _, q := range qs {
		if o, ok := ref(q.Object); ok {
			switch q.Predicate {
			case Author:
				first(&n.Author, o)
			case Speaker:
				n.Speakers = append(n.Speakers, o)
			case Mentions:
				n.Mentions = append(n.Mentions, o)
			}
			continue
		}
		v := literal(q.Object)
		switch q.Predicate {
		case Title:
			first(&n.Title, v)
		case SourceKind:
			first(&n.Kind, v)
		case Language:
			first(&n.Language, v)
		case Date:
			first(&n.Date, v)
		case URL:
			first(&n.URL, v)
		case Transcript:
			first(&n.Transcript, v)
		case TranscriptSHA256:
			first(&n.TranscriptSHA256, v)
		case TranscriptFormat:
			first(&n.TranscriptFormat, v)
		case TranscriptText:
			first(&n.TranscriptText, v)
		}
	}
	n.Speakers = sortedUnique(n.Speakers)
	n.Mentions = sortedUnique(n.Mentions)
	return n
}

func decodeEntity(id, kind string, qs []quad.Quad, labels []string) *EntityNode {
	e := &EntityNode{ID: id, Kind: kind, Labels: labels}
	for _, q := range qs {
		if o, ok := ref(q.Object); ok {
			switch q.Predicate {
			case Type:
				if l, ok := ref(q.Label); ok {
					e.Defined = append(e.Defined, l)
				}
			case Catalog:
				e.Catalogs = append(e.Catalogs, idOf(o, CatalogID))
			}
			continue
		}
		v := literal(q.Object)
		switch q.Predicate {
		case Name:
			if !slices.Contains(e.Names, v) {
				e.Names = append(e.Names, v)
			}
		case Alias:
			e.Aliases = append(e.Aliases, v)
		case Wikidata:
			e.Wikidata = append(e.Wikidata, v)
		}
	}
	if len(e.Names) > 0 {
		e.Name = e.Names[0]
	}
	e.Aliases = sortedUnique(e.Aliases)
	e.Wikidata = sortedUnique(e.Wikidata)
	e.Catalogs = sortedUnique(e.Catalogs)
	e.Defined = sortedUnique(e.Defined)
	return e
}

// attrs are the attributes that claims and relations share.
type attrs struct {
	source, speaker, statedBy, kind, from, to string
	text, quote, origin, rule, topic, curated string
	aifID, utteredAt, utterance               string
	about                                     []string
	quoteSpan, evidence                       Span
	confidence, saidAt                        float64
	hasTime                                   bool
	quoteLine, quoteColumn                    int
	label                                     string
}

func decodeAttrs(qs []quad.Quad) attrs {
	var a attrs
	seen := map[quad.Value]bool{} // the numeric predicates met
	for _, q := range qs {
		if o, ok := ref(q.Object); ok {
			switch q.Predicate {
			case Type:
				if a.label == "" {
					a.label, _ = ref(q.Label)
				}
			case Source:
				first(&a.source, idOf(o, SourceID))
			case Speaker:
				first(&a.speaker, o)
			case StatedBy:
				first(&a.statedBy, o)
			case Kind:
				first(&a.kind, o)
			case From:
				first(&a.from, o)
			case To:
				first(&a.to, o)
			case About:
				a.about = append(a.about, o)
			case UtteranceOf:
				first(&a.utterance, o)
			}
			continue
		}
		v := literal(q.Object)
		switch q.Predicate {
		case Text:
			first(&a.text, v)
		case Quote:
			first(&a.quote, v)
		case Origin:
			first(&a.origin, v)
		case Rule:
			first(&a.rule, v)
		case Topic:
			first(&a.topic, v)
		case CuratedID:
			first(&a.curated, v)
		case AIFID:
			first(&a.aifID, v)
		case UtteredAt:
			first(&a.utteredAt, v)
		}
		f, ok := number(q.Object)
		if !ok || seen[q.Predicate] {
			continue
		}
		switch q.Predicate {
		case Confidence:
			a.confidence = f
		case QuoteStart:
			a.quoteSpan.Start = int(f)
		case QuoteEnd:
			a.quoteSpan.End = int(f)
		case EvidenceStart:
			a.evidence.Start = int(f)
		case EvidenceEnd:
			a.evidence.End = int(f)
		case SaidAt:
			a.saidAt, a.hasTime = f, true
		case QuoteLine:
			a.quoteLine = int(f)
		case QuoteColumn:
			a.quoteColumn = int(f)
		default:
			continue
		}
		seen[q.Predicate] = true
	}
	a.about = sortedUnique(a.about)
	return a
}

func decodeClaim(id string, qs []quad.Quad, labels []string) *ClaimNode {
	a := decodeAttrs(qs)
	_, local, _ := ClaimID(id)
	return &ClaimNode{
		IRI: id, ID: local, Source: a.source, Speaker: a.speaker, Text: a.text, Quote: a.quote,
		QuoteSpan: a.quoteSpan, About: a.about, Origin: a.origin, Rule: a.rule,
		Confidence: a.confidence, Evidence: a.evidence, Topic: a.topic,
		AIFID: a.aifID, UtteredAt: a.utteredAt, Utterance: a.utterance, SaidAt: a.saidAt,
		HasTime: a.hasTime, QuoteLine: a.quoteLine, QuoteColumn: a.quoteColumn, Labels: labels,
	}
}

func decodeRelation(id string, qs []quad.Quad, labels []string) *RelationNode {
	a := decodeAttrs(qs)
	return &RelationNode{
		IRI: id, Kind: a.kind, From: a.from, To: a.to, Source: a.source, StatedBy: a.statedBy,
		Quote: a.quote, QuoteSpan: a.quoteSpan, Origin: a.origin, Rule: a.rule,
		Confidence: a.confidence, Evidence: a.evidence, CuratedID: a.curated, AIFID: a.aifID,
		Utterance: a.utterance, SaidAt: a.saidAt, HasTime: a.hasTime, QuoteLine: a.quoteLine,
		QuoteColumn: a.quoteColumn, Label: a.label, Labels: labels,
	}
}

func decodeUtterance(id string, qs []quad.Quad) *UtteranceNode {
	u := &UtteranceNode{IRI: id}
	_, u.Position, _ = UtteranceNumber(id)
	seen := map[quad.Value]bool{}
	for _, q := range qs {
		if o, ok := ref(q.Object); ok {
			switch q.Predicate {
			case Source:
				first(&u.Source, idOf(o, SourceID))
			case Speaker:
				first(&u.Speaker, o)
			}
			continue
		}
		if q.Predicate == SpeakerLabel {
			first(&u.Label, literal(q.Object))
			continue
		}
		f, ok := number(q.Object)
		if !ok || seen[q.Predicate] {
			continue
		}
		seen[q.Predicate] = true
		switch q.Predicate {
		case Start:
			u.Start, u.HasTime = f, true
		case End:
			u.End = f
		case SpanStart:
			u.Span.Start = int(f)
		case SpanEnd:
			u.Span.End = int(f)
		}
	}
	return u
}

func decodeLink(id string, qs []quad.Quad) *LinkNode {
	n := &LinkNode{IRI: id}
	scored := false
	for _, q := range qs {
		if o, ok := ref(q.Object); ok {
			switch q.Predicate {
			case Type:
				if n.Label == "" {
					n.Label, _ = ref(q.Label)
				}
			case LinkA:
				first(&n.A, o)
			case LinkB:
				first(&n.B, o)
			}
			continue
		}
		switch q.Predicate {
		case Score:
			if f, ok := number(q.Object); ok && !scored {
				n.Score, scored = f, true
			}
		case Reason:
			first(&n.Reason, literal(q.Object))
		case Status:
			first(&n.Status, literal(q.Object))
		}
	}
	return n
}

func first(dst *string, v string) {
	if *dst == "" {
		*dst = v
	}
}

func addLabel(m map[string][]string, id, label string) {
	if label == "" {
		return
	}
	if ls := m[id]; len(ls) == 0 || ls[len(ls)-1] != label {
		m[id] = append(ls, label)
	}
}

// idOf returns the id that cut takes out of iri, or iri itself.
func idOf(iri string, cut func(string) (string, bool)) string {
	if id, ok := cut(iri); ok {
		return id
	}
	return iri
}

// sortedUnique returns the strings sorted, without repeats, in a new slice.
func sortedUnique(ss []string) []string {
	if len(ss) == 0 {
		return nil
	}
	ss = slices.Clone(ss)
	slices.Sort(ss)
	return slices.Compact(ss)
}

// ref returns the identifier of an IRI or a blank node.
func ref(v quad.Value) (string, bool) {
	switch v := v.(type) {
	case quad.IRI:
		return string(v), true
	case quad.BNode:
		return v.String(), true
	}
	return "", false
}

func isLiteral(v quad.Value) bool {
	_, isRef := ref(v)
	return v != nil && !isRef
}

// literal returns the lexical form of a literal.
func literal(v quad.Value) string {
	switch v := v.(type) {
	case quad.String:
		return string(v)
	case quad.LangString:
		return string(v.Value)
	case quad.TypedString:
		return string(v.Value)
	case nil:
		return ""
	}
	return quad.StringOf(v)
}

// number returns the value of a numeric literal, native (quad.Int, quad.Float)
// or as N-Quads files type it.
func number(v quad.Value) (float64, bool) {
	switch v := v.(type) {
	case quad.Int:
		return float64(v), true
	case quad.Float:
		return float64(v), true
	case quad.TypedString:
		f, err := strconv.ParseFloat(string(v.Value), 64)
		return f, err == nil
	case quad.String:
		f, err := strconv.ParseFloat(string(v), 64)
		return f, err == nil
	}
	return 0, false
}
