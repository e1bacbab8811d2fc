package review

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// WriteYAML writes the proposed and accepted findings as the claims: and relations:
// lists of the graph format, to be appended to those of the graph. Each item's rule
// and confidence, and whether it is accepted, are comments, which the loader skips;
// findings that are curated already, rejected or cannot be written are left out,
// counted and listed in comments.
func (r *Review) WriteYAML(w io.Writer) error {
	claims := &yaml.Node{Kind: yaml.SequenceNode}
	var claimNotes []string
	counts := map[Status]int{}
	for _, c := range r.Claims {
		counts[c.Status]++
		if !c.Status.Written() {
			claimNotes = append(claimNotes, claimNote(c))
			continue
		}
		item := claimItem(c, true)
		claims.Content = append(claims.Content, item)
	}
	rels := &yaml.Node{Kind: yaml.SequenceNode}
	var relNotes []string
	relCounts := map[Status]int{}
	for _, rel := range r.Relations {
		relCounts[rel.Status]++
		if !rel.Status.Written() {
			relNotes = append(relNotes, relationNote(rel))
			continue
		}
		item := relationItem(rel, true)
		rels.Content = append(rels.Content, item)
	}

	decisions := "graph extract PATH --accept ID or --reject ID records a decision in " + DefaultFile + " beside the graph"
	if r.Decisions != "" {
		decisions = "graph extract PATH --accept ID or --reject ID records a decision in " + r.Decisions
	}
	claimsKey := scalar("claims")
	claimsKey.HeadComment = strings.Join(append([]string{
		"# Findings of the extraction rules for " + r.Graph + ". Append the items of claims:",
		"# and relations: to the graph's own lists; check with graph validate.",
		"# " + decisions + ".",
		fmt.Sprintf("# claims: %s", summary(counts, "curated claim")),
	}, claimNotes...), "\n")
	relsKey := scalar("relations")
	relsKey.HeadComment = strings.Join(append([]string{
		fmt.Sprintf("# relations: %s", summary(relCounts, "curated relation")),
	}, relNotes...), "\n")
	if len(claims.Content) == 0 {
		claims.Style = yaml.FlowStyle
	}
	if len(rels.Content) == 0 {
		rels.Style = yaml.FlowStyle
	}
	doc := &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{{Kind: yaml.MappingNode, Content: []*yaml.Node{claimsKey, claims, relsKey, rels}}}}
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return err
	}
	return enc.Close()
}

// claimItem is a claim as an item of a graph's claims:, with its rule as a comment
// when asked.
func claimItem(c Claim, comments bool) *yaml.Node {
	item := mapping()
	add(item, "id", scalar(c.ID))
	if comments {
		item.Content[1].LineComment = comment(c.Status, c.Rule, c.Confidence)
	}
	add(item, "speaker", scalar(c.Speaker))
	add(item, "text", scalar(c.Text))
	if c.Quote != "" {
		add(item, "quote", scalar(c.Quote))
		if c.Occurrence > 0 {
			add(item, "occurrence", number(c.Occurrence))
		}
	}
	if len(c.About) > 0 {
		about := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
		for _, a := range c.About {
			about.Content = append(about.Content, scalar(a))
		}
		add(item, "about", about)
	}
	return item
}

// relationItem is a relation as an item of a graph's relations:.
func relationItem(rel Relation, comments bool) *yaml.Node {
	item := mapping()
	add(item, "id", scalar(rel.ID))
	if comments {
		item.Content[1].LineComment = comment(rel.Status, rel.Rule, rel.Confidence)
	}
	add(item, "kind", scalar(rel.Kind))
	from, to := scalar(rel.From), scalar(rel.To)
	if comments {
		// What each claim end says, so that a proposal can be judged where it is.
		if rel.FromText != "" {
			from.LineComment = "# " + rel.FromText
		}
		if rel.ToText != "" {
			to.LineComment = "# " + rel.ToText
		}
	}
	add(item, "from", from)
	add(item, "to", to)
	if rel.Quote != "" {
		add(item, "quote", scalar(rel.Quote))
		if rel.Occurrence > 0 {
			add(item, "occurrence", number(rel.Occurrence))
		}
	}
	return item
}

func summary(n map[Status]int, curated string) string {
	return fmt.Sprintf("%d proposed, %d accepted; left out: %d the same as a %s, %d rejected, %d that cannot be written",
		n[Proposed], n[Accepted], n[Matched], curated, n[Rejected], n[Dropped])
}

func comment(s Status, rule string, conf float64) string {
	c := fmt.Sprintf("# rule %s %.2f", rule, conf)
	if s == Accepted {
		c = "# accepted; " + c[2:]
	}
	return c
}

func claimNote(c Claim) string {
	what := fmt.Sprintf("#   %d-%d %s %q", c.Span.Start, c.Span.End, c.Speaker, shorten(c.Text, 24))
	switch c.Status {
	case Matched:
		return what + " is curated claim " + c.Curated
	case Rejected:
		return what + " " + c.ID + " is rejected"
	}
	return what + ": " + c.Reason
}

func relationNote(r Relation) string {
	what := fmt.Sprintf("#   %d-%d %s", r.Evidence.Start, r.Evidence.End, r.Kind)
	if r.From != "" && r.To != "" {
		what = fmt.Sprintf("#   %d-%d %s --%s--> %s", r.Evidence.Start, r.Evidence.End, r.From, r.Kind, r.To)
	}
	switch r.Status {
	case Matched:
		return what + " is curated"
	case Rejected:
		if r.ID != "" {
			return what + " " + r.ID + " is rejected"
		}
	}
	return what + ": " + r.Reason
}

// shorten cuts s to n characters, marking the cut.
func shorten(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	return string(rs[:n]) + "…"
}

func mapping() *yaml.Node { return &yaml.Node{Kind: yaml.MappingNode} }

func scalar(v string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v}
}

func number(n int) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(n)}
}

func add(m *yaml.Node, key string, v *yaml.Node) {
	m.Content = append(m.Content, scalar(key), v)
}
