package store

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"

	"github.com/cayleygraph/cayley/query"
	"github.com/cayleygraph/cayley/query/gizmo"
)

// ErrQuery marks a Gizmo query that failed to compile or run.
var ErrQuery = errors.New("query failed")

// Query runs a Gizmo query and returns its results as Cayley's JSON collation gives
// them (maps of tag to value, or the values a query emits). At most limit results
// are returned when limit > 0. The context's deadline bounds the run.
//
// The limit is applied here rather than by Cayley: when Cayley cuts a query short it
// can leave a bbolt read transaction open, and the store then never closes. The
// query therefore runs to its end (or its deadline) and the surplus is dropped.
func (s *Store) Query(ctx context.Context, gizmoQuery string, limit int) (_ []any, err error) {
	defer survive(s.where, &err, debug.SetPanicOnFault(true))
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrQuery, err)
	}
	sess := gizmo.NewSession(s.qs)
	it, err := sess.Execute(ctx, gizmoQuery, query.Options{Collation: query.JSON})
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrQuery, err)
	}
	defer it.Close()
	out := []any{}
	for it.Next(ctx) {
		if r := it.Result(); r != nil && (limit <= 0 || len(out) < limit) {
			out = append(out, r)
		}
	}
	if err := it.Err(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrQuery, err)
	}
	return out, nil
}
