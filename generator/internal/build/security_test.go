package build_test

import (
	"strings"
	"testing"

	"github.com/intercom-gen/intercom-gen/generator/internal/build"
	"github.com/intercom-gen/intercom-gen/generator/internal/model"
	"github.com/intercom-gen/intercom-gen/loader"
	"github.com/intercom-gen/intercom-gen/loader/diag"
	"github.com/intercom-gen/intercom-gen/templates"
)

// buildWithDiags is buildDoc with the builder's diagnostics.
func buildWithDiags(t *testing.T, src string) (*model.Package, diag.List) {
	t.Helper()
	doc, _, err := loader.LoadBytes("test.yaml", []byte(src), loader.Options{})
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	pkg, diags, err := build.Build(doc.Spec, doc, build.Options{Package: "acme", Version: doc.Version, Source: "test.yaml", Reserved: templates.Identifiers()})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	return pkg, diags
}

const securitySpec = `openapi: 3.0.3
info: {title: T, version: '1'}
servers: [{url: 'https://{env}.example.com/v{major}', variables: {env: {default: api, enum: [api, sandbox]}, major: {default: '2'}}}]
security: [{tok: []}]
paths:
  /a:
    get:
      operationId: a
      responses: {'200': {description: ok}}
  /b:
    get:
      operationId: b
      security: []
      responses: {'200': {description: ok}}
  /c:
    get:
      operationId: c
      security: [{tok: [read]}]
      responses: {'200': {description: ok}}
  /d:
    get:
      operationId: d
      security: [{digest: []}, {nowhere: []}, {mtls: [], k1: []}, {basic: [], k2: []}]
      responses: {'200': {description: ok}}
  /e:
    get:
      operationId: e
      security: [{digest: []}]
      responses: {'200': {description: ok}}
components:
  schemas:
    Endpoint: {type: object, properties: {url: {type: string}}}
  securitySchemes:
    tok: {type: http, scheme: Bearer}
    custom: {type: http, scheme: Token}
    basic: {type: http, scheme: basic}
    digest: {type: http, scheme: digest}
    k1: {type: apiKey, in: header, name: X-Key}
    k2: {type: apiKey, in: query, name: key}
    badKey: {type: apiKey, in: header, name: 'bad key'}
    oid: {type: openIdConnect, openIdConnectUrl: 'https://id.example.com/.well-known/openid-configuration'}
    mtls: {type: mutualTLS}
    strange: {type: kerberos}
    o1:
      type: oauth2
      flows:
        authorizationCode: {authorizationUrl: 'https://id.example.com/a', tokenUrl: 'https://id.example.com/t', scopes: {read: Read it., write: Write it.}}
        implicit: {authorizationUrl: 'https://id.example.com/a', scopes: {read: Read it.}}
    o2:
      type: oauth2
      flows:
        clientCredentials: {tokenUrl: 'https://other.example.com/t', scopes: {read: Read it too.}}
`

// TestSecurity: every kind of scheme maps to how the client sends it,
// with an option named after it where it needs one; what cannot be sent
// is reported and left out, and a requirement naming it cannot be met.
func TestSecurity(t *testing.T) {
	pkg, diags := buildWithDiags(t, securitySpec)
	byName := map[string]*model.SecurityScheme{}
	for _, s := range pkg.Schemes {
		byName[s.Name] = s
	}
	for _, c := range []struct {
		name                    string
		kind                    model.SchemeKind
		auth, in, param, option string
		endpoint                string
	}{
		{"tok", model.SchemeToken, "Bearer", "", "", "", ""},
		{"custom", model.SchemeToken, "Token", "", "", "", ""},
		{"basic", model.SchemeBasic, "", "", "", "", ""},
		{"k1", model.SchemeAPIKey, "", "header", "X-Key", "WithK1", ""},
		{"k2", model.SchemeAPIKey, "", "query", "key", "WithK2", ""},
		{"oid", model.SchemeToken, "Bearer", "", "", "", ""},
		// Two OAuth 2.0 schemes: endpoints named after them.
		{"o1", model.SchemeToken, "Bearer", "", "", "", "O1Endpoint"},
		{"o2", model.SchemeToken, "Bearer", "", "", "", "O2Endpoint"},
	} {
		s := byName[c.name]
		if s == nil {
			t.Errorf("no scheme %s", c.name)
			continue
		}
		if s.Kind != c.kind || s.AuthScheme != c.auth || s.In != c.in || s.Param != c.param || s.Option != c.option || s.Endpoint != c.endpoint {
			t.Errorf("%s: %+v", c.name, s)
		}
	}
	for _, gone := range []string{"digest", "mtls", "strange", "badKey"} {
		if byName[gone] != nil {
			t.Errorf("%s cannot be sent but is a scheme", gone)
		}
	}
	var codes []string
	for _, d := range diags {
		codes = append(codes, d.Code+" "+d.Pointer)
	}
	for _, want := range []string{
		"unsupported-security /components/securitySchemes/digest",
		"unsupported-security /components/securitySchemes/strange",
		"unsupported-security /components/securitySchemes/badKey",
		"security-mutual-tls /components/securitySchemes/mtls",
		"undefined-security-scheme /paths/~1d/get/security/1",
	} {
		if !strings.Contains(strings.Join(codes, "\n"), want) {
			t.Errorf("no diagnostic %s in\n%s", want, strings.Join(codes, "\n"))
		}
	}
	if !pkg.TokenArg {
		t.Error("token schemes but no token argument")
	}

	// One scope constant per scope name, whatever the schemes.
	o1 := byName["o1"]
	if len(o1.Flows) != 2 || o1.Flows[0].Kind != "authorizationCode" || o1.Flows[0].Scopes[0].Const != "ScopeRead" ||
		o1.Flows[0].Scopes[1].Const != "ScopeWrite" || byName["o2"].Flows[0].Scopes[0].Const != "ScopeRead" {
		t.Errorf("flows %+v %+v", o1.Flows, byName["o2"].Flows)
	}

	ops := map[string]*model.Operation{}
	for _, op := range pkg.Operations {
		ops[op.ID] = op
	}
	reqs := func(op *model.Operation) string {
		var alts []string
		for _, r := range op.Security {
			var names []string
			for _, u := range r.Schemes {
				names = append(names, u.Scheme.Name+strings.Join(u.Scopes, "+"))
			}
			alts = append(alts, "{"+strings.Join(names, ",")+"}")
		}
		return strings.Join(alts, " ")
	}
	for id, want := range map[string]string{
		"a": "{tok}", "b": "{}", "c": "{tokread}",
		// The digest and undefined requirements cannot be met; mutual
		// TLS is the HTTP client's.
		"d": "{k1} {basic,k2}",
		// No requirement can be met: no credentials.
		"e": "{}",
	} {
		if got := reqs(ops[id]); got != want {
			t.Errorf("%s: security %s, want %s", id, got, want)
		}
	}
	// Scopes do not make security an operation's own; other schemes do.
	for id, own := range map[string]bool{"a": false, "b": true, "c": false, "d": true, "e": true} {
		if ops[id].OwnSecurity != own {
			t.Errorf("%s: own security %v", id, ops[id].OwnSecurity)
		}
	}

	// The server's variables are options, in the order the URL names
	// them.
	if pkg.Server != "https://{env}.example.com/v{major}" || pkg.BaseURL != "https://api.example.com/v2" || len(pkg.ServerVars) != 2 ||
		pkg.ServerVars[0].Option != "WithServerEnv" || pkg.ServerVars[0].Default != "api" || strings.Join(pkg.ServerVars[0].Enum, ",") != "api,sandbox" ||
		pkg.ServerVars[1].Option != "WithServerMajor" {
		t.Errorf("server %q %q %+v", pkg.Server, pkg.BaseURL, pkg.ServerVars)
	}
	// The schema named Endpoint keeps its name: the OAuth endpoints are
	// named after their schemes here.
	typeNamed(t, pkg, "Endpoint")
}

