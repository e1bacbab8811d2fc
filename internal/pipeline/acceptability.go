package pipeline

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/graphbuilder/graph/internal/diag"
	"github.com/graphbuilder/graph/internal/semantics"
	"github.com/graphbuilder/graph/internal/store"
	"github.com/graphbuilder/graph/internal/vocab"
)

// AcceptabilityOptions control [Acceptability].
type AcceptabilityOptions struct {
	// Semantics is grounded (the default), complete, preferred or stable.
	Semantics string
	// Sources limits the framework to the claims of these sources and the
	// relations between them; empty means every source, joined through their
	// cross-source references.
	Sources []string
	// Speakers limits it further to the claims of these entities (and of the
	// entities linked to them by <same_as>).
	Speakers []string
	// Explain, when set, is a claim or support to explain.
	Explain string
	// Write stores the results of every semantics under their labels; only a run
	// over the whole store (no Sources, no Speakers) may write.
	Write bool
}

// Acceptance is which claims stand under a semantics.
type Acceptance struct {
	Semantics string   `json:"semantics"`
	Sources   []string `json:"sources"`
	Speakers  []string `json:"speakers"`
	// Arguments and Attacks are the size of the framework: claims, supports and
	// undercut attacks, and the attacks between them.
	Arguments int `json:"arguments"`
	Attacks   int `json:"attacks"`
	// Extensions counts the extensions of complete, preferred or stable
	// semantics, up to [maxExtensions]; ExtensionsCounted is false when there were
	// more. Grounded has one.
	Extensions        int  `json:"extensions"`
	ExtensionsCounted bool `json:"extensions_counted"`
	// Counts are how many claims have each status.
	Counts []KindCount `json:"counts"`
	Claims []Judged    `json:"claims"`
	// Supports are the supports made arguments, and their status: one out has
	// lost its premise, or been undercut, or its conclusion is rebutted.
	Supports []Judged `json:"supports"`
	// Attacks made arguments because an undercut targets them.
	Undercut []Judged  `json:"undercut_attacks"`
	Skipped  []Outside `json:"skipped"`
	// Explanation is set when asked for.
	Explanation *Explanation `json:"explanation"`
	// Written is set when the results were stored.
	Written *StoredResults `json:"written"`
}

// Judged is one argument and its status.
type Judged struct {
	IRI     string `json:"iri"`
	Kind    string `json:"kind"`
	Title   string `json:"title"`
	Source  string `json:"source"`
	Speaker Ref    `json:"speaker"`
	// Status is in, out or undecided under grounded semantics, and skeptical,
	// credulous or rejected under the others.
	Status string `json:"status"`
	// Grounded is the grounded label, whatever the semantics.
	Grounded string `json:"grounded"`
	// DefeatedBy are the attackers in the grounded extension, for an argument out.
	DefeatedBy []string `json:"defeated_by"`
}

// Outside is a relation left out of the framework.
type Outside struct {
	IRI  string `json:"iri"`
	Kind string `json:"kind"`
	From string `json:"from"`
	To   string `json:"to"`
	Why  string `json:"why"`
}

// StoredResults is what storing the results changed.
type StoredResults struct {
	Labels  []string `json:"labels"`
	Quads   int      `json:"quads"`
	Added   int      `json:"quads_added"`
	Removed int      `json:"quads_removed"`
}

// maxExtensions bounds how many extensions are counted.
const maxExtensions = 1000

