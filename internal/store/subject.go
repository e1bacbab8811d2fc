package store

import (
	"context"
	"runtime/debug"

	"github.com/cayleygraph/quad"
)

// SubjectQuads returns the quads with this subject and predicate, labels included,
// in the store's order; nil when there are none.
func (s *Store) SubjectQuads(ctx context.Context, subject quad.Value, pred quad.IRI) (_ []quad.Quad, err error) {
	defer survive(s.where, &err, debug.SetPanicOnFault(true))
	sub, err := s.qs.ValueOf(subject)
	if err != nil || sub == nil {
		return nil, err
	}
	it := s.qs.QuadIterator(quad.Subject, sub).Iterate()
	defer it.Close()
	var out []quad.Quad
	for it.Next(ctx) {
		q, err := s.qs.Quad(it.Result())
		if err != nil {
			return nil, err
		}
		if q.Predicate == pred {
			out = append(out, q)
		}
	}
	return out, it.Err()
}
