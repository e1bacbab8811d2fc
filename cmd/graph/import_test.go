package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/graphbuilder/graph/internal/aif"
	"github.com/graphbuilder/graph/internal/rdf"
	"github.com/graphbuilder/graph/internal/store"
)

// aifCorpus holds the real AIF corpora beside the repository.
const aifCorpus = "../../../shared/corpus/aif"

func TestImportAIFFlags(t *testing.T) {
	a := &app{stdout: io.Discard, stderr: io.Discard}
	cmd := a.newImportAIFCmd()
	for name, want := range map[string]string{
		"prefix": aif.DefaultPrefix, "kind": "debate", "language": "", "dry-run": "false",
		"out": "", "batch": "0", "progress": "100",
	} {
		f := cmd.Flags().Lookup(name)
		if f == nil {
			t.Errorf("no --%s flag", name)
			continue
		}
		if f.DefValue != want {
			t.Errorf("--%s defaults to %q, want %q", name, f.DefValue, want)
		}
	}
	if err := cmd.ParseFlags([]string{"--prefix", "qt", "--batch", "5", "--dry-run"}); err != nil {
		t.Fatal(err)
	}
	if got, _ := cmd.Flags().GetInt("batch"); got != 5 {
		t.Errorf("--batch 5 parsed as %d", got)
	}
}

func TestImportAIFBadFileExitsTwoAndWritesNothing(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.json")
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(good, []byte(`{"nodes":[{"nodeID":"1","text":"a","type":"I"}]}`), 0o644)
	os.WriteFile(bad, []byte(`{"nodes":[{"nodeID":"1","text":"a","type":"Q"}]}`), 0o644)
	db := filepath.Join(dir, "g.db")
	var out, errs bytes.Buffer
	code := run(context.Background(), []string{"import", "aif", "--store-path", db, good, bad}, &out, &errs)
	if code != exitInput {
		t.Fatalf("exit %d, want %d; stderr:\n%s", code, exitInput, errs.String())
	}
	if !strings.Contains(errs.String(), `bad.json:1:11: node "1" has unknown type "Q"`) {
		t.Errorf("stderr does not name the file, place and node:\n%s", errs.String())
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Errorf("the store was created: %v", err)
	}
}

// TestImportAIFBatchesWriteTheSame imports the corpus in one transaction and in
// batches of two sources: the stores hold the same quads.
func TestImportAIFBatchesWriteTheSame(t *testing.T) {
	if _, err := os.Stat(aifCorpus); err != nil {
		t.Skipf("no AIF corpus: %v", err)
	}
	ctx := context.Background()
	dump := func(batch int) string {
		cfg := store.Config{Backend: store.Bolt, Path: filepath.Join(t.TempDir(), "g.db")}
		opts := &importAIFOptions{Paths: []string{aifCorpus}, Prefix: aif.DefaultPrefix, Kind: aif.DefaultKind, Batch: batch, Config: Config{Store: cfg}}
		var errs bytes.Buffer
		if err := runImportAIF(ctx, opts, io.Discard, &errs); err != nil {
			t.Fatalf("batch %d: %v\n%s", batch, err, errs.String())
		}
		if batch > 0 && !strings.Contains(errs.String(), fmt.Sprintf("wrote %d/", batch)) {
			t.Errorf("batch %d: no progress line in %q", batch, errs.String())
		}
		st, err := store.Open(ctx, cfg)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		qs, err := st.AllQuads(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return string(rdf.NQuads(rdf.Sorted(qs)))
	}
	one := dump(0)
	if one == "" {
		t.Fatal("nothing imported")
	}
	if diff := cmp.Diff(one, dump(2)); diff != "" {
		t.Errorf("one transaction (-) and batches of 2 (+) differ\n%s", diff)
	}
}

// BenchmarkImportAIF imports a folder of 1,000 AIF files, copies of the corpus
// files under new names, built once: into a fresh bolt store, and as a dry run that
// only reads and checks. Run it with
//
//	go test ./cmd/graph -run '^$' -bench ImportAIF -benchtime 3x
func BenchmarkImportAIF(b *testing.B) {
	corpus, _ := filepath.Glob(filepath.Join(aifCorpus, "*", "*.json"))
	if len(corpus) == 0 {
		b.Skip("no AIF corpus")
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
	for _, mode := range []string{"bolt", "dry-run"} {
		b.Run(mode, func(b *testing.B) {
			for range b.N {
				opts := &importAIFOptions{
					Paths: []string{dir}, Prefix: aif.DefaultPrefix, Kind: aif.DefaultKind, DryRun: mode == "dry-run",
					Config: Config{Store: store.Config{Backend: store.Bolt, Path: filepath.Join(b.TempDir(), "g.db")}},
				}
				if err := runImportAIF(context.Background(), opts, io.Discard, io.Discard); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(files*b.N)/b.Elapsed().Seconds(), "files/s")
		})
	}
}
