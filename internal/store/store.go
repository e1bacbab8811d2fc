package store

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/cayley/graph/kv"
	_ "github.com/cayleygraph/cayley/graph/memstore"     // the memory backend
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
	// ErrNoStore means a command that reads a store was pointed at a bolt folder
	// that holds none: a mistyped path, or a store not built yet.
	ErrNoStore = errors.New("no store")
	// ErrCloseStuck means the store did not close within its timeout because a
	// stopped query left a read transaction open (Cayley's iterators can leak one
	// when a query is cut short by a limit or a deadline). Nothing was being written;
	// the operating system releases the file when the process ends.
	ErrCloseStuck = errors.New("store did not close: a stopped query left a read transaction open")
	// ErrVersion means a bolt store's Cayley data version is not the one this
	// package's writer writes (see [VersionError]); the store is neither read nor
	// written.
	ErrVersion = errors.New("store has another Cayley data version")
)

// VersionError is the [ErrVersion] of one store: the data version it records.
type VersionError struct {
	// Where is the store's folder.
	Where string
	// Found is the version the store records.
	Found int64
}

func (e *VersionError) Error() string {
	return fmt.Sprintf("%s: the store's Cayley data version is %d; this graph writes version %d (rebuild it with this version, or use the graph release that made it)", e.Where, e.Found, dataVersion)
}

// Unwrap returns [ErrVersion].
func (e *VersionError) Unwrap() error { return ErrVersion }

// Config says which store to open.
type Config struct {
	// Backend is one of [Backends]; empty means bolt.
	Backend string
	// Path is the bolt folder, or the PostgreSQL connection string.
	Path string
	// LockTimeout bounds the wait for a bolt store held by another process, and the
	// connection attempt to a database server. Zero means 5 seconds.
	LockTimeout time.Duration
	// MustExist refuses to create a bolt store: commands that only read (or only
	// add to) a store built before set it, so that a mistyped path is an error
	// rather than a new, empty store that answers nothing.
	MustExist bool
	// ReadOnly opens a bolt store for reading only (implying MustExist): its file
	// is opened read-only under a shared lock, so that commands that only read
	// work on a read-only file system and beside one another, and nothing in the
	// file changes. Writing to such a store fails with [ErrReadOnly].
	ReadOnly bool
	// Postgres bounds the network operations of the postgres backend.
	Postgres PostgresOptions
}

// Store is an open quad store. It is not safe for concurrent use.
type Store struct {
	qs      graph.QuadStore
	backend string
	where   string
	// closeTimeout bounds Close's wait (nanoseconds); queries running at once
	// may shorten it (see [Store.QueryEach]).
	closeTimeout atomic.Int64
	closed       bool

	// For the bolt backend: the database, which the layout writer (boltkv.go)
	// writes and Cayley reads through hdb.
	db  *bolt.DB
	hdb *hbolt.DB
	// For the other backends: the labels' content hashes (hashes.go).
	hashes labelHashes
	// For the postgres backend: graph's own connection, which writes (pg*.go).
	pg *pgStore
	// readOnly is set for a bolt store opened with [Config.ReadOnly].
	readOnly bool
}

// cayleyOptions open Cayley's view of a bolt store. Its bloom filters are off:
// filling them reads the whole store on every open, and they would not see the
// quads our writer adds.
var cayleyOptions = graph.Options{kv.OptNoBloom: true}

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
		if info, err := os.Stat(cfg.Path); (cfg.MustExist || cfg.ReadOnly) && (err != nil || info.IsDir()) {
			if _, err := os.Stat(filepath.Join(cfg.Path, boltFile)); err != nil {
				return nil, fmt.Errorf("%w at %s: build one first (graph build PATH), or name another with --store-path", ErrNoStore, cfg.Path)
			}
		}
		if cfg.ReadOnly {
			return openBoltReadOnly(cfg.Path, timeout)
		}
		return openBolt(cfg.Path, timeout)
	case Memory:
		qs, err := graph.NewQuadStore("memstore", "", nil)
		if err != nil {
			return nil, err
		}
		return &Store{qs: qs, backend: Memory, where: "memory", hashes: memoryHashes{}}, nil
	case Postgres:
		return openPG(ctx, cfg, timeout)
	}
	return nil, fmt.Errorf("%w: unknown backend %q (known: %s)", ErrConfig, cfg.Backend, strings.Join(Backends, ", "))
}

// boltFile is the database file inside a bolt store's folder; the name matches the
// layout Cayley's own tools expect.
const boltFile = "indexes.bolt"

