package pipeline

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// A build sets a soft limit of memoryLimit on the Go heap, unless GOMEMLIMIT says
// otherwise, so that it collects garbage more often rather than let its heap
// double (docs/scale.md). It does so only when the validated graphs it holds leave
// room for the store's transactions (their live heap at most memoryRoomy), and it
// raises the limit to twice the live heap whenever the live heap passes
// memoryNear of it: a transaction's working set grows with the store (each one
// reads the pages of nearly all of the value buckets), and a limit near the
// working set only makes the collector run without pause (on 2.8 million quads, 45 s
// more CPU than without a limit).
const (
	memoryLimit = 640 << 20
	memoryRoomy = 256 << 20
	memoryNear  = 0.6
)

// memoryLimiter is the soft heap limit of one build; a zero limit is none set.
type memoryLimiter struct {
	limit int64
	old   int64
}

// limitMemory sets the soft heap limit, once the graphs are loaded; the build
// calls follow after each commit and restore at its end.
func limitMemory() *memoryLimiter {
	// The live heap the last collection saw may be one from the middle of the
	// loading: collect now, so that the same graphs always give the same answer.
	runtime.GC()
	if live, ok := liveHeap(); !ok || live > memoryRoomy {
		return &memoryLimiter{}
	}
	return &memoryLimiter{limit: memoryLimit, old: debug.SetMemoryLimit(memoryLimit)}
}

// follow raises the limit to twice the live heap when the live heap (as the last
// collection saw it) has come near it. Without a limit it reads nothing.
func (m *memoryLimiter) follow() {
	if m.limit == 0 {
		return
	}
	if live, ok := liveHeap(); ok {
		m.observe(live)
	}
}

// observe raises the limit to twice live when live has come near it.
func (m *memoryLimiter) observe(live uint64) {
	if m.limit != 0 && float64(live) > memoryNear*float64(m.limit) {
		m.limit = 2 * int64(live)
		debug.SetMemoryLimit(m.limit)
	}
}

// restore puts back the limit the build found.
func (m *memoryLimiter) restore() {
	if m.limit != 0 {
		debug.SetMemoryLimit(m.old)
	}
}

func liveHeap() (uint64, bool) {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	if sample[0].Value.Kind() != metrics.KindUint64 {
		return 0, false
	}
	return sample[0].Value.Uint64(), true
}
