package semantics

import (
	"slices"
	"strings"
)

// Relation is an argument relation of an interview graph: its IRI, kind
// (rebuts, criticizes, supports, undercuts, rephrases) and ends, claim IRIs or, for
// undercuts, the IRI of another relation.
type Relation struct {
	ID, Kind, From, To string
}

// ArgKind says what an argument of a [Bipolar] framework stands for.
type ArgKind uint8

const (
	// ClaimArg is a claim, an argument in its own right: its speaker asserts it.
	ClaimArg ArgKind = iota
	// InferenceArg is a support made an argument: "the premise, therefore the
	// conclusion", which an undercut can defeat without touching either claim.
	InferenceArg
	// AttackArg is an attack (rebuts, criticizes, undercuts) made an argument
	// because an undercut targets it.
	AttackArg
)

func (k ArgKind) String() string { return [...]string{"claim", "inference", "attack"}[k] }

// Arg is an argument of a [Bipolar] framework.
type Arg struct {
	// ID is the claim's IRI, or the relation's for inferences and attacks.
	ID   string
	Kind ArgKind
	// From and To are the ends of the relation of an inference or attack.
	From, To string
}

// Reason says why one argument attacks another.
type Reason string

// The reasons for an attack.
const (
	// Rebuts, Criticizes and Undercuts: the relation itself.
	Rebuts     Reason = "rebuts"
	Criticizes Reason = "criticizes"
	Undercuts  Reason = "undercuts"
	// Conclusion: a rebuttal or criticism of a claim also attacks every inference
	// that concludes it.
	Conclusion Reason = "conclusion"
	// Premise: an attack on a claim also attacks every inference drawn from it.
	Premise Reason = "premise"
	// Source: an attack on a claim also attacks every attack made from it that
	// is an argument of its own.
	Source Reason = "source"
)

// Edge is one attack of a [Bipolar] framework and the relation behind it: for
// Conclusion, Premise and Source, the attack on the claim that carries over, and
// Via the inference or attack it carries over to.
type Edge struct {
	From, To int
	Relation string
	Reason   Reason
	Via      string
}

// Skipped is a relation that is not part of the framework, and why.
type Skipped struct {
	Relation Relation
	Why      string
}

// Bipolar is the framework of an argument graph, with what each argument and each
// attack stands for.
type Bipolar struct {
	Framework *Framework
	Args      []Arg
	// Edges are the attacks with their reasons, sorted by target, then attacker,
	// then relation; one attack can have several.
	Edges   []Edge
	Skipped []Skipped
	index   map[string]int
	byTo    [][]int // edge indexes by target
}

// Lookup returns the argument of a claim or relation IRI.
func (b *Bipolar) Lookup(id string) (int, bool) {
	a, ok := b.index[id]
	return a, ok
}

// EdgesTo are the edges that attack argument a.
func (b *Bipolar) EdgesTo(a int) []Edge {
	out := make([]Edge, len(b.byTo[a]))
	for i, e := range b.byTo[a] {
		out[i] = b.Edges[e]
	}
	return out
}

