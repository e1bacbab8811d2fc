package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/graphbuilder/graph/internal/diag"
	"github.com/graphbuilder/graph/internal/extract/finding"
	"github.com/graphbuilder/graph/internal/interview"
	"github.com/graphbuilder/graph/internal/pipeline"
	"github.com/graphbuilder/graph/internal/yamlpos"
)

type extractOptions struct {
	Path          string
	Graph         string
	Rules         []string
	Lang          string
	Format        string
	JSON          bool
	MinConfidence float64
	// Accept and Reject name a finding (its id in --format yaml) to record a
	// decision on in the decisions file beside the graph.
	Accept, Reject string
	// Write appends the accepted findings to the graph file.
	Write bool
}

func (a *app) newExtractCmd() *cobra.Command {
	opts := &extractOptions{}
	cmd := &cobra.Command{
		Use:   "extract PATH",
		Short: "Dry run of the extraction rules: mentions, claims and relations with their spans",
		Long: `extract runs the extraction rules over a transcript and shows what they find,
without writing anything. PATH is an interview graph (a graph.yaml or its folder: its
transcript, entities, speakers and rule packs are used) or a plain text file (then
--graph names the graph whose entities and speakers to use, and --lang picks the
builtin pack when the graph does not say).

--format yaml writes the findings as claims: and relations: lists to append to the
graph's own, with readable ids; findings the graph has already are left out.
--accept ID and --reject ID record a decision in findings.yaml beside the graph: a
rejected finding is never proposed again, an accepted one is marked accepted, and
--write appends the accepted findings to graph.yaml (see docs/review.md):

    graph extract examples/amodei-2025 --format yaml
    graph extract examples/amodei-2025 --reject critics-claim
    graph extract examples/amodei-2025 --accept critics-on-ai-safety --write`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Path = args[0]
			return a.runExtract(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Graph, "graph", "", "interview graph whose entities and speakers to use for a plain text file")
	f.StringArrayVar(&opts.Rules, "rules", nil, "extra rule pack file (repeatable)")
	f.StringVar(&opts.Lang, "lang", "", "language of the builtin pack to use (zh, en); default: the graph's language")
	f.StringVar(&opts.Format, "format", "table", "output: table, json (--format json is --json) or yaml (findings in the graph format)")
	jsonFlag(cmd, &opts.JSON)
	f.Float64Var(&opts.MinConfidence, "min-confidence", 0, "drop findings whose rule confidence is below this")
	f.StringVar(&opts.Accept, "accept", "", "record that the finding ID (as --format yaml prints it) is kept")
	f.StringVar(&opts.Reject, "reject", "", "record that the finding ID (as --format yaml prints it) is never proposed again")
	f.BoolVar(&opts.Write, "write", false, "append the accepted findings to the graph's graph.yaml")
	return cmd
}

// extractInput is the text a run reads and the graph it belongs to.
type extractInput struct {
	file string
	// text is the graph's transcript; a plain text file is read as it is
	// extracted from.
	text  string
	plain bool
	graph *interview.Graph
}

// extractInputOf reads the text of opts.Path: a graph's transcript, or a plain text
// file with the graph of opts.Graph, if any.
func (a *app) extractInputOf(opts *extractOptions) (*extractInput, error) {
	in := &extractInput{}
	graphPath := opts.Graph
	info, err := os.Stat(opts.Path)
	if err != nil {
		return nil, inputError("%v", err)
	}
	if info.IsDir() || strings.HasSuffix(opts.Path, ".yaml") || strings.HasSuffix(opts.Path, ".yml") {
		if graphPath != "" {
			return nil, inputError("--graph is for plain text files; %s is a graph already", opts.Path)
		}
		graphPath = opts.Path
	} else {
		// The file is read twice, a piece at a time, rather than held: here to
		// refuse it before anything is printed, and again to extract from it.
		off, err := invalidUTF8(opts.Path)
		if err != nil {
			return nil, inputError("%v", err)
		}
		if off >= 0 {
			return nil, inputError("%s is not valid UTF-8: bad byte at offset %d", opts.Path, off)
		}
		in.file, in.plain = opts.Path, true
	}
	if graphPath != "" {
		cfg, err := a.cfg.Load()
		if err != nil {
			return nil, err
		}
		loaded, err := pipeline.Load([]string{graphPath}, cfg.AllowPaths...)
		a.report(loaded.Diagnostics, "nothing was written")
		if err != nil {
			return nil, err
		}
		if len(loaded.Graphs) != 1 {
			return nil, inputError("%s holds %d graphs; name one", graphPath, len(loaded.Graphs))
		}
		in.graph = loaded.Graphs[0]
		if !in.plain {
			in.file = filepath.Join(filepath.Dir(in.graph.File), in.graph.Source.Transcript)
			in.text = in.graph.Transcript
		}
	}
	return in, nil
}

func (a *app) runExtract(_ context.Context, opts *extractOptions) error {
	if err := opts.check(); err != nil {
		return err
	}
	review := opts.review()
	in, err := a.extractInputOf(opts)
	if err != nil {
		return err
	}
	if review && in.graph == nil {
		return inputError("--format yaml, --accept, --reject and --write need an interview graph")
	}
	ropts := pipeline.RuleOptions{Lang: opts.Lang, Extra: opts.Rules, MinConfidence: opts.MinConfidence}
	if review {
		res, ds, err := pipeline.Extract(in.graph, in.text, ropts)
		a.report(ds, "")
		if err != nil {
			return err
		}
		return a.runReview(in.graph, res, opts)
	}
	// The mentions and new names, most of what is found, are written or counted
	// as they are found rather than held.
	var out *resultJSON
	var tally extractTally
	found := tally.add
	if opts.JSON {
		out = newResultJSON(a.stdout)
		defer out.close()
		found = out.found
	}
	var res *finding.Result
	var ds diag.Diagnostics
	if in.plain {
		res, ds, err = pipeline.ExtractFile(in.graph, in.file, ropts, found)
	} else {
		res, ds, err = pipeline.Extract(in.graph, in.text, ropts)
		if err == nil {
			found(res)
		}
	}
	a.report(ds, "")
	if err != nil {
		return err
	}
	if opts.JSON {
		return out.finish(res)
	}
	printExtraction(a.stdout, in.file, &tally, res)
	return nil
}

// extractTally counts mentions by entity, and the pronouns apart, and new names.
type extractTally struct {
	byEntity map[string]int
	total    int
	pronouns int
	names    finding.Tally
}

func (t *extractTally) add(res *finding.Result) {
	if t.byEntity == nil {
		t.byEntity = map[string]int{}
	}
	for _, m := range res.Mentions {
		if m.Pronoun {
			t.pronouns++
			continue
		}
		t.byEntity[m.Entity]++
		t.total++
	}
	t.names.Add(res.Names)
}

// resultJSON writes a [finding.Result] as writeJSON does, without holding it: the
// mentions as they are found, the new names into a temporary file until the
// claims and relations are written, and each on its own.
type resultJSON struct {
	w   *bufio.Writer
	buf bytes.Buffer
	enc *json.Encoder
	// flat encodes strings as enc does, on one line without indenting them
	// again.
	flat *json.Encoder
	// mentions counts the mentions written; started is set once the output
	// begins.
	mentions int
	started  bool
	// names are the new names written to spill.
	names int
	spill *os.File
	sw    *bufio.Writer
	err   error
	// quoted are entity ids, kinds and rule ids as JSON strings, and
	// confidences as JSON numbers: mentions and names repeat a few.
	quoted map[string][]byte
	number map[float64][]byte
	line   []byte
}

func newResultJSON(w io.Writer) *resultJSON {
	o := &resultJSON{w: bufio.NewWriterSize(w, 64<<10), quoted: map[string][]byte{}, number: map[float64][]byte{}}
	o.enc = json.NewEncoder(&o.buf)
	o.enc.SetEscapeHTML(false)
	// Items of the result's lists are two levels in.
	o.enc.SetIndent("    ", "  ")
	o.flat = json.NewEncoder(&o.buf)
	o.flat.SetEscapeHTML(false)
	return o
}

// str appends s to b as a JSON string, as enc writes it.
func (o *resultJSON) str(b []byte, s string) []byte {
	if o.err != nil {
		return b
	}
	o.buf.Reset()
	if o.err = o.flat.Encode(s); o.err != nil {
		return b
	}
	return append(b, bytes.TrimSuffix(o.buf.Bytes(), []byte("\n"))...)
}

// span appends sp at the depth of an item's fields (a claim's, a mention's, a
// name's), as item would write it.
func span(b []byte, sp finding.Span) []byte {
	b = append(b, "{\n        \"start\": "...)
	b = strconv.AppendInt(b, int64(sp.Start), 10)
	b = append(b, ",\n        \"end\": "...)
	b = strconv.AppendInt(b, int64(sp.End), 10)
	return append(b, "\n      }"...)
}

// claim writes c as the next item of the claims, after n items, as item would,
// without reflection and without reading what it wrote again to indent it:
// there are many, with long texts.
func (o *resultJSON) claim(c *finding.Claim, n int) {
	b := o.line[:0]
	if n > 0 {
		b = append(b, ',')
	}
	b = append(b, "\n    {\n      \"id\": "...)
	b = o.str(b, c.ID)
	b = append(b, ",\n      \"speaker\": "...)
	b = o.str(b, c.Speaker)
	b = append(b, ",\n      \"text\": "...)
	b = o.str(b, c.Text)
	b = append(b, ",\n      \"span\": "...)
	b = span(b, c.Span)
	b = append(b, ",\n      \"evidence\": "...)
	b = span(b, c.Evidence)
	b = append(b, ",\n      \"about\": "...)
	switch {
	case c.About == nil:
		b = append(b, "null"...)
	case len(c.About) == 0:
		b = append(b, "[]"...)
	default:
		b = append(b, '[')
		for i, a := range c.About {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, "\n        "...)
			b = o.str(b, a)
		}
		b = append(b, "\n      ]"...)
	}
	b = append(b, ",\n      \"topic\": "...)
	b = o.str(b, c.Topic)
	b = append(b, ",\n      \"rule\": "...)
	b = append(b, o.quote(c.Rule)...)
	b = append(b, ",\n      \"confidence\": "...)
	b = append(b, o.decimal(c.Confidence)...)
	b = append(b, "\n    }"...)
	if o.err == nil {
		o.w.Write(b)
	}
	o.line = b
}

