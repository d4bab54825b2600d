package apidiff_test

import (
	"sync"
	"testing"

	"github.com/intercom-gen/intercom-gen/generator/internal/apidiff"
	"github.com/intercom-gen/intercom-gen/generator/internal/pipeline"
	"github.com/intercom-gen/intercom-gen/golden"
	"github.com/intercom-gen/intercom-gen/loader"
)

// openapiDir finds Intercom's description repository (see
// golden.OpenAPIDir).
func openapiDir(t *testing.T) string {
	t.Helper()
	return golden.OpenAPIDir(t)
}

func input(t *testing.T, label, path string) apidiff.Input {
	t.Helper()
	doc, _, err := loader.Load(path, loader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := pipeline.Generate(doc, pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return apidiff.Input{Label: label, Doc: doc, Result: res}
}

var (
	realMu     sync.Mutex
	realInputs = map[string]apidiff.Input{}
)

// realInput loads and generates a published version once per test binary.
func realInput(t *testing.T, version string) apidiff.Input {
	t.Helper()
	dir := openapiDir(t)
	realMu.Lock()
	in, ok := realInputs[version]
	realMu.Unlock()
	if ok {
		return in
	}
	path, err := loader.ResolveVersion(dir, version)
	if err != nil {
		t.Fatal(err)
	}
	in = input(t, version, path)
	realMu.Lock()
	realInputs[version] = in
	realMu.Unlock()
	return in
}
