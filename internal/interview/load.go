package interview

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/graphbuilder/graph/internal/argument"
	"github.com/graphbuilder/graph/internal/diag"
	"github.com/graphbuilder/graph/internal/entities"
	"github.com/graphbuilder/graph/internal/extract/rules"
	"github.com/graphbuilder/graph/internal/transcript"
	"github.com/graphbuilder/graph/internal/yamlpos"
	"github.com/graphbuilder/graph/schema"
)

// MaxTranscriptSize bounds a transcript; larger files are refused with a message.
const MaxTranscriptSize = 512 << 20

var (
	topFields    = []string{"source", "schema", "include", "rules", "entities", "claims", "relations"}
	sourceFields = []string{"id", "title", "kind", "language", "date", "url", "author", "speakers", "transcript", "transcript_format"}
	langPattern  = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)
)

// Find expands paths into the graph files to load: a file is taken as it is, a
// folder stands for every graph.yaml below it. The result is sorted and has no
// repeats.
func Find(paths []string) ([]string, error) {
	seen := map[string]bool{}
	var out []string
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		if !info.IsDir() {
			if !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
			continue
		}
		found := 0
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && path != p && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			if !d.IsDir() && d.Name() == FileName {
				found++
				if !seen[path] {
					seen[path] = true
					out = append(out, path)
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		if found == 0 {
			return nil, fmt.Errorf("%s: no %s in this folder or below it", p, FileName)
		}
	}
	sort.Strings(out)
	return out, nil
}

// Loader loads interview graphs against one schema, sharing included catalogs.
type Loader struct {
	Schema   *schema.Schema
	catalogs map[string]*catalogResult
	// allowed are the folders beside each graph's collection that its paths may
	// reach (see [Loader.Allow]).
	allowed []dirRoot
}

type catalogResult struct {
	cat *Catalog
	ds  diag.Diagnostics
}

// NewLoader returns a loader for the given base schema (usually [schema.Core]).
func NewLoader(s *schema.Schema) *Loader {
	return &Loader{Schema: s, catalogs: map[string]*catalogResult{}}
}

// LoadAll loads every file and checks what spans files: that source ids are unique,
// that an entity id has one definition (see [definitions.add]), and that a relation naming a
// claim of another loaded source (SOURCE/CLAIM) names one that exists. It returns the graphs
// that loaded without errors and every diagnostic, sorted.
func (l *Loader) LoadAll(files []string) ([]*Graph, diag.Diagnostics) {
	var graphs []*Graph
	var ds diag.Diagnostics
	sources := map[string]*Graph{}
	defs := definitions{}
	for _, f := range files {
		g, more := l.Load(f)
		ds = append(ds, more...)
		if g == nil {
			continue
		}
		if prev, dup := sources[g.Source.ID]; dup {
			ds = append(ds, diag.Errorf(g.Source.At, "source id %q is already used by %s", g.Source.ID, prev.File))
			continue
		}
		sources[g.Source.ID] = g
		more = defs.add(g)
		ds = append(ds, more...)
		if !more.HasErrors() {
			graphs = append(graphs, g)
		}
	}
	bad := map[*Graph]bool{}
	for _, g := range graphs {
		if more := checkClaimRefs(g, sources); len(more) > 0 {
			ds = append(ds, more...)
			bad[g] = more.HasErrors()
		}
	}
	graphs = slices.DeleteFunc(graphs, func(g *Graph) bool { return bad[g] })
	return graphs, ds.Sort()
}

// checkClaimRefs checks the relation ends of g that name a claim of another source:
// when that source is loaded too, the claim must exist in it. A source that is not
// part of this load cannot be checked, and its references are taken as written.
func checkClaimRefs(g *Graph, sources map[string]*Graph) diag.Diagnostics {
	var ds diag.Diagnostics
	claims := map[string][]string{}
	for _, r := range g.Relations {
		for _, end := range []struct {
			id string
			at diag.Range
		}{{r.From, r.FromAt}, {r.To, r.ToAt}} {
			ref, ok := argument.ParseRef(end.id)
			if !ok || ref.Source == g.Source.ID {
				continue
			}
			other := sources[ref.Source]
			if other == nil {
				continue
			}
			ids, seen := claims[ref.Source]
			if !seen {
				for _, c := range other.Claims {
					ids = append(ids, c.ID)
				}
				claims[ref.Source] = ids
			}
			if slices.Contains(ids, ref.Claim) {
				continue
			}
			d := diag.Errorf(end.at, "unknown claim %q of source %s (%s)", ref.Claim, ref.Source, other.File)
			if sug := diag.Suggest(ref.Claim, ids); sug != "" {
				d.WithHint("did you mean %q?", argument.Ref{Source: ref.Source, Claim: sug}.String())
			}
			ds = append(ds, d)
		}
	}
	return ds
}

// AllEntities returns the graph's inline entities followed by those of its catalogs.
func (g *Graph) AllEntities() []entities.Entity {
	out := append([]entities.Entity(nil), g.Entities...)
	for _, c := range g.Catalogs {
		out = append(out, c.Entities...)
	}
	return out
}

// Load reads and validates one graph file. The graph is nil when there are errors.
func (l *Loader) Load(file string) (*Graph, diag.Diagnostics) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, diag.Diagnostics{diag.Errorf(diag.Range{File: file}, "cannot read: %v", unwrapPath(err))}
	}
	root, ds := yamlpos.Parse(file, data)
	if ds != nil {
		return nil, ds
	}
	top, ds := yamlpos.Fields(file, root, "a graph file", topFields, []string{"source"})
	g := &Graph{File: file}

	sch := l.Schema
	if f, ok := top["schema"]; ok {
		paths, nodes, more := yamlpos.StringList(file, f.Value, "schema")
		ds = append(ds, more...)
		var files []string
		for i, p := range paths {
			full, err := l.resolve(file, p)
			if err == nil {
				_, err = readNamed(full, "a schema", MaxYAMLSize, "node_kinds", "edge_kinds")
			}
			if err != nil {
				ds = append(ds, diag.Errorf(yamlpos.At(file, nodes[i]), "schema file %q: %v", p, err))
				continue
			}
			files = append(files, full)
		}
		ext, more := sch.Extend(files...)
		ds = append(ds, more...)
		sch = ext
	}

	g.Schema = sch
	if f, ok := top["source"]; ok {
		ds = append(ds, l.decodeSource(file, f.Value, g)...)
	}
	if f, ok := top["include"]; ok {
		paths, nodes, more := yamlpos.StringList(file, f.Value, "include")
		ds = append(ds, more...)
		for i, p := range paths {
			full, err := l.resolve(file, p)
			if err != nil {
				ds = append(ds, diag.Errorf(yamlpos.At(file, nodes[i]), "include: %v", err))
				continue
			}
			cat, more := l.catalog(full, yamlpos.At(file, nodes[i]), sch)
			ds = append(ds, more...)
			if cat != nil {
				g.Catalogs = append(g.Catalogs, cat)
			}
		}
	}
	if f, ok := top["rules"]; ok {
		refs, nodes, more := yamlpos.StringList(file, f.Value, "rules")
		ds = append(ds, more...)
		for i, ref := range refs {
			if !strings.HasPrefix(ref, rules.BuiltinPrefix) {
				full, err := l.resolve(file, ref)
				if err == nil {
					ref = full
					_, err = readNamed(full, "a rule pack", MaxYAMLSize, "pack", "rules")
				}
				if err != nil {
					ds = append(ds, diag.Errorf(yamlpos.At(file, nodes[i]), "rules: %v", err))
					continue
				}
			}
			p, more := rules.Load(ref, sch)
			if more.HasErrors() {
				for _, d := range more {
					if d.Subject.File == "" || d.Subject.File == ref && d.Subject.Start.Line == 0 {
						d.Subject = yamlpos.At(file, nodes[i])
					}
				}
				ds = append(ds, more...)
				continue
			}
			g.Rules = append(g.Rules, ref)
			g.Packs = append(g.Packs, p)
		}
	}
	if f, ok := top["entities"]; ok {
		es, more := entities.Decode(file, f.Value, sch)
		ds = append(ds, more...)
		g.Entities = es
		g.noteBroken(file, f.Value, entityIDs(es))
	}
	if f, ok := top["claims"]; ok {
		cs, more := argument.DecodeClaims(file, f.Value)
		ds = append(ds, more...)
		g.Claims = cs
		g.noteBroken(file, f.Value, claimIDs(cs))
	}
	if f, ok := top["relations"]; ok {
		rs, more := argument.DecodeRelations(file, f.Value)
		ds = append(ds, more...)
		g.Relations = rs
		g.noteBroken(file, f.Value, relationIDs(rs))
	}
	ds = append(ds, g.ResolveLabels()...)
	ds = append(ds, g.check(sch)...)
	ds = ds.Sort()
	if ds.HasErrors() {
		return nil, ds
	}
	return g, ds
}

