package pipeline

import (
	"runtime/debug"
	"testing"
)

// The soft heap limit stays while the live heap is well below it, and follows
// the live heap up, to twice it, once it comes near: never a limit the working
// set fills. A build that set no limit changes none.
func TestMemoryLimitFollowsTheLiveHeap(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	m := &memoryLimiter{limit: memoryLimit, old: debug.SetMemoryLimit(memoryLimit)}
	defer func() {
		m.restore()
		if got := debug.SetMemoryLimit(-1); got != before {
			t.Errorf("restore left the limit at %d, not the %d found", got, before)
		}
	}()
	m.observe(300 << 20) // below 0.6 × 640 MiB
	if got := debug.SetMemoryLimit(-1); got != memoryLimit || m.limit != memoryLimit {
		t.Errorf("live 300 MiB: limit %d (%d), want it left at %d", got, m.limit, memoryLimit)
	}
	m.observe(500 << 20)
	if got := debug.SetMemoryLimit(-1); got != 1000<<20 || m.limit != 1000<<20 {
		t.Errorf("live 500 MiB: limit %d (%d), want %d", got, m.limit, 1000<<20)
	}
	m.observe(700 << 20) // 0.7 of 1000 MiB: near again
	if got := debug.SetMemoryLimit(-1); got != 1400<<20 {
		t.Errorf("live 700 MiB: limit %d, want %d", got, 1400<<20)
	}
	none := &memoryLimiter{}
	none.observe(900 << 20)
	if got := debug.SetMemoryLimit(-1); got != 1400<<20 {
		t.Errorf("a build without a limit changed it to %d", got)
	}
}
