package scaffold

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/graphbuilder/graph/internal/diag"
	"github.com/graphbuilder/graph/internal/entities"
	"github.com/graphbuilder/graph/internal/extract"
	"github.com/graphbuilder/graph/internal/extract/rules"
	"github.com/graphbuilder/graph/internal/interview"
	"github.com/graphbuilder/graph/internal/transcript"
	"github.com/graphbuilder/graph/schema"
	"github.com/mozillazg/go-pinyin"
)

// ErrInput marks errors caused by what the user gave.
var ErrInput = errors.New("bad input")

// inputError is an [ErrInput] that reads as its message alone.
type inputError struct{ msg string }

func (e *inputError) Error() string        { return e.msg }
func (e *inputError) Is(target error) bool { return target == ErrInput }

func inputf(format string, args ...any) error {
	return &inputError{msg: fmt.Sprintf(format, args...)}
}

// DefaultTranscript is the transcript's name in a folder started without one.
const DefaultTranscript = "transcript.txt"

// emptyTranscript is what a folder started without a transcript gets, so that its
// graph validates until the real one replaces it.
const emptyTranscript = "Replace this line with the transcript of the source, or point source.transcript in graph.yaml at the transcript's file.\n"

// Options say what to start.
type Options struct {
	// Dir is the folder of the graph; it is created when missing.
	Dir string
	// From is the transcript to start from; it is copied into Dir unless it is
	// there already. Without it, Dir gets a transcript.txt to replace.
	From string
	// Language is the source's language tag; "" guesses zh or en from the
	// transcript.
	Language string
	// ID, Kind and Title are the source's; each has a default (the folder's name,
	// interview, and the id written as words).
	ID, Kind, Title string
}

// Speaker is a speaker label of the transcript and the entity proposed for it.
type Speaker struct {
	Labels   []string
	ID, Name string
}

// Candidate is a new name the extraction rules found, proposed as an entity.
type Candidate struct {
	ID, Name, Kind, Rule string
}

// Result is what [Init] wrote and proposed.
type Result struct {
	// File is the graph.yaml written and Transcript the transcript it names, both
	// as paths under Options.Dir; Copied says whether the transcript was copied
	// there (or, without Options.From, written).
	File, Transcript string
	Copied           bool
	SourceID         string
	Language         string
	Format           transcript.Format
	Speakers         []Speaker
	Candidates       []Candidate
	// Diagnostics are the warnings of loading the new graph (it has no errors).
	Diagnostics diag.Diagnostics
}

var langPattern = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)

// Init writes a new interview graph into opts.Dir, and loads it to be sure it
// validates. It never overwrites a graph.yaml; a transcript copied in may not
// replace a different file of the same name.
func Init(opts Options) (*Result, error) {
	if opts.Dir == "" {
		opts.Dir = "."
	}
	if opts.Kind == "" {
		opts.Kind = "interview"
	}
	if !slices.Contains(interview.SourceKinds, opts.Kind) {
		return nil, inputf("unknown source kind %q (source kinds: %s)", opts.Kind, strings.Join(interview.SourceKinds, ", "))
	}
	if opts.Language != "" && !langPattern.MatchString(opts.Language) {
		return nil, inputf("language %q is not a language tag such as zh, en or zh-Hant", opts.Language)
	}
	if opts.ID == "" {
		abs, err := filepath.Abs(opts.Dir)
		if err != nil {
			return nil, err
		}
		opts.ID = entities.Slug(filepath.Base(abs))
		if opts.ID == "" {
			opts.ID = "source"
		}
	} else if !entities.IDPattern.MatchString(opts.ID) {
		return nil, inputf("source id %q must be lower case letters, digits, '-', '_' or '.'", opts.ID)
	}
	if opts.Title == "" {
		opts.Title = titleOf(opts.ID)
	}
	if info, err := os.Stat(opts.Dir); err == nil && !info.IsDir() {
		// graph init talk.txt: the transcript given where the folder goes.
		hint := ""
		if opts.From == "" {
			hint = fmt.Sprintf("; to start from it as the transcript: graph init --from %s DIR", opts.Dir)
		}
		return nil, inputf("%s is a file, not a folder to create the graph in%s", opts.Dir, hint)
	}
	file := filepath.Join(opts.Dir, interview.FileName)
	if _, err := os.Lstat(file); err == nil {
		return nil, inputf("%s already exists; graph init does not overwrite it", file)
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}

	res := &Result{File: file, SourceID: opts.ID}
	var data []byte
	name := DefaultTranscript
	if opts.From != "" {
		var err error
		if data, err = readTranscript(opts.From); err != nil {
			return nil, err
		}
		name = filepath.Base(opts.From)
	} else {
		data = []byte(emptyTranscript)
	}
	parsed := opts.From
	if parsed == "" {
		parsed = DefaultTranscript
	}
	t, ds := transcript.Parse(parsed, data, "")
	if ds.HasErrors() {
		return nil, ds
	}
	res.Format = t.Format
	res.Language = opts.Language
	if res.Language == "" {
		res.Language = guessLanguage(t.Text)
	}
	res.Speakers = speakers(t.Labels(), opts.ID)
	res.Candidates = candidates(t.Text, res.Language, res.Speakers)

	if err := os.MkdirAll(opts.Dir, 0o755); err != nil {
		return nil, err
	}
	// Where the transcript goes: where it is when it is inside the folder already.
	res.Transcript = filepath.Join(opts.Dir, name)
	if opts.From != "" {
		if rel, ok := inside(opts.Dir, opts.From); ok {
			name, res.Transcript = rel, filepath.Join(opts.Dir, rel)
		}
	}
	if existing, err := os.ReadFile(res.Transcript); err == nil {
		if !bytes.Equal(existing, data) {
			return nil, inputf("%s already exists and is not the transcript %s; graph init does not overwrite it", res.Transcript, opts.From)
		}
	} else if errors.Is(err, os.ErrNotExist) {
		if err := os.WriteFile(res.Transcript, data, 0o644); err != nil {
			return nil, err
		}
		res.Copied = true
	} else {
		return nil, err
	}
	text := render(opts, res, filepath.ToSlash(name))
	// O_EXCL: a graph.yaml made since the check above is not overwritten either.
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, os.ErrExist) {
			return nil, inputf("%s already exists; graph init does not overwrite it", file)
		}
		return nil, err
	}
	if _, err := f.WriteString(text); err != nil {
		f.Close()
		return nil, err
	}
	if err := f.Close(); err != nil {
		return nil, err
	}
	_, ds = interview.NewLoader(schema.Core()).Load(file)
	res.Diagnostics = ds
	if ds.HasErrors() {
		return res, fmt.Errorf("the graph written to %s does not validate:\n%w", file, ds)
	}
	return res, nil
}

