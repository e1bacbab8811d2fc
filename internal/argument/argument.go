package argument

import (
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/graphbuilder/graph/internal/diag"
	"github.com/graphbuilder/graph/internal/entities"
	"github.com/graphbuilder/graph/internal/vocab"
	"github.com/graphbuilder/graph/internal/yamlpos"
	"github.com/graphbuilder/graph/schema"
)

// Claim is a proposition stated in one source by a speaker.
type Claim struct {
	ID      string
	Speaker string
	Text    string
	Quote   string
	// Selector says which place of the quote is meant when it occurs more than once.
	Selector Selector
	About    []string
	// Span is the quote's place in the transcript, set by [Transcript.Find].
	Span Span

	At, SpeakerAt, QuoteAt diag.Range
	AboutAt                []diag.Range
}

// Relation is an argument edge: from claims or entities to claims, entities or
// (for undercuts) other relations. From and To may name a claim of another source
// as a [Ref] (SOURCE/CLAIM).
type Relation struct {
	// ID is optional; a relation needs one only to be the target of another.
	ID       string
	Kind     string
	From     string
	To       string
	By       string
	Quote    string
	Selector Selector
	Span     Span

	At, KindAt, FromAt, ToAt, ByAt, QuoteAt diag.Range
}

// Span is a half-open range [Start, End) of character (code point) offsets in a
// transcript. The zero Span means "no quote". It is [vocab.Span], the range that
// quotes and evidence are written with, so that curated quotes, extracted findings
// and the quads share one type.
type Span = vocab.Span

var (
	claimFields    = []string{"id", "speaker", "text", "quote", "occurrence", "quote_prefix", "quote_suffix", "about"}
	relationFields = []string{"id", "kind", "from", "to", "by", "quote", "occurrence", "quote_prefix", "quote_suffix"}
)

// DecodeClaims reads the claims list.
func DecodeClaims(file string, n *yaml.Node) ([]Claim, diag.Diagnostics) {
	items, d := yamlpos.List(file, n, "claims")
	if d != nil {
		return nil, diag.Diagnostics{d}
	}
	var ds diag.Diagnostics
	var out []Claim
	for _, item := range items {
		fs, more := yamlpos.Fields(file, item, "a claim", claimFields, []string{"id", "speaker", "text"})
		ds = append(ds, more...)
		if fs == nil {
			continue
		}
		c := Claim{At: yamlpos.At(file, item)}
		ok := true
		str := func(key string, dst *string, at *diag.Range) {
			if d := yamlpos.StringField(file, fs, key, dst, at); d != nil {
				ds = append(ds, d)
				ok = false
			}
		}
		str("id", &c.ID, &c.At)
		str("speaker", &c.Speaker, &c.SpeakerAt)
		str("text", &c.Text, nil)
		str("quote", &c.Quote, &c.QuoteAt)
		sel, more := decodeSelector(file, fs)
		ds = append(ds, more...)
		ok = ok && more == nil
		c.Selector = sel
		if c.ID != "" && !entities.IDPattern.MatchString(c.ID) {
			ds = append(ds, diag.Errorf(c.At, "id %q must be lower case letters, digits, '-', '_' or '.'", c.ID))
			ok = false
		}
		if f, present := fs["about"]; present {
			vals, nodes, more := yamlpos.StringList(file, f.Value, "about")
			ds = append(ds, more...)
			c.About = vals
			for _, n := range nodes {
				c.AboutAt = append(c.AboutAt, yamlpos.At(file, n))
			}
		}
		if ok && c.ID != "" && c.Speaker != "" && c.Text != "" {
			out = append(out, c)
		}
	}
	return out, ds
}

// DecodeRelations reads the relations list.
func DecodeRelations(file string, n *yaml.Node) ([]Relation, diag.Diagnostics) {
	items, d := yamlpos.List(file, n, "relations")
	if d != nil {
		return nil, diag.Diagnostics{d}
	}
	var ds diag.Diagnostics
	var out []Relation
	for _, item := range items {
		fs, more := yamlpos.Fields(file, item, "a relation", relationFields, []string{"kind", "from", "to"})
		ds = append(ds, more...)
		if fs == nil {
			continue
		}
		r := Relation{At: yamlpos.At(file, item)}
		ok := true
		str := func(key string, dst *string, at *diag.Range) {
			if d := yamlpos.StringField(file, fs, key, dst, at); d != nil {
				ds = append(ds, d)
				ok = false
			}
		}
		var idAt diag.Range
		str("id", &r.ID, &idAt)
		str("kind", &r.Kind, &r.KindAt)
		str("from", &r.From, &r.FromAt)
		str("to", &r.To, &r.ToAt)
		str("by", &r.By, &r.ByAt)
		str("quote", &r.Quote, &r.QuoteAt)
		sel, more := decodeSelector(file, fs)
		ds = append(ds, more...)
		ok = ok && more == nil
		r.Selector = sel
		if r.ID != "" {
			r.At = idAt
			if !entities.IDPattern.MatchString(r.ID) {
				ds = append(ds, diag.Errorf(idAt, "id %q must be lower case letters, digits, '-', '_' or '.'", r.ID))
				ok = false
			}
		}
		if ok && r.Kind != "" && r.From != "" && r.To != "" {
			out = append(out, r)
		}
	}
	return out, ds
}

