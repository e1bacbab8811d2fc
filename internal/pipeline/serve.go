package pipeline

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/cayleygraph/quad"
	"golang.org/x/text/cases"
	"golang.org/x/text/width"

	"github.com/graphbuilder/graph/internal/diag"
	"github.com/graphbuilder/graph/internal/export"
	"github.com/graphbuilder/graph/internal/vocab"
)

// Reader answers a reader's questions about one set of quads, decoded once: what
// [Show] says of a node, the sources, a search over names, aliases and claim
// texts, and argument maps. A server keeps one per snapshot of its store, where
// [Show] would decode the whole store for every request. A Reader is never
// modified after [NewReader] returns, so any number of goroutines may use it.
type Reader struct {
	v       *view
	m       *export.Map
	names   map[string][]string // an entity's names and aliases, for search
	entries []searchEntry
	// grams indexes the entries by the byte trigrams of their folded text (see
	// [Reader.candidates]).
	grams map[[3]byte][]int32
	// status and defeatedBy are the stored grounded labels (graph evaluate's) of
	// claims and supports, and what defeats each one out.
	status     map[string]string
	defeatedBy map[string][]string
	// bySource holds the part of the map of each source asked for (see
	// [Reader.Map]), each cut once however many requests ask at the same time.
	mu       sync.Mutex
	bySource map[string]*sourcePart
	// sources is the list of sources, made once (see [Reader.Sources]).
	sourcesOnce sync.Once
	sources     []SourceInfo
}

// sourcePart is the part of the map of one source.
type sourcePart struct {
	once sync.Once
	m    *export.Map
	err  error
}

// searchEntry is one searchable string of one node, folded once.
type searchEntry struct {
	iri, field, text, folded string
	// title is the node's title, which orders hits of one score.
	title string
}

// NewReader decodes qs.
func NewReader(qs []quad.Quad) *Reader {
	g := vocab.Decode(qs)
	r := &Reader{v: newView(g), m: export.MapOf(g), names: map[string][]string{},
		status: map[string]string{}, defeatedBy: map[string][]string{}}
	grounded := vocab.EvaluationLabel("grounded")
	for _, q := range qs {
		if q.Label != grounded {
			continue
		}
		sub, ok := q.Subject.(quad.IRI)
		if !ok {
			continue
		}
		switch q.Predicate {
		case vocab.Grounded:
			if v, ok := q.Object.(quad.String); ok {
				r.status[string(sub)] = string(v)
			}
		case vocab.DefeatedBy:
			if o, ok := q.Object.(quad.IRI); ok {
				r.defeatedBy[string(sub)] = append(r.defeatedBy[string(sub)], string(o))
			}
		}
	}
	// The view converts transcripts to code points on first use; done here, its
	// cache is only ever read afterwards, by any number of requests at once.
	for _, s := range g.Sources {
		r.v.textOf(s)
	}
	add := func(iri, field, text string) {
		if strings.TrimSpace(text) != "" {
			r.entries = append(r.entries, searchEntry{iri: iri, field: field, text: text, folded: fold(text), title: r.v.ref(iri).Title})
		}
	}
	for _, e := range g.Entities {
		names := slices.Clone(e.Names)
		if len(names) == 0 && e.Name != "" {
			names = []string{e.Name}
		}
		for _, n := range names {
			add(e.ID, "name", n)
		}
		for _, a := range e.Aliases {
			add(e.ID, "alias", a)
		}
		r.names[e.ID] = names
	}
	for _, c := range g.Claims {
		add(c.IRI, "text", c.Text)
	}
	r.grams = gramIndex(r.entries)
	return r
}

// gramIndex lists, for each three bytes that occur in the folded text of an
// entry, the entries where they occur, in order, each once.
func gramIndex(entries []searchEntry) map[[3]byte][]int32 {
	grams := map[[3]byte][]int32{}
	for i, e := range entries {
		t := e.folded
		for j := 0; j+3 <= len(t); j++ {
			k := [3]byte{t[j], t[j+1], t[j+2]}
			if l := grams[k]; len(l) == 0 || l[len(l)-1] != int32(i) {
				grams[k] = append(l, int32(i))
			}
		}
	}
	return grams
}

