package pipeline

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/graphbuilder/graph/internal/diag"
	"github.com/graphbuilder/graph/internal/store"
	"github.com/graphbuilder/graph/internal/vocab"
	"github.com/graphbuilder/graph/schema"
)

// QueryOptions control [RunQuery].
type QueryOptions struct {
	// File names the query in its warnings: the file it was read from, or a word
	// for a query given inline ("query").
	File string
	// Limit, when positive, stops the query once it has this many results.
	Limit int
	// Names adds the name of every node of the result.
	Names bool
	// Namer returns what the graph calls the node iri (an IRI without angle
	// brackets), or "" when it has no name; nil reads the names from the store.
	Namer func(iri string) string
	// Schema holds the predicates and kinds a query may name besides those in
	// the store; nil means the core schema.
	Schema *schema.Schema
}

// QueryAnswer is what a Gizmo query gave, with the guard rails' warnings.
type QueryAnswer struct {
	// Result holds the query's results, as Cayley's JSON collation gives them.
	Result []any
	// Truncated is set when the limit left results out.
	Truncated bool
	// Names maps each IRI of the result (in angle brackets) to its name, when
	// asked for; it is empty otherwise, never nil.
	Names map[string]string
	// Warnings are likely mistakes in the query, each placed in it, with a hint.
	Warnings diag.Diagnostics
}

// ErrQueryTimeout marks a query stopped by its context's deadline.
var ErrQueryTimeout = errors.New("query stopped")

// maxSaveChecks bounds how many Save calls of one query are checked for rows they
// drop: each check runs the query once more.
const maxSaveChecks = 3

// RunQuery runs a Gizmo query on st and checks it for the mistakes that make a
// query answer nothing, or less than it seems to, without an error (see
// docs/http.md): an IRI neither in the store nor in the schema (with the
// nearest one that is), a value without the angle brackets of the IRI the store
// holds, a query that yields nothing (no .All(), a .Count() never emitted), and a
// Save that drops the rows lacking its predicate. A query error is returned as
// the error (wrapping [store.ErrQuery]); one stopped by ctx's deadline also wraps
// [ErrQueryTimeout].
func RunQuery(ctx context.Context, st *store.Store, q string, opts QueryOptions) (*QueryAnswer, error) {
	if opts.File == "" {
		opts.File = "query"
	}
	if opts.Schema == nil {
		opts.Schema = schema.Core()
	}
	ans := &QueryAnswer{Result: []any{}, Names: map[string]string{}, Warnings: diag.Diagnostics{}}
	toks := lexGizmo(q)
	calls := callsOf(toks)
	l := &queryLint{ctx: ctx, st: st, file: opts.File, schema: opts.Schema}
	ans.Warnings = append(ans.Warnings, l.finals(calls)...)
	terms, err := l.terms(calls)
	if err != nil {
		return nil, queryError(ctx, err, opts.File)
	}
	ans.Warnings = append(ans.Warnings, terms...)

	n, err := runLimited(ctx, st, q, opts.Limit, func(r any) { ans.Result = append(ans.Result, r) })
	if err != nil {
		return nil, queryError(ctx, err, opts.File)
	}
	ans.Truncated = opts.Limit > 0 && n > opts.Limit
	if ans.Truncated {
		ans.Result = ans.Result[:opts.Limit]
	}
	if !ans.Truncated {
		saves, err := l.saves(q, calls, len(ans.Result), opts.Limit)
		if err != nil {
			return nil, queryError(ctx, err, opts.File)
		}
		ans.Warnings = append(ans.Warnings, saves...)
	}
	if opts.Names {
		namer := opts.Namer
		if namer == nil {
			namer = storeNamer(ctx, st)
		}
		for _, v := range ans.Result {
			namesIn(v, namer, ans.Names)
		}
		if err := ctx.Err(); err != nil {
			return nil, queryError(ctx, err, opts.File)
		}
	}
	return ans, nil
}

