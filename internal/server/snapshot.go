package server

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/graphbuilder/graph/internal/pipeline"
	"github.com/graphbuilder/graph/internal/store"
)

// snapshot is the graph as it was when it was read: the quads in memory stores,
// which Gizmo queries, and decoded, which the other routes read.
//
// Cayley's memory store marks itself on every read (its scan of all quads sets a
// flag), so two queries must not run on one store at once. A small graph is
// therefore loaded into one memory store per processor, and each query takes a
// free one; a large graph into one, and its queries take turns.
type snapshot struct {
	mems   chan *store.Store
	reader *pipeline.Reader
	quads  int
	fp     fingerprint
	read   time.Time
	// answers are the routes' answers kept (see [Server.kept]).
	answers *answers
}

// fingerprint tells whether a bolt store changed: any committed write changes
// its file's modification time, size, or both.
type fingerprint struct {
	known bool
	size  int64
	mtime time.Time
}

// boltFile is the database file in a bolt store's folder, as the store names it.
const boltFile = "indexes.bolt"

// fingerprintOf reads a bolt store's fingerprint; the other backends have none
// that is cheap to read, so each refresh reads them whole.
func fingerprintOf(cfg store.Config) (fingerprint, error) {
	if cfg.Backend != "" && cfg.Backend != store.Bolt {
		return fingerprint{}, nil
	}
	info, err := os.Stat(filepath.Join(cfg.Path, boltFile))
	if err != nil {
		return fingerprint{}, fmt.Errorf("%w at %s: %v", store.ErrNoStore, cfg.Path, err)
	}
	return fingerprint{known: true, size: info.Size(), mtime: info.ModTime()}, nil
}

// readSnapshot reads every quad of the store and closes it again.
func readSnapshot(ctx context.Context, cfg store.Config) (*snapshot, error) {
	cfg.MustExist = true
	before, err := fingerprintOf(cfg)
	if err != nil {
		return nil, err
	}
	st, err := store.Open(ctx, cfg)
	if err != nil {
		return nil, err
	}
	qs, err := st.AllQuads(ctx)
	// Reading all quads leaves no iterator open, so the close does not get stuck;
	// if it did, the store would stay locked, and a build would say so.
	if cerr := st.Close(); err == nil && cerr != nil && !errors.Is(cerr, store.ErrCloseStuck) {
		err = cerr
	}
	if err != nil {
		return nil, err
	}
	return snapshotOf(ctx, qs, before)
}

// copiesUpTo is the largest graph, in quads, held in more than one memory store.
const copiesUpTo = 200_000

// snapshotOf loads qs into memory stores, one transaction per label.
func snapshotOf(ctx context.Context, qs []quad.Quad, fp fingerprint) (*snapshot, error) {
	sets := map[quad.IRI][]quad.Quad{}
	for _, q := range qs {
		label, _ := q.Label.(quad.IRI)
		q.Label = label
		sets[label] = append(sets[label], q)
	}
	copies := 1
	if len(qs) <= copiesUpTo {
		copies = min(runtime.GOMAXPROCS(0), 8)
	}
	snap := &snapshot{mems: make(chan *store.Store, copies), quads: len(qs), fp: fp, read: time.Now(), answers: newAnswers()}
	for range copies {
		mem, err := store.Open(ctx, store.Config{Backend: store.Memory})
		if err != nil {
			return nil, err
		}
		if _, err := mem.Replace(ctx, sets); err != nil {
			return nil, fmt.Errorf("load the snapshot into memory: %w", err)
		}
		snap.mems <- mem
	}
	snap.reader = pipeline.NewReader(qs)
	return snap, nil
}

// query runs a Gizmo query with its guard rails on a free memory store, waiting
// for one at most as long as ctx allows.
func (s *snapshot) query(ctx context.Context, q string, opts pipeline.QueryOptions) (*pipeline.QueryAnswer, error) {
	var mem *store.Store
	select {
	case mem = <-s.mems:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { s.mems <- mem }()
	opts.Namer = func(iri string) string { return s.reader.Ref(iri).Title }
	return pipeline.RunQuery(ctx, mem, q, opts)
}
