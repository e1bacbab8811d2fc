package store

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"runtime/debug"
	"sort"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	bolt "go.etcd.io/bbolt"
)

// WriteOptions tunes a [Writer].
type WriteOptions struct {
	// BatchQuads is how many quads one transaction takes before it is committed; a
	// label is never split between transactions. Zero means one transaction for
	// everything.
	BatchQuads int
	// Progress, when set, is called after each transaction commits (into an empty
	// PostgreSQL store, where the whole series is one transaction, after each batch
	// is sent).
	Progress func(Progress)
}

// Progress says how far a [Writer] has come: what its committed transactions hold.
type Progress struct {
	// Labels and Quads count the labels written so far (unchanged ones included)
	// and the quads given for them.
	Labels, Quads int
	// Transactions counts the commits.
	Transactions int
	Change
}

// Writer replaces the quads of many labels in a series of transactions. Each
// transaction holds whole labels, so that whatever stops a write (an error, a
// cancelled context, a killed process) leaves every label either as it was or as
// it was given. A label whose quads are those already stored is not written.
// Into an empty bolt store, a series of more than one transaction is a load in
// stages (bulkload.go): nothing shows until Commit, and what stops it leaves the
// store empty.
//
// A Writer is not safe for concurrent use, and the store must not be used by
// anything else until [Writer.Commit] returns.
type Writer struct {
	s        *Store
	opts     WriteOptions
	pending  []labelSet
	quads    int
	seen     map[quad.IRI]bool
	progress Progress
	err      error
	// load is set while the series loads an empty bolt store in stages
	// (bulkload.go).
	load *bulkLoad
}

type labelSet struct {
	label quad.IRI
	quads []quad.Quad
	// inputs is the label's inputs record (inputs.go), nil for none.
	inputs []byte
}

// NewWriter starts a series of writes.
func (s *Store) NewWriter(opts WriteOptions) *Writer {
	return &Writer{s: s, opts: opts, seen: map[quad.IRI]bool{}}
}

// Put queues the quads that label must hold from now on, and commits the queue
// when it is full. Every quad's label must be label, and a label may be given
// once. After an error the Writer writes nothing more.
func (w *Writer) Put(ctx context.Context, label quad.IRI, qs []quad.Quad) (err error) {
	return w.PutInputs(ctx, label, qs, nil)
}

// PutInputs is [Writer.Put] with the label's inputs record (see [Store.Inputs]),
// which the store keeps in the transaction that writes the label, when it keeps
// records. A nil record removes the label's record.
func (w *Writer) PutInputs(ctx context.Context, label quad.IRI, qs []quad.Quad, inputs []byte) (err error) {
	if w.s.readOnly {
		return fmt.Errorf("%w: %s", ErrReadOnly, w.s.where)
	}
	defer survive(w.s.where, &err, debug.SetPanicOnFault(true))
	if w.err != nil {
		return w.err
	}
	if w.seen[label] {
		return w.fail(fmt.Errorf("label %s given twice", label))
	}
	w.seen[label] = true
	for _, q := range qs {
		if q.Label != label {
			return w.fail(fmt.Errorf("quad %s is not labelled %s", q.NQuad(), label))
		}
	}
	w.pending = append(w.pending, labelSet{label, qs, inputs})
	w.quads += len(qs)
	if w.opts.BatchQuads > 0 && w.quads >= w.opts.BatchQuads {
		return w.flush(ctx, false)
	}
	return nil
}

// Commit writes what is queued and returns what the whole series changed.
func (w *Writer) Commit(ctx context.Context) (_ Change, err error) {
	defer survive(w.s.where, &err, debug.SetPanicOnFault(true))
	if w.err == nil && len(w.pending) > 0 {
		w.flush(ctx, true)
	}
	if w.err == nil && w.load != nil {
		if err := w.s.finishLoad(ctx, w.load); err != nil {
			w.fail(err)
		}
		w.load = nil // made the store's content, or dropped
	}
	if w.s.pg != nil {
		if err := w.s.endPG(ctx, w.err != nil); err != nil {
			w.err = err
		}
	}
	return w.progress.Change, w.err
}

