package corpusgen

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/graphbuilder/graph/internal/interview"
	"github.com/graphbuilder/graph/schema"
)

// files reads every file below dir, keyed by its path relative to dir.
func files(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func write(t *testing.T, opts Options) (string, Stats) {
	t.Helper()
	dir := t.TempDir()
	st, err := Write(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	return dir, st
}

func TestSameSeedSameBytes(t *testing.T) {
	opts := Options{Interviews: 6, Entities: 900, Seed: 7, TranscriptBytes: 6000}
	a, _ := write(t, opts)
	b, _ := write(t, opts)
	fa, fb := files(t, a), files(t, b)
	if len(fa) != 2+6*2 {
		t.Errorf("wrote %d files, want 2 catalogs and 6 interviews of 2 files", len(fa))
	}
	if diff := cmp.Diff(fa, fb); diff != "" {
		t.Errorf("two runs with one seed differ (-first +second)\n%s", diff)
	}
	opts.Seed = 8
	c, _ := write(t, opts)
	if cmp.Equal(fa, files(t, c)) {
		t.Error("seeds 7 and 8 wrote the same corpus")
	}
}

// TestPrefix checks that a smaller corpus is the start of a larger one, so that
// benchmarks of different sizes share their interviews.
func TestPrefix(t *testing.T) {
	small, _ := write(t, Options{Interviews: 3, Entities: 100, Seed: 3, TranscriptBytes: 3000})
	large, _ := write(t, Options{Interviews: 5, Entities: 100, Seed: 3, TranscriptBytes: 3000})
	fl := files(t, large)
	for name, data := range files(t, small) {
		if !bytes.Equal(data, fl[name]) {
			t.Errorf("%s differs between 3 and 5 interviews", name)
		}
	}
}

// TestCorpusValidates loads a generated corpus with the real loader: no diagnostic
// at all, every relation kind present, cross-source references resolved.
func TestCorpusValidates(t *testing.T) {
	dir, st := write(t, Options{Interviews: 40, Entities: 1200, Seed: 1, TranscriptBytes: 12000})
	paths, err := interview.Find([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	// As `graph build DIR` does, the corpus's folder is allowed: its graphs include
	// its catalog two folders up.
	l := interview.NewLoader(schema.Core())
	if err := l.Allow(dir); err != nil {
		t.Fatal(err)
	}
	graphs, ds := l.LoadAll(paths)
	if len(ds) > 0 {
		t.Fatalf("%d diagnostics, first:\n%v", len(ds), ds[:min(len(ds), 5)])
	}
	if len(graphs) != 40 {
		t.Fatalf("loaded %d graphs, want 40", len(graphs))
	}
	kinds := map[string]int{}
	langs := map[string]int{}
	cross := 0
	for _, g := range graphs {
		langs[g.Source.Language]++
		for _, r := range g.Relations {
			kinds[r.Kind]++
			if strings.Contains(r.To, "/") {
				cross++
			}
		}
		if len(g.Catalogs) == 0 {
			t.Errorf("%s includes no catalog", g.Source.ID)
		}
	}
	for _, k := range []string{"criticizes", "rebuts", "supports", "undercuts", "rephrases"} {
		if kinds[k] == 0 {
			t.Errorf("no %s relation in the corpus (%v)", k, kinds)
		}
	}
	if langs["zh"] == 0 || langs["en"] == 0 {
		t.Errorf("languages %v, want both zh and en", langs)
	}
	if cross == 0 || cross != st.CrossRefs {
		t.Errorf("%d cross-source references loaded, %d written", cross, st.CrossRefs)
	}
	if st.Entities != 1200 || st.Catalogs != 3 {
		t.Errorf("stats %+v, want 1200 entities in 3 catalogs", st)
	}
}

func TestTranscriptSize(t *testing.T) {
	dir, st := write(t, Options{Interviews: 4, Entities: 100, Seed: 9})
	per := st.TranscriptBytes / 4
	if per < 30000 || per > 33000 {
		t.Errorf("transcripts average %d bytes, want about 30 KB", per)
	}
	_ = dir
}

func TestWriteRefuses(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "x"), []byte("x"), 0o644)
	if _, err := Write(dir, Options{Interviews: 1, Entities: 100}); !errors.Is(err, ErrNotEmpty) {
		t.Errorf("non-empty folder: %v", err)
	}
	if _, err := Write(t.TempDir(), Options{Interviews: 1, Entities: 5}); !errors.Is(err, ErrOptions) {
		t.Error("5 entities were accepted")
	}
}
