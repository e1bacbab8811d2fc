package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"sync"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/graphbuilder/graph/internal/corpusgen"
	"github.com/graphbuilder/graph/internal/interview"
	"github.com/graphbuilder/graph/internal/rdf"
	"github.com/graphbuilder/graph/schema"
)

// The benchmarks write and query a generated corpus (internal/corpusgen). Its size
// comes from GRAPH_BENCH_INTERVIEWS (default 100) and GRAPH_BENCH_ENTITIES (default
// 5000); bench/run sets 1,000 interviews. The query benchmarks use the bolt store
// in GRAPH_BENCH_STORE when it is set (a store a build of such a corpus wrote),
// and otherwise build one first.

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

type benchCorpus struct {
	sets  []rdf.Set // catalogs first, then sources in order
	quads int
}

var (
	corpusOnce sync.Once
	corpus     benchCorpus
	corpusErr  error
)

// loadCorpus generates, loads and turns into quads the benchmark corpus, once.
func loadCorpus(b *testing.B) benchCorpus {
	b.Helper()
	corpusOnce.Do(func() {
		dir, err := os.MkdirTemp("", "graph-bench-corpus")
		if err != nil {
			corpusErr = err
			return
		}
		defer os.RemoveAll(dir)
		opts := corpusgen.Options{Interviews: envInt("GRAPH_BENCH_INTERVIEWS", 100), Entities: envInt("GRAPH_BENCH_ENTITIES", 5000), Seed: 1}
		if _, err := corpusgen.Write(dir, opts); err != nil {
			corpusErr = err
			return
		}
		files, err := interview.Find([]string{dir})
		if err != nil {
			corpusErr = err
			return
		}
		// The corpus's graphs include its shared catalogs, beside their folders.
		loader := interview.NewLoader(schema.Core())
		if err := loader.Allow(dir); err != nil {
			corpusErr = err
			return
		}
		graphs, ds := loader.LoadAll(files)
		if ds.HasErrors() {
			corpusErr = ds
			return
		}
		seen := map[quad.IRI]bool{}
		for _, g := range graphs {
			for _, s := range rdf.Sets(g) {
				if !seen[s.Label] {
					seen[s.Label] = true
					corpus.sets = append(corpus.sets, s)
					corpus.quads += len(s.Quads)
				}
			}
		}
		sort.SliceStable(corpus.sets, func(i, j int) bool {
			return isCatalog(corpus.sets[i].Label) && !isCatalog(corpus.sets[j].Label)
		})
	})
	if corpusErr != nil {
		b.Fatal(corpusErr)
	}
	return corpus
}

func isCatalog(l quad.IRI) bool { return len(l) > 8 && l[:8] == "catalog/" }

// writeAll writes every set of the corpus as a build does.
func writeAll(b *testing.B, s *Store, c benchCorpus) Change {
	b.Helper()
	ctx := context.Background()
	w := s.NewWriter(WriteOptions{BatchQuads: 100_000})
	for _, set := range c.sets {
		if err := w.Put(ctx, set.Label, set.Quads); err != nil {
			b.Fatal(err)
		}
	}
	ch, err := w.Commit(ctx)
	if err != nil {
		b.Fatal(err)
	}
	return ch
}

func openBench(b *testing.B, dir string) *Store {
	b.Helper()
	s, err := Open(context.Background(), Config{Backend: Bolt, Path: dir})
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkBoltWrite writes the whole corpus into a new bolt store.
func BenchmarkBoltWrite(b *testing.B) {
	c := loadCorpus(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		dir := filepath.Join(b.TempDir(), "g.db")
		s := openBench(b, dir)
		b.StartTimer()
		writeAll(b, s, c)
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(c.quads)*float64(b.N)/b.Elapsed().Seconds(), "quads/s")
	b.ReportMetric(float64(c.quads), "quads")
}

// BenchmarkBoltRebuild rewrites one source with one quad changed, or every label
// with nothing changed, in a store holding the corpus.
func BenchmarkBoltRebuild(b *testing.B) {
	c := loadCorpus(b)
	s := openBench(b, filepath.Join(b.TempDir(), "g.db"))
	defer s.Close()
	writeAll(b, s, c)
	ctx := context.Background()
	src := c.sets[len(c.sets)-1]
	changed := append([]quad.Quad(nil), src.Quads...)
	changed[0].Object = quad.String("changed for the benchmark")
	versions := [][]quad.Quad{changed, src.Quads}
	turn := 0 // b.Run calls the function more than once; the store remembers
	b.Run("one-changed", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			ch, err := s.Replace(ctx, map[quad.IRI][]quad.Quad{src.Label: versions[turn%2]})
			if err != nil || ch.Added != 1 || ch.Removed != 1 {
				b.Fatalf("%+v, %v", ch, err)
			}
			turn++
		}
	})
	if turn%2 == 1 {
		if _, err := s.Replace(ctx, map[quad.IRI][]quad.Quad{src.Label: src.Quads}); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("none-changed", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if ch := writeAll(b, s, c); ch.Added+ch.Removed != 0 {
				b.Fatalf("%+v", ch)
			}
		}
	})
}

