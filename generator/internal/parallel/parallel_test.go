package parallel

import (
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
)

func TestEach(t *testing.T) {
	for _, workers := range []int{0, 1, 3, 100} {
		var calls atomic.Int64
		seen := make([]int, 50)
		err := Each(len(seen), workers, func(i int) error {
			calls.Add(1)
			seen[i]++
			if i == 7 || i == 31 {
				return fmt.Errorf("fail %d", i)
			}
			return nil
		})
		if err == nil || err.Error() != "fail 7" {
			t.Errorf("%d workers: err %v, want the lowest index's", workers, err)
		}
		for i, n := range seen {
			if n != 1 {
				t.Errorf("%d workers: f(%d) ran %d times", workers, i, n)
			}
		}
	}
	if err := Each(0, 4, func(int) error { return errors.New("never") }); err != nil {
		t.Errorf("no work: %v", err)
	}
}