// candidates returns the positions of the entries that may contain every word
// (a superset of those that do), or nil and false when the index cannot narrow
// them: a word shorter than three bytes, or no index. A text that contains a word contains its
// every three bytes, so the entries are those of the word's rarest trigram,
// kept when they also hold the other words' rarest ones.
func (r *Reader) candidates(words []string) ([]int32, bool) {
	if r.grams == nil {
		return nil, false
	}
	var lists [][]int32
	for _, w := range words {
		if len(w) < 3 {
			return nil, false
		}
		var rarest []int32
		for j := 0; j+3 <= len(w); j++ {
			l, ok := r.grams[[3]byte{w[j], w[j+1], w[j+2]}]
			if !ok {
				return []int32{}, true // no entry holds this word
			}
			if rarest == nil || len(l) < len(rarest) {
				rarest = l
			}
		}
		lists = append(lists, rarest)
	}
	slices.SortFunc(lists, func(a, b []int32) int { return len(a) - len(b) })
	out := slices.Clone(lists[0])
	for _, l := range lists[1:] {
		kept := out[:0]
		for _, i := range out {
			if _, found := slices.BinarySearch(l, i); found {
				kept = append(kept, i)
			}
		}
		out = kept
	}
	return out, true
}

// fold makes a string comparable for search: lower case, and full-width Latin
// letters and digits as their ASCII forms (ＤｅｅｐＳｅｅｋ finds DeepSeek).
func fold(s string) string {
	return cases.Fold().String(width.Fold.String(s))
}

// Show is [Show] over the reader's quads.
func (r *Reader) Show(id string) (*Shown, error) {
	id = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(id), "<"), ">")
	if id == "" {
		return nil, Inputf("give an id: a claim, relation or entity")
	}
	v := r.v
	iri := v.resolve(id)
	switch {
	case iri == "":
		msg := fmt.Sprintf("no claim, relation or entity %q in the graph", id)
		if sug := diag.Suggest(id, v.ids()); sug != "" {
			msg += fmt.Sprintf("; did you mean %q?", sug)
		}
		return nil, fmt.Errorf("%w: %s", ErrNotFound, msg)
	case v.claims[iri] != nil:
		return v.showClaim(v.claims[iri]), nil
	case v.rels[iri] != nil:
		return v.showRelation(v.rels[iri]), nil
	}
	return v.showEntity(v.entities[iri]), nil
}

// Status returns the grounded label graph evaluate stored for a claim or support
// (in, out or undecided) and, for one out, what defeats it; "" when the store
// holds no results for it.
func (r *Reader) Status(iri string) (string, []Ref) {
	status := r.status[iri]
	by := []Ref{}
	for _, d := range r.defeatedBy[iri] {
		by = append(by, r.v.ref(d))
	}
	return status, by
}

// Evaluated reports whether the reader's quads hold graph evaluate's results.
func (r *Reader) Evaluated() bool { return len(r.status) > 0 }

// Names returns an entity's names (the first is its canonical name), or nil for
// an id that is no entity.
func (r *Reader) Names(id string) []string { return r.names[id] }

// SourceInfo is a source as a list of sources shows it.
type SourceInfo struct {
	ID       string `json:"id"`
	IRI      string `json:"iri"`
	Title    string `json:"title"`
	Kind     string `json:"kind"`
	Language string `json:"language"`
	Date     string `json:"date"`
	URL      string `json:"url"`
	Speakers []Ref  `json:"speakers"`
	// Claims and Relations count what the source states.
	Claims    int `json:"claims"`
	Relations int `json:"relations"`
	// Timed is set when the source's transcript gives the times of its turns.
	Timed bool `json:"timed"`
}

// Sources lists the sources, sorted by id.
//
// The list is made once per reader: it counts every claim, relation and
// utterance. Callers must not change it.
func (r *Reader) Sources() []SourceInfo {
	r.sourcesOnce.Do(func() { r.sources = r.listSources() })
	return r.sources
}

