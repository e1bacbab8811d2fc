package server

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/graphbuilder/graph/internal/pipeline"
	"github.com/graphbuilder/graph/internal/store"
)

// Defaults of [Options] left zero.
const (
	DefaultQueryTimeout = 30 * time.Second
	DefaultMaxBody      = 1 << 20
	DefaultLimit        = 1000
	DefaultMaxLimit     = 100_000
	DefaultPoll         = time.Second
	DefaultMaxNodes     = 400
)

// ErrToken means the server would listen beyond the loopback interface without a
// token to ask of its clients.
var ErrToken = errors.New("a token is needed")

// Options configure a [Server].
type Options struct {
	// Store is the store to serve. The memory backend serves an empty graph; use
	// [NewStatic] to serve quads held in memory.
	Store store.Config
	// QueryTimeout bounds every Gizmo query.
	QueryTimeout time.Duration
	// MaxBody bounds the size of a request's body, in bytes.
	MaxBody int64
	// Limit is the number of query results returned when a request gives no
	// limit; MaxLimit the most a request may ask for.
	Limit, MaxLimit int
	// MaxNodes bounds a map, as graph export's --max-nodes does.
	MaxNodes int
	// Token, when set, must come with every API request, as "Authorization:
	// Bearer TOKEN".
	Token string
	// CORSOrigin, when set, is the one origin whose pages may call the API.
	CORSOrigin string
	// Poll is how often [Server.Serve] looks whether the store changed (a bolt
	// file's size and time, or a PostgreSQL store's digest of its labels' content
	// hashes, are read); negative never.
	Poll time.Duration
	// Review, when set, serves the findings of the rules on these graphs for
	// review, and records decisions on them (/api/review).
	Review *pipeline.ReviewSet
	// Logf reports what the server does (a snapshot read, a reload that failed);
	// nil reports nothing.
	Logf func(format string, args ...any)
}

func (o *Options) defaults() {
	if o.QueryTimeout <= 0 {
		o.QueryTimeout = DefaultQueryTimeout
	}
	if o.MaxBody <= 0 {
		o.MaxBody = DefaultMaxBody
	}
	if o.Limit <= 0 {
		o.Limit = DefaultLimit
	}
	if o.MaxLimit <= 0 {
		o.MaxLimit = DefaultMaxLimit
	}
	if o.MaxNodes <= 0 {
		o.MaxNodes = DefaultMaxNodes
	}
	if o.Poll == 0 {
		o.Poll = DefaultPoll
	}
	if o.Logf == nil {
		o.Logf = func(string, ...any) {}
	}
}

// Server answers the API and serves the workbench over a snapshot of a store.
type Server struct {
	opts    Options
	static  bool
	current atomic.Pointer[snapshot]
	// reload serializes reading snapshots; swap orders taking the current
	// snapshot for a request (read-locked) and replacing it (locked).
	reload sync.Mutex
	swap   sync.RWMutex
}

// New reads a first snapshot of the store opts names.
func New(ctx context.Context, opts Options) (*Server, error) {
	opts.defaults()
	s := &Server{opts: opts}
	snap, err := readSnapshot(ctx, opts.Store)
	if err != nil {
		return nil, err
	}
	s.current.Store(snap)
	return s, nil
}

// NewStatic serves the quads given, which never change.
func NewStatic(ctx context.Context, qs []quad.Quad, opts Options) (*Server, error) {
	opts.defaults()
	snap, err := snapshotOf(ctx, qs, fingerprint{})
	if err != nil {
		return nil, err
	}
	s := &Server{opts: opts, static: true}
	s.current.Store(snap)
	return s, nil
}

// Refresh reads a new snapshot when the store changed since the last one, and
// reports whether it did. While a build holds the store, the snapshot being served
// stays and the error says why.
func (s *Server) Refresh(ctx context.Context) (bool, error) {
	if s.static {
		return false, nil
	}
	s.reload.Lock()
	defer s.reload.Unlock()
	old := s.current.Load()
	fp, err := fingerprintOf(ctx, s.opts.Store)
	if err != nil {
		return false, err
	}
	if !fp.known || fp == old.fp {
		return false, nil // unchanged, or a store that cannot tell
	}
	cfg := s.opts.Store
	// A build holds the lock for as long as it runs; try again at the next poll
	// rather than wait for it here.
	cfg.LockTimeout = 100 * time.Millisecond
	snap, err := readSnapshot(ctx, cfg)
	if err != nil {
		return false, err
	}
	s.swap.Lock()
	s.current.Store(snap)
	s.swap.Unlock()
	if err := old.retire(); err != nil {
		s.opts.Logf("the last snapshot's copy could not be removed: %v", err)
	}
	s.opts.Logf("read %d quads of %d sources (the store changed)", snap.quads, len(snap.reader.Sources()))
	return true, nil
}

