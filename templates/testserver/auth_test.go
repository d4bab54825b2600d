package testserver

import (
	"encoding/base64"
	"net/http"
	"strings"
	"testing"
)

var (
	tsBearer = &scheme{name: "bearer", kind: authToken, prefix: "Bearer"}
	tsBasic  = &scheme{name: "basic", kind: authBasic}
	tsHeader = &scheme{name: "hkey", kind: authKey, in: "header", param: "X-Key"}
	tsQuery  = &scheme{name: "qkey", kind: authKey, in: "query", param: "key"}
	tsCookie = &scheme{name: "ckey", kind: authKey, in: "cookie", param: "sid"}

	opDefault  = &operation{id: "default", method: "GET", path: "/default", status: 204, result: resultNone}
	opKeys     = &operation{id: "keys", method: "GET", path: "/keys", status: 204, result: resultNone, security: &[]requirement{{tsQuery}, {tsCookie}}}
	opBoth     = &operation{id: "both", method: "GET", path: "/both", status: 204, result: resultNone, security: &[]requirement{{tsBasic, tsHeader}}}
	opOpen     = &operation{id: "open", method: "GET", path: "/open", status: 204, result: resultNone, security: &[]requirement{{}}}
	opOptional = &operation{id: "optional", method: "GET", path: "/optional", status: 204, result: resultNone, security: &[]requirement{{}, {tsQuery}}}

	securedAPI = &api{
		operations: []*operation{opDefault, opKeys, opBoth, opOpen, opOptional},
		security:   []requirement{{tsBearer}},
		schemes:    []*scheme{tsBearer, tsBasic, tsHeader, tsQuery, tsCookie},
	}
)

// TestSecurityChecks: the server requires what each operation's security
// says, with its own credentials: one requirement in full; none at all
// for an operation that takes none; the right ones or none for optional
// credentials.
func TestSecurityChecks(t *testing.T) {
	s := newServer(t, securedAPI, []ServerOption{WithToken("tok"), WithBasicAuth("ada", "pw"), WithAPIKey("qkey", "q1")})
	basic := "Basic " + base64.StdEncoding.EncodeToString([]byte("ada:pw"))
	send := func(path string, header map[string]string) int {
		t.Helper()
		r, _ := http.NewRequest("GET", s.URL+path, nil)
		for k, v := range header {
			r.Header.Set(k, v)
		}
		resp, err := http.DefaultClient.Do(r)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	for _, c := range []struct {
		path   string
		header map[string]string
		want   int
	}{
		{"/default", map[string]string{"Authorization": "Bearer tok"}, 204},
		{"/default", map[string]string{"Authorization": "Bearer nope"}, 401},
		{"/default", nil, 401},
		{"/keys?key=q1", nil, 204},
		{"/keys?key=wrong", nil, 401},
		{"/keys", map[string]string{"Cookie": "sid=" + DefaultAPIKey}, 204},
		{"/keys", map[string]string{"Authorization": "Bearer tok"}, 401},
		{"/both", map[string]string{"Authorization": basic, "X-Key": DefaultAPIKey}, 204},
		{"/both", map[string]string{"Authorization": basic}, 401},
		{"/open", nil, 204},
		{"/open", map[string]string{"Authorization": "Bearer tok"}, 400},
		{"/open?key=q1", nil, 400},
		{"/optional", nil, 204},
		{"/optional?key=q1", nil, 204},
		{"/optional?key=wrong", nil, 401},
	} {
		if got := send(c.path, c.header); got != c.want {
			t.Errorf("GET %s %v: %d, want %d", c.path, c.header, got, c.want)
		}
	}
	a := do(t, s, "GET", "/both", "", "Authorization", basic)
	if code, _, msg := firstError(t, a); code != "unauthorized" || !strings.Contains(msg, "basic and hkey") {
		t.Errorf("what /both takes: %s %s", code, msg)
	}
	a = do(t, s, "GET", "/open", "")
	if code, _, msg := firstError(t, a); code != "credentials_not_expected" || !strings.Contains(msg, "Authorization") {
		t.Errorf("credentials sent to /open: %s %s", code, msg)
	}
	if u, p := s.BasicAuth(); u != "ada" || p != "pw" || s.APIKey("qkey") != "q1" || s.APIKey("hkey") != DefaultAPIKey {
		t.Error("the server's credentials")
	}
}
