// Package parallel runs indexed work on a few goroutines with a result
// that does not depend on scheduling: the generator's rendering and
// writing.
package parallel

import (
	"sync"
	"sync/atomic"
)

// Each runs f(0) … f(n-1) on up to workers goroutines and returns the
// error of the lowest index that failed (nil if none did), so that the
// same failures always give the same error.
func Each(n, workers int, f func(i int) error) error {
	errs := make([]error, n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range max(1, min(workers, n)) {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				errs[i] = f(i)
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
