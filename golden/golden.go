// Package golden is the test support every package of intercom-gen
// shares: the -update flag of the golden-file tests, the comparison they
// make, where tests find Intercom's current descriptions, and every one it
// has published (History, from the history bundle). The
// folder also holds the golden files themselves: v1/ and v2/ are the
// packages generated from specs/fixtures, surface/ the public API of each
// real version.
//
// Every test package of the module imports it (most only for the flag), so
// that `go test ./... -update` works: a test binary refuses flags it does not
// define, and `go test ./...` passes the flag to all of them. It is a
// test-support package, like net/http/httptest: nothing outside tests
// imports it.
package golden

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Update makes golden tests rewrite their golden files instead of comparing.
var Update = flag.Bool("update", false, "rewrite golden files from the current output (then read the diff before committing)")

// Check compares got with the golden file at path, or rewrites the file
// when -update is set. A difference fails the test showing the lines that
// differ (the whole diff is for `git diff` after -update).
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
		t.Errorf("%s differs from the output (run with -update, then read `git diff`):\n%s", path, Difference(want, got))
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

// PublicDescriptionsDir finds the copies of other APIs' public
// descriptions (GitHub, Slack, Asana, Spotify, DigitalOcean, the OpenAPI
// Initiative's examples) for the tests that check intercom-gen on
// descriptions that are not Intercom's: $INTERCOM_GEN_PUBLIC_DIR, else
// ../shared/public-descriptions beside this repository. Without it those
// tests skip, unless INTERCOM_REQUIRE_SPECS=1.
func PublicDescriptionsDir(tb testing.TB) string {
	tb.Helper()
	dir := os.Getenv("INTERCOM_GEN_PUBLIC_DIR")
	if dir == "" {
		dir = filepath.Join(moduleRoot(tb), "..", "shared", "public-descriptions")
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		msg := "public descriptions not found at " + dir + " (set INTERCOM_GEN_PUBLIC_DIR to a folder of OpenAPI descriptions)"
		if os.Getenv("INTERCOM_REQUIRE_SPECS") == "1" {
			tb.Fatal(msg + "; INTERCOM_REQUIRE_SPECS=1 forbids skipping")
		}
		tb.Skip(msg)
	}
	return dir
}

// PublicDescriptions lists the description files of
// PublicDescriptionsDir (*.json, *.yaml, *.yml), sorted.
func PublicDescriptions(tb testing.TB) []string {
	tb.Helper()
	dir := PublicDescriptionsDir(tb)
	var out []string
	for _, pattern := range []string{"*.json", "*.yaml", "*.yml"} {
		m, err := filepath.Glob(filepath.Join(dir, pattern))
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, m...)
	}
	slices.Sort(out)
	if len(out) == 0 {
		tb.Skip("no descriptions in " + dir)
	}
	return out
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

// maxShown bounds the lines Difference shows of each side.
const maxShown = 40

// Difference describes how got differs from want: the lines between their
// common beginning and their common end, numbered as in want, as "-" (only
// in want) and "+" (only in got) lines, at most maxShown of each.
func Difference(want, got []byte) string {
	a, b := strings.SplitAfter(string(want), "\n"), strings.SplitAfter(string(got), "\n")
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	var out strings.Builder
	fmt.Fprintf(&out, "@@ line %d: %d line(s) of the golden file, %d of the output @@\n", pre+1, len(a)-pre-suf, len(b)-pre-suf)
	for _, side := range []struct {
		mark  string
		lines []string
	}{{"-", a[pre : len(a)-suf]}, {"+", b[pre : len(b)-suf]}} {
		for i, l := range side.lines {
			if i == maxShown {
				fmt.Fprintf(&out, "%s… %d more\n", side.mark, len(side.lines)-maxShown)
				break
			}
			out.WriteString(side.mark + strings.TrimSuffix(l, "\n") + "\n")
		}
	}
	return out.String()
}
