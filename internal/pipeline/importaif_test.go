package pipeline

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/graphbuilder/graph/internal/aif"
	"github.com/graphbuilder/graph/internal/store"
	"github.com/graphbuilder/graph/internal/vocab"
)

// aifCorpus holds the real AIF corpora beside the repository.
const aifCorpus = "../../../shared/corpus/aif"

// smallCorpora are the corpus folders of a few files each.
var smallCorpora = []string{"araucaria", "qt30"}

func corpusFolders(t testing.TB) []string {
	var out []string
	for _, c := range smallCorpora {
		if _, err := os.Stat(filepath.Join(aifCorpus, c)); err == nil {
			out = append(out, filepath.Join(aifCorpus, c))
		}
	}
	if len(out) == 0 {
		t.Skipf("no AIF corpus at %s", aifCorpus)
	}
	return out
}

// TestImportAIFBatchesWriteTheSame imports the corpus in one transaction and in
// batches of two sources: the stores hold the same quads, and progress is told of
// every batch but the last.
func TestImportAIFBatchesWriteTheSame(t *testing.T) {
	folders := corpusFolders(t)
	ctx := context.Background()
	dump := func(batch int) string {
		st, err := store.Open(ctx, store.Config{Backend: store.Bolt, Path: filepath.Join(t.TempDir(), "g.db")})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		var wrote []string
		res, _, err := ImportAIF(ctx, folders, ImportOptions{
			Prefix: aif.DefaultPrefix, Kind: aif.DefaultKind, Batch: batch, Open: opened(st),
			Wrote: func(done, total int) { wrote = append(wrote, fmt.Sprintf("%d/%d", done, total)) },
		})
		if err != nil {
			t.Fatalf("batch %d: %v", batch, err)
		}
		n := len(res.Files)
		want := 0
		if batch > 0 {
			want = (n+batch-1)/batch - 1
		}
		if len(wrote) != want {
			t.Errorf("batch %d of %d files: progress told %v, want %d lines", batch, n, wrote, want)
		}
		qs, err := st.AllQuads(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return string(vocab.NQuads(vocab.Sorted(qs)))
	}
	one := dump(0)
	if one == "" {
		t.Fatal("nothing imported")
	}
	if diff := cmp.Diff(one, dump(2)); diff != "" {
		t.Errorf("one transaction (-) and batches of 2 (+) differ\n%s", diff)
	}
}

// BenchmarkImportAIF imports a folder of 1,000 AIF files, copies of the small
// corpus files under new names, built once: into a fresh bolt store, and as a dry
// run that only reads and checks. Run it with
//
//	go test ./internal/pipeline -run '^$' -bench ImportAIF -benchtime 3x
func BenchmarkImportAIF(b *testing.B) {
	var corpus []string
	for _, f := range corpusFolders(b) {
		more, _ := filepath.Glob(filepath.Join(f, "*.json"))
		corpus = append(corpus, more...)
	}
	const files = 1000
	dir := b.TempDir()
	for i := range files {
		src := corpus[i%len(corpus)]
		data, err := os.ReadFile(src)
		if err != nil {
			b.Fatal(err)
		}
		sub := filepath.Join(dir, filepath.Base(filepath.Dir(src)))
		os.MkdirAll(sub, 0o755)
		if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("nodeset%04d.json", i)), data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	ctx := context.Background()
	for _, mode := range []string{"bolt", "dry-run"} {
		b.Run(mode, func(b *testing.B) {
			for range b.N {
				opts := ImportOptions{Prefix: aif.DefaultPrefix, Kind: aif.DefaultKind}
				var st *store.Store
				if mode == "bolt" {
					opts.Open = func(ctx context.Context) (*store.Store, error) {
						var err error
						st, err = store.Open(ctx, store.Config{Backend: store.Bolt, Path: filepath.Join(b.TempDir(), "g.db")})
						return st, err
					}
				}
				if _, _, err := ImportAIF(ctx, []string{dir}, opts); err != nil {
					b.Fatal(err)
				}
				if st != nil {
					st.Close()
				}
			}
			b.ReportMetric(float64(files*b.N)/b.Elapsed().Seconds(), "files/s")
		})
	}
}

// opened is an Open function that gives st.
func opened(st *store.Store) func(context.Context) (*store.Store, error) {
	return func(context.Context) (*store.Store, error) { return st, nil }
}
