package store

import (
	"bufio"
	"fmt"
	"os"
	"syscall"

	bolt "go.etcd.io/bbolt"
)

// releaseMapped drops the pages of the database's memory map from the process.
// bolt reads through a read-only shared map of the file; the pages a long build
// reads stay counted as the process's memory although the kernel keeps them in its
// file cache anyway. Dropping them costs a page fault at the next read. The exact
// mapping is taken from /proc/self/maps, so nothing else is touched.
func releaseMapped(db *bolt.DB) {
	start := db.Info().Data
	f, err := os.Open("/proc/self/maps")
	if err != nil {
		return
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var lo, hi uintptr
		if _, err := fmt.Sscanf(sc.Text(), "%x-%x", &lo, &hi); err != nil || lo != start {
			continue
		}
		syscall.Syscall(syscall.SYS_MADVISE, lo, hi-lo, syscall.MADV_DONTNEED)
		return
	}
}
