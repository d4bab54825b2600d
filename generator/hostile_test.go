package generator_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/intercom-gen/intercom-gen/generator"
	"github.com/intercom-gen/intercom-gen/generator/internal/render"
	"github.com/intercom-gen/intercom-gen/golden"
	"github.com/intercom-gen/intercom-gen/loader"
	"github.com/intercom-gen/intercom-gen/loader/diag"
	"github.com/intercom-gen/intercom-gen/templates"
)

// The hostile corpus: specs/hostile/*.yaml (and *.json) are small
// descriptions that are broken or written to attack the generator. Each
// ends in comments, written by `go test ./generator -run Hostile -update`
// and reviewed as diffs, that say exactly what must happen:
//
//	# options: allow-external-refs        (optional: how to load it)
//	# want: <severity> <code> <line>:<col> <pointer, - if none> | <message> (<hint>)
//	# fail: <error that is not a diagnostic>
//	# decl: <a top-level declaration the generated package adds>
//
// want lines list every diagnostic of loading and generating, in
// diag.List.Sorted order; every error and repair must carry a hint. A case
// that generates lists, as decl lines, every top-level declaration of its
// generated files beyond those of an empty description (types, functions,
// methods as Type.Method, constants and variables); nothing else may be
// declared, imported or directed (no //go: or //line directive, no cgo, no
// build constraint, no block comment), and the output must compile:
// every generating case is built in one module by the go command.

const hostileDir = "../specs/hostile"

const (
	optionsPrefix = "# options: "
	wantPrefix    = "# want: "
	failPrefix    = "# fail: "
	declPrefix    = "# decl: "
)

// caseTimeout bounds loading plus generating one case: a hang is a bug.
const caseTimeout = 20 * time.Second

type hostileCase struct {
	name    string // file name
	path    string // as loaded (relative to this package)
	body    string // the description without its trailer
	options []string
	want    []string // want and fail lines, without prefix
	decls   []string
}

func readHostile(t testing.TB) []hostileCase {
	t.Helper()
	var paths []string
	for _, ext := range []string{"*.yaml", "*.json"} {
		m, err := filepath.Glob(filepath.Join(hostileDir, ext))
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, m...)
	}
	slices.Sort(paths)
	if len(paths) == 0 {
		t.Fatalf("no hostile corpus in %s", hostileDir)
	}
	var cases []hostileCase
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		c := hostileCase{name: filepath.Base(p), path: filepath.ToSlash(p)}
		lines := strings.SplitAfter(string(raw), "\n")
		end := len(lines)
		isTrailer := func(l string) bool {
			for _, p := range []string{optionsPrefix, wantPrefix, failPrefix, declPrefix} {
				if strings.HasPrefix(l, p) {
					return true
				}
			}
			return l == ""
		}
		for end > 0 && isTrailer(lines[end-1]) {
			end--
		}
		c.body = strings.Join(lines[:end], "")
		for _, l := range lines[end:] {
			l = strings.TrimSuffix(l, "\n")
			switch {
			case strings.HasPrefix(l, optionsPrefix):
				for _, o := range strings.Split(strings.TrimPrefix(l, optionsPrefix), ",") {
					c.options = append(c.options, strings.TrimSpace(o))
				}
			case strings.HasPrefix(l, wantPrefix):
				c.want = append(c.want, strings.TrimPrefix(l, wantPrefix))
			case strings.HasPrefix(l, failPrefix):
				c.want = append(c.want, "fail | "+strings.TrimPrefix(l, failPrefix))
			case strings.HasPrefix(l, declPrefix):
				c.decls = append(c.decls, strings.TrimPrefix(l, declPrefix))
			}
		}
		cases = append(cases, c)
	}
	return cases
}

// hostileOutcome is what loading and generating one case gave.
type hostileOutcome struct {
	diags diag.List
	err   error // the error that is not carried by diags
	res   *generator.Result
	took  time.Duration
	path  string // the description's path as loaded
}

