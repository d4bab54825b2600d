package generator_test

import (
	"bytes"
	"fmt"
	"go/format"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/intercom-gen/intercom-gen/generator"
	"github.com/intercom-gen/intercom-gen/golden"
	"github.com/intercom-gen/intercom-gen/loader"
)

// wantOperations is the operation count of each of Intercom's descriptions
// (spec survey §1).
var wantOperations = map[string]int{
	"2.7": 98, "2.8": 98, "2.9": 108, "2.10": 108, "2.11": 108, "2.12": 118,
	"2.13": 133, "2.14": 150, "2.15": 162, "2.16": 231, "preview": 256,
}

// openapiDir finds Intercom's description repository (see
// golden.OpenAPIDir).
func openapiDir(t testing.TB) string {
	t.Helper()
	return golden.OpenAPIDir(t)
}

// TestRealVersions generates every published version, checks gofmt,
// determinism and the operation count, then builds and vets the package
// in a module of its own (so it provably needs nothing but the standard
// library) and runs a program that prints len(Operations).
func TestRealVersions(t *testing.T) {
	dir := openapiDir(t)
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go command not found")
	}
	for _, version := range loader.Versions {
		t.Run(version, func(t *testing.T) {
			t.Parallel()
			path, err := loader.ResolveVersion(dir, version)
			if err != nil {
				t.Fatal(err)
			}
			res := generateFile(t, path, "example.com/sdk/intercom")
			again := generateFile(t, path, "example.com/sdk/intercom")
			for i, f := range res.Files {
				if !bytes.Equal(f.Source, again.Files[i].Source) {
					t.Fatalf("%s differs between two runs", f.Name)
				}
				formatted, err := format.Source(f.Source)
				if err != nil {
					t.Fatalf("%s does not parse: %v", f.Name, err)
				}
				if !bytes.Equal(formatted, f.Source) {
					t.Errorf("%s is not gofmt-clean", f.Name)
				}
			}
			if got, want := len(res.Package.Operations), wantOperations[version]; got != want {
				t.Errorf("%d operations, want %d", got, want)
			}

			mod := t.TempDir()
			writeModule(t, mod, res)
			// Every README snippet compiles against the version it names.
			if n := writeReadmeSnippets(t, mod, version); version == "2.11" && n == 0 {
				t.Error("no README snippet is compiled against 2.11")
			}
			goCmd(t, mod, "build", "./...")
			goCmd(t, mod, "vet", "./...")
			// The README's tests run on the test package.
			if hasReadmeTests(t, version) {
				goCmd(t, mod, "test", "./readme/...")
			}
			out := goCmd(t, mod, "run", "./count")
			if got := strings.TrimSpace(out); got != fmt.Sprint(wantOperations[version]) {
				t.Errorf("len(Operations) = %s, want %d", got, wantOperations[version])
			}
		})
	}
}

// writeModule lays out a throwaway module holding the generated package
// and a program that counts its operations.
func writeModule(t *testing.T, mod string, res *generator.Result) {
	t.Helper()
	if _, err := generator.Write(filepath.Join(mod, "intercom"), res.Files, "intercomtest"); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"go.mod": "module example.com/sdk\n\ngo 1.24\n",
		"count/main.go": "package main\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/sdk/intercom\"\n)\n\n" +
			"func main() { fmt.Println(len(intercom.Operations)) }\n",
	}
	for name, content := range files {
		p := filepath.Join(mod, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func goCmd(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	// The throwaway module has no dependencies and must not fetch any.
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}
