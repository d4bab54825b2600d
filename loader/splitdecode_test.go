package loader

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	yaml "go.yaml.in/yaml/v4"
)

// preparedTree runs LoadBytes up to the decode and returns the tree it
// would decode.
func preparedTree(t *testing.T, file string, data []byte) (*load, *yaml.Node) {
	t.Helper()
	cfg, err := embedded()
	if err != nil {
		t.Fatal(err)
	}
	l := &load{file: file, cfg: cfg, ext: newExternal(file, false)}
	root := l.parse(data)
	if root == nil {
		t.Fatal(l.diags.Err())
	}
	l.prepare(root)
	top := root.Content[0]
	if !l.checkDocument(top) {
		t.Fatal(l.diags.Err())
	}
	w := &walker{l: l, top: top}
	l.refCycles(top)
	w.document()
	l.repairPathParams(top)
	l.applyPatches(top)
	if err := l.diags.Err(); err != nil {
		t.Fatal(err)
	}
	return l, root
}

// TestSplitDecodeRealDescriptions holds the decode in halves to the one
// decode on every description Intercom publishes: the same document, as
// decoded and once its references are resolved.
func TestSplitDecodeRealDescriptions(t *testing.T) {
	dir := openapiDir(t)
	for _, v := range Versions {
		t.Run(v, func(t *testing.T) {
			path, data := readVersion(t, dir, v)
			l, root := preparedTree(t, path, data)
			want := &openapi3.T{}
			if err := root.Decode(want); err != nil {
				t.Fatal(err)
			}
			got := decodeInHalves(root)
			if got == nil {
				t.Fatal("decodeInHalves gave up")
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatal("the halves decode to another document")
			}
			for _, doc := range []*openapi3.T{got, want} {
				kin := openapi3.NewLoader()
				kin.Context = context.Background()
				if err := kin.ResolveRefsIn(doc, l.ext.configure(kin, l)); err != nil {
					t.Fatal(err)
				}
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatal("the halves resolve to another document")
			}
		})
	}
}

// splitSpec is a document with enough paths and components to be split.
const splitSpec = `openapi: 3.0.3
info: {title: t, version: "1"}
x-top: 1
paths:
  x-paths: a
  /a:
    get:
      responses:
        "200": {description: ok}
  /b:
    get:
      responses:
        "200": {description: ok}
  /c:
    get:
      responses:
        "200": {description: ok}
    x-c: [1, 2]
components:
  schemas:
    S: {type: string}
`

func TestSplitDecodeSmall(t *testing.T) {
	for name, src := range map[string]string{
		"plain":            splitSpec,
		"paths extensions": splitSpec + "  x-late: 1\n",
		// The second half's paths have the only extension of paths.
		"late paths extension only": strings.Replace(strings.Replace(splitSpec, "  x-paths: a\n", "", 1),
			"components:", "  x-late: 1\ncomponents:", 1),
	} {
		var root yaml.Node
		if err := yaml.Unmarshal([]byte(src), &root); err != nil {
			t.Fatal(err)
		}
		want := &openapi3.T{}
		if err := root.Decode(want); err != nil {
			t.Fatal(err)
		}
		got := decodeInHalves(&root)
		if got == nil {
			t.Fatalf("%s: gave up", name)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the halves decode to another document", name)
		}
	}
}

// TestSplitDecodeErrors checks that a decode error is the one decode's,
// wherever it is, and that what must not be split is not.
func TestSplitDecodeErrors(t *testing.T) {
	for name, src := range map[string]string{
		"in components": splitSpec + "    T: {type: string, required: {a: 1}}\n",
		"in paths":      splitSpec[:len(splitSpec)-len("components:\n  schemas:\n    S: {type: string}\n")] + "    post: [1]\ncomponents: {}\n",
		"in info":       splitSpec + "x-ok: 1\ninfo: [1]\n",
	} {
		var root yaml.Node
		if err := yaml.Unmarshal([]byte(src), &root); err != nil {
			t.Fatal(err)
		}
		wantErr := root.Decode(&openapi3.T{})
		if wantErr == nil {
			t.Fatalf("%s: the document decodes; the test is wrong", name)
		}
		if got := decodeInHalves(&root); got != nil {
			t.Errorf("%s: the halves decoded a document the one decode refuses", name)
		}
		if _, err := decodeDocument(&root, false); err == nil || err.Error() != wantErr.Error() {
			t.Errorf("%s: error %v, want %v", name, err, wantErr)
		}
	}
	for name, src := range map[string]string{
		"merge key":     "<<: {openapi: 3.0.3}\n" + splitSpec[len("openapi: 3.0.3\n"):],
		"one path":      "openapi: 3.0.3\npaths:\n  /a: {}\ncomponents: {}\n",
		"no components": splitSpec[:len(splitSpec)-len("components:\n  schemas:\n    S: {type: string}\n")],
	} {
		var root yaml.Node
		if err := yaml.Unmarshal([]byte(src), &root); err != nil {
			t.Fatal(err)
		}
		if first, _ := splitDocument(&root); first != nil {
			t.Errorf("%s: split", name)
		}
	}
}
