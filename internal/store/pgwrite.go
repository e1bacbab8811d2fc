package store

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"slices"
	"sort"
	"time"

	"github.com/cayleygraph/cayley/graph/refs"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// The PostgreSQL writer. Into a store that holds no quads, a whole series of
// writes is one bulk load (see [pgLoad]). Otherwise a transaction writes whole
// labels:
//
//  0. its first statement reads quads (see [probeSQL]), so that it waits for
//     another process's bulk load before it holds any lock of its own;
//  1. it takes an advisory lock per label (in one order, so two writers never wait
//     for each other in a circle), so that two processes writing the same label
//     serialize and the second sees what the first wrote;
//  2. it reads the labels' stored content hashes and leaves the unchanged ones;
//  3. it copies the wanted quads (as value hashes) and their values into staging
//     tables of the session with COPY;
//  4. set-based statements compare them with the labels' stored quads (through
//     graph's label index), delete and insert the difference, and merge the node
//     reference counts: one upsert in hash order for every node whose count changes,
//     then the deletion of the nodes no quad uses any more;
//  5. the labels' new content hashes are stored in the same transaction.
//
// The records are those Cayley's own writer makes: a node's refs counts the quad
// directions that name it, its value goes to the column Cayley chooses
// ([csql.NodeValues]), and a quad row holds the four hashes and the time.

// stagingTables are made once per session. They are temporary, so that they are
// private to the session and never replicated; ON COMMIT DELETE ROWS empties them.
var stagingTables = []string{
	`CREATE TEMP TABLE IF NOT EXISTS graph_new (s BYTEA NOT NULL, p BYTEA NOT NULL, o BYTEA NOT NULL, l BYTEA NOT NULL) ON COMMIT DELETE ROWS`,
	`CREATE TEMP TABLE IF NOT EXISTS graph_values (hash BYTEA NOT NULL, value BYTEA, value_string TEXT, datatype TEXT, language TEXT, iri BOOLEAN, bnode BOOLEAN, value_int BIGINT, value_bool BOOLEAN, value_float DOUBLE PRECISION, value_time TIMESTAMP WITH TIME ZONE) ON COMMIT DELETE ROWS`,
	`CREATE TEMP TABLE IF NOT EXISTS graph_old (horizon BIGINT NOT NULL, s BYTEA NOT NULL, p BYTEA NOT NULL, o BYTEA NOT NULL, l BYTEA NOT NULL) ON COMMIT DELETE ROWS`,
	`CREATE TEMP TABLE IF NOT EXISTS graph_del (horizon BIGINT NOT NULL, s BYTEA NOT NULL, p BYTEA NOT NULL, o BYTEA NOT NULL, l BYTEA NOT NULL) ON COMMIT DELETE ROWS`,
	`CREATE TEMP TABLE IF NOT EXISTS graph_add (s BYTEA NOT NULL, p BYTEA NOT NULL, o BYTEA NOT NULL, l BYTEA NOT NULL) ON COMMIT DELETE ROWS`,
	`CREATE TEMP TABLE IF NOT EXISTS graph_delta (hash BYTEA NOT NULL, delta BIGINT NOT NULL) ON COMMIT DELETE ROWS`,
}

// valueColumns are the columns of graph_values, in the order of nodes' own.
var valueColumns = []string{"hash", "value", "value_string", "datatype", "language", "iri", "bnode", "value_int", "value_bool", "value_float", "value_time"}

// pgLabel is one label's wanted content, as hashes.
type pgLabel struct {
	label string
	hash  [sha256.Size]byte
	quads [][4][]byte // subject, predicate, object, label hashes; distinct
	// inputs is the label's inputs record (inputs.go), nil for none.
	inputs []byte
}

// pgBatch is a transaction's worth of labels and the values their quads name.
type pgBatch struct {
	labels []pgLabel
	values map[string][]any // by hash: a graph_values row
	count  int              // wanted quads
}