// Acceptability reads the argument graph of st, maps it to a framework (see
// [semantics.Map]) and computes which claims stand under opts.Semantics; it
// explains one argument when asked, and with opts.Write stores the results of
// grounded, preferred and stable semantics (see [vocab.Grounded]).
func Acceptability(ctx context.Context, st *store.Store, opts AcceptabilityOptions) (*Acceptance, error) {
	name := opts.Semantics
	if name == "" {
		name = "grounded"
	}
	sem, err := semantics.ParseSemantics(name)
	if err != nil {
		return nil, Inputf("%v", err)
	}
	scoped := len(opts.Sources) > 0 || len(opts.Speakers) > 0
	if opts.Write && scoped {
		return nil, Inputf("results are stored for the whole store only; drop --source and --speaker, or do not write")
	}
	qs, err := Quads(ctx, st, opts.Sources)
	if err != nil {
		return nil, err
	}
	g := vocab.Decode(withoutResults(qs))
	if len(g.Claims) == 0 {
		return nil, Inputf("the %s store at %s holds no claims to evaluate; build interview graphs first (graph build PATH)", st.Backend(), st.Where())
	}
	v := newView(g)
	fw, err := frameworkOf(g, v, opts)
	if err != nil {
		return nil, err
	}
	ground := semantics.Grounded(fw.b.Framework)
	out := fw.judge(sem, ground)
	out.Sources, out.Speakers = slices.Clone(opts.Sources), slices.Clone(opts.Speakers)
	if out.Sources == nil {
		out.Sources = []string{}
	}
	if out.Speakers == nil {
		out.Speakers = []string{}
	}
	if opts.Explain != "" {
		a, err := fw.lookup(opts.Explain)
		if err != nil {
			return nil, err
		}
		if sem == semantics.GroundedSem {
			out.Explanation = fw.explain(a, ground)
		} else {
			out.Explanation = fw.explainUnder(sem, a, ground)
		}
	}
	if opts.Write {
		sets := ResultQuads(fw.b, ground)
		ch, err := st.Replace(ctx, sets)
		if err != nil {
			return nil, err
		}
		w := &StoredResults{Labels: []string{}, Added: ch.Added, Removed: ch.Removed}
		for _, s := range vocab.EvaluatedSemantics {
			w.Labels = append(w.Labels, string(vocab.EvaluationLabel(s)))
			w.Quads += len(sets[vocab.EvaluationLabel(s)])
		}
		out.Written = w
	}
	return out, nil
}

// withoutResults drops earlier results, so that they never feed an evaluation.
func withoutResults(qs []quad.Quad) []quad.Quad {
	out := qs[:0:0]
	for _, q := range qs {
		if l, ok := q.Label.(quad.IRI); ok && strings.HasPrefix(string(l), vocab.EvaluationPrefix) {
			continue
		}
		out = append(out, q)
	}
	return out
}

// framework is the bipolar framework of a graph with what is needed to show it.
type framework struct {
	g *vocab.Graph
	v *view
	b *semantics.Bipolar
}

func frameworkOf(g *vocab.Graph, v *view, opts AcceptabilityOptions) (*framework, error) {
	inSource := map[string]bool{}
	for _, s := range opts.Sources {
		inSource[s] = true
	}
	speakers, err := speakerSet(g, opts.Speakers)
	if err != nil {
		return nil, err
	}
	var claims []string
	for _, c := range g.Claims {
		if len(inSource) > 0 && !inSource[c.Source] {
			continue
		}
		if speakers != nil && !speakers[c.Speaker] {
			continue
		}
		claims = append(claims, c.IRI)
	}
	if len(claims) == 0 && len(opts.Speakers) > 0 {
		return nil, Inputf("no claims of %s to evaluate", strings.Join(opts.Speakers, ", "))
	}
	if len(claims) == 0 && len(opts.Sources) > 0 {
		return nil, Inputf("no claims in %s to evaluate", strings.Join(opts.Sources, ", "))
	}
	var rels []semantics.Relation
	for _, r := range g.Relations {
		if !vocab.IsArgument(r.Kind) || len(inSource) > 0 && !inSource[r.Source] {
			continue
		}
		rels = append(rels, semantics.Relation{ID: r.IRI, Kind: r.Kind, From: r.From, To: r.To})
	}
	return &framework{g: g, v: v, b: semantics.Map(claims, rels)}, nil
}

