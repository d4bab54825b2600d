package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/intercom-gen/intercom-gen/generator"
)

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestCheckMode: check exits 0 on a fresh folder, 1 with a readable diff
// after a generated file is edited, and 0 again after regeneration.
func TestCheckMode(t *testing.T) {
	out := t.TempDir()
	spec := fixture(t, "v1.yaml")
	if code, _, stderr := runCLI(t, "generate", "--spec", spec, "--out", out); code != 0 {
		t.Fatalf("generate: %d %s", code, stderr)
	}
	writeFile(t, filepath.Join(out, "notes.go"), "package intercom\n\n// Hand-written: ignored by check.\n")
	for _, args := range [][]string{
		{"check", "--spec", spec, "--out", out},
		{"generate", "--spec", spec, "--out", out, "--check"},
	} {
		code, stdout, stderr := runCLI(t, args...)
		if code != 0 || stdout != "" || !strings.HasSuffix(stderr, ": up to date\n") {
			t.Fatalf("%v on a fresh folder: exit %d\nstdout %s\nstderr %s", args, code, stdout, stderr)
		}
	}

	client := filepath.Join(out, "client.go")
	src, _ := os.ReadFile(client)
	edited := strings.Replace(string(src), "func NewClient(", "// a local edit\nfunc NewClient(", 1)
	writeFile(t, client, edited)
	os.Remove(filepath.Join(out, "doc.go"))
	for _, args := range [][]string{
		{"check", "--spec", spec, "--out", out},
		{"generate", "--spec", spec, "--out", out, "--check"},
	} {
		code, stdout, stderr := runCLI(t, args...)
		if code != 1 {
			t.Fatalf("%v after an edit: exit %d", args, code)
		}
		for _, want := range []string{
			"--- " + filepath.ToSlash(client) + "\n+++ " + filepath.ToSlash(client) + " (regenerated)\n",
			"-// a local edit\n",
			"--- /dev/null\n+++ " + filepath.ToSlash(filepath.Join(out, "doc.go")) + "\n",
		} {
			if !strings.Contains(stdout, want) {
				t.Errorf("%v: diff lacks %q:\n%s", args, want, stdout)
			}
		}
		if !strings.Contains(stderr, "1 stale, 1 missing, 0 extra generated file(s): client.go, doc.go") || !strings.Contains(stderr, "regenerate") {
			t.Errorf("%v: stderr %s", args, stderr)
		}
	}
	// --check wrote nothing.
	if got, _ := os.ReadFile(client); string(got) != edited {
		t.Fatal("--check changed a file")
	}
	if code, _, _ := runCLI(t, "generate", "--spec", spec, "--out", out); code != 0 {
		t.Fatal("regenerate failed")
	}
	if code, _, stderr := runCLI(t, "check", "--spec", spec, "--out", out); code != 0 {
		t.Fatalf("after regeneration: exit %d %s", code, stderr)
	}
}

// TestConfig generates and checks two targets from intercom-gen.yaml, one
// filtered by tag, and reports unknown keys with their line.
func TestConfig(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "intercom-gen.yaml")
	writeFile(t, cfg, "targets:\n"+
		"  - spec: "+filepath.ToSlash(fixture(t, "v1.yaml"))+"\n    out: gen/admins\n    package: admins\n    include-tags: [Admins]\n"+
		"  - spec: "+filepath.ToSlash(fixture(t, "v2.yaml"))+"\n    out: gen/all\n    exclude-operations: [identifyAdmin]\n")
	code, stdout, stderr := runCLI(t, "generate", "--config", cfg)
	if code != 0 {
		t.Fatalf("generate --config: %d\n%s\n%s", code, stdout, stderr)
	}
	if lines := strings.Split(strings.TrimSpace(stdout), "\n"); len(lines) != 2 || !strings.Contains(lines[0], " 2 operations, ") || !strings.Contains(lines[0], "→ "+filepath.Join(dir, "gen", "admins")) {
		t.Fatalf("summary lines:\n%s", stdout)
	}
	admins, err := os.ReadFile(filepath.Join(dir, "gen", "admins", "client.go"))
	if err != nil || !strings.Contains(string(admins), "package admins") || strings.Contains(string(admins), "Contacts") {
		t.Fatalf("filtered client.go: %v\n%s", err, admins)
	}
	if _, err := os.Stat(filepath.Join(dir, "gen", "admins", "service_contacts.go")); err == nil {
		t.Error("filtered package has the Contacts service")
	}
	if all, _ := os.ReadFile(filepath.Join(dir, "gen", "all", "service_admins.go")); strings.Contains(string(all), "IdentifyAdmin(") {
		t.Error("excluded operation identifyAdmin generated")
	}
	if code, _, stderr := runCLI(t, "check", "--config", cfg); code != 0 {
		t.Fatalf("check --config on fresh output: %d %s", code, stderr)
	}
	if code, _, _ := runCLI(t, "generate", "--config", cfg, "--check"); code != 0 {
		t.Fatal("generate --config --check on fresh output")
	}

	bad := filepath.Join(dir, "bad.yaml")
	writeFile(t, bad, "targets:\n  - spec: x.yaml\n    out: y\n    include_tags: [Admins]\n")
	code, _, stderr = runCLI(t, "generate", "--config", bad)
	if code != 1 || !strings.Contains(stderr, bad+`:4:5: unknown key "include_tags" in target`) {
		t.Fatalf("unknown key: exit %d, %s", code, stderr)
	}
	typo := filepath.Join(dir, "typo.yaml")
	writeFile(t, typo, "targets:\n  - spec: "+filepath.ToSlash(fixture(t, "v1.yaml"))+"\n    out: z\n    include-tags: [Admin]\n")
	if code, _, stderr = runCLI(t, "generate", "--config", typo); code != 1 || !strings.Contains(stderr, "filter names what version") || !strings.Contains(stderr, "tag Admin") {
		t.Fatalf("unknown tag: exit %d, %s", code, stderr)
	}
}

