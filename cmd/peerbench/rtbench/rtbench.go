// Package rtbench runs benchmarks side by side and prints their medians
// and ratios as Markdown. It is the measuring half of peerbench -runtime:
// peerbench copies this file into a scratch module, renamed into package
// main, beside a generated file that lists the cases (decoding and
// encoding the payloads with each tool's generated package) and calls
// Main. It is a package of its own here so that it is compiled and tested
// with the repository.
package rtbench

import (
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"runtime/pprof"
	"slices"
	"testing"
	"time"
)

// A Case is one tool doing one thing. Cases with the same Table and Row
// are compared: the first of them is the subject, the last the baseline
// of the row's ratios.
type Case struct {
	Table string // a heading: the version, say
	Row   string // what is measured: "contact (1.8 KB): decode, json.Unmarshal"
	Tool  string
	Run   func(b *testing.B)
}

// A Result is the medians of one case's rounds.
type Result struct {
	Case
	NsPerOp, BytesPerOp, AllocsPerOp float64
	Rounds                           int
}

// Measure runs every case once per round, rows one after another and the
// tools of a row in an order that rotates from round to round, so that a
// change in the machine's load is shared between the tools compared. run
// is testing.Benchmark, or a stand-in in tests.
func Measure(cases []Case, rounds int, run func(func(*testing.B)) testing.BenchmarkResult, progress io.Writer) []Result {
	type sample struct{ ns, bytes, allocs []float64 }
	samples := make([]sample, len(cases))
	rows := rowsOf(cases)
	for r := range rounds {
		for _, row := range rows {
			for k := range row {
				i := row[(r+k)%len(row)]
				res := run(cases[i].Run)
				if res.N == 0 {
					continue // the benchmark failed; its output says why
				}
				samples[i].ns = append(samples[i].ns, float64(res.T.Nanoseconds())/float64(res.N))
				samples[i].bytes = append(samples[i].bytes, float64(res.AllocedBytesPerOp()))
				samples[i].allocs = append(samples[i].allocs, float64(res.AllocsPerOp()))
			}
		}
		if progress != nil {
			fmt.Fprintf(progress, "rtbench: round %d of %d done\n", r+1, rounds)
		}
	}
	out := make([]Result, len(cases))
	for i, c := range cases {
		s := samples[i]
		out[i] = Result{Case: c, NsPerOp: median(s.ns), BytesPerOp: median(s.bytes), AllocsPerOp: median(s.allocs), Rounds: len(s.ns)}
	}
	return out
}

// rowsOf groups the indexes of cases by table and row, in order of first
// appearance.
func rowsOf(cases []Case) [][]int {
	var keys []string
	byKey := map[string][]int{}
	for i, c := range cases {
		k := c.Table + "\x00" + c.Row
		if _, ok := byKey[k]; !ok {
			keys = append(keys, k)
		}
		byKey[k] = append(byKey[k], i)
	}
	rows := make([][]int, len(keys))
	for i, k := range keys {
		rows[i] = byKey[k]
	}
	return rows
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// Write prints one Markdown table per Table: a line per row with the
// subject's and the baseline's figures and the ratios subject ÷ baseline.
// The header names the tools of the table's first row; a row comparing
// others names them.
func Write(w io.Writer, results []Result) {
	var table, subjectTool, baseTool string
	for _, row := range rowsOfResults(results) {
		subject, base := results[row[0]], results[row[len(row)-1]]
		if subject.Table != table {
			table, subjectTool, baseTool = subject.Table, subject.Tool, base.Tool
			fmt.Fprintf(w, "\n#### %s\n\n", table)
			fmt.Fprintf(w, "| | %s: time | bytes | allocs | %s: time | bytes | allocs | time ratio | bytes ratio | allocs ratio |\n", subject.Tool, base.Tool)
			fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
		}
		label := subject.Row
		if subject.Tool != subjectTool || base.Tool != baseTool {
			label += fmt.Sprintf(" (%s ÷ %s)", subject.Tool, base.Tool)
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", label,
			duration(subject.NsPerOp), size(subject.BytesPerOp), count(subject.AllocsPerOp),
			duration(base.NsPerOp), size(base.BytesPerOp), count(base.AllocsPerOp),
			ratio(subject.NsPerOp, base.NsPerOp), ratio(subject.BytesPerOp, base.BytesPerOp), ratio(subject.AllocsPerOp, base.AllocsPerOp))
	}
}

func rowsOfResults(results []Result) [][]int {
	cases := make([]Case, len(results))
	for i, r := range results {
		cases[i] = r.Case
	}
	return rowsOf(cases)
}

func duration(ns float64) string {
	switch {
	case ns >= 1e6:
		return fmt.Sprintf("%.2f ms", ns/1e6)
	case ns >= 1e3:
		return fmt.Sprintf("%.1f µs", ns/1e3)
	}
	return fmt.Sprintf("%.0f ns", ns)
}

func size(b float64) string {
	if b >= 1024 {
		return fmt.Sprintf("%.1f KB", b/1024)
	}
	return fmt.Sprintf("%.0f B", b)
}

func count(n float64) string { return fmt.Sprintf("%.0f", n) }

func ratio(a, b float64) string {
	if b == 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f×", a/b)
}

// Main is the scratch program's main: it reads -rounds, -benchtime, -run
// (a regular expression for the cases to keep) and -cpuprofile, measures
// and writes the tables to standard output.
func Main(cases []Case) {
	testing.Init()
	rounds := flag.Int("rounds", 5, "rounds of every case")
	benchtime := flag.Duration("benchtime", 300*time.Millisecond, "time per case per round")
	filter := flag.String("run", "", "only the cases whose table, row and tool (separated by spaces) match this regular expression")
	profile := flag.String("cpuprofile", "", "write a CPU profile of the measurements to this file")
	flag.Parse()
	if err := flag.Set("test.benchtime", benchtime.String()); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	re, err := regexp.Compile(*filter)
	if err != nil {
		fmt.Fprintln(os.Stderr, "-run:", err)
		os.Exit(2)
	}
	var kept []Case
	for _, c := range cases {
		if re.MatchString(c.Table + " " + c.Row + " " + c.Tool) {
			kept = append(kept, c)
		}
	}
	if *profile != "" {
		f, err := os.Create(*profile)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
	}
	results := Measure(kept, *rounds, testing.Benchmark, os.Stderr)
	pprof.StopCPUProfile()
	for _, r := range results {
		if r.Rounds < *rounds {
			fmt.Fprintf(os.Stderr, "rtbench: %s / %s / %s failed in %d rounds\n", r.Table, r.Row, r.Tool, *rounds-r.Rounds)
			os.Exit(1)
		}
	}
	fmt.Printf("Medians of %d rounds of %s per case, the tools of each row alternating.\n", *rounds, *benchtime)
	Write(os.Stdout, results)
}
