package pipeline

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/graphbuilder/graph/internal/diag"
	"github.com/graphbuilder/graph/internal/extract/finding"
	"github.com/graphbuilder/graph/internal/interview"
)

// ReviewSet reviews the findings of graphs kept on disk, by source id, for a
// program that serves them ([server] with --review): each review reads the graph
// again (the curator may have edited it since), runs the rules over its
// transcript when a file they read changed, and reads the decisions beside it, as
// graph extract --format yaml does; a decision is recorded as graph extract
// --accept and --reject record it. Reviews are made one at a time.
type ReviewSet struct {
	rules RuleOptions
	allow []string
	files map[string]string // source id -> graph file
	mu    sync.Mutex
	// found keeps each source's findings under the hash of the files they come
	// from (the graph, its catalogs, rule packs and transcript), so that a
	// decision or a second look does not run the rules again.
	found map[string]cachedFindings
	// extractions counts the runs of the rules, for the tests.
	extractions int
}

type cachedFindings struct {
	key string
	res *finding.Result
}

// ErrNoSource means a source id that is not among a [ReviewSet]'s.
var ErrNoSource = errors.New("no such source to review")

// NewReviewSet finds the graphs under paths (as [Load] does, with the allow
// folders) and keeps their files by source id. A graph that does not load is an
// error, as for a build; the diagnostics are returned either way.
func NewReviewSet(paths []string, opts RuleOptions, allow ...string) (*ReviewSet, diag.Diagnostics, error) {
	l, err := Load(paths, allow...)
	if err != nil {
		return nil, l.Diagnostics, err
	}
	s := &ReviewSet{rules: opts, allow: Allowed(paths, allow), files: map[string]string{}, found: map[string]cachedFindings{}}
	for _, g := range l.Graphs {
		s.files[g.Source.ID] = g.File
	}
	return s, l.Diagnostics, nil
}

// Sources are the source ids of the set, sorted.
func (s *ReviewSet) Sources() []string {
	out := make([]string, 0, len(s.files))
	for id := range s.files {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

// Review reviews the findings of source's graph as it is on disk now; with
// decide, it first records that decision. An id no finding has is an input error
// with a "did you mean"; a graph that no longer loads, the diagnostics.
func (s *ReviewSet) Review(source string, decide *FindingDecision) (*Reviewed, error) {
	file, ok := s.files[source]
	if !ok {
		if sug := diag.Suggest(source, s.Sources()); sug != "" {
			return nil, fmt.Errorf("%w: %q; did you mean %q?", ErrNoSource, source, sug)
		}
		return nil, fmt.Errorf("%w: %q (the sources under review: %s)", ErrNoSource, source, strings.Join(s.Sources(), ", "))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	g, err := s.load(file)
	if err != nil {
		return nil, err
	}
	res, err := s.findings(source, g)
	if err != nil {
		return nil, err
	}
	out, ds, err := Review(g, res, ReviewOptions{Decide: decide})
	if err != nil {
		return nil, err
	}
	if err := ds.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// findings are the rules' findings on g, run again only when a file they come
// from changed. Decisions are not among those files: they change the review, not
// what the rules find.
func (s *ReviewSet) findings(source string, g *interview.Graph) (*finding.Result, error) {
	files, err := inputFiles(g)
	if err != nil {
		return nil, err
	}
	decisions, err := filepath.Abs(DecisionsFile(g))
	if err != nil {
		return nil, err
	}
	files = slices.DeleteFunc(files, func(f string) bool { return f == decisions })
	// The set's rules and allowed folders never change: the files say it all.
	key := inputsHash(Fingerprint{}, files, newFileHashes())
	if c, ok := s.found[source]; ok && c.key == key {
		return c.res, nil
	}
	res, ds, err := Extract(g, g.Transcript, s.rules)
	if err != nil {
		return nil, err
	}
	if err := ds.Err(); err != nil {
		return nil, err
	}
	s.extractions++
	s.found[source] = cachedFindings{key: key, res: res}
	return res, nil
}

// load reads one graph file again, with its catalogs.
func (s *ReviewSet) load(file string) (*interview.Graph, error) {
	l, err := Load([]string{file}, s.allow...)
	if err != nil {
		return nil, err
	}
	i := slices.IndexFunc(l.Graphs, func(g *interview.Graph) bool { return g.File == file })
	if i < 0 {
		return nil, Inputf("%s is no longer an interview graph", file)
	}
	return l.Graphs[i], nil
}
