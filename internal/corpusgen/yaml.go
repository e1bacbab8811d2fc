package corpusgen

import (
	"strconv"
	"strings"
	"unicode"
)

// scalar renders s as a YAML scalar: plain where a person would write it plain,
// double-quoted otherwise.
func scalar(s string) string {
	if plainOK(s) {
		return s
	}
	return strconv.Quote(s)
}

func plainOK(s string) bool {
	if s == "" || s != strings.TrimSpace(s) {
		return false
	}
	switch strings.ToLower(s) {
	case "true", "false", "yes", "no", "on", "off", "null", "~", "y", "n":
		return false
	}
	if _, err := strconv.ParseFloat(s, 64); err == nil {
		return false
	}
	first := []rune(s)[0]
	if !unicode.IsLetter(first) && !unicode.IsDigit(first) {
		return false
	}
	for _, r := range s {
		if r < 0x80 {
			if unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune(" -._()'/", r) {
				continue
			}
			return false
		}
		if !unicode.IsPrint(r) {
			return false
		}
	}
	return true
}

// flow renders a list as a YAML flow sequence.
func flow(items []string) string {
	out := make([]string, len(items))
	for i, s := range items {
		out[i] = scalar(s)
		if strings.ContainsAny(out[i], ",[]{}") && out[i][0] != '"' {
			out[i] = strconv.Quote(s)
		}
	}
	return "[" + strings.Join(out, ", ") + "]"
}

// writeEntity writes one entity as an item of an entities list.
func writeEntity(b *strings.Builder, e *entity) {
	b.WriteString("  - id: " + e.id + "\n")
	b.WriteString("    kind: " + e.kind + "\n")
	b.WriteString("    name: " + scalar(e.name.en) + "\n")
	if len(e.aliases) > 0 {
		b.WriteString("    aliases: " + flow(e.aliases) + "\n")
	}
	if e.wikidata != "" {
		b.WriteString("    wikidata: " + e.wikidata + "\n")
	}
	if len(e.facts) > 0 {
		b.WriteString("    facts:\n")
		var preds []string
		objs := map[string][]string{}
		for _, f := range e.facts {
			if _, ok := objs[f.pred]; !ok {
				preds = append(preds, f.pred)
			}
			objs[f.pred] = append(objs[f.pred], f.obj)
		}
		for _, p := range preds {
			if len(objs[p]) == 1 {
				b.WriteString("      " + p + ": " + objs[p][0] + "\n")
			} else {
				b.WriteString("      " + p + ": " + flow(objs[p]) + "\n")
			}
		}
	}
}