// preparePG hashes the label sets: their values the way Cayley hashes them, and
// each label's content for the stored hashes.
func preparePG(sets []labelSet) (*pgBatch, error) {
	b := &pgBatch{values: map[string][]any{}}
	hashes := map[string][]byte{} // by the value's N-Quads form
	hashOf := func(v quad.Value) ([]byte, error) {
		key := v.String()
		if h, ok := hashes[key]; ok {
			return h, nil
		}
		h := refs.HashOf(v)
		hb := h[:]
		hashes[key] = hb
		if _, ok := b.values[string(hb)]; !ok {
			typ, vals, err := csql.NodeValues(csql.NodeHash{ValueHash: h}, v)
			if err != nil {
				return nil, fmt.Errorf("value %s: %w", key, err)
			}
			row := make([]any, len(valueColumns))
			row[0] = hb
			for i, col := range typ.Columns() {
				row[slices.Index(valueColumns, col)] = vals[i+1]
			}
			b.values[string(hb)] = row
		}
		return hb, nil
	}
	for _, ls := range sets {
		l := pgLabel{label: string(ls.label), inputs: ls.inputs}
		lines := make([]string, 0, len(ls.quads))
		seen := make(map[[4]string]bool, len(ls.quads))
		for _, q := range ls.quads {
			var row [4][]byte
			var key [4]string
			for i, v := range []quad.Value{q.Subject, q.Predicate, q.Object, q.Label} {
				if v == nil {
					return nil, fmt.Errorf("quad %s lacks a %s", q.NQuad(), quad.Directions[i])
				}
				h, err := hashOf(v)
				if err != nil {
					return nil, err
				}
				row[i], key[i] = h, string(h)
			}
			if seen[key] {
				continue
			}
			seen[key] = true
			l.quads = append(l.quads, row)
			lines = append(lines, q.NQuad())
		}
		sort.Strings(lines)
		l.hash = quadsHash(lines)
		b.count += len(l.quads)
		b.labels = append(b.labels, l)
	}
	return b, nil
}

// writePG writes label sets in one transaction, retried when the server chose it
// as the victim of a deadlock or a serialization failure. Into an empty store the
// sets go to a bulk load instead (see [pgLoad]), which [Store.endPG] commits; a
// load that failed after its first batch is not retried, since the batches before
// were rolled back with it.
func (s *Store) writePG(ctx context.Context, sets []labelSet) (Change, error) {
	b, err := preparePG(sets)
	if err != nil {
		return Change{}, err
	}
	p := s.pg
	for attempt := 0; ; attempt++ {
		loading := p.load != nil
		ch, err := p.write(ctx, b)
		var pe *pgconn.PgError
		if !loading && attempt < 4 && errors.As(err, &pe) && (pe.Code == "40P01" || pe.Code == "40001") {
			continue
		}
		if err != nil {
			return Change{}, p.failure(ctx, err)
		}
		return ch, nil
	}
}

// endPG ends a series of writes: a bulk load still open is committed, or rolled
// back when the series failed.
func (s *Store) endPG(ctx context.Context, failed bool) error {
	p := s.pg
	if p.load == nil {
		return nil
	}
	if failed {
		p.rollback(ctx, p.load.tx)
		p.load = nil
		return nil
	}
	if err := p.finishLoad(ctx); err != nil {
		return p.failure(ctx, err)
	}
	return nil
}

func (p *pgStore) failure(ctx context.Context, err error) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) && ctx.Err() != nil {
		return err
	}
	return fmt.Errorf("write to store: %w", pgFailure(p.where, p.secret, p.opts, err))
}

// rollback ends a transaction that failed. A server that stopped answering would
// make the rollback wait as long again; the server rolls back a transaction whose
// connection is gone.
func (p *pgStore) rollback(ctx context.Context, tx pgx.Tx) {
	if p.conn.IsClosed() {
		return
	}
	bound := p.opts.silence()
	if bound == 0 {
		bound = 5 * time.Second
	}
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), bound)
	defer cancel()
	tx.Rollback(rctx)
}

// probeSQL is the first statement of every write transaction. It reads quads, so
// that a transaction waits for another process's bulk load (which holds the table
// exclusively) before it takes any lock of its own: a bulk load never waits for a
// lock that a transaction waiting for it holds. It also says whether the store is
// empty, and whether this session may change the tables' indexes (owns them).
const probeSQL = `SELECT NOT EXISTS (SELECT 1 FROM quads) AND NOT EXISTS (SELECT 1 FROM nodes),
	pg_has_role(q.relowner, 'USAGE') AND pg_has_role(n.relowner, 'USAGE')
	FROM pg_class q, pg_class n WHERE q.oid = 'quads'::regclass AND n.oid = 'nodes'::regclass`

