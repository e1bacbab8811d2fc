package vocab

import (
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/google/uuid"
)

// Predicates of sources, entities, claims and relations. Argument and fact
// predicates are the schema's edge kind names used as IRIs (<criticizes>,
// <ceo_of>); the core argument kinds are named below ([Criticizes], ...).
const (
	Type             = quad.IRI("type")
	Name             = quad.IRI("name")
	Alias            = quad.IRI("alias")
	Wikidata         = quad.IRI("wikidata")
	Title            = quad.IRI("title")
	SourceKind       = quad.IRI("source_kind")
	Language         = quad.IRI("language")
	Date             = quad.IRI("date")
	URL              = quad.IRI("url")
	Author           = quad.IRI("author")
	Speaker          = quad.IRI("speaker")
	Transcript       = quad.IRI("transcript")
	TranscriptSHA256 = quad.IRI("transcript_sha256")
	Mentions         = quad.IRI("mentions")
	Text             = quad.IRI("text")
	Quote            = quad.IRI("quote")
	QuoteStart       = quad.IRI("quote_start")
	QuoteEnd         = quad.IRI("quote_end")
	About            = quad.IRI("about")
	Asserts          = quad.IRI("asserts")
	Source           = quad.IRI("source")
	Kind             = quad.IRI("kind")
	From             = quad.IRI("from")
	To               = quad.IRI("to")
	StatedBy         = quad.IRI("stated_by")
	Origin           = quad.IRI("origin")
	CuratedID        = quad.IRI("curated_id")
	Catalog          = quad.IRI("catalog")
)

// Predicates of what extraction found: the rule, its confidence, the sentence it
// was found in (code point offsets into the transcript) and, for claims, the
// heading they fall under.
const (
	Rule          = quad.IRI("rule")
	Confidence    = quad.IRI("confidence")
	EvidenceStart = quad.IRI("evidence_start")
	EvidenceEnd   = quad.IRI("evidence_end")
	Topic         = quad.IRI("topic")
)

// Predicates of transcripts and their utterances. A source records its
// transcript's format and normalized text, which every offset of its quads refers
// to; a transcript read into utterances (turns, captions, speech-to-text) gives one
// node per utterance, and each claim, relation and finding whose quote or evidence
// falls in one points to it and carries the time it was said.
const (
	TranscriptFormat = quad.IRI("transcript_format")
	TranscriptText   = quad.IRI("transcript_text")
	// UtteranceOf links a claim or relation to the utterance its quote (or, for
	// findings, its evidence) starts in.
	UtteranceOf = quad.IRI("utterance")
	// SaidAt is the time in whole seconds from the start of the recording at which
	// a claim's or relation's quote was said: the start of the cue that holds it.
	SaidAt = quad.IRI("said_at")
	// SpeakerLabel is the label an utterance's speaker has in the transcript.
	SpeakerLabel = quad.IRI("speaker_label")
	// Start and End are an utterance's times in whole seconds.
	Start = quad.IRI("start")
	End   = quad.IRI("end")
	// SpanStart and SpanEnd are the code point offsets of an utterance's text.
	SpanStart = quad.IRI("span_start")
	SpanEnd   = quad.IRI("span_end")
	// QuoteLine and QuoteColumn are where a quote begins in a transcript file read
	// into utterances, whose labels and stamps are not in the text.
	QuoteLine   = quad.IRI("quote_line")
	QuoteColumn = quad.IRI("quote_column")
)

// Predicates that only sources imported from AIF carry. They keep what an
// interview graph has no field for, so an imported claim can be traced back to the
// corpus it came from.
const (
	// AIFID links a claim to the id of its I-node, and a relation to the id of the
	// RA, CA or MA node it came from.
	AIFID = quad.IRI("aif_id")
	// UtteredAt is the start time of a claim's locution, as the AIF file writes it.
	UtteredAt = quad.IRI("uttered_at")
)

// Predicates of the link nodes graph link writes under [LinkLabel]: the pair's two
// entities, its score, the reason and the status.
const (
	LinkA  = quad.IRI("a")
	LinkB  = quad.IRI("b")
	Score  = quad.IRI("score")
	Reason = quad.IRI("reason")
	Status = quad.IRI("status")
)

// The argument kinds of the core schema, used as predicates of shortcut quads and
// as objects of a relation node's <kind>.
const (
	Criticizes = quad.IRI("criticizes")
	Endorses   = quad.IRI("endorses")
	Rebuts     = quad.IRI("rebuts")
	Supports   = quad.IRI("supports")
	Undercuts  = quad.IRI("undercuts")
	Rephrases  = quad.IRI("rephrases")
)

// SameAs joins two entities found to be one thing, in both directions.
const SameAs = quad.IRI("same_as")

// IsArgument reports whether kind is one of the argument kinds of the core
// schema ([Criticizes], [Endorses], [Rebuts], [Supports], [Undercuts], [Rephrases]).
func IsArgument(kind string) bool {
	switch quad.IRI(kind) {
	case Criticizes, Endorses, Rebuts, Supports, Undercuts, Rephrases:
		return true
	}
	return false
}

