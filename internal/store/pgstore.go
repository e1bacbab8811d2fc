package store

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"time"

	"github.com/cayleygraph/cayley/graph"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// A PostgreSQL store is Cayley's SQL layout (tables nodes and quads, with Cayley's
// indexes, made by Cayley's own Init) and two additions of graph's, which Cayley
// does not read and which do not change what it reads:
//
//   - graph_label_hashes: each label's content hash (see [quadsHash]), written in
//     the transaction that writes the label's quads;
//   - graph_label_inputs: each label's inputs record (inputs.go), written in the
//     same transaction, after the content hash of the quads it describes;
//   - the index graph_quads_label on quads (label_hash): Cayley has none, so reading
//     one label's quads scanned the whole table, and deleting a node scanned it
//     again for the foreign key from label_hash.
//
// Cayley reads it through its SQL backend, over pgx (see [cayleyFlavor]); graph
// writes it itself (pgwrite.go).
const (
	labelIndex = "graph_quads_label"
)

// pgStore is graph's own connection to a PostgreSQL store, for its schema and its
// writes.
type pgStore struct {
	conn   *pgx.Conn
	where  string
	secret string
	opts   PostgresOptions
	// staged is set once the session's staging tables exist.
	staged bool
	// records is set when the tables of the inputs records and content hashes
	// exist: as the open found them, or made them.
	records bool
	// load is the bulk load in progress, if any (pgwrite.go).
	load *pgLoad
}

// Advisory lock keys: one for changes of the schema, and one per label (see
// [labelLockKey]), all in a space of their own.
var schemaLockKey = lockKey("schema")

func lockKey(name string) int64 {
	h := sha256.Sum256([]byte("graph store lock\x00" + name))
	return int64(binary.BigEndian.Uint64(h[:8]))
}

func labelLockKey(label string) int64 { return lockKey("label\x00" + label) }

// PostgresLabelLock returns the key of the transaction-level advisory lock
// (pg_advisory_xact_lock) that a write to a PostgreSQL store takes for each label
// it writes, before it reads the label's stored quads: a session holding it holds
// off every graph write of that label, but for a bulk load into an empty store,
// which holds the tables themselves instead.
func PostgresLabelLock(label quad.IRI) int64 { return labelLockKey(string(label)) }

// pgQuadStore is Cayley's view of the store with graph's connection beside it, so
// that closing one closes both.
type pgQuadStore struct {
	graph.QuadStore
	pg         *pgStore
	registered string
}

func (q *pgQuadStore) Close() error {
	err := q.QuadStore.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	q.pg.conn.Close(ctx)
	stdlib.UnregisterConnConfig(q.registered)
	return err
}

// openPG opens a PostgreSQL store. A command that only reads (cfg.MustExist) writes
// nothing, so that it works on a read-only standby, and fails with [ErrNoStore]
// when the database holds no store; otherwise the tables and graph's additions are
// made when missing.
func openPG(ctx context.Context, cfg Config, timeout time.Duration) (*Store, error) {
	dsn := cfg.Path
	if dsn == "" {
		return nil, fmt.Errorf("%w: the postgres backend needs a connection string as its path", ErrConfig)
	}
	where, secret := redact(dsn), secretOf(dsn)
	cc, err := pgConnConfig(dsn, timeout, cfg.Postgres)
	if err != nil {
		return nil, err
	}
	p := &pgStore{where: where, secret: secret, opts: cfg.Postgres}
	fail := func(err error) error { return pgFailure(where, secret, cfg.Postgres, err) }
	p.conn, err = pgx.ConnectConfig(ctx, cc)
	if err != nil {
		return nil, fail(err)
	}
	closeConn := func() {
		cctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		p.conn.Close(cctx)
	}
	var haveNodes, haveQuads, haveHashes, haveInputs, haveIndex bool
	err = p.conn.QueryRow(ctx, `SELECT to_regclass('nodes') IS NOT NULL, to_regclass('quads') IS NOT NULL, to_regclass('`+hashTable+`') IS NOT NULL, to_regclass('`+inputsTable+`') IS NOT NULL, to_regclass('`+labelIndex+`') IS NOT NULL`).
		Scan(&haveNodes, &haveQuads, &haveHashes, &haveInputs, &haveIndex)
	if err != nil {
		closeConn()
		return nil, fail(err)
	}
	registered := stdlib.RegisterConnConfig(cc)
	switch {
	case cfg.MustExist && !(haveNodes && haveQuads):
		closeConn()
		stdlib.UnregisterConnConfig(registered)
		return nil, fmt.Errorf("%w in postgres %s: build one first (graph build PATH), or name another with --store-path", ErrNoStore, where)
	case !cfg.MustExist && !(haveNodes && haveQuads && haveHashes && haveInputs && haveIndex):
		if err := p.initSchema(ctx, registered); err != nil {
			closeConn()
			stdlib.UnregisterConnConfig(registered)
			return nil, fail(err)
		}
		haveHashes, haveInputs = true, true
	}
	p.records = haveHashes && haveInputs
	qs, err := csql.New(cayleyFlavor, registered, nil)
	if err != nil {
		closeConn()
		stdlib.UnregisterConnConfig(registered)
		return nil, fail(err)
	}
	st := &Store{
		qs:      &pgQuadStore{QuadStore: qs, pg: p, registered: registered},
		backend: Postgres,
		where:   where,
		pg:      p,
	}
	st.closeTimeout.Store(int64(timeout + 5*time.Second))
	return st, nil
}

// initSchema makes what is missing of the store, holding the schema lock so that
// two graph processes opening a new database at once do not both make it.
func (p *pgStore) initSchema(ctx context.Context, registered string) error {
	if _, err := p.conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, schemaLockKey); err != nil {
		return err
	}
	defer p.conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, schemaLockKey)
	var have bool
	if err := p.conn.QueryRow(ctx, `SELECT to_regclass('quads') IS NOT NULL`).Scan(&have); err != nil {
		return err
	}
	if !have {
		// Cayley's own Init makes its tables and indexes, so the layout is its own.
		if err := csql.Init(cayleyFlavor, registered, nil); err != nil {
			return fmt.Errorf("create Cayley's tables: %w", err)
		}
	}
	if _, err := p.conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS `+hashTable+` (label TEXT PRIMARY KEY, sha256 BYTEA NOT NULL)`); err != nil {
		return fmt.Errorf("create %s: %w", hashTable, err)
	}
	if _, err := p.conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS `+inputsTable+` (label TEXT PRIMARY KEY, record BYTEA NOT NULL)`); err != nil {
		return fmt.Errorf("create %s: %w", inputsTable, err)
	}
	// On a large store made by Cayley this reads the table once, the first time
	// graph writes to it.
	if _, err := p.conn.Exec(ctx, `CREATE INDEX IF NOT EXISTS `+labelIndex+` ON quads (label_hash)`); err != nil {
		return fmt.Errorf("create index %s: %w", labelIndex, err)
	}
	return nil
}
