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

// OpenAPIDir finds Intercom's description repository for the tests that
// read the real descriptions: $INTERCOM_OPENAPI_DIR, else
// ../shared/intercom-openapi beside this repository. Without it those tests
// skip, unless INTERCOM_REQUIRE_SPECS=1 (as in CI), where a skip would hide
// a regression.
func OpenAPIDir(tb testing.TB) string {
	tb.Helper()
	dir := os.Getenv("INTERCOM_OPENAPI_DIR")
	if dir == "" {
		dir = filepath.Join(moduleRoot(tb), "..", "shared", "intercom-openapi")
	}
	if st, err := os.Stat(filepath.Join(dir, "descriptions")); err != nil || !st.IsDir() {
		msg := "Intercom's descriptions not found at " + dir + " (set INTERCOM_OPENAPI_DIR to a checkout of github.com/intercom/Intercom-OpenAPI)"
		if os.Getenv("INTERCOM_REQUIRE_SPECS") == "1" {
			tb.Fatal(msg + "; INTERCOM_REQUIRE_SPECS=1 forbids skipping")
		}
		tb.Skip(msg)
	}
	return dir
}

// moduleRoot is the folder of this module's go.mod, above the test's
// working folder (its package folder).
func moduleRoot(tb testing.TB) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Fatal("no go.mod above the test's folder")
		}
		dir = parent
	}
}