// item writes v to w as the next item of a list, after n items.
func (o *resultJSON) item(w *bufio.Writer, v any, n int) {
	if o.err != nil {
		return
	}
	o.buf.Reset()
	if o.err = o.enc.Encode(v); o.err != nil {
		return
	}
	if n > 0 {
		w.WriteByte(',')
	}
	w.WriteString("\n    ")
	w.Write(bytes.TrimSuffix(o.buf.Bytes(), []byte("\n")))
}

// endList closes a list of n items.
func endList(w *bufio.Writer, n int) {
	if n > 0 {
		w.WriteString("\n  ")
	}
	w.WriteByte(']')
}

func (o *resultJSON) start() {
	if !o.started {
		o.started = true
		o.w.WriteString("{\n  \"mentions\": [")
	}
}

// quote is s as a JSON string, kept for the next time.
func (o *resultJSON) quote(s string) []byte { return keptJSON(o, o.quoted, s) }

// decimal is f as a JSON number, kept for the next time.
func (o *resultJSON) decimal(f float64) []byte { return keptJSON(o, o.number, f) }

// keptJSON is v encoded once and kept in kept.
func keptJSON[K comparable](o *resultJSON, kept map[K][]byte, v K) []byte {
	q, ok := kept[v]
	if !ok {
		q = o.encode(v)
		kept[v] = q
	}
	return q
}

