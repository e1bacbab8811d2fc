package pipeline

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/graphbuilder/graph/internal/argument"
	"github.com/graphbuilder/graph/internal/diag"
	"github.com/graphbuilder/graph/internal/entities"
	"github.com/graphbuilder/graph/internal/extract"
	"github.com/graphbuilder/graph/internal/extract/finding"
	"github.com/graphbuilder/graph/internal/extract/rules"
	"github.com/graphbuilder/graph/internal/interview"
	"github.com/graphbuilder/graph/schema"
)

// RuleOptions choose the rule packs of an extraction and what it keeps.
type RuleOptions struct {
	// Lang, when set, uses the builtin pack of this language instead of the graph's
	// own packs.
	Lang string
	// Extra are rule pack files used besides.
	Extra []string
	// MinConfidence drops findings of rules less confident than this.
	MinConfidence float64
}

// Packs loads the rule packs of an extraction: the graph's own list (or the builtin
// pack of its language, or of opts.Lang), then opts.Extra. g may be nil for a text
// that belongs to no graph; then opts.Lang or opts.Extra must name a pack.
func Packs(g *interview.Graph, opts RuleOptions) ([]*rules.Pack, diag.Diagnostics, error) {
	var refs []string
	var packs []*rules.Pack
	switch {
	case g != nil && len(g.Packs) > 0 && opts.Lang == "":
		packs = append(packs, g.Packs...) // loaded and checked with the graph
	case opts.Lang != "":
		refs = append(refs, rules.BuiltinPrefix+opts.Lang)
	case g != nil && g.Source.Language != "":
		refs = append(refs, rules.BuiltinPrefix+strings.SplitN(g.Source.Language, "-", 2)[0])
	case len(opts.Extra) == 0:
		return nil, nil, Inputf("no rule pack: give --lang zh or --lang en, or --rules FILE")
	}
	refs = append(refs, opts.Extra...)
	sch := schema.Core()
	if g != nil && g.Schema != nil {
		sch = g.Schema
	}
	var ds diag.Diagnostics
	for _, ref := range refs {
		p, more := rules.Load(ref, sch)
		ds = append(ds, more...)
		if p != nil {
			packs = append(packs, p)
		}
	}
	ds = ds.Sort()
	if err := ds.Err(); err != nil {
		return nil, ds, err
	}
	return packs, ds, nil
}

// Extract runs the rules over text with the entities and speakers of g (which may
// be nil: then only new names and cue phrases can be found). It is the one way
// every command runs extraction.
func Extract(g *interview.Graph, text string, opts RuleOptions) (*finding.Result, diag.Diagnostics, error) {
	x, xopts, ds, err := extractor(g, opts)
	if err != nil {
		return nil, ds, err
	}
	xopts.Turns = Turns(g, text)
	return x.Run(text, xopts).Normalize(), ds, nil
}

// ExtractFile is [Extract] over the text of the file at path, read a piece at a
// time rather than whole: the mentions and new names go to found as they are
// found, and the result holds the claims and relations (see
// [extract.Extractor.Stream]). The file must be valid UTF-8. A file that is g's
// own transcript is read whole, for its turns.
func ExtractFile(g *interview.Graph, path string, opts RuleOptions, found func(*finding.Result)) (*finding.Result, diag.Diagnostics, error) {
	x, xopts, ds, err := extractor(g, opts)
	if err != nil {
		return nil, ds, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, ds, Inputf("%v", err)
	}
	defer f.Close()
	if g != nil && g.Utterances != nil {
		info, err := f.Stat()
		if err != nil {
			return nil, ds, err
		}
		if info.Size() == int64(len(g.Utterances.Text)) {
			data, err := io.ReadAll(f)
			if err != nil {
				return nil, ds, err
			}
			if text := string(data); text == g.Utterances.Text {
				xopts.Turns = Turns(g, text)
				res := x.Run(text, xopts)
				found(&finding.Result{Mentions: res.Mentions, Names: res.Names})
				res.Mentions, res.Names = nil, nil
				return res.Normalize(), ds, nil
			}
			if _, err := f.Seek(0, io.SeekStart); err != nil {
				return nil, ds, err
			}
		}
	}
	res, err := x.Stream(f, xopts, found)
	if err != nil {
		return nil, ds, fmt.Errorf("reading %s: %w", path, err)
	}
	return res.Normalize(), ds, nil
}

// extractor builds the extractor of an extraction over a text of g (see
// [Extract]) and the options of its run, but for the turns.
func extractor(g *interview.Graph, opts RuleOptions) (*extract.Extractor, extract.Options, diag.Diagnostics, error) {
	packs, ds, err := Packs(g, opts)
	if err != nil {
		return nil, extract.Options{}, ds, err
	}
	var ents []entities.Entity
	var speakers []string
	sch := schema.Core()
	if g != nil {
		ents, speakers = g.AllEntities(), g.Source.Speakers
		if g.Schema != nil {
			sch = g.Schema
		}
	}
	x, err := extract.New(ents, packs, sch)
	if err != nil {
		return nil, extract.Options{}, ds, err
	}
	return x, extract.Options{Speakers: speakers, MinConfidence: opts.MinConfidence}, ds, nil
}

// Turns are the speaker turns of g's transcript, each with the entity its label
// names, when text is that transcript's text (offsets of another text would not
// fit them); nil otherwise, or for prose.
func Turns(g *interview.Graph, text string) []extract.Turn {
	if g == nil || g.Utterances == nil || g.Utterances.Text != text {
		return nil
	}
	turns := make([]extract.Turn, 0, len(g.Utterances.Utterances))
	for _, u := range g.Utterances.Utterances {
		turns = append(turns, extract.Turn{
			Span:    argument.Span{Start: u.Span.Start, End: u.Span.End},
			Speaker: g.SpeakerOf(u.Label),
			Label:   u.Label,
		})
	}
	return turns
}
