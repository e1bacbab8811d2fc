package rules

import (
	"errors"
	"fmt"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"

	"github.com/graphbuilder/graph/internal/diag"
	"github.com/graphbuilder/graph/schema"
)

// Sentences are matched in tokenized form: each mention of an entity is replaced by
// one rune from a Private Use plane, in a block per entity kind, so that a slot such
// as {agent:person|group} is a character class of the blocks of those kinds.
const (
	TokenBase  = 0xF0000
	TokenBlock = 2048 // mentions per sentence and kind
)

// MaxGap is how many characters "..." in a pattern may skip; a gap never crosses
// clause punctuation.
const MaxGap = 16

const gapClass = `[^，,。；;：:！？!?]`

var slotRe = regexp.MustCompile(`\{([a-z_]+)(?::([a-z_|]+))?\}`)

// defaultSlotKinds says what a slot accepts when the pattern names no kinds.
var defaultSlotKinds = map[string][]string{
	"agent":   {"person", "company", "organization", "group", SlotPronoun, SlotSelf},
	"speaker": {"person", "company", "organization", "group", SlotPronoun, SlotSelf},
	"target":  {SlotEntity},
	"claim":   {SlotText},
	"name":    {SlotText},
}

// KindIndex is the block number of an entity kind: its place among the schema's
// entity kinds in sorted order.
func KindIndex(s *schema.Schema, kind string) int {
	return slices.Index(s.NodeNames(true), kind)
}

// PronounBlock is the block of pronoun tokens: after the entity kinds'.
func PronounBlock(s *schema.Schema) int { return len(s.NodeNames(true)) }

// SelfBlock is the block of first-person pronoun tokens, after the pronouns'.
func SelfBlock(s *schema.Schema) int { return len(s.NodeNames(true)) + 1 }

func (r *Rule) compile(at diag.Range, s *schema.Schema) diag.Diagnostics {
	var ds diag.Diagnostics
	r.Slots = map[string][]string{}
	var re strings.Builder
	re.WriteString("(?s)")
	last := 0
	lastText := false
	kinds := s.NodeNames(true)
	for _, m := range slotRe.FindAllStringSubmatchIndex(r.Pattern, -1) {
		re.WriteString(literal(r.Pattern[last:m[0]]))
		last = m[1]
		name := r.Pattern[m[2]:m[3]]
		var accepts []string
		if m[4] >= 0 {
			accepts = strings.Split(r.Pattern[m[4]:m[5]], "|")
		} else if def, ok := defaultSlotKinds[name]; ok {
			accepts = def
		} else {
			ds = append(ds, diag.Errorf(at, "slot {%s} needs kinds, as in {%s:person|group}", name, name))
			continue
		}
		if _, dup := r.Slots[name]; dup {
			ds = append(ds, diag.Errorf(at, "slot {%s} appears twice in the pattern", name))
			continue
		}
		if name == "name" && len(accepts) == 1 {
			// A new name's shape: {name:han}, {name:han_person}, {name:latin}.
			shape := ""
			switch accepts[0] {
			case NameHan:
				// Not starting with a numeral, demonstrative or pronoun (一家,
				// 这个, 他们).
				shape = `[^\P{Han}一二三四五六七八九十两几多这那该每某各本此其我你您他她它们]\p{Han}{1,3}?`
			case NameHanPerson:
				shape = `[` + hanSurnames + `]\p{Han}{1,2}?`
			case NameLatin:
				// Capitalised words, the first with a lower-case letter too, so
				// that acronyms (AI, API) are not taken for names.
				shape = `\p{Lu}` + nameLetter + `*\p{Ll}` + nameLetter + `*(?:\s+\p{Lu}` + nameLetter + `*)*`
			}
			if shape != "" {
				r.Slots[name] = []string{SlotText}
				lastText = false
				fmt.Fprintf(&re, `(?P<%s>%s)`, name, shape)
				continue
			}
		}
		var class strings.Builder
		text := false
		for _, k := range accepts {
			switch {
			case k == SlotText:
				text = true
			case k == SlotEntity:
				for i := range kinds {
					fmt.Fprintf(&class, `\x{%X}-\x{%X}`, TokenBase+i*TokenBlock, TokenBase+(i+1)*TokenBlock-1)
				}
			case k == SlotPronoun || k == SlotSelf:
				i := PronounBlock(s)
				if k == SlotSelf {
					i = SelfBlock(s)
				}
				fmt.Fprintf(&class, `\x{%X}-\x{%X}`, TokenBase+i*TokenBlock, TokenBase+(i+1)*TokenBlock-1)
			case slices.Contains(kinds, k):
				i := slices.Index(kinds, k)
				fmt.Fprintf(&class, `\x{%X}-\x{%X}`, TokenBase+i*TokenBlock, TokenBase+(i+1)*TokenBlock-1)
			default:
				d := diag.Errorf(at, "slot {%s} names unknown kind %q", name, k)
				if sug := diag.Suggest(k, append(append([]string{}, kinds...), SlotText, SlotEntity, SlotPronoun, SlotSelf)); sug != "" {
					d.WithHint("did you mean %q?", sug)
				}
				ds = append(ds, d)
			}
		}
		if text && class.Len() > 0 {
			ds = append(ds, diag.Errorf(at, "slot {%s} mixes text with entity kinds", name))
			continue
		}
		r.Slots[name] = accepts
		lastText = text && name != "name"
		if text && name == "name" {
			// A new name is a run of capitalised words.
			fmt.Fprintf(&re, `(?P<%s>%s)`, name, latinName)
		} else if text && strings.HasSuffix(strings.TrimSpace(r.Pattern), "{"+name+"}") {
			// At the end the slot runs to the sentence's end; greedy, so that the
			// search is linear.
			fmt.Fprintf(&re, `(?P<%s>.+)`, name)
		} else if text {
			fmt.Fprintf(&re, `(?P<%s>.+?)`, name)
		} else {
			fmt.Fprintf(&re, `(?P<%s>[%s])`, name, class.String())
		}
	}
	re.WriteString(literal(r.Pattern[last:]))
	if lastText && strings.HasSuffix(strings.TrimSpace(r.Pattern), "}") {
		re.WriteString(`$`)
	}
	if ds.HasErrors() {
		return ds
	}
	compiled, err := regexp.Compile(re.String())
	if err != nil {
		// The compiled expression is the pattern rewritten; name only the problem,
		// and the offending part when it is the user's own text.
		msg := err.Error()
		var se *syntax.Error
		if errors.As(err, &se) {
			msg = string(se.Code)
			if se.Expr != "" && strings.Contains(r.Pattern, se.Expr) {
				msg += ": `" + se.Expr + "`"
			}
		}
		return diag.Diagnostics{diag.Errorf(at, "invalid pattern: %s", msg)}
	}
	r.Re = compiled
	if parsed, err := syntax.Parse(re.String(), syntax.Perl); err == nil {
		simple := parsed.Simplify()
		r.Cues = requiredFactors(simple)
		r.Pair = pairOf(simple)
		if r.Cues == nil {
			r.Needs = requiredClass(simple)
		}
	}
	switch r.Kind {
	case KindRelation:
		ds = append(ds, r.needSlots(at, "target")...)
		if r.Slots["target"] != nil && slices.Contains(r.Slots["target"], SlotText) {
			ds = append(ds, diag.Errorf(at, "the target of a relation rule must be an entity slot"))
		}
	case KindClaim:
		if !r.WholeSentence {
			ds = append(ds, r.needSlots(at, "claim")...)
		}
	case KindMention:
		ds = append(ds, r.needSlots(at, "name")...)
	}
	return ds
}

