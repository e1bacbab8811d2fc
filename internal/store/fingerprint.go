package store

import (
	"context"
	"fmt"
	"runtime/debug"
)

// Fingerprint returns a digest that changes whenever graph writes the store: on
// PostgreSQL, a digest of the labels' content hashes (graph's own table, which
// every write updates in the transaction of its quads). It returns "" when the
// store cannot tell: another backend (a bolt store's file tells), or a database
// no graph build has written.
func (s *Store) Fingerprint(ctx context.Context) (_ string, err error) {
	if s.pg == nil {
		return "", nil
	}
	defer survive(s.where, &err, debug.SetPanicOnFault(true))
	var exists bool
	if err := s.pg.conn.QueryRow(ctx, `SELECT to_regclass('`+hashTable+`') IS NOT NULL`).Scan(&exists); err != nil {
		return "", fmt.Errorf("read the store's fingerprint at %s: %w", s.where, err)
	}
	if !exists {
		return "", nil
	}
	var digest *string
	err = s.pg.conn.QueryRow(ctx, `SELECT count(*)::text || '-' || coalesce(md5(string_agg(label || ' ' || encode(sha256, 'hex'), ',' ORDER BY label)), '') FROM `+hashTable).Scan(&digest)
	if err != nil {
		return "", fmt.Errorf("read the store's fingerprint at %s: %w", s.where, err)
	}
	if digest == nil {
		return "", nil
	}
	return *digest, nil
}
