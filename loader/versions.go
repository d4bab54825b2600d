package loader

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Versions are the published Intercom API versions intercom-gen knows, as
// --version takes them.
var Versions = []string{"2.7", "2.8", "2.9", "2.10", "2.11", "2.12", "2.13", "2.14", "2.15", "2.16", "preview"}

// DescriptionFile is the file name of a description in Intercom's
// repository, under descriptions/<dir>/.
const DescriptionFile = "api.intercom.io.yaml"

// VersionDir maps a version name to its folder under descriptions/:
// Intercom keeps Preview in "0". Any case of "preview" is accepted.
func VersionDir(version string) (string, error) {
	v := strings.TrimSpace(version)
	if strings.EqualFold(v, "preview") {
		return "0", nil
	}
	for _, known := range Versions {
		if v == known {
			return v, nil
		}
	}
	return "", fmt.Errorf("unknown Intercom API version %q (known: %s)", version, strings.Join(Versions, ", "))
}

// ResolveVersion returns the path of version's description in openapiDir, a
// checkout of Intercom's OpenAPI repository:
// <openapiDir>/descriptions/<dir>/api.intercom.io.yaml.
func ResolveVersion(openapiDir, version string) (string, error) {
	dir, err := VersionDir(version)
	if err != nil {
		return "", err
	}
	if openapiDir == "" {
		return "", errors.New("no Intercom description repository given: pass --openapi-dir DIR or set INTERCOM_OPENAPI_DIR to a checkout of github.com/intercom/Intercom-OpenAPI")
	}
	st, err := os.Stat(openapiDir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "", fmt.Errorf("%s does not exist: --openapi-dir (or INTERCOM_OPENAPI_DIR) must name a checkout of github.com/intercom/Intercom-OpenAPI", openapiDir)
	case err != nil:
		return "", fmt.Errorf("description repository: %w", err)
	case !st.IsDir():
		return "", fmt.Errorf("%s is not a directory: --openapi-dir (or INTERCOM_OPENAPI_DIR) must name a checkout of github.com/intercom/Intercom-OpenAPI", openapiDir)
	}
	if st, err := os.Stat(filepath.Join(openapiDir, "descriptions")); err != nil || !st.IsDir() {
		return "", fmt.Errorf("%s has no descriptions/ folder, so it is not a checkout of github.com/intercom/Intercom-OpenAPI", openapiDir)
	}
	path := filepath.Join(openapiDir, "descriptions", dir, DescriptionFile)
	if _, err := os.Stat(path); err != nil {
		return "", fmt.Errorf("%s: no description of version %s in this checkout (it may predate the version; update it)", path, version)
	}
	return path, nil
}
