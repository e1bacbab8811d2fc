package store

import (
	"context"
	"fmt"
	"math/rand"
	"sort"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/google/go-cmp/cmp"
	"github.com/jackc/pgx/v5"
)

// pgSchema lists the indexes and constraints of quads and nodes, as their
// definitions.
func pgSchema(t *testing.T, dsn string) []string {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	rows, err := pgx.CollectRows(must(conn.Query(ctx, `
		SELECT indexdef FROM pg_indexes WHERE tablename IN ('quads', 'nodes')
		UNION ALL
		SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid IN ('quads'::regclass, 'nodes'::regclass)`)), pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(rows)
	return rows
}

// TestPostgresBulkLoad writes a series of batches into an empty store, which is
// one bulk load: nothing is committed until the series is, the store then holds
// what was given with Cayley's records and its indexes and keys as before; a
// series that fails leaves the store empty, with its indexes and keys.
func TestPostgresBulkLoad(t *testing.T) {
	ctx := context.Background()
	dsn := freshPG(t)
	s := openPGT(t, dsn)
	defer func() { s.Close() }()
	schema := pgSchema(t, dsn)
	if len(schema) < 10 {
		t.Fatalf("schema: %q", schema)
	}
	rng := rand.New(rand.NewSource(8))
	var sets []map[quad.IRI][]quad.Quad
	for i := 0; i < 3; i++ {
		sets = append(sets, randomSets(rng, 4))
	}
	put := func(w *Writer, i int) {
		t.Helper()
		for j := 0; j < 4; j++ {
			l := quad.IRI(fmt.Sprintf("source/%d", j))
			qs := make([]quad.Quad, len(sets[i][l]))
			for k, q := range sets[i][l] {
				q.Label = quad.IRI(fmt.Sprintf("source/%d/%d", i, j))
				qs[k] = q
			}
			if err := w.Put(ctx, qs[0].Label.(quad.IRI), qs); err != nil {
				t.Fatal(err)
			}
		}
	}

	// A failed series: rolled back whole.
	w := s.NewWriter(WriteOptions{BatchQuads: 10})
	put(w, 0)
	if s.pg.load == nil {
		t.Fatal("a series of writes into an empty store is not a bulk load")
	}
	if err := w.Put(ctx, "source/0/0", nil); err == nil {
		t.Fatal("a label given twice was taken")
	}
	if _, err := w.Commit(ctx); err == nil {
		t.Fatal("a failed series committed")
	}
	if s.pg.load != nil {
		t.Fatal("the failed bulk load is still open")
	}
	if all, err := s.AllQuads(ctx); err != nil || len(all) > 0 {
		t.Fatalf("after a failed bulk load the store holds %d quads (%v)", len(all), err)
	}
	if diff := cmp.Diff(schema, pgSchema(t, dsn)); diff != "" {
		t.Fatalf("the indexes and keys after a failed bulk load (-before +after):\n%s", diff)
	}

	// A whole series, in several batches.
	w = s.NewWriter(WriteOptions{BatchQuads: 10})
	put(w, 1)
	put(w, 2)
	ch, err := w.Commit(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// The labels as written: their quads relabelled, each once.
	var want []quad.Quad
	for i := 1; i <= 2; i++ {
		for j := 0; j < 4; j++ {
			var qs []quad.Quad
			for _, q := range sets[i][quad.IRI(fmt.Sprintf("source/%d", j))] {
				q.Label = quad.IRI(fmt.Sprintf("source/%d/%d", i, j))
				qs = append(qs, q)
			}
			want = append(want, Sorted(qs)...)
		}
	}
	if ch.Added != len(want) || ch.Removed != 0 || ch.Kept != 0 {
		t.Errorf("the bulk load changed %+v, want %d added", ch, len(want))
	}
	if diff := cmp.Diff(schema, pgSchema(t, dsn)); diff != "" {
		t.Fatalf("the indexes and keys after a bulk load (-before +after):\n%s", diff)
	}
	verifyPG(t, s)
	all, err := s.AllQuads(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(nq(want), nq(all)); diff != "" {
		t.Errorf("after the bulk load (-want +got)\n%s", diff)
	}
	if diff := cmp.Diff(nq(all), cayleyAll(t, dsn)); diff != "" {
		t.Errorf("through Cayley's backend (-graph +Cayley)\n%s", diff)
	}

	// The next series merges.
	w = s.NewWriter(WriteOptions{BatchQuads: 10})
	put(w, 1)
	if s.pg.load != nil {
		t.Fatal("a series of writes into a store with quads is a bulk load")
	}
	if ch, err := w.Commit(ctx); err != nil || ch.Added != 0 || ch.Removed != 0 {
		t.Errorf("rewriting unchanged labels changed %+v (%v)", ch, err)
	}
}
