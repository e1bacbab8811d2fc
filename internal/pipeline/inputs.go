package pipeline

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"
	"gopkg.in/yaml.v3"

	"github.com/graphbuilder/graph/internal/argument"
	"github.com/graphbuilder/graph/internal/diag"
	"github.com/graphbuilder/graph/internal/extract/rules"
	"github.com/graphbuilder/graph/internal/interview"
	"github.com/graphbuilder/graph/internal/store"
	"github.com/graphbuilder/graph/internal/vocab"
	"github.com/graphbuilder/graph/schema"
)

// A build remembers, per source, what it read to make the source's quads: the
// graph file, its transcript, its schema files, included catalogs, rule packs
// and review decisions, hashed with the tool that read them and the flags that
// shaped the quads (store.Store.Inputs keeps the record in the transaction that
// writes the source). A later build finds each graph file's record by its path,
// hashes the files the record lists and, when nothing differs, neither parses,
// checks, extracts nor makes the quads of that graph: the source is reported as
// unchanged.
//
// What a full build checks across graphs is still checked, from the records:
// source ids are unique, an entity id is one kind of thing everywhere, and a
// relation naming a claim of another source names one that exists, whichever of
// the two graphs changed. So a record keeps the source's claim ids, its
// references to other sources' claims, and its own entities' kinds, each with the
// place a diagnostic points at; a catalog's record keeps its entities' kinds.

// inputsVersion is the format of the records; a record of another format is
// ignored, and its graph is loaded as if new.
const inputsVersion = 1

// Fingerprint is what, besides a graph's files, makes its quads: the tool and the
// build's flags. A record made under another fingerprint never matches.
type Fingerprint struct {
	// Tool identifies the program (see [ToolFingerprint]).
	Tool          string
	Extract       bool
	MinConfidence float64
	// Allow are the folders besides their own that graphs may read (see
	// [interview.Loader.Allow]): a graph that loaded under other ones might not
	// load now.
	Allow []string
}

// ToolFingerprint identifies the running binary: its build information (module
// versions, commit, settings) and, since a build of a modified checkout keeps the
// commit it started from, the executable's size and modification time. A new
// binary rebuilds every graph once.
func ToolFingerprint() string {
	var b strings.Builder
	if info, ok := debug.ReadBuildInfo(); ok {
		b.WriteString(info.String())
	}
	if exe, err := os.Executable(); err == nil {
		if st, err := os.Stat(exe); err == nil {
			fmt.Fprintf(&b, "\nexecutable %d %d", st.Size(), st.ModTime().UnixNano())
		}
	}
	return b.String()
}

// sourceRecord is what the store keeps for a source.
type sourceRecord struct {
	Version int `json:"v"`
	// File is the graph file's absolute path; Hash is [inputsHash] of Files, the
	// absolute paths of everything the graph was made from, the graph file first.
	File  string   `json:"file"`
	Hash  string   `json:"hash"`
	Files []string `json:"files"`
	// Row is the source's line of the build summary.
	Row SourceSummary `json:"row"`
	// Kinds counts the curated relations by kind; Critics counts who states
	// criticisms; Speaker is the first speaker, for the summary's suggestion.
	Kinds   map[string]int `json:"kinds,omitempty"`
	Critics map[string]int `json:"critics,omitempty"`
	Speaker string         `json:"speaker,omitempty"`
	// At is where the source's id is written.
	At       diag.Range     `json:"at"`
	Claims   []string       `json:"claims"`
	Refs     []recordRef    `json:"refs,omitempty"`
	Entities []recordEntity `json:"entities,omitempty"`
	// Catalogs are the ids of the catalogs the graph includes, in its order.
	Catalogs []string `json:"catalogs,omitempty"`
}

// recordRef is a relation end naming a claim of another source.
type recordRef struct {
	Source string     `json:"source"`
	Claim  string     `json:"claim"`
	At     diag.Range `json:"at"`
}

// recordEntity is an entity's id and kind, with where each is written.
type recordEntity struct {
	ID     string     `json:"id"`
	Kind   string     `json:"kind"`
	At     diag.Range `json:"at"`
	KindAt diag.Range `json:"kind_at"`
}

// catalogRecord is what the store keeps for a catalog: the file its quads were
// made from, that file's hash, and its entities.
type catalogRecord struct {
	Version  int            `json:"v"`
	File     string         `json:"file"`
	Hash     string         `json:"hash"`
	Entities []recordEntity `json:"entities"`
	// Quads is the size of the catalog's set.
	Quads int `json:"quads"`
}

