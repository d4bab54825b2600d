package templates

import (
	"bytes"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// everything asks for every optional part of the runtime.
var everything = Parts{Features: []string{FeatureRegions, FeatureIntercomOAuth, FeatureOAuthState, FeatureSearch,
	FeatureWebhooks, FeatureErrorCodes, FeatureVersion, FeatureTokens, FeatureBasicAuth, FeatureAPIKey, FeatureOAuth2,
	FeatureServerVars, FeatureWebhookPayloads}}

// runtimeFiles collects what Runtime yields.
func runtimeFiles(pkg string) (names []string, sources [][]byte) {
	for name, src := range Runtime(pkg, everything) {
		names = append(names, name)
		sources = append(sources, src)
	}
	return names, sources
}

func TestRuntimeParses(t *testing.T) {
	if _, err := loadRuntime(); err != nil {
		t.Fatal(err)
	}
}

func TestRuntimeRewritesPackageClause(t *testing.T) {
	names, sources := runtimeFiles("intercom")
	if len(names) == 0 {
		t.Fatal("no files")
	}
	if !slices.IsSorted(names) {
		t.Error("files are not sorted by name")
	}
	fset := token.NewFileSet()
	for i, name := range names {
		src := sources[i]
		if !strings.HasPrefix(name, "runtime_") || !strings.HasSuffix(name, ".go") {
			t.Errorf("%s: not named runtime_<name>.go", name)
		}
		if strings.HasSuffix(name, "_test.go") || name == "runtime_doc.go" {
			t.Errorf("%s: tests and doc.go must not be copied", name)
		}
		if bytes.Contains(src, []byte("package runtime")) {
			t.Errorf("%s: still says package runtime", name)
		}
		if bytes.Contains(src, []byte("Code generated")) {
			t.Errorf("%s: has a header; the generator adds it", name)
		}
		parsed, err := parser.ParseFile(fset, name, src, parser.ParseComments)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if parsed.Name.Name != "intercom" {
			t.Errorf("%s: package %s", name, parsed.Name.Name)
		}
		if parsed.Doc != nil {
			t.Errorf("%s: has a package doc comment; only doc.go may", name)
		}
	}

	// Every runtime source file is accounted for: with every feature, all
	// of them; without any, all but the optional ones.
	entries, err := os.ReadDir("runtime")
	if err != nil {
		t.Fatal(err)
	}
	var all, plain []string
	for _, e := range entries {
		if n := e.Name(); strings.HasSuffix(n, ".go") && !strings.HasSuffix(n, "_test.go") && n != "doc.go" {
			all = append(all, "runtime_"+n)
			if _, ok := optionalRuntime[n]; !ok {
				plain = append(plain, "runtime_"+n)
			}
		}
	}
	if !slices.Equal(names, all) {
		t.Errorf("with every feature, files %v\nwant %v", names, all)
	}
	var none []string
	for name := range Runtime("intercom", Parts{}) {
		none = append(none, name)
	}
	if !slices.Equal(none, plain) || len(all) == len(plain) {
		t.Errorf("without features, files %v\nwant %v", none, plain)
	}

	// Callers get their own copies.
	sources[0][0] = 'X'
	if _, again := runtimeFiles("intercom"); again[0][0] == 'X' {
		t.Error("Runtime yields shared buffers")
	}
	// Stopping early is allowed.
	for range Runtime("intercom", everything) {
		break
	}
}

func TestIdentifiers(t *testing.T) {
	ids := Identifiers()
	if !slices.IsSorted(ids) || len(slices.Compact(slices.Clone(ids))) != len(ids) {
		t.Error("identifiers are not sorted and unique")
	}
	for _, want := range []string{
		"Nullable", "Some", "Null", "Ptr", "String", "Int", "Int64", "Float", "Bool",
		"ExtraFields", "SetExtraField", "UnixTime", "Region", "RegionUS", "Option", "WithBaseURL",
		"Operation", "OperationFromContext", "APIError", "ErrorDetail", "File",
		"decodeObject", "encodeObject", "decodeUnion", "encodeUnion", "objectMeta", "unionMeta",
		"clientCore", "newClientCore", "request", "callJSON", "callRedirect", "pathParam",
	} {
		if !slices.Contains(ids, want) {
			t.Errorf("missing %s", want)
		}
	}
	for _, method := range []string{"MarshalJSON", "UnmarshalJSON", "Get", "IsNull", "Error"} {
		if slices.Contains(ids, method) {
			t.Errorf("method %s listed as a package-level identifier", method)
		}
	}
	// Gone with the switch to pointers and Nullable.
	for _, old := range []string{"Opt", "optAccessor", "objectMetaHolder", "unionMetaHolder"} {
		if slices.Contains(ids, old) {
			t.Errorf("%s is still declared", old)
		}
	}
	// Names the generator emits itself must never be taken here.
	opVar := regexp.MustCompile(`^op[A-Z]`)
	for _, id := range ids {
		if opVar.MatchString(id) || strings.HasSuffix(id, "Service") ||
			slices.Contains([]string{"Client", "NewClient", "Version", "Operations"}, id) {
			t.Errorf("runtime declares %s, which generated code uses", id)
		}
	}
}

// generatedSample is a hand-written stand-in for generator output: it uses
// the runtime the way generated code does, so that the copied files are
// known to compile, vet and work as part of another package.
const generatedSample = `package intercom

import (
	"context"
	"io"
	"net/url"
)

const Version = "2.11"

var Operations = []Operation{opCreateContact, opGetContact, opDeleteContact, opListContacts}

var (
	opCreateContact = Operation{ID: "createContact", Method: "POST", Path: "/contacts", Tag: "Contacts"}
	opGetContact    = Operation{ID: "getContact", Method: "GET", Path: "/contacts/{contact_id}", Tag: "Contacts"}
	opDeleteContact = Operation{ID: "deleteContact", Method: "DELETE", Path: "/contacts/{contact_id}", Tag: "Contacts"}
	opListContacts  = Operation{ID: "listContacts", Method: "GET", Path: "/contacts", Tag: "Contacts"}
	opExport        = Operation{ID: "export", Method: "GET", Path: "/export", Tag: "Data"}
	opDownload      = Operation{ID: "download", Method: "GET", Path: "/download", Tag: "Data"}
	opRedirect      = Operation{ID: "redirect", Method: "GET", Path: "/redirect", Tag: "Data"}
	opUpload        = Operation{ID: "upload", Method: "POST", Path: "/upload", Tag: "Data"}
)

type Client struct {
	Contacts *ContactsService
	core     *clientCore
}

func NewClient(token string, opts ...Option) *Client {
	core := newClientCore(token, Version, opts)
	return &Client{Contacts: &ContactsService{core: core}, core: core}
}

type ContactsService struct{ core *clientCore }

type ContactRole string

type Contact struct {
	Type    string           ` + "`" + `json:"type" const:"contact"` + "`" + `
	ID      string           ` + "`" + `json:"id"` + "`" + `
	Email   *string          ` + "`" + `json:"email,omitzero"` + "`" + `
	Role    *ContactRole     ` + "`" + `json:"role,omitzero"` + "`" + `
	Created UnixTime         ` + "`" + `json:"created_at"` + "`" + `
	Phone   Nullable[string] ` + "`" + `json:"phone,omitzero"` + "`" + `
	To      Recipient        ` + "`" + `json:"to,omitzero"` + "`" + `
	Parent  *Contact         ` + "`" + `json:"parent,omitzero"` + "`" + `
	objectMeta
}

func (v *Contact) UnmarshalJSON(data []byte) error { return decodeObject(data, v) }
func (v Contact) MarshalJSON() ([]byte, error)     { return encodeObject(&v) }

type Recipient struct {
	Contact *Contact  ` + "`" + `discriminator:"type=contact|user"` + "`" + `
	IDs     *[]string
	unionMeta
}

func (v *Recipient) UnmarshalJSON(data []byte) error { return decodeUnion(data, v) }
func (v Recipient) MarshalJSON() ([]byte, error)     { return encodeUnion(&v) }

type ListContactsParams struct {
	PerPage *int     ` + "`" + `query:"per_page"` + "`" + `
	Fields  []string ` + "`" + `query:"fields,comma"` + "`" + `
}

type UploadForm struct {
	File File ` + "`" + `form:"file"` + "`" + `
}

func (s *ContactsService) Create(ctx context.Context, body *Contact, opts ...Option) (*Contact, error) {
	var out Contact
	if err := callJSON(ctx, s.core, &request{op: opCreateContact, path: "/contacts", body: body}, &out, opts); err != nil {
		return nil, err
	}
	return &out, nil
}

func (s *ContactsService) Get(ctx context.Context, contactID string, opts ...Option) (*Contact, error) {
	var out Contact
	if err := callJSON(ctx, s.core, &request{op: opGetContact, path: "/contacts/" + pathParam(contactID), version: "Preview"}, &out, opts); err != nil {
		return nil, err
	}
	return &out, nil
}

func (s *ContactsService) Delete(ctx context.Context, contactID string, opts ...Option) error {
	return callNoContent(ctx, s.core, &request{op: opDeleteContact, path: "/contacts/" + pathParam(contactID)}, opts)
}

func (s *ContactsService) List(ctx context.Context, params *ListContactsParams, opts ...Option) ([]Contact, error) {
	var out []Contact
	if err := callJSON(ctx, s.core, &request{op: opListContacts, path: "/contacts", params: params}, &out, opts); err != nil {
		return nil, err
	}
	return out, nil
}

func (s *ContactsService) Export(ctx context.Context, opts ...Option) (string, error) {
	return callText(ctx, s.core, &request{op: opExport, path: "/export"}, opts)
}

func (s *ContactsService) Download(ctx context.Context, opts ...Option) (io.ReadCloser, error) {
	return callStream(ctx, s.core, &request{op: opDownload, path: "/download"}, opts)
}

func (s *ContactsService) Redirect(ctx context.Context, opts ...Option) (*url.URL, error) {
	return callRedirect(ctx, s.core, &request{op: opRedirect, path: "/redirect"}, opts)
}

func (s *ContactsService) Upload(ctx context.Context, body *UploadForm, opts ...Option) error {
	return callNoContent(ctx, s.core, &request{op: opUpload, path: "/upload", form: body}, opts)
}
`

const generatedSampleTest = `package intercom

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestCopiedRuntimeWorks(t *testing.T) {
	const in = ` + "`" + `{"type":"contact","id":42,"email":null,"created_at":"1700000000","phone":null,"to":{"type":"user","id":"u"},"x":[1]}` + "`" + `
	var c Contact
	if err := json.Unmarshal([]byte(in), &c); err != nil {
		t.Fatal(err)
	}
	if c.ID != "42" || c.Email != nil || !c.Phone.IsNull() || c.Created != 1700000000 || c.To.Contact == nil {
		t.Fatalf("decoded %+v", c)
	}
	if extra := ExtraFields(c); string(extra["x"]) != "[1]" {
		t.Fatalf("ExtraFields = %v", extra)
	}
	out, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != in {
		t.Fatalf("re-encoded\n%s\nwant\n%s", out, in)
	}
	c.Role = Ptr(ContactRole("lead"))
	c.Email = String("")
	c.Phone = Some("+1")
	if err := SetExtraField(&c, "y", true); err != nil {
		t.Fatal(err)
	}
	out, _ = json.Marshal(c)
	const edited = ` + "`" + `{"type":"contact","id":42,"email":"","role":"lead","created_at":"1700000000","phone":"+1","to":{"type":"user","id":"u"},"x":[1],"y":true}` + "`" + `
	if string(out) != edited {
		t.Fatalf("edited\n%s\nwant\n%s", out, edited)
	}

	var version, op, query string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		version, query = r.Header.Get("Intercom-Version"), r.URL.RawQuery
		if r.URL.Path == "/contacts" {
			w.Write([]byte(` + "`" + `[{"id":"1"},{"id":"2","email":"b@x"}]` + "`" + `))
			return
		}
		w.Write([]byte(` + "`" + `{"id":"1"}` + "`" + `))
	}))
	defer srv.Close()
	hc := &http.Client{Transport: roundTrip(func(r *http.Request) (*http.Response, error) {
		op, _ = OperationIDFromContext(r.Context())
		return http.DefaultTransport.RoundTrip(r)
	})}
	client := NewClient("tok", WithBaseURL(srv.URL), WithHTTPClient(hc))
	got, err := client.Contacts.Get(context.Background(), "a/b")
	if err != nil || got.ID != "1" || version != "Preview" || op != "getContact" {
		t.Fatalf("Get: %+v %v %q %q", got, err, version, op)
	}
	list, err := client.Contacts.List(context.Background(), &ListContactsParams{PerPage: Int(0)})
	if err != nil || len(list) != 2 || *list[1].Email != "b@x" || query != "per_page=0" {
		t.Fatalf("List: %+v %v %q", list, err, query)
	}
	if _, err := client.Contacts.List(context.Background(), &ListContactsParams{}); err != nil || query != "" {
		t.Fatalf("List without parameters: %v %q", err, query)
	}
}

type roundTrip func(*http.Request) (*http.Response, error)

func (f roundTrip) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
`

func TestCopiedRuntimeBuildsInAGeneratedPackage(t *testing.T) {
	goTool, dir := generatedModule(t, map[string]string{
		"client.go":      generatedSample,
		"client_test.go": generatedSampleTest,
	})
	for _, args := range [][]string{{"build", "./..."}, {"vet", "./..."}, {"test", "-count=1", "./..."}} {
		runGo(t, goTool, dir, args...)
	}
}

// generatedModule writes the runtime, as the generator copies it, and the
// given files into a new module standing for a generated package, and
// returns the go command to build it with. It skips the test when there
// is no go command.
func generatedModule(t *testing.T, files map[string]string) (goTool, dir string) {
	return generatedModuleWith(t, everything, files)
}

// generatedModuleWith is generatedModule with the given parts of the
// runtime.
func generatedModuleWith(t *testing.T, parts Parts, files map[string]string) (goTool, dir string) {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go command not found")
	}
	dir = t.TempDir()
	write := func(name string, src []byte) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), src, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", []byte("module example.com/intercom\n\ngo 1.25\n"))
	for name, src := range Runtime("intercom", parts) {
		write(name, append([]byte("// Code generated by intercom-gen. DO NOT EDIT.\n\n"), src...))
	}
	for name, src := range files {
		write(name, []byte(src))
	}
	return goTool, dir
}

