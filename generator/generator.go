// Package generator turns a loaded Intercom description into the files of a
// Go client package: build (generator/build) makes the Go-shaped model,
// emit (generator/emit) renders it, and the runtime under templates/ is
// copied alongside. Write puts the files in place.
package generator

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/intercom-gen/intercom-gen/generator/build"
	"github.com/intercom-gen/intercom-gen/generator/emit"
	"github.com/intercom-gen/intercom-gen/generator/ir"
	"github.com/intercom-gen/intercom-gen/loader"
	"github.com/intercom-gen/intercom-gen/loader/diag"
	"github.com/intercom-gen/intercom-gen/templates"
)

// DefaultPackage is the package name when none is given.
const DefaultPackage = "intercom"

// Header is the first line of every generated file.
const Header = "// " + emit.Header

// Options configure a generation.
type Options struct {
	// Package is the Go package name (DefaultPackage when empty).
	Package string
	// Filter selects operations by tag and name (filter.go); the zero
	// value keeps them all.
	Filter Filter
	// ReleaseDocument lets Generate release the document's tree and
	// kin-openapi model (Document.Release) as soon as its own model is
	// built, which lowers the peak memory of a generation; the caller must
	// not need them afterwards.
	ReleaseDocument bool
}

// File is one output file.
type File struct {
	Name   string
	Source []byte
}

// Result is a generated package.
type Result struct {
	Package *ir.Package
	// Files are every file of the package, sorted by name.
	Files []File
	// Diags are the builder's diagnostics (renames and other decisions).
	Diags diag.List
}

// Generate builds and renders the package for doc.
func Generate(doc *loader.Document, opts Options) (*Result, error) {
	name := opts.Package
	if name == "" {
		name = DefaultPackage
	}
	rt, err := templates.Files(name)
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
	if err := opts.Filter.apply(pkg); err != nil {
		return &Result{Diags: diags}, fmt.Errorf("%s: %w", doc.File, err)
	}
	if opts.ReleaseDocument {
		doc.Release()
	}
	gen, err := emit.Emit(pkg)
	if err != nil {
		return &Result{Package: pkg, Diags: diags}, fmt.Errorf("%s: %w", doc.File, err)
	}
	res := &Result{Package: pkg, Diags: diags}
	for _, f := range gen {
		res.Files = append(res.Files, File{Name: f.Name, Source: f.Source})
	}
	for _, f := range rt {
		src := append([]byte(Header+"\n\n"), f.Source...)
		res.Files = append(res.Files, File{Name: f.Name, Source: src})
	}
	slices.SortFunc(res.Files, func(a, b File) int { return strings.Compare(a.Name, b.Name) })
	for i := 1; i < len(res.Files); i++ {
		if res.Files[i].Name == res.Files[i-1].Name {
			return nil, fmt.Errorf("generator: two files named %s", res.Files[i].Name)
		}
	}
	return res, nil
}