// fail records the error that ends the series (when err is not nil) and drops
// what a load in stages staged: the store stays as it was.
func (w *Writer) fail(err error) error {
	if err == nil {
		return nil
	}
	w.err = err
	if w.load != nil {
		w.s.dropLoad()
		w.load = nil
	}
	return err
}

// loadInStages lets a series load an empty bolt store in stages; tests turn it
// off to compare with the ordinary writer.
var loadInStages = true

// flush writes what is queued; last is set when nothing follows. A series whose
// first transaction into a bolt store is not its last loads an empty store in
// stages.
func (w *Writer) flush(ctx context.Context, last bool) error {
	if err := ctx.Err(); err != nil {
		return w.fail(err)
	}
	var ch Change
	var err error
	if w.s.db != nil && w.progress.Transactions == 0 && !last && loadInStages {
		w.load, err = w.s.startLoad()
		if err != nil {
			return w.fail(err)
		}
	}
	if w.load != nil {
		ch, err = w.s.stageLoad(ctx, w.load, w.pending)
	} else if w.s.db != nil {
		ch, err = w.s.writeBolt(ctx, w.pending)
	} else if w.s.pg != nil {
		ch, err = w.s.writePG(ctx, w.pending)
	} else {
		ch, err = w.s.writeDeltas(ctx, w.pending)
	}
	if err != nil {
		return w.fail(err)
	}
	w.progress.Labels += len(w.pending)
	w.progress.Quads += w.quads
	w.progress.Transactions++
	w.progress.Added += ch.Added
	w.progress.Removed += ch.Removed
	w.progress.Kept += ch.Kept
	w.pending, w.quads = nil, 0
	if w.opts.Progress != nil {
		w.opts.Progress(w.progress)
	}
	return nil
}

// writeBolt writes label sets in one bolt transaction with the layout writer.
func (s *Store) writeBolt(ctx context.Context, sets []labelSet) (Change, error) {
	var ch Change
	err := s.db.Update(func(tx *bolt.Tx) error {
		// Checked in the transaction that writes, before anything is written.
		if err := checkVersion(tx, s.where, false); err != nil {
			return err
		}
		if err := dropStaged(tx); err != nil {
			return err
		}
		t, err := newKVTx(tx)
		if err != nil {
			return err
		}
		if err := t.dropAnchors(); err != nil {
			return err
		}
		for _, ls := range sets {
			if err := ctx.Err(); err != nil {
				return err
			}
			c, err := t.put(ls.label, ls.quads)
			if err != nil {
				return err
			}
			ch.Added += c.Added
			ch.Removed += c.Removed
			ch.Kept += c.Kept
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := writeInputs(tx, sets, t.written); err != nil {
			return err
		}
		return t.commit()
	})
	if err := s.wrote(err); err != nil {
		return Change{}, err
	}
	return ch, nil
}

// wrote ends a bolt write transaction that returned err: it drops the memory
// map's pages, gives Cayley a fresh view, and names the store in err.
func (s *Store) wrote(err error) error {
	releaseMapped(s.db)
	// Cayley caches value ids; after a write they may name removed nodes.
	if rerr := s.reopenCayley(); err == nil {
		err = rerr
	}
	if err != nil {
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, ErrVersion) {
			return err
		}
		return fmt.Errorf("write to store %s: %w", s.where, err)
	}
	return nil
}

// startLoad returns a load in stages when the bolt store is empty, nil when not.
func (s *Store) startLoad() (*bulkLoad, error) {
	var l *bulkLoad
	err := s.db.View(func(tx *bolt.Tx) error {
		if err := checkVersion(tx, s.where, false); err != nil {
			return err
		}
		var err error
		l, err = startLoad(tx)
		return err
	})
	if err != nil {
		return nil, s.wrote(err)
	}
	return l, nil
}

