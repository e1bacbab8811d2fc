package interview

import (
	"gopkg.in/yaml.v3"

	"github.com/graphbuilder/graph/internal/argument"
	"github.com/graphbuilder/graph/internal/diag"
	"github.com/graphbuilder/graph/internal/entities"
	"github.com/graphbuilder/graph/internal/yamlpos"
)

// brokenID is the id of an entity, claim or relation that was written but did not
// decode (it lacks a speaker, its name is empty, ...). The error is reported where
// it is; the id stays known so that references to it add no "unknown id".
type brokenID struct {
	id string
	at diag.Range
}

// noteBroken records the ids of the items of list n (entities, claims or relations)
// that are not among the decoded ids.
func (g *Graph) noteBroken(file string, n *yaml.Node, decoded []string) {
	if n == nil || n.Kind != yaml.SequenceNode {
		return
	}
	ok := map[string]bool{}
	for _, id := range decoded {
		ok[id] = true
	}
	for _, item := range n.Content {
		if item.Kind != yaml.MappingNode {
			continue
		}
		for i := 0; i+1 < len(item.Content); i += 2 {
			k, v := item.Content[i], item.Content[i+1]
			if k.Value != "id" || v.Kind != yaml.ScalarNode {
				continue
			}
			if id := v.Value; entities.IDPattern.MatchString(id) && !ok[id] {
				g.broken = append(g.broken, brokenID{id: id, at: yamlpos.At(file, v)})
			}
		}
	}
}

func entityIDs(es []entities.Entity) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.ID
	}
	return out
}

func claimIDs(cs []argument.Claim) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.ID
	}
	return out
}

func relationIDs(rs []argument.Relation) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}