// speakerSet is the entities whose claims count, following <same_as>; nil means
// everyone's.
func speakerSet(g *vocab.Graph, ids []string) (map[string]bool, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	known := map[string]bool{}
	var names []string
	for _, e := range g.Entities {
		known[e.ID] = true
		names = append(names, e.ID)
	}
	set := map[string]bool{}
	for _, id := range ids {
		if !known[id] {
			msg := fmt.Sprintf("no speaker %q in the store", id)
			if sug := diag.Suggest(id, names); sug != "" {
				msg += fmt.Sprintf("\nhint: did you mean %q?", sug)
			}
			return nil, Inputf("%s", msg)
		}
		set[id] = true
	}
	for _, st := range g.Statements {
		if st.Predicate == string(vocab.SameAs) && set[st.Subject] {
			set[st.Object] = true
		}
	}
	return set, nil
}

// lookup finds the argument of what a user typed: a claim (claim/SOURCE/ID or
// SOURCE/ID) or a relation (its IRI or curated id).
func (fw *framework) lookup(id string) (int, error) {
	id = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(id), "<"), ">")
	iri := fw.v.resolve(id)
	if a, ok := fw.b.Lookup(iri); ok {
		return a, nil
	}
	if iri != "" {
		return 0, Inputf("%s is not an argument of this framework (a claim outside the sources or speakers chosen, or a relation that is not a support or an undercut attack)", iri)
	}
	msg := fmt.Sprintf("no claim or relation %q to explain", id)
	if sug := diag.Suggest(id, fw.v.ids()); sug != "" {
		msg += fmt.Sprintf("\nhint: did you mean %q?", sug)
	}
	return 0, Inputf("%s", msg)
}

// judge labels every argument under sem.
func (fw *framework) judge(sem semantics.Semantics, ground semantics.Labelling) *Acceptance {
	f := fw.b.Framework
	out := &Acceptance{Semantics: sem.String(), Arguments: f.Len(), Attacks: f.Attacks(),
		Claims: []Judged{}, Supports: []Judged{}, Undercut: []Judged{}, Skipped: []Outside{}, Counts: []KindCount{}}
	var status []string
	switch sem {
	case semantics.GroundedSem:
		out.Extensions, out.ExtensionsCounted = 1, true
		for _, l := range ground.Labels {
			status = append(status, l.String())
		}
	default:
		exts, all := semantics.Enumerate(f, sem, maxExtensions)
		out.Extensions, out.ExtensionsCounted = len(exts), all
		st, _ := semantics.Accept(f, sem)
		for _, s := range st {
			status = append(status, s.String())
		}
	}
	counts := map[string]int{}
	for a, arg := range fw.b.Args {
		j := fw.judged(a, ground)
		j.Status = status[a]
		switch arg.Kind {
		case semantics.ClaimArg:
			out.Claims = append(out.Claims, j)
			counts[j.Status]++
		case semantics.InferenceArg:
			out.Supports = append(out.Supports, j)
		default:
			out.Undercut = append(out.Undercut, j)
		}
	}
	for _, k := range []string{"in", "out", "undecided", "skeptical", "credulous", "rejected"} {
		if n, ok := counts[k]; ok {
			out.Counts = append(out.Counts, KindCount{Kind: k, Count: n})
		}
	}
	for _, s := range fw.b.Skipped {
		out.Skipped = append(out.Skipped, Outside{IRI: s.Relation.ID, Kind: s.Relation.Kind, From: s.Relation.From, To: s.Relation.To, Why: s.Why})
	}
	return out
}

func (fw *framework) judged(a int, ground semantics.Labelling) Judged {
	arg := fw.b.Args[a]
	ref := fw.v.ref(arg.ID)
	j := Judged{IRI: arg.ID, Kind: arg.Kind.String(), Title: ref.Title, Grounded: ground.Labels[a].String(), DefeatedBy: []string{}}
	if c := fw.v.claims[arg.ID]; c != nil {
		j.Source, j.Speaker = c.Source, fw.v.ref(c.Speaker)
	} else if r := fw.v.rels[arg.ID]; r != nil {
		j.Source, j.Speaker = r.Source, fw.v.ref(r.StatedBy)
	}
	j.DefeatedBy = fw.defeaters(a, ground)
	return j
}