func (o hostileOutcome) lines() []string {
	var out []string
	for _, d := range o.diags.Sorted() {
		ptr := d.Pointer
		if ptr == "" {
			ptr = "-"
		}
		pos := fmt.Sprintf("%d:%d", d.Line, d.Col)
		if d.File != o.path {
			// A diagnostic about another file (an external reference)
			// names it relative to the description's folder.
			rel, err := filepath.Rel(filepath.Dir(o.path), d.File)
			if err != nil {
				rel = d.File
			}
			pos = filepath.ToSlash(rel) + ":" + pos
		}
		line := fmt.Sprintf("%s %s %s %s | %s", d.Severity, d.Code, pos, ptr, d.Message)
		if d.Hint != "" {
			line += " (" + d.Hint + ")"
		}
		out = append(out, strings.NewReplacer("\n", `\n`, "\r", `\r`).Replace(line))
	}
	if o.err != nil {
		out = append(out, "fail | "+strings.ReplaceAll(o.err.Error(), "\n", `\n`))
	}
	return out
}

// runHostile loads and generates the description at path within
// caseTimeout. A panic anywhere fails the test with its stack.
func runHostile(t testing.TB, path string, data []byte, options []string) hostileOutcome {
	t.Helper()
	return runHostileLimit(t, path, data, options, caseTimeout)
}

func runHostileLimit(t testing.TB, path string, data []byte, options []string, limit time.Duration) hostileOutcome {
	t.Helper()
	// The shipped patches are about Intercom's files: on these they
	// would only say that they do not apply.
	cfg, err := loader.DefaultConfig()
	if err != nil {
		t.Fatal(err)
	}
	cfg.Patches = nil
	opts := loader.Options{Config: cfg}
	pkg := "hostile"
	for _, o := range options {
		switch {
		case o == "allow-external-refs":
			opts.AllowExternalRefs = true
		case strings.HasPrefix(o, "package="):
			pkg = strings.TrimPrefix(o, "package=")
		default:
			t.Fatalf("unknown option %q", o)
		}
	}
	done := make(chan hostileOutcome, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- hostileOutcome{err: fmt.Errorf("PANIC: %v\n%s", r, debug.Stack())}
			}
		}()
		start := time.Now()
		var o hostileOutcome
		var doc *loader.Document
		var err error
		if data == nil {
			doc, o.diags, err = loader.Load(path, opts)
		} else {
			doc, o.diags, err = loader.LoadBytes(path, data, opts)
		}
		if err == nil {
			var res *generator.Result
			res, err = generator.GenerateDocument(doc, generator.Options{Package: pkg})
			if res != nil {
				o.diags = append(o.diags, res.Diags...)
			}
			if err == nil {
				o.res = res
			}
		}
		if _, ok := diag.AsList(err); err != nil && !ok {
			o.err = err
		}
		o.took = time.Since(start)
		o.path = path
		done <- o
	}()
	select {
	case o := <-done:
		if o.err != nil && strings.HasPrefix(o.err.Error(), "PANIC") {
			t.Fatalf("%s: %v", path, o.err)
		}
		return o
	case <-time.After(limit):
		t.Fatalf("%s: loading and generating took more than %s", path, limit)
	}
	return hostileOutcome{}
}

// baseline is what the generated files of a description without paths or
// schemas declare: every case's output is that plus its decl lines.
func baseline(t testing.TB) map[string]bool {
	t.Helper()
	const empty = "openapi: 3.0.3\ninfo: {title: empty, version: '1.0'}\npaths: {}\n"
	o := runHostile(t, "empty.yaml", []byte(empty), nil)
	if o.res == nil {
		t.Fatalf("the empty description does not generate: %v %v", o.diags, o.err)
	}
	decls := map[string]bool{}
	for _, f := range o.res.Files {
		file := parseGenerated(t, f)
		for _, d := range topLevel(file) {
			decls[d] = true
		}
	}
	return decls
}

