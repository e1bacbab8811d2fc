package fileschema

import (
	"strings"

	"github.com/graphbuilder/graph/internal/entities"
	"github.com/graphbuilder/graph/internal/extract/rules"
	"github.com/graphbuilder/graph/internal/interview"
	"github.com/graphbuilder/graph/internal/store"
	"github.com/graphbuilder/graph/internal/transcript"
	"github.com/graphbuilder/graph/schema"
)

// object describes one kind of mapping of a file: its name under $defs, what it
// is, and the type and meaning of each of its keys. Which keys exist and which are
// required is not said here but asked of the loader (see [Probe]).
type object struct {
	def  string
	desc string
	keys map[string]node
	// extra are further keywords of the object's schema (conditions between keys).
	extra node
}

// vocabulary is what the kinds, formats and backends of the schemas are made of:
// the loaders' own lists.
type vocabulary struct {
	entityKinds, facts, relationKinds, sourceKinds, formats, builtins, backends []string
}

func coreVocabulary() vocabulary {
	core := schema.Core()
	v := vocabulary{
		entityKinds:   core.NodeNames(true),
		facts:         core.EdgeNames(schema.Fact),
		relationKinds: core.EdgeNames(schema.Argument),
		sourceKinds:   interview.SourceKinds,
		backends:      store.Backends,
	}
	for _, f := range transcript.Formats {
		v.formats = append(v.formats, string(f))
	}
	for _, b := range rules.Builtins() {
		v.builtins = append(v.builtins, rules.BuiltinPrefix+b)
	}
	return v
}

