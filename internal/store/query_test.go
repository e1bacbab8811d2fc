package store

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/cayleygraph/quad"
)

// TestQueryEachStopsAtLimit checks that a limit stops the query rather than
// dropping what comes after it: a script that emits without end returns, and no
// result past the limit is pulled from Gizmo. Without the limit the same script
// runs until its context ends.
func TestQueryEachStopsAtLimit(t *testing.T) {
	for name, s := range openAll(t) {
		t.Run(name, func(t *testing.T) {
			var qs []quad.Quad
			for i := range 40 {
				qs = append(qs, q("a", "knows", fmt.Sprintf("n%02d", i), "source/a"))
			}
			if _, err := s.Replace(context.Background(), map[quad.IRI][]quad.Quad{"source/a": qs}); err != nil {
				t.Fatal(err)
			}
			// A generous bound, only there so that a broken limit fails rather than
			// hangs: a working one returns long before it.
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			for _, tc := range []struct{ name, query string }{
				{"endless emit", `var i = 0; while (true) { g.Emit(i++) }`},
				{"path", `g.V("<a>").Out("<knows>").All()`},
				{"foreach", `g.V("<a>").Out("<knows>").ForEach(function(d) { g.Emit(d.id) })`},
			} {
				pulled := 0
				err := s.QueryEach(ctx, tc.query, 7, func(any) error { pulled++; return nil })
				if err != nil {
					t.Fatalf("%s: %v", tc.name, err)
				}
				if pulled != 7 {
					t.Errorf("%s: %d results pulled with limit 7", tc.name, pulled)
				}
			}
			all, err := s.Query(ctx, `g.V("<a>").Out("<knows>").All()`, 0)
			if err != nil || len(all) != 40 {
				t.Errorf("no limit: %d results, %v; want 40", len(all), err)
			}
		})
	}
}

// TestQueryEndsAtDeadline checks that a query that would never end returns with
// the deadline's error, and that the store then closes: at once when the query's
// goroutine ended, and otherwise after a short wait, with ErrCloseStuck.
func TestQueryEndsAtDeadline(t *testing.T) {
	for name, s := range openAll(t) {
		t.Run(name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
			defer cancel()
			_, err := s.Query(ctx, `while (true) {}`, 0)
			if !errors.Is(err, ErrQuery) || !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("an endless query gave %v, want a query error of the deadline", err)
			}
			if err := s.Close(); err != nil && !errors.Is(err, ErrCloseStuck) {
				t.Errorf("close after a query stopped by its deadline: %v", err)
			}
		})
	}
}

// TestCloseStuckIsBounded holds a read transaction open, as a query cut short
// inside a long step of an iterator does: after a query was cut short, closing the
// store gives up after cutShortClose instead of the lock timeout.
func TestCloseStuckIsBounded(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, Config{Backend: Bolt, Path: filepath.Join(t.TempDir(), "g.db"), LockTimeout: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Replace(ctx, map[quad.IRI][]quad.Quad{"source/a": {q("a", "knows", "b", "source/a")}}); err != nil {
		t.Fatal(err)
	}
	tx, err := s.db.Begin(false)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	// The deadline has passed before the query starts running: it is cut short.
	dead, cancel := context.WithDeadline(ctx, time.Now().Add(-time.Second))
	defer cancel()
	n := 0
	err = s.QueryEach(dead, `g.V().All()`, 0, func(any) error { n++; return nil })
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("query past its deadline: %v", err)
	}
	// A query that fn stops is cut short too.
	if err := s.QueryEach(ctx, `g.V().All()`, 0, func(any) error { return errors.New("enough") }); err == nil || err.Error() != "enough" {
		t.Fatalf("fn's error: %v", err)
	}
	if err := s.Close(); !errors.Is(err, ErrCloseStuck) {
		t.Errorf("close with a read transaction open: %v, want ErrCloseStuck (and not an hour's wait)", err)
	}
}

func TestHoldsObjectsSubjects(t *testing.T) {
	ctx := context.Background()
	for name, s := range openAll(t) {
		t.Run(name, func(t *testing.T) {
			qs := []quad.Quad{
				q("a", "kind", "rebuts", "source/a"),
				q("a", "name", `"Alice"`, "source/a"),
				q("b", "name", `"Bob"`, "source/a"),
			}
			if _, err := s.Replace(ctx, map[quad.IRI][]quad.Quad{"source/a": qs}); err != nil {
				t.Fatal(err)
			}
			got, err := s.Holds(ctx, quad.IRI("rebuts"), quad.String("rebuts"), quad.IRI("kind"), quad.String("Alice"), quad.IRI("nobody"))
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(got) != "[true false true true false]" {
				t.Errorf("Holds: %v", got)
			}
			// A value whose last quad is gone is no longer held.
			if _, err := s.Replace(ctx, map[quad.IRI][]quad.Quad{"source/a": qs[2:]}); err != nil {
				t.Fatal(err)
			}
			if got, err := s.Holds(ctx, quad.IRI("rebuts"), quad.IRI("kind"), quad.String("Alice"), quad.String("Bob")); err != nil || fmt.Sprint(got) != "[false false false true]" {
				t.Errorf("Holds after the quads of rebuts, kind and Alice were removed: %v, %v", got, err)
			}
			if _, err := s.Replace(ctx, map[quad.IRI][]quad.Quad{"source/a": qs}); err != nil {
				t.Fatal(err)
			}
			names, err := s.Objects(ctx, quad.IRI("a"), "name")
			if err != nil || len(names) != 1 || names[0] != quad.String("Alice") {
				t.Errorf("Objects: %v, %v", names, err)
			}
			if none, err := s.Objects(ctx, quad.IRI("nobody"), "name"); err != nil || none != nil {
				t.Errorf("Objects of an unknown node: %v, %v", none, err)
			}
			subs, err := s.Subjects(ctx, "name", 0)
			if err != nil || len(subs) != 2 {
				t.Errorf("Subjects: %v, %v", subs, err)
			}
		})
	}
}
