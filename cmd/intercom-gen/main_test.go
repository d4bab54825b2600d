package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/intercom-gen/intercom-gen/generator"
)

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(append([]string{"intercom-gen"}, args...), &out, &errOut)
	return code, out.String(), errOut.String()
}

func fixture(t *testing.T, name string) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join("..", "..", "specs", "fixtures", name))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestGenerateFromSpec(t *testing.T) {
	out := t.TempDir()
	// The folder is in no module: --import-path says where the test
	// package finds the package.
	code, stdout, stderr := runCLI(t, "generate", "--spec", fixture(t, "v2.yaml"), "--out", out, "--package", "acme", "--import-path", "example.com/acme")
	if code != 0 {
		t.Fatalf("exit %d\nstdout: %s\nstderr: %s", code, stdout, stderr)
	}
	summary := regexp.MustCompile(`^intercom-gen: version 2\.0: \d+ types, 43 operations, \d+ files \(\d+ written, 0 unchanged, 0 removed\) in \S+ → \S+; \d+ repairs, \d+ notes \(-v lists them\)\n$`)
	if !summary.MatchString(stdout) || stderr != "" {
		t.Fatalf("want exactly one summary line:\nstdout %q\nstderr %q", stdout, stderr)
	}
	client, err := os.ReadFile(filepath.Join(out, "client.go"))
	if err != nil {
		t.Fatal(err)
	}
	if ops, err := os.ReadFile(filepath.Join(out, "acmetest", "operations.go")); err != nil || !bytes.Contains(ops, []byte(`acme "example.com/acme"`)) {
		t.Fatalf("the test package acmetest does not import example.com/acme: %v", err)
	}
	if !generator.IsGenerated(client) || !bytes.Contains(client, []byte("package acme")) {
		t.Fatalf("client.go is not a generated file of package acme:\n%s", client[:200])
	}

	// A second run writes nothing new.
	code, stdout, _ = runCLI(t, "generate", "--spec", fixture(t, "v2.yaml"), "--out", out, "--package", "acme")
	if code != 0 || !strings.Contains(stdout, "(0 written,") {
		t.Fatalf("second run: exit %d, %q", code, stdout)
	}

	// -v lists the located diagnostics on stderr.
	code, _, stderr = runCLI(t, "generate", "--spec", fixture(t, "v2.yaml"), "--out", out, "--package", "acme", "-v")
	if code != 0 || !strings.Contains(stderr, "v2.yaml:") || !strings.Contains(stderr, "[ref-siblings]") || !strings.Contains(stderr, "[derived-operation-id]") {
		t.Fatalf("verbose diagnostics: exit %d\n%s", code, stderr)
	}
}

func TestGenerateErrors(t *testing.T) {
	broken := filepath.Join(t.TempDir(), "broken.yaml")
	if err := os.WriteFile(broken, []byte("openapi: 3.0.1\npaths: [1, 2\ninfo: x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no description", []string{"generate", "--out", t.TempDir()}, "no description: give --spec FILE or --version VERSION"},
		{"both", []string{"generate", "--spec", "a.yaml", "--version", "2.11", "--out", t.TempDir()}, "either --spec or --version"},
		{"missing file", []string{"generate", "--spec", "does-not-exist.yaml", "--out", t.TempDir()}, "does-not-exist.yaml"},
		{"unknown version", []string{"generate", "--version", "9.9", "--openapi-dir", t.TempDir(), "--out", t.TempDir()}, "9.9"},
		{"no openapi dir", []string{"generate", "--version", "2.11", "--openapi-dir", "", "--out", t.TempDir()}, "INTERCOM_OPENAPI_DIR"},
		{"bad package", []string{"generate", "--spec", fixture(t, "v1.yaml"), "--out", t.TempDir(), "--package", "func"}, "package name"},
		{"no out", []string{"generate", "--spec", fixture(t, "v1.yaml")}, "out"},
		{"broken spec", []string{"generate", "--spec", broken, "--out", t.TempDir()}, "broken.yaml:3:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("INTERCOM_OPENAPI_DIR", "")
			code, stdout, stderr := runCLI(t, tt.args...)
			if code == 0 {
				t.Fatalf("exit 0, want failure\nstdout: %s", stdout)
			}
			if !strings.HasPrefix(stderr, "intercom-gen: ") || !strings.Contains(stderr, tt.want) {
				t.Fatalf("stderr %q does not say %q", stderr, tt.want)
			}
		})
	}
}

func TestRefusesToOverwriteUserFile(t *testing.T) {
	out := t.TempDir()
	mine := filepath.Join(out, "client.go")
	if err := os.WriteFile(mine, []byte("package acme // mine\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI(t, "generate", "--spec", fixture(t, "v1.yaml"), "--out", out)
	if code == 0 || !strings.Contains(stderr, "refusing to replace") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if b, _ := os.ReadFile(mine); string(b) != "package acme // mine\n" {
		t.Fatalf("user file changed: %q", b)
	}
}

func TestHelpOnEveryCommand(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"generate", "--help"}, {"help", "generate"}} {
		code, stdout, stderr := runCLI(t, args...)
		if code != 0 || !strings.Contains(stdout, "generate") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, stdout, stderr)
		}
	}
}

