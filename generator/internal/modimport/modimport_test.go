package modimport

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestImportPath(t *testing.T) {
	root := t.TempDir()
	os.WriteFile(filepath.Join(root, "go.mod"), []byte("// my module\nmodule example.com/app // the app\n\ngo 1.25\n"), 0o644)
	inner := filepath.Join(root, "tools")
	os.MkdirAll(inner, 0o755)
	os.WriteFile(filepath.Join(inner, "go.mod"), []byte("module \"example.com/tools\"\n"), 0o644)
	for dir, want := range map[string]string{
		root:                                "example.com/app",
		filepath.Join(root, "sdk", "2.11"):  "example.com/app/sdk/2.11",
		filepath.Join(inner, "gen"):         "example.com/tools/gen",
		filepath.Join(root, "a", "..", "b"): "example.com/app/b",
	} {
		got, err := ImportPath(dir)
		if err != nil || got != want {
			t.Errorf("ImportPath(%s) = %q, %v; want %q", dir, got, err, want)
		}
	}
	// A relative folder is taken from the working directory.
	t.Chdir(root)
	if got, err := ImportPath("sdk"); err != nil || got != "example.com/app/sdk" {
		t.Errorf("relative: %q, %v", got, err)
	}
}

func TestImportPathWithoutModule(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	if _, err := os.Stat(filepath.Join(filepath.Dir(filepath.Dir(dir)), "go.mod")); err == nil {
		t.Skip("the temporary folder is inside a module")
	}
	_, err := ImportPath(dir)
	if err == nil || !strings.Contains(err.Error(), "no go.mod in "+dir) {
		t.Fatalf("err = %v", err)
	}
}

func TestModulePath(t *testing.T) {
	for _, bad := range []string{"", "go 1.25\n", "modules x\n", "module \"unterminated\n"} {
		if p, err := ModulePath([]byte(bad)); err == nil {
			t.Errorf("%q: %q", bad, p)
		}
	}
}

func TestCheck(t *testing.T) {
	for p, ok := range map[string]bool{
		"example.com/app/intercom": true, "github.com/a-b/c_d/v2": true, "x": true,
		"": false, "has space/x": false, `x"; import "os`: false, "../up": false, "a//b": false,
		"/abs": false, "a/": false, "a/.hidden": false, "é/x": false,
	} {
		if err := Check(p); (err == nil) != ok {
			t.Errorf("Check(%q) = %v, want ok %v", p, err, ok)
		}
	}
}
