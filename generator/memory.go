package generator

import (
	"os"
	"runtime/debug"
)

// A generation's live heap peaks at about 14 times the size of its
// description (Preview: 1.6 MB of YAML, about 22 MiB live, most of it the
// YAML tree and kin-openapi's model, released before rendering), then
// falls to a few MiB while files are rendered. With the default GOGC the
// collector runs each time the heap doubles: about ten times for Preview,
// most of them during rendering, when the live heap is small and the heap
// doubles quickly. tuneMemory instead turns proportional collection off
// and sets a soft memory limit above the live peak: the collector runs
// only when the heap nears the limit (twice for Preview), which spends
// less time collecting for about the same peak memory (measured with
// peerbench). The limit, 36 bytes per byte of description, is more than
// twice what the live heap needs, so the collector cannot thrash, and at
// least 32 MiB, for small descriptions whose heap is mostly the fixed
// cost of rendering; were a description to need more, the runtime lets
// the heap grow past a soft limit rather than fail.
const (
	minMemoryLimit    = 32 << 20
	memoryPerSpecByte = 36
)

// tuneMemory sets the collector up for generating targets, inflight of
// them at a time, unless GOMEMLIMIT or GOGC says otherwise.
func tuneMemory(targets []Target, inflight int) {
	if os.Getenv("GOMEMLIMIT") != "" || os.Getenv("GOGC") != "" {
		return
	}
	var paths []string
	for _, t := range targets {
		if p, err := t.Description(); err == nil {
			paths = append(paths, p)
		}
	}
	debug.SetMemoryLimit(memoryLimit(paths, inflight))
	debug.SetGCPercent(-1)
}

// memoryLimit is the soft memory limit for generating the descriptions at
// paths, inflight at a time: a share for each, sized for the largest.
func memoryLimit(paths []string, inflight int) int64 {
	var largest int64
	for _, p := range paths {
		if st, err := os.Stat(p); err == nil {
			largest = max(largest, st.Size())
		}
	}
	per := max(minMemoryLimit, memoryPerSpecByte*largest)
	return per * int64(max(1, inflight))
}
