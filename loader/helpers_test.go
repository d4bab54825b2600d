package loader

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/intercom-gen/intercom-gen/golden"
	"github.com/intercom-gen/intercom-gen/loader/diag"
)

// openapiDir finds Intercom's description repository (see
// golden.OpenAPIDir).
func openapiDir(tb testing.TB) string {
	tb.Helper()
	return golden.OpenAPIDir(tb)
}

// readVersion resolves a published version in dir and reads it.
func readVersion(t *testing.T, dir, version string) (path string, data []byte) {
	t.Helper()
	path, err := ResolveVersion(dir, version)
	if err != nil {
		t.Fatal(err)
	}
	data, err = os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return path, data
}

// readTestdata reads testdata/<name>.
func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// configWith is the shipped configuration without its patches and with
// rule turned on or off.
func configWith(t *testing.T, rule string, enabled bool) *Config {
	t.Helper()
	cfg, err := DefaultConfig()
	if err != nil {
		t.Fatal(err)
	}
	cfg.Patches = nil
	rc := cfg.Rules[rule]
	rc.Enabled = enabled
	cfg.Rules[rule] = rc
	return cfg
}

// only returns the diagnostics with code, in order.
func only(diags diag.List, code string) diag.List {
	var out diag.List
	for _, d := range diags {
		if d.Code == code {
			out = append(out, d)
		}
	}
	return out
}
