// Package pipeline runs the generation stages on a loaded description:
// build (the Go-shaped model), filter, render (the package's files). It is
// the one chain the front door (package generator) and the tools share, so
// that none of them re-runs or re-orders the stages by hand.
package pipeline

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/intercom-gen/intercom-gen/generator/internal/build"
	"github.com/intercom-gen/intercom-gen/generator/internal/filter"
	"github.com/intercom-gen/intercom-gen/generator/internal/gofile"
	"github.com/intercom-gen/intercom-gen/generator/internal/model"
	"github.com/intercom-gen/intercom-gen/generator/internal/naming"
	"github.com/intercom-gen/intercom-gen/generator/internal/render"
	"github.com/intercom-gen/intercom-gen/loader"
	"github.com/intercom-gen/intercom-gen/loader/diag"
	"github.com/intercom-gen/intercom-gen/templates"
)

// Options configure a generation.
type Options struct {
	// Package is the Go package name (naming.DefaultPackage when empty).
	Package string
	// Filter selects operations; the zero value keeps them all.
	Filter filter.Filter
	// ReleaseDocument lets Generate release the document's tree and
	// kin-openapi model (Document.Release) as soon as the model is built,
	// which lowers the peak memory of a generation; the caller must not
	// need them afterwards.
	ReleaseDocument bool
	// ImportPath is the import path of the package's folder. When it is
	// set, the test package (<pkg>test, in a sub-folder) is generated too:
	// it imports the package by this path.
	ImportPath string
}

// Result is a generated package.
type Result struct {
	// Package is the model the files were rendered from.
	Package *model.Package
	// Files are every file of the package, sorted by name.
	Files []gofile.File
	// Diags are the builder's diagnostics (renames and other decisions).
	Diags diag.List
}

// Generate builds, filters and renders the package for doc.
func Generate(doc *loader.Document, opts Options) (*Result, error) {
	name, err := naming.PackageName(opts.Package)
	if err != nil {
		return nil, err
	}
	pkg, diags, err := build.Build(doc.Spec, doc, build.Options{
		Package:  name,
		Version:  doc.Version,
		Source:   filepath.Base(doc.File),
		Reserved: templates.Identifiers(),
	})
	if err != nil {
		return &Result{Diags: diags}, err
	}
	if err := opts.Filter.Apply(pkg); err != nil {
		return &Result{Diags: diags}, fmt.Errorf("%s: %w", doc.File, err)
	}
	var examples map[string]string
	if opts.ImportPath != "" {
		// The examples come from the description, which is released next.
		examples = build.SuccessExamples(doc.Spec, pkg)
	}
	if opts.ReleaseDocument {
		doc.Release()
	}
	// The test package and the examples are rendered while the package
	// is: each stage spreads its files over the cores, but ends waiting
	// for its last file, which the other's work fills.
	var test []gofile.File
	var testErr error
	done := make(chan struct{})
	if opts.ImportPath != "" {
		go func() {
			defer close(done)
			test, testErr = render.TestPackage(pkg, opts.ImportPath, examples)
			if testErr != nil {
				return
			}
			// The examples run against the test package: they come with it.
			ex, ok, err := render.Examples(pkg, opts.ImportPath)
			if ok {
				test = append(test, ex)
			}
			testErr = err
		}()
	} else {
		close(done)
	}
	files, err := render.Package(pkg)
	<-done
	if err != nil {
		return &Result{Package: pkg, Diags: diags}, fmt.Errorf("%s: %w", doc.File, err)
	}
	if testErr != nil {
		return &Result{Package: pkg, Diags: diags}, fmt.Errorf("%s: %w", doc.File, testErr)
	}
	if opts.ImportPath != "" {
		files = append(files, test...)
		slices.SortFunc(files, func(a, b gofile.File) int { return strings.Compare(a.Name, b.Name) })
	}
	return &Result{Package: pkg, Files: files, Diags: diags}, nil
}
