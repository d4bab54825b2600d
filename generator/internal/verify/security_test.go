package verify

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/intercom-gen/intercom-gen/loader"
)

// TestServerChecksSecurity: verify's server refuses a request whose
// credentials do not meet its operation's security as the description
// states it, and one that sends credentials to an operation that takes
// none; it accepts the harness's credentials sent as the scheme says.
func TestServerChecksSecurity(t *testing.T) {
	doc, _, err := loader.Load(filepath.Join("..", "..", "..", "specs", "fixtures", "acme.yaml"), loader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	pkg := generate(t, doc).Package
	calls := map[string]*Call{}
	var all []*Call
	for _, op := range pkg.Operations {
		item := doc.Spec.Paths.Value(op.Path)
		for _, c := range planCalls(op, item.GetOperation(op.HTTPMethod), item, "", len(all)+1) {
			all = append(all, c)
			if calls[op.ID] == nil {
				calls[op.ID] = c
			}
		}
	}
	srv := newServer(doc.Spec, pkg, all)
	defer srv.close()
	check := func(id, target string, header ...string) []string {
		t.Helper()
		c := calls[id]
		r := httptest.NewRequest(c.Op.HTTPMethod, target, strings.NewReader(string(c.Body)))
		if len(c.Body) > 0 {
			r.Header.Set("Content-Type", "application/json")
		}
		for i := 0; i+1 < len(header); i += 2 {
			r.Header.Set(header[i], header[i+1])
		}
		return srv.check(r, c)
	}
	for _, c := range []struct {
		id, target string
		header     []string
		ok         bool
	}{
		{"listWidgets", "/widgets", []string{"Authorization", "Bearer " + token}, true},
		{"listWidgets", "/widgets", []string{"Authorization", "Bearer wrong"}, false},
		{"listWidgets", "/widgets", nil, false},
		{"createWidget", "/widgets", []string{"X-Acme-Key", apiKey}, true},
		{"createWidget", "/widgets", []string{"Authorization", "Bearer " + token}, false},
		{"getWidget", "/widgets/w1?api_key=" + apiKey, nil, true},
		{"getWidget", "/widgets/w1", []string{"Cookie", "acme_session=" + apiKey}, true},
		{"getWidget", "/widgets/w1?api_key=nope", nil, false},
		{"deleteWidget", "/widgets/w1", []string{"Authorization", "Bearer " + token, "X-Acme-Key", apiKey}, true},
		{"deleteWidget", "/widgets/w1", []string{"Authorization", "Bearer " + token}, false},
		{"getStatus", "/status", nil, true},
		{"getStatus", "/status", []string{"Authorization", "Bearer " + token}, false},
		{"getStatus", "/status?api_key=" + apiKey, nil, false},
		{"countViews", "/widgets/w1/views", nil, true},
		{"countViews", "/widgets/w1/views?api_key=" + apiKey, nil, true},
	} {
		problems := check(c.id, c.target, c.header...)
		if (len(problems) == 0) != c.ok {
			t.Errorf("%s %s %v: problems %q, want ok %v", c.id, c.target, c.header, problems, c.ok)
		}
	}
	r := httptest.NewRequest(http.MethodDelete, "/widgets/w1", nil)
	r.SetBasicAuth(user, password)
	if problems := srv.check(r, calls["deleteWidget"]); len(problems) > 0 {
		t.Errorf("basic authentication: %q", problems)
	}
	r.SetBasicAuth(user, "wrong")
	if problems := srv.check(r, calls["deleteWidget"]); len(problems) == 0 {
		t.Error("a wrong password passed")
	}
}
