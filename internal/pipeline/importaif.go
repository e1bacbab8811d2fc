package pipeline

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/cayleygraph/quad"

	"github.com/graphbuilder/graph/internal/aif"
	"github.com/graphbuilder/graph/internal/diag"
	"github.com/graphbuilder/graph/internal/interview"
	"github.com/graphbuilder/graph/internal/store"
	"github.com/graphbuilder/graph/internal/vocab"
	"github.com/graphbuilder/graph/schema"
)

// ImportOptions control [ImportAIF].
type ImportOptions struct {
	// Prefix makes source ids; see [aif.SourceID].
	Prefix   string
	Kind     string
	Language string
	// Open, when set, opens the store that receives the sources, once every file
	// is checked (so that a failed import creates no store); the caller closes it.
	// When Open is nil and Out is empty, the files are only checked and counted (a
	// dry run).
	Open func(context.Context) (*store.Store, error)
	// Out, when set, is a folder to write each source into as DIR/ID/graph.yaml with
	// its transcript, instead of into a store.
	Out string
	// Batch is the number of sources written per transaction; 0 means all at once.
	Batch int
	// KeepGoing imports the files without errors when others have some: those are
	// skipped, listed in [Imported.Skipped], and the error is [ErrSkipped].
	KeepGoing bool
	// Read and Wrote, when set, are told of progress: files read of all, and
	// sources written of all when they are written in several transactions.
	Read, Wrote func(done, total int)
}

// Imported is what [ImportAIF] did.
type Imported struct {
	// Mode is "store", "folder" or "dry_run".
	Mode    string `json:"mode"`
	Backend string `json:"backend"`
	Where   string `json:"where"`
	Added   int    `json:"quads_added"`
	Removed int    `json:"quads_removed"`
	// Unchanged counts the quads that were in the store already.
	Unchanged int `json:"quads_unchanged"`
	// Files are the imported files in the order of their paths.
	Files []ImportedFile `json:"files"`
	// Totals add up the files; Totals.Speakers counts distinct persons.
	Totals ImportCounts `json:"totals"`
	// Skipped are the files left out for their errors (with KeepGoing), in the
	// order of their paths.
	Skipped []SkippedFile `json:"skipped"`
}

// SkippedFile is a file an import left out, with how many errors it has.
type SkippedFile struct {
	File   string `json:"file"`
	Errors int    `json:"errors"`
}

// ErrSkipped is returned with the result of an import that went on past files
// with errors: the other files were imported.
var ErrSkipped = Inputf("some files have errors and were skipped; the others were imported")

// ImportedFile is one file of an import.
type ImportedFile struct {
	Source string       `json:"source"`
	File   string       `json:"file"`
	Counts ImportCounts `json:"counts"`
}

// ImportCounts are the counts of one file's argument map.
type ImportCounts struct {
	Claims     int `json:"claims"`
	Supports   int `json:"supports"`
	Rebuts     int `json:"rebuts"`
	Undercuts  int `json:"undercuts"`
	Rephrases  int `json:"rephrases"`
	Speakers   int `json:"speakers"`
	Utterances int `json:"utterances"`
}

// imported is one file on its way in.
type imported struct {
	file  string
	res   *aif.Result
	quads []quad.Quad
	ds    diag.Diagnostics
}

// ImportAIF reads the AIF files under paths (see [aif.Find]), checks every one
// before anything is written, and writes each as a source of its own into
// opts.Store, or as interview graph folders under opts.Out, or nowhere (a dry
// run). Files are read on every processor; the result is in file order whatever
// the timing. When any file has an error, nothing is written and the diagnostics
// are the error.
func ImportAIF(ctx context.Context, paths []string, opts ImportOptions) (*Imported, diag.Diagnostics, error) {
	switch {
	case !slices.Contains(interview.SourceKinds, opts.Kind):
		return nil, nil, Inputf("--kind %q is not a source kind (%s)", opts.Kind, strings.Join(interview.SourceKinds, ", "))
	case opts.Batch < 0:
		return nil, nil, Inputf("--batch must not be negative")
	}
	files, err := aif.Find(paths)
	if err != nil {
		return nil, nil, Inputf("%v", err)
	}
	results, ds := readAIF(ctx, files, opts)
	if err := ctx.Err(); err != nil {
		return nil, ds, err
	}
	ds = ds.Sort()
	var skipped []SkippedFile
	if opts.KeepGoing {
		results, skipped = withoutErrors(results)
		if len(results) == 0 && len(skipped) > 0 {
			return nil, ds, ds.Err()
		}
	} else if err := ds.Err(); err != nil {
		return nil, ds, err
	}

	out := &Imported{Mode: "dry_run", Skipped: skipped}
	if out.Skipped == nil {
		out.Skipped = []SkippedFile{}
	}
	switch {
	case opts.Out != "":
		out.Mode = "folder"
		out.Where = opts.Out
		if err := writeAIFFolders(opts.Out, results); err != nil {
			return nil, ds, err
		}
	case opts.Open != nil:
		out.Mode = "store"
		st, err := opts.Open(ctx)
		if err != nil {
			return nil, ds, err
		}
		ch, err := writeAIF(ctx, st, opts, results)
		if err != nil {
			return nil, ds, err
		}
		out.Backend, out.Where = st.Backend(), st.Where()
		out.Added, out.Removed, out.Unchanged = ch.Added, ch.Removed, ch.Kept
	}
	out.Files = make([]ImportedFile, 0, len(results))
	persons := map[string]bool{}
	for _, im := range results {
		c := im.res.Counts
		counts := ImportCounts{Claims: c.Claims, Supports: c.Supports, Rebuts: c.Rebuts, Undercuts: c.Undercuts,
			Rephrases: c.Rephrases, Speakers: c.Speakers, Utterances: c.Utterances}
		out.Files = append(out.Files, ImportedFile{Source: im.res.Graph.Source.ID, File: im.file, Counts: counts})
		t := &out.Totals
		t.Claims += c.Claims
		t.Supports += c.Supports
		t.Rebuts += c.Rebuts
		t.Undercuts += c.Undercuts
		t.Rephrases += c.Rephrases
		t.Utterances += c.Utterances
		for _, sp := range im.res.Graph.Source.Speakers {
			persons[sp] = true
		}
	}
	out.Totals.Speakers = len(persons)
	if len(skipped) > 0 {
		return out, ds, ErrSkipped
	}
	return out, ds, nil
}