// objects are the mappings of every file, by the name the loaders' messages give
// them (configuration sections, which cmd/graph reads, by their own names).
func objects(v vocabulary) map[string]object {
	kinds := strings.Join(v.entityKinds, ", ")
	return map[string]object{
		"a graph file": {
			def:  "graph",
			desc: "An interview graph: one source with its entities, claims and the argument relations between them.",
			keys: map[string]node{
				"source":    described(ref("source"), "The source's metadata: what it is, who speaks in it, and its transcript."),
				"schema":    described(ref("text_list"), "Schema files, relative to this file, that add node and edge kinds to the core schema."),
				"include":   described(ref("text_list"), "Catalog files, relative to this file, whose entities this graph uses."),
				"rules":     described(node{"anyOf": []any{ref("text"), node{"type": "array", "items": ref("text")}}, "examples": v.builtins}, "Extraction rule packs: builtin:NAME for an embedded pack, or a pack file relative to this file."),
				"entities":  described(node{"type": []string{"array", "null"}, "items": ref("entity")}, "The people, companies, organizations, groups, products and concepts of the source."),
				"claims":    described(node{"type": []string{"array", "null"}, "items": ref("claim")}, "Propositions stated in this source, each by one speaker."),
				"relations": described(node{"type": []string{"array", "null"}, "items": ref("relation")}, "Argument edges between claims, entities and other relations."),
			},
			// Without schema files the kinds are the core schema's; schema files may
			// add kinds, which a generic schema cannot know.
			extra: node{"allOf": []any{node{
				"if": node{"not": node{"required": []string{"schema"}}},
				"then": node{"properties": node{
					"entities":  node{"items": node{"properties": node{"kind": node{"enum": v.entityKinds}, "facts": node{"propertyNames": node{"enum": v.facts}}}}},
					"relations": node{"items": node{"properties": node{"kind": node{"enum": v.relationKinds}}}},
				}},
			}}},
		},
		"source": {
			def:  "source",
			desc: "An interview, article, debate or other text the graph is built from.",
			keys: map[string]node{
				"id":       described(ref("id"), "The source's id, unique among all graphs; its claims are named SOURCE-ID/CLAIM-ID elsewhere."),
				"title":    described(ref("text"), "The source's title."),
				"kind":     node{"description": "What kind of source this is.", "enum": v.sourceKinds},
				"language": node{"description": "The language of the transcript, as a language tag such as en, zh or zh-Hant.", "type": "string", "pattern": `^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`},
				"date":     node{"description": "When the source was published or recorded, as YYYY-MM-DD.", "type": "string", "pattern": `^[0-9]{4}-[0-9]{2}-[0-9]{2}$`},
				"url":      node{"description": "Where the source is published: an http or https address.", "type": "string", "pattern": `^https?://[^/\s]+`},
				"author":   described(ref("id"), "The entity id of the source's author."),
				"speakers": node{
					"description": "The entity ids of the source's speakers, or a mapping from the transcript's speaker labels (HOST, SPEAKER_00) to entity ids.",
					"anyOf":       []any{ref("id_list"), node{"type": "object", "additionalProperties": ref("id")}},
				},
				"transcript":        described(ref("text"), "The transcript's path, relative to this file; every quote must occur in it."),
				"transcript_format": node{"description": "How to read the transcript; without it the format is told from the file.", "enum": v.formats},
			},
		},
		"an entity": {
			def:  "entity",
			desc: "A person, company, organization, group, product or concept. Ids are global: the same id in two graphs is the same node.",
			keys: map[string]node{
				"id":       described(ref("id"), "The entity's id."),
				"kind":     node{"description": "The entity's kind: " + kinds + ", or one a schema file adds.", "type": "string", "examples": v.entityKinds},
				"name":     node{"description": "The entity's canonical name.", "type": []string{"string", "number", "boolean"}, "minLength": 1},
				"aliases":  described(ref("text_list"), "Other names of the entity, in any language; each belongs to one entity of the file only."),
				"wikidata": node{"description": "The entity's Wikidata id, such as Q42.", "type": "string", "pattern": `^Q[1-9][0-9]*$`},
				"gender":   node{"description": "A person's gender, when known: which gendered pronouns may stand for them.", "type": "string", "enum": []string{"female", "male"}},
				"facts": node{
					"description":          "Edges of category fact from this entity, each to one or more entity ids: " + strings.Join(v.facts, ", ") + ".",
					"type":                 "object",
					"propertyNames":        node{"examples": v.facts},
					"additionalProperties": ref("id_list"),
				},
			},
		},
		"a claim": {
			def:  "claim",
			desc: "A proposition stated in this source by a speaker.",
			keys: map[string]node{
				"id":           described(ref("id"), "The claim's id, unique among the file's ids."),
				"speaker":      described(ref("id"), "The entity id of who states the claim."),
				"text":         described(ref("text"), "The proposition, in a sentence."),
				"quote":        described(ref("text"), "A verbatim span of the transcript that states the claim."),
				"occurrence":   ref("occurrence"),
				"quote_prefix": described(ref("nonblank"), "Text just before the quote, to tell which place of it is meant."),
				"quote_suffix": described(ref("nonblank"), "Text just after the quote, to tell which place of it is meant."),
				"about":        described(ref("id_list"), "The entity ids the claim is about."),
			},
		},
		"a relation": {
			def:  "relation",
			desc: "An argument edge: from a claim or entity to a claim, an entity or (for undercuts) another relation.",
			keys: map[string]node{
				"id":           described(ref("id"), "The relation's id; needed only when another relation targets it."),
				"kind":         node{"description": "The edge kind: one of category argument in the schema.", "type": "string", "examples": v.relationKinds},
				"from":         described(ref("ref"), "The claim or entity the edge starts at."),
				"to":           described(ref("ref"), "The claim, entity or relation the edge ends at; a claim of another source is SOURCE-ID/CLAIM-ID."),
				"by":           described(ref("id"), "Who states the relation; by default the speaker of the from-claim."),
				"quote":        described(ref("text"), "A verbatim span of the transcript that states the relation."),
				"occurrence":   ref("occurrence"),
				"quote_prefix": described(ref("nonblank"), "Text just before the quote, to tell which place of it is meant."),
				"quote_suffix": described(ref("nonblank"), "Text just after the quote, to tell which place of it is meant."),
			},
		},
		"a catalog": {
			def:  "catalog",
			desc: "A shared file of entities that interview graphs include.",
			keys: map[string]node{
				"catalog":  described(ref("id"), "The catalog's id; the facts of its entities carry it as their label."),
				"entities": described(node{"type": []string{"array", "null"}, "items": ref("entity")}, "The catalog's entities."),
			},
		},
		"a rule pack": {
			def:  "pack",
			desc: "A named set of extraction rules for one language.",
			keys: map[string]node{
				"pack":        described(ref("text"), "The pack's name."),
				"language":    described(ref("text"), "The language the pack's patterns are written for."),
				"pronouns":    described(ref("text_list"), "Pronouns that stand for the current speaker wherever a person slot allows."),
				"feminine":    described(ref("text_list"), "Which of the pronouns are feminine: they stand only for persons whose gender is female or not said."),
				"masculine":   described(ref("text_list"), "Which of the pronouns are masculine: they stand only for persons whose gender is male or not said."),
				"plural":      described(ref("text_list"), "Which of the pronouns are plural: they stand for a group, company or organization named before."),
				"critics":     described(ref("text_list"), "Names of the group that unattributed critiques are credited to."),
				"self":        described(ref("text_list"), "First-person pronouns: in a speaker turn they stand for its speaker."),
				"addressee":   described(ref("text_list"), "Second-person pronouns: in a speaker turn they stand for the one spoken to."),
				"fillers":     described(ref("text_list"), "Starts of sentences that are courtesy, not claims."),
				"contrasts":   described(ref("text_list"), "Words of negation and contrast: a turn's first claim that answers another speaker and holds one rebuts what it answers."),
				"negatives":   described(ref("text_list"), "Words that speak ill of what they are said of: a claim of a turn that names an entity at its start and holds one criticizes the entity."),
				"concessions": described(ref("text_list"), "Words that grant a point: a turn's first claim that answers another speaker and holds one supports what it answers, and the turn's next claim with a contrast rebuts it."),
				"hosts":       described(ref("text_list"), "Words for a host's role (host, moderator, 主持人): the speaker of a turn label that holds one hosts the dialogue."),
				"rules":       described(node{"type": []string{"array", "null"}, "items": ref("rule")}, "The pack's rules."),
			},
		},
		"a rule": {
			def:  "rule",
			desc: "One extraction rule: a pattern with typed slots around cue phrases, and the examples it must handle.",
			keys: map[string]node{
				"id":          node{"description": "The rule's id, unique in its pack.", "type": "string", "pattern": entities.IDPattern.String()},
				"kind":        node{"description": "What the rule finds.", "enum": []string{rules.KindMention, rules.KindRelation, rules.KindClaim}},
				"relation":    node{"description": "For a relation rule: the argument edge kind it finds.", "type": "string", "examples": v.relationKinds},
				"entity_kind": node{"description": "For a mention rule: the kind of the entity it names.", "type": "string", "examples": v.entityKinds},
				"pattern":     node{"description": "A regular expression with slots such as {agent}, {target:person|group} and {claim}, and ... for a short gap.", "type": "string"},
				"confidence":  ref("confidence"),
				"claim":       node{"description": "sentence makes a claim rule's claim the whole sentence it matches.", "enum": []string{"sentence"}},
				"critique":    node{"description": "Marks a claim rule whose claims are critiques voiced by the critics.", "type": "boolean"},
				"dialogue":    node{"description": "Applies the rule only inside a speaker turn.", "type": "boolean"},
				"fallback":    node{"description": "Makes a claim rule fire only when no other rule found a claim in the sentence.", "type": "boolean"},
				"marker":      node{"description": "Makes a claim rule's sentence a reply marker when its speaker says more in the turn: no claim of its own, its relations pass to the speaker's next claim.", "type": "boolean"},
				"links":       described(node{"type": []string{"array", "null"}, "items": ref("link")}, "How a claim rule's claims relate to the claims before them."),
				"examples":    described(node{"type": []string{"array", "null"}, "items": ref("example")}, "Sentences the rule must handle, with exactly what it must find there; they run as tests."),
			},
			extra: node{"allOf": []any{
				node{"if": node{"properties": node{"kind": node{"const": rules.KindRelation}}, "required": []string{"kind"}}, "then": node{"required": []string{"relation"}}},
				node{"if": node{"properties": node{"kind": node{"const": rules.KindMention}}, "required": []string{"kind"}}, "then": node{"required": []string{"entity_kind"}}},
			}},
		},
		"a link": {
			def:  "link",
			desc: "A relation from a rule's new claim to a claim before it (to), or from the claim before it (from).",
			keys: map[string]node{
				"relation":   node{"description": "An argument edge kind that joins claims.", "type": "string", "examples": v.relationKinds},
				"to":         node{"description": "The claim related to: the latest critique, the main claim of the paragraph or turn, the previous claim, or the reply's target.", "enum": []string{rules.LinkCritique, rules.LinkMain, rules.LinkPrevious, rules.LinkReply}},
				"from":       node{"description": "The claim the relation starts at: the same speaker's claim just before.", "enum": []string{rules.LinkPrevious}},
				"confidence": ref("confidence"),
			},
			extra: node{"oneOf": []any{node{"required": []string{"to"}}, node{"required": []string{"from"}}}},
		},
		"an example": {
			def:   "example",
			desc:  "A sentence a rule must handle.",
			extra: node{"if": node{"properties": node{"turn": node{"const": true}}, "required": []string{"turn"}}, "then": node{"required": []string{"speaker"}}},
			keys: map[string]node{
				"text":     described(ref("text"), "The sentence."),
				"entities": node{"description": "The example's own gazetteer: names mapped to entity kinds.", "type": "object", "additionalProperties": node{"type": "string", "examples": v.entityKinds}},
				"speaker":  described(ref("text"), "The name of the current speaker, if any."),
				"turn":     node{"description": "Reads the example as one turn of its speaker (as a dialogue rule's examples always are), so that I and we stand for the speaker.", "type": "boolean"},
				"want":     described(node{"type": []string{"array", "null"}, "items": ref("finding")}, "Everything the rule must find in the sentence, and nothing else."),
			},
		},
		"an expected finding": {
			def:  "finding",
			desc: "One thing a rule finds, by names: agent and target for a relation, speaker and claim for a claim, name for a mention.",
			keys: map[string]node{
				"agent":   described(ref("text"), "Who the relation starts at."),
				"target":  described(ref("text"), "What the relation ends at."),
				"speaker": described(ref("text"), "Who states the claim."),
				"claim":   described(ref("text"), "The claim's text."),
				"name":    described(ref("text"), "The name mentioned."),
			},
		},
		"a decisions file": {
			def:  "decisions",
			desc: "Decisions on entity links: pairs of ids accepted as one thing, and pairs rejected as two.",
			keys: map[string]node{
				"accept": described(node{"type": []string{"array", "null"}, "items": ref("pair")}, "Pairs of entity ids that name one thing."),
				"reject": described(node{"type": []string{"array", "null"}, "items": ref("pair")}, "Pairs of entity ids that name two things."),
			},
		},
		"the configuration": {
			def:  "config",
			desc: "The configuration of graph: a graph.yaml without a source key, or the file --config names. Flags and GRAPH_* variables override it.",
			keys: map[string]node{
				"config":      described(ref("text"), "The configuration file to read; meaningful only as --config or GRAPH_CONFIG."),
				"allow_paths": described(ref("text_list"), "Folders the paths in interview graphs (transcript, include, schema, rules) may reach besides the folder holding each graph's folder; relative to this file's folder (--allow-path, GRAPH_ALLOW_PATHS)."),
				"store":       described(ref("store_settings"), "Where the graph is stored."),
				"query":       described(ref("query_settings"), "Limits of queries."),
			},
		},
		"the store settings": {
			def:  "store_settings",
			desc: "Where the graph is stored.",
			keys: map[string]node{
				"backend":           node{"description": "The store backend (--store-backend, GRAPH_STORE_BACKEND).", "enum": v.backends, "default": store.Bolt},
				"path":              node{"description": "The bolt folder, or the PostgreSQL connection string (--store-path, GRAPH_STORE_PATH).", "type": "string", "default": "graph.db"},
				"lock_timeout":      described(ref("duration"), "How long to wait for a store held by another process (--lock-timeout, GRAPH_STORE_LOCK_TIMEOUT); default 5s."),
				"connect_timeout":   described(ref("duration"), "PostgreSQL: how long opening a connection may take (GRAPH_STORE_CONNECT_TIMEOUT); default 5s."),
				"statement_timeout": described(ref("duration"), "PostgreSQL: the longest one statement may run, and how long the server may stay silent before the store is reported unreachable (GRAPH_STORE_STATEMENT_TIMEOUT); default 1m, negative for none."),
				"idle_timeout":      described(ref("duration"), "PostgreSQL: how long a session may sit idle inside a transaction before the server ends it and releases its locks (GRAPH_STORE_IDLE_TIMEOUT); default 1m, negative for none."),
			},
		},
		"the query settings": {
			def:  "query_settings",
			desc: "Limits of queries.",
			keys: map[string]node{
				"timeout": described(ref("duration"), "How long a query may run (GRAPH_QUERY_TIMEOUT); default 30s."),
			},
		},
	}
}
