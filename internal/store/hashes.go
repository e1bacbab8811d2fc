package store

import (
	"context"
	"crypto/sha256"

	"github.com/cayleygraph/quad"
)

// labelHashes remembers, for backends written through Cayley's deltas (memory, SQL),
// the content hash of each label as last written, so that an unchanged label is
// skipped without reading its quads. Bolt keeps its hashes in the manifests.
//
// The hashes cannot share the quads' transaction there, so they are only ever a
// shortcut: a label's hash is forgotten before its quads change and stored after
// they committed. A write cut short leaves no hash, and the next write of that label
// compares its quads instead.
type labelHashes interface {
	get(ctx context.Context, labels []quad.IRI) (map[quad.IRI][sha256.Size]byte, error)
	forget(ctx context.Context, labels []quad.IRI) error
	set(ctx context.Context, hashes map[quad.IRI][sha256.Size]byte) error
	close() error
}

// quadsHash is the content hash of a label's quads given as distinct N-Quads lines
// in sorted order.
func quadsHash(lines []string) [sha256.Size]byte {
	h := sha256.New()
	h.Write([]byte("graph nquads v1\n"))
	for _, l := range lines {
		h.Write([]byte(l))
		h.Write([]byte{'\n'})
	}
	var out [sha256.Size]byte
	h.Sum(out[:0])
	return out
}

// memoryHashes is the memory backend's table: the store lives as long as it does.
type memoryHashes map[quad.IRI][sha256.Size]byte

func (m memoryHashes) get(_ context.Context, labels []quad.IRI) (map[quad.IRI][sha256.Size]byte, error) {
	out := map[quad.IRI][sha256.Size]byte{}
	for _, l := range labels {
		if h, ok := m[l]; ok {
			out[l] = h
		}
	}
	return out, nil
}

func (m memoryHashes) forget(_ context.Context, labels []quad.IRI) error {
	for _, l := range labels {
		delete(m, l)
	}
	return nil
}

func (m memoryHashes) set(_ context.Context, hashes map[quad.IRI][sha256.Size]byte) error {
	for l, h := range hashes {
		m[l] = h
	}
	return nil
}

func (memoryHashes) close() error { return nil }

// hashTable holds the labels' content hashes in a PostgreSQL store's own
// database, a table Cayley does not read (see pgstore.go).
const hashTable = "graph_label_hashes"

// inputsTable holds the labels' inputs records in a PostgreSQL store (see
// inputs.go), a table Cayley does not read either.
const inputsTable = "graph_label_inputs"
