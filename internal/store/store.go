package store

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/cayley/graph/kv"
	graphlog "github.com/cayleygraph/cayley/graph/log"
	_ "github.com/cayleygraph/cayley/graph/memstore" // the memory backend
	"github.com/cayleygraph/cayley/graph/refs"
	_ "github.com/cayleygraph/cayley/graph/sql/postgres" // the postgres backend
	"github.com/cayleygraph/quad"
	hbolt "github.com/hidal-go/hidalgo/kv/bbolt"
	bolt "go.etcd.io/bbolt"
)

// Backends that [Open] accepts.
const (
	Bolt     = "bolt"
	Memory   = "memory"
	Postgres = "postgres"
)

// Backends lists the supported backend names.
var Backends = []string{Bolt, Memory, Postgres}

// Sentinel errors callers branch on.
var (
	// ErrLocked means another process holds the embedded store.
	ErrLocked = errors.New("store is locked by another process")
	// ErrUnreachable means a database server could not be reached.
	ErrUnreachable = errors.New("store is unreachable")
	// ErrConfig means the store configuration is not usable.
	ErrConfig = errors.New("invalid store configuration")
	// ErrCloseStuck means the store did not close within its timeout because a
	// stopped query left a read transaction open (Cayley's iterators can leak one
	// when a query is cut short by a limit or a deadline). Nothing was being written;
	// the operating system releases the file when the process ends.
	ErrCloseStuck = errors.New("store did not close: a stopped query left a read transaction open")
)

// Config says which store to open.
type Config struct {
	// Backend is one of [Backends]; empty means bolt.
	Backend string
	// Path is the bolt folder, or the PostgreSQL connection string.
	Path string
	// LockTimeout bounds the wait for a bolt store held by another process, and the
	// connection attempt to a database server. Zero means 5 seconds.
	LockTimeout time.Duration
}

// Store is an open quad store.
type Store struct {
	qs           graph.QuadStore
	backend      string
	where        string
	closeTimeout time.Duration
	closed       bool
}

// Open opens (creating when needed) the store the configuration names.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	timeout := cfg.LockTimeout
	if timeout <= 0 {
		timeout = 5 * time.Second
	}
	switch cfg.Backend {
	case "", Bolt:
		if cfg.Path == "" {
			return nil, fmt.Errorf("%w: the bolt backend needs a path", ErrConfig)
		}
		return openBolt(cfg.Path, timeout)
	case Memory:
		qs, err := graph.NewQuadStore("memstore", "", nil)
		if err != nil {
			return nil, err
		}
		return &Store{qs: qs, backend: Memory, where: "memory"}, nil
	case Postgres:
		return openPostgres(ctx, cfg.Path, timeout)
	}
	return nil, fmt.Errorf("%w: unknown backend %q (known: %s)", ErrConfig, cfg.Backend, strings.Join(Backends, ", "))
}

// boltFile is the database file inside a bolt store's folder; the name matches the
// layout Cayley's own tools expect.
const boltFile = "indexes.bolt"

func openBolt(dir string, timeout time.Duration) (*Store, error) {
	if info, err := os.Stat(dir); err == nil && !info.IsDir() {
		return nil, fmt.Errorf("%w: bolt path %s is a file; it must be a folder", ErrConfig, dir)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("open store %s: %w", dir, err)
	}
	db, err := hbolt.Open(filepath.Join(dir, boltFile), &bolt.Options{Timeout: timeout})
	if err != nil {
		if errors.Is(err, bolt.ErrTimeout) {
			return nil, fmt.Errorf("%w: %s (waited %s; is another graph command running?)", ErrLocked, dir, timeout)
		}
		return nil, fmt.Errorf("open store %s: %w", dir, err)
	}
	if err := kv.Init(db, nil); err != nil && !errors.Is(err, graph.ErrDatabaseExists) {
		db.Close()
		return nil, fmt.Errorf("initialise store %s: %w", dir, err)
	}
	qs, err := kv.New(db, nil)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open store %s: %w", dir, err)
	}
	st := &Store{qs: qs, backend: Bolt, where: dir, closeTimeout: timeout}
	if err := st.dropAnchors(context.Background()); err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}