func (p *pgStore) write(ctx context.Context, b *pgBatch) (ch Change, err error) {
	if p.load != nil {
		defer func() {
			if err != nil && p.load != nil {
				if !errors.Is(err, errSilent) && !pgconn.Timeout(err) {
					p.rollback(ctx, p.load.tx)
				}
				p.load = nil
			}
		}()
		return p.loadBatch(ctx, p.load, b)
	}
	if !p.staged {
		for _, stmt := range stagingTables {
			if _, err := p.conn.Exec(ctx, stmt); err != nil {
				return Change{}, err
			}
		}
		p.staged = true
	}
	tx, err := p.conn.Begin(ctx)
	if err != nil {
		return Change{}, err
	}
	defer func() {
		if err != nil && !errors.Is(err, errSilent) && !pgconn.Timeout(err) {
			p.rollback(ctx, tx)
		}
	}()
	var empty, owner bool
	if err := tx.QueryRow(ctx, probeSQL).Scan(&empty, &owner); err != nil {
		return Change{}, err
	}
	if empty && owner {
		if _, err := tx.Exec(ctx, `LOCK TABLE quads, nodes IN ACCESS EXCLUSIVE MODE`); err != nil {
			return Change{}, err
		}
		// Another process may have written while this one waited for the lock.
		if err := tx.QueryRow(ctx, probeSQL).Scan(&empty, &owner); err != nil {
			return Change{}, err
		}
		if empty {
			load, err := p.startLoad(ctx, tx)
			if err != nil {
				return Change{}, err
			}
			if ch, err = p.loadBatch(ctx, load, b); err != nil {
				return Change{}, err
			}
			p.load = load
			return ch, nil
		}
	}
	return p.merge(ctx, tx, b)
}

// lockLabels takes the labels' advisory locks, in one order, so that two writers
// never wait for each other in a circle.
func lockLabels(ctx context.Context, tx pgx.Tx, labels []pgLabel) error {
	keys := make([]int64, len(labels))
	for i, l := range labels {
		keys[i] = labelLockKey(l.label)
	}
	slices.Sort(keys)
	_, err := tx.Exec(ctx, `SELECT count(pg_advisory_xact_lock(k)) FROM (SELECT k FROM unnest($1::BIGINT[]) AS k ORDER BY k) AS keys`, keys)
	return err
}

// changedLabels returns the labels whose stored content hash differs from the
// wanted one, and counts the quads of the others as kept.
func changedLabels(ctx context.Context, tx pgx.Tx, b *pgBatch, ch *Change) ([]pgLabel, error) {
	names := make([]string, len(b.labels))
	for i, l := range b.labels {
		names[i] = l.label
	}
	stored := map[string][]byte{}
	rows, err := tx.Query(ctx, `SELECT label, sha256 FROM `+hashTable+` WHERE label = ANY($1)`, names)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var l string
		var h []byte
		if err := rows.Scan(&l, &h); err != nil {
			rows.Close()
			return nil, err
		}
		stored[l] = h
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var todo []pgLabel
	for _, l := range b.labels {
		if h, ok := stored[l.label]; ok && string(h) == string(l.hash[:]) {
			ch.Kept += len(l.quads)
			continue
		}
		todo = append(todo, l)
	}
	return todo, nil
}

// stageValues copies the value rows of every node the labels' quads name into
// graph_values.
func stageValues(ctx context.Context, tx pgx.Tx, b *pgBatch, todo []pgLabel) error {
	used := map[string]bool{}
	for _, l := range todo {
		for _, q := range l.quads {
			for _, h := range q {
				used[string(h)] = true
			}
		}
	}
	return copyValues(ctx, tx, b, used)
}

// copyValues copies the value rows of the nodes whose hashes are the keys of
// hashes into graph_values.
func copyValues[V any](ctx context.Context, tx pgx.Tx, b *pgBatch, hashes map[string]V) error {
	values := make([][]any, 0, len(hashes))
	for h := range hashes {
		values = append(values, b.values[h])
	}
	_, err := tx.CopyFrom(ctx, pgx.Identifier{"graph_values"}, valueColumns, pgx.CopyFromRows(values))
	return err
}

