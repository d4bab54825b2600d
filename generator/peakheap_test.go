package generator_test

import (
	"runtime"
	"runtime/metrics"
	"sync"
	"time"
)

// peakHeap samples the heap's object bytes (live and not yet collected:
// what the process must hold) every half millisecond while it runs, and
// returns the highest value seen minus the value before it started. The
// runtime/metrics read does not stop the world, so sampling barely slows
// the work it measures.
func peakHeap(work func()) uint64 {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 {
		metrics.Read(sample)
		return sample[0].Value.Uint64()
	}
	base := read()
	peak := base
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(500 * time.Microsecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				peak = max(peak, read())
			}
		}
	}()
	work()
	close(stop)
	wg.Wait()
	peak = max(peak, read())
	return peak - base
}
