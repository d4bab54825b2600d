// Package goldentest holds the -update flag of intercom-gen's golden-file
// tests and the comparison they share.
//
// Every test package of the module imports it (most only for the flag), so
// that `go test ./... -update` works: a test binary refuses flags it does not
// define, and `go test ./...` passes the flag to all of them.
package goldentest

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/intercom-gen/intercom-gen/generator/textdiff"
)

// Update makes golden tests rewrite their golden files instead of comparing.
var Update = flag.Bool("update", false, "rewrite golden files from the current output (then read the diff before committing)")

// Check compares got with the golden file at path, or rewrites the file
// when -update is set. A difference fails the test with a unified diff.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if *Update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the test with -update to create it)", err)
	}
	if !bytes.Equal(want, got) {
		t.Errorf("%s differs from the output (run with -update, then read the diff):\n%s", path,
			textdiff.Unified(path, "got", string(want), string(got)))
	}
}