func parseGenerated(t testing.TB, f generator.File) *ast.File {
	t.Helper()
	file, err := parser.ParseFile(token.NewFileSet(), f.Name, f.Source, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		t.Fatalf("%s does not parse: %v", f.Name, err)
	}
	return file
}

// topLevel lists the declarations of a file: names of types, constants,
// variables and functions, methods as Type.Method.
func topLevel(f *ast.File) []string {
	var out []string
	for _, decl := range f.Decls {
		switch d := decl.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil || len(d.Recv.List) == 0 {
				out = append(out, d.Name.Name)
				continue
			}
			out = append(out, recvName(d.Recv.List[0].Type)+"."+d.Name.Name)
		case *ast.GenDecl:
			for _, spec := range d.Specs {
				switch s := spec.(type) {
				case *ast.TypeSpec:
					out = append(out, s.Name.Name)
				case *ast.ValueSpec:
					for _, n := range s.Names {
						out = append(out, n.Name)
					}
				case *ast.ImportSpec:
				}
			}
		}
	}
	return out
}

func recvName(e ast.Expr) string {
	switch x := e.(type) {
	case *ast.StarExpr:
		return recvName(x.X)
	case *ast.IndexExpr:
		return recvName(x.X)
	case *ast.IndexListExpr:
		return recvName(x.X)
	case *ast.Ident:
		return x.Name
	}
	return fmt.Sprintf("%T", e)
}

// allowedImports are the only packages generated code may import.
var allowedImports = map[string]bool{
	"bytes": true, "context": true, "encoding/base64": true, "encoding/json": true, "errors": true,
	"fmt": true, "io": true, "math": true, "math/big": true, "mime": true, "mime/multipart": true,
	"net/http": true, "net/textproto": true, "net/url": true, "reflect": true, "slices": true,
	"sort": true, "strconv": true, "strings": true, "sync": true, "time": true, "unicode/utf8": true,
	"iter": true, "maps": true, "path": true, "unicode": true, "unicode/utf16": true, "math/bits": true,
}

// jsonv2Constraint is the one directive generated code carries: the build
// constraint of models_jsonv2.go, on its second line, which also alone
// imports encoding/json/jsontext.
const (
	jsonv2File       = "models_jsonv2.go"
	jsonv2Constraint = "//go:build goexperiment.jsonv2"
)

// checkGofmt fails when a generated file is not what gofmt makes of it:
// the types are written in gofmt's layout without go/format.
func checkGofmt(t testing.TB, f generator.File) {
	t.Helper()
	if strings.HasPrefix(f.Name, "runtime_") {
		return // the runtime is copied verbatim (checkRuntime)
	}
	if formatted, err := format.Source(f.Source); err == nil && !bytes.Equal(formatted, f.Source) {
		t.Errorf("%s is not gofmt'd", f.Name)
	}
}

// checkInert fails when a generated file declares a package other than
// pkg, imports anything unexpected, carries a directive, a build
// constraint (but models_jsonv2.go's), cgo or a block comment, or
// declares init or main.
func checkInert(t testing.TB, pkg string, f generator.File) []string {
	t.Helper()
	file := parseGenerated(t, f)
	if file.Name.Name != pkg {
		t.Errorf("%s: package %s, want %s", f.Name, file.Name.Name, pkg)
	}
	if strings.HasPrefix(f.Name, "runtime_") {
		// The runtime is our own code, copied verbatim: checkRuntime
		// compares it with the embedded files.
		return topLevel(file)
	}
	for _, imp := range file.Imports {
		p, _ := strconv.Unquote(imp.Path.Value)
		if f.Name == jsonv2File && p == "encoding/json/jsontext" && imp.Name == nil {
			continue
		}
		if !allowedImports[p] || imp.Name != nil && imp.Name.Name != filepath.Base(p) {
			t.Errorf("%s: unexpected import %s", f.Name, imp.Path.Value)
		}
	}
	if !generator.IsGenerated(f.Source) {
		t.Errorf("%s: no generated header", f.Name)
	}
	for i, line := range strings.Split(string(f.Source), "\n") {
		if f.Name == jsonv2File && i == 1 && line == jsonv2Constraint {
			continue
		}
		trimmed := strings.TrimLeft(line, " \t")
		for _, bad := range []string{"//go:", "//line ", "//export ", "//extern ", "// +build", "#cgo", "/*line "} {
			if strings.HasPrefix(trimmed, bad) {
				t.Errorf("%s:%d: directive in generated code: %q", f.Name, i+1, line)
			}
		}
		if strings.ContainsAny(line, "\r\u2028\u2029\x00\ufeff") || strings.ContainsRune(line, '\u202e') {
			t.Errorf("%s:%d: control or line-breaking character in generated code: %q", f.Name, i+1, line)
		}
	}
	for _, cg := range file.Comments {
		for _, c := range cg.List {
			if strings.HasPrefix(c.Text, "/*") {
				t.Errorf("%s: block comment %q", f.Name, c.Text)
			}
		}
	}
	decls := topLevel(file)
	for _, d := range decls {
		if d == "init" || d == "main" || d == "_" {
			t.Errorf("%s declares %s", f.Name, d)
		}
	}
	return decls
}