// Close drops the snapshot being served, with its copy of the store, once the
// requests reading it are done. The server must not serve afterwards.
func (s *Server) Close() error { return s.current.Load().retire() }

// acquire takes the current snapshot for one request, which releases it.
func (s *Server) acquire() *snapshot {
	s.swap.RLock()
	defer s.swap.RUnlock()
	snap := s.current.Load()
	snap.refs.Add(1)
	return snap
}

// Serve answers requests on ln until ctx is done, then shuts down: it stops
// accepting, waits up to grace for the requests under way, and returns. Between
// requests it reads a new snapshot whenever the store changes.
func (s *Server) Serve(ctx context.Context, ln net.Listener, grace time.Duration) error {
	hs := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return ctx },
	}
	done := make(chan struct{})
	defer close(done)
	if !s.static && s.opts.Poll > 0 && s.opts.Store.Backend != store.Memory {
		go s.poll(ctx, done)
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	err := hs.Shutdown(sctx)
	if errors.Is(err, context.DeadlineExceeded) {
		hs.Close()
		return fmt.Errorf("requests still running after %s were cut off", grace)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return err
}

func (s *Server) poll(ctx context.Context, done <-chan struct{}) {
	t := time.NewTicker(s.opts.Poll)
	defer t.Stop()
	var lastErr string
	for {
		select {
		case <-ctx.Done():
			return
		case <-done:
			return
		case <-t.C:
		}
		_, err := s.Refresh(ctx)
		switch {
		case err == nil:
			lastErr = ""
		case errors.Is(err, store.ErrLocked):
			// A build is writing; the next poll reads what it wrote.
		case err.Error() != lastErr:
			lastErr = err.Error()
			s.opts.Logf("the store could not be read again (still serving the last snapshot): %v", err)
		}
	}
}

// Loopback reports whether addr (host:port) listens only on the loopback
// interface.
func Loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// CheckBind refuses to listen beyond loopback without a token.
func CheckBind(addr, token string) error {
	if !Loopback(addr) && token == "" {
		return fmt.Errorf("%w to listen on %s, which is not a loopback address: give --token or --token-file (clients then send \"Authorization: Bearer TOKEN\")", ErrToken, addr)
	}
	return nil
}

// Handler returns the server's routes.
func (s *Server) Handler() http.Handler {
	api := http.NewServeMux()
	api.HandleFunc("/api/v2/query", s.handleQuery)
	api.HandleFunc("GET /api/sources", s.kept(s.handleSources))
	api.HandleFunc("GET /api/node", s.kept(s.handleNode))
	api.HandleFunc("GET /api/search", s.kept(s.handleSearch))
	api.HandleFunc("GET /api/map", s.kept(s.handleMap))
	api.HandleFunc("GET /api/transcript", s.kept(s.handleTranscript))
	api.HandleFunc("GET /api/status", s.handleStatus)
	api.HandleFunc("GET /api/review", s.handleReviewSources)
	api.HandleFunc("GET /api/review/{source}", s.handleReview)
	api.HandleFunc("POST /api/review/{source}", s.handleReview)
	api.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, fmt.Sprintf("no API route %s %s (see docs/http.md)", r.Method, r.URL.Path))
	})

	mux := http.NewServeMux()
	mux.Handle("/api/", s.guard(api))
	mux.Handle("/", webHandler())
	return mux
}

// guard checks the token, answers CORS preflights when an origin is allowed, and
// bounds the body.
func (s *Server) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if o := s.opts.CORSOrigin; o != "" && r.Header.Get("Origin") == o {
			w.Header().Set("Access-Control-Allow-Origin", o)
			w.Header().Set("Vary", "Origin")
			if r.Method == http.MethodOptions {
				w.Header().Set("Access-Control-Allow-Methods", "GET, POST")
				w.Header().Set("Access-Control-Allow-Headers", "Authorization, Content-Type")
				w.WriteHeader(http.StatusNoContent)
				return
			}
		}
		if s.opts.Token != "" {
			got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
			if !ok || subtle.ConstantTimeCompare([]byte(got), []byte(s.opts.Token)) != 1 {
				w.Header().Set("WWW-Authenticate", `Bearer realm="graph"`)
				writeError(w, http.StatusUnauthorized, "this server needs a token: send the header \"Authorization: Bearer TOKEN\"")
				return
			}
		}
		r.Body = http.MaxBytesReader(w, r.Body, s.opts.MaxBody)
		snap := s.acquire()
		defer snap.release()
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), snapKey{}, snap)))
	})
}

// snap returns the snapshot a request reads, the same for the whole request.
func (s *Server) snap() *snapshot { return s.current.Load() }

// Reader returns the decoded graph being served.
func (s *Server) Reader() *pipeline.Reader { return s.snap().reader }
