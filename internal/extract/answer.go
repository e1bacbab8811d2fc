package extract

import (
	"strings"
	"unicode"

	"github.com/graphbuilder/graph/internal/extract/finding"
)

// A reply answers the claim it talks about, not always the latest one: among
// the claims the other speaker made just before, the one sharing the most
// content words (Latin words of three letters or more that are not function
// words, stemmed crudely; pairs of Chinese characters) and concepts with the
// reply is its target, when it shares at least two.

// stopwords are English function words of three letters or more, which say
// nothing about what a claim is about.
var stopwords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`the and for are but not you all any can had her was one our out has his
		how its may new now old see two way who did get let put say she too use yes why him hers
		about above after again against also among because been before being below
		between both cannot could does doing down during each either enough even ever every from further
		have having here hers herself himself into itself just least less like made make makes many more
		most much must myself neither never none only other others ours ourselves over same should since
		some such than that their theirs them themselves then there these they this those through thus
		under until upon very want what when where whether which while whom whose will with within without
		would your yours yourself yourselves said says think really thing things something anything
		everything nothing going actually still well there's that's it's don't doesn't isn't aren't
		won't can't i'm we're they're you're i've we've they've i'd we'd i'll we'll yeah okay right`) {
		stopwords[w] = true
	}
}

// contentTokens are the words and character pairs a text is about.
func contentTokens(text string, about []string) map[string]bool {
	out := map[string]bool{}
	for _, a := range about {
		out["@"+a] = true
	}
	var word []rune
	flush := func() {
		if len(word) >= 3 {
			w := strings.ToLower(string(word))
			if !stopwords[w] {
				out[stem(w)] = true
			}
		}
		word = word[:0]
	}
	var prevHan rune
	for _, r := range text {
		switch {
		case unicode.Is(unicode.Han, r):
			flush()
			if prevHan != 0 {
				out[string([]rune{prevHan, r})] = true
			}
			prevHan = r
			continue
		case unicode.IsLetter(r) || r == '\'' || r == '’':
			if r == '’' {
				r = '\''
			}
			word = append(word, r)
		default:
			flush()
		}
		prevHan = 0
	}
	flush()
	return out
}

// stem drops a common English ending, so that audit, audits and audited meet.
func stem(w string) string {
	for _, suf := range []string{"ing", "ed", "es", "s"} {
		if len(w) > len(suf)+2 && strings.HasSuffix(w, suf) {
			return w[:len(w)-len(suf)]
		}
	}
	return w
}

func shared(a, b map[string]bool) int {
	n := 0
	for t := range a {
		if b[t] {
			n++
		}
	}
	return n
}

// answeredClaim is the claim of to's speaker that the claim from answers: of
// that speaker's claims from to back over the six turns before to's (in prose,
// their last ten claims up to to), the one sharing the most content with from,
// the latest on a tie; to itself when none shares two tokens or more (one
// shared word is as often chance: "years" and "a year").
func answeredClaim(claims []finding.Claim, claimTurn []int, from, to int) int {
	if from < 0 || to < 0 || claims[from].Speaker == claims[to].Speaker {
		return to
	}
	want := contentTokens(claims[from].Text, claims[from].About)
	best, bestN := to, 1
	seen := 0
	for i := to; i >= 0; i-- {
		if claimTurn[to] >= 0 && claimTurn[i] < claimTurn[to]-6 {
			break
		}
		if claims[i].Speaker != claims[to].Speaker {
			continue
		}
		if claimTurn[to] < 0 {
			if seen == 10 {
				break
			}
			seen++
		}
		if n := shared(want, contentTokens(claims[i].Text, claims[i].About)); n > bestN {
			best, bestN = i, n
		}
	}
	return best
}

// maxLookback bounds how many claims [sharedEarlier] reads back, so that a
// long stretch of claims outside turns costs no more than a few turns.
const maxLookback = 200

// sharedEarlier is the claim of another speaker (not a host) over the six turns
// before from's that shares the most content with from, the latest on a tie,
// and how much it shares; -1 when none shares any.
func sharedEarlier(claims []finding.Claim, claimTurn []int, from int, hosts map[string]bool) (int, int) {
	if claimTurn[from] < 0 {
		return -1, 0
	}
	want := contentTokens(claims[from].Text, claims[from].About)
	best, bestN := -1, 0
	for i := from - 1; i >= 0 && from-i <= maxLookback; i-- {
		if claimTurn[i] >= 0 && claimTurn[i] < claimTurn[from]-6 {
			break
		}
		if claimTurn[i] < 0 || claims[i].Speaker == claims[from].Speaker || hosts[claims[i].Speaker] {
			continue
		}
		if n := shared(want, contentTokens(claims[i].Text, claims[i].About)); n > bestN {
			best, bestN = i, n
		}
	}
	return best, bestN
}