// storeHashes records the labels' new content hashes.
func storeHashes(ctx context.Context, tx pgx.Tx, todo []pgLabel) error {
	names := make([]string, len(todo))
	hashes := make([][]byte, len(todo))
	for i, l := range todo {
		names[i], hashes[i] = l.label, l.hash[:]
	}
	_, err := tx.Exec(ctx, `INSERT INTO `+hashTable+` (label, sha256) SELECT * FROM unnest($1::TEXT[], $2::BYTEA[])
		ON CONFLICT (label) DO UPDATE SET sha256 = excluded.sha256`, names, hashes)
	return err
}

// storeInputs records the labels' inputs records (inputs.go), each after the
// content hash of the quads it describes, and removes the records of labels
// given none, in the transaction that writes the labels. A record that is already
// stored is not written again (no new row version to vacuum or replicate).
func storeInputs(ctx context.Context, tx pgx.Tx, labels []pgLabel) error {
	var names, gone []string
	var recs [][]byte
	for _, l := range labels {
		if l.inputs == nil {
			gone = append(gone, l.label)
			continue
		}
		names = append(names, l.label)
		recs = append(recs, append(l.hash[:len(l.hash):len(l.hash)], l.inputs...))
	}
	if len(gone) > 0 {
		if _, err := tx.Exec(ctx, `DELETE FROM `+inputsTable+` WHERE label = ANY($1)`, gone); err != nil {
			return err
		}
	}
	if len(names) == 0 {
		return nil
	}
	_, err := tx.Exec(ctx, `INSERT INTO `+inputsTable+` (label, record) SELECT * FROM unnest($1::TEXT[], $2::BYTEA[])
		ON CONFLICT (label) DO UPDATE SET record = excluded.record WHERE `+inputsTable+`.record IS DISTINCT FROM excluded.record`, names, recs)
	return err
}

// merge writes a batch into a store that holds quads: the difference with the
// labels' stored quads, merged set-based.
func (p *pgStore) merge(ctx context.Context, tx pgx.Tx, b *pgBatch) (ch Change, err error) {
	if err := lockLabels(ctx, tx, b.labels); err != nil {
		return Change{}, err
	}
	todo, err := changedLabels(ctx, tx, b, &ch)
	if err != nil {
		return Change{}, err
	}
	if err := storeInputs(ctx, tx, b.labels); err != nil {
		return Change{}, err
	}
	if len(todo) == 0 {
		return ch, tx.Commit(ctx)
	}
	wanted := 0
	var quads [][4][]byte
	labelHashes := make([][]byte, len(todo))
	for i, l := range todo {
		quads = append(quads, l.quads...)
		labelHashes[i] = hashBytes(quad.IRI(l.label))
		wanted += len(l.quads)
	}
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{"graph_new"}, []string{"s", "p", "o", "l"}, pgx.CopyFromSlice(len(quads), func(i int) ([]any, error) {
		q := quads[i]
		return []any{q[0], q[1], q[2], q[3]}, nil
	})); err != nil {
		return Change{}, err
	}
	if err := stageValues(ctx, tx, b, todo); err != nil {
		return Change{}, err
	}

	// Compare, then merge: counts first (so that every node a new quad names
	// exists), quads next, unused nodes last (so that no quad names a deleted one).
	steps := []struct {
		sql  string
		args []any
		n    *int
	}{
		{`INSERT INTO graph_old SELECT horizon, subject_hash, predicate_hash, object_hash, label_hash FROM quads WHERE label_hash = ANY($1::BYTEA[])`, []any{labelHashes}, nil},
		{`INSERT INTO graph_del SELECT o.horizon, o.s, o.p, o.o, o.l FROM graph_old o
			WHERE NOT EXISTS (SELECT 1 FROM graph_new n WHERE n.s = o.s AND n.p = o.p AND n.o = o.o AND n.l = o.l)`, nil, &ch.Removed},
		{`INSERT INTO graph_add SELECT n.s, n.p, n.o, n.l FROM graph_new n
			WHERE NOT EXISTS (SELECT 1 FROM graph_old o WHERE n.s = o.s AND n.p = o.p AND n.o = o.o AND n.l = o.l)`, nil, &ch.Added},
		{`INSERT INTO graph_delta SELECT v.h, sum(v.d) FROM
			(SELECT s, p, o, l, 1 AS d FROM graph_add UNION ALL SELECT s, p, o, l, -1 FROM graph_del) AS q
			CROSS JOIN LATERAL (VALUES (q.s, q.d), (q.p, q.d), (q.o, q.d), (q.l, q.d)) AS v(h, d)
			GROUP BY v.h HAVING sum(v.d) <> 0`, nil, nil},
		{`INSERT INTO nodes (hash, refs, value, value_string, datatype, language, iri, bnode, value_int, value_bool, value_float, value_time)
			SELECT d.hash, d.delta, v.value, v.value_string, v.datatype, v.language, v.iri, v.bnode, v.value_int, v.value_bool, v.value_float, v.value_time
			FROM graph_delta d LEFT JOIN graph_values v ON v.hash = d.hash
			ORDER BY d.hash
			ON CONFLICT (hash) DO UPDATE SET refs = nodes.refs + excluded.refs`, nil, nil},
		{`DELETE FROM quads q USING graph_del d WHERE q.horizon = d.horizon`, nil, nil},
		{`INSERT INTO quads (subject_hash, predicate_hash, object_hash, label_hash, ts) SELECT s, p, o, l, now() FROM graph_add`, nil, nil},
		{`DELETE FROM nodes n USING graph_delta d WHERE n.hash = d.hash AND d.delta < 0 AND n.refs <= 0`, nil, nil},
	}
	for _, st := range steps {
		tag, err := tx.Exec(ctx, st.sql, st.args...)
		if err != nil {
			return Change{}, err
		}
		if st.n != nil {
			*st.n = int(tag.RowsAffected())
		}
	}
	if err := storeHashes(ctx, tx, todo); err != nil {
		return Change{}, err
	}
	if err := tx.Commit(ctx); err != nil {
		return Change{}, err
	}
	ch.Kept += wanted - ch.Added
	return ch, nil
}

