package main

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func hostileSpec(t *testing.T, name string) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join("..", "..", "specs", "hostile", name))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// treeOf lists every path under root.
func treeOf(t *testing.T, root string) []string {
	t.Helper()
	var paths []string
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		paths = append(paths, rel)
		return nil
	})
	return paths
}

// A tag named ../../escape (and /etc/passwd, a/b, ..) writes nothing
// outside --out: every new path is inside it, and is a plain .go file.
func TestGeneratePathShapedTagsStayInOut(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "a", "b", "out")
	code, stdout, stderr := runCLI(t, "generate", "--spec", hostileSpec(t, "tags-path-shaped.yaml"), "--out", out, "--package", "evil")
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	for _, p := range treeOf(t, root) {
		switch {
		case p == "." || p == "a" || p == filepath.Join("a", "b") || p == filepath.Join("a", "b", "out"),
			p == filepath.Join("a", "b", "out", ".intercom-gen.stamp"):
		case filepath.Dir(p) == filepath.Join("a", "b", "out") && strings.HasSuffix(p, ".go") && !strings.ContainsAny(filepath.Base(p), `/\`):
		default:
			t.Errorf("written outside --out or not a plain file: %s", p)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "service_escape.go")); err != nil {
		t.Errorf("the ../../escape tag's service is not service_escape.go: %v", err)
	}
}

func TestGenerateJSON(t *testing.T) {
	out := t.TempDir()
	code, stdout, stderr := runCLI(t, "generate", "--spec", hostileSpec(t, "ext-escapes.yaml"), "--out", out, "--json", "--allow-external-refs")
	if code != 1 {
		t.Fatalf("exit %d", code)
	}
	var rep struct {
		OK          bool           `json:"ok"`
		Error       string         `json:"error"`
		Counts      map[string]int `json:"counts"`
		Diagnostics []struct {
			Severity, Code, File, Pointer, Message, Hint string
			Line, Col                                    int
		} `json:"diagnostics"`
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("stdout is not one JSON object: %v\n%s", err, stdout)
	}
	if rep.OK || rep.Counts["error"] != 7 || len(rep.Diagnostics) != 7 || rep.Error == "" {
		t.Fatalf("report: %+v", rep)
	}
	d := rep.Diagnostics[0]
	if d.Severity != "error" || d.Code != "external-escape" || !strings.HasSuffix(d.File, "ext-escapes.yaml") || d.Line != 9 || d.Col != 13 ||
		d.Pointer != "/components/schemas/up/$ref" || d.Hint == "" || !strings.Contains(d.Message, "leaves the description's folder") {
		t.Fatalf("first diagnostic: %+v", d)
	}
	// The human-readable error still goes to standard error, one line per
	// problem under a header.
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	if lines[0] != "intercom-gen: 7 errors in the description:" || len(lines) != 8 || !strings.Contains(lines[1], "ext-escapes.yaml:9:13: error: ") {
		t.Fatalf("stderr:\n%s", stderr)
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Fatalf("a failed run wrote %v", entries)
	}

	// Success: the summary line moves to standard error, stdout is JSON.
	code, stdout, stderr = runCLI(t, "generate", "--spec", fixture(t, "v2.yaml"), "--out", out, "--json")
	if code != 0 || !strings.HasPrefix(stderr, "intercom-gen: version 2.0:") {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil || !rep.OK || rep.Counts["repair"] == 0 || len(rep.Diagnostics) == 0 {
		t.Fatalf("report %v: %+v", err, rep)
	}
}

func TestGenerateExternalRefs(t *testing.T) {
	out := t.TempDir()
	spec := hostileSpec(t, "ext-allowed.yaml")
	code, _, stderr := runCLI(t, "generate", "--spec", spec, "--out", out)
	if code != 1 || !strings.Contains(stderr, "[external-ref]") || !strings.Contains(stderr, "--allow-external-refs") {
		t.Fatalf("refused by default: exit %d\n%s", code, stderr)
	}
	code, _, stderr = runCLI(t, "generate", "--spec", spec, "--out", out, "--allow-external-refs")
	if code != 0 {
		t.Fatalf("allowed: exit %d\n%s", code, stderr)
	}
	models, err := os.ReadFile(filepath.Join(out, "models.go"))
	if err != nil || !strings.Contains(string(models), "type Pet struct") || !strings.Contains(string(models), "type Person struct") {
		t.Fatalf("the external schemas are not types: %v", err)
	}
}

// An --out that is a symbolic link is written through, with a warning that
// says where; --package main is a usage error.
func TestGenerateSymlinkedOut(t *testing.T) {
	root := t.TempDir()
	real := filepath.Join(root, "real")
	if err := os.Mkdir(real, 0o755); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(root, "link")
	if err := os.Symlink(real, link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	code, _, stderr := runCLI(t, "generate", "--spec", fixture(t, "v1.yaml"), "--out", link, "-v")
	if code != 0 || !strings.Contains(stderr, "[out-symlink]") || !strings.Contains(stderr, "symbolic link to "+real) {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(real, "client.go")); err != nil {
		t.Error(err)
	}
	code, _, stderr = runCLI(t, "generate", "--spec", fixture(t, "v1.yaml"), "--out", t.TempDir(), "--package", "main")
	if code != exitUsage || !strings.Contains(stderr, `package name "main"`) {
		t.Errorf("--package main: exit %d\n%s", code, stderr)
	}
}

// A folder another live intercom-gen holds is refused at once.
func TestGenerateLockedOut(t *testing.T) {
	out := t.TempDir()
	if err := os.WriteFile(filepath.Join(out, ".intercom-gen.lock"), []byte(strconv.Itoa(os.Getppid())+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI(t, "generate", "--spec", fixture(t, "v1.yaml"), "--out", out)
	if code != exitFailed || !strings.Contains(stderr, fmt.Sprintf("another intercom-gen is writing %s (pid %d)", out, os.Getppid())) {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
}

// --max-size outside 1 MiB … 1 TiB is a usage error (a size that would
// overflow once in bytes, a negative one, zero), not a silent default.
func TestGenerateMaxSizeBounds(t *testing.T) {
	for _, n := range []string{"0", "-1", "99999999999999999", strconv.Itoa(maxSizeMiB + 1)} {
		code, _, stderr := runCLI(t, "generate", "--spec", fixture(t, "v1.yaml"), "--out", t.TempDir(), "--max-size", n)
		if code != exitUsage || !strings.Contains(stderr, "--max-size "+n+": give a size in MiB from 1 to") {
			t.Errorf("--max-size %s: exit %d\n%s", n, code, stderr)
		}
	}
	code, _, stderr := runCLI(t, "generate", "--spec", fixture(t, "v1.yaml"), "--out", t.TempDir(), "--max-size", "1")
	if code != 0 {
		t.Errorf("--max-size 1: exit %d\n%s", code, stderr)
	}
}

// An --import-path the go command could not import is a usage error, and
// nothing is written.
func TestGenerateBadImportPath(t *testing.T) {
	for _, p := range []string{`x"; import "os`, "has space/x", "../up", "a//b"} {
		out := filepath.Join(t.TempDir(), "out")
		code, _, stderr := runCLI(t, "generate", "--spec", fixture(t, "v1.yaml"), "--out", out, "--import-path", p)
		if code != exitUsage || !strings.Contains(stderr, "--import-path: import path") {
			t.Errorf("--import-path %q: exit %d\n%s", p, code, stderr)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("--import-path %q: %s was created", p, out)
		}
	}
}

// Files named on the command line are read with a bound: an endless
// stream as the description, the config file or the lock file is a clear
// error, not a read that does not end.
func TestEndlessInputs(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero here")
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"generate", "--spec", "/dev/zero", "--out", t.TempDir()}, "larger than 64 MiB, the limit for a description"},
		{[]string{"generate", "--config", "/dev/zero"}, "so it is not an intercom-gen.yaml"},
		{[]string{"fetch", "--lock", "/dev/zero", "--openapi-dir", t.TempDir(), "--version", "2.11"}, "so it is not a descriptions lock file"},
	} {
		code, _, stderr := runCLI(t, tc.args...)
		if code != 1 || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d\n%s", tc.args, code, stderr)
		}
	}
}
