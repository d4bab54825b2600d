package loader

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/intercom-gen/intercom-gen/loader/diag"
)

// FuzzLoadBytes holds the loader to its promise on any input: a document or
// a located error list, never a panic (LoadBytes turns one into an
// "internal" error, which counts as a failure here) and never a hang.
//
//	go test -run '^$' -fuzz FuzzLoadBytes -fuzztime 2m ./loader/
func FuzzLoadBytes(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.yaml"))
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(small))
	f.Add([]byte(patchTarget))
	cfg, err := DefaultConfig()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, diags, err := LoadBytes("fuzz.yaml", data, Options{Config: cfg, Validate: len(data)%2 == 0})
		if got := only(diags, "internal"); len(got) > 0 {
			t.Fatalf("the loader failed unexpectedly: %v", got)
		}
		if err != nil {
			if doc != nil {
				t.Fatal("a document and an error")
			}
			if _, ok := diag.AsList(err); !ok || !diags.HasErrors() {
				t.Fatalf("error %v (%T) is not the diagnostics' error list", err, err)
			}
			return
		}
		if doc == nil || doc.Spec == nil || diags.HasErrors() {
			t.Fatalf("no error, yet doc=%v errors=%v", doc != nil, diags.Filter(diag.Error))
		}
		for _, d := range diags {
			doc.Position(d.Pointer)
			doc.Keys(d.Pointer)
		}
	})
}
