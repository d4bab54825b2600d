package surface_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/intercom-gen/intercom-gen/generator/internal/pipeline"
	"github.com/intercom-gen/intercom-gen/generator/internal/surface"
	"github.com/intercom-gen/intercom-gen/golden"
	"github.com/intercom-gen/intercom-gen/loader"
)

// openapiDir finds Intercom's description repository (see
// golden.OpenAPIDir).
func openapiDir(t *testing.T) string {
	t.Helper()
	return golden.OpenAPIDir(t)
}

func surfaceOf(t *testing.T, path string) *surface.Surface {
	t.Helper()
	doc, _, err := loader.Load(path, loader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := pipeline.Generate(doc, pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := surface.FromResult(res)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestRealSurfaces regenerates every published version and compares its
// surface with golden/surface/<version>.txt (-update rewrites them).
func TestRealSurfaces(t *testing.T) {
	dir := openapiDir(t)
	for _, v := range loader.Versions {
		t.Run(v, func(t *testing.T) {
			t.Parallel()
			path, err := loader.ResolveVersion(dir, v)
			if err != nil {
				t.Fatal(err)
			}
			got := surfaceOf(t, path).Text()
			golden.Check(t, filepath.Join("..", "..", "..", "golden", "surface", v+".txt"), got)
		})
	}
}

// TestFixtureSurface checks the lines of each kind on a fixture
// description, and that Parse reads Text back.
func TestFixtureSurface(t *testing.T) {
	s := surfaceOf(t, filepath.Join("..", "..", "..", "specs", "fixtures", "v1.yaml"))
	text := string(s.Text())
	for _, want := range []string{
		"const Version = \"",
		"func NewClient(string, ...Option) *Client\n",
		"func Some[T any](T) Nullable[T]\n",
		"type Nullable[T any] struct\n",
		"method (*Nullable[T]).Get() (T, bool)\n",
		"method (Nullable[T]).MarshalJSON() ([]byte, error)\n",
		"type Option func(*requestConfig)\n",
		"var Operations []Operation\n",
		"field APIError.StatusCode int\n",
		"type Client struct\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("surface lacks %q", want)
		}
	}
	var ops, fields int
	for _, it := range s.Items {
		switch it.Kind {
		case surface.KindOp:
			ops++
			if !strings.HasPrefix(it.Name, "GET ") && !strings.HasPrefix(it.Name, "POST ") &&
				!strings.HasPrefix(it.Name, "PUT ") && !strings.HasPrefix(it.Name, "DELETE ") && !strings.HasPrefix(it.Name, "PATCH ") {
				t.Errorf("op line without HTTP method: %s", it)
			}
		case surface.KindField:
			fields++
		}
		if strings.Contains(it.String(), "\n") {
			t.Errorf("item spans lines: %q", it)
		}
	}
	if ops == 0 || fields == 0 {
		t.Fatalf("%d ops, %d fields", ops, fields)
	}
	back, err := surface.Parse(s.Text())
	if err != nil {
		t.Fatal(err)
	}
	if len(back) != len(s.Items) {
		t.Fatalf("Parse read %d items, Text wrote %d", len(back), len(s.Items))
	}
	for i, it := range back {
		if it != s.Items[i] {
			t.Errorf("Parse(%q) = %#v, want %#v", s.Items[i], it, s.Items[i])
		}
	}
}
