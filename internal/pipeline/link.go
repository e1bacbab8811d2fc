package pipeline

import (
	"context"
	"slices"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/graphbuilder/graph/internal/diag"
	"github.com/graphbuilder/graph/internal/link"
	"github.com/graphbuilder/graph/internal/store"
	"github.com/graphbuilder/graph/internal/vocab"
	"github.com/graphbuilder/graph/schema"
)

// LinkOptions control [Link].
type LinkOptions struct {
	// Decisions is the decisions file (links.yaml).
	Decisions string
	// Decide, when set, records a decision on a pair before linking.
	Decide *Decision
	// Claims also proposes pairs of claims of different sources (see
	// [link.ResolveClaims]); accepted pairs of claims are written in every run.
	Claims bool
}

// Decision is what a person said of two entity ids: one thing (Accept) or two;
// or of two claims (SOURCE/CLAIM): A Kind B (Accept), or unrelated.
type Decision struct {
	A, B   string
	Accept bool
	Kind   string
}

// Linked is what [Link] found and wrote.
type Linked struct {
	// Entities is how many entities the store holds; Shared how many of them
	// sources already share by id.
	Entities int `json:"entities"`
	Shared   int `json:"shared"`
	Linked   int `json:"linked"`
	Accepted int `json:"accepted"`
	// Ambiguous pairs are left for a person to decide.
	Ambiguous int `json:"ambiguous"`
	Rejected  int `json:"rejected"`
	// Quads is how many quads the run wrote under the link label.
	Quads   int `json:"quads"`
	Added   int `json:"quads_added"`
	Removed int `json:"quads_removed"`
	// Decided is set when the run recorded a decision; Changed says whether it was
	// new.
	Decided   *DecisionRecord `json:"decided"`
	Decisions string          `json:"decisions_file"`
	Pairs     []LinkedPair    `json:"pairs"`
	// Claims is how many claims were compared (with --claims), and ClaimPairs
	// the pairs of claims accepted, proposed and rejected.
	Claims     int         `json:"claims"`
	ClaimPairs []ClaimPair `json:"claim_pairs"`
}

// ClaimPair is a pair of claims of two sources: From Kind To.
type ClaimPair struct {
	Status   string  `json:"status"`
	Score    float64 `json:"score"`
	Entities float64 `json:"entity_score"`
	Text     float64 `json:"text_score"`
	From     string  `json:"from"`
	Kind     string  `json:"kind"`
	To       string  `json:"to"`
	Reason   string  `json:"reason"`
	Decision string  `json:"decision"`
}

// DecisionRecord is a decision [Link] recorded.
type DecisionRecord struct {
	A       string `json:"a"`
	B       string `json:"b"`
	Accept  bool   `json:"accept"`
	Kind    string `json:"kind"`
	Changed bool   `json:"changed"`
}

// LinkedPair is one pair of entities that look like one thing.
type LinkedPair struct {
	Status string  `json:"status"`
	Score  float64 `json:"score"`
	A      string  `json:"a"`
	B      string  `json:"b"`
	Reason string  `json:"reason"`
	// Decision is where a recorded decision on the pair is, file:line:col.
	Decision string `json:"decision"`
}

