package runtime

import (
	"context"
	"encoding/base64"
	"errors"
	"net/http"
	"strings"
	"testing"
)

var (
	schemeTestBearer = &securityScheme{name: "bearerAuth", kind: authToken, prefix: "Bearer"}
	schemeTestToken  = &securityScheme{name: "tokenAuth", kind: authToken, prefix: "Token"}
	schemeTestBasic  = &securityScheme{name: "basicAuth", kind: authBasic}
	schemeTestHeader = &securityScheme{name: "headerKey", kind: authKey, in: "header", param: "X-Key"}
	schemeTestQuery  = &securityScheme{name: "queryKey", kind: authKey, in: "query", param: "key"}
	schemeTestCookie = &securityScheme{name: "cookieKey", kind: authKey, in: "cookie", param: "session"}
)

// TestCredentialsFor: a call sends the credentials of the first of its
// requirements the client holds every credential of, all of them and
// nothing else; an operation whose requirements are all empty sends
// nothing; a client holding none of them sends nothing either.
func TestCredentialsFor(t *testing.T) {
	all := []Option{WithToken("tok"), WithBasicAuth("ada", "pw"), withAPIKey(schemeTestHeader, "h"), withAPIKey(schemeTestQuery, "q"), withAPIKey(schemeTestCookie, "c")}
	cases := []struct {
		name     string
		security []securityRequirement
		opts     []Option
		// want: Authorization, X-Key, query, Cookie header
		auth, key, query, cookie string
	}{
		{"bearer", []securityRequirement{{schemeTestBearer}}, all, "Bearer tok", "", "", ""},
		{"other token scheme", []securityRequirement{{schemeTestToken}}, all, "Token tok", "", "", ""},
		{"basic", []securityRequirement{{schemeTestBasic}}, all, "Basic " + base64.StdEncoding.EncodeToString([]byte("ada:pw")), "", "", ""},
		{"header key", []securityRequirement{{schemeTestHeader}}, all, "", "h", "", ""},
		{"query key", []securityRequirement{{schemeTestQuery}}, all, "", "", "key=q", ""},
		{"cookie key", []securityRequirement{{schemeTestCookie}}, all, "", "", "", "session=c"},
		{"all of a requirement", []securityRequirement{{schemeTestBearer, schemeTestHeader, schemeTestCookie}}, all, "Bearer tok", "h", "", "session=c"},
		{"first alternative held", []securityRequirement{{schemeTestQuery}, {schemeTestBearer}}, []Option{WithToken("tok")}, "Bearer tok", "", "", ""},
		{"a requirement in full or not", []securityRequirement{{schemeTestBearer, schemeTestHeader}, {schemeTestCookie}}, []Option{WithToken("tok"), withAPIKey(schemeTestCookie, "c")}, "", "", "", "session=c"},
		{"no credentials", []securityRequirement{{}}, all, "", "", "", ""},
		{"optional: held", []securityRequirement{{}, {schemeTestQuery}}, all, "", "", "key=q", ""},
		{"optional: not held", []securityRequirement{{}, {schemeTestQuery}}, nil, "", "", "", ""},
		{"none held", []securityRequirement{{schemeTestBasic}, {schemeTestHeader}}, []Option{WithToken("tok")}, "", "", "", ""},
		{"a key removed", []securityRequirement{{schemeTestHeader}}, []Option{withAPIKey(schemeTestHeader, "h"), withAPIKey(schemeTestHeader, "")}, "", "", "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var cp capture
			core := newClientCore("", "", append([]Option{WithBaseURL("https://api.example.com"), WithHTTPClient(cp.client()), withSecurity(c.security)}, c.opts...))
			if err := callNoContent(context.Background(), core, &request{op: testOp, path: "/x"}, nil); err != nil {
				t.Fatal(err)
			}
			req, _ := cp.last()
			if got := req.Header.Get("Authorization"); got != c.auth {
				t.Errorf("Authorization %q, want %q", got, c.auth)
			}
			if got := req.Header.Get("X-Key"); got != c.key {
				t.Errorf("X-Key %q, want %q", got, c.key)
			}
			if got := req.URL.RawQuery; got != c.query {
				t.Errorf("query %q, want %q", got, c.query)
			}
			if got := req.Header.Get("Cookie"); got != c.cookie {
				t.Errorf("Cookie %q, want %q", got, c.cookie)
			}
		})
	}
}

// TestOperationSecurity: an operation's own security replaces the
// client's default; without one (a raw call, say) the default holds; a
// core made without withSecurity sends its token as a bearer token.
func TestOperationSecurity(t *testing.T) {
	var cp capture
	core := newClientCore("tok", "", []Option{WithBaseURL("https://api.example.com"), WithHTTPClient(cp.client()),
		withSecurity([]securityRequirement{{schemeTestBearer}}), withAPIKey(schemeTestHeader, "h")})
	own := &[]securityRequirement{{schemeTestHeader}}
	none := &[]securityRequirement{{}}
	for _, c := range []struct {
		security          *[]securityRequirement
		wantAuth, wantKey string
	}{{nil, "Bearer tok", ""}, {own, "", "h"}, {none, "", ""}} {
		op := testOp
		op.security = c.security
		if err := callNoContent(context.Background(), core, &request{op: op, path: "/x"}, nil); err != nil {
			t.Fatal(err)
		}
		req, _ := cp.last()
		if req.Header.Get("Authorization") != c.wantAuth || req.Header.Get("X-Key") != c.wantKey {
			t.Errorf("security %v: %v", c.security, req.Header)
		}
	}
	plain := newClientCore("tok", "", []Option{WithBaseURL("https://api.example.com"), WithHTTPClient(cp.client())})
	if err := callNoContent(context.Background(), plain, &request{op: testOp, path: "/x"}, nil); err != nil {
		t.Fatal(err)
	}
	if req, _ := cp.last(); req.Header.Get("Authorization") != "Bearer tok" {
		t.Errorf("without withSecurity: %v", req.Header)
	}
	// WithHeader still has the last word, for a scheme of the caller's own.
	if err := callNoContent(context.Background(), core, &request{op: testOp, path: "/x"}, []Option{WithHeader("Authorization", "Custom x")}); err != nil {
		t.Fatal(err)
	}
	if req, _ := cp.last(); req.Header.Get("Authorization") != "Custom x" {
		t.Errorf("WithHeader: %v", req.Header)
	}
}

