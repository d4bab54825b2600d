package generator

import (
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"
)

func TestMemoryLimit(t *testing.T) {
	dir := t.TempDir()
	small := filepath.Join(dir, "small.yaml")
	large := filepath.Join(dir, "large.yaml")
	if err := os.WriteFile(small, make([]byte, 1<<10), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(large, make([]byte, 4<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name     string
		paths    []string
		inflight int
		want     int64
	}{
		{"small description: the floor", []string{small}, 1, minMemoryLimit},
		{"large description: its share", []string{large}, 1, memoryPerSpecByte * 4 << 20},
		{"sized for the largest", []string{small, large}, 1, memoryPerSpecByte * 4 << 20},
		{"a share per target in flight", []string{small, large}, 2, 2 * memoryPerSpecByte * 4 << 20},
		{"a missing file counts as empty", []string{filepath.Join(dir, "missing.yaml")}, 0, minMemoryLimit},
	}
	for _, c := range cases {
		if got := memoryLimit(c.paths, c.inflight); got != c.want {
			t.Errorf("%s: memoryLimit = %d, want %d", c.name, got, c.want)
		}
	}
}

// TestTuneMemory checks that the collector is never tuned against GOGC or
// GOMEMLIMIT in the environment.
func TestTuneMemory(t *testing.T) {
	restore := func(limit int64, percent int) {
		debug.SetMemoryLimit(limit)
		debug.SetGCPercent(percent)
	}
	limit, percent := debug.SetMemoryLimit(-1), debug.SetGCPercent(100)
	debug.SetGCPercent(percent)
	defer restore(limit, percent)

	cases := []struct {
		name string
		env  map[string]string
		tune bool
	}{
		{"nothing set", nil, true},
		{"GOGC set", map[string]string{"GOGC": "200"}, false},
		{"GOMEMLIMIT set", map[string]string{"GOMEMLIMIT": "1GiB"}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv("GOGC", "")
			t.Setenv("GOMEMLIMIT", "")
			os.Unsetenv("GOGC")
			os.Unsetenv("GOMEMLIMIT")
			for k, v := range c.env {
				t.Setenv(k, v)
			}
			restore(limit, percent)
			tuneMemory(nil, 1)
			gotLimit, gotPercent := debug.SetMemoryLimit(-1), debug.SetGCPercent(percent)
			tuned := gotLimit == minMemoryLimit && gotPercent == -1
			untouched := gotLimit == limit && gotPercent == percent
			switch {
			case c.tune && !tuned:
				t.Errorf("not tuned: limit %d, GOGC %d", gotLimit, gotPercent)
			case !c.tune && !untouched:
				t.Errorf("tuned anyway: limit %d, GOGC %d", gotLimit, gotPercent)
			}
		})
	}
}