func (r *Reader) listSources() []SourceInfo {
	claims, rels, timed := map[string]int{}, map[string]int{}, map[string]bool{}
	for _, c := range r.v.g.Claims {
		claims[c.Source]++
	}
	for _, rel := range r.v.g.Relations {
		rels[rel.Source]++
	}
	for _, u := range r.v.g.Utterances {
		timed[u.Source] = timed[u.Source] || u.HasTime
	}
	out := []SourceInfo{}
	for _, s := range r.v.g.Sources {
		sum := SourceInfo{ID: s.ID, IRI: s.IRI, Title: s.Title, Kind: s.Kind, Language: s.Language,
			Date: s.Date, URL: s.URL, Speakers: []Ref{}, Claims: claims[s.ID], Relations: rels[s.ID], Timed: timed[s.ID]}
		for _, sp := range s.Speakers {
			sum.Speakers = append(sum.Speakers, r.v.ref(sp))
		}
		out = append(out, sum)
	}
	return out
}

// Hit is one node that a search found.
type Hit struct {
	Node Ref `json:"node"`
	// Field says what matched: name, alias or text; Match is that string.
	Field string `json:"field"`
	Match string `json:"match"`
	// Source and Speaker are set for claims.
	Source  Ref `json:"source"`
	Speaker Ref `json:"speaker"`
}

// Search finds the entities whose names or aliases, and the claims whose texts,
// contain every blank-separated word of q, compared without case and width (a
// Chinese query needs no blanks: it matches as a substring). Each node is found
// once, by its best match; whole and leading matches come first, then entities
// before claims, then by title. At most limit hits are returned when limit > 0,
// and more reports whether some were left out.
func (r *Reader) Search(q string, limit int) (hits []Hit, more bool) {
	words := strings.Fields(fold(q))
	if len(words) == 0 {
		return []Hit{}, false
	}
	// Each node's best entry, then the hits of only the nodes returned: a common
	// word matches thousands of claims.
	type scored struct {
		e     *searchEntry
		score int
	}
	best := map[string]scored{}
	consider := func(i int) {
		e := &r.entries[i]
		score := matchScore(e.folded, words)
		if score < 0 {
			return
		}
		if e.field == "text" {
			score += 10 // entities, whose names are short, before claims
		}
		if b, ok := best[e.iri]; ok && b.score <= score {
			return
		}
		best[e.iri] = scored{e, score}
	}
	if some, ok := r.candidates(words); ok {
		for _, i := range some {
			consider(int(i))
		}
	} else {
		for i := range r.entries {
			consider(i)
		}
	}
	all := make([]scored, 0, len(best))
	for _, s := range best {
		all = append(all, s)
	}
	slices.SortFunc(all, func(a, b scored) int {
		if a.score != b.score {
			return a.score - b.score
		}
		if c := strings.Compare(a.e.title, b.e.title); c != 0 {
			return c
		}
		return strings.Compare(a.e.iri, b.e.iri)
	})
	if limit > 0 && len(all) > limit {
		all, more = all[:limit], true
	}
	hits = make([]Hit, 0, len(all))
	for _, s := range all {
		h := Hit{Node: r.v.ref(s.e.iri), Field: s.e.field, Match: s.e.text}
		if c := r.v.claims[s.e.iri]; c != nil {
			h.Source, h.Speaker = r.v.sourceRef(c.Source), r.v.ref(c.Speaker)
		}
		hits = append(hits, h)
	}
	return hits, more
}

// matchScore is -1 when text lacks a word, 0 when it is the query, 1 when it
// begins with the first word, and 2 otherwise.
func matchScore(text string, words []string) int {
	for _, w := range words {
		if !strings.Contains(text, w) {
			return -1
		}
	}
	switch {
	case text == strings.Join(words, " "):
		return 0
	case strings.HasPrefix(text, words[0]):
		return 1
	}
	return 2
}