// TestTokenSourceOnlyWhenNeeded: the source is asked once per call that
// sends a token, never for one that does not, and its error fails the
// call unsent.
func TestTokenSourceOnlyWhenNeeded(t *testing.T) {
	var cp capture
	asked := 0
	src := TokenSourceFunc(func(context.Context) (string, error) {
		asked++
		if asked > 1 {
			return "", errors.New("vault sealed")
		}
		return "from-source", nil
	})
	core := newClientCore("", "", []Option{WithBaseURL("https://api.example.com"), WithHTTPClient(cp.client()),
		withSecurity([]securityRequirement{{schemeTestBearer, schemeTestToken}}), WithTokenSource(src)})
	if err := callNoContent(context.Background(), core, &request{op: testOp, path: "/x"}, nil); err != nil {
		t.Fatal(err)
	}
	if req, _ := cp.last(); asked != 1 || req.Header.Get("Authorization") != "Token from-source" {
		t.Errorf("asked %d times, Authorization %q", asked, req.Header.Get("Authorization"))
	}
	op := testOp
	op.security = &[]securityRequirement{{}}
	if err := callNoContent(context.Background(), core, &request{op: op, path: "/x"}, nil); err != nil || asked != 1 {
		t.Errorf("an operation without credentials asked the source: %v, %d", err, asked)
	}
	err := callNoContent(context.Background(), core, &request{op: testOp, path: "/y"}, nil)
	if err == nil || !strings.Contains(err.Error(), "token source: vault sealed") {
		t.Errorf("failing source: %v", err)
	}
	if req, _ := cp.last(); req.URL.Path == "/y" {
		t.Error("a call whose token source failed was sent")
	}
}

// TestRedaction: credentials never reach logs or errors: the headers that
// carry them, and API keys in the query.
func TestRedaction(t *testing.T) {
	creds := &credentials{header: http.Header{"X-Key": {"h"}}, query: map[string][]string{"key": {"q"}}}
	if got := creds.redactURL("https://api.example.com/x?key=q&page=2"); got != "https://api.example.com/x?key=REDACTED&page=2" {
		t.Errorf("redactURL: %s", got)
	}
	if got := creds.redactURL("https://api.example.com/x?page=2"); got != "https://api.example.com/x?page=2" {
		t.Errorf("a URL without the key changed: %s", got)
	}
	h := redactedHeader(http.Header{"X-Key": {"h"}, "Authorization": {"Bearer t"}, "Cookie": {"session=c"}, "Accept": {"application/json"}}, creds)
	if h.Get("X-Key") != "[REDACTED]" || h.Get("Authorization") != "[REDACTED]" || h.Get("Cookie") != "[REDACTED]" || h.Get("Accept") != "application/json" {
		t.Errorf("redactedHeader: %v", h)
	}
	var none *credentials
	if none.redactURL("https://x/?key=q") != "https://x/?key=q" || !none.secretHeader("authorization") || none.secretHeader("X-Key") {
		t.Error("no credentials: only the usual headers are secret")
	}
}

// TestServerTemplate: the base URL of a server with variables, each at
// its value; a value outside the enum is an error; WithBaseURL wins.
func TestServerTemplate(t *testing.T) {
	var cp capture
	core := newClientCore("", "", []Option{WithHTTPClient(cp.client()),
		withServer("https://{region}.example.com/{v}/", serverVariable{name: "region", value: "eu", enum: []string{"eu", "us"}}, serverVariable{name: "v", value: "v1"})})
	for _, c := range []struct {
		opts []Option
		want string
	}{
		{nil, "https://eu.example.com/v1/x"},
		{[]Option{withServerVar("region", "us")}, "https://us.example.com/v1/x"},
		{[]Option{withServerVar("v", "v2"), withServerVar("unknown", "z")}, "https://eu.example.com/v2/x"},
		{[]Option{WithBaseURL("http://proxy")}, "http://proxy/x"},
	} {
		if err := callNoContent(context.Background(), core, &request{op: testOp, path: "/x"}, c.opts); err != nil {
			t.Fatal(err)
		}
		if req, _ := cp.last(); req.URL.String() != c.want {
			t.Errorf("URL %s, want %s", req.URL, c.want)
		}
	}
	err := callNoContent(context.Background(), core, &request{op: testOp, path: "/x"}, []Option{withServerVar("region", "mars")})
	if err == nil || !strings.Contains(err.Error(), `server variable region: "mars" is not one of eu, us`) {
		t.Errorf("a value outside the enum: %v", err)
	}
	// A variable option without a template changes nothing.
	plain := newClientCore("", "", []Option{WithBaseURL("https://api.example.com"), WithHTTPClient(cp.client()), withServerVar("region", "us")})
	if err := callNoContent(context.Background(), plain, &request{op: testOp, path: "/x"}, nil); err != nil {
		t.Fatal(err)
	}
	if req, _ := cp.last(); req.URL.String() != "https://api.example.com/x" {
		t.Errorf("URL %s", req.URL)
	}
}
