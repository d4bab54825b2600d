package generator

import (
	"errors"
	"fmt"

	"github.com/intercom-gen/intercom-gen/generator/config"
	"github.com/intercom-gen/intercom-gen/generator/internal/filter"
	"github.com/intercom-gen/intercom-gen/generator/internal/modimport"
	"github.com/intercom-gen/intercom-gen/generator/internal/naming"
	"github.com/intercom-gen/intercom-gen/generator/internal/render"
	"github.com/intercom-gen/intercom-gen/loader"
	"github.com/intercom-gen/intercom-gen/loader/diag"
)

// DefaultPackage is the package name when a Target names none.
const DefaultPackage = naming.DefaultPackage

// Filter selects the operations a package keeps. An operation is kept
// when it matches IncludeTags or IncludeOperations (or both are empty) and
// matches neither ExcludeTags nor ExcludeOperations. Tags match any of the
// operation's tags by name; operations match by operationId, Go method
// name or "METHOD /path" (the description's path template).
type Filter = filter.Filter

// A Target is one package to generate: which description, which folder,
// which package. Command-line flags and intercom-gen.yaml both produce
// Targets, and every tool of the library takes them.
type Target struct {
	// Name labels the target in messages; Out when empty.
	Name string
	// Spec is the description file. When it is empty, Version names one
	// of Intercom's versions (2.7 … 2.16, preview), read from OpenAPIDir
	// (a checkout of Intercom's description repository).
	Spec, Version, OpenAPIDir string
	// Out is the folder of the generated package.
	Out string
	// Package is the Go package name (DefaultPackage when empty).
	Package string
	// Filter selects operations; the zero value keeps them all.
	Filter Filter
	// Load are the loader's options (validation, external references).
	Load loader.Options
	// Strict turns the description's warnings into a failure.
	Strict bool
	// ImportPath is the import path of Out, which the test package
	// imports the generated package by; when empty it is derived from the
	// go.mod file of the module Out is in.
	ImportPath string
	// NoTestPackage leaves the test package (<Out>/<Package>test) out.
	NoTestPackage bool
	// Origin is where the target was declared ("intercom-gen.yaml:12"),
	// "" for one from the command line; failures name it.
	Origin string
}

// Label is how messages name the target.
func (t Target) Label() string {
	if t.Name != "" {
		return t.Name
	}
	return t.Out
}

// Description is the path of the target's description file.
func (t Target) Description() (string, error) {
	switch {
	case t.Spec != "":
		return t.Spec, nil
	case t.Version != "":
		return loader.ResolveVersion(t.OpenAPIDir, t.Version)
	}
	return "", errors.New("no description: give --spec FILE or --version VERSION (with --openapi-dir or INTERCOM_OPENAPI_DIR)")
}

// PackageName is the target's Go package name, defaulted and checked (the
// one place that does either).
func (t Target) PackageName() (string, error) {
	return naming.PackageName(t.Package)
}

// ConfigTargets reads intercom-gen.yaml at path and returns its targets,
// in the file's order, with paths resolved against the file's folder and
// every version resolved to its description file (openapiDir unless the
// file names its own). A target that cannot be resolved fails the whole
// file, located at its line, before anything is generated.
func ConfigTargets(path, openapiDir string) ([]Target, error) {
	cfg, err := config.Load(path)
	if err != nil {
		return nil, err
	}
	dir := cfg.OpenAPIDir
	if dir == "" {
		dir = openapiDir
	}
	ts := make([]Target, 0, len(cfg.Targets))
	for _, c := range cfg.Targets {
		t := Target{
			Name: c.Name, Spec: c.Spec, Version: c.Version, OpenAPIDir: dir,
			Out: c.Out, Package: c.Package, Filter: c.Filter,
			ImportPath: c.ImportPath, NoTestPackage: c.NoTestPackage,
			Origin: fmt.Sprintf("%s:%d", cfg.File, c.Line),
		}
		if _, err := t.Description(); err != nil {
			return nil, fmt.Errorf("%s: target %s: %w", t.Origin, t.Label(), err)
		}
		if _, err := t.PackageName(); err != nil {
			return nil, fmt.Errorf("%s: target %s: %w", t.Origin, t.Label(), err)
		}
		ts = append(ts, t)
	}
	return ts, nil
}

// TestPackageName is the name, and folder under Out, of the target's
// test package ("intercomtest"); "" when the package name is invalid.
func (t Target) TestPackageName() string {
	name, err := t.PackageName()
	if err != nil {
		return ""
	}
	return render.TestPackageName(name)
}

// CodeNoTestPackage is the code of the warning that the test package was
// left out because the output folder's import path is unknown.
const CodeNoTestPackage = "testpkg-no-import-path"

// importPath is the import path of t.Out: t.ImportPath, else the path of
// the module whose go.mod is in Out or a folder above it, joined with
// Out's place in it. Without either, the test package cannot import the
// package: the diagnostic says so and the test package is left out. An
// in-memory generation (no Out) has no test package and no diagnostic.
// CheckImportPath reports why p cannot be an import path (Target's
// ImportPath), as the go command reads one.
func CheckImportPath(p string) error { return modimport.Check(p) }

func (t Target) importPath() (string, *diag.Diagnostic) {
	if t.ImportPath != "" {
		return t.ImportPath, nil
	}
	if t.Out == "" {
		return "", nil
	}
	ip, err := modimport.ImportPath(t.Out)
	if err == nil {
		return ip, nil
	}
	return "", &diag.Diagnostic{Severity: diag.Warning, Code: CodeNoTestPackage, File: t.Out,
		Message: fmt.Sprintf("the test package %s is not generated: %v", t.TestPackageName(), err),
		Hint:    "pass the output folder's import path with --import-path (import-path in intercom-gen.yaml), or leave the test package out with --no-testpkg (test-package: false)"}
}