// Map builds the framework of claims (IRIs) and the relations between them.
//
// The reading is that of structured argumentation, where a support is an
// inference and an argument of its own:
//   - every claim is an argument;
//   - a rebuttal or criticism from one claim of another attacks it, and attacks
//     every inference that concludes it;
//   - a support "P, therefore C" is an argument; it is attacked by every attack
//     on its premise P (an inference stands only while its premise does), by
//     every attack on C, and by its undercuts;
//   - an undercut of a rebuttal or criticism makes that attack an argument: the
//     attack, not its source, then hits the target, and it is attacked by the
//     undercut and by every attack on its source claim;
//   - a support adds no attack of its own: the claims it links keep the status
//     their attackers give them, and an inference that stands says that the
//     claim has a reason that stands too.
//
// Criticisms count only between two claims; one from or of a person, company or
// concept has no proposition to attack or to be attacked, and is skipped, as are
// endorsements (stances toward entities), rephrasings, relations whose ends are not among the claims, and relations of
// kinds outside the core schema. claims and relations may come in any order;
// the framework is the same for the same sets.
func Map(claims []string, relations []Relation) *Bipolar {
	claims = slices.Clone(claims)
	slices.Sort(claims)
	claims = slices.Compact(claims)
	rels := slices.Clone(relations)
	slices.SortFunc(rels, func(a, b Relation) int {
		if a.ID != b.ID {
			return strings.Compare(a.ID, b.ID)
		}
		return strings.Compare(a.Kind+a.From+a.To, b.Kind+b.From+b.To)
	})
	isClaim := make(map[string]bool, len(claims))
	for _, c := range claims {
		isClaim[c] = true
	}
	byID := map[string]*Relation{}
	for i := range rels {
		if _, dup := byID[rels[i].ID]; !dup {
			byID[rels[i].ID] = &rels[i]
		}
	}

	// Which relations take part: decided once per relation, following undercuts
	// down to what they target (a cycle of undercuts takes no part).
	why := map[string]string{}
	var check func(r *Relation, depth int) string
	check = func(r *Relation, depth int) string {
		if w, ok := why[r.ID]; ok {
			return w
		}
		w := ""
		switch r.Kind {
		case "rebuts", "criticizes", "supports":
			if !isClaim[r.From] || !isClaim[r.To] {
				w = "an end is not a claim being evaluated"
				if r.Kind == "criticizes" {
					w = "a criticism of or by a person, company or concept, not of a claim by a claim"
				}
			}
		case "undercuts":
			t := byID[r.To]
			switch {
			case !isClaim[r.From]:
				w = "its source is not a claim being evaluated"
			case t == nil:
				w = "it targets no relation being evaluated"
			case depth > len(rels):
				w = "undercuts that target each other in a cycle"
			case t.Kind == "rephrases":
				w = "it targets a rephrasing"
			default:
				why[r.ID] = "in a cycle of undercuts" // in progress: a cycle back here is skipped
				if check(t, depth+1) != "" {
					w = "the relation it targets is not part of the framework"
				}
			}
		case "rephrases":
			w = "a rephrasing says the same thing twice; it neither attacks nor supports"
		case "endorses":
			w = "a stance toward a person, company, product or policy, not a reason for or against a claim"
		default:
			w = "not an argument kind of the core schema"
		}
		why[r.ID] = w
		return w
	}
	b := &Bipolar{index: map[string]int{}}
	var valid []*Relation
	undercut := map[string]bool{}
	for i := range rels {
		r := &rels[i]
		if byID[r.ID] != r {
			continue
		}
		if w := check(r, 0); w != "" {
			b.Skipped = append(b.Skipped, Skipped{Relation: *r, Why: w})
			continue
		}
		valid = append(valid, r)
		if r.Kind == "undercuts" {
			undercut[r.To] = true
		}
	}

	builder := NewBuilder(0)
	add := func(a Arg) {
		b.index[a.ID] = builder.Add(a.ID)
		b.Args = append(b.Args, a)
	}
	for _, c := range claims {
		add(Arg{ID: c, Kind: ClaimArg})
	}
	concluding := map[string][]int{} // inferences by conclusion
	drawnFrom := map[string][]int{}  // inferences by premise
	madeFrom := map[string][]int{}   // attack arguments by source claim
	for _, r := range valid {
		switch {
		case r.Kind == "supports":
			add(Arg{ID: r.ID, Kind: InferenceArg, From: r.From, To: r.To})
			concluding[r.To] = append(concluding[r.To], b.index[r.ID])
			drawnFrom[r.From] = append(drawnFrom[r.From], b.index[r.ID])
		case undercut[r.ID]:
			add(Arg{ID: r.ID, Kind: AttackArg, From: r.From, To: r.To})
			madeFrom[r.From] = append(madeFrom[r.From], b.index[r.ID])
		}
	}

	// The attacks the relations make themselves.
	var primary []Edge
	for _, r := range valid {
		if r.Kind == "supports" {
			continue
		}
		from := b.index[r.From]
		if undercut[r.ID] {
			from = b.index[r.ID]
		}
		primary = append(primary, Edge{From: from, To: b.index[r.To], Relation: r.ID, Reason: Reason(r.Kind)})
		for _, inf := range concluding[r.To] {
			primary = append(primary, Edge{From: from, To: inf, Relation: r.ID, Reason: Conclusion, Via: b.Args[inf].ID})
		}
	}
	// What carries over from an attack on a claim: to the inferences drawn from
	// it and the attack arguments made from it.
	edges := slices.Clone(primary)
	for _, e := range primary {
		if e.Reason == Conclusion || b.Args[e.To].Kind != ClaimArg {
			continue
		}
		claim := b.Args[e.To].ID
		for _, inf := range drawnFrom[claim] {
			edges = append(edges, Edge{From: e.From, To: inf, Relation: e.Relation, Reason: Premise, Via: b.Args[inf].ID})
		}
		for _, att := range madeFrom[claim] {
			edges = append(edges, Edge{From: e.From, To: att, Relation: e.Relation, Reason: Source, Via: b.Args[att].ID})
		}
	}
	slices.SortFunc(edges, func(x, y Edge) int {
		if x.To != y.To {
			return x.To - y.To
		}
		if x.From != y.From {
			return x.From - y.From
		}
		if x.Relation != y.Relation {
			return strings.Compare(x.Relation, y.Relation)
		}
		return strings.Compare(string(x.Reason), string(y.Reason))
	})
	edges = slices.Compact(edges)
	b.Edges = edges
	b.byTo = make([][]int, len(b.Args))
	for i, e := range edges {
		builder.Attack(e.From, e.To)
		b.byTo[e.To] = append(b.byTo[e.To], i)
	}
	b.Framework = builder.Build()
	return b
}