// encode is v as JSON on one line (a string or a number).
func (o *resultJSON) encode(v any) []byte {
	if o.err != nil {
		return nil
	}
	o.buf.Reset()
	if o.err = o.enc.Encode(v); o.err != nil {
		return nil
	}
	return bytes.Clone(bytes.TrimSuffix(o.buf.Bytes(), []byte("\n")))
}

// mention writes m as the next item of the mentions, as item would, without
// reflection: there are many.
func (o *resultJSON) mention(m *finding.Mention) {
	b := o.line[:0]
	if o.mentions > 0 {
		b = append(b, ',')
	}
	b = append(b, "\n    {\n      \"entity\": "...)
	b = append(b, o.quote(m.Entity)...)
	b = append(b, ",\n      \"kind\": "...)
	b = append(b, o.quote(m.Kind)...)
	b = append(b, ",\n      \"span\": "...)
	b = span(b, m.Span)
	b = append(b, ",\n      \"pronoun\": "...)
	b = strconv.AppendBool(b, m.Pronoun)
	b = append(b, "\n    }"...)
	o.w.Write(b)
	o.line = b
}

// name writes n as the next item of the new names to w, after n items, as item
// would, without reflection: there are many.
func (o *resultJSON) name(w *bufio.Writer, nm *finding.Name, n int) {
	b := o.line[:0]
	if n > 0 {
		b = append(b, ',')
	}
	b = append(b, "\n    {\n      \"name\": "...)
	b = o.str(b, nm.Name)
	b = append(b, ",\n      \"kind\": "...)
	b = append(b, o.quote(nm.Kind)...)
	b = append(b, ",\n      \"span\": "...)
	b = span(b, nm.Span)
	b = append(b, ",\n      \"rule\": "...)
	b = append(b, o.quote(nm.Rule)...)
	b = append(b, ",\n      \"confidence\": "...)
	b = append(b, o.decimal(nm.Confidence)...)
	b = append(b, "\n    }"...)
	w.Write(b)
	o.line = b
}

