package main

import (
	"os"
	"runtime/debug"
)

// A generation's live heap peaks at about 18 times the size of its
// description (Preview: 1.6 MB of YAML, 28 MiB live, most of it the YAML
// tree and kin-openapi's model, released before rendering). With the
// default GOGC the heap may grow to twice that before a collection; a soft
// memory limit a little above the live peak makes the collector run
// earlier instead, which lowers the process's peak memory by a fifth for a
// few percent more collection work (measured with peerbench). The limit
// is never below what the live heap needs, so the collector cannot thrash.
const (
	minMemoryLimit    = 64 << 20
	memoryPerSpecByte = 40
)

// tuneGC sets the soft memory limit for generating the descriptions at
// paths, inflight of them at a time, unless GOMEMLIMIT or GOGC says
// otherwise.
func tuneGC(paths []string, inflight int) {
	if os.Getenv("GOMEMLIMIT") != "" || os.Getenv("GOGC") != "" {
		return
	}
	var largest int64
	for _, p := range paths {
		if st, err := os.Stat(p); err == nil {
			largest = max(largest, st.Size())
		}
	}
	per := max(minMemoryLimit, memoryPerSpecByte*largest)
	debug.SetMemoryLimit(per * int64(max(1, inflight)))
}