// runGo runs the go command in dir, isolated from the caller's workspace
// and toolchain settings, and returns its standard output.
func runGo(t *testing.T, goTool, dir string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(goTool, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=", "GOWORK=off", "GOTOOLCHAIN=local")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go %s: %v\n%s%s", strings.Join(args, " "), err, out, stderr.Bytes())
	}
	return out
}

func TestHarnessRewritesItsImport(t *testing.T) {
	const mine = "func newClient(p plan) *sdk.Client {\n\treturn sdk.NewClient(sdk.WithBasicAuth(p.User, p.Password))\n}"
	src, err := Harness("example.com/mod/sdk", []byte(mine))
	if err != nil {
		t.Fatal(err)
	}
	s := string(src)
	if !strings.Contains(s, `sdk "example.com/mod/sdk"`) || strings.Contains(s, harnessImport) || strings.Contains(s, "//go:build ignore") {
		t.Fatalf("harness not rewritten:\n%.400s", s)
	}
	// The verifier's newClient replaces the harness's own, and only it.
	if strings.Count(s, "func newClient(") != 1 || !strings.Contains(s, mine) || !strings.Contains(s, "client := newClient(p)") {
		t.Fatalf("newClient not replaced:\n%s", s)
	}
	if _, err := parser.ParseFile(token.NewFileSet(), "main.go", src, parser.AllErrors); err != nil {
		t.Fatal(err)
	}
}