// Prior is what a store remembers of earlier builds, by graph file and catalog.
type Prior struct {
	sources  map[string][]*sourceRecord // by absolute graph file
	catalogs map[string]*catalogRecord  // by catalog id
}

// ReadPrior reads the inputs records of the store cfg names, without creating a
// store that does not exist. A store that keeps no records (memory) gives an
// empty Prior, and every graph is loaded.
func ReadPrior(ctx context.Context, cfg store.Config) (*Prior, error) {
	p := &Prior{sources: map[string][]*sourceRecord{}, catalogs: map[string]*catalogRecord{}}
	if !store.KeepsInputs(cfg.Backend) {
		return p, nil
	}
	cfg.MustExist = true
	st, err := store.Open(ctx, cfg)
	if errors.Is(err, store.ErrNoStore) {
		return p, nil
	}
	if err != nil {
		return nil, err
	}
	defer st.Close()
	recs, err := st.Inputs(ctx)
	if err != nil {
		return nil, err
	}
	p.add(recs)
	return p, nil
}

// add decodes records; those it cannot read, or of another format, are left out.
func (p *Prior) add(recs map[quad.IRI][]byte) {
	for label, data := range recs {
		if id, ok := vocab.SourceID(string(label)); ok {
			var r sourceRecord
			if json.Unmarshal(data, &r) == nil && r.Version == inputsVersion && r.Row.ID == id {
				r.At = shown(r.At)
				for i := range r.Refs {
					r.Refs[i].At = shown(r.Refs[i].At)
				}
				showEntities(r.Entities)
				p.sources[r.File] = append(p.sources[r.File], &r)
			}
			continue
		}
		if id, ok := vocab.CatalogID(string(label)); ok {
			var r catalogRecord
			if json.Unmarshal(data, &r) == nil && r.Version == inputsVersion {
				showEntities(r.Entities)
				p.catalogs[id] = &r
			}
		}
	}
}

// Plan is a build's graphs: those loaded because their inputs changed (or were
// never recorded), and those left unread because they did not.
type Plan struct {
	// Graphs are the loaded graphs, in the order of their files.
	Graphs []*interview.Graph
	// Diagnostics are those of the loaded graphs and of the checks across all.
	Diagnostics diag.Diagnostics
	// Unchanged is how many graphs were left unread.
	Unchanged int

	fp    Fingerprint
	prior *Prior
	// order is every graph file; a build clears its loaded graphs once it has
	// made the summary, the last thing that reads them here.
	order []planned
	// records of the loaded graphs and of their catalogs, to store with them.
	sources  map[*interview.Graph]*sourceRecord
	catalogs map[string]*catalogRecord
}

// planned is one graph file of a plan: loaded (graph set) or unchanged (record
// set), with the path as this build found it.
type planned struct {
	file  string
	graph *interview.Graph
	rec   *sourceRecord
}

// LoadPlan is [Load] for a build: it finds the graph files under paths and loads
// and checks those whose inputs differ from what prior recorded under fp; the
// others are unchanged, and checked against the rest from their records. It fails
// as Load does; fp.Allow is Load's allow.
func LoadPlan(paths []string, prior *Prior, fp Fingerprint) (*Plan, error) {
	if prior == nil {
		prior = &Prior{}
	}
	plan := &Plan{fp: fp, prior: prior,
		sources: map[*interview.Graph]*sourceRecord{}, catalogs: map[string]*catalogRecord{}}
	files, err := interview.Find(paths)
	if err != nil {
		return plan, Inputf("%v", err)
	}
	h := newFileHashes()
	var changed []string
	for _, f := range files {
		if rec := prior.unchanged(f, fp, h); rec != nil {
			plan.order = append(plan.order, planned{file: f, rec: rec})
			plan.Unchanged++
			continue
		}
		plan.order = append(plan.order, planned{file: f})
		changed = append(changed, f)
	}
	l := interview.NewLoader(schema.Core())
	if err := l.Allow(fp.Allow...); err != nil {
		return plan, Inputf("%v", err)
	}
	graphs, ds := l.LoadAll(changed)
	byFile := map[string]*interview.Graph{}
	for _, g := range graphs {
		byFile[g.File] = g
	}
	for i := range plan.order {
		if g := byFile[plan.order[i].file]; g != nil {
			plan.order[i].graph = g
			plan.Graphs = append(plan.Graphs, g)
		}
	}
	ds = append(ds, plan.checkAcross(prior)...)
	plan.Diagnostics = ds.Sort()
	if err := plan.Diagnostics.Err(); err != nil {
		plan.Graphs = nil
		return plan, err
	}
	for _, g := range plan.Graphs {
		rec, cats, err := newRecords(g, fp, h)
		if err != nil {
			return plan, err
		}
		plan.sources[g] = rec
		for id, c := range cats {
			if plan.catalogs[id] == nil { // the first graph's catalog is the one written
				plan.catalogs[id] = c
			}
		}
	}
	return plan, nil
}