// TestSecurityNames: one API key scheme is WithAPIKey, one OAuth 2.0
// scheme's endpoint Endpoint; a schema of that name keeps it and the
// endpoint moves aside; no scheme and no security is no token argument.
func TestSecurityNames(t *testing.T) {
	pkg, _ := buildWithDiags(t, `openapi: 3.0.3
info: {title: T, version: '1'}
paths: {}
components:
  schemas:
    Endpoint: {type: string}
  securitySchemes:
    key: {type: apiKey, in: cookie, name: sid}
    o: {type: oauth2, flows: {password: {tokenUrl: 'https://id.example.com/t', scopes: {}}}}
`)
	if len(pkg.Schemes) != 2 || pkg.Schemes[0].Option != "WithAPIKey" || pkg.Schemes[1].Endpoint != "EndpointOAuth2" {
		t.Errorf("schemes %+v %+v", pkg.Schemes[0], pkg.Schemes[1])
	}
	if pkg.Security != nil {
		t.Errorf("no top-level security: %v", pkg.Security)
	}
	none, _ := buildWithDiags(t, "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\n")
	if none.TokenArg || len(none.Schemes) > 0 || none.Server != "" {
		t.Errorf("a description without security: %+v", none)
	}
}

// TestDoSecurity: Client.Do, which does not know the operation it calls,
// authenticates as the operations do by default; when the description
// declares no default, with any requirement an operation names, in order.
func TestDoSecurity(t *testing.T) {
	const ops = `paths:
  /a: {get: {operationId: a, security: [{k: []}], responses: {'200': {description: ok}}}}
  /b: {get: {operationId: b, security: [{t: [x]}, {k: []}], responses: {'200': {description: ok}}}}
  /c: {get: {operationId: c, security: [], responses: {'200': {description: ok}}}}
components:
  securitySchemes:
    k: {type: apiKey, in: header, name: X-Key}
    t: {type: http, scheme: bearer}
`
	names := func(reqs []*model.SecurityRequirement) string {
		var out []string
		for _, r := range reqs {
			var n []string
			for _, u := range r.Schemes {
				n = append(n, u.Scheme.Name)
			}
			out = append(out, "{"+strings.Join(n, ",")+"}")
		}
		return strings.Join(out, " ")
	}
	pkg, _ := buildWithDiags(t, "openapi: 3.0.3\ninfo: {title: T, version: '1'}\n"+ops)
	if got := names(pkg.DoSecurity); got != "{k} {t}" || !pkg.DoOwnSecurity {
		t.Errorf("no default: Do authenticates with %s (own %v)", got, pkg.DoOwnSecurity)
	}
	pkg, _ = buildWithDiags(t, "openapi: 3.0.3\ninfo: {title: T, version: '1'}\nsecurity: [{t: []}]\n"+ops)
	if got := names(pkg.DoSecurity); got != "{t}" || pkg.DoOwnSecurity {
		t.Errorf("a default: Do authenticates with %s (own %v)", got, pkg.DoOwnSecurity)
	}
}
