// Package templates holds the runtime that intercom-gen copies into every
// generated package (see the runtime subdirectory, a real package so that
// it is compiled and tested on its own) and hands it to the generator.
package templates

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"iter"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"
)

//go:embed runtime/*.go testserver/*.go
var runtimeFS embed.FS

// runtimeFile is a copied runtime file with its package clause and the
// vendor words of its messages located.
type runtimeFile struct {
	name       string // the name in the generated package
	base       string // the name in its folder
	src        []byte
	nameOffset int // offset of the package name in the package clause
	nameEnd    int
	// words are the offsets of the vendor word that starts a message
	// (see vendorWords), in order.
	words []span
	ast   *ast.File
}

// span is a range of a source file.
type span struct{ start, end int }

// The optional parts of the runtime and of the test server: a package
// gets a file only when its model asks for the file's feature. Every other
// file is copied into every package.
const (
	// FeatureRegions is Intercom's regional base URLs (Region, WithRegion).
	FeatureRegions = "regions"
	// FeatureIntercomOAuth is Intercom's OAuth flow for apps (OAuthConfig).
	FeatureIntercomOAuth = "intercom-oauth"
	// FeatureOAuthState is the state parameter of an OAuth redirect
	// (NewOAuthState, CheckOAuthState), for any OAuth flow.
	FeatureOAuthState = "oauth-state"
	// FeatureSearch is Intercom's search query helpers.
	FeatureSearch = "search"
	// FeatureWebhooks is Intercom's webhook notifications, in the package
	// and in its test package (signed notifications).
	FeatureWebhooks = "webhooks"
	// FeatureErrorCodes is Intercom's documented error codes.
	FeatureErrorCodes = "error-codes"
	// FeatureVersion is WithVersion, for a description that declares a
	// version header.
	FeatureVersion = "version"
	// FeatureTokens is the token options (WithToken, WithTokenSource),
	// for a description with a scheme that sends a token.
	FeatureTokens = "tokens"
	// FeatureBasicAuth is WithBasicAuth, for HTTP basic authentication.
	FeatureBasicAuth = "basic-auth"
	// FeatureAPIKey is what the API key options of a description's
	// schemes call.
	FeatureAPIKey = "api-key"
	// FeatureOAuth2 is the OAuth 2.0 client of a description's OAuth 2.0
	// scheme (OAuth2Config).
	FeatureOAuth2 = "oauth2"
	// FeatureWebhookPayloads is what reading the payloads of the webhooks
	// a description declares (OpenAPI 3.1 webhooks) needs, and building
	// requests of them in the test package.
	FeatureWebhookPayloads = "webhook-payloads"
	// FeatureServerVars is what the options of the server's variables
	// call.
	FeatureServerVars = "server-vars"
)

// optionalRuntime maps the optional runtime files to their feature.
var optionalRuntime = map[string]string{
	"apikey.go":         FeatureAPIKey,
	"basicauth.go":      FeatureBasicAuth,
	"oauth2.go":         FeatureOAuth2,
	"servervars.go":     FeatureServerVars,
	"tokensource.go":    FeatureTokens,
	"apierror_codes.go": FeatureErrorCodes,
	"oauth.go":          FeatureIntercomOAuth,
	"oauthstate.go":     FeatureOAuthState,
	"region.go":         FeatureRegions,
	"search.go":         FeatureSearch,
	"version.go":        FeatureVersion,
	"webhook.go":        FeatureWebhooks,
	"webhookpayload.go": FeatureWebhookPayloads,
}

// optionalTestServer maps the optional test server files to their
// feature.
var optionalTestServer = map[string]string{
	"webhook.go":        FeatureWebhooks,
	"webhookrequest.go": FeatureWebhookPayloads,
}

// Parts says what of the runtime (or the test server) a package gets.
type Parts struct {
	// Features lists the optional files' features the package gets
	// (FeatureRegions, …).
	Features []string
	// Prefix replaces the vendor word that starts the messages of the
	// runtime ("intercom: not found" becomes "<Prefix>: not found", and
	// the test server's "intercomtest: …" "<Prefix>test: …"); "" keeps it.
	Prefix string
}

// vendorWord is the word the runtime's messages start with: a string
// literal beginning "intercom: ", "intercom " or "intercomtest: ".
var vendorWord = regexp.MustCompile(`^"intercom(?:test:|[: ])`)

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
		f, err := parser.ParseFile(fset, p, src, parser.SkipObjectResolution|parser.ParseComments)
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
			words:      vendorWords(tf, f),
			ast:        f,
		})
	}
	slices.SortFunc(files, func(a, b runtimeFile) int { return strings.Compare(a.name, b.name) })
	return files, nil
}

