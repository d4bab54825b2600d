package loader

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/intercom-gen/intercom-gen/loader/diag"
)

// openapiDir finds Intercom's description repository for the tests that
// read the real files: $INTERCOM_OPENAPI_DIR, else ../shared/intercom-openapi
// beside the repository. Without it they skip, unless
// INTERCOM_REQUIRE_SPECS=1 (CI), where a skip would hide a regression.
func openapiDir(tb testing.TB) string {
	tb.Helper()
	dir := os.Getenv("INTERCOM_OPENAPI_DIR")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "intercom-openapi")
	}
	if st, err := os.Stat(filepath.Join(dir, "descriptions")); err != nil || !st.IsDir() {
		msg := "Intercom's descriptions not found at " + dir + " (set INTERCOM_OPENAPI_DIR to a checkout of github.com/intercom/Intercom-OpenAPI)"
		if os.Getenv("INTERCOM_REQUIRE_SPECS") == "1" {
			tb.Fatal(msg + "; INTERCOM_REQUIRE_SPECS=1 forbids skipping")
		}
		tb.Skip(msg)
	}
	return dir
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