// decodeSelector reads occurrence, quote_prefix and quote_suffix, which choose
// among the places of the quote and so mean nothing without one.
func decodeSelector(file string, fs map[string]yamlpos.Field) (Selector, diag.Diagnostics) {
	var sel Selector
	var ds diag.Diagnostics
	if f, present := fs["occurrence"]; present {
		sel.OccurrenceAt = yamlpos.At(file, f.Value)
		v, d := yamlpos.String(file, f.Value, "occurrence")
		n, err := strconv.Atoi(v)
		switch {
		case d != nil:
			ds = append(ds, d)
		case err != nil || n < 1:
			ds = append(ds, diag.Errorf(sel.OccurrenceAt, "occurrence must be a whole number from 1 up, not %q", v).
				WithHint("occurrence: 2 means the second place of the quote in the transcript"))
		default:
			sel.Occurrence = n
		}
	}
	for _, p := range []struct {
		key string
		dst *string
		at  *diag.Range
	}{{"quote_prefix", &sel.Prefix, &sel.PrefixAt}, {"quote_suffix", &sel.Suffix, &sel.SuffixAt}} {
		if d := yamlpos.StringField(file, fs, p.key, p.dst, p.at); d != nil {
			ds = append(ds, d)
		} else if strings.TrimSpace(*p.dst) == "" && fs[p.key].Value != nil {
			ds = append(ds, diag.Errorf(*p.at, "%s is empty", p.key))
		}
	}
	if _, quoted := fs["quote"]; !quoted {
		for _, key := range []string{"occurrence", "quote_prefix", "quote_suffix"} {
			if f, present := fs[key]; present {
				ds = append(ds, diag.Errorf(yamlpos.At(file, f.Key), "%s without a quote", key).
					WithHint("%s says which place of the quote is meant; add the quote", key))
			}
		}
	}
	return sel, ds
}

// Resolver tells the node kind of an id that claims and relations may name: an
// entity kind, "claim" or "relation". It returns "" for an unknown id, and "claim"
// for a [Ref] to a claim of another source.
type Resolver interface {
	KindOf(id string) string
	// Candidates lists the known ids, for "did you mean" hints.
	Candidates() []string
}