func openBolt(dir string, timeout time.Duration) (_ *Store, err error) {
	defer survive(dir, &err, debug.SetPanicOnFault(true))
	if info, err := os.Stat(dir); err == nil && !info.IsDir() {
		return nil, fmt.Errorf("%w: bolt path %s is a file; it must be a folder", ErrConfig, dir)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("open store %s: %w", dir, err)
	}
	if err := checkBoltFile(filepath.Join(dir, boltFile)); err != nil {
		return nil, err
	}
	db, err := hbolt.Open(filepath.Join(dir, boltFile), &bolt.Options{
		Timeout: timeout,
		// Cayley's layout keeps 2×65,536 small buckets inline in the root, which
		// every large write touches: larger pages make that tree shallower and
		// smaller (a new store only; an existing file keeps its page size).
		PageSize: 16 << 10,
		// Growing the map makes bolt copy every key a write holds; reserving
		// address space for a large store up front avoids most of that.
		InitialMmapSize: 1 << 30,
	})
	if err != nil {
		if errors.Is(err, bolt.ErrTimeout) {
			return nil, fmt.Errorf("%w: %s (waited %s; is another graph command running?)", ErrLocked, dir, timeout)
		}
		return nil, fmt.Errorf("open store %s: %w", dir, err)
	}
	// A damaged file can make any read below panic; the database is then closed,
	// so that its lock goes with the error. Deferred after survive, it runs first.
	defer func() {
		if r := recover(); r != nil {
			db.Close()
			panic(r)
		}
	}()
	// A store made by another data version is refused before Cayley's Init reads
	// it; a fresh one gets the version Cayley's Init writes, which must be ours.
	if err := db.DB().View(func(tx *bolt.Tx) error { return checkVersion(tx, dir, true) }); err != nil {
		db.Close()
		return nil, openError(dir, err)
	}
	if err := kv.Init(db, nil); err != nil && !errors.Is(err, graph.ErrDatabaseExists) {
		db.Close()
		return nil, fmt.Errorf("initialise store %s: %w", dir, err)
	}
	if err := db.DB().View(func(tx *bolt.Tx) error { return checkVersion(tx, dir, false) }); err != nil {
		db.Close()
		return nil, openError(dir, err)
	}
	s := &Store{backend: Bolt, where: dir, db: db.DB(), hdb: db}
	s.closeTimeout.Store(int64(timeout))
	if err := s.reopenCayley(); err != nil {
		db.Close()
		return nil, fmt.Errorf("open store %s: %w", dir, err)
	}
	return s, nil
}

// ErrReadOnly is the error of a write to a store opened read-only.
var ErrReadOnly = errors.New("the store was opened read-only")

// openBoltReadOnly opens an existing bolt store for reading: its file read-only
// under a shared lock, nothing initialised or written.
func openBoltReadOnly(dir string, timeout time.Duration) (_ *Store, err error) {
	defer survive(dir, &err, debug.SetPanicOnFault(true))
	if info, err := os.Stat(dir); err == nil && !info.IsDir() {
		return nil, fmt.Errorf("%w: bolt path %s is a file; it must be a folder", ErrConfig, dir)
	}
	if err := checkBoltFile(filepath.Join(dir, boltFile)); err != nil {
		return nil, err
	}
	db, err := hbolt.Open(filepath.Join(dir, boltFile), &bolt.Options{Timeout: timeout, ReadOnly: true})
	if err != nil {
		if errors.Is(err, bolt.ErrTimeout) {
			return nil, fmt.Errorf("%w: %s (waited %s; is a build writing it?)", ErrLocked, dir, timeout)
		}
		return nil, fmt.Errorf("open store %s: %w", dir, err)
	}
	defer func() {
		if r := recover(); r != nil {
			db.Close()
			panic(r)
		}
	}()
	if err := db.DB().View(func(tx *bolt.Tx) error { return checkVersion(tx, dir, false) }); err != nil {
		db.Close()
		return nil, openError(dir, err)
	}
	s := &Store{backend: Bolt, where: dir, db: db.DB(), hdb: db, readOnly: true}
	s.closeTimeout.Store(int64(timeout))
	if err := s.reopenCayley(); err != nil {
		db.Close()
		return nil, fmt.Errorf("open store %s: %w", dir, err)
	}
	return s, nil
}

// openError names the store in an error of opening it, unless the error names it
// already.
func openError(dir string, err error) error {
	if errors.Is(err, ErrVersion) {
		return err
	}
	return fmt.Errorf("open store %s: %w", dir, err)
}