// runLimited runs q and passes its results to add: all of them, or limit and one
// more, which tells whether the limit left some out. It returns how many it
// passed.
func runLimited(ctx context.Context, st *store.Store, q string, limit int, add func(any)) (int, error) {
	pull := 0
	if limit > 0 {
		pull = limit + 1
	}
	n := 0
	err := st.QueryEach(ctx, q, pull, func(r any) error {
		n++
		add(r)
		return nil
	})
	return n, err
}

// queryError words a failed query: one that its deadline stopped says so.
func queryError(ctx context.Context, err error, file string) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("%w: %w", ErrQueryTimeout, err)
	}
	// The script engine names the place of a syntax error "(anonymous): Line
	// L:C": say it as file:line:col, a mistake in the input.
	if m := syntaxErrorAt.FindStringSubmatch(err.Error()); m != nil {
		return Inputf("%s:%s:%s: syntax error: %s", file, m[1], m[2], strings.TrimSpace(m[3]))
	}
	return err
}

var syntaxErrorAt = regexp.MustCompile(`SyntaxError: \(anonymous\): Line (\d+):(\d+) ([^\n]*)`)

// namesIn adds the name of every IRI in v to names.
func namesIn(v any, namer func(string) string, names map[string]string) {
	switch v := v.(type) {
	case string:
		if len(v) > 2 && v[0] == '<' && v[len(v)-1] == '>' {
			if _, done := names[v]; !done {
				names[v] = namer(v[1 : len(v)-1])
			}
		}
	case map[string]any:
		for _, x := range v {
			namesIn(x, namer, names)
		}
	case []any:
		for _, x := range v {
			namesIn(x, namer, names)
		}
	}
}

// storeNamer names nodes by their name, title or text in the store.
func storeNamer(ctx context.Context, st *store.Store) func(string) string {
	return func(iri string) string {
		for _, p := range []quad.IRI{vocab.Name, vocab.Title, vocab.Text} {
			vs, err := st.Objects(ctx, quad.IRI(iri), p)
			if err != nil {
				return ""
			}
			for _, v := range vs {
				if s, ok := v.(quad.String); ok {
					return string(s)
				}
			}
		}
		return ""
	}
}

// queryLint holds what the checks of one query read.
type queryLint struct {
	ctx    context.Context
	st     *store.Store
	file   string
	schema *schema.Schema
	// nodes are the store's typed nodes, read when a suggestion needs them.
	nodes []string
}

func (l *queryLint) warn(t gizmoToken, format string, args ...any) *diag.Diagnostic {
	d := diag.Errorf(diag.Range{File: l.file, Start: t.at, End: t.end}, format, args...)
	d.Severity = diag.Warning
	return d
}

// finals warns of a query that yields nothing: no path is run (.All(),
// .ForEach(), ...) and nothing is emitted, or a value a path returns to the
// script (.Count(), .ToArray(), ...) is never emitted.
func (l *queryLint) finals(calls []gizmoCall) diag.Diagnostics {
	var ds diag.Diagnostics
	var yields, emits bool
	var valued []gizmoCall
	for _, c := range calls {
		switch {
		case c.method && c.is("all", "getLimit", "forEach", "map"):
			yields = true
		case c.is("emit"):
			emits = true
		case c.method && c.is("count", "toArray", "toValue", "tagArray", "tagValue"):
			valued = append(valued, c)
		}
	}
	if yields || emits {
		return nil
	}
	for _, c := range valued {
		ds = append(ds, l.warn(c.name, ".%s() returns its value to the script, which shows nothing of it", c.name.text).
			WithHint("wrap the path in g.Emit: g.Emit(g.V(...).%s())", c.name.text))
	}
	if len(valued) == 0 && len(calls) > 0 {
		last := calls[len(calls)-1]
		ds = append(ds, l.warn(last.name, "the query yields no results: no path is run and nothing is emitted").
			WithHint("end the path with .All() (or .ForEach(function (r) { g.Emit(r) }))"))
	}
	return ds
}

// term is one string of a query that names a node, a predicate or a label.
type term struct {
	tok gizmoToken
	// predicate is set for a predicate's place (Out, Has's first argument, ...).
	predicate bool
}

