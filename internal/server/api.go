package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/graphbuilder/graph/internal/diag"
	"github.com/graphbuilder/graph/internal/export"
	"github.com/graphbuilder/graph/internal/pipeline"
	"github.com/graphbuilder/graph/internal/vocab"
)

// writeJSON answers with v as JSON, with <, > and & as they are.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}

// writeError answers {"error": msg}, the shape of Cayley's API.
func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}

// QueryResult is the answer of /api/v2/query: Cayley's {"result": [...]}, with
// whether the limit left results out, the names of the nodes when asked for, and
// the guard rails' warnings.
type QueryResult struct {
	Result    []any `json:"result"`
	Limit     int   `json:"limit"`
	Truncated bool  `json:"truncated"`
	// Names maps each IRI in the result (in angle brackets) to what the graph calls
	// it, when the request says names=1; it is empty otherwise.
	Names map[string]string `json:"names"`
	// Warnings are likely mistakes in the query (see [pipeline.RunQuery]), placed
	// in it as line and column; the file is "query".
	Warnings diag.Diagnostics `json:"warnings"`
}

func (s *Server) handleQuery(w http.ResponseWriter, r *http.Request) {
	if lang := r.URL.Query().Get("lang"); lang != "gizmo" {
		writeError(w, http.StatusBadRequest, fmt.Sprintf("unknown query language %q: this server speaks lang=gizmo", lang))
		return
	}
	var q string
	switch r.Method {
	case http.MethodGet:
		q = r.URL.Query().Get("qu")
	case http.MethodPost:
		body, err := io.ReadAll(r.Body)
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("the query is longer than %d bytes", tooLarge.Limit))
			return
		}
		if err != nil {
			writeError(w, http.StatusBadRequest, "cannot read the query: "+err.Error())
			return
		}
		q = string(body)
	default:
		w.Header().Set("Allow", "GET, POST")
		writeError(w, http.StatusMethodNotAllowed, "use POST with the query as the body, or GET with qu=QUERY")
		return
	}
	if strings.TrimSpace(q) == "" {
		writeError(w, http.StatusBadRequest, "the query is empty")
		return
	}
	limit, err := intParam(r, "limit", s.opts.Limit)
	if err == nil && (limit < 1 || limit > s.opts.MaxLimit) {
		err = fmt.Errorf("limit must be between 1 and %d", s.opts.MaxLimit)
	}
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	names, err := boolParam(r, "names")
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.opts.QueryTimeout)
	defer cancel()
	ans, err := s.snapFor(r).query(ctx, q, pipeline.QueryOptions{Limit: limit, Names: names})
	if err != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			writeError(w, http.StatusBadRequest, fmt.Sprintf("query stopped after %s, the server's time limit", s.opts.QueryTimeout))
			return
		}
		writeError(w, http.StatusBadRequest, strings.TrimPrefix(err.Error(), "query failed: "))
		return
	}
	writeJSON(w, http.StatusOK, QueryResult{Result: ans.Result, Limit: limit, Truncated: ans.Truncated, Names: ans.Names, Warnings: ans.Warnings})
}

func intParam(r *http.Request, name string, def int) (int, error) {
	s := r.URL.Query().Get(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, fmt.Errorf("%s=%q is not a whole number", name, s)
	}
	return n, nil
}

func boolParam(r *http.Request, name string) (bool, error) {
	s := r.URL.Query().Get(name)
	if s == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		return false, fmt.Errorf("%s=%q is neither true nor false", name, s)
	}
	return b, nil
}

// Sources is the answer of /api/sources.
type Sources struct {
	Sources []pipeline.SourceInfo `json:"sources"`
}

func (s *Server) handleSources(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, Sources{Sources: s.snapFor(r).reader.Sources()})
}

// Node is the answer of /api/node: what graph show --json prints, with an
// entity's names, and a claim's or support's grounded status.
type Node struct {
	*pipeline.Shown
	Names []string `json:"names"`
	// Status is the grounded label graph evaluate stored (in, out or undecided),
	// "" when the store holds none; DefeatedBy what defeats a node out.
	Status     string         `json:"status"`
	DefeatedBy []pipeline.Ref `json:"defeated_by"`
}

