package rules

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/graphbuilder/graph/internal/diag"
	"github.com/graphbuilder/graph/internal/yamlpos"
	"github.com/graphbuilder/graph/schema"
)

//go:embed packs/*.yaml
var builtin embed.FS

// BuiltinPrefix names an embedded pack in a graph's rules list: builtin:zh.
const BuiltinPrefix = "builtin:"

// Rule kinds.
const (
	KindMention  = "mention"
	KindRelation = "relation"
	KindClaim    = "claim"
)

// Slot kinds beyond the schema's entity kinds.
const (
	SlotText   = "text"   // any run of text, which becomes a claim or a name
	SlotEntity = "entity" // any entity kind
	// SlotPronoun accepts a pronoun that stands for a speaker (他, she), or in a
	// dialogue for the one spoken to (you, 您).
	SlotPronoun = "pronoun"
	// SlotSelf accepts a first-person pronoun (I, we, 我), which stands for the
	// speaker of the turn it is said in.
	SlotSelf = "self"
	// Shapes of a new name ({name:...}) besides the default, a run of
	// capitalised words: latin, such a run whose first word has a lower-case
	// letter (OpenAI, not AI); han, two to four Chinese characters, not
	// starting with a numeral, demonstrative or pronoun; han_person, a common
	// Chinese surname and one or two characters.
	NameLatin     = "latin"
	NameHan       = "han"
	NameHanPerson = "han_person"
)

// hanSurnames are the most common Chinese surnames, the first character of a
// personal name that {name:han_person} accepts.
const hanSurnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"

// Pack is a named set of rules for one language.
type Pack struct {
	Name     string
	Language string
	// Pronouns stand for the current speaker wherever a person slot allows.
	Pronouns []string
	// Feminine and Masculine pronouns (she, 她; he, 他) stand only for persons
	// whose gender is unknown or theirs; Plural ones (they, 他们) stand for a
	// group, company or organization named before, never for one person.
	Feminine, Masculine, Plural []string
	// Critics are names of the group that unattributed critiques ("有人认为",
	// "critics say") are credited to, when the graph has an entity by that name.
	Critics []string
	// Self are first-person pronouns (I, we, 我, 我们): in a speaker turn they
	// stand for the turn's speaker; outside turns they stand for no one.
	Self []string
	// Addressee are second-person pronouns (you, 您): in a speaker turn they stand
	// for the one spoken to, named at the turn's start or else the speaker of the
	// turn before.
	Addressee []string
	// Fillers start sentences of a turn that are courtesy, not claims (thanks,
	// welcome, 谢谢).
	Fillers []string
	// Contrasts are words of negation and contrast (not, but, 不, 但是): in a
	// dialogue, a turn's first claim that holds one and answers another speaker
	// is taken to rebut what it answers.
	Contrasts []string
	// Negatives are words that speak ill of what they are said of (harms,
	// unfair, 伤害): in a dialogue, a claim that names an entity at its start and
	// holds one criticizes the entity.
	Negatives []string
	// Concessions are words that grant a point (I'll grant, 确实, 我承认): in a
	// dialogue, a turn's first claim that holds one supports what it answers,
	// and the turn's next claim with a contrast rebuts it.
	Concessions []string
	// Hosts are words for a host's role that a turn label may hold (host,
	// moderator, 主持人): the speaker of such a label hosts the dialogue.
	Hosts []string
	Rules []*Rule
	File  string
}