func TestTestServerFiles(t *testing.T) {
	var names []string
	fset := token.NewFileSet()
	for name, src := range TestServer("intercomtest", everything) {
		names = append(names, name)
		if strings.HasSuffix(name, "_test.go") || name == "doc.go" || strings.Contains(name, "/") {
			t.Errorf("%s: tests and doc.go are not copied, and names are plain", name)
		}
		f, err := parser.ParseFile(fset, name, src, parser.SkipObjectResolution)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if f.Name.Name != "intercomtest" {
			t.Errorf("%s: package %s", name, f.Name.Name)
		}
		// The fixed part may not know the generated package: only the
		// generated table imports it.
		for _, imp := range f.Imports {
			if strings.Contains(imp.Path.Value, ".") {
				t.Errorf("%s imports %s: the test server is standard library only", name, imp.Path.Value)
			}
		}
	}
	if !slices.IsSorted(names) || !slices.Contains(names, "server.go") {
		t.Errorf("files %v", names)
	}
	// The generator writes these beside the copied files.
	for _, generated := range []string{"doc.go", "operations.go", "schemas.go"} {
		if slices.Contains(names, generated) {
			t.Errorf("%s is generated; the template may not hold a file of that name", generated)
		}
	}
}

// TestOptionalParts: every optional file names a feature and exists; a
// package without any of them still builds and vets (nothing else needs
// them), and the files a package gets are exactly the ones its features
// ask for.
func TestOptionalParts(t *testing.T) {
	for _, set := range []map[string]string{optionalRuntime, optionalTestServer} {
		for name, feature := range set {
			if !slices.Contains(everything.Features, feature) {
				t.Errorf("%s: feature %q is not one of %v", name, feature, everything.Features)
			}
		}
	}
	all, _ := runtimeFiles("intercom")
	for name := range optionalRuntime {
		if !slices.Contains(all, "runtime_"+name) {
			t.Errorf("optional runtime file %s does not exist", name)
		}
	}
	var none []string
	for name := range Runtime("petstore", Parts{}) {
		none = append(none, name)
	}
	for _, name := range all {
		_, optional := optionalRuntime[strings.TrimPrefix(name, "runtime_")]
		if slices.Contains(none, name) == optional {
			t.Errorf("%s: optional %v, copied without features %v", name, optional, slices.Contains(none, name))
		}
	}
	var search []string
	for name := range Runtime("petstore", Parts{Features: []string{FeatureSearch}}) {
		search = append(search, name)
	}
	if want := append(slices.Clone(none), "runtime_search.go"); !slices.Equal(search, slices.Sorted(slices.Values(want))) {
		t.Errorf("with search: %v", search)
	}
	for name := range TestServer("petstoretest", Parts{}) {
		if name == "webhook.go" {
			t.Error("the test server's webhook.go is copied without FeatureWebhooks")
		}
	}

	goTool, dir := generatedModuleWith(t, Parts{Prefix: "petstore"}, map[string]string{"client.go": minimalClient})
	for _, args := range [][]string{{"build", "./..."}, {"vet", "./..."}} {
		runGo(t, goTool, dir, args...)
	}
}

