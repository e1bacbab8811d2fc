package aif

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/google/go-cmp/cmp"

	"github.com/graphbuilder/graph/internal/store"
	"github.com/graphbuilder/graph/internal/vocab"
)

// corpusDir holds the real AIF corpora (QT30, AraucariaDB); it lies beside the
// repository, so the tests that need it skip when it is absent.
const corpusDir = "../../../shared/corpus/aif"

func corpusFiles(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(corpusDir, "*", "*.json"))
	if err != nil || len(files) == 0 {
		t.Skipf("no AIF corpus at %s", corpusDir)
	}
	return files
}

// countedCorpora are the corpus folders whose files [rawCounts] counts exactly: in
// them every speaker has a locution entry. Larger dumps such as qt30-train name
// speakers in L-node texts that no locution lists, which the decoder follows and
// the raw count cannot.
var countedCorpora = []string{"araucaria", "qt30"}

func countedFiles(t testing.TB) []string {
	t.Helper()
	var out []string
	for _, f := range corpusFiles(t) {
		if slices.Contains(countedCorpora, filepath.Base(filepath.Dir(f))) {
			out = append(out, f)
		}
	}
	return out
}

func importFile(t testing.TB, file string) *Result {
	t.Helper()
	res, ds := ReadFile(file, Options{SourceID: SourceID(file, DefaultPrefix), Title: Title(file)})
	if ds.HasErrors() {
		t.Fatalf("%s: %v", file, ds)
	}
	return res
}

