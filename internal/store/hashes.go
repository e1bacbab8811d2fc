package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"fmt"

	"github.com/cayleygraph/quad"
	"github.com/lib/pq"
)

// labelHashes remembers, for backends written through Cayley's deltas (memory, SQL),
// the content hash of each label as last written, so that an unchanged label is
// skipped without reading its quads. Bolt keeps its hashes in the manifests.
//
// The hashes cannot share the quads' transaction there, so they are only ever a
// shortcut: a label's hash is forgotten before its quads change and stored after
// they committed. A write cut short leaves no hash, and the next write of that label
// compares its quads instead.
type labelHashes interface {
	get(ctx context.Context, labels []quad.IRI) (map[quad.IRI][sha256.Size]byte, error)
	forget(ctx context.Context, labels []quad.IRI) error
	set(ctx context.Context, hashes map[quad.IRI][sha256.Size]byte) error
	close() error
}

// quadsHash is the content hash of a label's quads given as distinct N-Quads lines
// in sorted order.
func quadsHash(lines []string) [sha256.Size]byte {
	h := sha256.New()
	h.Write([]byte("graph nquads v1\n"))
	for _, l := range lines {
		h.Write([]byte(l))
		h.Write([]byte{'\n'})
	}
	var out [sha256.Size]byte
	h.Sum(out[:0])
	return out
}

// memoryHashes is the memory backend's table: the store lives as long as it does.
type memoryHashes map[quad.IRI][sha256.Size]byte

func (m memoryHashes) get(_ context.Context, labels []quad.IRI) (map[quad.IRI][sha256.Size]byte, error) {
	out := map[quad.IRI][sha256.Size]byte{}
	for _, l := range labels {
		if h, ok := m[l]; ok {
			out[l] = h
		}
	}
	return out, nil
}

func (m memoryHashes) forget(_ context.Context, labels []quad.IRI) error {
	for _, l := range labels {
		delete(m, l)
	}
	return nil
}

func (m memoryHashes) set(_ context.Context, hashes map[quad.IRI][sha256.Size]byte) error {
	for l, h := range hashes {
		m[l] = h
	}
	return nil
}

func (memoryHashes) close() error { return nil }

// sqlHashes keeps the hashes in a table of the store's own database, which Cayley
// does not read.
type sqlHashes struct{ db *sql.DB }

const hashTable = "graph_label_hashes"

func openSQLHashes(ctx context.Context, dsn string) (*sqlHashes, error) {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(2)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS `+hashTable+` (label TEXT PRIMARY KEY, sha256 BYTEA NOT NULL)`); err != nil {
		db.Close()
		return nil, fmt.Errorf("create %s: %w", hashTable, err)
	}
	return &sqlHashes{db}, nil
}

func labelStrings(labels []quad.IRI) []string {
	out := make([]string, len(labels))
	for i, l := range labels {
		out[i] = string(l)
	}
	return out
}

func (t *sqlHashes) get(ctx context.Context, labels []quad.IRI) (map[quad.IRI][sha256.Size]byte, error) {
	rows, err := t.db.QueryContext(ctx, `SELECT label, sha256 FROM `+hashTable+` WHERE label = ANY($1)`, pq.Array(labelStrings(labels)))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[quad.IRI][sha256.Size]byte{}
	for rows.Next() {
		var l string
		var h []byte
		if err := rows.Scan(&l, &h); err != nil {
			return nil, err
		}
		if len(h) == sha256.Size {
			out[quad.IRI(l)] = [sha256.Size]byte(h)
		}
	}
	return out, rows.Err()
}

func (t *sqlHashes) forget(ctx context.Context, labels []quad.IRI) error {
	_, err := t.db.ExecContext(ctx, `DELETE FROM `+hashTable+` WHERE label = ANY($1)`, pq.Array(labelStrings(labels)))
	return err
}

func (t *sqlHashes) set(ctx context.Context, hashes map[quad.IRI][sha256.Size]byte) error {
	tx, err := t.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for l, h := range hashes {
		if _, err := tx.ExecContext(ctx, `INSERT INTO `+hashTable+` (label, sha256) VALUES ($1, $2) ON CONFLICT (label) DO UPDATE SET sha256 = excluded.sha256`, string(l), h[:]); err != nil {
			return err
		}
	}
	return tx.Commit()
}

func (t *sqlHashes) close() error { return t.db.Close() }