func openPostgres(ctx context.Context, dsn string, timeout time.Duration) (*Store, error) {
	if dsn == "" {
		return nil, fmt.Errorf("%w: the postgres backend needs a connection string as its path", ErrConfig)
	}
	dsn = withConnectTimeout(dsn, timeout)
	where := redact(dsn)
	type result struct {
		qs  graph.QuadStore
		err error
	}
	done := make(chan result, 1)
	go func() {
		err := graph.InitQuadStore("postgres", dsn, nil)
		if err != nil && !errors.Is(err, graph.ErrDatabaseExists) {
			done <- result{nil, err}
			return
		}
		qs, err := graph.NewQuadStore("postgres", dsn, nil)
		done <- result{qs, err}
	}()
	select {
	case r := <-done:
		if r.err != nil {
			return nil, fmt.Errorf("%w: postgres %s: %v", ErrUnreachable, where, r.err)
		}
		return &Store{qs: r.qs, backend: Postgres, where: where}, nil
	case <-time.After(timeout + time.Second):
		return nil, fmt.Errorf("%w: postgres %s did not answer within %s", ErrUnreachable, where, timeout)
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// withConnectTimeout adds a connect_timeout to a connection string that has none, so
// an unreachable server fails instead of hanging.
func withConnectTimeout(dsn string, timeout time.Duration) string {
	secs := int(timeout.Seconds())
	if secs < 1 {
		secs = 1
	}
	if strings.Contains(dsn, "connect_timeout") {
		return dsn
	}
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		u, err := url.Parse(dsn)
		if err != nil {
			return dsn
		}
		q := u.Query()
		q.Set("connect_timeout", fmt.Sprint(secs))
		u.RawQuery = q.Encode()
		return u.String()
	}
	return fmt.Sprintf("%s connect_timeout=%d", dsn, secs)
}

// redact hides a password in a connection string for messages.
func redact(dsn string) string {
	if u, err := url.Parse(dsn); err == nil && u.User != nil {
		if _, has := u.User.Password(); has {
			u.User = url.UserPassword(u.User.Username(), "xxxxx")
		}
		return u.String()
	}
	return dsn
}

// Backend names the open store's backend.
func (s *Store) Backend() string { return s.backend }

// Where describes the store's location for messages (passwords hidden).
func (s *Store) Where() string { return s.where }

// Close flushes and closes the store; closing twice is harmless. A bolt store whose
// close waits on a leaked read transaction gives up after the lock timeout with
// [ErrCloseStuck] rather than hanging.
func (s *Store) Close() error {
	if s.closed {
		return nil
	}
	s.closed = true
	if s.closeTimeout <= 0 {
		return s.qs.Close()
	}
	done := make(chan error, 1)
	go func() { done <- s.qs.Close() }()
	timer := time.NewTimer(s.closeTimeout)
	defer timer.Stop()
	select {
	case err := <-done:
		return err
	case <-timer.C:
		return fmt.Errorf("%w: %s", ErrCloseStuck, s.where)
	}
}

// Change counts what [Store.Replace] did.
type Change struct {
	Added, Removed, Kept int
}

// Replace makes the quads under each label exactly those given, in one transaction:
// quads of other labels are untouched, and when anything fails nothing changes.
// Every quad's label must be its set's label.
func (s *Store) Replace(ctx context.Context, sets map[quad.IRI][]quad.Quad) (Change, error) {
	var ch Change
	var deltas []graph.Delta
	for label, qs := range sets {
		want := make(map[string]quad.Quad, len(qs))
		for _, q := range qs {
			if q.Label != label {
				return Change{}, fmt.Errorf("quad %s is not labelled %s", q.NQuad(), label)
			}
			want[q.NQuad()] = q
		}
		have, err := s.Quads(ctx, label)
		if err != nil {
			return Change{}, err
		}
		for _, q := range have {
			k := q.NQuad()
			if _, ok := want[k]; ok {
				delete(want, k)
				ch.Kept++
				continue
			}
			deltas = append(deltas, graph.Delta{Quad: q, Action: graph.Delete})
			ch.Removed++
		}
		for _, q := range qs {
			if _, ok := want[q.NQuad()]; ok {
				deltas = append(deltas, graph.Delta{Quad: q, Action: graph.Add})
				ch.Added++
			}
		}
	}
	if len(deltas) == 0 {
		return ch, nil
	}
	if err := ctx.Err(); err != nil {
		return Change{}, err
	}
	if s.backend != Bolt {
		if err := s.qs.ApplyDeltas(deltas, graph.IgnoreOpts{}); err != nil {
			return Change{}, fmt.Errorf("write to store %s: %w", s.where, err)
		}
		return ch, nil
	}
	anchors := anchorsFor(deltas)
	if err := s.qs.ApplyDeltas(append(deltas, anchors...), graph.IgnoreOpts{}); err != nil {
		return Change{}, fmt.Errorf("write to store %s: %w", s.where, err)
	}
	if err := s.dropAnchors(ctx); err != nil {
		return Change{}, err
	}
	return ch, nil
}

// Cayley's KV backend nets the reference counts of the nodes a write touches, and
// when a node ends the write with a negative count it does not look it up for the
// quads the write adds: they are stored without it (an empty label, a missing
// subject). That happens whenever a rebuild removes more quads than it adds that
// share a node, such as the source's label. anchorsFor adds, for each such node,
// enough anchor quads to keep its count from going negative, so the whole rebuild
// stays one transaction; the anchors are removed by a second, delete-only write,
// and any left by a crash between the two are removed when the store next opens.
const (
	anchorLabel = quad.IRI("graph:anchor")
	anchorPred  = quad.IRI("graph:anchor")
)

func anchorsFor(deltas []graph.Delta) []graph.Delta {
	split := graphlog.SplitDeltas(deltas)
	if len(split.DecNode) == 0 || len(split.QuadAdd) == 0 {
		return nil
	}
	used := map[refs.ValueHash]bool{}
	for _, u := range split.QuadAdd {
		for _, dir := range quad.Directions {
			if h := u.Quad.Get(dir); h.Valid() {
				used[h] = true
			}
		}
	}
	var out []graph.Delta
	for _, n := range split.DecNode {
		if !used[n.Hash] {
			continue
		}
		for i := 0; i < -n.RefInc; i++ {
			out = append(out, graph.Delta{Action: graph.Add, Quad: quad.Quad{
				Subject:   quad.IRI(fmt.Sprintf("graph:anchor/%d", len(out))),
				Predicate: anchorPred,
				Object:    n.Val,
				Label:     anchorLabel,
			}})
		}
	}
	return out
}

// dropAnchors removes the anchor quads, in a write that only deletes.
func (s *Store) dropAnchors(ctx context.Context) error {
	anchors, err := s.Quads(ctx, anchorLabel)
	if err != nil || len(anchors) == 0 {
		return err
	}
	deltas := make([]graph.Delta, len(anchors))
	for i, q := range anchors {
		deltas[i] = graph.Delta{Action: graph.Delete, Quad: q}
	}
	if err := s.qs.ApplyDeltas(deltas, graph.IgnoreOpts{}); err != nil {
		return fmt.Errorf("tidy store %s: %w", s.where, err)
	}
	return nil
}

// Quads returns the quads under a label.
func (s *Store) Quads(ctx context.Context, label quad.IRI) ([]quad.Quad, error) {
	ref, err := s.qs.ValueOf(label)
	if err != nil {
		return nil, err
	}
	if ref == nil {
		return nil, nil
	}
	return s.collect(ctx, s.qs.QuadIterator(quad.Label, ref))
}

// AllQuads returns every quad in the store.
func (s *Store) AllQuads(ctx context.Context) ([]quad.Quad, error) {
	return s.collect(ctx, s.qs.QuadsAllIterator())
}

func (s *Store) collect(ctx context.Context, shape iterator.Shape) ([]quad.Quad, error) {
	it := shape.Iterate()
	defer it.Close()
	var out []quad.Quad
	for it.Next(ctx) {
		q, err := s.qs.Quad(it.Result())
		if err != nil {
			return nil, err
		}
		out = append(out, q)
	}
	if err := it.Err(); err != nil {
		return nil, err
	}
	return out, nil
}