// minimalClient is the least a generated package declares beside the
// runtime: a client of no operation.
const minimalClient = `package intercom

var Operations []Operation

type Client struct{ core *clientCore }

func NewClient(token string, opts ...Option) *Client {
	return &Client{core: newClientCore(token, "", opts)}
}
`

// TestVendorPrefix: the messages of the runtime and of the test server
// start with the prefix Parts gives, and only the messages: the runtime's
// other words (its User-Agent, Intercom-Version) are left alone.
func TestVendorPrefix(t *testing.T) {
	var runtimeSrc, testSrc []byte
	for _, src := range Runtime("petstore", Parts{Prefix: "petstore"}) {
		runtimeSrc = append(runtimeSrc, src...)
	}
	for _, src := range TestServer("petstoretest", Parts{Prefix: "petstore"}) {
		testSrc = append(testSrc, src...)
	}
	for _, want := range []string{`"petstore: not found"`, `"petstore: %s: %w"`, `"petstore request"`} {
		if !bytes.Contains(runtimeSrc, []byte(want)) {
			t.Errorf("the runtime lacks %s", want)
		}
	}
	if !bytes.Contains(testSrc, []byte(`"petstoretest: `)) {
		t.Error(`the test server's messages do not start with "petstoretest: "`)
	}
	for _, src := range [][]byte{runtimeSrc, testSrc} {
		if m := regexp.MustCompile(`"intercom(test)?[: ]`).Find(src); m != nil {
			t.Errorf("a message still starts with %s", m)
		}
	}
	if !bytes.Contains(runtimeSrc, []byte("*petstore.APIError")) || bytes.Contains(runtimeSrc, []byte("intercom.APIError")) {
		t.Error("the examples of the comments do not name the package")
	}
	if !bytes.Contains(runtimeSrc, []byte(`"intercom-gen-sdk"`)) {
		t.Error("the User-Agent was rewritten")
	}
	// Without a prefix the messages are the runtime's own.
	for _, src := range Runtime("intercom", Parts{}) {
		if bytes.Contains(src, []byte(`"petstore`)) {
			t.Error("Parts{} rewrote a message")
		}
	}
}
