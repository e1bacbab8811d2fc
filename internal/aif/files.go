package aif

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/graphbuilder/graph/internal/diag"
	"github.com/graphbuilder/graph/internal/entities"
	"github.com/graphbuilder/graph/internal/rdf"
	"github.com/graphbuilder/graph/internal/vocab"
)

// DefaultPrefix is the source id prefix of imported files; {dir} stands for the
// name of the folder the file is in, so qt30/nodeset19098.json becomes the source
// aif-qt30-nodeset19098.
const DefaultPrefix = "aif-{dir}"

// Find expands paths into the AIF files to import: a file is taken as it is, a
// folder stands for every *.json file below it (hidden folders are skipped). The
// result is sorted and has no repeats.
func Find(paths []string) ([]string, error) {
	seen := map[string]bool{}
	var out []string
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !info.IsDir() {
			add(p)
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
			if !d.IsDir() && strings.EqualFold(filepath.Ext(path), ".json") {
				found++
				add(path)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		if found == 0 {
			return nil, fmt.Errorf("%s: no .json file in this folder or below it", p)
		}
	}
	sort.Strings(out)
	return out, nil
}

// SourceID makes the id of the source a file becomes: the prefix, with {dir}
// replaced by the file's folder name, a '-', and the file name without its
// extension, all lowered to the characters ids allow. An empty prefix gives the file
// name alone.
func SourceID(path, prefix string) string {
	stem := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	dir := filepath.Base(filepath.Dir(path))
	if abs, err := filepath.Abs(path); err == nil {
		dir = filepath.Base(filepath.Dir(abs))
	}
	id := slug(stem, "._")
	if p := slug(strings.ReplaceAll(prefix, "{dir}", dir), "._"); p != "" {
		id = strings.Trim(p+"-"+id, "-")
	}
	if !entities.IDPattern.MatchString(id) {
		return "aif"
	}
	return id
}

// Title is the title an imported file's source gets: "AIF qt30/nodeset19098.json".
func Title(path string) string {
	dir := filepath.Base(filepath.Dir(path))
	if abs, err := filepath.Abs(path); err == nil {
		dir = filepath.Base(filepath.Dir(abs))
	}
	return "AIF " + dir + "/" + filepath.Base(path)
}

// ReadFile reads, parses and converts one AIF file.
func ReadFile(path string, opts Options) (*Result, diag.Diagnostics) {
	info, err := os.Stat(path)
	if err == nil && info.Size() > MaxFileSize {
		return nil, diag.Diagnostics{diag.Errorf(diag.Range{File: path}, "file is %d bytes; the limit is %d", info.Size(), MaxFileSize)}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, diag.Diagnostics{diag.Errorf(diag.Range{File: path}, "cannot read: %v", err)}
	}
	ns, ds := Parse(path, data)
	if ds.HasErrors() {
		return nil, ds
	}
	res, more := Convert(ns, opts)
	return res, append(ds, more...)
}

// Quads returns the quads of the imported source, sorted: those [rdf.Sets] writes
// for its graph, and the AIF node id (<aif_id>) of every claim and relation and the
// locution time (<uttered_at>) of every claim that has one.
func (r *Result) Quads() []quad.Quad {
	set := rdf.Sets(r.Graph)[0]
	label := set.Label
	qs := set.Quads
	src := r.Graph.Source.ID
	add := func(s quad.Value, p quad.IRI, v string) {
		qs = append(qs, quad.Quad{Subject: s, Predicate: p, Object: quad.String(v), Label: label})
	}
	for _, c := range r.Graph.Claims {
		iri := vocab.ClaimIRI(src, c.ID)
		add(iri, vocab.AIFID, r.NodeIDs[c.ID])
		if t := r.UtteredAt[c.ID]; t != "" {
			add(iri, vocab.UtteredAt, t)
		}
	}
	for _, q := range set.Quads {
		if q.Predicate != vocab.CuratedID {
			continue
		}
		if id, ok := q.Object.(quad.String); ok {
			if node, ok := r.NodeIDs[string(id)]; ok {
				add(q.Subject, vocab.AIFID, node)
			}
		}
	}
	return vocab.Sorted(qs)
}
