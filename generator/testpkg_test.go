package generator_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/intercom-gen/intercom-gen/generator"
)

// appModule is a downstream module, example.com/app, to generate into.
func appModule(t *testing.T) string {
	t.Helper()
	mod := t.TempDir()
	if err := os.WriteFile(filepath.Join(mod, "go.mod"), []byte("module example.com/app\n\ngo 1.25\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return mod
}

func fixtureTarget(t *testing.T, out string) generator.Target {
	return generator.Target{Spec: filepath.Join(repoRoot(t), "specs", "fixtures", "v1.yaml"), Out: out}
}

func run(t *testing.T, check bool, targets ...generator.Target) error {
	t.Helper()
	return generator.Run(context.Background(), targets, generator.RunOptions{Check: check, Workers: 1})
}

// TestTestPackageDownstream generates the fixture package into a module
// (the test package's import path comes from its go.mod) and runs a
// downstream application's tests written on the test package: a stub, a
// recorded call, the request checks, pagination in every style, a signed
// webhook, an unstubbed call failing the test.
func TestTestPackageDownstream(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go command not found")
	}
	mod := appModule(t)
	if err := run(t, false, fixtureTarget(t, filepath.Join(mod, "intercom"))); err != nil {
		t.Fatal(err)
	}
	out := downstreamTest(t, goTool, mod, filepath.Join("testdata", "downstream", "app_test.go"), "./...")
	if !strings.Contains(string(out), "ok  \texample.com/app\t") {
		t.Fatalf("the downstream tests did not run:\n%s", out)
	}
	// The package's own examples ran against its test package.
	if !strings.Contains(string(out), "ok  \texample.com/app/intercom\t") {
		t.Fatalf("the generated package's examples did not run:\n%s", out)
	}
	out = offlineGoTest(t, goTool, mod, "-run", "^Example", "-v", "./intercom")
	for _, name := range []string{"ExampleContactsService_CreateContact", "ExampleContactsService_ListContactsAll",
		"ExampleContactsService_SearchContactsAll", "ExampleAPIError", "ExampleClient_Do", "ExampleOAuthConfig_AuthorizeURL",
		"ExampleOAuthConfig_Exchange", "ExampleReadNotification", "Example_testServer"} {
		if !strings.Contains(string(out), "--- PASS: "+name+" ") {
			t.Errorf("%s did not run and pass:\n%s", name, out)
		}
	}
}

// downstreamTest copies the test file appTest into the module mod and
// runs go test there with args (offlineGoTest).
func downstreamTest(t *testing.T, goTool, mod, appTest string, args ...string) []byte {
	t.Helper()
	src, err := os.ReadFile(appTest)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(mod, "app_test.go"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	return offlineGoTest(t, goTool, mod, args...)
}

// offlineGoTest runs go test with args in the module mod, offline and
// outside any workspace, and returns its output; a failure fails the test.
func offlineGoTest(t *testing.T, goTool, mod string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(goTool, append([]string{"test", "-count=1"}, args...)...)
	cmd.Dir = mod
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off", "GOTOOLCHAIN=local")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go test: %v\n%s", err, out)
	}
	return out
}

// TestTestPackageWrittenAndChecked: the test package is written with the
// package, check covers it, --no-testpkg removes it (leaving the user's
// files), and without a module the generation says why it is left out.
func TestTestPackageWrittenAndChecked(t *testing.T) {
	mod := appModule(t)
	out := filepath.Join(mod, "intercom")
	target := fixtureTarget(t, out)
	if err := run(t, false, target); err != nil {
		t.Fatal(err)
	}
	server := filepath.Join(out, "intercomtest", "operations.go")
	data, err := os.ReadFile(server)
	if err != nil || !strings.Contains(string(data), `intercom "example.com/app/intercom"`) {
		t.Fatalf("operations.go imports: %v\n%.400s", err, data)
	}
	if err := run(t, true, target); err != nil {
		t.Fatalf("check of a fresh folder: %v", err)
	}
	os.WriteFile(server, append(data, "// edited\n"...), 0o644)
	r, _, err := generator.Check(target)
	if err != nil || r.OK() || strings.Join(r.Stale, ",") != "intercomtest/operations.go" {
		t.Fatalf("check after an edit: %+v %v", r, err)
	}
	if data, err := os.ReadFile(filepath.Join(out, "example_test.go")); err != nil || !strings.Contains(string(data), `intercomtest "example.com/app/intercom/intercomtest"`) {
		t.Fatalf("example_test.go: %v\n%.600s", err, data)
	}
	mine := filepath.Join(out, "intercomtest", "mine_test.go")
	os.WriteFile(mine, []byte("package intercomtest\n"), 0o644)

	target.NoTestPackage = true
	if r, _, err := generator.Check(target); err != nil || strings.Join(r.Extra, ",") == "" {
		t.Fatalf("check without the test package: %+v %v", r, err)
	}
	if err := run(t, false, target); err != nil {
		t.Fatal(err)
	}
	left, _ := os.ReadDir(filepath.Join(out, "intercomtest"))
	if len(left) != 1 || left[0].Name() != "mine_test.go" {
		t.Fatalf("left in intercomtest: %v", left)
	}
	// The examples need the test package: they go with it.
	if _, err := os.Stat(filepath.Join(out, "example_test.go")); !os.IsNotExist(err) {
		t.Fatalf("example_test.go without the test package: %v", err)
	}

	// An explicit import path needs no module.
	elsewhere := filepath.Join(t.TempDir(), "sdk")
	withPath := fixtureTarget(t, elsewhere)
	withPath.ImportPath = "example.com/other/sdk"
	if err := run(t, false, withPath); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(filepath.Join(elsewhere, "intercomtest", "operations.go")); !strings.Contains(string(data), `"example.com/other/sdk"`) {
		t.Fatalf("--import-path not used:\n%.400s", data)
	}
}

func TestTestPackageWithoutModule(t *testing.T) {
	out := filepath.Join(t.TempDir(), "sdk")
	if _, err := os.Stat(filepath.Join(filepath.Dir(filepath.Dir(out)), "go.mod")); err == nil {
		t.Skip("the temporary folder is inside a module")
	}
	res, err := generator.Generate(fixtureTarget(t, out))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Files {
		if strings.Contains(f.Name, "/") || f.Name == "example_test.go" {
			t.Fatalf("%s generated without an import path", f.Name)
		}
	}
	var found bool
	for _, d := range res.Diags {
		if d.Code == "testpkg-no-import-path" {
			found = d.File == out && strings.Contains(d.Message, "no go.mod in "+out) && strings.Contains(d.Hint, "--import-path")
		}
	}
	if !found {
		t.Fatalf("no located diagnostic: %v", res.Diags)
	}
}
