package scoring

import (
	"sort"

	"github.com/graphbuilder/graph/internal/argument"
	"github.com/graphbuilder/graph/internal/extract/finding"
	"github.com/graphbuilder/graph/internal/interview"
)

// Score is precision and recall of one kind of finding against a curated graph.
type Score struct {
	Kind      string  `json:"kind"`
	Gold      int     `json:"gold"`     // curated items
	Found     int     `json:"found"`    // extracted items
	Matched   int     `json:"matched"`  // extracted items that match a curated one
	Recalled  int     `json:"recalled"` // curated items matched by some extracted one
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
}

// Evaluation scores extraction against a curated graph taken as gold.
type Evaluation struct {
	Source string `json:"source"`
	// MentionRecall is the share of the entities the graph names (see
	// [interview.Graph.Named]) that extraction finds at least once.
	MentionRecall float64 `json:"mention_recall"`
	Entities      int     `json:"entities"`
	// MissedNames are the ids of the named entities never found; never nil.
	MissedNames []string    `json:"missed_names"`
	Claims      KindScore   `json:"claims"`
	Relations   []KindScore `json:"relations"` // per relation kind, then "all"
}

// Evaluate compares res, extracted from g's transcript, with g's curated claims
// and relations.
//
// A claim matches a curated claim of the same speaker whose quote overlaps it. A
// relation between claims matches a curated relation of the same kind when its
// to-claim overlaps the curated to-claim's quote, and its from-claim overlaps the
// curated from-claim's quote or, said by the same speaker, is stated in a
// sentence that overlaps the curated relation's quote (the curator quotes "I
// agree with half of it" and takes the speaker's main claim as the from-claim).
// A relation from an entity matches a curated relation of the same kind when its
// from-entity is the curated relation's from-entity, from-claim speaker or
// stater; its to-entity is the curated to-entity, or the speaker or a topic of
// the curated to-claim; and, when both have evidence, the spans overlap.
func Evaluate(g *interview.Graph, res *finding.Result) Evaluation {
	ev := Evaluation{Source: g.Source.ID, MissedNames: []string{}}
	found := map[string]bool{}
	for _, m := range res.Mentions {
		if !m.Pronoun {
			found[m.Entity] = true
		}
	}
	all := g.Named()
	ev.Entities = len(all)
	hit := 0
	for _, id := range all {
		if found[id] {
			hit++
		} else {
			ev.MissedNames = append(ev.MissedNames, id)
		}
	}
	sort.Strings(ev.MissedNames)
	ev.MentionRecall = ratio(hit, len(all))

	ev.Claims = withF1(claimCounts(g, res, func(gold, found string) bool { return gold == found }))

	// Relations, per kind.
	kinds := map[string]*Score{}
	relationCounts(g, res, kinds)
	ev.Relations = kindScores(kinds, nil)
	return ev
}

// claimCounts counts the extracted claims that match a gold claim (its quote
// overlaps them and sameSpeaker holds of the two speakers) and the gold claims
// matched.
func claimCounts(g *interview.Graph, res *finding.Result, sameSpeaker func(gold, found string) bool) Score {
	cs := Score{Kind: "claims", Gold: len(g.Claims), Found: len(res.Claims)}
	recalled := map[int]bool{}
	for _, c := range res.Claims {
		ok := false
		for i, gc := range g.Claims {
			if gc.Quote != "" && overlaps(gc.Span, c.Span) && sameSpeaker(gc.Speaker, c.Speaker) {
				ok = true
				recalled[i] = true
			}
		}
		if ok {
			cs.Matched++
		}
	}
	cs.Recalled = len(recalled)
	return cs
}

