package finding

import (
	"fmt"
	"sort"

	"github.com/graphbuilder/graph/internal/vocab"
)

// Span is a range of code point offsets in the text extraction ran over.
type Span = vocab.Span

// Mention is an entity named (or, for a pronoun, referred to) in the text.
type Mention struct {
	Entity  string `json:"entity"`
	Kind    string `json:"kind"`
	Span    Span   `json:"span"`
	Pronoun bool   `json:"pronoun"`
	// Self marks a first-person pronoun (I, 我), standing for a turn's speaker. It
	// is not encoded: the JSON of a mention is fixed by docs/json/extract.schema.json.
	Self bool `json:"-"`
}

// Claim is a proposition a claim rule found, stated by Speaker.
type Claim struct {
	ID       string `json:"id"`
	Speaker  string `json:"speaker"`
	Text     string `json:"text"`
	Span     Span   `json:"span"`     // the claim's own text
	Evidence Span   `json:"evidence"` // the sentence it was found in
	// About lists the concepts the claim names; never nil in a [Result].
	About      []string `json:"about"`
	Topic      string   `json:"topic"` // the heading the claim falls under
	Rule       string   `json:"rule"`
	Confidence float64  `json:"confidence"`
}

// Relation is an argument edge a rule found: between two entities (relation rules)
// or between two claims (claim rules' links), whose spans are then set.
type Relation struct {
	Kind       string  `json:"kind"`
	From       string  `json:"from"`
	To         string  `json:"to"`
	FromSpan   Span    `json:"from_span"`
	ToSpan     Span    `json:"to_span"`
	Evidence   Span    `json:"evidence"`
	Quote      string  `json:"quote"`
	Rule       string  `json:"rule"`
	Confidence float64 `json:"confidence"`
}

// Name is a name a mention rule found that no known entity has.
type Name struct {
	Name       string  `json:"name"`
	Kind       string  `json:"kind"`
	Span       Span    `json:"span"`
	Rule       string  `json:"rule"`
	Confidence float64 `json:"confidence"`
}

// Result is everything extraction found in one text.
type Result struct {
	Mentions  []Mention  `json:"mentions"`
	Claims    []Claim    `json:"claims"`
	Relations []Relation `json:"relations"`
	Names     []Name     `json:"names"`
}

// Normalize makes every list of r empty rather than nil, so that r encodes with []
// for nothing found, and returns r.
func (r *Result) Normalize() *Result {
	if r.Mentions == nil {
		r.Mentions = []Mention{}
	}
	if r.Claims == nil {
		r.Claims = []Claim{}
	}
	if r.Relations == nil {
		r.Relations = []Relation{}
	}
	if r.Names == nil {
		r.Names = []Name{}
	}
	for i := range r.Claims {
		if r.Claims[i].About == nil {
			r.Claims[i].About = []string{}
		}
	}
	return r
}

// String summarises a result for debugging.
func (r *Result) String() string {
	return fmt.Sprintf("%d mentions, %d claims, %d relations, %d new names", len(r.Mentions), len(r.Claims), len(r.Relations), len(r.Names))
}

// Candidate is a new name found one or more times: the entity to curate.
type Candidate struct {
	Name string `json:"name"`
	// Kind is the guess of the surest rule that found it.
	Kind       string  `json:"kind"`
	Count      int     `json:"count"`
	First      Span    `json:"first"`
	Rule       string  `json:"rule"`
	Confidence float64 `json:"confidence"`
}

// Candidates groups names by their text: how often each is found, where first,
// and the kind guessed by the surest rule; the most frequent first, then by
// first place. A place found by two rules counts once.
func Candidates(names []Name) []Candidate {
	var t Tally
	t.Add(names)
	return t.Candidates()
}

// Tally groups names into candidates as [Candidates] does, as they are found.
type Tally struct {
	byName map[string]*Candidate
	order  []string
}

// Add counts names. The places found by two rules are counted once when both are
// in the same call, as they are in the names of one piece of text.
func (t *Tally) Add(names []Name) {
	if t.byName == nil {
		t.byName = map[string]*Candidate{}
	}
	seen := map[Span]bool{}
	for _, n := range names {
		c := t.byName[n.Name]
		if c == nil {
			c = &Candidate{Name: n.Name, Kind: n.Kind, First: n.Span, Rule: n.Rule, Confidence: n.Confidence}
			t.byName[n.Name] = c
			t.order = append(t.order, n.Name)
		}
		if n.Confidence > c.Confidence {
			c.Kind, c.Rule, c.Confidence = n.Kind, n.Rule, n.Confidence
		}
		if n.Span.Start < c.First.Start {
			c.First = n.Span
		}
		if !seen[n.Span] {
			seen[n.Span] = true
			c.Count++
		}
	}
}

// Candidates are the names counted so far, the most frequent first, then by
// first place.
func (t *Tally) Candidates() []Candidate {
	out := make([]Candidate, 0, len(t.order))
	for _, name := range t.order {
		out = append(out, *t.byName[name])
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].First.Start < out[j].First.Start
	})
	return out
}