// stageLoad writes one transaction of a load in stages; what it wrote stays out
// of sight until [Store.finishLoad]. When it fails, what the load staged goes.
func (s *Store) stageLoad(ctx context.Context, l *bulkLoad, sets []labelSet) (Change, error) {
	var ch Change
	err := s.db.Update(func(tx *bolt.Tx) error {
		if err := checkVersion(tx, s.where, false); err != nil {
			return err
		}
		if !l.staged {
			if err := dropStaged(tx); err != nil {
				return err
			}
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		var err error
		ch, err = l.stage(tx, sets)
		if err != nil {
			return err
		}
		return ctx.Err()
	})
	if err != nil {
		return Change{}, s.wrote(err)
	}
	l.staged = true
	releaseMapped(s.db)
	return ch, nil
}

// finishLoad makes what a load staged the store's content, in one transaction.
func (s *Store) finishLoad(ctx context.Context, l *bulkLoad) error {
	err := s.db.Update(func(tx *bolt.Tx) error {
		if err := checkVersion(tx, s.where, false); err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		return l.finish(tx)
	})
	return s.wrote(err)
}

// dropLoad removes what a failed load staged, as far as it can: the next write
// drops whatever is left.
func (s *Store) dropLoad() {
	s.db.Update(dropStaged)
}

// writeDeltas writes label sets through Cayley, as one batch of deltas: the memory
// and SQL backends apply a batch in one transaction. Labels whose content hash is
// the one stored are skipped unread.
func (s *Store) writeDeltas(ctx context.Context, sets []labelSet) (Change, error) {
	type prepared struct {
		label quad.IRI
		want  map[string]quad.Quad
		hash  [sha256.Size]byte
	}
	var ch Change
	labels := make([]quad.IRI, len(sets))
	for i, ls := range sets {
		labels[i] = ls.label
	}
	stored := map[quad.IRI][sha256.Size]byte{}
	if s.hashes != nil {
		var err error
		if stored, err = s.hashes.get(ctx, labels); err != nil {
			return Change{}, fmt.Errorf("read store %s: %w", s.where, err)
		}
	}
	var todo []prepared
	for _, ls := range sets {
		p := prepared{label: ls.label, want: make(map[string]quad.Quad, len(ls.quads))}
		for _, q := range ls.quads {
			p.want[q.NQuad()] = q
		}
		keys := make([]string, 0, len(p.want))
		for k := range p.want {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		p.hash = quadsHash(keys)
		if h, ok := stored[ls.label]; ok && h == p.hash {
			ch.Kept += len(keys)
			continue
		}
		todo = append(todo, p)
	}
	if len(todo) == 0 {
		return ch, nil
	}
	var dels, adds []graph.Delta
	for _, p := range todo {
		have, err := s.cayleyQuads(ctx, p.label)
		if err != nil {
			return Change{}, err
		}
		for _, q := range have {
			k := q.NQuad()
			if _, ok := p.want[k]; ok {
				delete(p.want, k)
				ch.Kept++
				continue
			}
			dels = append(dels, graph.Delta{Quad: q, Action: graph.Delete})
			ch.Removed++
		}
		keys := make([]string, 0, len(p.want))
		for k := range p.want {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			adds = append(adds, graph.Delta{Quad: p.want[k], Action: graph.Add})
			ch.Added++
		}
	}
	if err := ctx.Err(); err != nil {
		return Change{}, err
	}
	written := map[quad.IRI][sha256.Size]byte{}
	forget := make([]quad.IRI, len(todo))
	for i, p := range todo {
		written[p.label] = p.hash
		forget[i] = p.label
	}
	if s.hashes != nil {
		if err := s.hashes.forget(ctx, forget); err != nil {
			return Change{}, fmt.Errorf("write to store %s: %w", s.where, err)
		}
	}
	if len(dels)+len(adds) > 0 {
		if err := s.qs.ApplyDeltas(append(dels, adds...), graph.IgnoreOpts{}); err != nil {
			return Change{}, fmt.Errorf("write to store %s: %w", s.where, err)
		}
	}
	if s.hashes != nil {
		// Losing a hash only loses the shortcut: the next write compares quads.
		s.hashes.set(ctx, written)
	}
	return ch, nil
}