// withoutErrors splits results into the files to import and those with errors.
func withoutErrors(results []*imported) ([]*imported, []SkippedFile) {
	var good []*imported
	var skipped []SkippedFile
	for _, im := range results {
		n := 0
		for _, d := range im.ds {
			if d.Severity == diag.Error {
				n++
			}
		}
		if n > 0 || im.res == nil {
			skipped = append(skipped, SkippedFile{File: im.file, Errors: max(n, 1)})
			continue
		}
		good = append(good, im)
	}
	return good, skipped
}

// readAIF reads and converts the files on every processor, and returns them in
// file order with their diagnostics in the same order.
func readAIF(ctx context.Context, files []string, opts ImportOptions) ([]*imported, diag.Diagnostics) {
	sch := schema.Core()
	out := make([]*imported, len(files))
	for i, f := range files {
		out[i] = &imported{file: f}
	}
	// Source ids are settled first, in file order, so that which of two files with
	// the same id is reported does not depend on timing.
	ids := map[string]string{}
	for _, im := range out {
		id := aif.SourceID(im.file, opts.Prefix)
		if prev, dup := ids[id]; dup {
			im.ds = diag.Diagnostics{diag.Errorf(diag.Range{File: im.file}, "source id %q is already used by %s", id, prev).
				WithHint("choose a --prefix with {dir} in it, or rename one of the files")}
			continue
		}
		ids[id] = im.file
	}
	var todo []*imported
	for _, im := range out {
		if im.ds == nil {
			todo = append(todo, im)
		}
	}
	n := len(out) - len(todo)
	jobs := make(chan *imported)
	done := make(chan struct{})
	var wg sync.WaitGroup
	for range max(1, runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for im := range jobs {
				if ctx.Err() == nil {
					im.res, im.ds = aif.ReadFile(im.file, aif.Options{
						SourceID: aif.SourceID(im.file, opts.Prefix),
						Title:    aif.Title(im.file),
						Kind:     opts.Kind, Language: opts.Language, Schema: sch,
					})
					if im.res != nil && opts.Open != nil && opts.Out == "" {
						im.quads = im.res.Quads()
					}
				}
				done <- struct{}{}
			}
		}()
	}
	go func() {
		for _, im := range todo {
			jobs <- im
		}
		close(jobs)
		wg.Wait()
		close(done)
	}()
	for range done {
		n++
		if opts.Read != nil {
			opts.Read(n, len(files))
		}
	}
	var ds diag.Diagnostics
	for _, im := range out {
		ds = append(ds, im.ds...)
	}
	return out, ds
}

// writeAIF writes every source under its own label, in one transaction or in
// batches of opts.Batch sources.
func writeAIF(ctx context.Context, st *store.Store, opts ImportOptions, results []*imported) (store.Change, error) {
	size := opts.Batch
	if size == 0 {
		size = len(results)
	}
	var total store.Change
	for lo := 0; lo < len(results); lo += size {
		hi := min(lo+size, len(results))
		sets := map[quad.IRI][]quad.Quad{}
		for _, im := range results[lo:hi] {
			sets[vocab.SourceIRI(im.res.Graph.Source.ID)] = im.quads
		}
		ch, err := st.Replace(ctx, sets)
		if err != nil {
			if lo > 0 {
				err = fmt.Errorf("%w (the first %d sources were written)", err, lo)
			}
			return store.Change{}, err
		}
		total.Added += ch.Added
		total.Removed += ch.Removed
		total.Kept += ch.Kept
		if hi < len(results) && opts.Wrote != nil {
			opts.Wrote(hi, len(results))
		}
	}
	return total, nil
}

// writeAIFFolders writes each graph as DIR/ID/graph.yaml and its transcript. It
// refuses to overwrite: a graph folder that exists may hold curation.
func writeAIFFolders(dir string, results []*imported) error {
	for _, im := range results {
		p := filepath.Join(dir, im.res.Graph.Source.ID)
		if _, err := os.Stat(p); err == nil {
			return Inputf("%s already exists; remove it or choose another --out", p)
		}
	}
	for _, im := range results {
		if err := aif.WriteFolder(filepath.Join(dir, im.res.Graph.Source.ID), im.res); err != nil {
			return err
		}
	}
	return nil
}