// pgLoad is a bulk load into an empty store: one transaction, holding quads and
// nodes exclusively, for a whole series of writes. It drops the indexes and
// foreign keys of quads (remembering their definitions), copies each batch's quads
// straight into quads and the values of the nodes it names first into
// graph_values, and at the end inserts every node with its reference count (the
// quad directions naming it, counted as the quads were sent) and builds the
// indexes and foreign keys again, from the definitions they had. An index built
// once from sorted rows costs a fraction of the same index kept up to date row by
// row, and a foreign key checked with one join a fraction of a check per row.
type pgLoad struct {
	tx pgx.Tx
	// now is the transaction's start, the time Cayley's writer (and the merge)
	// give every quad it inserts.
	now time.Time
	// restore recreates what was dropped.
	restore []string
	// refs counts the quad directions naming each node, by hash.
	refs map[string]int64
}

// startLoad drops the indexes and foreign keys of quads, but its primary key, in
// tx, which holds both tables exclusively.
func (p *pgStore) startLoad(ctx context.Context, tx pgx.Tx) (*pgLoad, error) {
	load := &pgLoad{tx: tx, refs: map[string]int64{}}
	if err := tx.QueryRow(ctx, `SELECT now()::timestamp`).Scan(&load.now); err != nil {
		return nil, err
	}
	var drops []string
	rows, err := tx.Query(ctx, `
		SELECT 'ALTER TABLE quads DROP CONSTRAINT ' || quote_ident(conname), 'ALTER TABLE quads ADD CONSTRAINT ' || quote_ident(conname) || ' ' || pg_get_constraintdef(oid), 0
		FROM pg_constraint WHERE conrelid = 'quads'::regclass AND contype = 'f'
		UNION ALL
		SELECT 'DROP INDEX ' || i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid), 1
		FROM pg_index i WHERE i.indrelid = 'quads'::regclass
		AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conrelid = i.indrelid AND c.conindid = i.indexrelid)
		ORDER BY 3, 1`)
	if err != nil {
		return nil, err
	}
	var restoreIndexes, restoreKeys []string
	for rows.Next() {
		var drop, create string
		var kind int
		if err := rows.Scan(&drop, &create, &kind); err != nil {
			rows.Close()
			return nil, err
		}
		drops = append(drops, drop)
		if kind == 0 {
			restoreKeys = append(restoreKeys, create)
		} else {
			restoreIndexes = append(restoreIndexes, create)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, stmt := range drops {
		if _, err := tx.Exec(ctx, stmt); err != nil {
			return nil, err
		}
	}
	// The indexes are sorted in memory when it holds them: PostgreSQL's default
	// of 64 MB spills a few hundred thousand quads to disk (about a fifth slower).
	if _, err := tx.Exec(ctx, `SELECT set_config('maintenance_work_mem', '256MB', true)
		WHERE (SELECT setting::BIGINT FROM pg_settings WHERE name = 'maintenance_work_mem') < 256 * 1024`); err != nil {
		return nil, err
	}
	// The indexes first, then the foreign keys, each checked with one join once
	// nodes hold their rows.
	load.restore = append(restoreIndexes, restoreKeys...)
	return load, nil
}

// loadBatch adds a batch to a bulk load. The other writers wait for the load's
// locks before they take any lock of theirs (see [probeSQL]), so it takes no
// advisory lock of its labels.
func (p *pgStore) loadBatch(ctx context.Context, load *pgLoad, b *pgBatch) (ch Change, err error) {
	tx := load.tx
	todo, err := changedLabels(ctx, tx, b, &ch)
	if err != nil {
		return ch, err
	}
	if err := storeInputs(ctx, tx, b.labels); err != nil {
		return Change{}, err
	}
	if len(todo) == 0 {
		return ch, nil
	}
	var quads [][4][]byte
	for _, l := range todo {
		quads = append(quads, l.quads...)
	}
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{"quads"}, []string{"subject_hash", "predicate_hash", "object_hash", "label_hash", "ts"}, pgx.CopyFromSlice(len(quads), func(i int) ([]any, error) {
		q := quads[i]
		return []any{q[0], q[1], q[2], q[3], load.now}, nil
	})); err != nil {
		return Change{}, err
	}
	fresh := map[string]bool{}
	for _, q := range quads {
		for _, h := range q {
			if load.refs[string(h)] == 0 {
				fresh[string(h)] = true
			}
			load.refs[string(h)]++
		}
	}
	if err := copyValues(ctx, tx, b, fresh); err != nil {
		return Change{}, err
	}
	if err := storeHashes(ctx, tx, todo); err != nil {
		return Change{}, err
	}
	ch.Added = len(quads)
	return ch, nil
}

// finishLoad inserts the loaded quads' nodes, builds the indexes and foreign keys
// again and commits.
func (p *pgStore) finishLoad(ctx context.Context) (err error) {
	load := p.load
	p.load = nil
	defer func() {
		if err != nil && !errors.Is(err, errSilent) && !pgconn.Timeout(err) {
			p.rollback(ctx, load.tx)
		}
	}()
	hashes := make([]string, 0, len(load.refs))
	for h := range load.refs {
		hashes = append(hashes, h)
	}
	slices.Sort(hashes)
	if _, err := load.tx.CopyFrom(ctx, pgx.Identifier{"graph_delta"}, []string{"hash", "delta"}, pgx.CopyFromSlice(len(hashes), func(i int) ([]any, error) {
		return []any{[]byte(hashes[i]), load.refs[hashes[i]]}, nil
	})); err != nil {
		return err
	}
	// A node without a value would be left out, and its foreign keys fail.
	stmts := append([]string{`INSERT INTO nodes (hash, refs, value, value_string, datatype, language, iri, bnode, value_int, value_bool, value_float, value_time)
		SELECT d.hash, d.delta, v.value, v.value_string, v.datatype, v.language, v.iri, v.bnode, v.value_int, v.value_bool, v.value_float, v.value_time
		FROM graph_delta d JOIN graph_values v ON v.hash = d.hash
		ORDER BY d.hash`}, load.restore...)
	for _, stmt := range stmts {
		if _, err := load.tx.Exec(ctx, stmt); err != nil {
			return err
		}
	}
	return load.tx.Commit(ctx)
}

func hashBytes(v quad.Value) []byte {
	h := refs.HashOf(v)
	return h[:]
}