// Node kinds used as objects of <type> besides the entity kinds, which are the
// schema's node kind names (<person>, <company>).
const (
	ClaimType    = quad.IRI("claim")
	SourceType   = quad.IRI("source")
	RelationType = quad.IRI("relation")
	CatalogType  = quad.IRI("catalog")
	// UtteranceType is the kind of a transcript's turns and cues.
	UtteranceType = quad.IRI("utterance")
	// LinkType is the kind of the nodes graph link writes, one per pair of entities it
	// found; they carry a score and a reason, and are not part of any argument map.
	LinkType = quad.IRI("link")
)

// Values of <origin>.
const (
	// OriginCurated marks relations written by hand rather than found by a rule.
	OriginCurated = "curated"
	// OriginExtracted marks claims and relations that a rule found.
	OriginExtracted = "extracted"
)

// LinkLabel is the label of every quad graph link writes; each run replaces it
// whole.
const LinkLabel = quad.IRI("link")

// Prefixes of the IRIs of sources (and their labels), catalogs (and their
// labels), claims, relations and link nodes. Entity IRIs have none.
const (
	SourcePrefix    = "source/"
	CatalogPrefix   = "catalog/"
	ClaimPrefix     = "claim/"
	RelationPrefix  = "rel/"
	LinkPrefix      = "link/"
	UtterancePrefix = "utterance/"
)

// UtteranceIRI is the IRI of the n-th utterance (from 1) of a source's transcript.
// [UtteranceNumber] reads n back.
func UtteranceIRI(source string, n int) quad.IRI {
	return quad.IRI(UtterancePrefix + source + "/" + strconv.Itoa(n))
}

// UtteranceNumber returns the source and number of an utterance IRI.
func UtteranceNumber(iri string) (source string, n int, ok bool) {
	rest, ok := strings.CutPrefix(iri, UtterancePrefix)
	i := strings.LastIndexByte(rest, '/')
	if !ok || i < 0 {
		return "", 0, false
	}
	n, err := strconv.Atoi(rest[i+1:])
	if err != nil || n < 1 {
		return "", 0, false
	}
	return rest[:i], n, true
}

// EntityIRI is the IRI of a curated entity: its id.
func EntityIRI(id string) quad.IRI { return quad.IRI(id) }

// SourceIRI is the IRI of a source and the label of all its quads.
func SourceIRI(id string) quad.IRI { return quad.IRI(SourcePrefix + id) }

// SourceID returns the id of the source whose IRI (or label) is iri, given without
// angle brackets, and whether iri is a source's.
func SourceID(iri string) (string, bool) { return strings.CutPrefix(iri, SourcePrefix) }

// CatalogIRI is the IRI of a shared entity catalog and the label of its quads.
func CatalogIRI(id string) quad.IRI { return quad.IRI(CatalogPrefix + id) }

// CatalogID returns the id of the catalog whose IRI (or label) is iri, and whether
// iri is a catalog's.
func CatalogID(iri string) (string, bool) { return strings.CutPrefix(iri, CatalogPrefix) }

// ClaimIRI is the IRI of a claim of a source.
func ClaimIRI(source, id string) quad.IRI { return quad.IRI(ClaimPrefix + source + "/" + id) }

// ClaimID returns the source id and the claim id of a claim's IRI, and whether iri
// is a claim's. Source ids hold no slash, so the first one after the prefix ends
// the source.
func ClaimID(iri string) (source, id string, ok bool) {
	rest, ok := strings.CutPrefix(iri, ClaimPrefix)
	if !ok {
		return "", "", false
	}
	source, id, ok = strings.Cut(rest, "/")
	if !ok || source == "" || id == "" {
		return "", "", false
	}
	return source, id, true
}

// relationSpace is the UUIDv5 namespace of relation IRIs; it is itself derived by
// name so that it never changes.
var relationSpace = uuid.NewSHA1(uuid.NameSpaceURL, []byte("urn:graph:relation"))

// RelationIRI is the IRI of an argument relation: a UUIDv5 of the source, both ends
// and the kind, so the same relation gets the same IRI in every build.
func RelationIRI(source string, from quad.IRI, kind string, to quad.IRI) quad.IRI {
	name := source + "\x00" + string(from) + "\x00" + kind + "\x00" + string(to)
	return quad.IRI(RelationPrefix + uuid.NewSHA1(relationSpace, []byte(name)).String())
}

// IsRelationIRI reports whether iri has the form of a relation's IRI.
func IsRelationIRI(iri string) bool { return strings.HasPrefix(iri, RelationPrefix) }

// linkSpace is the UUIDv5 namespace of link node IRIs.
var linkSpace = uuid.NewSHA1(uuid.NameSpaceURL, []byte("urn:graph:link"))

// LinkIRI is the IRI of the link node of a pair of entities: a UUIDv5 of their two
// ids, in either order.
func LinkIRI(a, b string) quad.IRI {
	if a > b {
		a, b = b, a
	}
	return quad.IRI(LinkPrefix + uuid.NewSHA1(linkSpace, []byte(a+"\x00"+b)).String())
}

// IsLinkIRI reports whether iri has the form of a link node's IRI.
func IsLinkIRI(iri string) bool { return strings.HasPrefix(iri, LinkPrefix) }
