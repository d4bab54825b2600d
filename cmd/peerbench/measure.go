package main

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// A sample is one process run: wall time and the peak resident memory of
// the process and its children (a go build's compiler included).
type sample struct {
	wall  time.Duration
	rssKB int64
}

// stats are the medians of counted runs.
type stats struct {
	wall  time.Duration
	rssKB int64
	min   time.Duration
	max   time.Duration
	n     int
}

func summarize(samples []sample) stats {
	if len(samples) == 0 {
		return stats{}
	}
	walls := make([]time.Duration, len(samples))
	rss := make([]int64, len(samples))
	for i, s := range samples {
		walls[i], rss[i] = s.wall, s.rssKB
	}
	slices.Sort(walls)
	slices.Sort(rss)
	return stats{wall: median(walls), rssKB: median(rss), min: walls[0], max: walls[len(walls)-1], n: len(samples)}
}

func median[T int64 | time.Duration](sorted []T) T {
	n := len(sorted)
	if n%2 == 1 {
		return sorted[n/2]
	}
	return (sorted[n/2-1] + sorted[n/2]) / 2
}

// measure runs cmd to completion and fails with the end of its output.
func measure(cmd *exec.Cmd) (sample, error) {
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		tail := out.String()
		if len(tail) > 2000 {
			tail = "…" + tail[len(tail)-2000:]
		}
		return sample{}, fmt.Errorf("%s: %v\n%s", strings.Join(cmd.Args, " "), err, tail)
	}
	return sample{wall: wall, rssKB: maxRSSKB(cmd.ProcessState)}, nil
}

// goLines counts the lines of the .go files in dir.
func goLines(dir string) (int, error) {
	total := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || filepath.Base(p) == nonceFile {
			return err
		}
		data, err := os.ReadFile(p)
		total += bytes.Count(data, []byte("\n"))
		return err
	})
	return total, err
}

// goCmd is a go command run in a scratch module, outside any workspace.
func goCmd(ctx context.Context, dir string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
	return cmd
}
