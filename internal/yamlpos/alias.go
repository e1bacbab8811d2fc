package yamlpos

import (
	"gopkg.in/yaml.v3"

	"github.com/graphbuilder/graph/internal/diag"
)

// MaxExpandedSize bounds what a YAML file amounts to once every alias stands for
// its anchor's value: each node counts one, each scalar its bytes besides. A file
// without aliases is always below it (its size is at most [MaxFileSize]); a few
// aliases of small values do not come near it, while a large value named by
// thousands of aliases, which would make every reader of the file work on
// gigabytes, is refused at the alias that crosses it.
const MaxExpandedSize = MaxFileSize

// checkAliases returns an error at the first alias, in document order, at which
// the document's expanded size passes limit.
func checkAliases(file string, root *yaml.Node, limit int64) *diag.Diagnostic {
	sizes := map[*yaml.Node]int64{}
	var total int64
	var walk func(n *yaml.Node) *diag.Diagnostic
	walk = func(n *yaml.Node) *diag.Diagnostic {
		if n == nil {
			return nil
		}
		if n.Kind == yaml.AliasNode {
			total += expandedSize(n.Alias, sizes, limit)
			if total > limit {
				name := n.Value
				return diag.Errorf(At(file, n), "the alias *%s makes the file too large: with its aliases expanded it passes %d bytes", name, limit).
					WithHint("write the value out where it is needed, or name it less often")
			}
			return nil
		}
		total += 1 + int64(len(n.Value))
		for _, c := range n.Content {
			if d := walk(c); d != nil {
				return d
			}
		}
		return nil
	}
	return walk(root)
}

// expandedSize is the size of n with its aliases expanded, remembered per node and
// capped just above limit so that it cannot overflow.
func expandedSize(n *yaml.Node, sizes map[*yaml.Node]int64, limit int64) int64 {
	if n == nil {
		return 0
	}
	if s, ok := sizes[n]; ok {
		return s
	}
	sizes[n] = limit + 1 // an anchor within its own value counts as too large
	var s int64
	if n.Kind == yaml.AliasNode {
		s = expandedSize(n.Alias, sizes, limit)
	} else {
		s = 1 + int64(len(n.Value))
		for _, c := range n.Content {
			s += expandedSize(c, sizes, limit)
			if s > limit {
				s = limit + 1
				break
			}
		}
	}
	sizes[n] = min(s, limit+1)
	return sizes[n]
}