// vendorWords locates the vendor word of every message of f, the
// "intercom" (or "intercomtest") that starts a string literal such as
// "intercom: not found", and of the package's name in the examples of its
// comments (intercom.APIError).
func vendorWords(tf *token.File, f *ast.File) []span {
	var out []span
	ast.Inspect(f, func(n ast.Node) bool {
		lit, ok := n.(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING || !vendorWord.MatchString(lit.Value) {
			return true
		}
		// "intercomtest" keeps its "test": only "intercom" is replaced.
		start := tf.Offset(lit.Pos()) + 1
		out = append(out, span{start, start + len("intercom")})
		return true
	})
	// The examples of doc comments name the package: intercom.APIError.
	for _, g := range f.Comments {
		for _, c := range g.List {
			at := tf.Offset(c.Pos())
			for _, m := range qualifiedName.FindAllStringIndex(c.Text, -1) {
				out = append(out, span{at + m[0] + 1, at + m[0] + 1 + len("intercom")})
			}
		}
	}
	slices.SortFunc(out, func(a, b span) int { return a.start - b.start })
	return out
}

// qualifiedName is a declaration of the package named in a comment, as in
// "var apiErr *intercom.APIError" (with the character before it).
var qualifiedName = regexp.MustCompile(`[^\w.]intercom\.[A-Z]`)

// copied reports whether a runtime file goes into generated packages:
// tests stay here, and doc.go holds this repository's package comment.
func copied(name string) bool {
	return strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go") && name != "doc.go"
}

// Runtime yields the runtime files for a package named pkg, in name
// order: each runtime file except tests and doc.go (and the optional files
// whose feature parts does not list), named runtime_<name>.go, with its
// package clause changed to pkg (a valid package name: the generator
// checks it once, for every stage) and its messages starting with
// parts.Prefix. Each source is a new buffer the caller may keep; the
// generator adds the header.
func Runtime(pkg string, parts Parts) iter.Seq2[string, []byte] {
	return renamed(mustLoadRuntime(), optionalRuntime, pkg, parts)
}

// TestServer yields the fixed files of the test package written beside a
// generated package (see the testserver subdirectory) for a test package
// named pkg, in name order: each file except tests and doc.go (and the
// optional files parts does not ask for), under its own name, with its
// package clause changed to pkg and its messages starting with
// parts.Prefix + "test". The generator adds the per-version table and the
// header.
func TestServer(pkg string, parts Parts) iter.Seq2[string, []byte] {
	files, err := loadTestServer()
	if err != nil {
		panic(err)
	}
	return renamed(files, optionalTestServer, pkg, parts)
}

// renamed yields the files parts selects with their package clause
// changed to pkg and their vendor words to parts.Prefix.
func renamed(files []runtimeFile, optional map[string]string, pkg string, parts Parts) iter.Seq2[string, []byte] {
	return func(yield func(string, []byte) bool) {
		for _, f := range files {
			if feature, ok := optional[f.base]; ok && !slices.Contains(parts.Features, feature) {
				continue
			}
			edits := []edit{{span{f.nameOffset, f.nameEnd}, pkg}}
			if parts.Prefix != "" {
				for _, w := range f.words {
					edits = append(edits, edit{w, parts.Prefix})
				}
			}
			var src bytes.Buffer
			src.Grow(len(f.src) + len(pkg) + len(edits)*len(parts.Prefix))
			at := 0
			for _, e := range edits {
				src.Write(f.src[at:e.start])
				src.WriteString(e.text)
				at = e.end
			}
			src.Write(f.src[at:])
			if !yield(f.name, src.Bytes()) {
				return
			}
		}
	}
}

// edit replaces a span of a file with text.
type edit struct {
	span
	text string
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
	return identifiersOf(mustLoadRuntime())
}

// TestServerIdentifiers is Identifiers for the test server's fixed files:
// the names the generated part of a test package (its table, and its
// import of the package) must not take.
func TestServerIdentifiers() []string {
	files, err := loadTestServer()
	if err != nil {
		panic(err)
	}
	return identifiersOf(files)
}

// identifiersOf lists the package-level names files declare, sorted.
func identifiersOf(files []runtimeFile) []string {
	var names []string
	for _, f := range files {
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
// module of its own, with newClient (the source of a function
// `func newClient(p plan) *sdk.Client`, which the verifier writes for the
// package) in place of its own.
func Harness(importPath string, newClient []byte) ([]byte, error) {
	src := string(harnessSource)
	if !strings.Contains(src, harnessImport) {
		return nil, fmt.Errorf("templates: the harness no longer imports %s", harnessImport)
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "main.go", harnessSource, parser.SkipObjectResolution)
	if err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	var fn *ast.FuncDecl
	for _, d := range f.Decls {
		if d, ok := d.(*ast.FuncDecl); ok && d.Recv == nil && d.Name.Name == "newClient" {
			fn = d
		}
	}
	if fn == nil {
		return nil, errors.New("templates: the harness no longer declares newClient")
	}
	tf := fset.File(f.Pos())
	src = src[:tf.Offset(fn.Pos())] + string(newClient) + src[tf.Offset(fn.End()):]
	src = strings.Replace(src, harnessImport, `sdk "`+importPath+`"`, 1)
	src = strings.Replace(src, "//go:build ignore\n\n", "", 1)
	return []byte(src), nil
}
