package server

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/graphbuilder/graph/internal/pipeline"
	"github.com/graphbuilder/graph/internal/store"
)

// snapshot is the graph as it was when it was read: decoded, which the routes
// other than Gizmo read, and a store that Gizmo queries.
//
// The store of a bolt snapshot is a private copy of the bolt file, made in one
// read transaction and opened read-only: any number of queries read it at once,
// its pages stay in the file (not in the heap), and a build may write the
// original meanwhile. A snapshot of another backend, or of quads given, is loaded
// into memory stores instead. Cayley's memory store marks itself on every read
// (its scan of all quads sets a flag), so two queries must not run on one at
// once: a small graph is loaded into one memory store per processor, and each
// query takes a free one; a large graph into one, and its queries take turns.
type snapshot struct {
	mems   chan *store.Store
	disk   *store.Store
	dir    string // the folder of the private copy, removed with the snapshot
	reader *pipeline.Reader
	quads  int
	fp     fingerprint
	read   time.Time
	// answers are the routes' answers kept (see [Server.kept]).
	answers *answers
	// refs counts the requests reading the snapshot; a snapshot replaced by a
	// newer one is retired, and dropped once no request reads it.
	refs     atomic.Int64
	retired  atomic.Bool
	dropOnce sync.Once
	dropErr  error
}

// fingerprint tells whether a store changed: any committed write changes a bolt
// store's file's modification time, size, or both, and a PostgreSQL store's
// digest of its labels' content hashes ([store.Store.Fingerprint]).
type fingerprint struct {
	known  bool
	size   int64
	mtime  time.Time
	digest string
}

// boltFile is the database file in a bolt store's folder, as the store names it.
const boltFile = "indexes.bolt"

// fingerprintOf reads a store's fingerprint: a bolt store's file's, or a
// PostgreSQL store's digest through a connection opened for it. Other stores have
// none: each refresh would read them whole.
func fingerprintOf(ctx context.Context, cfg store.Config) (fingerprint, error) {
	switch {
	case isBolt(cfg):
		info, err := os.Stat(filepath.Join(cfg.Path, boltFile))
		if err != nil {
			return fingerprint{}, fmt.Errorf("%w at %s: %v", store.ErrNoStore, cfg.Path, err)
		}
		return fingerprint{known: true, size: info.Size(), mtime: info.ModTime()}, nil
	case cfg.Backend == store.Postgres:
		cfg.MustExist = true
		st, err := store.Open(ctx, cfg)
		if err != nil {
			return fingerprint{}, err
		}
		defer st.Close()
		digest, err := st.Fingerprint(ctx)
		if err != nil {
			return fingerprint{}, err
		}
		return fingerprint{known: digest != "", digest: digest}, nil
	}
	return fingerprint{}, nil
}

func isBolt(cfg store.Config) bool { return cfg.Backend == "" || cfg.Backend == store.Bolt }

