package generator_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/intercom-gen/intercom-gen/generator"
	"github.com/intercom-gen/intercom-gen/golden"
)

// outcomes records what Run reports.
type outcomes []generator.Outcome

func (o *outcomes) Done(r generator.Outcome) { *o = append(*o, r) }

func runOnce(t testing.TB, target generator.Target, opts generator.RunOptions) (generator.Outcome, error) {
	t.Helper()
	var got outcomes
	opts.Reporter, opts.Workers = &got, 1
	err := generator.Run(context.Background(), []generator.Target{target}, opts)
	if len(got) != 1 {
		t.Fatalf("%d outcomes (%v)", len(got), err)
	}
	return got[0], err
}

// TestNoOpRegeneration: a second run with the same generator, description
// and options skips the work, for generate and for check, and reports what
// the first run reported; an edited file, another description, other
// options or Force do the full work, and check still catches the edit.
func TestNoOpRegeneration(t *testing.T) {
	mod := t.TempDir()
	if err := os.WriteFile(filepath.Join(mod, "go.mod"), []byte("module example.com/m\n\ngo 1.24\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	spec := filepath.Join(mod, "api.yaml")
	src, err := os.ReadFile(filepath.Join("..", "specs", "fixtures", "v1.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(spec, src, 0o644); err != nil {
		t.Fatal(err)
	}
	target := generator.Target{Spec: spec, Out: filepath.Join(mod, "sdk")}

	first, err := runOnce(t, target, generator.RunOptions{})
	if err != nil || first.Skipped || first.Written.Written == 0 {
		t.Fatalf("first run: skipped %v, %+v, %v", first.Skipped, first.Written, err)
	}
	again, err := runOnce(t, target, generator.RunOptions{})
	if err != nil || !again.Skipped || again.Files != first.Files || again.Types != first.Types ||
		again.Operations != first.Operations || len(again.Diags) != len(first.Diags) {
		t.Fatalf("second run: skipped %v, files %d/%d, types %d/%d, diags %d/%d, %v",
			again.Skipped, again.Files, first.Files, again.Types, first.Types, len(again.Diags), len(first.Diags), err)
	}
	if c, err := runOnce(t, target, generator.RunOptions{Check: true}); err != nil || !c.Skipped || !c.Check.OK() {
		t.Fatalf("check after a run: skipped %v, %v", c.Skipped, err)
	}
	if f, err := runOnce(t, target, generator.RunOptions{Force: true}); err != nil || f.Skipped {
		t.Fatalf("Force: skipped %v, %v", f.Skipped, err)
	}

	// An edited file: check fails, generate rewrites it.
	client := filepath.Join(target.Out, "client.go")
	orig, _ := os.ReadFile(client)
	if err := os.WriteFile(client, append(orig, "// edit\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	var stale *generator.StaleError
	if c, err := runOnce(t, target, generator.RunOptions{Check: true}); c.Skipped || !errors.As(err, &stale) {
		t.Fatalf("check after an edit: skipped %v, %v", c.Skipped, err)
	}
	if g, err := runOnce(t, target, generator.RunOptions{}); err != nil || g.Skipped || g.Written.Written != 1 {
		t.Fatalf("generate after an edit: skipped %v, %+v, %v", g.Skipped, g.Written, err)
	}

	// Other options, another description.
	other := target
	other.Package = "other"
	if g, err := runOnce(t, other, generator.RunOptions{}); err != nil || g.Skipped {
		t.Fatalf("another package name: skipped %v, %v", g.Skipped, err)
	}
	if err := os.WriteFile(spec, append(src, "\n# a comment\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	if g, err := runOnce(t, other, generator.RunOptions{}); err != nil || g.Skipped {
		t.Fatalf("another description: skipped %v, %v", g.Skipped, err)
	}
}

// BenchmarkNoOpRegeneration compares a run that finds its folder up to
// date (the stamp) with a full run, alternating, on Preview when the
// descriptions are present (else the fixture): noop/full is the ratio.
func BenchmarkNoOpRegeneration(b *testing.B) {
	spec := filepath.Join("..", "specs", "fixtures", "v2.yaml")
	if dir := os.Getenv("INTERCOM_OPENAPI_DIR"); dir != "" {
		spec = filepath.Join(golden.OpenAPIDir(b), "descriptions", "0", "api.intercom.io.yaml")
	}
	mod := b.TempDir()
	if err := os.WriteFile(filepath.Join(mod, "go.mod"), []byte("module example.com/m\n\ngo 1.24\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	target := generator.Target{Spec: spec, Out: filepath.Join(mod, "sdk")}
	if _, err := runOnce(b, target, generator.RunOptions{}); err != nil {
		b.Fatal(err)
	}
	var full, noop time.Duration
	for b.Loop() {
		start := time.Now()
		if r, err := runOnce(b, target, generator.RunOptions{Force: true}); err != nil || r.Skipped {
			b.Fatal("the forced run skipped", err)
		}
		mid := time.Now()
		if r, err := runOnce(b, target, generator.RunOptions{}); err != nil || !r.Skipped {
			b.Fatal("the no-op run did the work", err)
		}
		full += mid.Sub(start)
		noop += time.Since(mid)
	}
	n := float64(b.N)
	b.ReportMetric(float64(full.Microseconds())/n, "full-µs/op")
	b.ReportMetric(float64(noop.Microseconds())/n, "noop-µs/op")
	b.ReportMetric(float64(noop)/float64(full), "noop/full")
}