// reopenCayley gives Cayley a fresh view of a bolt store, without cached ids.
func (s *Store) reopenCayley() error {
	if s.hdb == nil {
		return nil
	}
	qs, err := kv.New(s.hdb, cayleyOptions)
	if err != nil {
		return err
	}
	s.qs = qs
	return nil
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

// redact hides a password in a connection string for messages, in the URL form
// (postgres://user:secret@host/db), the key=value form (password=secret or
// password='a secret'), and a URL that does not parse.
func redact(dsn string) string {
	if u, err := url.Parse(dsn); err == nil && u.User != nil {
		if _, has := u.User.Password(); has {
			u.User = url.UserPassword(u.User.Username(), "xxxxx")
		}
		return u.String()
	}
	dsn = keyPassword.ReplaceAllString(dsn, "${1}xxxxx")
	return urlPassword.ReplaceAllString(dsn, "${1}xxxxx@")
}

var (
	keyPassword = regexp.MustCompile(`(?i)(\bpassword\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s]*)`)
	urlPassword = regexp.MustCompile(`(://[^:/@\s]*:)[^@\s]*@`)
)

// secretOf returns the password a connection string holds, or "".
func secretOf(dsn string) string {
	if u, err := url.Parse(dsn); err == nil && u.User != nil {
		p, _ := u.User.Password()
		return p
	}
	if m := keyPassword.FindStringSubmatch(dsn); m != nil {
		return strings.Trim(m[2], "'")
	}
	if m := regexp.MustCompile(`://[^:/@\s]*:([^@\s]*)@`).FindStringSubmatch(dsn); m != nil {
		return m[1]
	}
	return ""
}

// scrub removes a password from an error's message: a driver may quote the
// connection string it was given.
func scrub(err error, secret string) string {
	msg := err.Error()
	if len(secret) >= 3 {
		msg = strings.ReplaceAll(msg, secret, "xxxxx")
	}
	return redact(msg)
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
	if s.hashes != nil {
		s.hashes.close()
	}
	closeTimeout := time.Duration(s.closeTimeout.Load())
	if closeTimeout <= 0 {
		return s.qs.Close()
	}
	done := make(chan error, 1)
	go func() { done <- s.qs.Close() }()
	timer := time.NewTimer(closeTimeout)
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
func (s *Store) Replace(ctx context.Context, sets map[quad.IRI][]quad.Quad) (_ Change, err error) {
	if s.readOnly {
		return Change{}, fmt.Errorf("%w: %s", ErrReadOnly, s.where)
	}
	defer survive(s.where, &err, debug.SetPanicOnFault(true))
	labels := make([]quad.IRI, 0, len(sets))
	for l := range sets {
		labels = append(labels, l)
	}
	sort.Slice(labels, func(i, j int) bool { return labels[i] < labels[j] })
	w := s.NewWriter(WriteOptions{})
	for _, l := range labels {
		if err := w.Put(ctx, l, sets[l]); err != nil {
			return Change{}, err
		}
	}
	return w.Commit(ctx)
}

// Quads returns the quads under a label.
func (s *Store) Quads(ctx context.Context, label quad.IRI) (_ []quad.Quad, err error) {
	defer survive(s.where, &err, debug.SetPanicOnFault(true))
	if s.db != nil {
		var qs []quad.Quad
		var ok bool
		err := s.db.View(func(tx *bolt.Tx) error {
			var err error
			qs, ok, err = readLabel(tx, label)
			return err
		})
		if err != nil || ok {
			return qs, err
		}
	}
	return s.cayleyQuads(ctx, label)
}

// cayleyQuads reads a label's quads through Cayley; its key-value stores have no
// index by label, so there it reads the whole store.
func (s *Store) cayleyQuads(ctx context.Context, label quad.IRI) ([]quad.Quad, error) {
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
	var out []quad.Quad
	err := s.each(ctx, func(q quad.Quad) error {
		out = append(out, q)
		return nil
	})
	return out, err
}

// each calls fn with every quad in the store.
func (s *Store) each(ctx context.Context, fn func(quad.Quad) error) (err error) {
	defer survive(s.where, &err, debug.SetPanicOnFault(true))
	if s.db != nil {
		return s.db.View(func(tx *bolt.Tx) error { return eachQuad(ctx, tx, fn) })
	}
	qs, err := s.collect(ctx, s.qs.QuadsAllIterator())
	if err != nil {
		return err
	}
	for _, q := range qs {
		if err := fn(q); err != nil {
			return err
		}
	}
	return nil
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

// CopyTo writes a copy of a bolt store's file into the folder dir, as it is in one
// read transaction: [Open] with ReadOnly opens the copy as a store. Other backends
// cannot be copied this way.
func (s *Store) CopyTo(dir string) (err error) {
	if s.db == nil {
		return fmt.Errorf("%w: only a bolt store can be copied to a folder, not a %s store", ErrConfig, s.backend)
	}
	defer survive(s.where, &err, debug.SetPanicOnFault(true))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	err = s.db.View(func(tx *bolt.Tx) error { return tx.CopyFile(filepath.Join(dir, boltFile), 0o644) })
	if err != nil {
		return fmt.Errorf("copy the store %s to %s: %w", s.where, dir, err)
	}
	return nil
}

// Unlocked reports whether the bolt store in dir exists and no process holds its
// lock (a server reading it takes a shared one, a build an exclusive one). It
// opens the file and closes it again, writing nothing.
func Unlocked(dir string) bool {
	path := filepath.Join(dir, boltFile)
	if _, err := os.Stat(path); err != nil {
		return false
	}
	db, err := bolt.Open(path, 0o644, &bolt.Options{Timeout: 10 * time.Millisecond, ReadOnly: false})
	if err != nil {
		return false
	}
	db.Close()
	return true
}