// Link reads every entity of st, finds those that different sources name with
// different ids, and replaces everything under the link label with what it
// found: a node per pair and <same_as> edges. Decisions are read from (and, with
// opts.Decide, recorded into) the decisions file.
func Link(ctx context.Context, st *store.Store, opts LinkOptions) (*Linked, diag.Diagnostics, error) {
	qs, err := st.AllQuads(ctx)
	if err != nil {
		return nil, nil, err
	}
	sch := schema.Core()
	es := link.Read(qs, func(kind string) bool {
		k := sch.Node(kind)
		return k != nil && k.Entity
	})
	if len(es) == 0 {
		return nil, nil, Inputf("the %s store at %s holds no entities to link; build interview graphs first (graph build PATH)", st.Backend(), st.Where())
	}
	dec, ds := link.LoadDecisions(opts.Decisions)
	if err := ds.Err(); err != nil {
		return nil, ds, err
	}
	out := &Linked{Decisions: opts.Decisions, ClaimPairs: []ClaimPair{}}
	claims := link.ReadClaims(qs, func(kind string) bool {
		k := sch.Node(kind)
		return k != nil && k.Entity
	})
	if d := opts.Decide; d != nil {
		var changed bool
		if isClaimPair(d) {
			if err := checkClaimPair(claims, d); err != nil {
				return nil, ds, err
			}
			changed, err = link.DecideClaims(opts.Decisions, d.A, d.B, d.Accept, d.Kind)
		} else {
			if err := checkPair(es, d); err != nil {
				return nil, ds, err
			}
			changed, err = link.Decide(opts.Decisions, d.A, d.B, d.Accept)
		}
		if err != nil {
			return nil, ds, err
		}
		out.Decided = &DecisionRecord{A: d.A, B: d.B, Accept: d.Accept, Kind: d.Kind, Changed: changed}
		if dec, ds = link.LoadDecisions(opts.Decisions); ds.HasErrors() {
			return nil, ds, ds.Err()
		}
	}
	ds = append(ds, dec.Check(es)...)
	res, more := link.Resolve(es, dec)
	ds = append(ds, more...)
	cres, more := link.ResolveClaims(claims, dec, opts.Claims)
	ds = append(ds, more...).Sort()
	if err := ds.Err(); err != nil {
		return nil, ds, err
	}
	lq := append(link.Quads(res), link.ClaimQuads(cres)...)
	ch, err := st.Replace(ctx, map[quad.IRI][]quad.Quad{vocab.LinkLabel: lq})
	if err != nil {
		return nil, ds, err
	}
	out.Entities = len(es)
	for _, e := range es {
		n := 0
		for _, l := range e.Scope {
			if _, ok := vocab.SourceID(l); ok {
				n++
			}
		}
		if n > 1 {
			out.Shared++
		}
	}
	out.Linked, out.Accepted = res.Count(link.Linked), res.Count(link.Accepted)
	out.Ambiguous, out.Rejected = res.Count(link.Ambiguous), res.Count(link.Rejected)
	out.Quads, out.Added, out.Removed = len(lq), ch.Added, ch.Removed
	out.Pairs = make([]LinkedPair, 0, len(res.Pairs))
	for _, p := range res.Pairs {
		lp := LinkedPair{Status: string(p.Status), Score: p.Score, A: p.A, B: p.B, Reason: p.Reason}
		if p.Decision.File != "" {
			lp.Decision = p.Decision.Location()
		}
		out.Pairs = append(out.Pairs, lp)
	}
	if opts.Claims {
		out.Claims = cres.Claims
	}
	for _, p := range cres.Pairs {
		cp := ClaimPair{Status: string(p.Status), Score: p.Score, Entities: p.Entities, Text: p.Text,
			From: p.From, Kind: p.Kind, To: p.To, Reason: p.Reason}
		if p.Decision.At.File != "" {
			cp.Decision = p.Decision.At.Location()
		}
		out.ClaimPairs = append(out.ClaimPairs, cp)
	}
	return out, ds, nil
}

// isClaimPair reports whether a decision is on two claims (SOURCE/CLAIM).
func isClaimPair(d *Decision) bool { return strings.Contains(d.A, "/") || strings.Contains(d.B, "/") }

// checkClaimPair checks a decision on two claims against the store: both exist,
// in different sources, and an accepted pair has a kind.
func checkClaimPair(c *link.Claims, d *Decision) error {
	refs := make([]string, len(c.List))
	for i := range c.List {
		refs[i] = c.List[i].Ref()
	}
	for _, id := range []string{d.A, d.B} {
		if !slices.Contains(refs, id) {
			if sug := diag.Suggest(id, refs); sug != "" {
				return Inputf("no claim %q in the store\nhint: did you mean %q?", id, sug)
			}
			return Inputf("no claim %q in the store (claims are named SOURCE-ID/CLAIM-ID)", id)
		}
	}
	sa, _, _ := strings.Cut(d.A, "/")
	sb, _, _ := strings.Cut(d.B, "/")
	if sa == sb {
		return Inputf("%s and %s are claims of one source; relate them in its graph", d.A, d.B)
	}
	if d.Accept && !slices.Contains(link.ClaimKinds, d.Kind) {
		return Inputf("an accepted pair of claims needs --kind, one of %s", strings.Join(link.ClaimKinds, ", "))
	}
	return nil
}

// checkPair checks the ids of a decision against the store.
func checkPair(es []link.Entity, d *Decision) error {
	kind := map[string]string{}
	ids := make([]string, len(es))
	for i, e := range es {
		kind[e.ID], ids[i] = e.Kind, e.ID
	}
	for _, id := range []string{d.A, d.B} {
		if _, ok := kind[id]; !ok {
			if sug := diag.Suggest(id, ids); sug != "" {
				return Inputf("no entity %q in the store\nhint: did you mean %q?", id, sug)
			}
			return Inputf("no entity %q in the store", id)
		}
	}
	if d.A == d.B {
		return Inputf("a pair needs two different ids, not %q twice", d.A)
	}
	if d.Accept && !link.Compatible(kind[d.A], kind[d.B]) {
		return Inputf("%s (a %s) and %s (a %s) cannot be one thing", d.A, kind[d.A], d.B, kind[d.B])
	}
	return nil
}