func TestSurfaceCommand(t *testing.T) {
	code, stdout, stderr := runCLI(t, "surface", "--spec", fixture(t, "v1.yaml"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"func NewClient(string, ...Option) *Client\n", "type Client struct\n", "\nop GET /"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("surface lacks %q", want)
		}
	}
}

func TestDiffCommand(t *testing.T) {
	v1, v2 := fixture(t, "v1.yaml"), fixture(t, "v2.yaml")
	code, stdout, stderr := runCLI(t, "diff", "--from", v1, "--to", v2)
	if code != 0 || !strings.HasPrefix(stdout, "intercom-gen diff v1.yaml → v2.yaml: ") || strings.Contains(stdout, "\x1b[") {
		t.Fatalf("text: exit %d\n%s\n%s", code, stdout, stderr)
	}
	code, stdout, _ = runCLI(t, "diff", "--from", v1, "--to", v2, "--format", "json", "--fail-on", "any")
	var rep struct {
		Summary map[string]int
		Changes []struct{ Rule, Level string }
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil || len(rep.Changes) == 0 {
		t.Fatalf("json: %v\n%s", err, stdout)
	}
	if code != 1 {
		t.Errorf("--fail-on any with changes: exit %d", code)
	}
	code, stdout, _ = runCLI(t, "diff", "--from", v1, "--to", v1, "--format", "markdown", "--fail-on", "any")
	if code != 0 || !strings.Contains(stdout, "No changes.") {
		t.Errorf("same file: exit %d\n%s", code, stdout)
	}
	if code, _, stderr := runCLI(t, "diff", "--from", "2.99", "--to", v1); code != 1 || !strings.Contains(stderr, "neither a version") {
		t.Errorf("bad side: %d %s", code, stderr)
	}
	if code, _, stderr := runCLI(t, "diff", "--from", v1, "--to", v2, "--fail-on", "bad"); code != exitUsage || !strings.Contains(stderr, "--fail-on") {
		t.Errorf("bad --fail-on: %d %s", code, stderr)
	}
	// Locations are short enough for a pull-request comment: relative to
	// --openapi-dir (or the working folder), never the machine's full path.
	dir := filepath.Dir(v1)
	code, stdout, _ = runCLI(t, "diff", "--from", v1, "--to", v2, "--format", "json", "--openapi-dir", dir)
	if code != 0 || !strings.Contains(stdout, `"file": "v2.yaml"`) || strings.Contains(stdout, dir) {
		t.Errorf("locations not relative to --openapi-dir: exit %d\n%.2000s", code, stdout)
	}
}

// TestFetchCommand fetches the fixture description from an httptest
// "GitHub", then moves the pin and prints the diff summary.
func TestFetchCommand(t *testing.T) {
	v1, _ := os.ReadFile(fixture(t, "v1.yaml"))
	v2, _ := os.ReadFile(fixture(t, "v2.yaml"))
	const c1, c2 = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/raw/intercom/Intercom-OpenAPI/" + c1 + "/descriptions/2.11/api.intercom.io.yaml":
			w.Write(v1)
		case "/raw/intercom/Intercom-OpenAPI/" + c2 + "/descriptions/2.11/api.intercom.io.yaml":
			w.Write(v2)
		case "/api/repos/intercom/Intercom-OpenAPI/commits/main":
			w.Write([]byte(c2))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	dir := t.TempDir()
	lock := filepath.Join(dir, "specs", "descriptions.lock")
	writeFile(t, lock, "repository: intercom/Intercom-OpenAPI\ncommit: "+c1+"\ndescriptions:\n  \"2.11\": "+generator.DescriptionHash(v1)+"\n")
	openapi := filepath.Join(dir, "openapi")
	args := []string{"fetch", "--lock", lock, "--openapi-dir", openapi, "--raw-base", srv.URL + "/raw", "--api-base", srv.URL + "/api"}
	code, stdout, stderr := runCLI(t, args...)
	if code != 0 || !strings.HasPrefix(stdout, "intercom-gen: fetch: 2.11 sha256:") {
		t.Fatalf("fetch: %d\n%s\n%s", code, stdout, stderr)
	}
	if got, _ := os.ReadFile(filepath.Join(openapi, "descriptions", "2.11", "api.intercom.io.yaml")); string(got) != string(v1) {
		t.Fatal("fetched file not stored where --openapi-dir finds it")
	}
	code, stdout, stderr = runCLI(t, append(args, "--update")...)
	if code != 0 || !strings.Contains(stdout, c1+" → "+c2+"; 1 of 1 version(s) changed") ||
		!strings.Contains(stdout, "  2.11: local 2.11 → upstream 2.11: ") {
		t.Fatalf("update: %d\n%s\n%s", code, stdout, stderr)
	}
	if l, err := generator.ReadLock(lock); err != nil || l.Commit != c2 || l.Descriptions["2.11"] != generator.DescriptionHash(v2) {
		t.Fatalf("lock after update: %+v %v", l, err)
	}
	// Without network, the error says how to use a local checkout.
	srv.Close()
	code, _, stderr = runCLI(t, args...)
	if code != 1 || !strings.Contains(stderr, "--openapi-dir") {
		t.Fatalf("offline: %d %s", code, stderr)
	}
}

// TestDownstreamModule is a user's repository that has only a config file
// and a go:generate line: go generate, then go build, must succeed.
func TestDownstreamModule(t *testing.T) {
	if testing.Short() {
		t.Skip("builds intercom-gen with go run")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go command not found")
	}
	repo, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	mod := t.TempDir()
	spec, _ := os.ReadFile(fixture(t, "v1.yaml"))
	writeFile(t, filepath.Join(mod, "specs", "api.intercom.io.yaml"), string(spec))
	writeFile(t, filepath.Join(mod, "intercom-gen.yaml"), "targets:\n  - spec: specs/api.intercom.io.yaml\n    out: internal/intercom\n    package: intercom\n    include-tags: [Contacts]\n")
	writeFile(t, filepath.Join(mod, "generate.go"), "package main\n\n//go:generate go tool intercom-gen generate --config intercom-gen.yaml\n")
	offline := []string{"GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off"}
	runEnv := func(env []string, args ...string) string {
		t.Helper()
		cmd := exec.Command("go", args...)
		cmd.Dir = mod
		cmd.Env = append(os.Environ(), env...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	run := func(args ...string) string { t.Helper(); return runEnv(offline, args...) }
	// The README's recipe for a local checkout, command for command. Only
	// go mod tidy may use the module proxy (for the checksums of the
	// tool's own dependencies' tests); everything after it runs offline.
	run("mod", "init", "example.com/app")
	run("mod", "edit", "-require=github.com/intercom-gen/intercom-gen@v0.0.0",
		"-replace=github.com/intercom-gen/intercom-gen="+filepath.ToSlash(repo),
		"-tool=github.com/intercom-gen/intercom-gen/cmd/intercom-gen")
	runEnv([]string{"GOWORK=off"}, "mod", "tidy")
	run("generate", "./...")
	writeFile(t, filepath.Join(mod, "main.go"), "package main\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/app/internal/intercom\"\n)\n\n"+
		"func main() {\n\tc := intercom.NewClient(\"token\")\n\tfmt.Println(c != nil, len(intercom.Operations))\n}\n")
	run("build", "./...")
	out := run("run", ".")
	if !strings.HasPrefix(out, "true ") {
		t.Fatalf("program printed %q", out)
	}
	// The same config in check mode: up to date.
	run("tool", "intercom-gen", "check", "--config", "intercom-gen.yaml")
}
