package link

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/graphbuilder/graph/internal/entities"
)

// name is one name or alias, folded and cut into words.
type name struct {
	raw    string
	folded string
	words  []string
}

// parseName folds a name with [entities.Fold] and cuts it into words: runs of letters
// and digits, split at anything else (blanks, the middle dots of transliterated
// names such as 达里奥·阿莫迪, hyphens, full stops) and where Han script meets another
// (Anthropic公司 is two words). Latin plurals lose a final s, so "world models" and
// "world model" are one name.
func parseName(raw string) name {
	f := entities.Fold(raw)
	var words []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			words = append(words, singular(string(cur)))
			cur = cur[:0]
		}
	}
	for _, r := range f {
		if !unicode.IsLetter(r) && !unicode.IsNumber(r) && !unicode.IsMark(r) {
			flush()
			continue
		}
		if len(cur) > 0 && isHan(cur[len(cur)-1]) != isHan(r) {
			flush()
		}
		cur = append(cur, r)
	}
	flush()
	return name{raw: raw, folded: strings.Join(words, " "), words: words}
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

func singular(w string) string {
	if len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && isLatin(w) {
		return w[:len(w)-1]
	}
	return w
}

func isLatin(w string) bool {
	for _, r := range w {
		if r > unicode.MaxLatin1 && !unicode.Is(unicode.Latin, r) {
			return false
		}
	}
	return true
}

// Scores of the kinds of evidence. A pair scoring at least [LinkScore] is linked
// without asking; one scoring at least [AskScore] is listed for a person to decide.
const (
	LinkScore = 0.8
	AskScore  = 0.3

	scoreWikidata    = 1.0
	scoreFullName    = 0.9 // a name of two or more words, or a Han-script full name
	scoreSameName    = 0.9 // any name, for things other than people
	scoreGivenAndSur = 0.85
	scoreMononym     = 0.6 // one Latin word that is neither a given name nor a surname
	scoreInitial     = 0.6 // "D. Amodei" and "Dario Amodei"
	scoreSurname     = 0.5 // "Amodei" and "Dario Amodei"
	scoreWords       = 0.6 // times the share of words two non-person names have in common
	scoreFalseFriend = 0.3 // one surname, different given names
	scoreGivenName   = 0.2 // "Dario" and "Dario": too weak to ask about
)

// evidence is the best reason found for two entities to be one, with its score.
type evidence struct {
	score  float64
	reason string
	// surname is the shared surname when that is all the evidence there is.
	surname string
}

func (e *evidence) offer(score float64, format string, args ...any) {
	if score > e.score {
		e.score, e.reason = score, fmt.Sprintf(format, args...)
	}
}

// stopWords are left out when the words of two non-person names are compared.
var stopWords = map[string]bool{"a": true, "an": true, "the": true, "of": true, "and": true, "in": true, "for": true, "on": true, "to": true}

// compareNames scores how likely two entities of compatible kinds are to be one
// thing, judging by their names alone. For people, a full name weighs more than a
// surname, and a surname shared by two full names with different given names is a
// false friend: listed, at the lowest score, never linked.
func compareNames(as, bs nameSet, person bool) evidence {
	var ev evidence
	a, b := as.names, bs.names
	if !person {
		for _, x := range a {
			for _, y := range b {
				if x.folded != "" && x.folded == y.folded {
					ev.offer(scoreSameName, "same name %q", x.raw)
					continue
				}
				if share, n := wordShare(x.words, y.words); n >= 2 {
					ev.offer(scoreWords*share, "names %q and %q share %d words", x.raw, y.raw, n)
				}
			}
		}
		return ev
	}
	surA, surB := as.surnames, bs.surnames
	givenA, givenB := as.given, bs.given
	for _, x := range a {
		for _, y := range b {
			switch {
			case x.folded == "":
			case sameWords(x.words, y.words) && (len(x.words) >= 2 || isFullHan(x.words[0], surA, surB, givenA, givenB)):
				ev.offer(scoreFullName, "full name %q", x.raw)
			case sameWords(x.words, y.words) && (surA[x.folded] || surB[x.folded]):
				ev.offer(scoreSurname, "surname %q only", x.raw)
			case sameWords(x.words, y.words) && (givenA[x.folded] || givenB[x.folded]):
				ev.offer(scoreGivenName, "given name %q only", x.raw)
			case sameWords(x.words, y.words):
				ev.offer(scoreMononym, "single name %q", x.raw)
			case len(x.words) >= 2 && len(y.words) >= 2 && last(x.words) == last(y.words):
				gx, gy := x.words[0], y.words[0]
				switch {
				case gx == gy:
					ev.offer(scoreGivenAndSur, "given name and surname of %q and %q", x.raw, y.raw)
				case initialOf(gx, gy) || initialOf(gy, gx):
					ev.offer(scoreInitial, "initial and surname of %q and %q", x.raw, y.raw)
				default:
					ev.offer(scoreFalseFriend, "surname %q only; full names differ: %q, %q", lastRaw(x), x.raw, y.raw)
				}
			case len(x.words) == 1 && len(y.words) >= 2 && x.words[0] == last(y.words):
				ev.offer(scoreSurname, "surname %q only: %q, %q", lastRaw(y), x.raw, y.raw)
				ev.surname = lastRaw(y)
			case len(y.words) == 1 && len(x.words) >= 2 && y.words[0] == last(x.words):
				ev.offer(scoreSurname, "surname %q only: %q, %q", lastRaw(x), x.raw, y.raw)
				ev.surname = lastRaw(x)
			}
		}
	}
	// A surname alone is weaker still when both sides give full names that disagree.
	if ev.score == scoreSurname {
		if fa, fb, differ := fullNamesDiffer(a, b); differ {
			ev.score = scoreFalseFriend
			ev.reason = fmt.Sprintf("surname %q only; full names differ: %q, %q", ev.surname, fa, fb)
		}
	}
	return ev
}