// Map is the argument map of the reader's quads narrowed by sel, as
// [export.Map.Select] narrows it for graph export.
//
// A selection of one source is made from that source's part of the map, cut
// once and kept: selecting from the whole map reads every node and edge of the
// store on every request. Selecting the source again from its part gives what
// selecting from the whole gives.
func (r *Reader) Map(sel export.Selection) (*export.Map, error) {
	if len(sel.Sources) != 1 {
		return r.m.Select(sel)
	}
	id := sel.Sources[0]
	if r.m.Source(id) == nil {
		return r.m.Select(sel) // an unknown source: its error, and nothing kept
	}
	r.mu.Lock()
	if r.bySource == nil {
		r.bySource = map[string]*sourcePart{}
	}
	part := r.bySource[id]
	if part == nil {
		part = &sourcePart{}
		r.bySource[id] = part
	}
	r.mu.Unlock()
	part.once.Do(func() {
		part.m, part.err = r.m.Select(export.Selection{Sources: []string{id}, About: true, KeepIsolated: true})
	})
	if part.err != nil {
		return nil, part.err
	}
	m, err := part.m.Select(sel)
	if errors.Is(err, export.ErrUnknownFocus) {
		// A focus outside the source: the whole map says which it is.
		return r.m.Select(sel)
	}
	return m, err
}

// Ref names the node iri (an IRI without angle brackets) for a reader: its kind
// and its name or text; a node the graph does not describe is titled by its IRI.
func (r *Reader) Ref(iri string) Ref { return r.v.ref(iri) }

// TranscriptPart is one block of a transcript as a reader shows it: a turn or cue
// of a transcript read into utterances, or a paragraph of prose.
type TranscriptPart struct {
	Text string `json:"text"`
	// Start and End are the code point offsets of Text in the source's transcript
	// text, which quotes' offsets refer to.
	Start int `json:"start"`
	End   int `json:"end"`
	// SpeakerLabel is the label the transcript gives the turn's speaker, and
	// Speaker the entity it maps to; both empty for prose.
	SpeakerLabel string `json:"speaker_label"`
	Speaker      Ref    `json:"speaker"`
	// SaidAt is when the turn begins, in seconds, when HasTime.
	SaidAt  float64 `json:"said_at"`
	HasTime bool    `json:"has_time"`
}

// Transcript is a source's whole transcript, in parts.
type Transcript struct {
	Source Ref    `json:"source"`
	Format string `json:"format"`
	// Timed is set when its parts have times.
	Timed bool             `json:"timed"`
	Parts []TranscriptPart `json:"parts"`
}

// Transcript returns the transcript of the source id, in its turns when it was
// read into utterances and in its paragraphs otherwise.
func (r *Reader) Transcript(id string) (*Transcript, error) {
	id = strings.TrimPrefix(strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(id), "<"), ">"), "source/")
	src := r.v.sources[id]
	if src == nil {
		var ids []string
		for _, s := range r.v.g.Sources {
			ids = append(ids, s.ID)
		}
		msg := fmt.Sprintf("no source %q in the graph", id)
		if sug := diag.Suggest(id, ids); sug != "" {
			msg += fmt.Sprintf("; did you mean %q?", sug)
		}
		return nil, fmt.Errorf("%w: %s", ErrNotFound, msg)
	}
	text := r.v.textOf(src).runes
	t := &Transcript{Source: r.v.sourceRef(id), Format: src.TranscriptFormat, Parts: []TranscriptPart{}}
	if us := r.v.utterances[id]; len(us) > 0 {
		for _, u := range us {
			start, end := max(0, min(u.Span.Start, len(text))), max(0, min(u.Span.End, len(text)))
			p := TranscriptPart{Text: string(text[start:end]), Start: start, End: max(start, end), SpeakerLabel: u.Label,
				Speaker: r.v.ref(u.Speaker), SaidAt: u.Start, HasTime: u.HasTime}
			t.Timed = t.Timed || u.HasTime
			t.Parts = append(t.Parts, p)
		}
		return t, nil
	}
	// Prose: one part per paragraph, blank lines between them left out.
	start := 0
	for start < len(text) {
		end := start
		for end < len(text) && !(text[end] == '\n' && end+1 < len(text) && text[end+1] == '\n') {
			end++
		}
		if para := strings.TrimSpace(string(text[start:end])); para != "" {
			t.Parts = append(t.Parts, TranscriptPart{Text: string(text[start:end]), Start: start, End: end})
		}
		start = end
		for start < len(text) && text[start] == '\n' {
			start++
		}
	}
	return t, nil
}
