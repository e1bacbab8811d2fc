package fileschema

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/graphbuilder/graph/internal/diag"
	"github.com/graphbuilder/graph/internal/extract/rules"
	"github.com/graphbuilder/graph/internal/interview"
	"github.com/graphbuilder/graph/internal/link"
	"github.com/graphbuilder/graph/schema"
)

// Keys are the keys a loader accepts in one kind of mapping, in the order the
// loader lists them, and those of them it requires.
type Keys struct {
	Allowed, Required []string
}

// probeKey is a key that no loader knows and that is far from every key they do,
// so that a loader meeting it lists all its known fields rather than suggesting one.
const probeKey = "x-probe-key-known-to-no-loader"

// probes are documents that put a mapping holding only probeKey at every place a
// loader reads a mapping. Each loader then reports the key as unknown, with the
// fields it knows there, and every field it requires as missing.
var (
	probeGraph   = probeKey + ": 1\n"
	probeNested  = "source: {" + probeKey + ": 1}\ninclude: [catalog.yaml]\nentities: [{" + probeKey + ": 1}]\nclaims: [{" + probeKey + ": 1}]\nrelations: [{" + probeKey + ": 1}]\n"
	probeCatalog = probeKey + ": 1\n"
	probePack    = probeKey + ": 1\n"
	probeRules   = "pack: probe\nrules:\n  - {" + probeKey + ": 1}\n  - id: probe\n    kind: claim\n    pattern: '{speaker} says {claim}'\n    confidence: 0.5\n    links: [{" + probeKey + ": 1}]\n    examples:\n      - {" + probeKey + ": 1}\n      - {text: probe, want: [{" + probeKey + ": 1}]}\n"
	probeLinks   = probeKey + ": 1\n"
)

var (
	unknownRe  = regexp.MustCompile(`^unknown field "` + regexp.QuoteMeta(probeKey) + `" in (.+)$`)
	requiredRe = regexp.MustCompile(`^(.+) has no "([a-z_]+)"$`)
)

// Probe asks the loaders of graph files, catalogs, rule packs and decisions files
// which keys each of their mappings accepts and requires, by the names their
// messages give those mappings ("a graph file", "an entity", "a rule", ...).
func Probe() (map[string]Keys, error) {
	dir, err := os.MkdirTemp("", "fileschema-probe-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	write := func(name, text string) (string, error) {
		p := filepath.Join(dir, name)
		return p, os.WriteFile(p, []byte(text), 0o644)
	}
	var ds diag.Diagnostics
	for _, doc := range []struct{ name, text string }{
		{"top/graph.yaml", probeGraph},
		{"nested/graph.yaml", probeNested},
		{"nested/catalog.yaml", probeCatalog},
	} {
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(doc.name)), 0o755); err != nil {
			return nil, err
		}
		if _, err := write(doc.name, doc.text); err != nil {
			return nil, err
		}
	}
	loader := interview.NewLoader(schema.Core())
	for _, f := range []string{"top/graph.yaml", "nested/graph.yaml"} {
		_, more := loader.Load(filepath.Join(dir, f))
		ds = append(ds, more...)
	}
	for _, text := range []string{probePack, probeRules} {
		_, more := rules.Parse("probe.yaml", []byte(text), schema.Core())
		ds = append(ds, more...)
	}
	links, err := write("links.yaml", probeLinks)
	if err != nil {
		return nil, err
	}
	_, more := link.LoadDecisions(links)
	ds = append(ds, more...)
	return readProbe(ds)
}

// readProbe reads the keys out of the diagnostics of the probe documents.
func readProbe(ds diag.Diagnostics) (map[string]Keys, error) {
	out := map[string]Keys{}
	for _, d := range ds {
		if m := unknownRe.FindStringSubmatch(d.Summary); m != nil {
			list, ok := strings.CutPrefix(d.Hint, "known fields: ")
			if !ok {
				return nil, fmt.Errorf("the loader of %s did not list its fields for an unknown key (hint %q)", m[1], d.Hint)
			}
			k := out[m[1]]
			k.Allowed = strings.Split(list, ", ")
			out[m[1]] = k
		}
	}
	for _, d := range ds {
		if m := requiredRe.FindStringSubmatch(d.Summary); m != nil {
			k, ok := out[m[1]]
			if !ok {
				continue
			}
			if !slices.Contains(k.Required, m[2]) {
				k.Required = append(k.Required, m[2])
			}
			out[m[1]] = k
		}
	}
	// Required keys in the order the loader lists its keys, not the order its
	// messages were sorted in.
	for what, k := range out {
		slices.SortFunc(k.Required, func(a, b string) int { return slices.Index(k.Allowed, a) - slices.Index(k.Allowed, b) })
		out[what] = k
	}
	return out, nil
}