// BenchmarkQuery measures Gizmo queries on a large store: a two-hop path from one
// node (what a person's claims are about), one source's argument steps in two formulations, and paths from several
// start nodes, given to g.V at once (a scan on Cayley's key-value stores) and as a
// Union of one-node paths.
func BenchmarkQuery(b *testing.B) {
	ctx := context.Background()
	var s *Store
	if dir := os.Getenv("GRAPH_BENCH_STORE"); dir != "" {
		s = openBench(b, dir)
	} else {
		s = openBench(b, filepath.Join(b.TempDir(), "g.db"))
		writeAll(b, s, loadCorpus(b))
	}
	defer s.Close()
	sources, err := s.Query(ctx, `g.V().Has("<type>", "<source>").All()`, 0)
	if err != nil || len(sources) < 3 {
		b.Fatalf("sources: %v, %v", sources, err)
	}
	var ids []string
	for _, r := range sources {
		ids = append(ids, r.(map[string]any)["id"].(string))
	}
	sort.Strings(ids)
	source := ids[len(ids)/2]
	var people []string
	for _, id := range ids[:3] {
		sp, err := s.Query(ctx, fmt.Sprintf(`g.V(%q).Out("<speaker>").All()`, id), 1)
		if err != nil || len(sp) == 0 {
			b.Fatalf("speaker of %s: %v", id, err)
		}
		people = append(people, sp[0].(map[string]any)["id"].(string))
	}
	stats, err := s.Stats(ctx)
	if err != nil {
		b.Fatal(err)
	}
	queries := []struct{ name, q string }{
		{"two-hop", fmt.Sprintf(`g.V(%q).Out("<asserts>").Out("<about>").All()`, people[0])},
		{"source-steps-save", fmt.Sprintf(`g.V(%q).In("<source>").Has("<type>", "<relation>").Save("<kind>", "kind").All()`, source)},
		{"source-steps-tag-out", fmt.Sprintf(`g.V(%q).In("<source>").Has("<type>", "<relation>").Tag("step").Out("<kind>").All()`, source)},
		{"starts-V", fmt.Sprintf(`g.V(%q, %q, %q).Out("<asserts>").All()`, people[0], people[1], people[2])},
		{"starts-union", fmt.Sprintf(`g.V(%q).Union(g.V(%q)).Union(g.V(%q)).Out("<asserts>").All()`, people[0], people[1], people[2])},
	}
	// Each pair of formulations must agree before either is timed.
	for _, pair := range [][2]int{{1, 2}, {3, 4}} {
		a, err := s.Query(ctx, queries[pair[0]].q, 0)
		if err != nil {
			b.Fatal(err)
		}
		c, err := s.Query(ctx, queries[pair[1]].q, 0)
		if err != nil {
			b.Fatal(err)
		}
		if len(a) != len(c) {
			b.Fatalf("%s gives %d results, %s %d", queries[pair[0]].name, len(a), queries[pair[1]].name, len(c))
		}
	}
	for _, q := range queries {
		b.Run(q.name, func(b *testing.B) {
			n := 0
			for i := 0; i < b.N; i++ {
				res, err := s.Query(ctx, q.q, 0)
				if err != nil {
					b.Fatal(err)
				}
				n = len(res)
			}
			b.ReportMetric(float64(n), "results")
			b.ReportMetric(float64(stats.Quads), "store-quads")
		})
	}
}