func (l *Loader) decodeSource(file string, n *yaml.Node, g *Graph) diag.Diagnostics {
	fs, ds := yamlpos.Fields(file, n, "source", sourceFields, []string{"id", "title", "kind", "transcript"})
	if fs == nil {
		return ds
	}
	s := &g.Source
	s.At = yamlpos.At(file, n)
	get := func(key string) (string, diag.Range, bool) {
		f, ok := fs[key]
		if !ok {
			return "", diag.Range{}, false
		}
		v, d := yamlpos.String(file, f.Value, key)
		if d != nil {
			ds = append(ds, d)
			return "", diag.Range{}, false
		}
		return v, yamlpos.At(file, f.Value), true
	}
	if v, at, ok := get("id"); ok {
		if !entities.IDPattern.MatchString(v) {
			ds = append(ds, diag.Errorf(at, "source id %q must be lower case letters, digits, '-', '_' or '.'", v))
		} else {
			s.ID, s.At = v, at
		}
	}
	if v, _, ok := get("title"); ok {
		s.Title = v
	}
	if v, at, ok := get("kind"); ok {
		if !slices.Contains(SourceKinds, v) {
			d := diag.Errorf(at, "unknown source kind %q", v)
			if sug := diag.Suggest(v, SourceKinds); sug != "" {
				d.WithHint("did you mean %q?", sug)
			} else {
				d.WithHint("source kinds: %s", strings.Join(SourceKinds, ", "))
			}
			ds = append(ds, d)
		}
		s.Kind = v
	}
	if v, at, ok := get("language"); ok {
		if !langPattern.MatchString(v) {
			ds = append(ds, diag.Errorf(at, "language %q is not a language tag such as zh, en or zh-Hant", v))
		}
		s.Language = v
	}
	if v, at, ok := get("date"); ok {
		if _, err := time.Parse("2006-01-02", v); err != nil {
			ds = append(ds, diag.Errorf(at, "date %q is not a date in the form YYYY-MM-DD", v))
		}
		s.Date = v
	}
	if v, at, ok := get("url"); ok {
		if u, err := url.Parse(v); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			ds = append(ds, diag.Errorf(at, "url %q is not an http or https address", v))
		}
		s.URL = v
	}
	if v, _, ok := get("author"); ok {
		s.Author = v
	}
	if f, ok := fs["speakers"]; ok {
		ds = append(ds, decodeSpeakers(file, f.Value, s)...)
	}
	if v, at, ok := get("transcript_format"); ok {
		f, err := transcript.ParseFormat(v)
		if err != nil {
			d := diag.Errorf(at, "%v", err)
			names := make([]string, len(transcript.Formats))
			for i, f := range transcript.Formats {
				names[i] = string(f)
			}
			if sug := diag.Suggest(v, names); sug != "" {
				d.WithHint("did you mean %q?", sug)
			}
			ds = append(ds, d)
		} else {
			s.TranscriptFormat = f
		}
	}
	if v, at, ok := get("transcript"); ok {
		s.Transcript = v
		path, err := l.resolve(file, v)
		if err != nil {
			ds = append(ds, diag.Errorf(at, "transcript: %v", err))
			return ds
		}
		data, d := readTranscript(path, at)
		if d != nil {
			ds = append(ds, d)
			return ds
		}
		labels := make([]string, len(s.Labels))
		for i, sl := range s.Labels {
			labels[i] = sl.Label
		}
		t, more := transcript.Parse(path, data, s.TranscriptFormat, labels...)
		ds = append(ds, more...)
		if t != nil && !more.HasErrors() {
			g.Utterances = t
			g.Transcript = t.Text
			sum := sha256.Sum256(data)
			g.TranscriptSHA256 = hex.EncodeToString(sum[:])
		}
	}
	return ds
}

