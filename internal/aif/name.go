package aif

import (
	"crypto/sha1"
	"encoding/hex"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/graphbuilder/graph/internal/entities"
)

// splitSpeaker splits an L-node's text, "Lisa Nandy : words", into the speaker's
// name and the words. AIFdb separates the two with " : "; a plain ": " is taken too
// when what comes before it looks like a name. ok is false when there is no prefix.
// A name's inner runs of blanks are one blank ("Female Audience  Member1").
func splitSpeaker(text string) (name, words string, ok bool) {
	if i := strings.Index(text, " : "); i > 0 {
		name = strings.Join(strings.Fields(text[:i]), " ")
		if nameLike(name, false) {
			return name, strings.TrimSpace(text[i+3:]), true
		}
	}
	if i := strings.Index(text, ": "); i > 0 {
		name = strings.Join(strings.Fields(text[:i]), " ")
		if nameLike(name, true) {
			return name, strings.TrimSpace(text[i+2:]), true
		}
	}
	return "", strings.TrimSpace(text), false
}

// nameLike reports whether s can be a speaker's name: a few words without the
// punctuation of a sentence; with capitalised, each word starts with a capital
// letter or a digit.
func nameLike(s string, capitalised bool) bool {
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > 6 || utf8.RuneCountInString(s) > 60 || strings.ContainsAny(s, ",;?!\"“”:") {
		return false
	}
	if capitalised {
		for _, w := range words {
			r, _ := utf8.DecodeRuneInString(w)
			if !unicode.IsUpper(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Han, r) {
				return false
			}
		}
	}
	return true
}

// anonymous reports whether a name stands for a speaker the corpus does not
// identify: an audience member ("AUDIENCE MEMBER", "AudienceMember 20210610QT04"),
// an unknown or anonymous speaker, or a participant known only by number. Such a
// speaker is one person within a file but is not linked across files.
func anonymous(name string) bool {
	words := strings.Fields(entities.Fold(name))
	if len(words) == 0 {
		return true
	}
	if strings.HasPrefix(words[0], "audience") {
		return true
	}
	if len(words) == 2 && words[0] == "participant" && strings.Trim(words[1], "0123456789") == "" {
		return true
	}
	for _, w := range words {
		switch w {
		case "unknown", "anonymous", "unidentified":
			return true
		}
	}
	return false
}

// personID makes an entity id from a speaker's name: accents dropped, lower case,
// runs of other characters as one '-' ("Zoë Grant-Ross" is "zoe-grant-ross"). A
// name with no Latin letter or digit gets an id from a hash of its folded form.
func personID(name string) string {
	if id := slug(name, ""); id != "" {
		return id
	}
	sum := sha1.Sum([]byte(entities.Fold(name)))
	return "speaker-" + hex.EncodeToString(sum[:5])
}

// slug lowers s to the characters ids allow: ASCII letters (accents dropped) and
// digits, the characters in keep, and '-' for every run of anything else. The
// result starts and ends with a letter or digit, or is empty.
func slug(s, keep string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFKD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		r = unicode.ToLower(r)
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || strings.ContainsRune(keep, r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	return strings.TrimRight(strings.TrimLeft(b.String(), keep), keep)
}

// nodeSlug makes a claim or relation id from an AIF node id; it keeps '.' and '_'.
func nodeSlug(id string) string {
	if s := slug(id, "._"); s != "" && entities.IDPattern.MatchString(s) {
		return s
	}
	return "n"
}

// namer hands out ids that are unique within one graph.
type namer struct{ used map[string]bool }

func (n *namer) take(base string) string {
	id := base
	for i := 2; n.used[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	n.used[id] = true
	return id
}