// Rule is one extraction rule.
type Rule struct {
	ID         string
	Kind       string
	Relation   string // for relation rules: the argument edge kind
	EntityKind string // for mention rules: the kind of the entity named
	Pattern    string
	Confidence float64
	Examples   []Example
	// WholeSentence makes a claim rule's claim the whole sentence it matches, for
	// cues that stand inside the claim ("Models, he argues, lack memory.").
	WholeSentence bool
	// Critique marks a claim rule whose claims are critiques voiced by the critics
	// (see [Pack.Critics]); later claims can rebut the latest critique.
	Critique bool
	// Dialogue rules apply only inside a speaker turn (see extract.Options.Turns),
	// and their examples are read as one turn of the example's speaker.
	Dialogue bool
	// Fallback makes a claim rule fire only when no other rule has found a claim
	// in the sentence: plain declaratives of a turn.
	Fallback bool
	// Marker makes a claim rule's sentence a reply marker when its speaker says
	// more in the turn ("I don't accept that it's a tax on the poor. The people
	// who drive in are better off."): the sentence is then no claim, and its
	// relations pass to the speaker's next claim in the turn.
	Marker bool
	// Links turn a claim rule's claims into argument relations with claims around them.
	Links []Link
	// Slots are the pattern's slots by name, with the node kinds each accepts.
	Slots map[string][]string
	// Re matches a tokenized sentence (see package extract); slot groups are named.
	Re *regexp.Regexp
	// Cues, when set, are strings of which a sentence's text as searched for
	// cues (see [Searched]) holds one wherever Re matches it.
	Cues []string
	// Needs, when set for a rule without Cues, are rune ranges (pairs, lowest
	// first) of which a sentence must hold one for Re to match: a class every
	// match contains, such as the capital letter a new name starts with.
	Needs []rune
	// Pair, when set, is a pair of classes of runes one after the other that
	// a sentence as tokenized holds wherever Re matches it (see [Pair]).
	Pair *Pair
	// Han makes the rule apply only to a sentence holding a Han character: a
	// rule of a Chinese pack describes Chinese text, and run on a sentence of
	// another language it finds only what that language's pack should (a
	// capitalised English word taken for a new name).
	Han bool
	At  diag.Range
}

// Link says how a new claim relates to the claims before it.
type Link struct {
	Relation string
	// To is "critique" (the latest critique, rebutted by the first claim of another
	// speaker after it), "main" (the first claim of the same speaker in the
	// paragraph or turn), "previous" (the same speaker's claim just before: a
	// reason given after its conclusion) or "reply" (the latest claim of the
	// previous speaker, for a rule that matches in the first sentence of a turn).
	// From is "previous" (the same speaker's claim just before).
	To, From string
	// Confidence of the relations the link makes; the rule's when unset.
	Confidence float64
	At         diag.Range
}

// Link targets.
const (
	LinkCritique = "critique"
	LinkMain     = "main"
	LinkPrevious = "previous"
	LinkReply    = "reply"
)

// Example is a sentence a rule must handle, with what it must find there.
type Example struct {
	Text     string
	Entities map[string]string // name -> kind, the example's own gazetteer
	Speaker  string            // name of the current speaker, if any
	// Turn reads the example as one turn of Speaker, as the examples of
	// dialogue rules always are, so that I and we stand for the speaker.
	Turn bool
	Want []Finding
	At   diag.Range
}

// Finding is one expected output of a rule on an example, by names: for a relation
// Agent and Target, for a claim Speaker and Claim, for a mention Name.
type Finding struct {
	Agent, Target string
	Speaker       string
	Claim         string
	Name          string
}

func (f Finding) String() string {
	var parts []string
	for _, kv := range [][2]string{{"agent", f.Agent}, {"target", f.Target}, {"speaker", f.Speaker}, {"claim", f.Claim}, {"name", f.Name}} {
		if kv[1] != "" {
			parts = append(parts, kv[0]+"="+kv[1])
		}
	}
	return "{" + strings.Join(parts, " ") + "}"
}

// Builtins lists the names of the embedded packs.
func Builtins() []string {
	entries, _ := fs.ReadDir(builtin, "packs")
	var out []string
	for _, e := range entries {
		out = append(out, strings.TrimSuffix(e.Name(), ".yaml"))
	}
	return out
}

// LoadBuiltin loads an embedded pack by name (zh, en).
func LoadBuiltin(name string, s *schema.Schema) (*Pack, diag.Diagnostics) {
	key := builtinKey{name, s}
	if r, ok := builtinPacks.Load(key); ok {
		r := r.(builtinResult)
		return r.pack, r.ds
	}
	p, ds := loadBuiltin(name, s)
	builtinPacks.Store(key, builtinResult{p, ds})
	return p, ds
}

// Builtin packs are parsed once per schema: a build or an evaluation loads the
// same pack for every graph or file, and a [Pack] is not changed once parsed.
type (
	builtinKey struct {
		name   string
		schema *schema.Schema
	}
	builtinResult struct {
		pack *Pack
		ds   diag.Diagnostics
	}
)