// found writes the mentions of res and keeps its new names for the end.
func (o *resultJSON) found(res *finding.Result) {
	o.start()
	for i := range res.Mentions {
		o.mention(&res.Mentions[i])
		o.mentions++
	}
	if len(res.Names) > 0 && o.spill == nil && o.err == nil {
		if o.spill, o.err = os.CreateTemp("", "graph-extract-names-*.json"); o.err != nil {
			return
		}
		o.sw = bufio.NewWriterSize(o.spill, 64<<10)
	}
	for i := range res.Names {
		o.name(o.sw, &res.Names[i], o.names)
		o.names++
	}
}

// finish writes the claims and relations of res after the mentions, and then
// the new names.
func (o *resultJSON) finish(res *finding.Result) error {
	o.start()
	endList(o.w, o.mentions)
	list := func(name string, n int, at func(int) any) {
		fmt.Fprintf(o.w, ",\n  %q: [", name)
		for i := range n {
			o.item(o.w, at(i), i)
		}
		endList(o.w, n)
	}
	o.w.WriteString(",\n  \"claims\": [")
	for i := range res.Claims {
		o.claim(&res.Claims[i], i)
	}
	endList(o.w, len(res.Claims))
	list("relations", len(res.Relations), func(i int) any { return &res.Relations[i] })
	o.w.WriteString(",\n  \"names\": [")
	if o.spill != nil && o.err == nil {
		if o.err = o.sw.Flush(); o.err == nil {
			_, o.err = o.spill.Seek(0, io.SeekStart)
		}
		if o.err == nil {
			_, o.err = o.w.ReadFrom(o.spill)
		}
	}
	endList(o.w, o.names)
	o.w.WriteString("\n}\n")
	if o.err != nil {
		return o.err
	}
	return o.w.Flush()
}

// close removes the temporary file of the new names.
func (o *resultJSON) close() {
	if o.spill != nil {
		o.spill.Close()
		os.Remove(o.spill.Name())
	}
}