// termsOf finds the strings of a query that name nodes and predicates.
func termsOf(calls []gizmoCall) []term {
	var out []term
	add := func(args [][]gizmoToken, predicate bool) {
		for _, a := range args {
			for _, t := range argStrings(a) {
				out = append(out, term{tok: t, predicate: predicate})
			}
		}
	}
	for _, c := range calls {
		switch {
		case !c.method && c.is("v", "vertex"), c.method && c.is("v", "vertex"):
			add(c.args, false)
		case !c.method:
		case c.is("is"):
			add(c.args, false)
		case c.is("out", "in", "both", "save", "saveR", "saveOpt", "saveOptR") && len(c.args) > 0:
			add(c.args[:1], true)
		case c.is("has", "hasR") && len(c.args) > 0:
			add(c.args[:1], true)
			add(c.args[1:], false)
		case c.is("labelContext") && len(c.args) > 0:
			add(c.args[:1], false)
		}
	}
	return out
}

// terms checks each node and predicate a query names against the store and the
// schema.
func (l *queryLint) terms(calls []gizmoCall) (diag.Diagnostics, error) {
	ts := termsOf(calls)
	if len(ts) == 0 {
		return nil, nil
	}
	// Each term is looked up as it is written and as the other form: an IRI also
	// as the string, a string also as the IRI.
	var vs []quad.Value
	for _, t := range ts {
		v := quad.StringToValue(t.tok.text)
		switch v := v.(type) {
		case quad.IRI:
			vs = append(vs, v, quad.String(string(v)))
		default:
			vs = append(vs, v, quad.IRI(t.tok.text))
		}
	}
	held, err := l.st.Holds(l.ctx, vs...)
	if err != nil {
		return nil, err
	}
	var ds diag.Diagnostics
	for k, t := range ts {
		as, other := held[2*k], held[2*k+1]
		if d := l.term(t, as, other); d != nil {
			ds = append(ds, d)
		}
		if err := l.ctx.Err(); err != nil {
			return nil, err
		}
	}
	return ds, nil
}

// term checks one term; held says whether the store holds it as written, and
// other whether it holds the other form (the string of an IRI, the IRI of a
// string).
func (l *queryLint) term(t term, held, other bool) *diag.Diagnostic {
	text := t.tok.text
	v := quad.StringToValue(text)
	if _, blank := v.(quad.BNode); blank || held {
		return nil
	}
	iri, isIRI := v.(quad.IRI)
	inSchema := l.inSchema(string(iri))
	switch {
	case isIRI && inSchema:
		return nil
	case isIRI && other:
		return l.warn(t.tok, "%s is not in the store, but the string %q is", text, string(iri)).
			WithHint("a string is written without angle brackets: %q", string(iri))
	case isIRI:
		d := l.warn(t.tok, "%s is neither in the store nor in the schema", text)
		if sug := l.suggest(string(iri), t.predicate); sug != "" {
			d.WithHint("did you mean <%s>?", sug)
		}
		return d
	case t.predicate && (other || l.inSchema(text)):
		return l.warn(t.tok, "%q is a string; predicates are IRIs", text).
			WithHint("write the IRI in angle brackets: \"<%s>\"", text)
	case other || l.inSchema(text):
		return l.warn(t.tok, "the store holds no string %q, but it holds the IRI <%s>", text, text).
			WithHint("write the IRI in angle brackets: \"<%s>\"", text)
	case t.predicate:
		d := l.warn(t.tok, "%q is a string; predicates are IRIs, written in angle brackets", text)
		if sug := l.suggest(text, true); sug != "" {
			d.WithHint("did you mean \"<%s>\"?", sug)
		}
		return d
	}
	d := l.warn(t.tok, "the store holds neither the string %q nor the IRI <%s>", text, text)
	if sug := l.suggest(text, false); sug != "" {
		d.WithHint("did you mean \"<%s>\"?", sug)
	}
	return d
}

// inSchema reports whether name is a predicate, node kind or edge kind of the
// schema, or a predicate of graph's vocabulary.
func (l *queryLint) inSchema(name string) bool {
	return l.schema.Node(name) != nil || l.schema.Edge(name) != nil || slices.Contains(vocabPredicates, quad.IRI(name))
}

