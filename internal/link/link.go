package link

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/graphbuilder/graph/internal/diag"
)

// Status says what became of a pair of entities.
type Status string

// The statuses of a [Pair], in the order [Result.Pairs] lists them.
const (
	// Linked pairs scored at least [LinkScore] and nobody rejected them.
	Linked Status = "linked"
	// Accepted pairs are one thing because a person said so.
	Accepted Status = "accepted"
	// Ambiguous pairs scored between [AskScore] and [LinkScore]: a person decides.
	Ambiguous Status = "ambiguous"
	// Rejected pairs are two things because a person said so.
	Rejected Status = "rejected"
)

var statusOrder = map[Status]int{Linked: 0, Accepted: 1, Ambiguous: 2, Rejected: 3}

// Pair is two entities that may be one, with the evidence and what was decided.
type Pair struct {
	// A and B are entity ids, A < B.
	A, B string
	// Score is the strength of the best evidence, from 0 to 1, to two decimals.
	Score  float64
	Reason string
	Status Status
	// Decision is where a person decided the pair (links.yaml:3:5), if one did.
	Decision diag.Range
}

// Result is what [Resolve] found.
type Result struct {
	// Entities is how many entities were compared.
	Entities int
	// Pairs lists linked, accepted, ambiguous and rejected pairs in that order, each
	// group sorted by ids.
	Pairs []Pair
	// Groups are the sets of entity ids found to be one thing (through linked and
	// accepted pairs, transitively), each sorted, ordered by their first id.
	Groups [][]string
}

// Count returns how many pairs have status s.
func (r *Result) Count(s Status) int {
	n := 0
	for _, p := range r.Pairs {
		if p.Status == s {
			n++
		}
	}
	return n
}

// maxBlock bounds the entities compared for sharing one word: a word as common as
// "AI" says nothing about identity, and comparing all that contain it is quadratic.
const maxBlock = 200

// Compatible reports whether entities of these kinds may be one thing: the same
// kind, or a company and an organization (curators draw that line differently). A
// person is never a company.
func Compatible(a, b string) bool {
	if a == b {
		return true
	}
	body := func(k string) bool { return k == "company" || k == "organization" }
	return body(a) && body(b)
}

