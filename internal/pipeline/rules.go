package pipeline

import (
	"github.com/graphbuilder/graph/internal/diag"
	"github.com/graphbuilder/graph/internal/extract"
	"github.com/graphbuilder/graph/internal/extract/rules"
	"github.com/graphbuilder/graph/schema"
)

// PackTest is what the examples of one rule pack gave.
type PackTest struct {
	Name     string `json:"name"`
	Ref      string `json:"ref"`
	Rules    int    `json:"rules"`
	Examples int    `json:"examples"`
	Failed   int    `json:"failed"`
	// RuleList describes every rule, one line each.
	RuleList []string `json:"rule_list"`
	// Words are the pack's cue word lists (pronouns, critics, self, addressee,
	// fillers).
	Words []rules.WordList `json:"words"`
}

// TestRules runs the examples of every rule of the given packs (files, or
// builtin:NAME; every builtin pack when refs is empty). A pack that does not load,
// or an example whose findings differ, is an error diagnostic at its place.
func TestRules(refs []string) ([]PackTest, diag.Diagnostics, error) {
	if len(refs) == 0 {
		for _, b := range rules.Builtins() {
			refs = append(refs, rules.BuiltinPrefix+b)
		}
	}
	s := schema.Core()
	var all diag.Diagnostics
	out := make([]PackTest, 0, len(refs))
	for _, ref := range refs {
		p, ds := rules.Load(ref, s)
		all = append(all, ds...)
		if ds.HasErrors() {
			continue
		}
		n, more := extract.CheckExamples(p, s)
		all = append(all, more...)
		pt := PackTest{Name: p.Name, Ref: ref, Rules: len(p.Rules), Examples: n, RuleList: make([]string, 0, len(p.Rules)), Words: p.WordLists()}
		for _, d := range more {
			if d.Severity == diag.Error {
				pt.Failed++
			}
		}
		for _, r := range p.Rules {
			pt.RuleList = append(pt.RuleList, r.Describe())
		}
		out = append(out, pt)
	}
	all = all.Sort()
	return out, all, all.Err()
}