// Validate checks claims and relations against the known ids and the schema: that
// speakers are entities that can assert, that about names entities, that every
// relation kind is an argument kind of the schema and that its ends fit the kind's
// domain and range. It fills in a relation's By from its from-end when unset.
func Validate(claims []Claim, rels []Relation, res Resolver, s *schema.Schema) diag.Diagnostics {
	var ds diag.Diagnostics
	// unknown reports an id nothing defines, suggesting only ids of the kinds the
	// place takes (nil: any kind): a speaker is never a claim.
	unknown := func(at diag.Range, what, id string, kinds []string) {
		d := diag.Errorf(at, "unknown %s %q", what, id)
		if sug := diag.Suggest(id, candidates(res, kinds)); sug != "" {
			d.WithHint("did you mean %q?", sug)
		}
		ds = append(ds, d)
	}
	asserts := s.Edge("asserts")
	about := s.Edge("about")
	var speakerKinds, aboutKinds []string
	if asserts != nil {
		speakerKinds = asserts.Domain
	}
	if about != nil {
		aboutKinds = about.Range
	} else {
		aboutKinds = s.NodeNames(true)
	}
	for _, c := range claims {
		switch k := res.KindOf(c.Speaker); {
		case k == entities.KindInvalid:
		case k == "":
			unknown(c.SpeakerAt, "speaker", c.Speaker, speakerKinds)
		case asserts != nil && !asserts.Allows(k, "claim"):
			ds = append(ds, diag.Errorf(c.SpeakerAt, "speaker %q is a %s; a speaker must be one of %s", c.Speaker, k, strings.Join(asserts.Domain, ", ")))
		}
		for i, a := range c.About {
			switch k := res.KindOf(a); {
			case k == entities.KindInvalid:
			case k == "":
				unknown(c.AboutAt[i], "entity", a, aboutKinds)
			case about != nil && !about.Allows("claim", k):
				ds = append(ds, diag.Errorf(c.AboutAt[i], "a claim can be about an entity, not a %s (%q)", k, a))
			}
		}
	}
	argKinds := s.EdgeNames(schema.Argument)
	for i := range rels {
		r := &rels[i]
		ek := s.Edge(r.Kind)
		if ek == nil || ek.Category != schema.Argument {
			d := diag.Errorf(r.KindAt, "unknown relation kind %q", r.Kind)
			if sug := diag.Suggest(r.Kind, argKinds); sug != "" {
				d.WithHint("did you mean %q?", sug)
			} else {
				d.WithHint("relation kinds: %s", strings.Join(argKinds, ", "))
			}
			ds = append(ds, d)
			ek = nil
		}
		fromKind, toKind := res.KindOf(r.From), res.KindOf(r.To)
		var domain, rng []string
		if ek != nil {
			domain, rng = ek.Domain, ek.Range
		}
		for _, end := range []struct {
			id, kind string
			at       diag.Range
			kinds    []string
		}{{r.From, fromKind, r.FromAt, domain}, {r.To, toKind, r.ToAt, rng}} {
			switch {
			case end.kind != "":
			case looksLikeRef(end.id) && !isRef(end.id):
				ds = append(ds, diag.Errorf(end.at, "%q is not a claim of another source", end.id).
					WithHint("write SOURCE-ID/CLAIM-ID, such as amodei-2025/no-diminishing-returns"))
			default:
				unknown(end.at, "id", end.id, end.kinds)
			}
		}
		if r.From == r.To && fromKind != "" {
			ds = append(ds, diag.Errorf(r.ToAt, "a relation cannot go from %q to itself", r.From))
		}
		if fromKind == entities.KindInvalid || toKind == entities.KindInvalid {
			continue
		}
		if ek != nil && fromKind != "" && !slices.Contains(ek.Domain, fromKind) {
			ds = append(ds, diag.Errorf(r.FromAt, "%s cannot start at %q, a %s", r.Kind, r.From, fromKind).
				WithHint("%s goes from %s", r.Kind, strings.Join(ek.Domain, ", ")))
		}
		if ek != nil && toKind != "" && !slices.Contains(ek.Range, toKind) {
			ds = append(ds, diag.Errorf(r.ToAt, "%s cannot end at %q, a %s", r.Kind, r.To, toKind).
				WithHint("%s goes to %s", r.Kind, strings.Join(ek.Range, ", ")))
		}
		if r.By != "" {
			switch k := res.KindOf(r.By); {
			case k == entities.KindInvalid:
			case k == "":
				unknown(r.ByAt, "speaker", r.By, speakerKinds)
			case asserts != nil && !asserts.Allows(k, "claim"):
				ds = append(ds, diag.Errorf(r.ByAt, "by %q is a %s; it must be one of %s", r.By, k, strings.Join(asserts.Domain, ", ")))
			}
		}
	}
	return ds
}

// candidates returns the ids res knows whose kind is one of kinds, or all of them
// when kinds is nil. An id whose kind was reported as invalid may be of any kind.
func candidates(res Resolver, kinds []string) []string {
	all := res.Candidates()
	if kinds == nil {
		return all
	}
	var out []string
	for _, id := range all {
		if k := res.KindOf(id); k == entities.KindInvalid || slices.Contains(kinds, k) {
			out = append(out, id)
		}
	}
	return out
}

// FillStatedBy sets each relation's By, when unset, to the speaker of its from-claim
// or to its from-entity when that entity can assert.
func FillStatedBy(rels []Relation, claims []Claim, res Resolver, s *schema.Schema) {
	speaker := map[string]string{}
	for _, c := range claims {
		speaker[c.ID] = c.Speaker
	}
	asserts := s.Edge("asserts")
	for i := range rels {
		r := &rels[i]
		if r.By != "" {
			continue
		}
		if sp, ok := speaker[r.From]; ok {
			r.By = sp
		} else if k := res.KindOf(r.From); asserts != nil && k != "" && asserts.Allows(k, "claim") {
			r.By = r.From
		}
	}
}
