package pipeline

import (
	"runtime/debug"
	"runtime/metrics"
)

// A build sets a soft limit of memoryLimit on the Go heap, unless GOMEMLIMIT says
// otherwise, so that it collects garbage more often rather than let its heap
// double: 1,000 interviews then stay under 1 GiB (docs/scale.md). It does so only
// when the validated graphs it holds leave room for the store's transactions
// (their live heap at most memoryRoomy); a larger build needs more memory whatever
// the limit, and a limit below its working set only makes the collector run
// without pause.
const (
	memoryLimit = 640 << 20
	memoryRoomy = 256 << 20
)

// limitMemory sets the soft heap limit, once the graphs are loaded, and returns
// what restores the previous limit.
func limitMemory() (restore func()) {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	if sample[0].Value.Kind() != metrics.KindUint64 || sample[0].Value.Uint64() > memoryRoomy {
		return func() {}
	}
	old := debug.SetMemoryLimit(memoryLimit)
	return func() { debug.SetMemoryLimit(old) }
}
