package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/graphbuilder/graph/internal/diag"
	"github.com/graphbuilder/graph/internal/pipeline"
)

// ReviewView is the answer of /api/review/{source}: the rules' findings on the
// source's graph as it is on disk, each with its status (proposed, accepted,
// rejected, matched: the same as a curated one, dropped: cannot be written) and
// its place in the transcript, as graph extract --format yaml lists them.
type ReviewView struct {
	Source string `json:"source"`
	// Graph is the graph file; Decisions the decisions file beside it.
	Graph     string `json:"graph"`
	Decisions string `json:"decisions"`
	// InStore says whether the store being served holds the source, and so its
	// transcript to read the findings in (graph build writes it).
	InStore   bool             `json:"in_store"`
	Claims    []ReviewClaim    `json:"claims"`
	Relations []ReviewRelation `json:"relations"`
	// Decided is the decision the request recorded, if any, and Changed whether
	// it was new.
	Decided *pipeline.FindingDecision `json:"decided"`
	Changed bool                      `json:"changed"`
}

// ReviewClaim is a claim finding; Start and End are its place in the transcript.
type ReviewClaim struct {
	ID         string   `json:"id"`
	Status     string   `json:"status"`
	Speaker    string   `json:"speaker"`
	Text       string   `json:"text"`
	About      []string `json:"about"`
	Start      int      `json:"start"`
	End        int      `json:"end"`
	Rule       string   `json:"rule"`
	Confidence float64  `json:"confidence"`
	Curated    string   `json:"curated"`
	Reason     string   `json:"reason"`
}

// ReviewRelation is a relation finding; Start and End are the place of its
// evidence, FromText and ToText what its claim ends say.
type ReviewRelation struct {
	ID         string  `json:"id"`
	Status     string  `json:"status"`
	Kind       string  `json:"kind"`
	From       string  `json:"from"`
	To         string  `json:"to"`
	FromText   string  `json:"from_text"`
	ToText     string  `json:"to_text"`
	Quote      string  `json:"quote"`
	Start      int     `json:"start"`
	End        int     `json:"end"`
	Rule       string  `json:"rule"`
	Confidence float64 `json:"confidence"`
	Reason     string  `json:"reason"`
}

// decisionShape says what the body of a decision is.
const decisionShape = `a decision is {"id": "...", "accept": true or false}`

// reviewDecision is the body of POST /api/review/{source}: accept or reject a
// finding by its id.
type reviewDecision struct {
	ID     string `json:"id"`
	Accept *bool  `json:"accept"`
}

func (s *Server) handleReviewSources(w http.ResponseWriter, r *http.Request) {
	sources := []string{}
	if s.opts.Review != nil {
		sources = s.opts.Review.Sources()
	}
	writeJSON(w, http.StatusOK, map[string]any{"sources": sources})
}

func (s *Server) handleReview(w http.ResponseWriter, r *http.Request) {
	if s.opts.Review == nil {
		writeError(w, http.StatusNotFound, "reviewing findings is off: start graph serve with --review PATH (the graph folders to review)")
		return
	}
	source := r.PathValue("source")
	var decide *pipeline.FindingDecision
	if r.Method == http.MethodPost {
		var d reviewDecision
		dec := json.NewDecoder(r.Body)
		dec.DisallowUnknownFields()
		if err := dec.Decode(&d); err != nil {
			writeError(w, http.StatusBadRequest, fmt.Sprintf("%s: %v", decisionShape, err))
			return
		}
		if d.ID == "" || d.Accept == nil {
			writeError(w, http.StatusBadRequest, decisionShape)
			return
		}
		decide = &pipeline.FindingDecision{ID: d.ID, Accept: *d.Accept}
	}
	out, err := s.opts.Review.Review(source, decide)
	var ds diag.Diagnostics
	switch {
	case errors.Is(err, pipeline.ErrNoSource):
		writeError(w, http.StatusNotFound, err.Error())
		return
	case errors.As(err, &ds), errors.Is(err, pipeline.ErrInput):
		writeError(w, http.StatusBadRequest, err.Error())
		return
	case err != nil:
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	v := reviewView(source, out)
	for _, si := range s.snapFor(r).reader.Sources() {
		v.InStore = v.InStore || si.ID == source
	}
	writeJSON(w, http.StatusOK, v)
}

func reviewView(source string, r *pipeline.Reviewed) ReviewView {
	v := ReviewView{Source: source, Graph: r.Review.Graph, Decisions: r.Decisions, Claims: []ReviewClaim{}, Relations: []ReviewRelation{},
		Decided: r.Decided, Changed: r.Changed}
	for _, c := range r.Review.Claims {
		about := c.About
		if about == nil {
			about = []string{}
		}
		v.Claims = append(v.Claims, ReviewClaim{ID: c.ID, Status: string(c.Status), Speaker: c.Speaker, Text: c.Text, About: about,
			Start: c.Span.Start, End: c.Span.End, Rule: c.Rule, Confidence: c.Confidence, Curated: c.Curated, Reason: c.Reason})
	}
	for _, rel := range r.Review.Relations {
		v.Relations = append(v.Relations, ReviewRelation{ID: rel.ID, Status: string(rel.Status), Kind: rel.Kind, From: rel.From, To: rel.To,
			FromText: rel.FromText, ToText: rel.ToText, Quote: rel.Quote, Start: rel.Evidence.Start, End: rel.Evidence.End,
			Rule: rel.Rule, Confidence: rel.Confidence, Reason: rel.Reason})
	}
	return v
}
