package pipeline

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/graphbuilder/graph/internal/export"
	"github.com/graphbuilder/graph/internal/store"
	"github.com/graphbuilder/graph/internal/vocab"
)

// Quads reads the quads of the given sources with those of every catalog (a
// source's map needs the kinds, names and facts of the catalog entities it
// names), or the whole store when sources is empty.
func Quads(ctx context.Context, st *store.Store, sources []string) ([]quad.Quad, error) {
	if len(sources) == 0 {
		return st.AllQuads(ctx)
	}
	var qs []quad.Quad
	for _, id := range sources {
		part, err := st.Quads(ctx, vocab.SourceIRI(id))
		if err != nil {
			return nil, err
		}
		if len(part) == 0 {
			return nil, Inputf("no source %q in the store", id)
		}
		qs = append(qs, part...)
	}
	catalogs := fmt.Sprintf("g.V(%q).In(%q).All()", "<"+string(vocab.CatalogType)+">", "<"+string(vocab.Type)+">")
	cats, err := st.Query(ctx, catalogs, 0)
	if err != nil {
		return nil, err
	}
	for _, c := range cats {
		id, _ := c.(map[string]any)["id"].(string)
		part, err := st.Quads(ctx, quad.IRI(strings.TrimSuffix(strings.TrimPrefix(id, "<"), ">")))
		if err != nil {
			return nil, err
		}
		qs = append(qs, part...)
	}
	return qs, nil
}

// Quad formats [WriteQuads] writes.
const (
	FormatNQuads = "nquads"
	FormatJSONLD = "jsonld"
)

// WriteQuads writes, as N-Quads or JSON-LD, the quads [Quads] reads. The whole
// store is streamed in sorted order from its indexes, one subject (N-Quads) or
// one label (JSON-LD) at a time, rather than read into memory; the bytes are
// those of [export.WriteNQuads] and [export.WriteJSONLD] of all its quads.
func WriteQuads(ctx context.Context, st *store.Store, sources []string, format string, w io.Writer) error {
	if len(sources) > 0 {
		qs, err := Quads(ctx, st, sources)
		if err != nil {
			return err
		}
		if format == FormatJSONLD {
			return export.WriteJSONLD(w, qs)
		}
		return export.WriteNQuads(w, qs)
	}
	switch format {
	case FormatNQuads:
		return export.StreamNQuads(w, func(key func(quad.Value) string, fn func([]quad.Quad) error) error {
			return st.SubjectGroups(ctx, key, fn)
		})
	case FormatJSONLD:
		return export.StreamJSONLD(w, func(key func(quad.Value) string, fn func([]quad.Quad) error) error {
			return st.LabelGroups(ctx, key, fn)
		})
	}
	return fmt.Errorf("format %q writes no quads", format)
}
