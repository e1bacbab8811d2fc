package gazetteer

import "fmt"

// automaton is an Aho–Corasick automaton over bytes of folded text: a trie of
// the folded patterns in which a missing edge leads where the edge from the
// state of the longest proper suffix leads, so that scanning takes one
// transition per byte and never backs up.
//
// A state is a uint32 id. States near the root, where scanning spends nearly
// all its time, have dense rows indexed by byte class, and their id is the
// offset of their row, so a transition is a single load. Deeper states,
// visited only while the text spells out a long pattern prefix, number in
// the tens of thousands; dense rows for them would fill megabytes that are
// cache misses when touched. They get short records instead, holding only
// their own edges and their suffix state, laid out depth first so that the
// states along one pattern share cache lines.
type automaton struct {
	// dense has one row per shallow state: an entry per class, then the
	// pattern the state spells plus one (or 0), the next state on its chain
	// of suffixes that spells a pattern (or 0, the root, which spells none),
	// and its depth in bytes.
	dense                   []uint32
	colOut, colDict, colLen uint32

	// deep holds a record per deeper state, whose id is deepBase plus the
	// record's offset: a header (number of edges, deepSpace, deepMatch),
	// the suffix state, the edges as class and state pairs, then, for a
	// state that ends a pattern, the same three values as the last columns
	// of a dense row.
	deep     []uint32
	deepBase uint32

	// class maps a byte to its class, folding ASCII case and white space.
	class [256]uint32
	space uint32 // the class of the blank, or 0
}

const (
	// flagMatch marks a transition to a state at which a pattern ends: the
	// pattern the state spells or one of its suffixes.
	flagMatch uint32 = 1 << 31

	// denseDepth is the depth in bytes down to which states get dense rows:
	// a CJK character and the lead byte of the next, or four ASCII letters.
	denseDepth = 4

	deepSpace = 1 << 16 // the state ends with a blank
	deepMatch = 1 << 17 // a pattern ends at the state, as with flagMatch
)

// next returns the transition from state s on class c.
func (a *automaton) next(s, c uint32) uint32 {
	if s < a.deepBase {
		return a.dense[s+c]
	}
	return a.deepNext(s, c)
}

func (a *automaton) deepNext(s, c uint32) uint32 {
	for s >= a.deepBase {
		r := s - a.deepBase
		h := a.deep[r]
		edges := a.deep[r+2 : r+2+2*(h&0xFFFF)]
		for k := 0; k < len(edges); k += 2 {
			if edges[k] == c {
				return edges[k+1]
			}
		}
		if c == a.space && h&deepSpace != 0 {
			if h&deepMatch != 0 {
				return s | flagMatch
			}
			return s
		}
		s = a.deep[r+1]
	}
	return a.dense[s+c]
}

// output returns the pattern that state s spells plus one, or 0, and the
// next state on its chain of suffixes that spells a pattern, or 0.
func (a *automaton) output(s uint32) (out, dict uint32) {
	if s < a.deepBase {
		return a.dense[s+a.colOut], a.dense[s+a.colDict]
	}
	r := s - a.deepBase
	h := a.deep[r]
	if h&deepMatch == 0 {
		return 0, 0
	}
	tail := r + 2 + 2*(h&0xFFFF)
	return a.deep[tail], a.deep[tail+1]
}

// depth returns the length in bytes of the text that state s, a state at
// which a pattern ends, stands for.
func (a *automaton) depth(s uint32) uint32 {
	if s < a.deepBase {
		return a.dense[s+a.colLen]
	}
	r := s - a.deepBase
	return a.deep[r+2+2*(a.deep[r]&0xFFFF)+2]
}

