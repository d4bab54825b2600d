package loader

import (
	"os"
	"path/filepath"
	"testing"
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