func readTranscript(path string, at diag.Range) ([]byte, *diag.Diagnostic) {
	if err := regularFile(path, MaxTranscriptSize); err != nil {
		return nil, diag.Errorf(at, "transcript: %v", err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, diag.Errorf(at, "transcript: %v", unwrapPath(err))
	}
	if len(strings.TrimSpace(string(data))) == 0 {
		return nil, diag.Errorf(at, "transcript %s is empty", path)
	}
	if off := yamlpos.InvalidUTF8(data); off >= 0 {
		return nil, diag.Errorf(at, "transcript %s is not valid UTF-8: bad byte at offset %d", path, off)
	}
	return data, nil
}

// MaxYAMLSize bounds an included catalog or schema file.
const MaxYAMLSize = 64 << 20

// regularFile refuses what is not a regular file of at most limit bytes: a folder,
// a device (/dev/zero reports size 0 and never ends), a FIFO (reading one blocks
// until a writer comes), a socket. Symbolic links are followed.
func regularFile(path string, limit int64) error {
	info, err := os.Stat(path)
	if err != nil {
		return unwrapPath(err)
	}
	switch {
	case info.IsDir():
		return fmt.Errorf("%s is a folder, not a file", path)
	case !info.Mode().IsRegular():
		return fmt.Errorf("%s is not a regular file (%s)", path, info.Mode().Type())
	case info.Size() > limit:
		return fmt.Errorf("%s is %d bytes; the limit is %d", path, info.Size(), limit)
	}
	return nil
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if e, ok := err.(*fs.PathError); ok {
		pe = e
		return pe.Err
	}
	return err
}

// catalog loads an included catalog once per loader.
func (l *Loader) catalog(path string, at diag.Range, sch *schema.Schema) (*Catalog, diag.Diagnostics) {
	key, _ := filepath.Abs(path)
	if r, ok := l.catalogs[key]; ok {
		if r.ds.HasErrors() {
			return nil, diag.Diagnostics{diag.Errorf(at, "included catalog %s has errors (reported above)", path)}
		}
		return r.cat, nil
	}
	data, err := readNamed(path, "a catalog", MaxYAMLSize, "catalog", "entities")
	if err != nil {
		return nil, diag.Diagnostics{diag.Errorf(at, "include: %v", err)}
	}
	r := &catalogResult{}
	l.catalogs[key] = r
	root, ds := yamlpos.Parse(path, data)
	if ds != nil {
		r.ds = ds
		return nil, ds
	}
	top, ds := yamlpos.Fields(path, root, "a catalog", []string{"catalog", "entities"}, []string{"catalog", "entities"})
	cat := &Catalog{File: path}
	if f, ok := top["catalog"]; ok {
		id, d := yamlpos.String(path, f.Value, "catalog")
		switch {
		case d != nil:
			ds = append(ds, d)
		case !entities.IDPattern.MatchString(id):
			ds = append(ds, diag.Errorf(yamlpos.At(path, f.Value), "catalog id %q must be lower case letters, digits, '-', '_' or '.'", id))
		default:
			cat.ID = id
		}
	}
	if f, ok := top["entities"]; ok {
		es, more := entities.Decode(path, f.Value, sch)
		ds = append(ds, more...)
		cat.Entities = es
	}
	ptrs := make([]*entities.Entity, len(cat.Entities))
	for i := range cat.Entities {
		ptrs[i] = &cat.Entities[i]
	}
	ds = append(ds, checkEntities(ptrs, sch)...)
	r.cat, r.ds = cat, ds
	if ds.HasErrors() {
		return nil, ds
	}
	return cat, ds
}
