package review

import (
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"

	"github.com/graphbuilder/graph/internal/argument"
	"github.com/graphbuilder/graph/internal/diag"
	"github.com/graphbuilder/graph/internal/extract/finding"
	"github.com/graphbuilder/graph/internal/interview"
)

// Status says what becomes of a finding in a review.
type Status string

const (
	// Proposed findings are written out for the curator to judge.
	Proposed Status = "proposed"
	// Accepted findings are written out, marked accepted.
	Accepted Status = "accepted"
	// Rejected findings are left out, now and in every later run.
	Rejected Status = "rejected"
	// Matched findings are curated already: a claim of the same speaker whose
	// quote overlaps, or a relation of the same kind and ends.
	Matched Status = "matched"
	// Dropped findings cannot be written into the graph (Reason says why).
	Dropped Status = "dropped"
)

// Written reports whether findings of this status are written out as YAML.
func (s Status) Written() bool { return s == Proposed || s == Accepted }

// Claim is a claim finding as the graph would hold it.
type Claim struct {
	// ID is the id written (empty for matched and dropped findings); Key the
	// finding's key, its extract.ClaimID.
	ID, Key    string
	Speaker    string
	Text       string
	Quote      string
	Occurrence int
	About      []string
	Span       argument.Span
	Rule       string
	Confidence float64

	Status Status
	// Curated is the id of the curated claim a matched finding is.
	Curated string
	Reason  string
	// Decision is where the decision on the finding is, when there is one.
	Decision diag.Range
}

// Relation is a relation finding as the graph would hold it; From and To are ids of
// the graph (curated claims, entities) or of claims of the review.
type Relation struct {
	ID, Key    string
	Kind       string
	From, To   string
	Quote      string
	Occurrence int
	Evidence   argument.Span
	Rule       string
	Confidence float64
	// FromText and ToText say what a claim end says, for the reader ("dara:
	// Fees pay for the patrols"); empty for an entity.
	FromText, ToText string

	Status   Status
	Reason   string
	Decision diag.Range
}

// Review is the findings of one graph, ready to be written as graph YAML, in the
// order of their place in the transcript.
type Review struct {
	// Graph is the graph file; Decisions the decisions file read, if any.
	Graph     string
	Decisions string
	Claims    []Claim
	Relations []Relation
}

