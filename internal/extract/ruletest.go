package extract

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/graphbuilder/graph/internal/argument"
	"github.com/graphbuilder/graph/internal/diag"
	"github.com/graphbuilder/graph/internal/entities"
	"github.com/graphbuilder/graph/internal/extract/rules"
	"github.com/graphbuilder/graph/schema"
)

// CheckExamples runs every rule of a pack on its own examples and reports each
// example whose findings differ from what it wants, at the example's place.
func CheckExamples(p *rules.Pack, s *schema.Schema) (checked int, ds diag.Diagnostics) {
	for _, r := range p.Rules {
		if len(r.Examples) == 0 {
			ds = append(ds, &diag.Diagnostic{Severity: diag.Warning, Summary: fmt.Sprintf("rule %q has no examples", r.ID), Subject: r.At})
		}
		for _, ex := range r.Examples {
			checked++
			got, err := RunExample(p, r, ex, s)
			if err != nil {
				ds = append(ds, diag.Errorf(ex.At, "rule %q: %v", r.ID, err))
				continue
			}
			want := append([]rules.Finding(nil), ex.Want...)
			rules.SortFindings(want)
			if !sameFindings(got, want) {
				ds = append(ds, diag.Errorf(ex.At, "rule %q on %q found %s, want %s", r.ID, ex.Text, describe(got), describe(want)))
			}
		}
	}
	return checked, ds
}

// RunExample runs one rule on one example and returns its findings by name.
func RunExample(p *rules.Pack, r *rules.Rule, ex rules.Example, s *schema.Schema) ([]rules.Finding, error) {
	names := make([]string, 0, len(ex.Entities))
	for n := range ex.Entities {
		names = append(names, n)
	}
	sort.Strings(names)
	var ents []entities.Entity
	for _, n := range names {
		ents = append(ents, entities.Entity{ID: n, Kind: ex.Entities[n], Name: n})
	}
	x, err := New(ents, []*rules.Pack{p}, s)
	if err != nil {
		return nil, err
	}
	var speakers []string
	if ex.Speaker != "" {
		if _, ok := ex.Entities[ex.Speaker]; !ok {
			return nil, fmt.Errorf("example speaker %q is not among its entities", ex.Speaker)
		}
		speakers = []string{ex.Speaker}
	}
	opt := Options{Speakers: speakers, Only: r}
	if (r.Dialogue || ex.Turn) && ex.Speaker != "" {
		// A dialogue rule's example, or one marked turn, is one turn of its speaker.
		opt.Turns = []Turn{{Span: argument.Span{Start: 0, End: utf8.RuneCountInString(ex.Text)}, Speaker: ex.Speaker}}
	}
	joinsClaims := r.Kind == rules.KindRelation && s.Edge(r.Relation) != nil && s.Edge(r.Relation).Allows("claim", "claim")
	if joinsClaims {
		// A relation between claims needs the claims the other rules find.
		opt.Only = nil
	}
	res := x.Run(ex.Text, opt)
	var out []rules.Finding
	switch r.Kind {
	case rules.KindRelation:
		// Claims stand for their speakers.
		speakerOf := map[string]string{}
		for _, c := range res.Claims {
			speakerOf[c.ID] = c.Speaker
		}
		for _, rel := range res.Relations {
			if rel.Rule != r.ID {
				continue
			}
			from, to := rel.From, rel.To
			if sp, ok := speakerOf[from]; ok {
				from = sp
			}
			if sp, ok := speakerOf[to]; ok {
				to = sp
			}
			out = append(out, rules.Finding{Agent: from, Target: to})
		}
	case rules.KindClaim:
		for _, c := range res.Claims {
			out = append(out, rules.Finding{Speaker: c.Speaker, Claim: c.Text})
		}
	case rules.KindMention:
		for _, n := range res.Names {
			out = append(out, rules.Finding{Name: n.Name})
		}
	}
	rules.SortFindings(out)
	return out, nil
}

func sameFindings(a, b []rules.Finding) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func describe(fs []rules.Finding) string {
	if len(fs) == 0 {
		return "nothing"
	}
	parts := make([]string, len(fs))
	for i, f := range fs {
		parts[i] = f.String()
	}
	return strings.Join(parts, ", ")
}
