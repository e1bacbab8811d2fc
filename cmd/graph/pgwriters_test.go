//go:build unix

package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/graphbuilder/graph/internal/corpusgen"
	"github.com/graphbuilder/graph/internal/pipeline"
	"github.com/graphbuilder/graph/internal/store"
	"github.com/graphbuilder/graph/internal/vocab"
)

// These tests run two graph builds as separate processes against one PostgreSQL
// database at once. They never wait for a length of time: the test holds a lock
// from its own connection, sees in pg_locks that the builds wait for it, and only
// then lets them go.

// pgBuild is a graph process started in the background.
type pgBuild struct {
	args []string
	done chan buildResult
	out  *bytes.Buffer
}

func startPGBuild(t *testing.T, args ...string) *pgBuild {
	t.Helper()
	cmd := graphCmd(t, args...)
	b := &pgBuild{args: args, done: make(chan buildResult, 1), out: &bytes.Buffer{}}
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = b.out, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() })
	go func() {
		err := cmd.Wait()
		b.done <- buildResult{err, stderr.String()}
	}()
	return b
}

// wait returns the build's standard output once it succeeded.
func (b *pgBuild) wait(t *testing.T) string {
	t.Helper()
	r := <-b.done
	if r.err != nil {
		t.Fatalf("graph %s: %v\n%s", strings.Join(b.args, " "), r.err, r.stderr)
	}
	return b.out.String()
}

