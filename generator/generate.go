package generator

import (
	"fmt"

	"github.com/intercom-gen/intercom-gen/generator/internal/gofile"
	"github.com/intercom-gen/intercom-gen/generator/internal/model"
	"github.com/intercom-gen/intercom-gen/generator/internal/modimport"
	"github.com/intercom-gen/intercom-gen/generator/internal/pipeline"
	"github.com/intercom-gen/intercom-gen/generator/internal/write"
	"github.com/intercom-gen/intercom-gen/loader"
	"github.com/intercom-gen/intercom-gen/loader/diag"
)

// File is one file of a generated package: a plain name and its source.
type File = gofile.File

// Header is the first line of every generated file. Write replaces and
// removes only files that start with it; any other file is the user's.
const Header = gofile.Header

// IsGenerated reports whether content starts with Header.
func IsGenerated(content []byte) bool { return gofile.IsGenerated(content) }

// Model is the Go-shaped model a package is rendered from: its types,
// services, operations and webhook topics.
type Model = model.Package

// Result is a generated package: its model, its files (sorted by name)
// and the diagnostics of loading and building it.
type Result = pipeline.Result

// Options configure GenerateDocument.
type Options = pipeline.Options

// WriteStats counts what Write did.
type WriteStats = write.Stats

// Load loads and repairs the target's description. With t.Strict, a
// description that draws warnings fails, the warnings as its errors.
func Load(t Target) (*loader.Document, diag.List, error) {
	path, err := t.Description()
	if err != nil {
		return nil, nil, err
	}
	doc, diags, err := loader.Load(path, t.Load)
	if err == nil && t.Strict {
		err = strictError(path, diags)
	}
	return doc, diags, err
}

// strictError fails a load that drew warnings.
func strictError(path string, diags diag.List) error {
	var warns diag.List
	for _, d := range diags {
		if d.Severity == diag.Warning {
			w := d
			w.Severity = diag.Error
			w.Hint = joinHint(w.Hint, "--strict turns warnings into errors")
			warns = append(warns, w)
		}
	}
	if len(warns) == 0 {
		return nil
	}
	return &diag.ErrorList{Diags: warns}
}

func joinHint(h, more string) string {
	if h == "" {
		return more
	}
	return h + "; " + more
}

// Generate loads the target's description and generates its package in
// memory (nothing is written). The result carries the diagnostics of both
// stages, also when err is not nil.
func Generate(t Target) (*Result, error) {
	if t.ImportPath != "" && !t.NoTestPackage {
		if err := modimport.Check(t.ImportPath); err != nil {
			return &Result{}, fmt.Errorf("the output folder's import path: %w", err)
		}
	}
	doc, diags, err := Load(t)
	if err != nil {
		return &Result{Diags: diags}, err
	}
	res, err := generateDocument(doc, t, true, true)
	if res == nil {
		res = &Result{}
	}
	res.Diags = append(diags, res.Diags...)
	return res, err
}

// generateDocument generates t's package from its loaded description,
// with its test package when withTest is set and t asks for it (the tools
// that read only the package itself leave it out).
func generateDocument(doc *loader.Document, t Target, release, withTest bool) (*Result, error) {
	name, err := t.PackageName()
	if err != nil {
		return nil, err
	}
	opts := pipeline.Options{Package: name, Filter: t.Filter, ReleaseDocument: release}
	var diags diag.List
	if withTest && !t.NoTestPackage {
		var d *diag.Diagnostic
		opts.ImportPath, d = t.importPath()
		if d != nil {
			diags = append(diags, *d)
		}
	}
	res, err := pipeline.Generate(doc, opts)
	if res != nil {
		res.Diags = append(res.Diags, diags...)
	}
	return res, err
}

// GenerateDocument generates the package for a description already
// loaded (tests, benchmarks and tools that keep the document).
func GenerateDocument(doc *loader.Document, opts Options) (*Result, error) {
	if doc == nil {
		return nil, fmt.Errorf("generator: no document")
	}
	return pipeline.Generate(doc, opts)
}

// Write puts files into dir, all of them or none, and removes the files
// of an earlier generation that are no longer generated; a file that does
// not start with Header is never replaced or removed (see the write
// stage's documentation for the crash-safety rules).
//
// Files may sit in one sub-folder of dir (the test package); owned names
// sub-folders whose stale generated files go even when files has none
// there.
func Write(dir string, files []File, owned ...string) (WriteStats, error) {
	return write.Write(dir, files, owned...)
}