func TestHostileCorpus(t *testing.T) {
	cases := readHostile(t)
	base := baseline(t)
	type built struct {
		name  string
		files []generator.File
	}
	var toBuild []built
	for _, c := range cases {
		ok := t.Run(strings.TrimSuffix(c.name, filepath.Ext(c.name)), func(t *testing.T) {
			o := runHostile(t, c.path, nil, c.options)
			got := o.lines()
			for _, d := range o.diags {
				if (d.Severity == diag.Error || d.Severity == diag.Repair) && d.Hint == "" {
					t.Errorf("%s has no hint", d)
				}
				if d.Severity == diag.Error && d.Line == 0 && d.Pointer == "" {
					t.Errorf("%s is not located", d)
				}
				if d.File == "" {
					t.Errorf("%s names no file", d)
				}
			}
			var decls []string
			if o.res != nil {
				pkg := o.res.Package.Name
				seen := map[string]bool{}
				for _, f := range o.res.Files {
					checkGofmt(t, f)
					for _, d := range checkInert(t, pkg, f) {
						if !base[d] && !seen[d] {
							decls = append(decls, d)
						}
						seen[d] = true
					}
				}
				slices.Sort(decls)
				for d := range base {
					if !seen[d] {
						t.Errorf("the generated package lacks %s", d)
					}
				}
				checkRuntime(t, pkg, o.res)
			}
			if *golden.Update {
				writeHostile(t, c, got, decls)
				return
			}
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("diagnostics differ (run go test ./generator -run Hostile -update and review the diff)\n got:\n  %s\nwant:\n  %s",
					strings.Join(got, "\n  "), strings.Join(c.want, "\n  "))
			}
			if strings.Join(decls, "\n") != strings.Join(c.decls, "\n") {
				t.Errorf("declarations differ\n got:\n  %s\nwant:\n  %s", strings.Join(decls, "\n  "), strings.Join(c.decls, "\n  "))
			}
			if o.res != nil {
				toBuild = append(toBuild, built{name: c.name, files: o.res.Files})
			}
		})
		if !ok {
			continue
		}
	}
	if len(cases) < 30 {
		t.Errorf("the hostile corpus has %d cases; keep at least 30 here (loader/testdata holds the rest)", len(cases))
	}
	if testing.Short() || len(toBuild) == 0 {
		return
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go command not found")
	}
	// One module, one go build for every generating case.
	mod := t.TempDir()
	if err := os.WriteFile(filepath.Join(mod, "go.mod"), []byte("module example.com/hostile\n\ngo 1.24\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for i, b := range toBuild {
		dir := filepath.Join(mod, fmt.Sprintf("case%02d", i))
		if _, err := generator.Write(dir, b.files); err != nil {
			t.Fatalf("%s: %v", b.name, err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", "vet", "./...")
	cmd.Dir = mod
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		var names []string
		for i, b := range toBuild {
			names = append(names, fmt.Sprintf("case%02d=%s", i, b.name))
		}
		t.Fatalf("the generated packages do not build and vet: %v\n%s\n%s", err, out, strings.Join(names, " "))
	}
}

// checkRuntime checks that the runtime files are the embedded runtime,
// unchanged whatever the description says.
func checkRuntime(t testing.TB, pkg string, res *generator.Result) {
	t.Helper()
	got := map[string][]byte{}
	for _, f := range res.Files {
		got[f.Name] = f.Source
	}
	n := 0
	for name, src := range templates.Runtime(pkg, render.RuntimeParts(res.Package)) {
		n++
		want := append([]byte(generator.Header+"\n\n"), src...)
		if !bytes.Equal(got[name], want) {
			t.Errorf("runtime file %s differs from the embedded runtime", name)
		}
	}
	if n == 0 {
		t.Error("no runtime files")
	}
}

// writeHostile rewrites a case's trailer (-update).
func writeHostile(t *testing.T, c hostileCase, got, decls []string) {
	var b strings.Builder
	b.WriteString(c.body)
	if len(c.options) > 0 {
		b.WriteString(optionsPrefix + strings.Join(c.options, ", ") + "\n")
	}
	for _, g := range got {
		if rest, ok := strings.CutPrefix(g, "fail | "); ok {
			b.WriteString(failPrefix + rest + "\n")
			continue
		}
		b.WriteString(wantPrefix + g + "\n")
	}
	for _, d := range decls {
		b.WriteString(declPrefix + d + "\n")
	}
	if err := os.WriteFile(filepath.Join(hostileDir, c.name), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

var _ = errors.New

// TestHostileTestPackages generates every hostile case that generates
// with its test package (whose table carries the description's paths,
// examples and enum values into Go source) and builds and vets them all.
func TestHostileTestPackages(t *testing.T) {
	if testing.Short() {
		t.Skip("builds every case")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go command not found")
	}
	cfg, err := loader.DefaultConfig()
	if err != nil {
		t.Fatal(err)
	}
	cfg.Patches = nil
	mod := t.TempDir()
	if err := os.WriteFile(filepath.Join(mod, "go.mod"), []byte("module example.com/hostile\n\ngo 1.24\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var testPkgs []string
	for i, c := range readHostile(t) {
		opts, pkg := loader.Options{Config: cfg}, "hostile"
		for _, o := range c.options {
			if o == "allow-external-refs" {
				opts.AllowExternalRefs = true
			} else if p, ok := strings.CutPrefix(o, "package="); ok {
				pkg = p
			}
		}
		doc, _, err := loader.Load(c.path, opts)
		if err != nil {
			continue
		}
		dir := fmt.Sprintf("case%02d", i)
		res, err := generator.GenerateDocument(doc, generator.Options{Package: pkg, ImportPath: "example.com/hostile/" + dir})
		if err != nil {
			continue
		}
		for _, f := range res.Files {
			if !strings.Contains(f.Name, "/") {
				continue // the package itself: TestHostileCorpus
			}
			for n, line := range strings.Split(string(f.Source), "\n") {
				if strings.ContainsAny(line, "\r\u2028\u2029\x00\ufeff\u202e") || strings.HasPrefix(strings.TrimLeft(line, " \t"), "//go:") {
					t.Errorf("%s: %s:%d: %q", c.name, f.Name, n+1, line)
				}
			}
		}
		if _, err := generator.Write(filepath.Join(mod, dir), res.Files); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		// The packages themselves are vetted by TestHostileCorpus.
		testPkgs = append(testPkgs, "./"+dir+"/"+pkg+"test")
	}
	if len(testPkgs) == 0 {
		t.Fatal("no hostile case generates")
	}
	cmd := exec.Command("go", append([]string{"vet"}, testPkgs...)...)
	cmd.Dir = mod
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("the test packages of %d hostile cases do not build and vet: %v\n%s", len(testPkgs), err, out)
	}
}