// lockWaiters counts the sessions of graph processes on db's database that wait
// for a heavyweight lock (a table's or an advisory one), and says whether one of
// them waits for the advisory lock key.
func lockWaiters(t *testing.T, db *sql.DB, key int64) (n int, onKey bool) {
	t.Helper()
	rows, err := db.Query(`SELECT l.locktype, coalesce(l.classid::bigint, 0), coalesce(l.objid::bigint, 0)
		FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
		WHERE NOT l.granted AND a.datname = current_database() AND a.application_name = 'graph'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var kind string
		var hi, lo int64
		if err := rows.Scan(&kind, &hi, &lo); err != nil {
			t.Fatal(err)
		}
		n++
		// A bigint advisory key shows as its high and low 32 bits.
		if kind == "advisory" && uint64(hi)<<32|uint64(lo) == uint64(key) {
			onKey = true
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return n, onKey
}

// awaitWaiters polls pg_locks until want graph sessions wait for a lock (and,
// with onKey, one of them for the advisory lock key). The builds cannot go on
// without the test's lock, so this only gives up when something is broken: a
// build that ended, or a minute without the waits appearing.
func awaitWaiters(t *testing.T, db *sql.DB, want int, key int64, onKey bool, builds ...*pgBuild) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for {
		n, on := lockWaiters(t, db, key)
		if n >= want && (on || !onKey) {
			return
		}
		for _, b := range builds {
			select {
			case r := <-b.done:
				t.Fatalf("graph %s ended before the test let it write: %v\n%s", strings.Join(b.args, " "), r.err, r.stderr)
			default:
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("after a minute %d graph sessions wait for a lock (on the source's: %v), want %d", n, on, want)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// pgDump is a store's content as rows: every node with its count and value
// columns, every quad's four hashes, and every label's content hash; each sorted.
type pgDump struct {
	Nodes, Quads, Hashes []string
}

func dumpPG(t *testing.T, db *sql.DB) pgDump {
	t.Helper()
	var d pgDump
	for _, q := range []struct {
		sql string
		to  *[]string
	}{
		{`SELECT concat_ws(' ', encode(hash, 'hex'), refs, encode(value, 'hex'), value_string, datatype, language, iri, bnode, value_int, value_bool, value_float, value_time) FROM nodes`, &d.Nodes},
		{`SELECT concat_ws(' ', encode(subject_hash, 'hex'), encode(predicate_hash, 'hex'), encode(object_hash, 'hex'), encode(label_hash, 'hex')) FROM quads`, &d.Quads},
		{`SELECT label || ' ' || encode(sha256, 'hex') FROM graph_label_hashes`, &d.Hashes},
	} {
		rows, err := db.Query(q.sql)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				t.Fatal(err)
			}
			*q.to = append(*q.to, s)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		slices.Sort(*q.to)
	}
	return d
}

// checkPGLayout checks the invariants of Cayley's layout that concurrent writers
// could break: each node's refs is the number of quad directions naming it, no
// node is unused, no quad names a missing node, and no quad is stored twice.
func checkPGLayout(t *testing.T, db *sql.DB) {
	t.Helper()
	var bad, dups int
	if err := db.QueryRow(`
		WITH used AS (
			SELECT h, count(*) AS n FROM quads
			CROSS JOIN LATERAL (VALUES (subject_hash), (predicate_hash), (object_hash), (label_hash)) AS v(h)
			WHERE h IS NOT NULL GROUP BY h)
		SELECT count(*) FROM nodes n FULL JOIN used u ON u.h = n.hash
		WHERE n.hash IS NULL OR u.h IS NULL OR n.refs <> u.n`).Scan(&bad); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(`SELECT count(*) FROM (SELECT 1 FROM quads
		GROUP BY subject_hash, predicate_hash, object_hash, label_hash HAVING count(*) > 1) AS d`).Scan(&dups); err != nil {
		t.Fatal(err)
	}
	if bad > 0 || dups > 0 {
		t.Errorf("the store is inconsistent: %d nodes whose refs differ from the quad directions naming them (or unused, or missing), %d quads stored more than once", bad, dups)
	}
}

func openSQL(t *testing.T, dsn string) *sql.DB {
	t.Helper()
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// TestTwoBuildsOfDifferentSourcesOnPostgres runs two builds of different halves
// of a corpus (both writing the catalogs the sources share) at once, into an
// empty store (where one of them loads in bulk and the other waits for it) and
// into one that holds a first source, and compares the result with a build of
// the whole corpus into a database of its own: the same nodes with the same
// counts, the same quads, the same content hashes. Both builds are held by the
// test's lock on quads until both wait for it, so that they start together.
func TestTwoBuildsOfDifferentSourcesOnPostgres(t *testing.T) {
	corpus := filepath.Join(t.TempDir(), "corpus")
	if _, err := corpusgen.Write(corpus, corpusgen.Options{Interviews: 17, Entities: 300, Seed: 5, TranscriptBytes: 4000}); err != nil {
		t.Fatal(err)
	}
	dirs, err := filepath.Glob(filepath.Join(corpus, corpusgen.InterviewsDir, "*"))
	if err != nil || len(dirs) != 17 {
		t.Fatalf("interviews: %v, %v", dirs, err)
	}
	on := func(dsn string) []string { return []string{"--store-backend", "postgres", "--store-path", dsn} }

	whole := postgresDSN(t)
	mustRun(t, append(append([]string{"build"}, on(whole)...), corpus)...)
	want := dumpPG(t, openSQL(t, whole))
	if len(want.Quads) == 0 {
		t.Fatal("the sequential build wrote nothing")
	}

	for _, seeded := range []bool{false, true} {
		t.Run(fmt.Sprintf("seeded=%v", seeded), func(t *testing.T) {
			dsn := postgresDSN(t)
			db := openSQL(t, dsn)
			halves := [][]string{dirs[1:9], dirs[9:]}
			if seeded {
				mustRun(t, append(append([]string{"build", "--allow-path", corpus}, on(dsn)...), dirs[0])...)
			} else {
				halves[0] = dirs[:9]
				// The store's tables, without quads.
				st, err := store.Open(context.Background(), store.Config{Backend: store.Postgres, Path: dsn})
				if err != nil {
					t.Fatal(err)
				}
				st.Close()
			}
			tx := heldTx(t, db)
			// Readers pass; every write of quads, and a bulk load's lock, waits.
			if _, err := tx.Exec(`LOCK TABLE quads IN SHARE MODE`); err != nil {
				t.Fatal(err)
			}
			var builds []*pgBuild
			for _, half := range halves {
				args := append(append([]string{"build", "--batch-quads", "3000", "--allow-path", corpus}, on(dsn)...), half...)
				builds = append(builds, startPGBuild(t, args...))
			}
			awaitWaiters(t, db, 2, 0, false, builds...)
			if err := tx.Commit(); err != nil {
				t.Fatal(err)
			}
			for _, b := range builds {
				out := b.wait(t)
				if !strings.Contains(out, "quads added") {
					t.Errorf("graph %s says:\n%s", strings.Join(b.args, " "), out)
				}
			}
			checkPGLayout(t, db)
			if diff := cmp.Diff(want, dumpPG(t, db)); diff != "" {
				t.Errorf("two builds at once wrote another store than one build of everything (-one build +two at once):\n%s", diff)
			}
		})
	}
}

// TestTwoBuildsOfOneSourceOnPostgresSerialize holds the advisory lock of one
// source from the test's connection, as a writer of that source does, and starts
// a build of the source's new version, then, once that waits for the lock, a
// build of its old version, which waits too. Released, the two must write one
// after the other, in the order they asked: the first replaces the old quads
// with the new ones, the second sees them and puts the old ones back. Had the
// second read the store before the first committed, it would have found its own
// version stored and written nothing, leaving the new one.
func TestTwoBuildsOfOneSourceOnPostgresSerialize(t *testing.T) {
	dsn := postgresDSN(t)
	oldDir, newDir, old, new := corpusPair(t)
	on := []string{"--store-backend", "postgres", "--store-path", dsn}
	mustRun(t, append(append([]string{"build"}, on...), oldDir)...)
	oldDirs, _ := filepath.Glob(filepath.Join(oldDir, corpusgen.InterviewsDir, "*"))
	newDirs, _ := filepath.Glob(filepath.Join(newDir, corpusgen.InterviewsDir, "*"))
	if len(oldDirs) == 0 || len(newDirs) != len(oldDirs) || filepath.Base(oldDirs[0]) != filepath.Base(newDirs[0]) {
		t.Fatalf("interviews: %v and %v", oldDirs, newDirs)
	}
	dir := filepath.Base(oldDirs[0])
	loaded, err := pipeline.Load([]string{oldDirs[0]}, oldDir)
	if err != nil || len(loaded.Graphs) != 1 {
		t.Fatalf("load %s: %v", oldDirs[0], err)
	}
	label := vocab.SourceIRI(loaded.Graphs[0].Source.ID)
	if old[label] == nil {
		t.Fatalf("no source %s in the corpus", label)
	}
	db := openSQL(t, dsn)

	ctx := context.Background()
	tx := heldTx(t, db)
	key := store.PostgresLabelLock(label)
	if _, err := tx.Exec(`SELECT pg_advisory_xact_lock($1)`, key); err != nil {
		t.Fatal(err)
	}
	first := startPGBuild(t, append(append([]string{"build", "--allow-path", newDir}, on...), filepath.Join(newDir, corpusgen.InterviewsDir, dir))...)
	awaitWaiters(t, db, 1, key, true, first)
	second := startPGBuild(t, append(append([]string{"build", "--allow-path", oldDir}, on...), filepath.Join(oldDir, corpusgen.InterviewsDir, dir))...)
	awaitWaiters(t, db, 2, key, true, first, second)
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	for i, b := range []*pgBuild{first, second} {
		out := b.wait(t)
		var added, removed int
		if _, err := fmt.Sscanf(out[strings.Index(out, ": ")+2:], "%d quads added, %d removed", &added, &removed); err != nil || added == 0 || removed == 0 {
			t.Errorf("build %d of the source changed nothing:\n%s", i+1, out)
		}
	}
	checkPGLayout(t, db)
	st, err := store.Open(ctx, store.Config{Backend: store.Postgres, Path: dsn, MustExist: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for l, want := range old {
		qs, err := st.Quads(ctx, l)
		if err != nil {
			t.Fatal(err)
		}
		if got := nquadLines(qs); !slices.Equal(got, want) {
			what := "neither version"
			if slices.Equal(got, new[l]) {
				what = "the first build's (new) version"
			}
			t.Errorf("source %s holds %s (%d quads), want the last build's (old, %d quads)", l, what, len(got), len(want))
		}
	}
}

// heldTx begins a transaction on a connection of its own, to hold locks while
// builds run; it is rolled back and the connection closed when the test ends.
func heldTx(t *testing.T, db *sql.DB) *sql.Tx {
	t.Helper()
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tx.Rollback() })
	return tx
}