// Resolve compares the entities pairwise and applies the decisions (which may be
// nil). Only pairs that could be one are compared: compatible kinds, not in view of
// one curator (see [Entity.Scope]), and not holding different wikidata ids; and only
// those sharing a wikidata id, a name or an uncommon word of a name.
func Resolve(es []Entity, d *Decisions) (*Result, diag.Diagnostics) {
	names := make([]nameSet, len(es))
	index := map[string]int{}
	blocks := map[string][]int{}
	for i, e := range es {
		index[e.ID] = i
		keys := map[string]bool{}
		for _, q := range e.Wikidata {
			keys["wikidata "+q] = true
		}
		for _, raw := range e.Names {
			n := parseName(raw)
			if n.folded == "" {
				continue
			}
			names[i].names = append(names[i].names, n)
			keys["name "+n.folded] = true
			words := n.words
			if e.Kind == "person" {
				words = words[len(words)-1:] // a surname; given names alone link nobody
			}
			for _, w := range words {
				if !stopWords[w] {
					keys["word "+w] = true
				}
			}
		}
		for k := range keys {
			blocks[k] = append(blocks[k], i)
		}
		names[i] = newNameSet(names[i].names)
	}
	type key struct{ a, b int }
	seen := map[key]bool{}
	found := map[key]evidence{}
	for k, members := range blocks {
		if strings.HasPrefix(k, "word ") && len(members) > maxBlock {
			continue
		}
		for x := 0; x < len(members); x++ {
			for y := x + 1; y < len(members); y++ {
				i, j := members[x], members[y]
				if i > j {
					i, j = j, i
				}
				kk := key{i, j}
				if seen[kk] {
					continue
				}
				seen[kk] = true
				if ev, ok := compare(&es[i], &es[j], names[i], names[j]); ok && ev.score > 0 {
					found[kk] = ev
				}
			}
		}
	}

	decided := map[key]Decision{}
	if d != nil {
		for _, dec := range d.List {
			i, ok1 := index[dec.A]
			j, ok2 := index[dec.B]
			if !ok1 || !ok2 || i == j || !Compatible(es[i].Kind, es[j].Kind) {
				continue // reported by Decisions.Check
			}
			if i > j {
				i, j = j, i
			}
			decided[key{i, j}] = dec
		}
	}

	res := &Result{Entities: len(es)}
	consider := func(k key, ev evidence) {
		p := Pair{A: es[k.a].ID, B: es[k.b].ID, Score: math.Round(ev.score*100) / 100, Reason: ev.reason}
		if p.A > p.B {
			p.A, p.B = p.B, p.A
		}
		if dec, ok := decided[k]; ok {
			p.Decision = dec.At
			p.Status = Rejected
			if dec.Accept {
				p.Status = Accepted
			}
			if p.Reason == "" {
				p.Reason = "no evidence in names or ids"
			}
		} else if p.Score >= LinkScore {
			p.Status = Linked
		} else if p.Score >= AskScore {
			p.Status = Ambiguous
		} else {
			return
		}
		res.Pairs = append(res.Pairs, p)
	}
	for k, ev := range found {
		consider(k, ev)
	}
	for k := range decided {
		if _, ok := found[k]; !ok {
			consider(k, evidence{})
		}
	}
	sort.Slice(res.Pairs, func(i, j int) bool {
		a, b := res.Pairs[i], res.Pairs[j]
		if a.Status != b.Status {
			return statusOrder[a.Status] < statusOrder[b.Status]
		}
		if a.A != b.A {
			return a.A < b.A
		}
		return a.B < b.B
	})

	// Groups: union-find over what is one.
	parent := map[string]string{}
	var find func(string) string
	find = func(x string) string {
		if p, ok := parent[x]; ok && p != x {
			r := find(p)
			parent[x] = r
			return r
		}
		parent[x] = x
		return x
	}
	for _, p := range res.Pairs {
		if p.Status == Linked || p.Status == Accepted {
			ra, rb := find(p.A), find(p.B)
			if ra != rb {
				parent[max(ra, rb)] = min(ra, rb)
			}
		}
	}
	members := map[string][]string{}
	for x := range parent {
		r := find(x)
		members[r] = append(members[r], x)
	}
	for _, g := range members {
		sort.Strings(g)
		res.Groups = append(res.Groups, g)
	}
	sort.Slice(res.Groups, func(i, j int) bool { return res.Groups[i][0] < res.Groups[j][0] })

	var ds diag.Diagnostics
	for _, p := range res.Pairs {
		if p.Status != Rejected || find(p.A) != find(p.B) {
			continue
		}
		group := members[find(p.A)]
		var via []string
		for _, x := range group {
			if x != p.A && x != p.B {
				via = append(via, x)
			}
		}
		ds = append(ds, &diag.Diagnostic{Severity: diag.Warning, Subject: p.Decision,
			Summary: fmt.Sprintf("%s and %s are rejected as one, but other links join them (through %s)", p.A, p.B, strings.Join(via, ", ")),
			Hint:    "reject one of the links that joins them, or accept this pair"})
	}
	return res, ds.Sort()
}

// compare scores one pair, or reports false when the two cannot be one.
func compare(a, b *Entity, na, nb nameSet) (evidence, bool) {
	if !Compatible(a.Kind, b.Kind) || sharesScope(a, b) {
		return evidence{}, false
	}
	if len(a.Wikidata) > 0 && len(b.Wikidata) > 0 {
		for _, q := range a.Wikidata {
			if slices.Contains(b.Wikidata, q) {
				return evidence{score: scoreWikidata, reason: fmt.Sprintf("same wikidata id %s", q)}, true
			}
		}
		return evidence{}, false
	}
	return compareNames(na, nb, a.Kind == "person" && b.Kind == "person"), true
}
