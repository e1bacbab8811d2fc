package server

import (
	"net/http"
	"sync"

	lru "github.com/hashicorp/golang-lru/v2"
)

// A snapshot never changes, so what a route answered from it to one request it
// answers to the next that asks the same: the answers of the routes that only
// read the snapshot (sources, node, search, map, transcript) are kept, the most
// recently asked ones, up to answerBytes each and answersBytes in all.
var (
	answerBytes  = 4 << 20
	answersBytes = 64 << 20
)

// answers are the kept answers of one snapshot, by request.
type answers struct {
	mu    sync.Mutex
	kept  *lru.Cache[string, []byte]
	bytes int // the length of the answers kept
}

func newAnswers() *answers {
	a := &answers{}
	// The count only bounds the index: the bytes bound the answers.
	kept, err := lru.NewWithEvict(1<<16, func(_ string, body []byte) { a.bytes -= len(body) })
	if err != nil {
		panic(err) // only for a size below one
	}
	a.kept = kept
	return a
}

func (a *answers) get(key string) ([]byte, bool) { return a.kept.Get(key) }

// add keeps body, forgetting the answers least recently asked for while the
// answers kept are longer than answersBytes.
func (a *answers) add(key string, body []byte) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if old, ok := a.kept.Peek(key); ok {
		a.bytes -= len(old)
	}
	a.kept.Add(key, body)
	a.bytes += len(body)
	for a.bytes > answersBytes {
		a.kept.RemoveOldest()
	}
}

// len returns how many answers are kept.
func (a *answers) len() int { return a.kept.Len() }

type snapKey struct{}

// snapFor returns the snapshot r reads: the one [Server.guard] took for it, or
// the current one.
func (s *Server) snapFor(r *http.Request) *snapshot {
	if snap, ok := r.Context().Value(snapKey{}).(*snapshot); ok {
		return snap
	}
	return s.snap()
}

// kept answers from the snapshot's kept answers when it can, and keeps what next
// answers with 200 OK. The key is the path and the query parameters, sorted.
func (s *Server) kept(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		snap := s.snapFor(r)
		key := r.URL.Path + "?" + r.URL.Query().Encode()
		if body, ok := snap.answers.get(key); ok {
			w.Header().Set("Content-Type", "application/json; charset=utf-8")
			w.Header().Set("Cache-Control", "no-store")
			w.WriteHeader(http.StatusOK)
			w.Write(body)
			return
		}
		rec := &recorder{ResponseWriter: w, status: http.StatusOK}
		next(rec, r)
		if rec.status == http.StatusOK && !rec.tooLong {
			snap.answers.add(key, rec.body)
		}
	}
}

// recorder passes an answer on and keeps a copy of it, unless it is longer than
// answerBytes.
type recorder struct {
	http.ResponseWriter
	status  int
	body    []byte
	tooLong bool
}

func (rec *recorder) WriteHeader(status int) {
	rec.status = status
	rec.ResponseWriter.WriteHeader(status)
}

func (rec *recorder) Write(p []byte) (int, error) {
	if !rec.tooLong {
		if len(rec.body)+len(p) > answerBytes {
			rec.tooLong, rec.body = true, nil
		} else {
			rec.body = append(rec.body, p...)
		}
	}
	return rec.ResponseWriter.Write(p)
}
