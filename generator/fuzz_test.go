package generator_test

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/intercom-gen/intercom-gen/generator"
	"github.com/intercom-gen/intercom-gen/loader"
	"github.com/intercom-gen/intercom-gen/loader/diag"
)

// FuzzGenerate runs the loader and the generator on small descriptions:
// whatever the input, a located error or a package whose every file
// parses, declares the package it should, imports only what generated
// code may, carries no directive (checkInert) and is gofmt'd; never a
// panic, never an internal error.
//
//	go test -run '^$' -fuzz FuzzGenerate -fuzztime 30s ./generator/
//
// fuzzHang is how long one input may take (instrumented, on a loaded
// machine: generous).
const fuzzHang = 20 * time.Second

func FuzzGenerate(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join(hostileDir, "*.yaml"))
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {/a: {get: {operationId: a, tags: [x], responses: {'200': {description: ok, content: {application/json: {schema: {type: object, properties: {b: {type: string, enum: [c]}}}}}}}}}}\n"))
	cfg, err := loader.DefaultConfig()
	if err != nil {
		f.Fatal(err)
	}
	cfg.Patches = nil
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 64<<10 {
			return // small descriptions only: the large ones have their own tests
		}
		// A hang is a failure too: after fuzzHang, fail with every
		// goroutine's stack.
		timer := time.AfterFunc(fuzzHang, func() {
			buf := make([]byte, 1<<20)
			n := runtime.Stack(buf, true)
			panic(fmt.Sprintf("loading and generating took more than %s on %q\n%s", fuzzHang, data, buf[:n]))
		})
		defer timer.Stop()
		doc, diags, err := loader.LoadBytes("fuzz.yaml", data, loader.Options{Config: cfg})
		for _, d := range diags {
			if d.Code == "internal" {
				t.Fatalf("the loader failed unexpectedly: %v", d)
			}
		}
		if err != nil {
			return
		}
		res, err := generator.GenerateDocument(doc, generator.Options{Package: "fuzz"})
		if err != nil {
			if _, ok := diag.AsList(err); !ok {
				t.Fatalf("generating fails without a diagnostic: %v", err)
			}
			return
		}
		for _, f := range res.Files {
			checkInert(t, "fuzz", f)
			checkGofmt(t, f)
		}
	})
}
