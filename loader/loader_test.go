package loader

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/intercom-gen/intercom-gen/loader/diag"
)

const small = `openapi: 3.0.3
info:
  title: small
  version: "1.0"
paths:
  /a/{id}:
    get:
      parameters:
        - name: id
          in: path
          required: true
          schema: {type: string}
      responses:
        '200':
          description: ok
components:
  schemas:
    zebra: {type: string}
    apple:
      type: object
      properties:
        "x/y~z": {type: integer}
    mango: {type: string}
`

func TestDocumentPositionAndKeys(t *testing.T) {
	doc, diags, err := LoadBytes("small.yaml", []byte(small), Options{Config: &Config{}})
	if err != nil || len(diags) != 0 {
		t.Fatalf("load: %v %v", err, diags)
	}
	for _, tc := range []struct {
		ptr       string
		line, col int
	}{
		{"", 1, 1},
		{"/info/version", 4, 12},
		{"/paths/~1a~1{id}/get/parameters/0/name", 9, 17},
		{"/components/schemas/apple/properties/x~1y~0z", 22, 18},
		{"#/components/schemas/mango", 23, 12}, // a fragment is accepted too
		{"/components/schemas/nope", 0, 0},
		{"/paths/~1a~1{id}/get/parameters/1", 0, 0},
		{"/paths/~1a~1{id}/get/parameters/01", 0, 0},
		{"/info/version/deeper", 0, 0},
	} {
		if line, col := doc.Position(tc.ptr); line != tc.line || col != tc.col {
			t.Errorf("Position(%q) = %d:%d, want %d:%d", tc.ptr, line, col, tc.line, tc.col)
		}
	}
	if got := doc.Keys("/components/schemas"); !slices.Equal(got, []string{"zebra", "apple", "mango"}) {
		t.Errorf("Keys = %v, want source order", got)
	}
	if got := doc.Keys(""); !slices.Equal(got, []string{"openapi", "info", "paths", "components"}) {
		t.Errorf("Keys of the root = %v", got)
	}
	if doc.Keys("/info/version") != nil || doc.Keys("/nowhere") != nil || doc.Keys("/paths/~1a~1{id}/get/parameters") != nil {
		t.Error("Keys of a scalar, a sequence or a missing pointer must be nil")
	}
	// A caller may change what it gets without changing the document.
	keys := doc.Keys("/components/schemas")
	keys[0] = "changed"
	if doc.Keys("/components/schemas")[0] != "zebra" {
		t.Error("Keys returned the document's own slice")
	}
	d := doc.Diag(diag.Warning, "test-code", "/components/schemas/apple", "m", "h")
	want := diag.Diagnostic{Severity: diag.Warning, Code: "test-code", File: "small.yaml", Line: 20, Col: 7,
		Pointer: "/components/schemas/apple", Message: "m", Hint: "h"}
	if d != want {
		t.Errorf("Diag = %+v, want %+v", d, want)
	}
}

func TestDocumentIsSafeForConcurrentUse(t *testing.T) {
	doc, _, err := LoadBytes("small.yaml", []byte(small), Options{Config: &Config{}})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for j := range 200 {
				ptr := fmt.Sprintf("/components/schemas/%s", []string{"zebra", "apple", "mango", "none"}[(i+j)%4])
				doc.Position(ptr)
				doc.Keys(ptr)
			}
		})
	}
	wg.Wait()
}

// TestLargeMappingIndex checks the indexed lookups the generator relies on
// for components/schemas against a plain scan.
func TestLargeMappingIndex(t *testing.T) {
	var b strings.Builder
	b.WriteString("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n")
	for i := range 100 {
		fmt.Fprintf(&b, "    s%03d: {type: string, description: 'line %d'}\n", i, i+6)
	}
	doc, _, err := LoadBytes("big.yaml", []byte(b.String()), Options{Config: &Config{}})
	if err != nil {
		t.Fatal(err)
	}
	for _, i := range []int{0, 17, 99, 17} {
		if line, col := doc.Position(fmt.Sprintf("/components/schemas/s%03d", i)); line != i+6 || col != 11 {
			t.Errorf("s%03d at %d:%d, want %d:11", i, line, col, i+6)
		}
	}
	if line, _ := doc.Position("/components/schemas/s100"); line != 0 {
		t.Error("a missing key found through the index")
	}
	if keys := doc.Keys("/components/schemas"); len(keys) != 100 || keys[0] != "s000" || keys[99] != "s099" {
		t.Errorf("Keys = %d keys %v…", len(keys), keys[:3])
	}
}

