package loader

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Versions are the published Intercom API versions intercom-gen knows, as
// --version takes them.
var Versions = []string{"2.7", "2.8", "2.9", "2.10", "2.11", "2.12", "2.13", "2.14", "2.15", "2.16", "preview"}

// DescriptionFile is the file name of a description in Intercom's
// repository.
const DescriptionFile = "api.intercom.io.yaml"

// VersionDir maps a version name to its folder under descriptions/:
// Preview lives in "0".
func VersionDir(version string) (string, error) {
	v := strings.TrimSpace(version)
	if strings.EqualFold(v, "preview") || v == "0" {
		return "0", nil
	}
	for _, known := range Versions {
		if v == known {
			return v, nil
		}
	}
	return "", fmt.Errorf("unknown Intercom API version %q (known: %s)", version, strings.Join(Versions, ", "))
}

// ResolveVersion returns the description file of version in a checkout of
// Intercom's description repository.
func ResolveVersion(openapiDir, version string) (string, error) {
	dir, err := VersionDir(version)
	if err != nil {
		return "", err
	}
	if openapiDir == "" {
		return "", errors.New("no description repository: pass --openapi-dir DIR or set INTERCOM_OPENAPI_DIR to a checkout of Intercom's OpenAPI repository")
	}
	if st, err := os.Stat(filepath.Join(openapiDir, "descriptions")); err != nil || !st.IsDir() {
		return "", fmt.Errorf("%s has no descriptions/ folder: --openapi-dir (or INTERCOM_OPENAPI_DIR) must name a checkout of Intercom's OpenAPI repository", openapiDir)
	}
	path := filepath.Join(openapiDir, "descriptions", dir, DescriptionFile)
	if _, err := os.Stat(path); err != nil {
		return "", fmt.Errorf("%s: no description for version %s in this checkout", path, version)
	}
	return path, nil
}