// suggest finds the nearest known name: among the schema's and the vocabulary's
// predicates for a predicate, and also among the store's typed nodes for a node.
func (l *queryLint) suggest(name string, predicate bool) string {
	var cands []string
	for _, p := range vocabPredicates {
		cands = append(cands, string(p))
	}
	cands = append(cands, l.schema.EdgeNames("")...)
	if !predicate {
		cands = append(cands, l.schema.NodeNames(false)...)
		if l.nodes == nil {
			l.nodes = []string{}
			subs, err := l.st.Subjects(l.ctx, vocab.Type, 0)
			if err == nil {
				for _, s := range subs {
					if iri, ok := s.(quad.IRI); ok {
						l.nodes = append(l.nodes, string(iri))
					}
				}
			}
		}
		cands = append(cands, l.nodes...)
	}
	return diag.Suggest(name, cands)
}

// saves warns of each Save (or SaveR) that dropped rows: the query is run again
// with that call made SaveOpt, which keeps the rows that lack the predicate, and
// gives more results when some were dropped. n is how many results the query
// gave, limit its limit.
func (l *queryLint) saves(q string, calls []gizmoCall, n, limit int) (diag.Diagnostics, error) {
	var ds diag.Diagnostics
	checked := 0
	for _, c := range calls {
		if !c.method || !c.is("save", "saveR") || len(c.args) == 0 || len(argStrings(c.args[0])) == 0 {
			continue
		}
		if checked == maxSaveChecks {
			break
		}
		checked++
		opt := "SaveOpt"
		if c.name.text[0] == 's' {
			opt = "saveOpt"
		}
		if strings.HasSuffix(c.name.text, "R") {
			opt += "R"
		}
		variant := q[:c.name.off] + opt + q[c.name.off+c.name.size:]
		m, err := runLimited(l.ctx, l.st, variant, limit, func(any) {})
		if err != nil {
			return nil, err
		}
		if m <= n {
			continue
		}
		pred := argStrings(c.args[0])[0].text
		dropped := fmt.Sprintf("%d", m-n)
		if limit > 0 && m > limit {
			dropped = "some"
		}
		ds = append(ds, l.warn(c.name, "%s(%q) dropped %s rows that have no %s", c.name.text, pred, dropped, pred).
			WithHint("%s(%q, ...) keeps them, without that tag", opt, pred))
	}
	return ds, nil
}

// vocabPredicates are the predicates graph writes besides the schema's edge
// kinds.
var vocabPredicates = []quad.IRI{
	vocab.Type, vocab.Name, vocab.Alias, vocab.Wikidata, vocab.Title, vocab.SourceKind,
	vocab.Language, vocab.Date, vocab.URL, vocab.Author, vocab.Speaker, vocab.Transcript,
	vocab.TranscriptSHA256, vocab.Mentions, vocab.Text, vocab.Quote, vocab.QuoteStart,
	vocab.QuoteEnd, vocab.About, vocab.Asserts, vocab.Source, vocab.Kind, vocab.From,
	vocab.To, vocab.StatedBy, vocab.Origin, vocab.CuratedID, vocab.Catalog, vocab.Rule,
	vocab.Confidence, vocab.EvidenceStart, vocab.EvidenceEnd, vocab.Topic,
	vocab.TranscriptFormat, vocab.TranscriptText, vocab.UtteranceOf, vocab.SaidAt,
	vocab.SpeakerLabel, vocab.Start, vocab.End, vocab.SpanStart, vocab.SpanEnd,
	vocab.QuoteLine, vocab.QuoteColumn, vocab.AIFID, vocab.UtteredAt, vocab.LinkA,
	vocab.LinkB, vocab.Score, vocab.Reason, vocab.Status, vocab.SameAs, vocab.Grounded,
	vocab.Preferred, vocab.Stable, vocab.DefeatedBy, vocab.Semantics, vocab.Arguments,
	vocab.Attacks, vocab.Extensions,
}