func last(words []string) string { return words[len(words)-1] }

// lastRaw is the surname as written, for messages.
func lastRaw(n name) string {
	f := strings.FieldsFunc(n.raw, func(r rune) bool { return unicode.IsSpace(r) || r == '·' || r == '・' || r == '-' })
	if len(f) == 0 {
		return n.raw
	}
	return f[len(f)-1]
}

func sameWords(a, b []string) bool {
	if len(a) != len(b) || len(a) == 0 {
		return false
	}
	// Order does not matter: "Amodei Dario" is "Dario Amodei".
	count := map[string]int{}
	for _, w := range a {
		count[w]++
	}
	for _, w := range b {
		if count[w] == 0 {
			return false
		}
		count[w]--
	}
	return true
}

// nameSet is an entity's names with the surnames and given names among them.
type nameSet struct {
	names           []name
	surnames, given map[string]bool
}

func newNameSet(ns []name) nameSet {
	return nameSet{names: ns, surnames: surnames(ns), given: givenNames(ns)}
}

// surnames and givenNames collect the last and first words of an entity's names of
// two words or more.
func surnames(ns []name) map[string]bool {
	out := map[string]bool{}
	for _, n := range ns {
		if len(n.words) >= 2 {
			out[last(n.words)] = true
		}
	}
	return out
}

func givenNames(ns []name) map[string]bool {
	out := map[string]bool{}
	for _, n := range ns {
		if len(n.words) >= 2 {
			out[n.words[0]] = true
		}
	}
	return out
}

// isFullHan reports whether a one-word name is a Chinese full name such as 杨立昆
// rather than a transliterated surname (阿莫迪 when 达里奥·阿莫迪 is also a name).
func isFullHan(w string, surA, surB, givenA, givenB map[string]bool) bool {
	runes := []rune(w)
	if len(runes) < 2 || !isHan(runes[0]) {
		return false
	}
	return !surA[w] && !surB[w] && !givenA[w] && !givenB[w]
}

func initialOf(short, long string) bool {
	r := []rune(short)
	return len(r) == 1 && strings.HasPrefix(long, short) && len(long) > len(short)
}

// fullNamesDiffer reports whether both entities have names of two or more words and
// none of them matches across the two, and returns the first of each.
func fullNamesDiffer(a, b []name) (string, string, bool) {
	var fa, fb []name
	for _, n := range a {
		if len(n.words) >= 2 {
			fa = append(fa, n)
		}
	}
	for _, n := range b {
		if len(n.words) >= 2 {
			fb = append(fb, n)
		}
	}
	if len(fa) == 0 || len(fb) == 0 {
		return "", "", false
	}
	for _, x := range fa {
		for _, y := range fb {
			if sameWords(x.words, y.words) || x.words[0] == y.words[0] {
				return "", "", false
			}
		}
	}
	return fa[0].raw, fb[0].raw, true
}

// wordShare returns the share of distinct content words two names have in common
// (Jaccard), and how many they share.
func wordShare(a, b []string) (float64, int) {
	sa, sb := map[string]bool{}, map[string]bool{}
	for _, w := range a {
		if !stopWords[w] {
			sa[w] = true
		}
	}
	for _, w := range b {
		if !stopWords[w] {
			sb[w] = true
		}
	}
	n := 0
	for w := range sa {
		if sb[w] {
			n++
		}
	}
	union := len(sa) + len(sb) - n
	if union == 0 {
		return 0, 0
	}
	return float64(n) / float64(union), n
}