// New makes the review of res, the findings of the rules on g's transcript, with
// the decisions d (which may be nil). Decisions that name no finding are warnings,
// with a "did you mean".
func New(g *interview.Graph, res *finding.Result, d *Decisions) (*Review, diag.Diagnostics) {
	r := &Review{Graph: g.File}
	if d != nil {
		r.Decisions = d.File
	}
	taken := ids{}
	known := map[string]bool{}
	for _, e := range g.AllEntities() {
		taken[e.ID], known[e.ID] = true, true
	}
	for _, c := range g.Claims {
		taken[c.ID] = true
	}
	for _, rel := range g.Relations {
		if rel.ID != "" {
			taken[rel.ID] = true
		}
	}
	t := &argument.Transcript{Text: g.Transcript}
	runes := []rune(g.Transcript)

	claims := append([]finding.Claim(nil), res.Claims...)
	sort.SliceStable(claims, func(i, j int) bool {
		a, b := claims[i], claims[j]
		if a.Span.Start != b.Span.Start {
			return a.Span.Start < b.Span.Start
		}
		return a.Span.End < b.Span.End
	})
	seenKey := map[string]bool{}
	for _, f := range claims {
		c := Claim{Key: f.ID, Speaker: f.Speaker, Text: f.Text, Span: f.Span, Rule: f.Rule, Confidence: f.Confidence, Status: Proposed}
		for _, a := range f.About {
			if known[a] {
				c.About = append(c.About, a)
			}
		}
		cur := curatedClaim(g, f.Speaker, f.Span)
		switch {
		case seenKey[f.ID]:
			c.Status, c.Reason = Dropped, "the same claim is found earlier"
		case cur != "":
			c.Status, c.Curated = Matched, cur
		case !known[f.Speaker]:
			c.Status, c.Reason = Dropped, fmt.Sprintf("its speaker %q is not an entity of the graph", f.Speaker)
		}
		seenKey[f.ID] = true
		if f.Span.End <= len(runes) && f.Span.Start < f.Span.End {
			c.Quote, c.Occurrence = quoteOf(t, string(runes[f.Span.Start:f.Span.End]), f.Span)
		}
		r.Claims = append(r.Claims, c)
	}

	// The ends of relations: a finding's claim key stands for the claim written.
	end := map[string]*Claim{}
	for i := range r.Claims {
		if c := &r.Claims[i]; end[c.Key] == nil {
			end[c.Key] = c
		}
	}
	curated := map[[3]string]bool{}
	for _, rel := range g.Relations {
		curated[[3]string{rel.Kind, rel.From, rel.To}] = true
	}
	rels := append([]finding.Relation(nil), res.Relations...)
	sort.SliceStable(rels, func(i, j int) bool {
		a, b := rels[i], rels[j]
		if a.Evidence.Start != b.Evidence.Start {
			return a.Evidence.Start < b.Evidence.Start
		}
		return a.Evidence.End < b.Evidence.End
	})
	for _, f := range rels {
		rel := Relation{Key: RelationKey(f), Kind: f.Kind, From: f.From, To: f.To, Evidence: f.Evidence, Rule: f.Rule, Confidence: f.Confidence, Status: Proposed}
		if f.Quote != "" {
			rel.Quote, rel.Occurrence = quoteOf(t, f.Quote, f.Evidence)
		}
		r.Relations = append(r.Relations, rel)
	}

	// Decided findings keep the id they were decided under; the others get one
	// made from their text, in transcript order.
	// A decision is matched by its finding key; one without a key, or whose key
	// no finding has (extraction changed how keys are made), by its id.
	found := map[string]bool{}
	for _, c := range r.Claims {
		found[c.Key] = true
	}
	for _, rel := range r.Relations {
		found[rel.Key] = true
	}
	byKey, byID := map[string]*Decision{}, map[string]*Decision{}
	if d != nil {
		for i := range d.List {
			dec := &d.List[i]
			if found[dec.Finding] {
				byKey[dec.Finding] = dec
			} else {
				byID[dec.ID] = dec
			}
		}
	}
	used := map[*Decision]bool{}
	// A decision on a finding that is curated now (pasted into the graph) has
	// done its work: it is not stale.
	for _, c := range r.Claims {
		if dec := byKey[c.Key]; dec != nil && c.Status == Matched {
			used[dec] = true
		}
	}
	for i := range r.Claims {
		c := &r.Claims[i]
		if dec := byKey[c.Key]; dec != nil && c.Status == Proposed && !taken[dec.ID] {
			c.ID, taken[dec.ID] = dec.ID, true
		}
	}
	for i := range r.Claims {
		if c := &r.Claims[i]; c.Status == Proposed && c.ID == "" {
			c.ID = taken.unique(claimSlug(c.Speaker, c.Text, c.About))
		}
	}
	for i := range r.Claims {
		c := &r.Claims[i]
		if c.Status != Proposed {
			continue
		}
		dec := byKey[c.Key]
		if dec == nil {
			dec = byID[c.ID]
		}
		if dec != nil {
			used[dec] = true
			c.Decision = dec.At
			c.Status = decided(dec)
		}
	}

	// Relations name the written claims, or the curated ones they are.
	name := func(id string) (string, string) {
		c, ok := end[id]
		if !ok {
			if known[id] {
				return id, ""
			}
			return "", fmt.Sprintf("%q is not an entity of the graph", id)
		}
		switch c.Status {
		case Matched:
			return c.Curated, ""
		case Proposed, Accepted:
			return c.ID, ""
		case Rejected:
			return "", "rejected: its claim " + c.ID + " is rejected"
		}
		return "", "its claim is dropped: " + c.Reason
	}
	seenRel := map[[3]string]bool{}
	said := func(id string) string {
		if c, ok := end[id]; ok {
			return fmt.Sprintf("%s: %q", c.Speaker, shorten(c.Text, 60))
		}
		return ""
	}
	for i := range r.Relations {
		rel := &r.Relations[i]
		rel.FromText, rel.ToText = said(rel.From), said(rel.To)
		from, why := name(rel.From)
		to, why2 := name(rel.To)
		if why == "" {
			why = why2
		}
		rel.From, rel.To = from, to
		k := [3]string{rel.Kind, from, to}
		switch {
		case strings.HasPrefix(why, "rejected: "):
			rel.Status, rel.Reason = Rejected, strings.TrimPrefix(why, "rejected: ")
		case why != "":
			rel.Status, rel.Reason = Dropped, why
		case from == to:
			rel.Status, rel.Reason = Dropped, "its two ends are one claim"
		case curated[k]:
			rel.Status = Matched
		case seenRel[k]:
			rel.Status, rel.Reason = Dropped, "the same relation is found earlier"
		}
		seenRel[k] = true
	}
	for i := range r.Relations {
		rel := &r.Relations[i]
		if dec := byKey[rel.Key]; dec != nil && rel.Status == Matched {
			used[dec] = true
		}
		if dec := byKey[rel.Key]; dec != nil && rel.Status == Proposed && !taken[dec.ID] {
			rel.ID, taken[dec.ID] = dec.ID, true
		}
	}
	for i := range r.Relations {
		if rel := &r.Relations[i]; rel.Status == Proposed && rel.ID == "" {
			rel.ID = taken.unique(relationSlug(rel, known))
		}
	}
	for i := range r.Relations {
		rel := &r.Relations[i]
		if rel.Status != Proposed {
			continue
		}
		dec := byKey[rel.Key]
		if dec == nil {
			dec = byID[rel.ID]
		}
		if dec != nil {
			used[dec] = true
			rel.Decision = dec.At
			rel.Status = decided(dec)
		}
	}

	var ds diag.Diagnostics
	if d != nil {
		all := r.IDs()
		for i := range d.List {
			dec := &d.List[i]
			if used[dec] {
				continue
			}
			w := &diag.Diagnostic{Severity: diag.Warning, Subject: dec.IDAt,
				Summary: fmt.Sprintf("the rules find no finding %s now (or it is curated already); this decision is ignored", dec.ID)}
			if sug := diag.Suggest(dec.ID, all); sug != "" {
				w.WithHint("did you mean %q?", sug)
			}
			ds = append(ds, w)
		}
	}
	return r, ds.Sort()
}