func (r *Rule) needSlots(at diag.Range, names ...string) diag.Diagnostics {
	var ds diag.Diagnostics
	for _, n := range names {
		if _, ok := r.Slots[n]; !ok {
			ds = append(ds, diag.Errorf(at, "a %s rule needs a {%s} slot", r.Kind, n))
		}
	}
	return ds
}

// latinName is the shape of a new name in Latin script: a run of capitalised
// words (Grace Hopper, OpenAI, DeepSeek).
const latinName = `\p{Lu}` + nameLetter + `*(?:\s+\p{Lu}` + nameLetter + `*)*`

// nameLetter is a letter of a word written with spaces, an apostrophe or a
// hyphen: not a Chinese, Japanese or Korean character, which may follow a name
// with no blank between (Dario同样批评).
const nameLetter = `(?:[^\P{L}\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]|['’-])`

// literal turns the text between slots into regexp: a blank stands for optional
// white space (Chinese has none, English has some), "..." for a short gap.
func literal(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		switch {
		case strings.HasPrefix(s[i:], "..."):
			fmt.Fprintf(&b, `%s{0,%d}?`, gapClass, MaxGap)
			i += 3
		case s[i] == ' ':
			for i < len(s) && s[i] == ' ' {
				i++
			}
			b.WriteString(`\s*`)
		default:
			b.WriteByte(s[i])
			i++
		}
	}
	return b.String()
}

// requiredClass finds, in a compiled pattern, parsed and simplified, a
// character class every match contains a rune of, at the top level of the
// pattern (a class, or one repeated at least once), and returns its ranges; nil
// when there is none, or when the class ignores case or matches a token of a
// mention.
func requiredClass(re *syntax.Regexp) []rune {
	for _, sub := range topLevel(re) {
		for (sub.Op == syntax.OpPlus || sub.Op == syntax.OpRepeat && sub.Min >= 1 || sub.Op == syntax.OpCapture) && len(sub.Sub) == 1 {
			sub = sub.Sub[0]
		}
		if sub.Op != syntax.OpCharClass || sub.Flags&syntax.FoldCase != 0 {
			continue
		}
		if n := len(sub.Rune); n > 0 && sub.Rune[n-1] >= TokenBase {
			continue
		}
		return append([]rune(nil), sub.Rune...)
	}
	return nil
}

func topLevel(re *syntax.Regexp) []*syntax.Regexp {
	for re.Op == syntax.OpCapture {
		re = re.Sub[0]
	}
	if re.Op == syntax.OpConcat {
		return re.Sub
	}
	return []*syntax.Regexp{re}
}
