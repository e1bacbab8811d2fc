package rdf

import (
	"github.com/cayleygraph/quad"
	"github.com/google/uuid"
)

// Predicates written by graph. Argument and fact predicates are the schema's edge
// kind names used as IRIs (<criticizes>, <ceo_of>).
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

// Node kinds used as objects of <type>.
const (
	ClaimType    = quad.IRI("claim")
	SourceType   = quad.IRI("source")
	RelationType = quad.IRI("relation")
	CatalogType  = quad.IRI("catalog")
	// LinkType is the kind of the nodes graph link writes, one per pair of entities it
	// found; they carry a score and a reason, and are not part of any argument map.
	LinkType = quad.IRI("link")
)

// OriginCurated marks relations written by hand rather than found by a rule.
const OriginCurated = "curated"

// relationSpace is the UUIDv5 namespace of relation IRIs; it is itself derived by
// name so that it never changes.
var relationSpace = uuid.NewSHA1(uuid.NameSpaceURL, []byte("urn:graph:relation"))

// EntityIRI is the IRI of a curated entity: its id.
func EntityIRI(id string) quad.IRI { return quad.IRI(id) }

// SourceIRI is the IRI of a source and the label of all its quads.
func SourceIRI(id string) quad.IRI { return quad.IRI("source/" + id) }

// CatalogIRI is the label of the quads of a shared entity catalog.
func CatalogIRI(id string) quad.IRI { return quad.IRI("catalog/" + id) }

// ClaimIRI is the IRI of a claim of a source.
func ClaimIRI(source, id string) quad.IRI { return quad.IRI("claim/" + source + "/" + id) }

// RelationIRI is the IRI of an argument relation: a UUIDv5 of the source, both ends
// and the kind, so the same relation gets the same IRI in every build.
func RelationIRI(source string, from quad.IRI, kind string, to quad.IRI) quad.IRI {
	name := source + "\x00" + string(from) + "\x00" + kind + "\x00" + string(to)
	return quad.IRI("rel/" + uuid.NewSHA1(relationSpace, []byte(name)).String())
}