// invalidUTF8 is the byte offset of the first byte of the file at path that is
// not UTF-8 (as [yamlpos.InvalidUTF8] finds it in the whole file), or -1.
func invalidUTF8(path string) (int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	buf := make([]byte, 1<<20)
	var off int64
	carry := 0
	for {
		n, err := io.ReadFull(f, buf[carry:])
		data := buf[:carry+n]
		more := err == nil
		if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
			return 0, err
		}
		end := len(data)
		if more {
			// A rune cut at the end of the buffer is read with the next one.
			i := end - 1
			for i > 0 && i > end-utf8.UTFMax && !utf8.RuneStart(data[i]) {
				i--
			}
			if !utf8.FullRune(data[i:end]) {
				end = i
			}
		}
		if bad := yamlpos.InvalidUTF8(data[:end]); bad >= 0 {
			return off + int64(bad), nil
		}
		if !more {
			return -1, nil
		}
		off += int64(end)
		carry = copy(buf, data[end:])
	}
}

func printExtraction(w io.Writer, file string, tally *extractTally, res *finding.Result) {
	counts, pronouns := tally.byEntity, tally.pronouns
	ids := make([]string, 0, len(counts))
	for id := range counts {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool {
		if counts[ids[i]] != counts[ids[j]] {
			return counts[ids[i]] > counts[ids[j]]
		}
		return ids[i] < ids[j]
	})
	fmt.Fprintf(w, "%s: %d mentions of %d entities (and %d pronouns resolved to a speaker), %d claims, %d relations, %d new names\n",
		file, tally.total, len(ids), pronouns, len(res.Claims), len(res.Relations), len(tally.names.Candidates()))
	fmt.Fprintf(w, "\nMENTIONS\n")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, id := range ids {
		fmt.Fprintf(tw, "  %s\t%d\n", id, counts[id])
	}
	tw.Flush()
	if len(res.Claims) > 0 {
		fmt.Fprintf(w, "\nCLAIMS\n")
		printClaims(w, res.Claims)
	}
	if len(res.Relations) > 0 {
		text := map[string]string{}
		for _, r := range res.Relations {
			text[r.From], text[r.To] = "", ""
		}
		for _, c := range res.Claims {
			if _, ok := text[c.ID]; ok {
				text[c.ID] = c.ID + " " + shorten(c.Text, 16)
			}
		}
		end := func(id string) string {
			if t := text[id]; t != "" {
				return t
			}
			return id
		}
		fmt.Fprintf(w, "\nRELATIONS\n")
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		for _, r := range res.Relations {
			fmt.Fprintf(tw, "  %d-%d\t%s --%s--> %s\t%s %.2f\n", r.Evidence.Start, r.Evidence.End, end(r.From), r.Kind, end(r.To), r.Rule, r.Confidence)
		}
		tw.Flush()
	}
	if names := tally.names.Candidates(); len(names) > 0 {
		fmt.Fprintf(w, "\nNEW NAMES (the entities to curate: times found, the kind guessed, where first)\n")
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		for _, c := range names {
			fmt.Fprintf(tw, "  %s\t%dx\t%s\tfirst at %d-%d\t%s %.2f\n", c.Name, c.Count, c.Kind, c.First.Start, c.First.End, c.Rule, c.Confidence)
		}
		tw.Flush()
	}
}