// decided is the status a decision gives its finding.
func decided(d *Decision) Status {
	if d.Accept {
		return Accepted
	}
	return Rejected
}

// IDs returns the ids of the findings that can be decided on, sorted.
func (r *Review) IDs() []string {
	var out []string
	for _, c := range r.Claims {
		if c.ID != "" {
			out = append(out, c.ID)
		}
	}
	for _, rel := range r.Relations {
		if rel.ID != "" {
			out = append(out, rel.ID)
		}
	}
	sort.Strings(out)
	return out
}

// Key returns the finding key of the finding with this id, and whether there is
// one.
func (r *Review) Key(id string) (string, bool) {
	for _, c := range r.Claims {
		if c.ID == id {
			return c.Key, true
		}
	}
	for _, rel := range r.Relations {
		if rel.ID == id {
			return rel.Key, true
		}
	}
	return "", false
}

// Rejected returns the keys of the rejected findings, and of the relations left
// out because a claim they name is rejected.
func (r *Review) Rejected() map[string]bool {
	out := map[string]bool{}
	for _, c := range r.Claims {
		if c.Status == Rejected {
			out[c.Key] = true
		}
	}
	for _, rel := range r.Relations {
		if rel.Status == Rejected {
			out[rel.Key] = true
		}
	}
	return out
}

// RelationKey is a key of a relation finding that depends on its kind and the
// findings it links alone.
func RelationKey(f finding.Relation) string {
	sum := sha1.Sum([]byte(f.Kind + "\x00" + f.From + "\x00" + f.To))
	return "r-" + hex.EncodeToString(sum[:5])
}

// relationSlug names a relation by what it does: "dario-amodei-criticizes-deepseek"
// between entities, "rebuts-CLAIM" otherwise.
func relationSlug(rel *Relation, entity map[string]bool) string {
	if entity[rel.From] && entity[rel.To] {
		return clip(rel.From + "-" + rel.Kind + "-" + rel.To)
	}
	return clip(rel.Kind + "-" + rel.To)
}

// quoteOf returns quote and the occurrence that picks the place at span, when the
// quote is found at more than one place (0 when it is found once), or "" when the
// quote is not found there.
func quoteOf(t *argument.Transcript, quote string, at argument.Span) (string, int) {
	f := t.Find(quote, argument.Selector{})
	for i, p := range f.Places {
		if p.Start < at.End && at.Start < p.End {
			if len(f.Places) == 1 {
				return quote, 0
			}
			return quote, i + 1
		}
	}
	return "", 0
}

// curatedClaim returns the id of a curated claim of this speaker whose quote
// overlaps sp, or "". A claim quoting sp exactly comes first, so that a finding
// pasted into the graph is matched to itself rather than to a claim it overlaps.
func curatedClaim(g *interview.Graph, speaker string, sp argument.Span) string {
	found := ""
	for _, c := range g.Claims {
		if c.Speaker != speaker || c.Quote == "" || c.Span.Start >= sp.End || sp.Start >= c.Span.End {
			continue
		}
		if c.Span == sp {
			return c.ID
		}
		if found == "" {
			found = c.ID
		}
	}
	return found
}