// unchanged returns the record of the graph file f whose inputs are as recorded,
// or nil. A graph's catalogs must also be stored as made from the files it
// includes: another graph may include another file with the same catalog id.
func (p *Prior) unchanged(f string, fp Fingerprint, h *fileHashes) *sourceRecord {
	abs, err := filepath.Abs(f)
	if err != nil {
		return nil
	}
	for _, rec := range p.sources[abs] {
		if len(rec.Files) == 0 || inputsHash(fp, rec.Files, h) != rec.Hash {
			continue
		}
		ok := true
		for _, id := range rec.Catalogs {
			c := p.catalogs[id]
			if c == nil || !slices.Contains(rec.Files, c.File) || h.sum(c.File) != c.Hash {
				ok = false
				break
			}
		}
		if ok {
			return rec
		}
	}
	return nil
}

// checkAcross checks, between graphs of which at least one is unchanged, what
// [interview.Loader.LoadAll] checks between the graphs it loads, with the same
// messages: unique source ids, one kind per entity id, and references to claims
// of other sources.
func (plan *Plan) checkAcross(prior *Prior) diag.Diagnostics {
	if plan.Unchanged == 0 {
		return nil
	}
	type seenSource struct {
		file      string
		unchanged bool
		claims    []string
	}
	type seenEntity struct {
		kind      string
		at        diag.Range
		unchanged bool
	}
	var ds diag.Diagnostics
	sources := map[string]*seenSource{}
	kinds := map[string]seenEntity{}
	entity := func(id, kind string, at, kindAt diag.Range, unchanged bool) {
		prev, ok := kinds[id]
		if !ok {
			kinds[id] = seenEntity{kind, at, unchanged}
			return
		}
		if prev.kind != kind && (prev.unchanged || unchanged) {
			ds = append(ds, diag.Errorf(kindAt, "entity %q is a %s here but a %s at %s", id, kind, prev.kind, prev.at.Location()))
		}
	}
	for _, p := range plan.order {
		switch {
		case p.graph != nil:
			g := p.graph
			if prev := sources[g.Source.ID]; prev != nil {
				if prev.unchanged {
					ds = append(ds, diag.Errorf(g.Source.At, "source id %q is already used by %s", g.Source.ID, prev.file))
				}
				continue
			}
			s := &seenSource{file: g.File}
			for _, c := range g.Claims {
				s.claims = append(s.claims, c.ID)
			}
			sources[g.Source.ID] = s
			for _, e := range g.AllEntities() {
				entity(e.ID, e.Kind, e.At, e.KindAt, false)
			}
		case p.rec != nil:
			r := p.rec
			if prev := sources[r.Row.ID]; prev != nil {
				ds = append(ds, diag.Errorf(r.At, "source id %q is already used by %s", r.Row.ID, prev.file))
				continue
			}
			sources[r.Row.ID] = &seenSource{file: p.file, unchanged: true, claims: r.Claims}
			for _, e := range r.Entities {
				entity(e.ID, e.Kind, e.At, e.KindAt, true)
			}
			for _, id := range r.Catalogs {
				for _, e := range prior.catalogs[id].Entities {
					entity(e.ID, e.Kind, e.At, e.KindAt, true)
				}
			}
		}
	}
	refs := func(own string, unchanged bool, list []recordRef) {
		for _, ref := range list {
			other := sources[ref.Source]
			if other == nil || ref.Source == own || !unchanged && !other.unchanged {
				continue
			}
			if slices.Contains(other.claims, ref.Claim) {
				continue
			}
			d := diag.Errorf(ref.At, "unknown claim %q of source %s (%s)", ref.Claim, ref.Source, other.file)
			if sug := diag.Suggest(ref.Claim, other.claims); sug != "" {
				d.WithHint("did you mean %q?", argument.Ref{Source: ref.Source, Claim: sug}.String())
			}
			ds = append(ds, d)
		}
	}
	for _, p := range plan.order {
		switch {
		case p.graph != nil:
			refs(p.graph.Source.ID, false, claimRefs(p.graph))
		case p.rec != nil:
			refs(p.rec.Row.ID, true, p.rec.Refs)
		}
	}
	return ds
}