// readTranscript refuses what the loader would: a folder, a device, a FIFO or a
// socket, and a file above [interview.MaxTranscriptSize].
func readTranscript(path string) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, inputf("transcript %s: %v", path, pathErr(err))
	}
	switch {
	case info.IsDir():
		return nil, inputf("transcript %s is a folder, not a file", path)
	case !info.Mode().IsRegular():
		return nil, inputf("transcript %s is not a regular file (%s)", path, info.Mode().Type())
	case info.Size() > interview.MaxTranscriptSize:
		return nil, inputf("transcript %s is %d bytes; the limit is %d", path, info.Size(), int64(interview.MaxTranscriptSize))
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, inputf("transcript %s: %v", path, pathErr(err))
	}
	return data, nil
}

func pathErr(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// inside reports whether path is a file inside dir, and its path relative to dir.
func inside(dir, path string) (string, bool) {
	d, err1 := filepath.Abs(dir)
	p, err2 := filepath.Abs(path)
	if err1 != nil || err2 != nil {
		return "", false
	}
	rel, err := filepath.Rel(d, p)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return rel, true
}

// guessLanguage tells Chinese from English by the letters of the text: zh when
// at least a fifth of them are Han characters.
func guessLanguage(text string) string {
	han, letters := 0, 0
	for _, r := range text {
		if unicode.Is(unicode.Han, r) {
			han++
			letters++
		} else if unicode.IsLetter(r) {
			letters++
		}
	}
	if letters > 0 && han*5 >= letters {
		return "zh"
	}
	return "en"
}

// speakers proposes one person per speaker label of the source sourceID; labels
// that are one name once folded (HOST, Host) share one. Ids are global (the same
// id in two graphs is one person), so a label that names a role rather than a
// person (HOST, 主持人, SPEAKER_00) gets an id of this source's (amodei-2025-host),
// and a Chinese name the id of its pinyin (周海涛: zhou-haitao).
func speakers(labels []string, sourceID string) []Speaker {
	var out []Speaker
	byFold := map[string]int{}
	taken := map[string]bool{}
	for _, l := range labels {
		f := entities.Fold(l)
		if i, ok := byFold[f]; ok {
			out[i].Labels = append(out[i].Labels, l)
			continue
		}
		byFold[f] = len(out)
		role := isRole(l)
		id := labelID(l, role)
		if id == "" {
			id = "speaker"
		}
		if id == "speaker" || role {
			id = sourceID + "-" + id
		}
		out = append(out, Speaker{Labels: []string{l}, ID: unique(taken, id), Name: nameOf(l)})
	}
	return out
}

// roleWords are labels that name what a speaker does in the talk, not who they
// are: the builtin packs' words for a host, and the usual others.
var roleWords = sync.OnceValue(func() map[string]bool {
	words := map[string]bool{}
	for _, w := range []string{"guest", "caller", "audience", "speaker", "panelist", "panellist", "q", "a", "question", "answer",
		"嘉宾", "来电", "观众", "听众", "网友", "记者", "问", "答"} {
		words[w] = true
	}
	for _, lang := range rules.Builtins() {
		if p, ds := rules.LoadBuiltin(lang, schema.Core()); !ds.HasErrors() {
			for _, h := range p.Hosts {
				words[strings.ToLower(h)] = true
			}
		}
	}
	return words
})

var diarized = regexp.MustCompile(`(?i)^(speaker|spk|s)[ _-]?\d+$`)

// isRole reports whether a speaker label names a role (HOST, 主持人, Guest 2,
// 嘉宾A, SPEAKER_00) rather than a person.
func isRole(label string) bool {
	l := strings.ToLower(strings.TrimSpace(label))
	if diarized.MatchString(l) || roleWords()[l] {
		return true
	}
	// A role numbered or lettered: "Guest 2", "主持人1", "Guest B", "嘉宾A".
	base := strings.TrimRightFunc(l, unicode.IsDigit)
	if rs := []rune(l); base == l && len(rs) >= 2 {
		last, before := rs[len(rs)-1], rs[len(rs)-2]
		if last <= unicode.MaxASCII && unicode.IsLetter(last) && (before == ' ' || unicode.Is(unicode.Han, before)) {
			base = string(rs[:len(rs)-1])
		}
	}
	base = strings.TrimSpace(base)
	return base != l && roleWords()[base]
}

// labelID is the id a label gives: its slug, with Chinese characters written in
// pinyin, a name's surname apart from its given name (周海涛: zhou-haitao), a
// role's words in one (主持人: zhuchiren).
func labelID(label string, role bool) string {
	var parts []string
	var han []rune
	flush := func() {
		if len(han) == 0 {
			return
		}
		var syl []string
		for _, r := range han {
			if p := pinyin.LazyPinyin(string(r), pinyinArgs); len(p) > 0 {
				syl = append(syl, p[0])
			}
		}
		switch {
		case len(syl) == 0:
		case role:
			parts = append(parts, strings.Join(syl, ""))
		case len(syl) <= 4 && len(han) == len(syl):
			// A name: the surname, then the given name in one word.
			parts = append(parts, syl[0])
			if len(syl) > 1 {
				parts = append(parts, strings.Join(syl[1:], ""))
			}
		default:
			parts = append(parts, syl...)
		}
		han = han[:0]
	}
	var other strings.Builder
	for _, r := range label {
		if unicode.Is(unicode.Han, r) {
			if other.Len() > 0 {
				parts = append(parts, other.String())
				other.Reset()
			}
			han = append(han, r)
			continue
		}
		flush()
		other.WriteRune(r)
	}
	flush()
	if other.Len() > 0 {
		parts = append(parts, other.String())
	}
	return entities.Slug(strings.Join(parts, " "))
}

var pinyinArgs = pinyin.NewArgs()

// candidates runs the language's builtin mention rules over the text and proposes
// each new name once, unless it names a speaker.
func candidates(text, lang string, sps []Speaker) []Candidate {
	primary, _, _ := strings.Cut(lang, "-")
	if !slices.Contains(rules.Builtins(), primary) {
		return nil
	}
	core := schema.Core()
	pack, ds := rules.LoadBuiltin(primary, core)
	if ds.HasErrors() {
		return nil
	}
	var ents []entities.Entity
	seen := map[string]bool{}
	taken := map[string]bool{}
	for _, s := range sps {
		ents = append(ents, entities.Entity{ID: s.ID, Kind: "person", Name: s.Name, Aliases: s.Labels})
		taken[s.ID] = true
		seen[entities.Fold(s.Name)] = true
		for _, l := range s.Labels {
			seen[entities.Fold(l)] = true
		}
	}
	x, err := extract.New(ents, []*rules.Pack{pack}, core)
	if err != nil {
		return nil
	}
	var out []Candidate
	for _, n := range x.Run(text, extract.Options{}).Names {
		f := entities.Fold(n.Name)
		id := entities.Slug(n.Name)
		if seen[f] || id == "" {
			continue
		}
		seen[f] = true
		out = append(out, Candidate{ID: unique(taken, id), Name: n.Name, Kind: n.Kind, Rule: n.Rule})
	}
	return out
}

// unique returns id, or id-2, id-3, ..., whichever is not taken yet, and takes it.
func unique(taken map[string]bool, id string) string {
	out := id
	for n := 2; taken[out]; n++ {
		out = fmt.Sprintf("%s-%d", id, n)
	}
	taken[out] = true
	return out
}

// nameOf writes a label in capitals (MARA LINDQVIST) as a name (Mara Lindqvist);
// other labels are names as they are.
func nameOf(label string) string {
	if !isLatinOnly(label) || strings.ToUpper(label) != label || strings.ToLower(label) == label || strings.ContainsAny(label, "_0123456789") {
		return label
	}
	words := strings.Fields(strings.ToLower(label))
	for i, w := range words {
		r := []rune(w)
		r[0] = unicode.ToUpper(r[0])
		words[i] = string(r)
	}
	return strings.Join(words, " ")
}

// titleOf writes an id as words: amodei-2025 is "Amodei 2025".
func titleOf(id string) string {
	words := strings.FieldsFunc(id, func(r rune) bool { return r == '-' || r == '_' || r == '.' })
	for i, w := range words {
		r := []rune(w)
		r[0] = unicode.ToUpper(r[0])
		words[i] = string(r)
	}
	return strings.Join(words, " ")
}

// isLatinOnly reports whether s has no letter outside ASCII.
func isLatinOnly(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) && r > unicode.MaxASCII {
			return false
		}
	}
	return true
}
