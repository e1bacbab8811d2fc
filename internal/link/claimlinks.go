package link

import (
	"fmt"
	"sort"

	"github.com/cayleygraph/quad"

	"github.com/graphbuilder/graph/internal/diag"
	"github.com/graphbuilder/graph/internal/vocab"
)

// Proposed pairs of claims wait for a person's decision; claims are never
// linked on their score alone.
const Proposed Status = "proposed"

// ClaimResult is what [ResolveClaims] found.
type ClaimResult struct {
	// Claims is how many claims were compared.
	Claims int
	// Pairs lists accepted, proposed and rejected pairs in that order; accepted
	// and rejected ones by ids, proposed ones best first.
	Pairs []ClaimPair
}

// Count returns how many pairs have status s.
func (r *ClaimResult) Count(s Status) int {
	n := 0
	for _, p := range r.Pairs {
		if p.Status == s {
			n++
		}
	}
	return n
}

// ResolveClaims applies the decisions on claims (d may be nil) and, when propose
// is set, proposes the best-scoring pairs of claims of different sources that no
// decision and no argument relation already joins: those scoring at least
// [ProposeScore], each claim in at most [MaxPerClaim] of them. A decision naming a
// claim the store does not hold is ignored, with a warning.
func ResolveClaims(c *Claims, d *Decisions, propose bool) (*ClaimResult, diag.Diagnostics) {
	res := &ClaimResult{Claims: len(c.List)}
	known := map[string]bool{}
	refs := make([]string, len(c.List))
	for i := range c.List {
		refs[i] = c.List[i].Ref()
		known[refs[i]] = true
	}
	var scored []ClaimPair
	if propose || d != nil && len(d.Claims) > 0 {
		scored = ScoreClaims(c.List, c.Entities, 0)
	}
	byPair := map[[2]string]ClaimPair{}
	for _, p := range scored {
		byPair[[2]string{p.From, p.To}] = p
		byPair[[2]string{p.To, p.From}] = p
	}
	var ds diag.Diagnostics
	decided := map[[2]string]bool{}
	if d != nil {
		for _, dec := range d.Claims {
			ok := true
			for _, end := range []struct {
				id string
				at diag.Range
			}{{dec.A, dec.AAt}, {dec.B, dec.BAt}} {
				if known[end.id] {
					continue
				}
				ok = false
				w := &diag.Diagnostic{Severity: diag.Warning, Subject: end.at,
					Summary: fmt.Sprintf("no claim %q in the store; this decision is ignored", end.id)}
				if sug := diag.Suggest(end.id, refs); sug != "" {
					w.WithHint("did you mean %q?", sug)
				}
				ds = append(ds, w)
			}
			if !ok {
				continue
			}
			decided[[2]string{dec.A, dec.B}], decided[[2]string{dec.B, dec.A}] = true, true
			p := byPair[[2]string{dec.A, dec.B}]
			p.From, p.To, p.Decision = dec.A, dec.B, dec
			if p.Reason == "" {
				p.Reason = "no shared entity or word"
			}
			p.Status = Rejected
			if dec.Accept {
				p.Status, p.Kind = Accepted, dec.Kind
			}
			res.Pairs = append(res.Pairs, p)
		}
	}
	sort.SliceStable(res.Pairs, func(i, j int) bool {
		a, b := res.Pairs[i], res.Pairs[j]
		if a.Status != b.Status {
			return a.Status == Accepted
		}
		if a.From != b.From {
			return a.From < b.From
		}
		return a.To < b.To
	})
	if propose {
		taken := map[string]int{}
		var proposed []ClaimPair
		for _, p := range scored {
			k := [2]string{p.From, p.To}
			if p.Score < ProposeScore || decided[k] || c.Related[k] || taken[p.From] >= MaxPerClaim || taken[p.To] >= MaxPerClaim {
				continue
			}
			taken[p.From]++
			taken[p.To]++
			p.Status = Proposed
			proposed = append(proposed, p)
		}
		// Rejected pairs last.
		n := res.Count(Accepted)
		res.Pairs = append(res.Pairs[:n], append(proposed, res.Pairs[n:]...)...)
	}
	return res, ds.Sort()
}

// OriginLinked is the <origin> of a relation between claims of two sources that
// graph link wrote because a person accepted it.
const OriginLinked = "linked"

// ClaimQuads renders the accepted pairs of a result as argument relations under
// [vocab.LinkLabel], each with its provenance: the shape of [vocab.RelationQuads]
// (source: the from-claim's), <origin> "linked", the <score> and a <reason> that
// names the decision's place.
func ClaimQuads(r *ClaimResult) []quad.Quad {
	var out []quad.Quad
	for _, p := range r.Pairs {
		if p.Status != Accepted {
			continue
		}
		fs, fid, _ := splitRef(p.From)
		ts, tid, _ := splitRef(p.To)
		from, to := vocab.ClaimIRI(fs, fid), vocab.ClaimIRI(ts, tid)
		rel := vocab.RelationIRI(string(vocab.LinkLabel), from, p.Kind, to)
		out = append(out, vocab.RelationQuads(vocab.LinkLabel, rel, from, quad.IRI(p.Kind), to, vocab.SourceIRI(fs))...)
		add := func(pr quad.IRI, o quad.Value) {
			out = append(out, quad.Quad{Subject: rel, Predicate: pr, Object: o, Label: vocab.LinkLabel})
		}
		add(vocab.Origin, quad.String(OriginLinked))
		add(vocab.Score, quad.Float(p.Score))
		add(vocab.Reason, quad.String(fmt.Sprintf("accepted at %s; %s", p.Decision.At.Location(), p.Reason)))
	}
	return out
}

func splitRef(s string) (source, id string, ok bool) {
	for i := 0; i < len(s); i++ {
		if s[i] == '/' {
			return s[:i], s[i+1:], true
		}
	}
	return "", "", false
}