func TestJSONInput(t *testing.T) {
	src := `{"openapi": "3.0.3", "info": {"title": "json", "version": "2"},
 "paths": {"/x": {"get": {"responses": {"200": {"description": "ok",
   "content": {"application/json": {"schema": {"$ref": "#/components/schemas/missing", "nullable": true}}}}}}}}}`
	cfg := &Config{Rules: map[string]RuleConfig{RuleDanglingSchemaRef: {Enabled: true, Names: []string{"missing"}}}}
	doc, diags, err := LoadBytes("api.json", []byte(src), Options{Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Version != "2" {
		t.Errorf("Version = %q", doc.Version)
	}
	got := []string{}
	for _, d := range diags.Sorted() {
		got = append(got, fmt.Sprintf("%s %d:%d %s", d.Code, d.Line, d.Col, d.Pointer))
	}
	want := []string{
		"ref-siblings 3:47 /paths/~1x/get/responses/200/content/application~1json/schema",
		"dangling-schema-ref 3:56 /paths/~1x/get/responses/200/content/application~1json/schema/$ref",
	}
	if !slices.Equal(got, want) {
		t.Errorf("diagnostics %v, want %v", got, want)
	}
	s := doc.Spec.Paths.Value("/x").Get.Responses.Value("200").Value.Content.Get("application/json").Schema.Value
	if !s.Nullable || s.AllOf[0].Value == nil {
		t.Errorf("schema after repair: %+v", s)
	}
}

func TestLoadFile(t *testing.T) {
	path := filepath.Join("testdata", "ref-siblings.yaml")
	doc, _, err := Load(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.File != path {
		t.Errorf("File = %q, want the path as given", doc.File)
	}
	_, _, err = Load(filepath.Join(t.TempDir(), "nope.yaml"), Options{})
	if err == nil || !strings.Contains(err.Error(), "nope.yaml: no such description file") {
		t.Errorf("missing file: %v", err)
	}
	if _, ok := diag.AsList(err); ok {
		t.Error("an I/O error is a plain error, not a diagnostic list")
	}
}

func TestErrorListIsLocated(t *testing.T) {
	_, _, err := loadTestdata(t, "err-external-ref.yaml")
	var el *diag.ErrorList
	if !errors.As(err, &el) {
		t.Fatalf("got %T", err)
	}
	first := strings.SplitN(err.Error(), "\n", 2)[0]
	if !strings.HasPrefix(first, "err-external-ref.yaml:10:17: error: $ref \"https://example.com/responses.yaml#/ok\" points outside") {
		t.Errorf("first line of the error: %s", first)
	}
}

// TestHostileInput checks that documents built to exhaust a parser are
// refused quickly with a located error instead of hanging or crashing.
func TestHostileInput(t *testing.T) {
	// Each level refers ten times to the one before: 10^9 schemas once
	// expanded, from 11 lines.
	var b strings.Builder
	b.WriteString("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    l0: &l0 {type: object, properties: {a: {type: string}}}\n")
	for i := 1; i <= 9; i++ {
		fmt.Fprintf(&b, "    l%d: &l%d {allOf: [*l%d, *l%d, *l%d, *l%d, *l%d, *l%d, *l%d, *l%d, *l%d, *l%d]}\n", i, i, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1)
	}
	deep := "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\nx-deep: " + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + "\n"
	// Each mapping merges the one before and adds a member: quadratic.
	var merges strings.Builder
	merges.WriteString("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\nx-merges:\n  m0: &m0 {k0: 0}\n")
	for i := 1; i < 20000; i++ {
		fmt.Fprintf(&merges, "  m%d: &m%d {<<: *m%d, k%d: 0}\n", i, i, i-1, i)
	}
	for name, tc := range map[string]struct{ src, code string }{
		"billion laughs": {b.String(), "alias-expansion"},
		"merge chain":    {merges.String(), "alias-expansion"},
		"deep nesting":   {deep, "syntax"},
	} {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			_, diags, err := LoadBytes(name, []byte(tc.src), Options{})
			if err == nil {
				t.Fatal("want an error")
			}
			if got := only(diags, tc.code); len(got) != 1 || got[0].Line == 0 {
				t.Errorf("want one located %s error, got %v", tc.code, diags)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}

// TestManyDuplicateKeys checks that settling duplicates stays linear.
func TestManyDuplicateKeys(t *testing.T) {
	var b strings.Builder
	b.WriteString("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\nx-dup:\n")
	for range 30000 {
		b.WriteString("  a: 1\n  b: 2\n")
	}
	start := time.Now()
	doc, diags, err := LoadBytes("dup.yaml", []byte(b.String()), Options{Config: &Config{}})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(only(diags, RuleDuplicateKey)); n != 2*30000-2 {
		t.Errorf("%d duplicate-key repairs, want %d", n, 2*30000-2)
	}
	if got := doc.Keys("/x-dup"); !slices.Equal(got, []string{"a", "b"}) {
		t.Errorf("keys after settling: %v", got)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v", d)
	}
}

func TestDeterministic(t *testing.T) {
	for _, name := range []string{"path-params.yaml", "ref-siblings.yaml", "err-external-ref.yaml"} {
		_, a, _ := loadTestdata(t, name)
		_, b, _ := loadTestdata(t, name)
		if !slices.Equal(a, b) {
			t.Errorf("%s: two loads report differently", name)
		}
	}
}

func TestVersionDir(t *testing.T) {
	for in, want := range map[string]string{"2.7": "2.7", "2.11": "2.11", "2.16": "2.16", "preview": "0", "Preview": "0", "PREVIEW": "0"} {
		if got, err := VersionDir(in); err != nil || got != want {
			t.Errorf("VersionDir(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"3.0", "0", "", "2.1", "../2.7"} {
		_, err := VersionDir(bad)
		if err == nil || !strings.Contains(err.Error(), "2.7, 2.8") || !strings.Contains(err.Error(), "preview") {
			t.Errorf("VersionDir(%q): %v, want an error listing the valid names", bad, err)
		}
	}
}

func TestResolveVersion(t *testing.T) {
	checkout := t.TempDir()
	if err := os.MkdirAll(filepath.Join(checkout, "descriptions", "0"), 0o755); err != nil {
		t.Fatal(err)
	}
	preview := filepath.Join(checkout, "descriptions", "0", DescriptionFile)
	if err := os.WriteFile(preview, []byte("openapi: 3.0.3\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, err := ResolveVersion(checkout, "Preview"); err != nil || got != preview {
		t.Errorf("ResolveVersion(preview) = %q, %v", got, err)
	}
	for _, tc := range []struct{ dir, version, want string }{
		{"", "2.11", "pass --openapi-dir DIR or set INTERCOM_OPENAPI_DIR"},
		{filepath.Join(checkout, "missing"), "2.11", "does not exist"},
		{preview, "2.11", "is not a directory"},
		{t.TempDir(), "2.11", "has no descriptions/ folder"},
		{checkout, "2.11", "no description of version 2.11"},
		{checkout, "9.9", "unknown Intercom API version"},
	} {
		if _, err := ResolveVersion(tc.dir, tc.version); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ResolveVersion(%q, %q) = %v, want an error saying %q", tc.dir, tc.version, err, tc.want)
		}
	}
}

// TestLoadBoundedSize: a description larger than the limit, or an endless
// stream, is an error naming the file and the limit, read no further.
func TestLoadBoundedSize(t *testing.T) {
	big := filepath.Join(t.TempDir(), "big.yaml")
	if err := os.WriteFile(big, []byte("openapi: 3.0.0\n"+strings.Repeat("# padding\n", 20000)), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err := Load(big, Options{MaxSize: 64 << 10})
	if err == nil || !strings.Contains(err.Error(), "big.yaml: larger than 65536 bytes") || !strings.Contains(err.Error(), "--max-size") {
		t.Errorf("a large file: %v", err)
	}
	if _, _, err := Load(big, Options{}); err != nil {
		t.Errorf("under the default limit: %v", err)
	}
	if _, err := os.Stat("/dev/zero"); err == nil {
		_, _, err := Load("/dev/zero", Options{MaxSize: 1 << 20})
		if err == nil || !strings.Contains(err.Error(), "/dev/zero: larger than 1 MiB") {
			t.Errorf("an endless stream: %v", err)
		}
	}
	if _, _, err := Load(t.TempDir(), Options{}); err == nil || !strings.Contains(err.Error(), "a folder") {
		t.Errorf("a folder: %v", err)
	}
}

// TestLoadBoundedParts: a value, a list or a mapping beyond the bounds is a
// located too-large error (built here: a file holding one would be large).
func TestLoadBoundedParts(t *testing.T) {
	head := "openapi: 3.0.3\ninfo: {title: huge, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n"
	var enum strings.Builder
	for i := range maxSequence + 1 {
		if i > 0 {
			enum.WriteString(", ")
		}
		fmt.Fprint(&enum, i)
	}
	deep := strings.Repeat("{a: ", maxDepth) + "1" + strings.Repeat("}", maxDepth)
	for name, tc := range map[string]struct{ body, want, code string }{
		"value": {"    big:\n      type: string\n      description: " + strings.Repeat("x", maxScalar+1) + "\n",
			"big.yaml:8:20: error: a value of 1048577 bytes", "too-large"},
		"list": {"    many:\n      type: integer\n      enum: [" + enum.String() + "]\n",
			"big.yaml:8:13: error: a list of 100001 items", "too-large"},
		"depth": {"    deep:\n      type: object\n      example: " + deep + "\n",
			"error: values nested more than 2048 deep", "too-deep"},
	} {
		_, _, err := LoadBytes("big.yaml", []byte(head+tc.body), Options{})
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "["+tc.code+"]") {
			t.Errorf("%s: %.300v", name, err)
		}
	}
}

// TestDanglingRefSuggests: a dangling schema reference not listed for the
// dangling-schema-ref rule is an error whose hint names the closest schema.
func TestDanglingRefSuggests(t *testing.T) {
	_, diags, err := LoadBytes("typo.yaml", readTestdata(t, "err-dangling-schema-typo.yaml"), Options{})
	if err == nil {
		t.Fatal("a typo'd $ref loaded")
	}
	var hints []string
	for _, d := range diags {
		if d.Code == "dangling-ref" {
			hints = append(hints, d.Hint)
		}
	}
	if len(hints) != 2 || hints[0] != "did you mean '#/components/schemas/contact'?" || strings.Contains(hints[1], "did you mean") {
		t.Errorf("hints %q", hints)
	}
}
