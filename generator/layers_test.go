package generator_test

import (
	"encoding/json"
	"go/parser"
	"go/token"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/intercom-gen/intercom-gen"

// kinAllowed are the only files that may import kin-openapi, as the
// package documentation (doc.go) states: "*" for every file of a package.
var kinAllowed = map[string][]string{
	"loader":                     {"*"},
	"generator/internal/build":   {"*"},
	"generator/internal/apidiff": {"wire.go"},
	"generator/internal/verify":  {"form.go", "plan.go", "sample.go", "server.go"},
	"cmd/peerbench":              {"*"},
}

type listed struct {
	ImportPath, Dir  string
	Imports, GoFiles []string
}

func listPackages(t *testing.T) []listed {
	t.Helper()
	cmd := exec.Command("go", "list", "-json", module+"/...")
	cmd.Dir = ".."
	out, err := cmd.Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	var pkgs []listed
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for dec.More() {
		var p listed
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs
}

// TestLayers checks the import graph: no package imports its parent, the
// loader never imports the generator, and kin-openapi reaches only the
// files the package documentation names.
func TestLayers(t *testing.T) {
	pkgs := listPackages(t)
	if len(pkgs) < 10 {
		t.Fatalf("go list found %d packages", len(pkgs))
	}
	for _, p := range pkgs {
		rel := strings.TrimPrefix(strings.TrimPrefix(p.ImportPath, module), "/")
		// Generated packages follow Go's convention instead: their test
		// package (intercomtest) imports the package it stands in for.
		generated := strings.HasPrefix(rel, "golden/") || strings.HasPrefix(rel, "generated/")
		for _, imp := range p.Imports {
			if strings.HasPrefix(p.ImportPath, imp+"/") && !generated {
				t.Errorf("%s imports its parent %s", p.ImportPath, imp)
			}
			if (rel == "loader" || strings.HasPrefix(rel, "loader/")) && strings.HasPrefix(imp, module+"/generator") {
				t.Errorf("the loader layer (%s) imports the generator (%s)", p.ImportPath, imp)
			}
		}
		if !slices.ContainsFunc(p.Imports, isKin) {
			continue
		}
		allowed, ok := kinAllowed[rel]
		if !ok {
			t.Errorf("%s imports kin-openapi; only %v may (doc.go)", p.ImportPath, keys(kinAllowed))
			continue
		}
		if slices.Contains(allowed, "*") {
			continue
		}
		fset := token.NewFileSet()
		for _, name := range p.GoFiles {
			f, err := parser.ParseFile(fset, filepath.Join(p.Dir, name), nil, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			for _, spec := range f.Imports {
				path, _ := strconv.Unquote(spec.Path.Value)
				if isKin(path) && !slices.Contains(allowed, name) {
					t.Errorf("%s/%s imports kin-openapi; in %s only %v may", rel, name, rel, allowed)
				}
			}
		}
	}
}

func isKin(path string) bool { return strings.HasPrefix(path, "github.com/getkin/kin-openapi") }

func keys(m map[string][]string) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}