// printClaims writes a line for each claim, its cells aligned as a
// [tabwriter.Writer] with a padding of two blanks aligns them, but without holding
// the lines: the columns are measured first, then the lines written. Claims whose
// cells hold what tabwriter reads as a cell or line break are left to tabwriter
// (its escape byte is not UTF-8, so it is in no claim).
func printClaims(w io.Writer, claims []finding.Claim) {
	cells := func(c *finding.Claim) [3]string {
		return [3]string{fmt.Sprintf("  %d-%d", c.Span.Start, c.Span.End), c.Speaker, fmt.Sprintf("%s %.2f", c.Rule, c.Confidence)}
	}
	var width [3]int
	for i := range claims {
		c := &claims[i]
		cs := cells(c)
		for k, cell := range cs {
			width[k] = max(width[k], utf8.RuneCountInString(cell))
		}
		if strings.ContainsAny(cs[1]+cs[2]+c.Text, "\t\n\v\f") {
			tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
			for _, c := range claims {
				fmt.Fprintf(tw, "  %d-%d\t%s\t%s %.2f\t%s\n", c.Span.Start, c.Span.End, c.Speaker, c.Rule, c.Confidence, c.Text)
			}
			tw.Flush()
			return
		}
	}
	bw := bufio.NewWriter(w)
	for i := range claims {
		for k, cell := range cells(&claims[i]) {
			bw.WriteString(cell)
			bw.WriteString(strings.Repeat(" ", width[k]+2-utf8.RuneCountInString(cell)))
		}
		bw.WriteString(claims[i].Text)
		bw.WriteByte('\n')
	}
	bw.Flush()
}

// check checks the options that go together, and sets JSON for --format json.
func (o *extractOptions) check() error {
	switch o.Format {
	case "table":
	case "json":
		o.JSON = true
	case "yaml":
		if o.JSON {
			return inputError("give --json or --format yaml, not both")
		}
	default:
		return inputError("unknown format %q (table, json or yaml)", o.Format)
	}
	if o.Accept != "" && o.Reject != "" {
		return inputError("give --accept or --reject, not both")
	}
	if o.Write && o.Format == "yaml" {
		return inputError("give --write or --format yaml, not both")
	}
	if o.review() && o.JSON {
		return inputError("--format yaml, --accept, --reject and --write print text, not JSON")
	}
	if o.review() && o.Graph != "" {
		return inputError("--format yaml, --accept, --reject and --write are for a graph's own transcript, not a text file with --graph")
	}
	return nil
}

// review reports whether the run reviews findings rather than showing them.
func (o *extractOptions) review() bool {
	return o.Format == "yaml" || o.Accept != "" || o.Reject != "" || o.Write
}

// runReview records a decision on a finding, when asked, and writes the findings
// in the graph format for --format yaml.
func (a *app) runReview(g *interview.Graph, res *finding.Result, opts *extractOptions) error {
	var ropts pipeline.ReviewOptions
	switch {
	case opts.Accept != "":
		ropts.Decide = &pipeline.FindingDecision{ID: opts.Accept, Accept: true}
	case opts.Reject != "":
		ropts.Decide = &pipeline.FindingDecision{ID: opts.Reject}
	}
	rev, ds, err := pipeline.Review(g, res, ropts)
	a.report(ds, "nothing was recorded")
	if err != nil {
		return err
	}
	if d := rev.Decided; d != nil {
		verb := map[bool]string{true: "accepted", false: "rejected"}[d.Accept]
		msg := fmt.Sprintf("%s %s in %s", verb, d.ID, rev.Decisions)
		if !rev.Changed {
			msg = fmt.Sprintf("%s was already %s in %s", d.ID, verb, rev.Decisions)
		}
		switch {
		case opts.Format == "yaml":
			// The note is a YAML comment, so that the output still pastes as it is.
			fmt.Fprintf(a.stdout, "# %s\n", msg)
		case !opts.Write:
			fmt.Fprintln(a.stdout, msg)
			return nil
		default:
			fmt.Fprintln(a.stdout, msg)
		}
	}
	if opts.Write {
		w, ds, err := pipeline.WriteAccepted(g, rev.Review)
		a.report(ds, g.File+" is left as it was")
		if err != nil {
			return err
		}
		if w.Claims+w.Relations == 0 {
			fmt.Fprintf(a.stdout, "no accepted findings to write into %s\n", w.File)
			return nil
		}
		fmt.Fprintf(a.stdout, "wrote %d accepted claims and %d accepted relations into %s\n", w.Claims, w.Relations, w.File)
		return nil
	}
	return rev.Review.WriteYAML(a.stdout)
}

// shorten cuts s to n characters, marking the cut.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
