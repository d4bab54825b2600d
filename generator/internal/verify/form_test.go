package verify

import (
	"encoding/json"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/intercom-gen/intercom-gen/loader"
)

// TestDecodeForm: a URL-encoded body is read as its encoding says, each
// property as its schema's type.
func TestDecodeForm(t *testing.T) {
	doc, _, err := loader.Load(filepath.Join("..", "..", "..", "specs", "fixtures", "acme.yaml"), loader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	media := doc.Spec.Paths.Value("/widgets/{id}/labels").Put.RequestBody.Value.Content.Get("application/x-www-form-urlencoded")
	form := url.Values{
		"label": {"x"}, "priority": {"2"}, "pinned": {"true"}, "tags": {"a", "b"}, "ids": {"1,2"},
		"words": {"p q"}, "path": {"r|s"}, "width": {"3"}, "height": {"4"}, "place[width]": {"5"},
		"corner": {"width,6,height,7"}, "meta": {`{"k":"v"}`}, "colour": {"red"},
	}
	got, err := decodeForm(strings.NewReader(form.Encode()), nil, media.Schema, func(name string) *openapi3.Encoding { return media.Encoding[name] })
	if err != nil {
		t.Fatal(err)
	}
	data, _ := json.Marshal(got)
	const want = `{"colour":"red","corner":{"height":7,"width":6},"ids":[1,2],"label":"x","meta":{"k":"v"},"path":["r","s"],` +
		`"pinned":true,"place":{"width":5},"priority":2,"size":{"height":4,"width":3},"tags":["a","b"],"words":["p","q"]}`
	if string(data) != want {
		t.Errorf("decoded\n got %s\nwant %s", data, want)
	}
}

// TestServerChecksForms: verify's server refuses a form sent as JSON and a
// form field that is not of its type.
func TestServerChecksForms(t *testing.T) {
	doc, _, err := loader.Load(filepath.Join("..", "..", "..", "specs", "fixtures", "acme.yaml"), loader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	pkg := generate(t, doc).Package
	var call *Call
	for _, op := range pkg.Operations {
		if op.ID == "labelWidget" {
			item := doc.Spec.Paths.Value(op.Path)
			call = planCalls(op, item.GetOperation(op.HTTPMethod), item, "", 1)[0]
		}
	}
	srv := newServer(doc.Spec, pkg, []*Call{call})
	defer srv.close()
	send := func(ct, body string) []string {
		r := httptest.NewRequest("PUT", "/widgets/w1/labels", strings.NewReader(body))
		r.Header.Set("Content-Type", ct)
		r.Header.Set("X-Acme-Key", apiKey)
		return srv.check(r, call)
	}
	if p := send("application/x-www-form-urlencoded", "label=x&priority=2&colour=blue"); len(p) > 0 {
		t.Errorf("a good form: %q", p)
	}
	for _, bad := range []struct{ ct, body string }{
		{"application/json", `{"label":"x"}`},
		{"application/x-www-form-urlencoded", "label=x&priority=two"},
		{"application/x-www-form-urlencoded", "label=x&colour=purple"},
		{"application/x-www-form-urlencoded", "priority=2"},
	} {
		if p := send(bad.ct, bad.body); len(p) == 0 {
			t.Errorf("%s %s passed", bad.ct, bad.body)
		}
	}
}