// claimRefs are the relation ends of g that name a claim of another source.
func claimRefs(g *interview.Graph) []recordRef {
	var out []recordRef
	for _, r := range g.Relations {
		for _, end := range []struct {
			id string
			at diag.Range
		}{{r.From, r.FromAt}, {r.To, r.ToAt}} {
			if ref, ok := argument.ParseRef(end.id); ok && ref.Source != g.Source.ID {
				out = append(out, recordRef{Source: ref.Source, Claim: ref.Claim, At: end.at})
			}
		}
	}
	return out
}

// newRecords makes the records of a loaded graph and of its catalogs. The row's
// quad count is filled in when the quads are made.
func newRecords(g *interview.Graph, fp Fingerprint, h *fileHashes) (*sourceRecord, map[string]*catalogRecord, error) {
	files, err := inputFiles(g)
	if err != nil {
		return nil, nil, err
	}
	rec := &sourceRecord{
		Version: inputsVersion,
		File:    files[0],
		Hash:    inputsHash(fp, files, h),
		Files:   files,
		At:      stored(g.Source.At),
		Claims:  []string{},
		Refs:    claimRefs(g),
	}
	for i := range rec.Refs {
		rec.Refs[i].At = stored(rec.Refs[i].At)
	}
	for _, c := range g.Claims {
		rec.Claims = append(rec.Claims, c.ID)
	}
	for _, e := range g.Entities {
		rec.Entities = append(rec.Entities, recordEntity{ID: e.ID, Kind: e.Kind, At: stored(e.At), KindAt: stored(e.KindAt)})
	}
	if len(g.Source.Speakers) > 0 {
		rec.Speaker = g.Source.Speakers[0]
	}
	for _, r := range g.Relations {
		if rec.Kinds == nil {
			rec.Kinds = map[string]int{}
		}
		rec.Kinds[r.Kind]++
		if r.Kind == "criticizes" && r.By != "" {
			if rec.Critics == nil {
				rec.Critics = map[string]int{}
			}
			rec.Critics[r.By]++
		}
	}
	cats := map[string]*catalogRecord{}
	for _, c := range g.Catalogs {
		rec.Catalogs = append(rec.Catalogs, c.ID)
		abs, err := filepath.Abs(c.File)
		if err != nil {
			return nil, nil, err
		}
		cr := &catalogRecord{Version: inputsVersion, File: abs, Hash: h.sum(abs), Entities: []recordEntity{}}
		for _, e := range c.Entities {
			cr.Entities = append(cr.Entities, recordEntity{ID: e.ID, Kind: e.Kind, At: stored(e.At), KindAt: stored(e.KindAt)})
		}
		cats[c.ID] = cr
	}
	return rec, cats, nil
}

// inputFiles lists, as absolute paths, every file a graph was made from: the
// graph file, its schema files, catalogs, rule pack files, transcript, and the
// review decisions beside it (which need not exist).
func inputFiles(g *interview.Graph) ([]string, error) {
	dir := filepath.Dir(g.File)
	list := []string{g.File}
	schemas, err := schemaFiles(g.File)
	if err != nil {
		return nil, err
	}
	for _, s := range schemas {
		list = append(list, filepath.Join(dir, s))
	}
	for _, c := range g.Catalogs {
		list = append(list, c.File)
	}
	for _, r := range g.Rules {
		if !strings.HasPrefix(r, rules.BuiltinPrefix) {
			list = append(list, r)
		}
	}
	list = append(list, filepath.Join(dir, g.Source.Transcript), DecisionsFile(g))
	out := make([]string, 0, len(list))
	for _, f := range list {
		abs, err := filepath.Abs(f)
		if err != nil {
			return nil, err
		}
		if !slices.Contains(out, abs) {
			out = append(out, abs)
		}
	}
	return out, nil
}

// schemaFiles reads the schema files a graph file names; the loader has checked
// the file, and most name none, so most are not decoded a second time.
func schemaFiles(file string) ([]string, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	if !bytes.Contains(data, []byte("schema")) {
		return nil, nil
	}
	var top struct {
		Schema []string `yaml:"schema"`
	}
	if err := yaml.Unmarshal(data, &top); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return top.Schema, nil
}

