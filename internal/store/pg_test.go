package store

import (
	"bytes"
	"context"
	"fmt"
	"log"
	"math/rand"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/cayley/clog"
	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/refs"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"
	"github.com/google/go-cmp/cmp"
	"github.com/jackc/pgx/v5"
)

// freshPG creates a new database on the test server and returns a connection
// string to it; the test is skipped when no server is configured.
func freshPG(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv(PostgresEnv)
	if dsn == "" {
		if os.Getenv("GRAPH_TEST_REQUIRE_POSTGRES") != "" {
			t.Fatalf("GRAPH_TEST_REQUIRE_POSTGRES is set but %s is empty", PostgresEnv)
		}
		t.Skipf("%s is not set", PostgresEnv)
	}
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx)
	name := fmt.Sprintf("graph_pg_test_%d", time.Now().UnixNano())
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		if a, err := pgx.Connect(ctx, dsn); err == nil {
			a.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
			a.Close(ctx)
		}
	})
	return withDatabase(dsn, name)
}

func openPGT(t testing.TB, dsn string) *Store {
	t.Helper()
	s, err := Open(context.Background(), Config{Backend: Postgres, Path: dsn})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// verifyPG checks the invariants of Cayley's SQL layout that a writer must keep:
// every node's refs is the number of quad directions that name it, no node is
// unused, every hash a quad names is a node, and every node's value hashes to its
// key (so Cayley reads back the value that was written).
func verifyPG(t testing.TB, s *Store) {
	t.Helper()
	ctx := context.Background()
	conn := s.pg.conn
	var bad []string
	rows, err := conn.Query(ctx, `
		WITH used AS (
			SELECT h, count(*) AS n FROM quads
			CROSS JOIN LATERAL (VALUES (subject_hash), (predicate_hash), (object_hash), (label_hash)) AS v(h)
			WHERE h IS NOT NULL GROUP BY h)
		SELECT encode(coalesce(n.hash, u.h), 'hex'), coalesce(n.refs, -1), coalesce(u.n, 0)
		FROM nodes n FULL JOIN used u ON u.h = n.hash
		WHERE n.hash IS NULL OR u.h IS NULL OR n.refs <> u.n`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var h string
		var refs, used int
		if err := rows.Scan(&h, &refs, &used); err != nil {
			t.Fatal(err)
		}
		bad = append(bad, fmt.Sprintf("node %s: refs %d, used by %d quad directions", h, refs, used))
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	hashes, err := pgx.CollectRows(must(conn.Query(ctx, `SELECT hash FROM nodes`)), pgx.RowTo[[]byte])
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hashes {
		var nh csql.NodeHash
		copy(nh.ValueHash[:], h)
		v, err := s.qs.NameOf(nh)
		if err != nil {
			t.Fatal(err)
		}
		if got := refs.HashOf(v); string(got[:]) != string(h) {
			bad = append(bad, fmt.Sprintf("node %x holds %v, whose hash is %x", h, v, got[:]))
		}
	}
	if len(bad) > 0 {
		t.Fatalf("layout:\n%s", strings.Join(bad, "\n"))
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// cayleyAll reads every quad through Cayley's own PostgreSQL backend (lib/pq, as
// `cayley` itself opens the store).
func cayleyAll(t testing.TB, dsn string) []string {
	t.Helper()
	qs, err := graph.NewQuadStore("postgres", dsn, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer qs.Close()
	ctx := context.Background()
	it := qs.QuadsAllIterator().Iterate()
	defer it.Close()
	var out []quad.Quad
	for it.Next(ctx) {
		q, err := qs.Quad(it.Result())
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, q)
	}
	if err := it.Err(); err != nil {
		t.Fatal(err)
	}
	return nq(out)
}

// TestPostgresLayoutUnderRandomRewrites mirrors the bolt writer's test: random
// subsets of labels rewritten in one or several transactions, and after each step
// the layout's invariants, every label's quads, all quads as Cayley's own backend
// reads them, and the same after reopening.
func TestPostgresLayoutUnderRandomRewrites(t *testing.T) {
	ctx := context.Background()
	dsn := freshPG(t)
	s := openPGT(t, dsn)
	defer func() { s.Close() }()
	rng := rand.New(rand.NewSource(11))
	want := map[quad.IRI][]quad.Quad{}
	for step := 0; step < 40; step++ {
		sets := randomSets(rng, 4)
		for l := range sets {
			if rng.Intn(3) == 0 {
				delete(sets, l)
			}
		}
		w := s.NewWriter(WriteOptions{BatchQuads: rng.Intn(20)})
		for _, l := range []quad.IRI{"source/0", "source/1", "source/2", "source/3"} {
			if qs, ok := sets[l]; ok {
				if err := w.Put(ctx, l, qs); err != nil {
					t.Fatal(err)
				}
				want[l] = qs
			}
		}
		if _, err := w.Commit(ctx); err != nil {
			t.Fatalf("step %d: %v", step, err)
		}
		if step%7 == 6 {
			s.Close()
			s = openPGT(t, dsn)
		}
		verifyPG(t, s)
		var all []quad.Quad
		for l, qs := range want {
			all = append(all, qs...)
			got, err := s.Quads(ctx, l)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(nq(Sorted(qs)), nq(got)); diff != "" {
				t.Fatalf("step %d, %s (-want +got)\n%s", step, l, diff)
			}
		}
		if diff := cmp.Diff(nq(Sorted(all)), cayleyAll(t, dsn)); diff != "" {
			t.Fatalf("step %d, all through Cayley's backend (-want +got)\n%s", step, diff)
		}
	}
}

// TestPostgresLayoutIsCayleys compares the tables and indexes of a store graph
// made and wrote to with those Cayley's own postgres backend makes: the same, but
// for graph's label index and hash table.
func TestPostgresLayoutIsCayleys(t *testing.T) {
	ctx := context.Background()
	ours, theirs := freshPG(t), freshPG(t)
	// A first write loads in bulk: it drops the indexes and foreign keys of quads
	// and makes them again.
	s := openPGT(t, ours)
	if _, err := s.Replace(ctx, randomSets(rand.New(rand.NewSource(3)), 3)); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if err := graph.InitQuadStore("postgres", theirs, nil); err != nil {
		t.Fatal(err)
	}
	layout := func(dsn string) []string {
		conn, err := pgx.Connect(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close(ctx)
		var out []string
		for _, q := range []string{
			`SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') FROM information_schema.columns WHERE table_schema = current_schema()`,
			`SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema()`,
			`SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = current_schema()::regnamespace`,
		} {
			rows, err := pgx.CollectRows(must(conn.Query(ctx, q)), pgx.RowTo[string])
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, rows...)
		}
		sort.Strings(out)
		return out
	}
	var extra []string
	want := layout(theirs)
	for _, l := range layout(ours) {
		if strings.Contains(l, hashTable) || strings.Contains(l, inputsTable) || strings.Contains(l, labelIndex) {
			extra = append(extra, l)
			continue
		}
		if i := sort.SearchStrings(want, l); i >= len(want) || want[i] != l {
			t.Errorf("not in Cayley's layout: %s", l)
		}
	}
	if got := len(layout(ours)) - len(extra); got != len(want) {
		t.Errorf("%d items of Cayley's layout, want %d:\n%s", got, len(want), strings.Join(want, "\n"))
	}
	// The hash and inputs tables: two columns, a key and the key's index each; the
	// label index.
	if len(extra) != 9 {
		t.Errorf("graph's additions: %q", extra)
	}
}

// TestPostgresReadsStoresCayleyWrote writes a store with Cayley's own writer (as
// `cayley load` does), then rewrites some of its labels with graph's.
func TestPostgresReadsStoresCayleyWrote(t *testing.T) {
	ctx := context.Background()
	dsn := freshPG(t)
	rng := rand.New(rand.NewSource(5))
	first := randomSets(rng, 3)
	{
		if err := graph.InitQuadStore("postgres", dsn, nil); err != nil {
			t.Fatal(err)
		}
		qs, err := graph.NewQuadStore("postgres", dsn, nil)
		if err != nil {
			t.Fatal(err)
		}
		var deltas []graph.Delta
		for _, set := range first {
			for _, q := range Sorted(set) {
				deltas = append(deltas, graph.Delta{Quad: q, Action: graph.Add})
			}
		}
		if err := qs.ApplyDeltas(deltas, graph.IgnoreOpts{}); err != nil {
			t.Fatal(err)
		}
		qs.Close()
	}
	// A read-only open of a store Cayley made writes nothing: not even graph's
	// additions.
	ro, err := Open(ctx, Config{Backend: Postgres, Path: dsn, MustExist: true})
	if err != nil {
		t.Fatal(err)
	}
	var additions bool
	if err := ro.pg.conn.QueryRow(ctx, `SELECT to_regclass('`+hashTable+`') IS NOT NULL OR to_regclass('`+labelIndex+`') IS NOT NULL`).Scan(&additions); err != nil || additions {
		t.Errorf("a read-only open changed the schema (%v)", err)
	}
	ro.Close()

	s := openPGT(t, dsn)
	defer s.Close()
	verifyPG(t, s)
	for l, set := range first {
		got, err := s.Quads(ctx, l)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(nq(Sorted(set)), nq(got)); diff != "" {
			t.Fatalf("%s as Cayley wrote it (-want +got)\n%s", l, diff)
		}
	}
	second := randomSets(rng, 2)
	if _, err := s.Replace(ctx, second); err != nil {
		t.Fatal(err)
	}
	verifyPG(t, s)
	want := map[quad.IRI][]quad.Quad{"source/2": first["source/2"]}
	for l, set := range second {
		want[l] = set
	}
	var all []quad.Quad
	for l, set := range want {
		all = append(all, set...)
		got, err := s.Quads(ctx, l)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(nq(Sorted(set)), nq(got)); diff != "" {
			t.Fatalf("%s after a rewrite (-want +got)\n%s", l, diff)
		}
	}
	if diff := cmp.Diff(nq(Sorted(all)), cayleyAll(t, dsn)); diff != "" {
		t.Fatalf("through Cayley's backend (-want +got)\n%s", diff)
	}
}

// TestPostgresValueKinds writes a quad of every kind of value Cayley's SQL layout
// has a column for, and reads them back through Cayley's own backend.
func TestPostgresValueKinds(t *testing.T) {
	ctx := context.Background()
	dsn := freshPG(t)
	s := openPGT(t, dsn)
	defer s.Close()
	l := quad.IRI("source/kinds")
	objects := []quad.Value{
		quad.IRI("iri"), quad.BNode("b1"), quad.String("plain"), quad.String("with \x00 nul"),
		quad.TypedString{Value: "2025-01-01", Type: "http://www.w3.org/2001/XMLSchema#date"},
		quad.LangString{Value: "达里奥", Lang: "zh"}, quad.Int(-42), quad.Bool(true), quad.Float(2.5),
		quad.Time(time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)),
	}
	var qs []quad.Quad
	for i, o := range objects {
		qs = append(qs, quad.Quad{Subject: quad.IRI("s"), Predicate: quad.IRI(fmt.Sprintf("p%d", i)), Object: o, Label: l})
	}
	if _, err := s.Replace(ctx, map[quad.IRI][]quad.Quad{l: qs}); err != nil {
		t.Fatal(err)
	}
	verifyPG(t, s)
	if diff := cmp.Diff(nq(qs), cayleyAll(t, dsn)); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}

// TestCayleyLogsStayQuiet checks that Cayley's log lines (clog) do not reach the
// standard logger, which writes to stderr.
func TestCayleyLogsStayQuiet(t *testing.T) {
	var buf bytes.Buffer
	log.SetOutput(&buf)
	defer log.SetOutput(os.Stderr)
	clog.Errorf("couldn't exec DELETE nodes statement: %v", "boom")
	clog.Warningf("warning")
	clog.Infof("info")
	if buf.Len() > 0 {
		t.Errorf("Cayley's log reached the standard logger: %q", buf.String())
	}
}

// revertSet is version v of one source: quads about entities shared by all
// sources and about the source's own claims; versions differ in about a third of
// their quads.
func revertSet(source, size, v int) []quad.Quad {
	label := quad.IRI(fmt.Sprintf("source/%d", source))
	var qs []quad.Quad
	for i := 0; i < size; i++ {
		claim := quad.IRI(fmt.Sprintf("claim/%d/%d", source, i/4))
		var o quad.Value
		switch i % 4 {
		case 0:
			o = quad.IRI(fmt.Sprintf("entity-%d", (source*7+i)%500))
		case 1:
			o = quad.String(fmt.Sprintf("text %d of claim %d", i, i/4))
		case 2:
			o = label
		default:
			o = quad.IRI(fmt.Sprintf("claim/%d/%d", (source+1)%97, i/4))
		}
		if i%3 == 0 {
			o = quad.String(fmt.Sprintf("version %d of %d", v, i))
		}
		qs = append(qs, quad.Quad{Subject: claim, Predicate: quad.IRI(fmt.Sprintf("p%d", i%4)), Object: o, Label: label})
	}
	return qs
}

// TestPostgresRevert builds many sources, rewrites them all, and then reverts 71
// of them in one transaction, as a rebuild after a revert of the inputs does:
// deletions there are set-based and found through the label index. The time is
// logged; GRAPH_TEST_REVERT_SOURCES and GRAPH_TEST_REVERT_QUADS (per source) make
// the store larger.
func TestPostgresRevert(t *testing.T) {
	ctx := context.Background()
	dsn := freshPG(t)
	s := openPGT(t, dsn)
	defer s.Close()
	sources, size := envInt("GRAPH_TEST_REVERT_SOURCES", 100), envInt("GRAPH_TEST_REVERT_QUADS", 400)
	if sources < 71 {
		t.Fatalf("GRAPH_TEST_REVERT_SOURCES is %d; the test reverts 71", sources)
	}
	write := func(version func(int) int) (Change, time.Duration) {
		t.Helper()
		start := time.Now()
		w := s.NewWriter(WriteOptions{BatchQuads: 100000})
		for i := 0; i < sources; i++ {
			if err := w.Put(ctx, quad.IRI(fmt.Sprintf("source/%d", i)), revertSet(i, size, version(i))); err != nil {
				t.Fatal(err)
			}
		}
		ch, err := w.Commit(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return ch, time.Since(start)
	}
	ch, took := write(func(int) int { return 1 })
	t.Logf("built %d sources, %d quads: %.2fs", sources, ch.Added, took.Seconds())
	ch, took = write(func(int) int { return 2 })
	t.Logf("rewrote them all (%+v): %.2fs", ch, took.Seconds())
	reverted := func(i int) int {
		if i < 71 {
			return 1
		}
		return 2
	}
	ch, took = write(reverted)
	t.Logf("reverted 71 sources (%+v): %.2fs", ch, took.Seconds())
	per := (size + 2) / 3 // the quads that differ between versions
	if ch.Added != 71*per || ch.Removed != 71*per {
		t.Errorf("revert changed %+v, want %d added and removed", ch, 71*per)
	}
	verifyPG(t, s)
	var want []quad.Quad
	for i := 0; i < sources; i++ {
		want = append(want, revertSet(i, size, reverted(i))...)
	}
	all, err := s.AllQuads(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(nq(want), nq(all)); diff != "" {
		t.Errorf("after the revert (-want +got)\n%s", diff)
	}
}
