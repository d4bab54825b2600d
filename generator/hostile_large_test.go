package generator_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/intercom-gen/intercom-gen/generator"
	"github.com/intercom-gen/intercom-gen/loader/diag"
)

// The large members of the hostile corpus are made here rather than
// committed: a 20 MB description, schemas nested 1,000 deep (and as deep
// as the YAML parser allows), and 10,000 schemas. Each must load and
// generate within its time and memory bounds; the deep one must also
// compile; nesting deeper than the loader reads is a located error. The
// heap's peak while loading and generating (live values and garbage not
// yet collected, with the default GOGC) stays under peakBase plus
// maxPeakPerByte times the description's size: the 20 MB description
// peaks at about 17 times its size, the 10,000 small schemas (dense YAML,
// much Go per byte) at about 140. Figures (peak-heap/B is that multiple):
//
//	go test ./generator -run HostileLarge -v
//	go test ./generator -run '^$' -bench HostileLarge -benchmem

// specHeader starts every generated description.
const specHeader = "openapi: 3.0.3\ninfo: {title: large, version: '1.0'}\n"

// bigSpec is about size MB of YAML: 50-property schemas whose descriptions
// carry hostile text, all referenced from one operation.
func bigSpec(size int) []byte {
	var b strings.Builder
	b.WriteString(specHeader)
	b.WriteString("paths:\n  /things:\n    get:\n      operationId: listThings\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/thing0'}\n")
	b.WriteString("components:\n  schemas:\n")
	filler := strings.Repeat("*/ //go:generate rm -rf / `package main` \\u2028 ", 8)
	i := 0
	for ; b.Len() < size<<20; i++ {
		fmt.Fprintf(&b, "    thing%d:\n      type: object\n      description: \"%s\"\n      properties:\n", i, filler)
		for j := range 50 {
			fmt.Fprintf(&b, "        prop_%d:\n          type: string\n          description: \"%s\"\n", j, filler)
		}
		fmt.Fprintf(&b, "        next: {$ref: '#/components/schemas/thing%d'}\n", i+1)
	}
	// The last schema's next ends the chain.
	fmt.Fprintf(&b, "    thing%d:\n      type: object\n", i)
	return []byte(b.String())
}

// deepSpec nests inline object schemas depth levels deep, each level also
// holding an array of the next and an allOf around it.
func deepSpec(depth int) []byte {
	var b strings.Builder
	b.WriteString(specHeader)
	b.WriteString("paths: {}\ncomponents:\n  schemas:\n    deep: ")
	for range depth {
		b.WriteString("{type: object, properties: {c: ")
	}
	b.WriteString("{type: string}")
	for range depth {
		b.WriteString("}}")
	}
	b.WriteString("\n    deep_items: ")
	for range depth {
		b.WriteString("{type: array, items: ")
	}
	b.WriteString("{type: string}")
	b.WriteString(strings.Repeat("}", depth))
	b.WriteString("\n    deep_all_of: ")
	for range depth {
		b.WriteString("{allOf: [")
	}
	b.WriteString("{type: object, properties: {x: {type: string}}}")
	b.WriteString(strings.Repeat("]}", depth))
	b.WriteString("\n")
	return []byte(b.String())
}

// manySpec has n component schemas, each referring to the next, plus an
// enum and an operation per hundred.
func manySpec(n int) []byte {
	var b strings.Builder
	b.WriteString(specHeader)
	b.WriteString("paths:\n")
	for i := 0; i < n; i += 100 {
		fmt.Fprintf(&b, "  /s%d:\n    get:\n      operationId: get%d\n      tags: [tag%d]\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/s%d'}\n", i, i, i/1000, i)
	}
	b.WriteString("components:\n  schemas:\n")
	for i := range n {
		fmt.Fprintf(&b, "    s%d:\n      type: object\n      properties:\n        id: {type: string}\n        kind: {type: string, enum: [a%d, b%d]}\n        next: {$ref: '#/components/schemas/s%d'}\n", i, i, i, (i+1)%n)
	}
	return []byte(b.String())
}

