// Package templates holds the runtime that intercom-gen copies into every
// generated package (see the runtime subdirectory, a real package so that
// it is compiled and tested on its own) and hands it to the generator.
package templates

import (
	"bytes"
	"embed"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"iter"
	"path"
	"slices"
	"strings"
	"sync"
)

//go:embed runtime/*.go testserver/*.go
var runtimeFS embed.FS

// runtimeFile is a copied runtime file with its package clause located.
type runtimeFile struct {
	name       string // the name in the generated package
	base       string // the name here
	src        []byte
	nameOffset int // offset of the package name in the package clause
	nameEnd    int
	ast        *ast.File
}

// loadRuntime parses the embedded files once; they are part of the binary
// and cannot change, so a failure here is a bug in this repository.
var loadRuntime = sync.OnceValues(func() ([]runtimeFile, error) {
	return loadDir("runtime", "runtime_")
})

// loadTestServer is loadRuntime for the test package's fixed files,
// copied under their own names.
var loadTestServer = sync.OnceValues(func() ([]runtimeFile, error) {
	return loadDir("testserver", "")
})

// loadDir parses the copied files of one embedded folder, naming each
// prefix + its base name.
func loadDir(dir, prefix string) ([]runtimeFile, error) {
	paths, err := fs.Glob(runtimeFS, dir+"/*.go")
	if err != nil {
		return nil, err
	}
	fset := token.NewFileSet()
	var files []runtimeFile
	for _, p := range paths {
		base := path.Base(p)
		if !copied(base) {
			continue
		}
		src, err := runtimeFS.ReadFile(p)
		if err != nil {
			return nil, err
		}
		f, err := parser.ParseFile(fset, p, src, parser.SkipObjectResolution)
		if err != nil {
			return nil, fmt.Errorf("templates: %w", err)
		}
		tf := fset.File(f.Pos())
		files = append(files, runtimeFile{
			name:       prefix + base,
			base:       base,
			src:        src,
			nameOffset: tf.Offset(f.Name.Pos()),
			nameEnd:    tf.Offset(f.Name.End()),
			ast:        f,
		})
	}
	slices.SortFunc(files, func(a, b runtimeFile) int { return strings.Compare(a.name, b.name) })
	return files, nil
}

// copied reports whether a runtime file goes into generated packages:
// tests stay here, and doc.go holds this repository's package comment.
func copied(name string) bool {
	return strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go") && name != "doc.go"
}

// A Feature is something a package's description may declare that needs
// runtime or test-server code of its own.
type Feature string

// Webhooks: the description declares webhooks (OpenAPI 3.1), which the
// package reads and its test package builds requests of.
const Webhooks Feature = "webhooks"

// optional maps the files copied only into packages with a feature to it
// (runtime/ and testserver/ file names), so that a package has no code it
// never calls: staticcheck's unused check runs on generated packages.
var optional = map[string]Feature{
	"webhookpayload.go": Webhooks,
	"webhookrequest.go": Webhooks,
}

// Runtime yields the runtime files for a package named pkg, in name
// order: each runtime file except tests and doc.go, named
// runtime_<name>.go, with its package clause changed to pkg (a valid
// package name: the generator checks it once, for every stage), leaving
// out the optional files of features the package does not have. Each
// source is a new buffer the caller may keep; the generator adds the
// header.
func Runtime(pkg string, features ...Feature) iter.Seq2[string, []byte] {
	return renamed(mustLoadRuntime(), pkg, features)
}

// TestServer yields the fixed files of the test package written beside a
// generated package (see the testserver subdirectory) for a test package
// named pkg, in name order: each file except tests, doc.go and the
// optional files of features the package does not have, under its own
// name, with its package clause changed to pkg. The generator adds the
// per-version table and the header.
func TestServer(pkg string, features ...Feature) iter.Seq2[string, []byte] {
	files, err := loadTestServer()
	if err != nil {
		panic(err)
	}
	return renamed(files, pkg, features)
}

// renamed yields files with their package clause changed to pkg, without
// the optional files of other features.
func renamed(files []runtimeFile, pkg string, features []Feature) iter.Seq2[string, []byte] {
	return func(yield func(string, []byte) bool) {
		for _, f := range files {
			if need, ok := optional[f.base]; ok && !slices.Contains(features, need) {
				continue
			}
			var src bytes.Buffer
			src.Grow(len(f.src) + len(pkg))
			src.Write(f.src[:f.nameOffset])
			src.WriteString(pkg)
			src.Write(f.src[f.nameEnd:])
			if !yield(f.name, src.Bytes()) {
				return
			}
		}
	}
}

// mustLoadRuntime returns the parsed runtime files. They are embedded in
// the binary and cannot change, so a failure is a bug in this repository
// (TestRuntimeParses fails first).
func mustLoadRuntime() []runtimeFile {
	files, err := loadRuntime()
	if err != nil {
		panic(err)
	}
	return files
}

// Identifiers returns every package-level name the runtime files declare
// (types, functions, variables and constants, exported or not; not
// methods), sorted. The generator must not declare any of them.
func Identifiers() []string {
	var names []string
	for _, f := range mustLoadRuntime() {
		for _, decl := range f.ast.Decls {
			switch d := decl.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil {
					names = append(names, d.Name.Name)
				}
			case *ast.GenDecl:
				for _, spec := range d.Specs {
					switch s := spec.(type) {
					case *ast.TypeSpec:
						names = append(names, s.Name.Name)
					case *ast.ValueSpec:
						for _, n := range s.Names {
							names = append(names, n.Name)
						}
					}
				}
			}
		}
	}
	slices.Sort(names)
	names = slices.Compact(names)
	return slices.DeleteFunc(names, func(n string) bool { return n == "_" })
}

//go:embed harness/main.go
var harnessSource []byte

// harnessImport is the package the harness source imports so that it
// compiles (against golden/v2) where it lives.
const harnessImport = `sdk "github.com/intercom-gen/intercom-gen/golden/v2"`

// Harness returns the verify harness program (templates/harness/main.go)
// importing the generated package at importPath, ready to build in a
// module of its own.
func Harness(importPath string) ([]byte, error) {
	src := string(harnessSource)
	if !strings.Contains(src, harnessImport) {
		return nil, fmt.Errorf("templates: the harness no longer imports %s", harnessImport)
	}
	src = strings.Replace(src, harnessImport, `sdk "`+importPath+`"`, 1)
	src = strings.Replace(src, "//go:build ignore\n\n", "", 1)
	return []byte(src), nil
}