func (a *automaton) build(folds []string, total int) error {
	var class [256]uint32
	var used [256]bool
	for _, f := range folds {
		for i := 0; i < len(f); i++ {
			used[f[i]] = true
		}
	}
	n := uint32(1) // class 0: bytes in no pattern
	for b := range used {
		if used[b] {
			class[b] = n
			n++
		}
	}
	for c := byte('A'); c <= 'Z'; c++ {
		class[c] = class[c+'a'-'A']
	}
	for _, c := range []byte("\t\n\v\f\r") {
		class[c] = class[' ']
	}
	a.space = class[' ']
	a.class = class
	a.colOut, a.colDict, a.colLen = n, n+1, n+2
	stride := n + 3

	// The trie, as lists of children; node 0 is the root, the child of no
	// node, so 0 also means none.
	child := make([]uint32, 1, total+1)
	sibling := make([]uint32, 1, total+1)
	label := make([]uint32, 1, total+1)
	out := make([]uint32, 1, total+1)
	var rootChild [256]uint32
	edge := func(u, c uint32) uint32 {
		if u == 0 {
			return rootChild[c]
		}
		v := child[u]
		for v != 0 && label[v] != c {
			v = sibling[v]
		}
		return v
	}
	for pi, f := range folds {
		u := uint32(0)
		for i := 0; i < len(f); i++ {
			c := class[f[i]]
			v := edge(u, c)
			if v == 0 {
				v = uint32(len(child))
				child = append(child, 0)
				sibling = append(sibling, child[u])
				label = append(label, c)
				out = append(out, 0)
				child[u] = v
				if u == 0 {
					rootChild[c] = v
				}
			}
			u = v
		}
		out[u] = uint32(pi) + 1
	}

	// Suffix states breadth first, each from its parent's.
	nodes := len(child)
	order := make([]uint32, 1, nodes)
	fail := make([]uint32, nodes)
	dict := make([]uint32, nodes)
	depth := make([]uint32, nodes)
	dense := 1
	for k := 0; k < len(order); k++ {
		u := order[k]
		if depth[u] <= denseDepth {
			dense = k + 1
		}
		for v := child[u]; v != 0; v = sibling[v] {
			depth[v] = depth[u] + 1
			if u != 0 {
				f := fail[u]
				for {
					if w := edge(f, label[v]); w != 0 {
						fail[v] = w
						break
					}
					if f == 0 {
						break
					}
					f = fail[f]
				}
			}
			if out[fail[v]] != 0 {
				dict[v] = fail[v]
			} else {
				dict[v] = dict[fail[v]]
			}
			order = append(order, v)
		}
	}

	// State ids: dense rows in breadth-first order, then deep records depth
	// first below the last dense level.
	id := make([]uint32, nodes)
	a.deepBase = uint32(dense) * stride
	for k, u := range order[:dense] {
		id[u] = uint32(k) * stride
	}
	size := uint64(a.deepBase)
	var stack []uint32
	for _, u := range order[:dense] {
		if depth[u] != denseDepth {
			continue
		}
		stack = append(stack[:0], u)
		for len(stack) > 0 {
			w := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for v := child[w]; v != 0; v = sibling[v] {
				stack = append(stack, v)
			}
			if w == u {
				continue
			}
			id[w] = uint32(size)
			size += 2
			for v := child[w]; v != 0; v = sibling[v] {
				size += 2
			}
			if out[w] != 0 || dict[w] != 0 {
				size += 3
			}
		}
	}
	if size >= uint64(flagMatch) {
		return fmt.Errorf("gazetteer: %d patterns, %d bytes: %w", len(folds), total, ErrTooLarge)
	}
	target := func(v uint32) uint32 {
		if out[v] != 0 || dict[v] != 0 {
			return id[v] | flagMatch
		}
		return id[v]
	}

	// Dense rows start as a copy of the row of their suffix state, which is
	// complete because that state is shallower.
	a.dense = make([]uint32, a.deepBase)
	for k, u := range order[:dense] {
		s := uint32(k) * stride
		if k > 0 {
			f := id[fail[u]]
			copy(a.dense[s:s+n], a.dense[f:f+n])
		}
		for v := child[u]; v != 0; v = sibling[v] {
			a.dense[s+label[v]] = target(v)
		}
		// Folded text never holds two blanks in a row: more white space
		// after a blank leaves the state as it is.
		if k > 0 && label[u] == a.space && a.space != 0 {
			a.dense[s+a.space] = target(u)
		}
		a.dense[s+a.colOut], a.dense[s+a.colDict], a.dense[s+a.colLen] = out[u], id[dict[u]], depth[u]
	}

	a.deep = make([]uint32, size-uint64(a.deepBase))
	for _, u := range order[dense:] {
		r := id[u] - a.deepBase
		h := uint32(0)
		e := r + 2
		for v := child[u]; v != 0; v = sibling[v] {
			a.deep[e], a.deep[e+1] = label[v], target(v)
			e += 2
			h++
		}
		if label[u] == a.space && a.space != 0 {
			h |= deepSpace
		}
		a.deep[r], a.deep[r+1] = h, id[fail[u]]
		if out[u] != 0 || dict[u] != 0 {
			a.deep[r] |= deepMatch
			a.deep[e], a.deep[e+1], a.deep[e+2] = out[u], id[dict[u]], depth[u]
		}
	}
	return nil
}
