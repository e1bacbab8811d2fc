package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"runtime/debug"
	"strings"
)

// ErrDamaged means a bolt store's file cannot be read as it stands: cut short, or
// with pages overwritten. Nothing is written to it; `graph check` says more where
// the file can be opened at all, and building again into a new folder replaces it.
var ErrDamaged = errors.New("the store is damaged")

// The layout of a bbolt file's first two pages, each a page header followed by the
// meta record that says how large the file must be.
const (
	pageHeaderSize = 16
	metaMagic      = 0xED0CDAED
	// Offsets within the meta record.
	metaPageSizeAt = 8
	metaPgidAt     = 40
	metaTxidAt     = 48
	metaSumAt      = 56
)

// checkBoltFile refuses a store file that bbolt would map beyond its end (a read
// there kills the process with SIGBUS) or that is empty (bbolt would silently make
// a new store over it, hiding the loss).
func checkBoltFile(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil // a new store
	}
	if err != nil {
		return err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return err
	}
	if !info.Mode().IsRegular() {
		return fmt.Errorf("%w: %s is not a regular file", ErrDamaged, path)
	}
	size := info.Size()
	if size == 0 {
		return fmt.Errorf("%w: %s is empty", ErrDamaged, path)
	}
	head := make([]byte, 64<<10)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return err
	}
	head = head[:n]
	// Meta 0 is at offset 0; meta 1 one page further. The valid one with the
	// higher transaction is the store's state.
	best, bestTx, bestPgid, pageSize := -1, uint64(0), uint64(0), uint64(0)
	m0ok, ps := readMeta(head, 0)
	if m0ok {
		pageSize = ps.pageSize
		best, bestTx, bestPgid = 0, ps.txid, ps.pgid
	}
	if pageSize == 0 {
		// Meta 0 is gone; try the page sizes bbolt uses to find meta 1.
		for _, guess := range []uint64{4096, 8192, 16384, 32768, 65536} {
			if ok, m := readMeta(head, guess); ok && m.pageSize == guess {
				pageSize = guess
				break
			}
		}
	}
	if pageSize != 0 {
		if ok, m := readMeta(head, pageSize); ok && (best < 0 || m.txid > bestTx) {
			best, bestPgid = 1, m.pgid
		}
	}
	if best < 0 {
		return fmt.Errorf("%w: %s has no valid header", ErrDamaged, path)
	}
	if need := int64(bestPgid) * int64(pageSize); need > size {
		return fmt.Errorf("%w: %s is %d bytes but its pages run to %d (the file was cut short)", ErrDamaged, path, size, need)
	}
	return nil
}

type meta struct{ pageSize, pgid, txid uint64 }

// readMeta reads the meta record of the page at offset and checks its magic and
// checksum.
func readMeta(b []byte, offset uint64) (bool, meta) {
	start := offset + pageHeaderSize
	if uint64(len(b)) < start+metaSumAt+8 {
		return false, meta{}
	}
	m := b[start:]
	le := binary.LittleEndian
	if le.Uint32(m[0:]) != metaMagic {
		return false, meta{}
	}
	h := fnv.New64a()
	h.Write(m[:metaSumAt])
	if h.Sum64() != le.Uint64(m[metaSumAt:]) {
		return false, meta{}
	}
	return true, meta{pageSize: uint64(le.Uint32(m[metaPageSizeAt:])), pgid: le.Uint64(m[metaPgidAt:]), txid: le.Uint64(m[metaTxidAt:])}
}

// survive turns a panic of the storage engine on a damaged file (bbolt asserts
// what it reads and panics when a page is not what it expects) into an
// [ErrDamaged] error, so that a command fails with a message rather than a stack
// trace. Every method that reads or writes the store defers it, with the
// goroutine's earlier panic-on-fault setting: while it runs, a read of the memory
// map past a damaged page's end is a panic (that survive recovers) rather than the
// fatal fault that kills the process.
//
//	defer survive(s.where, &err, debug.SetPanicOnFault(true))
func survive(where string, err *error, panicOnFault bool) {
	debug.SetPanicOnFault(panicOnFault)
	r := recover()
	if r == nil {
		return
	}
	msg := fmt.Sprint(r)
	if e, ok := r.(error); ok {
		msg = e.Error()
	}
	msg = strings.TrimPrefix(msg, "assertion failed: ")
	*err = fmt.Errorf("%w: reading %s failed: %s; run graph check, and build again into a new store", ErrDamaged, where, msg)
}