// readSnapshot reads the store: a bolt store through a private copy of its file
// (see [snapshot]), another backend by reading every quad into memory.
func readSnapshot(ctx context.Context, cfg store.Config) (*snapshot, error) {
	cfg.MustExist = true
	before, err := fingerprintOf(ctx, cfg)
	if err != nil {
		return nil, err
	}
	if isBolt(cfg) {
		return readBoltSnapshot(ctx, cfg, before)
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

// readBoltSnapshot copies the bolt store's file under its shared lock, which it
// holds only for the copy, and reads the snapshot from the copy. The copy is made
// in a folder beside the store's (on the same file system, which holds the store
// already), or in the temporary folder when that one cannot be written.
func readBoltSnapshot(ctx context.Context, cfg store.Config, fp fingerprint) (_ *snapshot, err error) {
	path := filepath.Clean(cfg.Path)
	removeStaleCopies(path)
	dir, err := os.MkdirTemp(filepath.Dir(path), "."+filepath.Base(path)+".serve-")
	if err != nil {
		if dir, err = os.MkdirTemp("", "graph-serve-"); err != nil {
			return nil, fmt.Errorf("no folder for the server's copy of the store: %w", err)
		}
	}
	defer func() {
		if err != nil {
			os.RemoveAll(dir)
		}
	}()
	cfg.ReadOnly = true
	orig, err := store.Open(ctx, cfg)
	if err != nil {
		return nil, err
	}
	err = orig.CopyTo(dir)
	if cerr := orig.Close(); err == nil && cerr != nil && !errors.Is(cerr, store.ErrCloseStuck) {
		err = cerr
	}
	if err != nil {
		return nil, err
	}
	// The copy's lock is the server's alone; its timeout bounds the wait of its
	// close for a transaction a stopped query left open.
	disk, err := store.Open(ctx, store.Config{Backend: store.Bolt, Path: dir, ReadOnly: true, LockTimeout: copyCloseTimeout})
	if err != nil {
		return nil, fmt.Errorf("open the server's copy of the store: %w", err)
	}
	qs, err := disk.AllQuads(ctx)
	if err != nil {
		disk.Close()
		return nil, err
	}
	return &snapshot{disk: disk, dir: dir, reader: pipeline.NewReader(qs), quads: len(qs), fp: fp,
		read: time.Now(), answers: newAnswers()}, nil
}

// copyCloseTimeout bounds the wait of a dropped snapshot's close.
const copyCloseTimeout = 2 * time.Second

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

// query runs a Gizmo query with its guard rails: on the private copy, or on a
// free memory store, waiting for one at most as long as ctx allows.
func (s *snapshot) query(ctx context.Context, q string, opts pipeline.QueryOptions) (*pipeline.QueryAnswer, error) {
	opts.Namer = func(iri string) string { return s.reader.Ref(iri).Title }
	if s.disk != nil {
		return pipeline.RunQuery(ctx, s.disk, q, opts)
	}
	var mem *store.Store
	select {
	case mem = <-s.mems:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { s.mems <- mem }()
	return pipeline.RunQuery(ctx, mem, q, opts)
}

// release ends a request's reading; the last request of a retired snapshot
// drops it.
func (s *snapshot) release() {
	if s.refs.Add(-1) == 0 && s.retired.Load() {
		go s.drop() // not in the request: closing may wait for a stuck transaction
	}
}

// retire marks a snapshot no longer served, and drops it unless a request still
// reads it.
func (s *snapshot) retire() error {
	s.retired.Store(true)
	if s.refs.Load() == 0 {
		return s.drop()
	}
	return nil
}

// drop closes the snapshot's copy and removes it. A copy that a stopped query
// left a read transaction open in does not close (see [store.ErrCloseStuck]): it
// is removed all the same, and the system frees it when the process ends.
func (s *snapshot) drop() error {
	s.dropOnce.Do(func() {
		if s.disk != nil {
			if err := s.disk.Close(); err != nil && !errors.Is(err, store.ErrCloseStuck) {
				s.dropErr = err
			}
		}
		if s.dir != "" {
			if err := os.RemoveAll(s.dir); err != nil && s.dropErr == nil {
				s.dropErr = err
			}
		}
	})
	return s.dropErr
}

// staleAfter is how long a copy no server holds must have been left unchanged
// before it is taken for one a server stopped without removing (killed, or the
// machine stopped): a copy being made is written to all the while.
const staleAfter = time.Minute

// removeStaleCopies removes the copies of the store at path that servers left
// behind: those whose file no process holds and that have not changed for
// staleAfter.
func removeStaleCopies(path string) {
	found, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".serve-*"))
	for _, dir := range found {
		info, err := os.Stat(filepath.Join(dir, boltFile))
		if err != nil || time.Since(info.ModTime()) < staleAfter || !store.Unlocked(dir) {
			continue
		}
		os.RemoveAll(dir)
	}
}