// rawCounts counts what a file holds straight from its JSON, without the decoder:
// the claims and relations [rawArgumentCounts] counts, and the distinct speakers of
// the locutions (annotators' notes have none).
func rawCounts(t *testing.T, file string) Counts {
	t.Helper()
	c := rawArgumentCounts(t, file)
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var raw struct {
		Nodes     []map[string]any `json:"nodes"`
		Locutions []map[string]any `json:"locutions"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	str := func(v any) string { return strings.TrimSuffix(fmt.Sprint(v), ".0") }
	text := map[string]string{}
	for _, n := range raw.Nodes {
		text[str(n["nodeID"])] = n["text"].(string)
	}
	persons, names := map[string]bool{}, map[string]bool{}
	for _, l := range raw.Locutions {
		persons[str(l["personID"])] = true
		name, _, _ := strings.Cut(text[str(l["nodeID"])], " : ")
		names[strings.ToLower(strings.TrimSpace(name))] = true
	}
	if len(persons) != len(names) {
		t.Fatalf("%s: %d person ids but %d speaker names in the locutions", file, len(persons), len(names))
	}
	c.Speakers = len(persons)
	return c
}

func TestCorpusCountsMatchTheFiles(t *testing.T) {
	for _, file := range countedFiles(t) {
		t.Run(filepath.Base(filepath.Dir(file))+"/"+filepath.Base(file), func(t *testing.T) {
			want := rawCounts(t, file)
			got := importFile(t, file).Counts
			got.Utterances, got.Notes, got.Undercuts = 0, 0, 0
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("counts (-from the JSON +imported)\n%s", diff)
			}
		})
	}
}

// TestCorpusCountsAreKnown pins the numbers of the corpus files, so that a change
// in both the decoder and the independent count cannot pass unseen.
func TestCorpusCountsAreKnown(t *testing.T) {
	corpusFiles(t)
	want := map[string]Counts{
		"araucaria/nodeset10.json":  {Claims: 4, Supports: 3},
		"araucaria/nodeset513.json": {Claims: 3, Supports: 1, Rebuts: 1},
		"qt30/nodeset19098.json":    {Claims: 4, Supports: 1, Speakers: 4, Utterances: 4, Notes: 4},
		"qt30/nodeset21318.json":    {Claims: 5, Supports: 2, Rebuts: 1, Rephrases: 1, Speakers: 2, Utterances: 5, Notes: 5},
		"qt30/nodeset21456.json":    {Claims: 19, Supports: 7, Rephrases: 4, Speakers: 2, Utterances: 19, Notes: 23},
		"qt30/nodeset21469.json":    {Claims: 3, Supports: 1, Rephrases: 1, Speakers: 1, Utterances: 3, Notes: 3},
	}
	for name, w := range want {
		file := filepath.Join(corpusDir, name)
		if _, err := os.Stat(file); err != nil {
			continue
		}
		if diff := cmp.Diff(w, importFile(t, file).Counts); diff != "" {
			t.Errorf("%s (-want +got)\n%s", name, diff)
		}
	}
}

// TestCorpusQuadsAreClean checks every imported quad: one claim per I-node with its
// AIF id, speakers that are persons or the unknown-speaker group, and no annotator
// ("Chris: Lisa Nandy : ...") as a speaker.
func TestCorpusQuadsAreClean(t *testing.T) {
	for _, file := range corpusFiles(t) {
		res := importFile(t, file)
		qs := res.Quads()
		if diff := cmp.Diff(vocab.NQuads(qs), vocab.NQuads(importFile(t, file).Quads())); diff != "" {
			t.Fatalf("%s: two imports differ\n%s", file, diff)
		}
		kind := map[string]string{}
		aifIDs := 0
		for _, q := range qs {
			if q.Predicate == vocab.Type {
				kind[fmt.Sprint(q.Subject)] = fmt.Sprint(q.Object)
			}
			if q.Predicate == vocab.AIFID && strings.HasPrefix(fmt.Sprint(q.Subject), "<claim/") {
				aifIDs++
			}
		}
		if aifIDs != res.Counts.Claims {
			t.Errorf("%s: %d claims carry an <aif_id>, want %d", file, aifIDs, res.Counts.Claims)
		}
		for _, q := range qs {
			if q.Predicate != vocab.Speaker || kind[fmt.Sprint(q.Subject)] != "<claim>" {
				continue
			}
			sp := fmt.Sprint(q.Object)
			if k := kind[sp]; k != "<person>" && sp != "<"+UnknownSpeaker+">" {
				t.Errorf("%s: speaker %s is a %s", file, sp, k)
			}
			// Annotators sign L-nodes with a first name ("Chris: Lisa Nandy : ...");
			// a speaker who shares it (Chris Philp) is not one.
			for _, annotator := range []string{"camilla", "chris", "xiyuan", "martyna"} {
				if sp == "<"+annotator+">" {
					t.Errorf("%s: the annotator %s speaks", file, sp)
				}
			}
		}
	}
}

// TestSpeakerInTwoFilesIsOnePerson imports two QT30 debates in which Fiona Bruce
// speaks into one store: she is one node, who asserts claims of both sources.
func TestSpeakerInTwoFilesIsOnePerson(t *testing.T) {
	corpusFiles(t)
	ctx := context.Background()
	st, err := store.Open(ctx, store.Config{Backend: store.Memory})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	sets := map[quad.IRI][]quad.Quad{}
	for _, name := range []string{"qt30/nodeset19098.json", "qt30/nodeset21318.json"} {
		res := importFile(t, filepath.Join(corpusDir, name))
		sets[vocab.SourceIRI(res.Graph.Source.ID)] = res.Quads()
	}
	if _, err := st.Replace(ctx, sets); err != nil {
		t.Fatal(err)
	}
	all, err := st.AllQuads(ctx)
	if err != nil {
		t.Fatal(err)
	}
	fiona := quad.IRI("fiona-bruce")
	sources := map[string]bool{}
	var names []string
	for _, q := range all {
		if q.Subject == fiona && q.Predicate == vocab.Name {
			names = append(names, fmt.Sprint(q.Object)+" "+fmt.Sprint(q.Label))
		}
		if q.Subject == fiona && q.Predicate == vocab.Asserts {
			sources[fmt.Sprint(q.Label)] = true
		}
	}
	sort.Strings(names)
	want := []string{
		`"Fiona Bruce" <source/aif-qt30-nodeset19098>`,
		`"Fiona Bruce" <source/aif-qt30-nodeset21318>`,
	}
	if diff := cmp.Diff(want, names); diff != "" {
		t.Errorf("names of <fiona-bruce> (-want +got)\n%s", diff)
	}
	if len(sources) != 2 {
		t.Errorf("<fiona-bruce> asserts claims of %d sources, want 2: %v", len(sources), sources)
	}
	res, err := st.Query(ctx, `g.V("<fiona-bruce>").Out("<asserts>").Out("<source>").All()`, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 2 {
		t.Errorf("query found the sources %v, want both debates", res)
	}
}

// TestTrainCountsMatchTheFiles imports every file of the QT30 training dump and
// compares its claims, supports, rebuts and rephrases with the independent count
// of its JSON (speakers are left out: these files name speakers that no locution
// lists, see countedCorpora).
func TestTrainCountsMatchTheFiles(t *testing.T) {
	var files []string
	for _, f := range corpusFiles(t) {
		if filepath.Base(filepath.Dir(f)) == "qt30-train" {
			files = append(files, f)
		}
	}
	if len(files) == 0 {
		t.Skip("no qt30-train folder in the corpus")
	}
	var total Counts
	for _, file := range files {
		want := rawArgumentCounts(t, file)
		c := importFile(t, file).Counts
		got := Counts{Claims: c.Claims, Supports: c.Supports, Rebuts: c.Rebuts, Rephrases: c.Rephrases}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s counts (-from the JSON +imported)\n%s", filepath.Base(file), diff)
		}
		total.Claims += got.Claims
		total.Supports += got.Supports
		total.Rebuts += got.Rebuts
		total.Rephrases += got.Rephrases
	}
	t.Logf("%d files: %d claims, %d supports, %d rebuts, %d rephrases", len(files), total.Claims, total.Supports, total.Rebuts, total.Rephrases)
}

// rawArgumentCounts counts, straight from a file's JSON: I-nodes; distinct
// premise-conclusion pairs of RA nodes (one per premise); distinct attacker-target
// pairs of CA nodes between I-nodes; the same for MA nodes.
func rawArgumentCounts(t *testing.T, file string) Counts {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var raw struct {
		Nodes []map[string]any `json:"nodes"`
		Edges []map[string]any `json:"edges"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	str := func(v any) string { return strings.TrimSuffix(fmt.Sprint(v), ".0") }
	typ := map[string]string{}
	var c Counts
	for _, n := range raw.Nodes {
		id := str(n["nodeID"])
		typ[id] = n["type"].(string)
		if typ[id] == "I" {
			c.Claims++
		}
	}
	out := map[string][]string{}
	for _, e := range raw.Edges {
		out[str(e["fromID"])] = append(out[str(e["fromID"])], str(e["toID"]))
	}
	pairs := map[string]map[[2]string]bool{"RA": {}, "CA": {}, "MA": {}}
	for from, vias := range out {
		if typ[from] != "I" {
			continue
		}
		for _, via := range vias {
			if pairs[typ[via]] == nil {
				continue
			}
			for _, to := range out[via] {
				// A node that joins an I-node to itself says nothing of two
				// propositions: the importer leaves it out (docs/import.md).
				if typ[to] == "I" && to != from {
					pairs[typ[via]][[2]string{from, to}] = true
				}
			}
		}
	}
	c.Supports, c.Rebuts, c.Rephrases = len(pairs["RA"]), len(pairs["CA"]), len(pairs["MA"])
	return c
}
