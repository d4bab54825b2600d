package generator_test

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/intercom-gen/intercom-gen/generator"
	"github.com/intercom-gen/intercom-gen/generator/internal/gofile"
	"github.com/intercom-gen/intercom-gen/generator/internal/textdiff"
	"github.com/intercom-gen/intercom-gen/golden"
	"github.com/intercom-gen/intercom-gen/loader"
)

// repoRoot is the module root, relative to this package (tests run in
// their package's folder), so messages name files as the repository does.
func repoRoot(testing.TB) string { return ".." }

// fixtures lists the fixture descriptions under specs/fixtures.
func fixtures(t testing.TB) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(repoRoot(t), "specs", "fixtures", "*.yaml"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no fixture specs under specs/fixtures (%v)", err)
	}
	return paths
}

// fixturePackage is the package name of a description's package in the
// tests: a fixture of specs/fixtures under its own name, except the
// Intercom-shaped ones, generated as package intercom (the default), like
// Intercom's own descriptions.
func fixturePackage(path string) string {
	name := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	if filepath.Base(filepath.Dir(path)) != "fixtures" || name == "v1" || name == "v2" {
		return "intercom"
	}
	return name
}

// generateFile generates the package of a description, with its test
// package importing it as importPath.
func generateFile(t testing.TB, path, importPath string) *generator.Result {
	t.Helper()
	doc, _, err := loader.Load(path, loader.Options{})
	if err != nil {
		t.Fatalf("load %s: %v", path, err)
	}
	res, err := generator.GenerateDocument(doc, generator.Options{ImportPath: importPath, Package: fixturePackage(path)})
	if err != nil {
		t.Fatalf("generate %s: %v", path, err)
	}
	return res
}

// TestGolden generates a package from every fixture description and
// compares it byte for byte with golden/<fixture>/. Run
// `go test ./generator -run TestGolden -update` to rewrite the goldens,
// then read their diff before committing.
func TestGolden(t *testing.T) {
	for _, spec := range fixtures(t) {
		name := strings.TrimSuffix(filepath.Base(spec), filepath.Ext(spec))
		t.Run(name, func(t *testing.T) {
			// The test package imports the golden package from golden/.
			res := generateFile(t, spec, "github.com/intercom-gen/intercom-gen/golden/"+name)
			dir := filepath.Join(repoRoot(t), "golden", name)
			testPkg := fixturePackage(spec) + "test"
			if *golden.Update {
				if _, err := generator.Write(dir, res.Files, testPkg); err != nil {
					t.Fatal(err)
				}
				return
			}
			compareDir(t, dir, testPkg, res.Files)
		})
	}
}

// compareDir reports every difference between dir's generated files and
// files, as unified diffs. Files without the generated header are a
// fixture's own (hand-written tests of its package) and not compared.
func compareDir(t *testing.T, dir, testPkg string, files []generator.File) {
	t.Helper()
	var have []string
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatalf("%v (run `go test ./generator -run TestGolden -update` to create the goldens)", err)
	}
	generated := func(path string) bool {
		ok, err := gofile.FileIsGenerated(path)
		return ok && err == nil
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".go") && generated(filepath.Join(dir, e.Name())) {
			have = append(have, e.Name())
		}
	}
	// The test package's folder, as generator.Write lays it out.
	sub, _ := os.ReadDir(filepath.Join(dir, testPkg))
	for _, e := range sub {
		if strings.HasSuffix(e.Name(), ".go") && generated(filepath.Join(dir, testPkg, e.Name())) {
			have = append(have, testPkg+"/"+e.Name())
		}
	}
	var want []string
	for _, f := range files {
		want = append(want, f.Name)
		golden.Check(t, filepath.Join(dir, filepath.FromSlash(f.Name)), f.Source)
	}
	for _, h := range have {
		if !slices.Contains(want, h) {
			t.Errorf("%s: golden file is no longer generated (run with -update)", h)
		}
	}
}

// TestDeterministic generates each fixture twice and compares the bytes.
func TestDeterministic(t *testing.T) {
	for _, spec := range fixtures(t) {
		a := generateFile(t, spec, "example.com/x")
		b := generateFile(t, spec, "example.com/x")
		if len(a.Files) != len(b.Files) {
			t.Fatalf("%s: %d files then %d", spec, len(a.Files), len(b.Files))
		}
		for i := range a.Files {
			if a.Files[i].Name != b.Files[i].Name || !bytes.Equal(a.Files[i].Source, b.Files[i].Source) {
				t.Fatalf("%s: %s differs between two runs:\n%s", spec, a.Files[i].Name,
					textdiff.Unified("run1", "run2", string(a.Files[i].Source), string(b.Files[i].Source)))
			}
		}
	}
}