// inputsHash is the hash of a graph's inputs: the fingerprint, then each file's
// path and content hash, in the order given.
func inputsHash(fp Fingerprint, files []string, h *fileHashes) string {
	s := sha256.New()
	fmt.Fprintf(s, "graph inputs v%d\n%q\nextract=%t min-confidence=%s allow=%q\n", inputsVersion, fp.Tool, fp.Extract, strconv.FormatFloat(fp.MinConfidence, 'g', -1, 64), fp.Allow)
	for _, f := range files {
		fmt.Fprintf(s, "%q %s\n", f, h.sum(f))
	}
	return hex.EncodeToString(s.Sum(nil))
}

// fileHashes hashes files once per build: catalogs are inputs of many graphs.
type fileHashes struct{ sums map[string]string }

func newFileHashes() *fileHashes { return &fileHashes{sums: map[string]string{}} }

// sum is the hex SHA-256 of a file's content, or "absent" when it cannot be read.
func (h *fileHashes) sum(path string) string {
	if s, ok := h.sums[path]; ok {
		return s
	}
	s := "absent"
	if data, err := os.ReadFile(path); err == nil {
		d := sha256.Sum256(data)
		s = hex.EncodeToString(d[:])
	}
	h.sums[path] = s
	return s
}

// stored makes a range's file absolute for a record, which a build run from
// another folder reads; shown makes it relative to the working folder again, as
// the loader's own diagnostics are when given relative paths.
func stored(r diag.Range) diag.Range {
	if r.File != "" {
		if abs, err := filepath.Abs(r.File); err == nil {
			r.File = abs
		}
	}
	return r
}

func shown(r diag.Range) diag.Range {
	if !filepath.IsAbs(r.File) {
		return r
	}
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, r.File); err == nil && !strings.HasPrefix(rel, "..") {
			r.File = rel
		}
	}
	return r
}

func showEntities(es []recordEntity) {
	for i := range es {
		es[i].At, es[i].KindAt = shown(es[i].At), shown(es[i].KindAt)
	}
}

// firstSpeaker is the recorded first speaker, or "" for no record.
func (r *sourceRecord) firstSpeaker() string {
	if r == nil {
		return ""
	}
	return r.Speaker
}

// sourceRecord is the encoded record of a loaded graph with its summary row, or
// nil without a plan.
func (plan *Plan) sourceRecord(g *interview.Graph, row SourceSummary) []byte {
	if plan == nil || plan.sources[g] == nil {
		return nil
	}
	rec := *plan.sources[g]
	row.File = ""
	rec.Row = row
	data, err := json.Marshal(&rec)
	if err != nil {
		return nil // cannot happen for these types; no record means a full reload
	}
	return data
}

// summarized clears the loaded graphs from the plan's order once the build has
// made its summary: from then on the build's own list holds each graph until it
// is written, and release lets it go.
func (plan *Plan) summarized() {
	if plan == nil {
		return
	}
	for i := range plan.order {
		plan.order[i].graph = nil
	}
}

// release forgets the record of g, whose quads and record are written: a large
// build then holds only the graphs it has yet to write (the loaded graphs of
// 1,000 interviews take about 230 MB).
func (plan *Plan) release(g *interview.Graph) {
	if plan == nil {
		return
	}
	delete(plan.sources, g)
}

// catalogRecord is the encoded record of a catalog of quads quads, or nil without
// a plan.
func (plan *Plan) catalogRecord(id string, quads int) []byte {
	if plan == nil || plan.catalogs[id] == nil {
		return nil
	}
	rec := *plan.catalogs[id]
	rec.Quads = quads
	data, err := json.Marshal(&rec)
	if err != nil {
		return nil
	}
	return data
}

// unchangedCatalogQuads counts the quads of the catalogs that only unchanged
// graphs include, which the build did not write: a build reports them unchanged,
// as a full build would.
func (plan *Plan) unchangedCatalogQuads(written map[quad.IRI]bool) int {
	if plan == nil {
		return 0
	}
	n := 0
	for _, p := range plan.order {
		if p.rec == nil {
			continue
		}
		for _, id := range p.rec.Catalogs {
			if label := vocab.CatalogIRI(id); !written[label] {
				written[label] = true
				if c := plan.prior.catalogs[id]; c != nil {
					n += c.Quads
				}
			}
		}
	}
	return n
}
