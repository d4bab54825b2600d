package check_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/intercom-gen/intercom-gen/generator"
	"github.com/intercom-gen/intercom-gen/generator/internal/check"
)

func gen(name, body string) generator.File {
	return generator.File{Name: name, Source: []byte(generator.Header + "\n\npackage x\n" + body)}
}

func TestCompare(t *testing.T) {
	dir := t.TempDir()
	files := []generator.File{gen("a.go", "// a\n"), gen("b.go", "// b\n")}
	if _, err := generator.Write(dir, files); err != nil {
		t.Fatal(err)
	}
	// A file of the user's is ignored.
	if err := os.WriteFile(filepath.Join(dir, "mine.go"), []byte("package x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := check.Compare(dir, files)
	if err != nil {
		t.Fatal(err)
	}
	if !r.OK() || r.Diff != "" || !strings.HasSuffix(r.Summary(), ": up to date") {
		t.Fatalf("fresh folder: %+v", r)
	}

	// Edit one, drop one, leave one that is no longer generated.
	if err := os.WriteFile(filepath.Join(dir, "a.go"), []byte(generator.Header+"\n\npackage x\n// edited\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(dir, "b.go"))
	os.WriteFile(filepath.Join(dir, "old.go"), gen("old.go", "// gone\n").Source, 0o644)
	r, err = check.Compare(dir, files)
	if err != nil {
		t.Fatal(err)
	}
	if r.OK() || strings.Join(r.Stale, ",") != "a.go" || strings.Join(r.Missing, ",") != "b.go" || strings.Join(r.Extra, ",") != "old.go" {
		t.Fatalf("stale %v missing %v extra %v", r.Stale, r.Missing, r.Extra)
	}
	for _, want := range []string{
		"--- " + filepath.ToSlash(filepath.Join(dir, "a.go")) + "\n",
		"-// edited\n+// a\n",
		"--- /dev/null\n+++ " + filepath.ToSlash(filepath.Join(dir, "b.go")),
		"+++ /dev/null\n",
	} {
		if !strings.Contains(r.Diff, want) {
			t.Errorf("diff lacks %q:\n%s", want, r.Diff)
		}
	}
	if !strings.Contains(r.Summary(), "1 stale, 1 missing, 1 extra generated file(s): a.go, b.go, old.go") {
		t.Errorf("summary %q", r.Summary())
	}

	// The test package's sub-folder takes part: named by the files, or
	// owned when nothing is generated there any more.
	files = []generator.File{gen("a.go", "// a\n"), gen("b.go", "// b\n"), gen("xtest/s.go", "// s\n")}
	os.Remove(filepath.Join(dir, "old.go"))
	if _, err := generator.Write(dir, files); err != nil {
		t.Fatal(err)
	}
	if r, err := check.Compare(dir, files); err != nil || !r.OK() {
		t.Fatalf("with a sub-folder: %+v %v", r, err)
	}
	os.WriteFile(filepath.Join(dir, "xtest", "s.go"), gen("xtest/s.go", "// edited\n").Source, 0o644)
	if r, err := check.Compare(dir, files); err != nil || strings.Join(r.Stale, ",") != "xtest/s.go" {
		t.Fatalf("edited in the sub-folder: %+v %v", r, err)
	}
	if r, err := check.Compare(dir, files[:2]); err != nil || !r.OK() {
		t.Fatalf("a sub-folder not named is not looked at: %+v %v", r, err)
	}
	if r, err := check.Compare(dir, files[:2], "xtest"); err != nil || strings.Join(r.Extra, ",") != "xtest/s.go" {
		t.Fatalf("an owned sub-folder's files are extra: %+v %v", r, err)
	}

	// A hand-written file where a generated one belongs is an error.
	os.WriteFile(filepath.Join(dir, "b.go"), []byte("package x\n"), 0o644)
	if _, err := check.Compare(dir, files); err == nil || !strings.Contains(err.Error(), "b.go: not written by intercom-gen") {
		t.Errorf("err = %v", err)
	}
}