func (s *Server) handleNode(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("id")
	if strings.TrimSpace(id) == "" {
		writeError(w, http.StatusBadRequest, "give id=: a claim (SOURCE/CLAIM), a relation or an entity")
		return
	}
	rd := s.snapFor(r).reader
	shown, err := rd.Show(id)
	switch {
	case errors.Is(err, pipeline.ErrNotFound):
		writeError(w, http.StatusNotFound, strings.TrimPrefix(err.Error(), pipeline.ErrNotFound.Error()+": "))
		return
	case err != nil:
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	names := rd.Names(shown.IRI)
	if names == nil {
		names = []string{}
	}
	status, by := rd.Status(shown.IRI)
	writeJSON(w, http.StatusOK, Node{Shown: shown, Names: names, Status: status, DefeatedBy: by})
}

// Search is the answer of /api/search.
type Search struct {
	Query     string         `json:"query"`
	Hits      []pipeline.Hit `json:"hits"`
	Truncated bool           `json:"truncated"`
}

func (s *Server) handleSearch(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query().Get("q")
	limit, err := intParam(r, "limit", 50)
	if err == nil && (limit < 1 || limit > s.opts.MaxLimit) {
		err = fmt.Errorf("limit must be between 1 and %d", s.opts.MaxLimit)
	}
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	hits, more := s.snapFor(r).reader.Search(q, limit)
	writeJSON(w, http.StatusOK, Search{Query: q, Hits: hits, Truncated: more})
}

// Map is the answer of /api/map: nodes and edges ready for a graph view.
type Map struct {
	Sources []string  `json:"sources"`
	Focus   string    `json:"focus"`
	Nodes   []MapNode `json:"nodes"`
	Edges   []MapEdge `json:"edges"`
}

// MapNode is an entity or a claim of a [Map].
type MapNode struct {
	ID    string `json:"id"`
	Kind  string `json:"kind"`
	Label string `json:"label"`
	// Source and Speaker are set for claims; SpeakerName is what the speaker is
	// called.
	Source      string `json:"source"`
	Speaker     string `json:"speaker"`
	SpeakerName string `json:"speaker_name"`
	// Status is a claim's stored grounded label, "" without evaluation results.
	Status string `json:"status"`
}

// MapEdge is an edge of a [Map]. An undercut attacks another edge: its To is
// that edge's target and TargetEdge that edge's ID.
type MapEdge struct {
	ID         string `json:"id"`
	From       string `json:"from"`
	To         string `json:"to"`
	Kind       string `json:"kind"`
	Category   string `json:"category"`
	Source     string `json:"source"`
	Quote      string `json:"quote"`
	TargetEdge string `json:"target_edge"`
}

func (s *Server) handleMap(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	sel := export.Selection{Sources: q["source"], Kinds: q["kind"], Focus: q.Get("focus")}
	var err error
	if sel.Depth, err = intParam(r, "depth", 1); err == nil && sel.Depth < 0 {
		err = errors.New("depth must not be negative")
	}
	if err == nil {
		sel.About, err = boolParam(r, "about")
	}
	if err == nil {
		sel.KeepIsolated, err = boolParam(r, "isolated")
	}
	if err == nil {
		sel.MaxNodes, err = intParam(r, "max_nodes", s.opts.MaxNodes)
	}
	if err == nil && (sel.MaxNodes < 1 || sel.MaxNodes > s.opts.MaxLimit) {
		err = fmt.Errorf("max_nodes must be between 1 and %d", s.opts.MaxLimit)
	}
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	rd := s.snapFor(r).reader
	m, err := rd.Map(sel)
	var tooLarge *export.TooLargeError
	switch {
	case errors.As(err, &tooLarge):
		writeError(w, http.StatusBadRequest, fmt.Sprintf("the map has %d nodes, more than max_nodes=%d: narrow it with focus= and depth=, source= or kind=, or raise max_nodes", tooLarge.Nodes, tooLarge.Max))
		return
	case errors.Is(err, export.ErrUnknownSource), errors.Is(err, export.ErrUnknownKind), errors.Is(err, export.ErrUnknownFocus):
		writeError(w, http.StatusNotFound, err.Error())
		return
	case err != nil:
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	writeJSON(w, http.StatusOK, mapOf(m, sel, rd))
}

// mapOf turns an argument map into the shape a graph view draws.
func mapOf(m *export.Map, sel export.Selection, rd *pipeline.Reader) Map {
	out := Map{Sources: []string{}, Focus: strings.TrimSuffix(strings.TrimPrefix(sel.Focus, "<"), ">"), Nodes: []MapNode{}, Edges: []MapEdge{}}
	for _, src := range m.Sources {
		out.Sources = append(out.Sources, src.ID)
	}
	for _, n := range m.Nodes {
		mn := MapNode{ID: n.ID, Kind: n.Kind, Label: n.Title(), Source: n.Source, Speaker: n.Speaker}
		if n.Kind == export.KindUnknown {
			mn.Kind = "unknown"
		}
		if n.Speaker != "" {
			mn.SpeakerName = rd.Ref(n.Speaker).Title
		}
		if n.Kind == export.KindClaim {
			mn.Status, _ = rd.Status(n.ID)
		}
		out.Nodes = append(out.Nodes, mn)
	}
	ids := map[*export.Edge]string{}
	idOf := func(e *export.Edge) string {
		if id, ok := ids[e]; ok {
			return id
		}
		id := e.ID
		if id == "" {
			id = fmt.Sprintf("%s %s %s %s", e.From, e.Kind, e.To, e.Label)
		}
		ids[e] = id
		return id
	}
	for _, e := range m.Edges {
		if e.Kind == string(vocab.DefeatedBy) {
			continue // graph evaluate's results: the claims' status says it
		}
		me := MapEdge{ID: idOf(e), From: e.From, To: e.To, Kind: e.Kind, Category: e.Category.String(),
			Source: e.SourceID(), Quote: e.Quote}
		if e.Target != nil {
			me.To, me.TargetEdge = e.Target.To, idOf(e.Target)
		}
		out.Edges = append(out.Edges, me)
	}
	return out
}

func (s *Server) handleTranscript(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("source")
	if strings.TrimSpace(id) == "" {
		writeError(w, http.StatusBadRequest, "give source=: a source id")
		return
	}
	t, err := s.snapFor(r).reader.Transcript(id)
	if errors.Is(err, pipeline.ErrNotFound) {
		writeError(w, http.StatusNotFound, strings.TrimPrefix(err.Error(), pipeline.ErrNotFound.Error()+": "))
		return
	}
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	writeJSON(w, http.StatusOK, t)
}

// Status is the answer of /api/status: the snapshot being served.
type Status struct {
	Backend string `json:"backend"`
	Where   string `json:"where"`
	Quads   int    `json:"quads"`
	Sources int    `json:"sources"`
	// Evaluated is set when the store holds graph evaluate's results.
	Evaluated bool `json:"evaluated"`
	// ReadAt is when the snapshot was read, in RFC 3339.
	ReadAt string `json:"read_at"`
}

func (s *Server) handleStatus(w http.ResponseWriter, r *http.Request) {
	snap := s.snapFor(r)
	backend, where := s.opts.Store.Backend, s.opts.Store.Path
	if s.static {
		backend, where = "memory", "memory"
	} else if backend == "" {
		backend = "bolt"
	}
	if backend == "postgres" {
		where = "postgres" // a connection string may hold a password
	}
	writeJSON(w, http.StatusOK, Status{Backend: backend, Where: where, Quads: snap.quads,
		Sources: len(snap.reader.Sources()), Evaluated: snap.reader.Evaluated(), ReadAt: snap.read.UTC().Format("2006-01-02T15:04:05Z07:00")})
}