// relationCounts counts, per kind into kinds (adding kinds as they come), the gold
// relations, the extracted ones, those that match a gold relation of their kind
// ([relationMatches]) and the gold relations matched.
func relationCounts(g *interview.Graph, res *finding.Result, kinds map[string]*Score) {
	claims := map[string]*argument.Claim{}
	for i := range g.Claims {
		claims[g.Claims[i].ID] = &g.Claims[i]
	}
	get := func(k string) *Score {
		if kinds[k] == nil {
			kinds[k] = &Score{Kind: k}
		}
		return kinds[k]
	}
	for _, r := range g.Relations {
		get(r.Kind).Gold++
	}
	goldHit := map[int]bool{}
	speakerOf := make(map[string]string, len(res.Claims))
	for _, c := range res.Claims {
		speakerOf[c.ID] = c.Speaker
	}
	for _, r := range res.Relations {
		s := get(r.Kind)
		s.Found++
		ok := false
		for i, gr := range g.Relations {
			if gr.Kind == r.Kind && relationMatches(gr, r, claims, speakerOf) {
				ok = true
				goldHit[i] = true
			}
		}
		if ok {
			s.Matched++
		}
	}
	for i := range goldHit {
		get(g.Relations[i].Kind).Recalled++
	}
}

func relationMatches(gr argument.Relation, r finding.Relation, claims map[string]*argument.Claim, speakerOf map[string]string) bool {
	if r.FromSpan != (argument.Span{}) || r.ToSpan != (argument.Span{}) {
		if !claimEndMatches(claims[gr.To], r.ToSpan) {
			return false
		}
		if claimEndMatches(claims[gr.From], r.FromSpan) {
			return true
		}
		// Or stated where the curator quotes the relation ("I agree with half
		// of what Zhang said: ..."), by the speaker of the curated from-claim.
		fc := claims[gr.From]
		return gr.Quote != "" && fc != nil && overlaps(gr.Span, r.Evidence) && speakerOf[r.From] == fc.Speaker
	}
	from := map[string]bool{gr.By: true, gr.From: true}
	var spans []argument.Span
	if gr.Quote != "" {
		spans = append(spans, gr.Span)
	}
	if c := claims[gr.From]; c != nil {
		from[c.Speaker] = true
		if c.Quote != "" {
			spans = append(spans, c.Span)
		}
	}
	to := map[string]bool{gr.To: true}
	if c := claims[gr.To]; c != nil {
		to[c.Speaker] = true
		for _, a := range c.About {
			to[a] = true
		}
		if c.Quote != "" {
			spans = append(spans, c.Span)
		}
	}
	if !from[r.From] || !to[r.To] {
		return false
	}
	if len(spans) == 0 {
		return true
	}
	for _, sp := range spans {
		if overlaps(sp, r.Evidence) {
			return true
		}
	}
	return false
}

// claimEndMatches: an extracted claim end matches a curated claim whose quote
// overlaps it.
func claimEndMatches(c *argument.Claim, sp argument.Span) bool {
	return c != nil && c.Quote != "" && overlaps(c.Span, sp)
}

func overlaps(a, b argument.Span) bool {
	return a.Start < b.End && b.Start < a.End
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func finish(s Score) Score {
	s.Precision = ratio(s.Matched, s.Found)
	s.Recall = ratio(s.Recalled, s.Gold)
	return s
}

// SumEvaluations adds up the counts of evs, as if their graphs were one, and
// computes the ratios from the sums: claims, each relation kind (in sorted
// order, then "all") and the entities found. The result's Source is empty and
// its MissedNames are those of every graph, prefixed with the graph's source.
func SumEvaluations(evs []Evaluation) Evaluation {
	sum := Evaluation{MissedNames: []string{}}
	claims := Score{Kind: "claims"}
	kinds := map[string]*Score{}
	hit := 0
	for _, ev := range evs {
		add(&claims, ev.Claims.Score)
		addKinds(kinds, ev.Relations)
		sum.Entities += ev.Entities
		hit += ev.Entities - len(ev.MissedNames)
		for _, n := range ev.MissedNames {
			sum.MissedNames = append(sum.MissedNames, ev.Source+"/"+n)
		}
	}
	sum.MentionRecall = ratio(hit, sum.Entities)
	sum.Claims = withF1(claims)
	sum.Relations = kindScores(kinds, nil)
	return sum
}
