package scoring

import (
	"slices"
	"sort"

	"github.com/graphbuilder/graph/internal/argument"
	"github.com/graphbuilder/graph/internal/extract/finding"
	"github.com/graphbuilder/graph/internal/interview"
	"github.com/graphbuilder/graph/internal/vocab"
)

// KindScore is a [Score] with its F1, the harmonic mean of its precision and recall.
type KindScore struct {
	Score
	F1 float64 `json:"f1"`
}

// PairClasses are the relation classes of the argumentative relation task of
// DialAM-2024, named by the relations they become: inference (RA nodes, supports),
// conflict (CA nodes, rebuts) and rephrase (MA nodes, rephrases).
var PairClasses = []string{string(vocab.Supports), string(vocab.Rebuts), string(vocab.Rephrases)}

// NoRelation is the class of a pair of propositions with no relation.
const NoRelation = "none"

// ClassScore is how one class fares over the ordered pairs of gold propositions.
type ClassScore struct {
	Class     string  `json:"class"`
	Gold      int     `json:"gold"`      // pairs the gold gives this class
	Predicted int     `json:"predicted"` // pairs extraction gives it, plus its unplaced relations of it
	Correct   int     `json:"correct"`   // pairs both give it
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

// PairScore scores the relations between propositions as we read DialAM-2024
// (docs/eval.md): every ordered pair of distinct gold propositions has classes,
// some of [PairClasses], or else [NoRelation]. Focused scores are the unweighted
// means over [PairClasses] alone of the classes' precision, recall and F1; general
// scores the means over them and [NoRelation].
type PairScore struct {
	Propositions int `json:"propositions"`
	Pairs        int `json:"pairs"` // ordered pairs of distinct propositions
	// Unplaced counts the extracted relations of a pair class whose two ends do not
	// overlap two distinct gold propositions: they are false positives of their class
	// that no pair holds.
	Unplaced         int          `json:"unplaced"`
	Classes          []ClassScore `json:"classes"` // PairClasses in order, then NoRelation
	FocusedPrecision float64      `json:"focused_precision"`
	FocusedRecall    float64      `json:"focused_recall"`
	FocusedF1        float64      `json:"focused_f1"`
	GeneralPrecision float64      `json:"general_precision"`
	GeneralRecall    float64      `json:"general_recall"`
	GeneralF1        float64      `json:"general_f1"`
}

// ArgumentEvaluation scores extraction against an argument map taken as gold (an
// AIF nodeset converted to a graph): claims, relations per kind, and the pairs of
// propositions.
type ArgumentEvaluation struct {
	Source    string      `json:"source"`
	File      string      `json:"file"`
	Claims    KindScore   `json:"claims"`
	Relations []KindScore `json:"relations"` // GoldKinds, then other kinds found, sorted, then "all"
	Pairs     PairScore   `json:"pairs"`
}

// GoldKinds are the relation kinds an argument map gives, always scored.
var GoldKinds = []string{string(vocab.Supports), string(vocab.Rebuts), string(vocab.Undercuts), string(vocab.Rephrases)}

// EvaluateArguments compares res, extracted from g's transcript, with g's claims
// and relations taken as gold.
//
// An extracted claim matches a gold claim whose located quote overlaps it, with the
// same speaker when both have one (an empty speaker is none). Relations match per
// kind as in [Evaluate]. For the pairs, each extracted relation of a pair class
// between claims is put on a pair of distinct gold propositions whose quotes
// overlap its two ends: a pair the gold gives that class when there is one, else
// the pair of the ends it overlaps most; one that fits no pair is counted in
// [PairScore.Unplaced].
func EvaluateArguments(g *interview.Graph, res *finding.Result) ArgumentEvaluation {
	ev := ArgumentEvaluation{Source: g.Source.ID, File: g.File}

	// A gold claim without a speaker (an I-node no L-node anchors) matches any.
	ev.Claims = withF1(claimCounts(g, res, func(gold, found string) bool {
		return gold == "" || found == "" || gold == found
	}))

	kinds := map[string]*Score{}
	for _, k := range GoldKinds {
		kinds[k] = &Score{Kind: k}
	}
	relationCounts(g, res, kinds)
	ev.Relations = kindScores(kinds, GoldKinds)
	ev.Pairs = pairScore(g, res)
	return ev
}

// kindScores lists the scores of kinds, each with its ratios: the kinds of
// first (whether found or not), the others sorted, then their sum as "all".
func kindScores(kinds map[string]*Score, first []string) []KindScore {
	var others []string
	for k := range kinds {
		if !slices.Contains(first, k) {
			others = append(others, k)
		}
	}
	sort.Strings(others)
	total := Score{Kind: "all"}
	var out []KindScore
	for _, k := range append(append([]string(nil), first...), others...) {
		s := Score{Kind: k}
		if kinds[k] != nil {
			s = *kinds[k]
		}
		add(&total, s)
		out = append(out, withF1(s))
	}
	return append(out, withF1(total))
}

// addKinds adds the counts of scores to those of their kinds in kinds, but for
// their sum "all", which [kindScores] makes again.
func addKinds(kinds map[string]*Score, scores []KindScore) {
	for _, r := range scores {
		if r.Kind == "all" {
			continue
		}
		if kinds[r.Kind] == nil {
			kinds[r.Kind] = &Score{Kind: r.Kind}
		}
		add(kinds[r.Kind], r.Score)
	}
}

// pairScore counts the classes of the ordered pairs of g's claims, in the gold and
// as extracted.
func pairScore(g *interview.Graph, res *finding.Result) PairScore {
	n := len(g.Claims)
	ps := PairScore{Propositions: n, Pairs: n * (n - 1)}
	index := map[string]int{}
	for i, c := range g.Claims {
		index[c.ID] = i
	}
	type pair struct{ from, to int }
	gold := map[pair]map[string]bool{}
	for _, r := range g.Relations {
		f, okf := index[r.From]
		t, okt := index[r.To]
		if !okf || !okt || f == t || !slices.Contains(PairClasses, r.Kind) {
			continue
		}
		p := pair{f, t}
		if gold[p] == nil {
			gold[p] = map[string]bool{}
		}
		gold[p][r.Kind] = true
	}
	// ends returns the gold claims whose located quotes overlap sp, most overlap first.
	ends := func(sp argument.Span) []int {
		var out []int
		for i, c := range g.Claims {
			if c.Quote != "" && overlaps(c.Span, sp) {
				out = append(out, i)
			}
		}
		sort.SliceStable(out, func(a, b int) bool {
			return overlap(g.Claims[out[a]].Span, sp) > overlap(g.Claims[out[b]].Span, sp)
		})
		return out
	}
	pred := map[pair]map[string]bool{}
	unplaced := map[string]int{}
	for _, r := range res.Relations {
		if !slices.Contains(PairClasses, r.Kind) || (r.FromSpan == (argument.Span{}) && r.ToSpan == (argument.Span{})) {
			continue
		}
		var at *pair
		for _, f := range ends(r.FromSpan) {
			for _, t := range ends(r.ToSpan) {
				if f == t {
					continue
				}
				if at == nil {
					at = &pair{f, t}
				}
				if gold[pair{f, t}][r.Kind] {
					at = &pair{f, t}
					break
				}
			}
			if at != nil && gold[*at][r.Kind] {
				break
			}
		}
		if at == nil {
			unplaced[r.Kind]++
			ps.Unplaced++
			continue
		}
		if pred[*at] == nil {
			pred[*at] = map[string]bool{}
		}
		pred[*at][r.Kind] = true
	}
	for _, k := range PairClasses {
		c := ClassScore{Class: k, Predicted: unplaced[k]}
		for p, ks := range gold {
			if ks[k] {
				c.Gold++
				if pred[p][k] {
					c.Correct++
				}
			}
		}
		for _, ks := range pred {
			if ks[k] {
				c.Predicted++
			}
		}
		ps.Classes = append(ps.Classes, c)
	}
	none := ClassScore{Class: NoRelation, Gold: ps.Pairs - len(gold), Predicted: ps.Pairs - len(pred)}
	both := 0
	for p := range gold {
		if pred[p] != nil {
			both++
		}
	}
	// Pairs with neither: all, less those either labels.
	none.Correct = ps.Pairs - (len(gold) + len(pred) - both)
	ps.Classes = append(ps.Classes, none)
	return finishPairs(ps)
}

// finishPairs computes the ratios of ps from its counts.
func finishPairs(ps PairScore) PairScore {
	var fp, fr, ff float64
	for i := range ps.Classes {
		c := &ps.Classes[i]
		c.Precision = ratio(c.Correct, c.Predicted)
		c.Recall = ratio(c.Correct, c.Gold)
		c.F1 = harmonic(c.Precision, c.Recall)
		if c.Class != NoRelation {
			fp += c.Precision
			fr += c.Recall
			ff += c.F1
		}
	}
	k := float64(len(PairClasses))
	ps.FocusedPrecision, ps.FocusedRecall, ps.FocusedF1 = fp/k, fr/k, ff/k
	if none := ps.Classes[len(ps.Classes)-1]; none.Class == NoRelation {
		k++
		ps.GeneralPrecision, ps.GeneralRecall, ps.GeneralF1 = (fp+none.Precision)/k, (fr+none.Recall)/k, (ff+none.F1)/k
	}
	return ps
}

// SumArguments adds up the counts of evs, as if they were one file, and computes
// the ratios from the sums. The result's Source and File are empty.
func SumArguments(evs []ArgumentEvaluation) ArgumentEvaluation {
	var sum ArgumentEvaluation
	claims := Score{Kind: "claims"}
	kinds := map[string]*Score{}
	ps := PairScore{}
	classes := map[string]*ClassScore{}
	for _, ev := range evs {
		add(&claims, ev.Claims.Score)
		addKinds(kinds, ev.Relations)
		ps.Propositions += ev.Pairs.Propositions
		ps.Pairs += ev.Pairs.Pairs
		ps.Unplaced += ev.Pairs.Unplaced
		for _, c := range ev.Pairs.Classes {
			if classes[c.Class] == nil {
				classes[c.Class] = &ClassScore{Class: c.Class}
			}
			s := classes[c.Class]
			s.Gold += c.Gold
			s.Predicted += c.Predicted
			s.Correct += c.Correct
		}
	}
	sum.Claims = withF1(claims)
	sum.Relations = kindScores(kinds, GoldKinds)
	for _, k := range append(append([]string(nil), PairClasses...), NoRelation) {
		c := ClassScore{Class: k}
		if classes[k] != nil {
			c = *classes[k]
		}
		ps.Classes = append(ps.Classes, c)
	}
	sum.Pairs = finishPairs(ps)
	return sum
}

func add(s *Score, t Score) {
	s.Gold += t.Gold
	s.Found += t.Found
	s.Matched += t.Matched
	s.Recalled += t.Recalled
}

func withF1(s Score) KindScore {
	s = finish(s)
	return KindScore{Score: s, F1: harmonic(s.Precision, s.Recall)}
}

func harmonic(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func overlap(a, b argument.Span) int {
	return max(0, min(a.End, b.End)-max(a.Start, b.Start))
}