// The heap's peak is at most peakBase (the fixed cost of rendering the
// runtime and the support files) plus maxPeakPerByte times the
// description's size. README's "Bounded inputs" states it.
const (
	peakBase       = 64 << 20
	maxPeakPerByte = 200
)

type largeCase struct {
	name    string
	spec    func() []byte
	limit   time.Duration // loading plus generating
	memory  uint64        // bytes allocated, at most
	compile bool
	refused string // the error code expected instead of a package
}

var largeCases = []largeCase{
	{name: "20MB", spec: func() []byte { return bigSpec(20) }, limit: 60 * time.Second, memory: 8 << 30},
	{name: "deep1000", spec: func() []byte { return deepSpec(1000) }, limit: 30 * time.Second, memory: 2 << 30, compile: true},
	{name: "deep4900", spec: func() []byte { return deepSpec(4900) }, limit: 60 * time.Second, memory: 1 << 30, refused: "too-deep"},
	{name: "schemas10000", spec: func() []byte { return manySpec(10000) }, limit: 60 * time.Second, memory: 8 << 30},
}

func TestHostileLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("large descriptions: not with -short")
	}
	for _, c := range largeCases {
		t.Run(c.name, func(t *testing.T) {
			data := c.spec()
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			start := time.Now()
			var o hostileOutcome
			peak := peakHeap(func() { o = runHostileWithin(t, c.name+".yaml", data, c.limit) })
			took := time.Since(start)
			runtime.ReadMemStats(&after)
			alloc := after.TotalAlloc - before.TotalAlloc
			t.Logf("%s: %.1f MB of YAML loaded and generated in %s, %d MB allocated, heap peak %d MB (%.1f× the input), %d diagnostics",
				c.name, float64(len(data))/(1<<20), took.Round(time.Millisecond), alloc>>20, peak>>20, float64(peak)/float64(len(data)), len(o.diags))
			if c.refused != "" {
				if o.res != nil || !slices.ContainsFunc(o.diags, func(d diag.Diagnostic) bool { return d.Code == c.refused && d.Line > 0 }) {
					t.Fatalf("want a located %s error, got %v\n%s", c.refused, o.err, strings.Join(o.lines(), "\n"))
				}
			} else if o.err != nil || o.res == nil {
				t.Fatalf("does not generate: %v\n%s", o.err, strings.Join(o.lines()[:min(10, len(o.lines()))], "\n"))
			}
			if alloc > c.memory {
				t.Errorf("allocated %d MB, more than %d MB", alloc>>20, c.memory>>20)
			}
			if bound := peakBase + maxPeakPerByte*uint64(len(data)); peak > bound {
				t.Errorf("heap peaked at %d MB, more than %d MB (64 MiB + %d times the %d-byte input)", peak>>20, bound>>20, maxPeakPerByte, len(data))
			}
			if c.refused != "" {
				return
			}
			pkg := o.res.Package.Name
			for _, f := range o.res.Files {
				checkInert(t, pkg, f)
			}
			if !c.compile {
				return
			}
			if _, err := exec.LookPath("go"); err != nil {
				t.Skip("go command not found")
			}
			mod := t.TempDir()
			if err := os.WriteFile(filepath.Join(mod, "go.mod"), []byte("module example.com/large\n\ngo 1.24\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			if _, err := generator.Write(filepath.Join(mod, "p"), o.res.Files); err != nil {
				t.Fatal(err)
			}
			goCmd(t, mod, "build", "./...")
		})
	}
}

// runHostileWithin is runHostile with another time limit.
func runHostileWithin(t testing.TB, name string, data []byte, limit time.Duration) hostileOutcome {
	t.Helper()
	return runHostileLimit(t, name, data, nil, limit)
}

func BenchmarkHostileLarge(b *testing.B) {
	for _, c := range largeCases {
		data := c.spec()
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			var peak uint64
			for b.Loop() {
				var o hostileOutcome
				peak = max(peak, peakHeap(func() { o = runHostile(b, c.name+".yaml", data, nil) }))
				if o.res == nil {
					b.Fatalf("does not generate: %v", o.err)
				}
			}
			b.ReportMetric(float64(peak)/float64(len(data)), "peak-heap/B")
		})
	}
}
