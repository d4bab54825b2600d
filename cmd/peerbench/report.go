package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"time"
)

type report struct {
	cfg      *config
	machine  string
	versions []versionResult
	scale    []scaleRow
	// scaleConfig is one process generating every version of scale from
	// one config file.
	scaleConfig stats
}

// describeMachine names the CPU, core count and Go toolchain.
func describeMachine(ctx context.Context) string {
	cpu := runtime.GOARCH
	if f, err := os.Open("/proc/cpuinfo"); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if k, v, ok := strings.Cut(sc.Text(), ":"); ok && strings.TrimSpace(k) == "model name" {
				cpu = strings.TrimSpace(v)
				break
			}
		}
		f.Close()
	}
	goVersion := runtime.Version()
	if out, err := exec.CommandContext(ctx, "go", "env", "GOVERSION").Output(); err == nil {
		goVersion = strings.TrimSpace(string(out))
	}
	return fmt.Sprintf("%s, %d cores, %s %s/%s", cpu, runtime.NumCPU(), goVersion, runtime.GOOS, runtime.GOARCH)
}

func secs(d time.Duration) string { return fmt.Sprintf("%.3f", d.Seconds()) }
func mib(kb int64) string         { return fmt.Sprintf("%d", (kb+512)/1024) }

func ratio(a, b float64) string {
	if b == 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f×", a/b)
}

func (r *report) write(w io.Writer) {
	fmt.Fprintf(w, "Measured by `go run ./cmd/peerbench` on %s, %s.\n", r.machine, time.Now().UTC().Format("2006-01-02"))
	fmt.Fprintf(w, "Medians of %d runs after one warm-up, tools alternating; peak memory is the process's maximum resident set.\n", r.cfg.runs)
	for _, vr := range r.versions {
		fmt.Fprintf(w, "\n#### %s (%.2f MB description)\n\n", vr.in.version, float64(vr.in.size)/1e6)
		fmt.Fprintln(w, "| tool | generate s | generate MiB | Go lines | compile s | compile MiB |")
		fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|")
		for _, tr := range vr.results {
			compile, cmem := "–", "–"
			if tr.compile.n > 0 {
				compile, cmem = secs(tr.compile.wall), mib(tr.compile.rssKB)
			}
			fmt.Fprintf(w, "| %s | %s | %s | %d | %s | %s |\n", tr.tool, secs(tr.gen.wall), mib(tr.gen.rssKB), tr.lines, compile, cmem)
		}
		kinNote := ""
		if vr.kinFile != vr.in.original {
			kinNote = " (patched file)"
		}
		fmt.Fprintf(w, "| kin-openapi LoadFromFile%s, the floor | %s | %s | – | – | – |\n", kinNote, secs(vr.kin.wall), mib(vr.kin.rssKB))
		if len(vr.results) < 2 {
			continue
		}
		ig := vr.results[0]
		fmt.Fprintf(w, "\nintercom-gen / peer:\n\n")
		fmt.Fprintln(w, "| peer | generate time | generate memory | Go lines | compile time | compile memory |")
		fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|")
		for _, p := range vr.results[1:] {
			fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s |\n", p.tool,
				ratio(ig.gen.wall.Seconds(), p.gen.wall.Seconds()),
				ratio(float64(ig.gen.rssKB), float64(p.gen.rssKB)),
				ratio(float64(ig.lines), float64(p.lines)),
				ratio(ig.compile.wall.Seconds(), p.compile.wall.Seconds()),
				ratio(float64(ig.compile.rssKB), float64(p.compile.rssKB)))
		}
		fmt.Fprintf(w, "| kin-openapi LoadFromFile | %s | %s | – | – | – |\n",
			ratio(ig.gen.wall.Seconds(), vr.kin.wall.Seconds()), ratio(float64(ig.gen.rssKB), float64(vr.kin.rssKB)))
	}
	if len(r.scale) > 0 {
		fmt.Fprintf(w, "\n#### intercom-gen on every version\n\n")
		fmt.Fprintln(w, "| version | description MB | generate s | s per MB |")
		fmt.Fprintln(w, "|---|---:|---:|---:|")
		var total time.Duration
		for _, row := range r.scale {
			mb := float64(row.in.size) / 1e6
			total += row.gen.wall
			fmt.Fprintf(w, "| %s | %.2f | %s | %.3f |\n", row.in.version, mb, secs(row.gen.wall), row.gen.wall.Seconds()/mb)
		}
		fmt.Fprintf(w, "| all %d, one process each, one after another | | %s | |\n", len(r.scale), secs(total))
		if r.scaleConfig.n > 0 {
			fmt.Fprintf(w, "| all %d, one process: `generate --config` with %d targets | | %s (%s MiB) | |\n",
				len(r.scale), len(r.scale), secs(r.scaleConfig.wall), mib(r.scaleConfig.rssKB))
		}
		if len(r.scale) > 1 {
			first, last := r.scale[0], r.scale[len(r.scale)-1]
			fmt.Fprintf(w, "\n%s → %s: the description grows %s, generation time %s.\n", first.in.version, last.in.version,
				ratio(float64(last.in.size), float64(first.in.size)), ratio(last.gen.wall.Seconds(), first.gen.wall.Seconds()))
		}
	}
}
