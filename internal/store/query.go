package store

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"time"

	"github.com/cayleygraph/cayley/query"
	"github.com/cayleygraph/cayley/query/gizmo"
	"github.com/cayleygraph/quad"
)

// ErrQuery marks a Gizmo query that failed to compile or run.
var ErrQuery = errors.New("query failed")

// cutShortClose is how long [Store.Close] waits, after a query was cut short, for
// the read transaction the query may have left open. Such a query only read, so
// giving up on the close loses nothing: the process's exit releases the file.
const cutShortClose = 100 * time.Millisecond

// Query runs a Gizmo query and returns its results as Cayley's JSON collation gives
// them (maps of tag to value, or the values a query emits). At most limit results
// are returned when limit > 0. The context's deadline bounds the run.
func (s *Store) Query(ctx context.Context, gizmoQuery string, limit int) ([]any, error) {
	out := []any{}
	err := s.QueryEach(ctx, gizmoQuery, limit, func(r any) error {
		out = append(out, r)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// QueryEach runs a Gizmo query and calls fn with each result as [Store.Query]
// returns it. When limit > 0 it stops the query once fn has had limit results:
// Gizmo is given the limit, so a path (.All()) stops there, and no result past it
// is pulled, so a script that emits without end stops too. An error from fn stops
// the query and is returned. The context's deadline bounds the run; QueryEach
// returns when it passes, whatever the query is doing.
//
// A query cut short (by the limit, fn or the context) keeps a read transaction
// of a bolt store open until Gizmo's goroutine notices, and closing the store
// waits for it. QueryEach waits for that goroutine a little (see awaitQuery);
// should it still run, the store is not held up by it: after a query cut short,
// [Store.Close] waits only briefly and then returns [ErrCloseStuck].
func (s *Store) QueryEach(ctx context.Context, gizmoQuery string, limit int, fn func(any) error) (err error) {
	defer survive(s.where, &err, debug.SetPanicOnFault(true))
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("%w: %w", ErrQuery, err)
	}
	sess := gizmo.NewSession(s.queryStore())
	opts := query.Options{Collation: query.JSON}
	if limit > 0 {
		opts.Limit = limit
	}
	it, err := sess.Execute(ctx, gizmoQuery, opts)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrQuery, err)
	}
	n, whole := 0, false
	defer func() {
		it.Close()
		s.awaitQuery(ctx, it)
		// After the store is opened only queries write it, and only this value:
		// one running at once can store nothing else.
		if !whole && s.closeTimeout.Load() > int64(cutShortClose) {
			s.closeTimeout.Store(int64(cutShortClose))
		}
	}()
	for limit <= 0 || n < limit {
		if !it.Next(ctx) {
			whole = it.Err() == nil
			break
		}
		r := it.Result()
		if r == nil {
			continue // the script's own value, which Cayley's API does not show
		}
		n++
		if err := fn(r); err != nil {
			return err
		}
	}
	if err := it.Err(); err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("%w: %w", ErrQuery, ctx.Err())
		}
		return fmt.Errorf("%w: %v", ErrQuery, err)
	}
	return nil
}

// awaitQuery waits for the goroutine that runs a closed query to end, which closes
// the iterators (and the read transactions) the query opened. Gizmo stops it at
// once, unless it is inside one long step of an iterator; the wait is bounded by
// ctx (and a second), and by cutShortClose once ctx is done.
func (s *Store) awaitQuery(ctx context.Context, it query.Iterator) {
	wait, cancel := context.WithTimeout(ctx, time.Second)
	if ctx.Err() != nil {
		wait, cancel = context.WithTimeout(context.Background(), cutShortClose)
	}
	defer cancel()
	// After Close, Next only returns once the goroutine has closed its channel of
	// errors, which it does last; a result it was sending is dropped.
	for it.Next(wait) {
	}
}

// Holds reports, for each value, whether the store holds it anywhere in a quad
// (as subject, predicate, object or label): an IRI like quad.IRI("criticizes"),
// or a literal like quad.String("rebuts").
func (s *Store) Holds(ctx context.Context, vs ...quad.Value) (_ []bool, err error) {
	defer survive(s.where, &err, debug.SetPanicOnFault(true))
	out := make([]bool, len(vs))
	for i, v := range vs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		ref, err := s.qs.ValueOf(v)
		if err != nil {
			return nil, err
		}
		// A bolt or memory store keeps a value only while a quad has it (its
		// reference count), so a reference says it is held; looking for a quad
		// would read every quad for a predicate, which no index starts with.
		// Cayley's SQL backend gives any value a reference, held or not: look
		// for a quad that has it.
		if s.backend != Postgres {
			out[i] = ref != nil
			continue
		}
		for _, d := range []quad.Direction{quad.Subject, quad.Predicate, quad.Object, quad.Label} {
			if ref == nil || out[i] {
				break
			}
			it := s.qs.QuadIterator(d, ref).Iterate()
			out[i] = it.Next(ctx)
			err := it.Err()
			it.Close()
			if err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// Objects returns the objects of the quads with this subject and predicate, in
// the store's order; nil when there are none.
func (s *Store) Objects(ctx context.Context, subject quad.Value, pred quad.IRI) (_ []quad.Value, err error) {
	defer survive(s.where, &err, debug.SetPanicOnFault(true))
	sub, err := s.qs.ValueOf(subject)
	if err != nil || sub == nil {
		return nil, err
	}
	p, err := s.qs.ValueOf(pred)
	if err != nil || p == nil {
		return nil, err
	}
	it := s.qs.QuadIterator(quad.Subject, sub).Iterate()
	defer it.Close()
	var out []quad.Value
	for it.Next(ctx) {
		q, err := s.qs.Quad(it.Result())
		if err != nil {
			return nil, err
		}
		if q.Predicate == pred {
			out = append(out, q.Object)
		}
	}
	return out, it.Err()
}

// Subjects returns the subjects of the quads with this predicate, each once, up
// to max of them (all when max <= 0).
func (s *Store) Subjects(ctx context.Context, pred quad.IRI, max int) (_ []quad.Value, err error) {
	defer survive(s.where, &err, debug.SetPanicOnFault(true))
	p, err := s.qs.ValueOf(pred)
	if err != nil || p == nil {
		return nil, err
	}
	it := s.qs.QuadIterator(quad.Predicate, p).Iterate()
	defer it.Close()
	seen := map[string]bool{}
	var out []quad.Value
	for it.Next(ctx) && (max <= 0 || len(out) < max) {
		sub, err := s.qs.QuadDirection(it.Result(), quad.Subject)
		if err != nil {
			return nil, err
		}
		v, err := s.qs.NameOf(sub)
		if err != nil {
			return nil, err
		}
		if v == nil || seen[v.String()] {
			continue
		}
		seen[v.String()] = true
		out = append(out, v)
	}
	return out, it.Err()
}