func TestVerifyCommand(t *testing.T) {
	code, stdout, stderr := runCLI(t, "verify", "--spec", fixture(t, "v1.yaml"))
	if code != 0 || !strings.HasPrefix(stdout, "version 1.0: examples decoded ") || !strings.Contains(stdout, " 0 failures") {
		t.Fatalf("exit %d\nstdout %s\nstderr %s", code, stdout, stderr)
	}
	// An example its own schema refuses is the description's fault: it
	// is listed, and verify passes.
	broken := filepath.Join(t.TempDir(), "broken.yaml")
	spec := "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /x:\n    get:\n      operationId: getX\n" +
		"      responses:\n        '200': {description: ok, content: {application/json: {schema: {type: object}, examples: {bad: {value: [1]}}}}}\n"
	if err := os.WriteFile(broken, []byte(spec), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, _ = runCLI(t, "verify", "--spec", broken)
	if code != 0 || !strings.Contains(stdout, "invalid example decode getX 200 example \"bad\": the example itself: value must be an object") {
		t.Fatalf("an example its schema refuses: exit %d\n%s", code, stdout)
	}
	// A value decoded into a variant that cannot hold what another one
	// declares fails, and verify exits 1.
	failing := filepath.Join(t.TempDir(), "failing.yaml")
	spec = "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /x:\n    get:\n      operationId: getX\n" +
		"      responses:\n        '200': {description: ok, content: {application/json: {schema: {oneOf: [" +
		"{type: object, required: [a, b], properties: {a: {type: string}, b: {type: string}}}, " +
		"{type: object, properties: {a: {type: string}, c: {type: string}}}]}, examples: {both: {value: {a: x, b: y, c: z}}}}}}\n"
	if err := os.WriteFile(failing, []byte(spec), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, _ = runCLI(t, "verify", "--spec", failing)
	if code != 1 || !strings.Contains(stdout, "FAIL typed getX 200 example \"both\"") {
		t.Fatalf("a failing description: exit %d\n%s", code, stdout)
	}
}

func TestToolVersion(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}} {
		code, stdout, stderr := runCLI(t, args...)
		if code != 0 || !regexp.MustCompile(`^intercom-gen (\(devel\)|v\d+\.\d+\.\d+\S*)\n$`).MatchString(stdout) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, stdout, stderr)
		}
	}
	if _, stdout, _ := runCLI(t, "--help"); !strings.Contains(stdout, "VERSION:\n   "+toolVersion()) {
		t.Errorf("--help does not show the version:\n%s", stdout)
	}
}

// Usage errors exit 2 with one line naming what was probably meant.
func TestUsageErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"gen"}, `unknown command "gen"; did you mean generate?`},
		{[]string{"genrate", "--spec", "x.yaml"}, "did you mean generate?"},
		{[]string{"help", "surfce"}, "did you mean surface?"},
		{[]string{"frobnicate"}, `unknown command "frobnicate" (intercom-gen --help`},
		{[]string{"generate", "--spce", "x.yaml"}, "unknown flag --spce; did you mean --spec?"},
		{[]string{"diff", "--form", "2.10", "--to", "2.11"}, "did you mean --from?"},
		{[]string{"generate", "--out", "x"}, "no description: give --spec FILE or --version VERSION"},
		{[]string{"generate", "--spec", "a.yaml"}, "no output folder: give --out DIR"},
		{[]string{"diff", "--from", "2.10"}, "give --from and --to"},
		{[]string{"generate", "--spec", "a.yaml", "--out", "x", "--package", "main"}, `package name "main"`},
		{[]string{"generate", "extra", "--spec", "a.yaml"}, `unexpected argument "extra"`},
	}
	for _, tt := range tests {
		code, stdout, stderr := runCLI(t, tt.args...)
		lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
		if code != exitUsage || len(lines) != 1 || !strings.HasPrefix(stderr, "intercom-gen: ") || !strings.Contains(stderr, tt.want) || stdout != "" {
			t.Errorf("%v: exit %d (want %d)\nstdout %q\nstderr %q (want one line saying %q)", tt.args, code, exitUsage, stdout, stderr, tt.want)
		}
	}
}

// Outside a module the test package is left out, which is said without -v.
func TestNoTestPackageOutsideModule(t *testing.T) {
	out := filepath.Join(t.TempDir(), "sdk")
	if _, err := os.Stat(filepath.Join(filepath.Dir(filepath.Dir(out)), "go.mod")); err == nil {
		t.Skip("the temporary folder is inside a module")
	}
	code, _, stderr := runCLI(t, "generate", "--spec", fixture(t, "v1.yaml"), "--out", out)
	if code != 0 || !strings.Contains(stderr, out+": warning: the test package intercomtest is not generated") ||
		!strings.Contains(stderr, "--import-path") || !strings.Contains(stderr, "[testpkg-no-import-path]") {
		t.Fatalf("exit %d\nstderr %q", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "intercomtest")); err == nil {
		t.Error("a test package was written without an import path")
	}
}

// An empty description is a warning, and --strict makes warnings fail.
func TestStrictEmptyDescription(t *testing.T) {
	empty := filepath.Join(t.TempDir(), "empty.yaml")
	if err := os.WriteFile(empty, []byte("openapi: 3.0.0\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCLI(t, "generate", "--spec", empty, "--out", t.TempDir(), "--no-testpkg")
	if code != 0 || !strings.Contains(stdout, "1 warnings") {
		t.Fatalf("without --strict: exit %d\n%s%s", code, stdout, stderr)
	}
	out := t.TempDir()
	code, _, stderr = runCLI(t, "generate", "--spec", empty, "--out", out, "--strict")
	if code != exitFailed || !strings.Contains(stderr, "[empty-description]") || !strings.Contains(stderr, "empty.yaml:1:1: error:") {
		t.Fatalf("with --strict: exit %d\n%s", code, stderr)
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Errorf("a failed --strict run wrote %d files", len(entries))
	}
}
