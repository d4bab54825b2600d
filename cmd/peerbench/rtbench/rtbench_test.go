package rtbench

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestMeasureAlternatesAndTakesMedians(t *testing.T) {
	var order []string
	// Each case's function stands for itself: the fake runner reports a
	// time that depends on the case and the round.
	perOp := map[string][]time.Duration{
		"a": {10, 30, 20},  // median 20
		"b": {100, 40, 60}, // median 60
		"c": {7, 7, 7},
	}
	calls := map[string]int{}
	mk := func(name string) func(*testing.B) {
		return func(*testing.B) { order = append(order, name) }
	}
	cases := []Case{
		{Table: "T", Row: "r1", Tool: "x", Run: mk("a")},
		{Table: "T", Row: "r1", Tool: "y", Run: mk("b")},
		{Table: "T", Row: "r2", Tool: "z", Run: mk("c")},
	}
	run := func(f func(*testing.B)) testing.BenchmarkResult {
		f(nil)
		name := order[len(order)-1]
		d := perOp[name][calls[name]]
		calls[name]++
		return testing.BenchmarkResult{N: 10, T: 10 * d, MemAllocs: 30, MemBytes: 1000}
	}
	res := Measure(cases, 3, run, nil)
	if got, want := strings.Join(order, ""), "abc"+"bac"+"abc"; got != want {
		t.Errorf("order %q, want %q (the tools of a row take turns starting)", got, want)
	}
	if res[0].NsPerOp != 20 || res[1].NsPerOp != 60 || res[2].NsPerOp != 7 {
		t.Errorf("medians %v %v %v, want 20 60 7", res[0].NsPerOp, res[1].NsPerOp, res[2].NsPerOp)
	}
	if res[0].AllocsPerOp != 3 || res[0].BytesPerOp != 100 || res[0].Rounds != 3 {
		t.Errorf("per op: %+v", res[0])
	}

	var out bytes.Buffer
	Write(&out, res)
	text := out.String()
	for _, want := range []string{
		"#### T",
		"| | x: time | bytes | allocs | y: time |",
		"| r1 | 20 ns | 100 B | 3 | 60 ns | 100 B | 3 | 0.33× | 1.00× | 1.00× |",
		// A row of one tool is its own baseline; other tools are named.
		"| r2 (z ÷ z) | 7 ns | 100 B | 3 | 7 ns | 100 B | 3 | 1.00× |",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q:\n%s", want, text)
		}
	}
}

func TestMeasureSkipsFailedRuns(t *testing.T) {
	cases := []Case{{Table: "T", Row: "r", Tool: "x", Run: func(*testing.B) {}}}
	res := Measure(cases, 2, func(func(*testing.B)) testing.BenchmarkResult { return testing.BenchmarkResult{} }, nil)
	if res[0].Rounds != 0 || res[0].NsPerOp != 0 {
		t.Errorf("a failed benchmark counted: %+v", res[0])
	}
}

func TestFormats(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{duration(950), "950 ns"}, {duration(39100), "39.1 µs"}, {duration(1914000), "1.91 ms"},
		{size(512), "512 B"}, {size(13 * 1024), "13.0 KB"}, {ratio(1, 0), "–"}, {ratio(1, 4), "0.25×"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
