package generator_test

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/intercom-gen/intercom-gen/generator"
	"github.com/intercom-gen/intercom-gen/golden"
	"github.com/intercom-gen/intercom-gen/loader"
)

// TestPublicDescriptions: every public description of another API than
// Intercom's generates with the general profile, whatever it is: no file
// of the package or its test package names intercom.io, none declares a
// version header option or Intercom's extras, and the messages start
// with the package's name. (That nothing sends Intercom-Version on the
// wire is checked by golden/acme's tests and verify.)
func TestPublicDescriptions(t *testing.T) {
	for _, path := range golden.PublicDescriptions(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			doc, _, err := loader.Load(path, loader.Options{})
			if err != nil {
				t.Fatalf("load: %.300v", err)
			}
			res, err := generator.GenerateDocument(doc, generator.Options{Package: "pub", ImportPath: "example.com/pub", ReleaseDocument: true})
			if err != nil {
				t.Fatalf("generate: %v", err)
			}
			if p := res.Package.Profile; p.Vendor != "" || p.Regions || p.OAuthApp || p.Search || p.Webhooks || p.ErrorCodes || p.ErrorPrefix != "pub" {
				t.Errorf("profile %+v", p)
			}
			if res.Package.VersionHeader {
				t.Error("a version header the description does not declare")
			}
			sentinel := false
			for _, f := range res.Files {
				if bytes.Contains(bytes.ToLower(f.Source), []byte("intercom.io")) {
					t.Errorf("%s names intercom.io", f.Name)
				}
				for _, intercomOnly := range []string{"runtime_region.go", "runtime_version.go", "runtime_oauth.go", "runtime_search.go", "runtime_webhook.go", "runtime_apierror_codes.go", "pubtest/webhook.go"} {
					if f.Name == intercomOnly {
						t.Errorf("%s is Intercom's", f.Name)
					}
				}
				if bytes.Contains(f.Source, []byte(`"intercom: `)) || bytes.Contains(f.Source, []byte(`"intercomtest: `)) {
					t.Errorf("%s has messages starting with intercom:", f.Name)
				}
				sentinel = sentinel || strings.Contains(string(f.Source), `errors.New("pub: not found")`)
			}
			if !sentinel {
				t.Error(`no ErrNotFound "pub: not found"`)
			}
		})
	}
}