// defeaters are the attackers of a in the grounded extension, by IRI.
func (fw *framework) defeaters(a int, ground semantics.Labelling) []string {
	out := []string{}
	if ground.Labels[a] != semantics.Out {
		return out
	}
	for _, b := range fw.b.Framework.Attackers(a) {
		if ground.Labels[b] == semantics.In {
			out = append(out, fw.b.Args[b].ID)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// ResultQuads are the stored results of grounded, preferred and stable semantics
// for a framework, one label each (see [vocab.EvaluationLabel]), sorted.
func ResultQuads(b *semantics.Bipolar, ground semantics.Labelling) map[quad.IRI][]quad.Quad {
	f := b.Framework
	sets := map[quad.IRI][]quad.Quad{}
	for _, name := range vocab.EvaluatedSemantics {
		label := vocab.EvaluationLabel(name)
		var qs []quad.Quad
		add := func(s quad.Value, p quad.IRI, o quad.Value) {
			qs = append(qs, quad.Quad{Subject: s, Predicate: p, Object: o, Label: label})
		}
		add(label, vocab.Semantics, quad.String(name))
		add(label, vocab.Arguments, quad.Int(f.Len()))
		add(label, vocab.Attacks, quad.Int(f.Attacks()))
		switch name {
		case "grounded":
			for a, arg := range b.Args {
				iri := quad.IRI(arg.ID)
				add(iri, vocab.Grounded, quad.String(ground.Labels[a].String()))
				if ground.Labels[a] != semantics.Out {
					continue
				}
				for _, at := range f.Attackers(a) {
					if ground.Labels[at] == semantics.In {
						add(iri, vocab.DefeatedBy, quad.IRI(b.Args[at].ID))
					}
				}
			}
		default:
			sem, _ := semantics.ParseSemantics(name)
			exts, all := semantics.Enumerate(f, sem, maxExtensions)
			if all {
				add(label, vocab.Extensions, quad.Int(len(exts)))
			}
			st, any := semantics.Accept(f, sem)
			pred := vocab.Preferred
			if sem == semantics.Stable {
				pred = vocab.Stable
			}
			for a, arg := range b.Args {
				if any {
					add(quad.IRI(arg.ID), pred, quad.String(st[a].String()))
				}
			}
		}
		sets[label] = vocab.Sorted(qs)
	}
	return sets
}

// RefreshAcceptability recomputes the stored results of st, if it holds any, so
// that they follow the graphs they were computed from: a build calls it after
// writing. It reports whether there were results to refresh.
func RefreshAcceptability(ctx context.Context, st *store.Store) (bool, error) {
	marker, err := st.Quads(ctx, vocab.EvaluationLabel("grounded"))
	if err != nil || len(marker) == 0 {
		return false, err
	}
	qs, err := st.AllQuads(ctx)
	if err != nil {
		return true, err
	}
	g := vocab.Decode(withoutResults(qs))
	if len(g.Claims) == 0 {
		_, err = st.Replace(ctx, ResultQuads(semantics.Map(nil, nil), semantics.Labelling{}))
		return true, err
	}
	fw, err := frameworkOf(g, newView(g), AcceptabilityOptions{})
	if err != nil {
		return true, err
	}
	_, err = st.Replace(ctx, ResultQuads(fw.b, semantics.Grounded(fw.b.Framework)))
	return true, err
}

// Explanation is why an argument has its grounded label: a tree of attacks and
// defences, flattened in reading order, each step with its claim (or relation),
// speaker and quote, and the relation by which it attacks the step above.
//
// Under preferred, stable or complete semantics, Status is the argument's
// status (skeptical, credulous or rejected), Steps the same tree within an
// extension that holds the argument (none when no extension does), and Without
// within one that lacks it (none when every extension holds it); each step's
// status is its label in that extension.
type Explanation struct {
	IRI       string `json:"iri"`
	Grounded  string `json:"grounded"`
	Semantics string `json:"semantics"`
	Status    string `json:"status"`
	Steps     []Step `json:"steps"`
	Without   []Step `json:"without"`
}

// Step is one argument in an explanation.
type Step struct {
	// Depth is 0 for the argument explained; a step's reasons follow it one
	// deeper.
	Depth int `json:"depth"`
	// Role is how it bears on the step above: "explained", "attacked_by" (an
	// attacker that is itself defeated), "defeated_by" (an attacker that stands),
	// "undecided_with" (an attacker caught with it in a cycle).
	Role    string  `json:"role"`
	IRI     string  `json:"iri"`
	Kind    string  `json:"kind"`
	Title   string  `json:"title"`
	Status  string  `json:"status"`
	Speaker Ref     `json:"speaker"`
	Source  string  `json:"source"`
	Quote   string  `json:"quote"`
	Via     *Attack `json:"via"`
	// Seen is set when the step was explained above, and its reasons are not
	// repeated.
	Seen bool `json:"seen"`
}

// Attack is the relation by which a step attacks the one above it.
type Attack struct {
	IRI string `json:"iri"`
	// Kind is the relation's kind; Reason says how the attack reaches the
	// argument (rebuts, criticizes, undercuts, or premise, conclusion, source
	// when it carries over from a claim).
	Kind     string `json:"kind"`
	Reason   string `json:"reason"`
	StatedBy Ref    `json:"stated_by"`
	Quote    string `json:"quote"`
}

// maxExplainDepth bounds an explanation; rounds make grounded reasons finite, but
// a reader wants the first few.
const maxExplainDepth = 12

func (fw *framework) explain(a int, ground semantics.Labelling) *Explanation {
	e := &Explanation{IRI: fw.b.Args[a].ID, Grounded: ground.Labels[a].String(), Semantics: "grounded", Steps: []Step{}, Without: []Step{}}
	seen := map[int]bool{}
	f := fw.b.Framework
	var walk func(a, depth int, role string, via *semantics.Edge)
	walk = func(a, depth int, role string, via *semantics.Edge) {
		st := fw.step(a, ground, depth, role, via)
		if seen[a] || depth >= maxExplainDepth {
			st.Seen = seen[a]
			e.Steps = append(e.Steps, st)
			return
		}
		seen[a] = true
		e.Steps = append(e.Steps, st)
		edges := fw.b.EdgesTo(a)
		switch ground.Labels[a] {
		case semantics.In:
			// Every attacker is out: show each, with what defeats it first.
			for _, b := range f.Attackers(a) {
				ed := firstEdge(edges, int(b))
				bst := fw.step(int(b), ground, depth+1, "attacked_by", &ed)
				if seen[int(b)] {
					bst.Seen = true
					e.Steps = append(e.Steps, bst)
					continue
				}
				seen[int(b)] = true
				e.Steps = append(e.Steps, bst)
				if c, ok := earliestIn(f, ground, int(b)); ok {
					ced := firstEdge(fw.b.EdgesTo(int(b)), c)
					walk(c, depth+2, "defeated_by", &ced)
				}
			}
		case semantics.Out:
			if c, ok := earliestIn(f, ground, a); ok {
				ed := firstEdge(edges, c)
				walk(c, depth+1, "defeated_by", &ed)
			}
		default:
			for _, b := range f.Attackers(a) {
				if ground.Labels[b] == semantics.Undecided {
					ed := firstEdge(edges, int(b))
					walk(int(b), depth+1, "undecided_with", &ed)
				}
			}
		}
	}
	walk(a, 0, "explained", nil)
	return e
}

// explainUnder explains a under preferred, stable or complete semantics: the
// reasons within an extension that holds it and within one that lacks it, each
// found by the solver ([semantics.Witnesses]) and read as a labelling.
func (fw *framework) explainUnder(sem semantics.Semantics, a int, ground semantics.Labelling) *Explanation {
	f := fw.b.Framework
	w := semantics.Witnesses(f, sem, a)
	e := &Explanation{IRI: fw.b.Args[a].ID, Grounded: ground.Labels[a].String(), Semantics: sem.String(),
		Status: w.Status().String(), Steps: []Step{}, Without: []Step{}}
	if w.HasWith {
		e.Steps = fw.explain(a, semantics.LabellingOf(f, w.With)).Steps
	}
	if w.HasWithout {
		e.Without = fw.explain(a, semantics.LabellingOf(f, w.Without)).Steps
	}
	return e
}

// earliestIn is the attacker of a that entered the grounded extension first: the
// reason for a being out that rests on the fewest steps.
func earliestIn(f *semantics.Framework, ground semantics.Labelling, a int) (int, bool) {
	best, found := 0, false
	for _, b := range f.Attackers(a) {
		if ground.Labels[b] == semantics.In && (!found || ground.Round[b] < ground.Round[best]) {
			best, found = int(b), true
		}
	}
	return best, found
}

// firstEdge is the first edge from b among edges (sorted by attacker).
func firstEdge(edges []semantics.Edge, b int) semantics.Edge {
	for _, e := range edges {
		if e.From == b {
			return e
		}
	}
	return semantics.Edge{From: b}
}

func (fw *framework) step(a int, ground semantics.Labelling, depth int, role string, via *semantics.Edge) Step {
	j := fw.judged(a, ground)
	st := Step{Depth: depth, Role: role, IRI: j.IRI, Kind: j.Kind, Title: j.Title, Status: j.Grounded, Speaker: j.Speaker, Source: j.Source}
	if c := fw.v.claims[j.IRI]; c != nil {
		st.Quote = c.Quote
	} else if r := fw.v.rels[j.IRI]; r != nil {
		st.Quote = r.Quote
	}
	if via != nil && via.Relation != "" {
		at := &Attack{IRI: via.Relation, Reason: string(via.Reason)}
		if r := fw.v.rels[via.Relation]; r != nil {
			at.Kind, at.StatedBy, at.Quote = r.Kind, fw.v.ref(r.StatedBy), r.Quote
		}
		st.Via = at
	}
	return st
}

// AFOptions name a framework file and an ICCMA task to run on it.
type AFOptions struct {
	File string
	// Format is af, apx or tgf; empty means by the file's extension or content.
	Format string
	// Task is an ICCMA task such as DC-PR; Arg the argument DC and DS ask about.
	Task, Arg string
}

// AFAnswer is the answer to an ICCMA task.
type AFAnswer struct {
	File      string `json:"file"`
	Format    string `json:"format"`
	Task      string `json:"task"`
	Argument  string `json:"argument"`
	Arguments int    `json:"arguments"`
	Attacks   int    `json:"attacks"`
	// Accepted is the answer of DC and DS, and null for SE and EE.
	Accepted *bool `json:"accepted"`
	// Witness is the extension that proves a DC yes or a DS no.
	Witness []string `json:"witness"`
	// Extensions is the extension of SE ([] when there is none) or those of EE.
	Extensions [][]string `json:"extensions"`

	Framework *semantics.Framework `json:"-"`
	Answer    semantics.Answer     `json:"-"`
	Syntax    semantics.Format     `json:"-"`
}

// SolveAF reads a framework in an ICCMA format and runs a task on it. Errors in
// the file come back as diagnostics.
func SolveAF(opts AFOptions) (*AFAnswer, diag.Diagnostics, error) {
	task, err := semantics.ParseTask(opts.Task)
	if err != nil {
		return nil, nil, Inputf("%v", err)
	}
	if task.NeedsArgument() && opts.Arg == "" {
		return nil, nil, Inputf("%s asks about one argument: give it with --arg", task)
	}
	data, err := os.ReadFile(opts.File)
	if err != nil {
		return nil, nil, Inputf("cannot read the framework: %v", err)
	}
	format := semantics.DetectFormat(opts.File, data)
	if opts.Format != "" {
		if format, err = semantics.ParseFormat(opts.Format); err != nil {
			return nil, nil, Inputf("%v", err)
		}
	}
	f, ds := semantics.Read(opts.File, strings.NewReader(string(data)), format)
	if err := ds.Err(); err != nil {
		return nil, ds, err
	}
	arg := 0
	if task.NeedsArgument() {
		a, ok := f.Lookup(opts.Arg)
		if !ok {
			names := make([]string, f.Len())
			for i := range names {
				names[i] = f.Name(i)
			}
			msg := fmt.Sprintf("no argument %q in %s (%d arguments)", opts.Arg, opts.File, f.Len())
			if sug := diag.Suggest(opts.Arg, names); sug != "" && format != semantics.FormatAF {
				msg += fmt.Sprintf("\nhint: did you mean %q?", sug)
			}
			return nil, ds, Inputf("%s", msg)
		}
		arg = a
	}
	ans := semantics.Solve(f, task, arg)
	out := &AFAnswer{File: opts.File, Format: format.String(), Task: task.String(), Arguments: f.Len(), Attacks: f.Attacks(),
		Witness: []string{}, Extensions: [][]string{}, Framework: f, Answer: ans, Syntax: format}
	names := func(ext []int) []string {
		ns := make([]string, len(ext))
		for i, a := range ext {
			ns[i] = f.Name(a)
		}
		return ns
	}
	if task.NeedsArgument() {
		out.Argument = opts.Arg
		acc := ans.Accepted
		out.Accepted = &acc
		if ans.HasWitness {
			out.Witness = names(ans.Witness)
		}
	}
	for _, e := range ans.Extensions {
		out.Extensions = append(out.Extensions, names(e))
	}
	return out, ds, nil
}

// GroundedStatus reads the stored grounded label of every claim, support and
// undercut attack by IRI, for argument maps to colour (export.DOTOptions.Status); it is
// empty when the store holds no results (graph evaluate never ran).
func GroundedStatus(ctx context.Context, st *store.Store) (map[string]string, error) {
	qs, err := st.Quads(ctx, vocab.EvaluationLabel("grounded"))
	if err != nil {
		return nil, err
	}
	status := map[string]string{}
	for _, q := range qs {
		s, ok := q.Subject.(quad.IRI)
		if !ok || q.Predicate != vocab.Grounded {
			continue
		}
		if v, ok := q.Object.(quad.String); ok {
			status[string(s)] = string(v)
		}
	}
	return status, nil
}

// ClaimStatus is the grounded label of every claim (and support) of st, by IRI:
// the stored results of graph evaluate when the store holds them (a build keeps
// them current), and otherwise computed now over the whole store, as graph
// evaluate computes them. stored says which. A store without claims gives an
// empty map.
func ClaimStatus(ctx context.Context, st *store.Store) (status map[string]string, stored bool, err error) {
	status, err = GroundedStatus(ctx, st)
	if err != nil || len(status) > 0 {
		return status, len(status) > 0, err
	}
	qs, err := Quads(ctx, st, nil)
	if err != nil {
		return nil, false, err
	}
	return GroundedOf(qs), false, nil
}

// GroundedOf computes the grounded label of every claim and support in qs, by
// IRI, ignoring any results stored among them; no claims give an empty map.
func GroundedOf(qs []quad.Quad) map[string]string {
	g := vocab.Decode(withoutResults(qs))
	status := map[string]string{}
	if len(g.Claims) == 0 {
		return status
	}
	fw, err := frameworkOf(g, newView(g), AcceptabilityOptions{})
	if err != nil {
		return status
	}
	ground := semantics.Grounded(fw.b.Framework)
	for a, arg := range fw.b.Args {
		status[arg.ID] = ground.Labels[a].String()
	}
	return status
}