var builtinPacks sync.Map

func loadBuiltin(name string, s *schema.Schema) (*Pack, diag.Diagnostics) {
	data, err := builtin.ReadFile(path.Join("packs", name+".yaml"))
	if err != nil {
		d := diag.Errorf(diag.Range{File: BuiltinPrefix + name}, "no builtin rule pack %q", name)
		if sug := diag.Suggest(name, Builtins()); sug != "" {
			d.WithHint("did you mean %q?", BuiltinPrefix+sug)
		}
		return nil, diag.Diagnostics{d}
	}
	return Parse("internal/extract/rules/packs/"+name+".yaml", data, s)
}

// Load loads a pack from a file, or an embedded one when ref is builtin:NAME.
func Load(ref string, s *schema.Schema) (*Pack, diag.Diagnostics) {
	if name, ok := strings.CutPrefix(ref, BuiltinPrefix); ok {
		return LoadBuiltin(name, s)
	}
	data, err := os.ReadFile(ref)
	if err != nil {
		return nil, diag.Diagnostics{diag.Errorf(diag.Range{File: ref}, "cannot read rule pack: %v", err)}
	}
	return Parse(ref, data, s)
}

var (
	packFields    = []string{"pack", "language", "pronouns", "feminine", "masculine", "plural", "critics", "self", "addressee", "fillers", "contrasts", "negatives", "concessions", "hosts", "rules"}
	ruleFields    = []string{"id", "kind", "relation", "entity_kind", "pattern", "confidence", "claim", "critique", "dialogue", "fallback", "marker", "links", "examples"}
	linkFields    = []string{"relation", "to", "from", "confidence"}
	exampleFields = []string{"text", "entities", "speaker", "want", "turn"}
	findingFields = []string{"agent", "target", "speaker", "claim", "name"}
	idPattern     = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]*$`)
)

// Parse reads a pack, compiles its patterns against the schema's kinds, and
// reports every problem with its place. The pack is nil when there are errors.
func Parse(file string, data []byte, s *schema.Schema) (*Pack, diag.Diagnostics) {
	root, ds := yamlpos.Parse(file, data)
	if ds != nil {
		return nil, ds
	}
	top, ds := yamlpos.Fields(file, root, "a rule pack", packFields, []string{"pack", "rules"})
	p := &Pack{File: file}
	str := func(fs map[string]yamlpos.Field, key string, dst *string) *yaml.Node {
		f, ok := fs[key]
		if !ok {
			return nil
		}
		v, d := yamlpos.String(file, f.Value, key)
		if d != nil {
			ds = append(ds, d)
			return nil
		}
		*dst = v
		return f.Value
	}
	str(top, "pack", &p.Name)
	str(top, "language", &p.Language)
	if f, ok := top["pronouns"]; ok {
		vals, _, more := yamlpos.StringList(file, f.Value, "pronouns")
		ds = append(ds, more...)
		p.Pronouns = vals
	}
	for key, dst := range map[string]*[]string{"critics": &p.Critics, "self": &p.Self, "addressee": &p.Addressee, "fillers": &p.Fillers, "contrasts": &p.Contrasts, "negatives": &p.Negatives, "concessions": &p.Concessions, "hosts": &p.Hosts} {
		if f, ok := top[key]; ok {
			vals, _, more := yamlpos.StringList(file, f.Value, key)
			ds = append(ds, more...)
			*dst = vals
		}
	}
	// feminine, masculine and plural say which of the pronouns they are.
	for _, key := range []string{"feminine", "masculine", "plural"} {
		f, ok := top[key]
		if !ok {
			continue
		}
		vals, places, more := yamlpos.StringList(file, f.Value, key)
		ds = append(ds, more...)
		for i, v := range vals {
			if !slices.Contains(p.Pronouns, v) {
				ds = append(ds, diag.Errorf(yamlpos.At(file, places[i]), "%s pronoun %q is not among the pack's pronouns", key, v))
				continue
			}
			switch key {
			case "feminine":
				p.Feminine = append(p.Feminine, v)
			case "masculine":
				p.Masculine = append(p.Masculine, v)
			default:
				p.Plural = append(p.Plural, v)
			}
		}
	}
	seen := map[string]diag.Range{}
	if f, ok := top["rules"]; ok {
		items, d := yamlpos.List(file, f.Value, "rules")
		if d != nil {
			ds = append(ds, d)
		}
		for _, item := range items {
			fs, more := yamlpos.Fields(file, item, "a rule", ruleFields, []string{"id", "kind", "pattern", "confidence"})
			ds = append(ds, more...)
			if fs == nil {
				continue
			}
			r := &Rule{At: yamlpos.At(file, item), Han: p.Language == "zh"}
			if n := str(fs, "id", &r.ID); n != nil {
				r.At = yamlpos.At(file, n)
				if !idPattern.MatchString(r.ID) {
					ds = append(ds, diag.Errorf(r.At, "rule id %q must be lower case letters, digits, '.', '-' or '_'", r.ID))
				} else if prev, dup := seen[r.ID]; dup {
					ds = append(ds, diag.Errorf(r.At, "duplicate rule id %q (first at %s)", r.ID, prev.Location()))
				} else {
					seen[r.ID] = r.At
				}
			}
			if n := str(fs, "kind", &r.Kind); n != nil && !slices.Contains([]string{KindMention, KindRelation, KindClaim}, r.Kind) {
				d := diag.Errorf(yamlpos.At(file, n), "unknown rule kind %q", r.Kind).WithHint("rule kinds: mention, relation, claim")
				if sug := diag.Suggest(r.Kind, []string{KindMention, KindRelation, KindClaim}); sug != "" {
					d.WithHint("did you mean %q?", sug)
				}
				ds = append(ds, d)
			}
			if n := str(fs, "relation", &r.Relation); n != nil {
				if ek := s.Edge(r.Relation); ek == nil || ek.Category != schema.Argument {
					d := diag.Errorf(yamlpos.At(file, n), "unknown relation kind %q", r.Relation)
					if sug := diag.Suggest(r.Relation, s.EdgeNames(schema.Argument)); sug != "" {
						d.WithHint("did you mean %q?", sug)
					}
					ds = append(ds, d)
				}
			} else if r.Kind == KindRelation {
				ds = append(ds, diag.Errorf(r.At, "relation rule %q needs a relation kind (relation: criticizes, ...)", r.ID))
			}
			if n := str(fs, "entity_kind", &r.EntityKind); n != nil {
				if nk := s.Node(r.EntityKind); nk == nil || !nk.Entity {
					ds = append(ds, diag.Errorf(yamlpos.At(file, n), "unknown entity kind %q", r.EntityKind))
				}
			} else if r.Kind == KindMention {
				ds = append(ds, diag.Errorf(r.At, "mention rule %q needs an entity_kind", r.ID))
			}
			if f, ok := fs["confidence"]; ok {
				if err := f.Value.Decode(&r.Confidence); err != nil || r.Confidence <= 0 || r.Confidence > 1 {
					ds = append(ds, diag.Errorf(yamlpos.At(file, f.Value), "confidence must be a number above 0 and at most 1"))
				}
			}
			var claimMode string
			if n := str(fs, "claim", &claimMode); n != nil {
				if claimMode != "sentence" || r.Kind != KindClaim {
					ds = append(ds, diag.Errorf(yamlpos.At(file, n), "claim: sentence is the only choice, and only for claim rules"))
				}
				r.WholeSentence = true
			}
			if n := str(fs, "pattern", &r.Pattern); n != nil {
				ds = append(ds, r.compile(yamlpos.At(file, n), s)...)
			}
			if f, ok := fs["critique"]; ok {
				if err := f.Value.Decode(&r.Critique); err != nil {
					ds = append(ds, diag.Errorf(yamlpos.At(file, f.Value), "critique must be true or false"))
				} else if r.Critique && r.Kind != KindClaim {
					ds = append(ds, diag.Errorf(yamlpos.At(file, f.Value), "only claim rules can be critiques"))
				}
			}
			for key, dst := range map[string]*bool{"dialogue": &r.Dialogue, "fallback": &r.Fallback, "marker": &r.Marker} {
				if f, ok := fs[key]; ok {
					if err := f.Value.Decode(dst); err != nil {
						ds = append(ds, diag.Errorf(yamlpos.At(file, f.Value), "%s must be true or false", key))
					} else if *dst && r.Kind != KindClaim && key == "fallback" {
						ds = append(ds, diag.Errorf(yamlpos.At(file, f.Value), "only claim rules can be fallbacks"))
					} else if *dst && r.Kind != KindClaim && key == "marker" {
						ds = append(ds, diag.Errorf(yamlpos.At(file, f.Value), "only claim rules can be reply markers"))
					}
				}
			}
			if f, ok := fs["links"]; ok {
				links, more := decodeLinks(file, f.Value, s)
				ds = append(ds, more...)
				if len(links) > 0 && r.Kind != KindClaim {
					ds = append(ds, diag.Errorf(yamlpos.At(file, f.Value), "only claim rules can have links"))
				}
				for i := range links {
					if links[i].Confidence == 0 {
						links[i].Confidence = r.Confidence
					}
				}
				r.Links = links
			}
			if f, ok := fs["examples"]; ok {
				exs, more := decodeExamples(file, f.Value, s)
				ds = append(ds, more...)
				r.Examples = exs
			}
			p.Rules = append(p.Rules, r)
		}
	}
	ds = ds.Sort()
	if ds.HasErrors() {
		return nil, ds
	}
	return p, ds
}

func decodeLinks(file string, n *yaml.Node, s *schema.Schema) ([]Link, diag.Diagnostics) {
	items, d := yamlpos.List(file, n, "links")
	if d != nil {
		return nil, diag.Diagnostics{d}
	}
	var ds diag.Diagnostics
	var out []Link
	for _, item := range items {
		fs, more := yamlpos.Fields(file, item, "a link", linkFields, []string{"relation"})
		ds = append(ds, more...)
		if fs == nil {
			continue
		}
		l := Link{At: yamlpos.At(file, item)}
		if f, ok := fs["relation"]; ok {
			l.Relation = f.Value.Value
			if ek := s.Edge(l.Relation); ek == nil || ek.Category != schema.Argument || !ek.Allows("claim", "claim") {
				ds = append(ds, diag.Errorf(yamlpos.At(file, f.Value), "link relation %q must be an argument kind that joins claims", l.Relation))
			}
		}
		if f, ok := fs["to"]; ok {
			l.To = f.Value.Value
			if !slices.Contains([]string{LinkCritique, LinkMain, LinkPrevious, LinkReply}, l.To) {
				ds = append(ds, diag.Errorf(yamlpos.At(file, f.Value), "link to %q: use critique, main, previous or reply", l.To))
			}
		}
		if f, ok := fs["from"]; ok {
			l.From = f.Value.Value
			if l.From != LinkPrevious {
				ds = append(ds, diag.Errorf(yamlpos.At(file, f.Value), "link from %q: use previous", l.From))
			}
		}
		if f, ok := fs["confidence"]; ok {
			if err := f.Value.Decode(&l.Confidence); err != nil || l.Confidence <= 0 || l.Confidence > 1 {
				ds = append(ds, diag.Errorf(yamlpos.At(file, f.Value), "confidence must be a number above 0 and at most 1"))
			}
		}
		if (l.To == "") == (l.From == "") {
			ds = append(ds, diag.Errorf(l.At, "a link has either to (critique, main, previous, reply) or from (previous)"))
		}
		out = append(out, l)
	}
	return out, ds
}

func decodeExamples(file string, n *yaml.Node, s *schema.Schema) ([]Example, diag.Diagnostics) {
	items, d := yamlpos.List(file, n, "examples")
	if d != nil {
		return nil, diag.Diagnostics{d}
	}
	var ds diag.Diagnostics
	var out []Example
	for _, item := range items {
		fs, more := yamlpos.Fields(file, item, "an example", exampleFields, []string{"text", "want"})
		ds = append(ds, more...)
		if fs == nil {
			continue
		}
		ex := Example{At: yamlpos.At(file, item), Entities: map[string]string{}}
		if f, ok := fs["text"]; ok {
			ex.Text, _ = yamlpos.String(file, f.Value, "text")
		}
		if f, ok := fs["speaker"]; ok {
			ex.Speaker, _ = yamlpos.String(file, f.Value, "speaker")
		}
		if f, ok := fs["turn"]; ok {
			if err := f.Value.Decode(&ex.Turn); err != nil || f.Value.Tag != "!!bool" {
				ds = append(ds, diag.Errorf(yamlpos.At(file, f.Value), "turn must be true or false"))
			}
			if ex.Turn && ex.Speaker == "" {
				ds = append(ds, diag.Errorf(yamlpos.At(file, f.Value), "an example read as a turn needs a speaker"))
			}
		}
		if f, ok := fs["entities"]; ok {
			if f.Value.Kind != yaml.MappingNode {
				ds = append(ds, diag.Errorf(yamlpos.At(file, f.Value), "entities must map names to kinds"))
			} else {
				for i := 0; i+1 < len(f.Value.Content); i += 2 {
					k, v := f.Value.Content[i], f.Value.Content[i+1]
					if nk := s.Node(v.Value); nk == nil || !nk.Entity {
						ds = append(ds, diag.Errorf(yamlpos.At(file, v), "unknown entity kind %q", v.Value))
						continue
					}
					ex.Entities[k.Value] = v.Value
				}
			}
		}
		if f, ok := fs["want"]; ok {
			wants, d := yamlpos.List(file, f.Value, "want")
			if d != nil {
				ds = append(ds, d)
			}
			for _, w := range wants {
				wf, more := yamlpos.Fields(file, w, "an expected finding", findingFields, nil)
				ds = append(ds, more...)
				var fd Finding
				for key, dst := range map[string]*string{"agent": &fd.Agent, "target": &fd.Target, "speaker": &fd.Speaker, "claim": &fd.Claim, "name": &fd.Name} {
					if f, ok := wf[key]; ok {
						*dst, _ = yamlpos.String(file, f.Value, key)
					}
				}
				ex.Want = append(ex.Want, fd)
			}
		}
		out = append(out, ex)
	}
	return out, ds
}

// SortFindings orders findings for comparison.
func SortFindings(fs []Finding) {
	sort.Slice(fs, func(i, j int) bool { return fs[i].String() < fs[j].String() })
}

// Describe is a one-line summary of a rule for listings.
func (r *Rule) Describe() string {
	what := r.Kind
	if r.Relation != "" {
		what += " " + r.Relation
	}
	what += fmt.Sprintf(", %.2f", r.Confidence)
	for _, f := range []struct {
		on   bool
		name string
	}{{r.Dialogue, "dialogue"}, {r.Critique, "critique"}, {r.Fallback, "fallback"}, {r.Marker, "marker"}} {
		if f.on {
			what += "; " + f.name
		}
	}
	if len(r.Links) > 0 {
		links := make([]string, 0, len(r.Links))
		for _, l := range r.Links {
			links = append(links, l.Describe(r.Confidence))
		}
		what += "; links: " + strings.Join(links, ", ")
	}
	return fmt.Sprintf("%s (%s): %s", r.ID, what, r.Pattern)
}

// Describe says a link in a few words: "rebuts critique", "supports main 0.45",
// "previous supports" (the claim before supports the new one).
func (l Link) Describe(ruleConfidence float64) string {
	s := l.Relation + " " + l.To
	if l.From != "" {
		s = l.From + " " + l.Relation
	}
	if l.Confidence != 0 && l.Confidence != ruleConfidence {
		s += fmt.Sprintf(" %.2f", l.Confidence)
	}
	return s
}

// WordList is one of a pack's lists of cue words, named by its key in the pack.
type WordList struct {
	Key   string   `json:"key"`
	Words []string `json:"words"`
}

// WordLists are the pack's cue words: pronouns (and which are feminine,
// masculine and plural), critics, self, addressee, fillers, contrasts, negatives, concessions and hosts, in that order,
// each never nil.
func (p *Pack) WordLists() []WordList {
	list := func(key string, ws []string) WordList {
		return WordList{Key: key, Words: append([]string{}, ws...)}
	}
	return []WordList{
		list("pronouns", p.Pronouns),
		list("feminine", p.Feminine),
		list("masculine", p.Masculine),
		list("plural", p.Plural),
		list("critics", p.Critics),
		list("self", p.Self),
		list("addressee", p.Addressee),
		list("fillers", p.Fillers),
		list("contrasts", p.Contrasts),
		list("negatives", p.Negatives),
		list("concessions", p.Concessions),
		list("hosts", p.Hosts),
	}
}
