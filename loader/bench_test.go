package loader

import (
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// The generator as a whole must run within twice kin-openapi's bare
// LoadFromFile time on the same description, so the loader, which does
// everything LoadFromFile does plus the repairs, is measured against it:
//
//	go test -run '^$' -bench 'Preview' -benchmem ./loader/
//
// and the ratio of the two ns/op is the loader's overhead.

func previewPath(b *testing.B) string {
	b.Helper()
	path, err := ResolveVersion(openapiDir(b), "preview")
	if err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkLoadPreview is Load on the Preview description, the largest.
func BenchmarkLoadPreview(b *testing.B) {
	path := previewPath(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := Load(path, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkKinLoadFromFilePreview is the baseline: kin-openapi's own
// loader on the same file (it loads: Preview has no dangling $ref).
func BenchmarkKinLoadFromFilePreview(b *testing.B) {
	path := previewPath(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := openapi3.NewLoader().LoadFromFile(path); err != nil {
			b.Fatal(err)
		}
	}
}
