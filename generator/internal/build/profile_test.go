package build_test

import (
	"strings"
	"testing"

	"github.com/intercom-gen/intercom-gen/generator/internal/build"
	"github.com/intercom-gen/intercom-gen/generator/internal/model"
	"github.com/intercom-gen/intercom-gen/loader"
	"github.com/intercom-gen/intercom-gen/templates"
)

// buildDoc builds the package of a whole description.
func buildDoc(t *testing.T, pkgName, src string) *model.Package {
	t.Helper()
	doc, _, err := loader.LoadBytes("test.yaml", []byte(src), loader.Options{})
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	pkg, _, err := build.Build(doc.Spec, doc, build.Options{
		Package: pkgName, Version: doc.Version, Source: "test.yaml", Reserved: templates.Identifiers(),
	})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	return pkg
}

// searchAndWebhook is the part of a description the Intercom profile adds
// to: a search body with a query (SetQuery) and a model whose type is its
// own name (a webhook item).
const searchAndWebhook = `paths:
  /contacts/search:
    post:
      operationId: searchContacts
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                query: {type: object, properties: {field: {type: string}}}
                pagination: {type: object, properties: {per_page: {type: integer}, starting_after: {type: string}}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  data: {type: array, items: {$ref: '#/components/schemas/contact'}}
                  pages: {type: object, properties: {next: {type: object, properties: {starting_after: {type: string}}}}}
components:
  schemas:
    contact:
      type: object
      properties:
        type: {type: string, enum: [contact]}
        id: {type: string}
`

// TestProfile: the description itself selects the profile. Intercom's
// (a server on intercom.io, or its Intercom-Version header) gets the
// regions, OAuth app flow, search helpers, webhooks and error codes, its
// messages start with "intercom"; any other description gets none of
// them, and its messages start with the package name.
func TestProfile(t *testing.T) {
	versionHeader := `
      parameters: [{name: Intercom-Version, in: header, schema: {type: string}}]`
	for _, tc := range []struct {
		name, head, opExtra string
		intercom            bool
	}{
		{"intercom server", "servers: [{url: 'https://api.intercom.io'}]\n", "", true},
		{"regional server", "servers: [{url: 'https://api.au.intercom.io/'}]\n", "", true},
		{"templated server", "servers: [{url: 'https://{region}.intercom.io', variables: {region: {default: api}}}]\n", "", true},
		{"version header", "servers: [{url: 'https://api.example.com'}]\n", versionHeader, true},
		{"other server", "servers: [{url: 'https://api.example.com'}]\n", "", false},
		{"look-alike host", "servers: [{url: 'https://intercom.io.example.com'}, {url: 'https://myintercom.io'}]\n", "", false},
		{"no server", "", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			paths := searchAndWebhook
			if tc.opExtra != "" {
				paths = strings.Replace(paths, "      operationId: searchContacts", "      operationId: searchContacts"+tc.opExtra, 1)
			}
			pkg := buildDoc(t, "acme", "openapi: 3.0.1\ninfo: {title: T, version: '1'}\n"+tc.head+paths)
			p := pkg.Profile
			if got := p.Vendor == "intercom"; got != tc.intercom {
				t.Fatalf("vendor %q, want intercom %v", p.Vendor, tc.intercom)
			}
			all := p.Regions && p.OAuthApp && p.Search && p.Webhooks && p.ErrorCodes
			none := !p.Regions && !p.OAuthApp && !p.Search && !p.Webhooks && !p.ErrorCodes
			search := typeNamed(t, pkg, "SearchContactsRequest").QueryField != ""
			switch {
			case tc.intercom && (!all || p.ErrorPrefix != "intercom" || !search || len(pkg.WebhookModels) == 0):
				t.Errorf("Intercom's profile incomplete: %+v, SetQuery %v, webhook models %v", p, search, pkg.WebhookModels)
			case !tc.intercom && (!none || p.ErrorPrefix != "acme" || search || len(pkg.WebhookModels) > 0):
				t.Errorf("general profile has vendor parts: %+v, SetQuery %v, webhook models %v", p, search, pkg.WebhookModels)
			}
		})
	}
}
