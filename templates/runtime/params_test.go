package runtime

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

// testParams is shaped like generated parameters: required ones are
// values, optional ones pointers (nil is not sent), and a nullable one is
// a Nullable (absent and null are not sent).
type testParams struct {
	Page     int              `query:"page"`
	PerPage  *int             `query:"per_page"`
	Email    *string          `query:"email"`
	IDs      []string         `query:"ids"`
	Fields   []string         `query:"fields,comma"`
	Since    *time.Time       `query:"since"`
	Before   *UnixTime        `query:"before"`
	Order    contactRole      `query:"order"`
	Active   *bool            `query:"active"`
	Ratio    *float64         `query:"ratio"`
	Filter   *testByID        `query:"filter,object"`
	Query    *testNested      `query:"query,object"`
	Extra    map[string]any   `query:"extra,object"`
	Deep     map[string]any   `query:"deep,deep"`
	JSON     *testByID        `query:"json,json"`
	JSONMap  map[string]int   `query:"jsonmap,json"`
	Cursor   *string          `query:"starting_after"`
	Tag      Nullable[string] `query:"tag"`
	Thing    *string          `header:"X-Thing"`
	Tags     []string         `header:"X-Tags"`
	Untagged string
}

func TestEncodeParams(t *testing.T) {
	cursor := "abc def"
	cases := []struct {
		name   string
		params any
		query  string
		header http.Header
	}{
		{"nil", nil, "", nil},
		{"typed nil", (*testParams)(nil), "", nil},
		{"zero value sends required fields only", &testParams{}, "order=&page=0", nil},
		{"explicit nulls are skipped", &testParams{Tag: Null[string]()}, "order=&page=0", nil},
		{"nullable value", &testParams{Tag: Some("vip")}, "order=&page=0&tag=vip", nil},
		{"zero values behind pointers are sent", &testParams{PerPage: Int(0), Email: String(""), Active: Bool(false)},
			"active=false&email=&order=&page=0&per_page=0", nil},
		{"scalars", &testParams{
			Page: 2, PerPage: Int(50), Email: String("a+b@x.com"), Order: contactRoleLead,
			Since:  Ptr(time.Date(2024, 1, 2, 3, 4, 5, 6e8, time.UTC)),
			Before: Ptr(UnixTime(1700000000)), Active: Bool(false), Ratio: Float(0.25), Cursor: &cursor,
		}, "active=false&before=1700000000&email=a%2Bb%40x.com&order=lead&page=2&per_page=50&ratio=0.25&since=2024-01-02T03%3A04%3A05.6Z&starting_after=abc+def", nil},
		{"exploded and comma lists", &testParams{IDs: []string{"1", "2"}, Fields: []string{"a", "b", "c"}},
			"fields=a%2Cb%2Cc&ids=1&ids=2&order=&page=0", nil},
		{"empty lists send nothing", &testParams{IDs: []string{}, Fields: []string{}}, "order=&page=0", nil},
		{"object", &testParams{Filter: &testByID{ID: "7", Name: String("n")}},
			"id=7&name=n&order=&page=0", nil},
		{"nested object values as JSON", &testParams{Extra: map[string]any{
			"a": map[string]any{"b": 1}, "list": []any{1, "x"}, "none": nil, "s": "x y", "num": 1.5, "ok": true,
		}}, "a=%7B%22b%22%3A1%7D&list=%5B1%2C%22x%22%5D&num=1.5&ok=true&order=&page=0&s=x+y", nil},
		{"deepObject", &testParams{Deep: map[string]any{
			"a": map[string]any{"b": 1, "c": nil}, "list": []any{1, "x"}, "s": "x y",
		}}, "deep%5Ba%5D%5Bb%5D=1&deep%5Blist%5D=1&deep%5Blist%5D=x&deep%5Bs%5D=x+y&order=&page=0", nil},
		{"content as JSON", &testParams{JSON: &testByID{ID: "7"}, JSONMap: map[string]int{"a": 1}},
			"json=%7B%22id%22%3A%227%22%7D&jsonmap=%7B%22a%22%3A1%7D&order=&page=0", nil},
		{"union object", &testParams{Query: &testNested{Object: &testByID{ID: "q"}}}, "id=q&order=&page=0", nil},
		{"union scalar", &testParams{Query: &testNested{Scalar: &testStringOrInt{Text: String("free text")}}}, "order=&page=0&query=free+text", nil},
		{"headers", &testParams{Thing: String("t"), Tags: []string{"a", "b"}}, "order=&page=0",
			http.Header{"X-Thing": {"t"}, "X-Tags": {"a,b"}}},
		{"struct value", testParams{Page: 1}, "order=&page=1", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			q, h, err := encodeParams(c.params)
			if err != nil {
				t.Fatal(err)
			}
			if got := q.Encode(); got != c.query {
				t.Errorf("query\n got %s\nwant %s", got, c.query)
			}
			if len(h) != len(c.header) {
				t.Errorf("header %v, want %v", h, c.header)
			}
			for k, want := range c.header {
				if got := h.Values(k); strings.Join(got, "|") != strings.Join(want, "|") {
					t.Errorf("header %s = %q, want %q", k, got, want)
				}
			}
		})
	}
}

func TestEncodeParamsErrors(t *testing.T) {
	type badScalar struct {
		Callback func() `query:"cb"`
	}
	type badElement struct {
		Nested [][]string `query:"nested"`
	}
	type badHeader struct {
		Obj map[string]string `header:"X-Obj"`
	}
	for _, c := range []struct {
		params any
		field  string
	}{
		{&badScalar{Callback: func() {}}, "Callback"},
		{&badElement{Nested: [][]string{{"a"}}}, "Nested"},
		{&badHeader{Obj: map[string]string{}}, "Obj"},
	} {
		_, _, err := encodeParams(c.params)
		if err == nil || !strings.Contains(err.Error(), c.field) {
			t.Errorf("%T: err = %v, want one naming %s", c.params, err, c.field)
		}
	}
	if _, _, err := encodeParams(42); err == nil {
		t.Error("non-struct params accepted")
	}
	// The error surfaces from a call, before anything is sent.
	var cp capture
	core := newClientCore("t", "2.11", []Option{WithRegion(RegionUS), WithHTTPClient(cp.client())})
	err := callNoContent(context.Background(), core, &request{op: testOp, path: "/x", params: &badScalar{}}, nil)
	if err == nil || !strings.Contains(err.Error(), "createTag") {
		t.Errorf("call err = %v", err)
	}
	if req, _ := cp.last(); req != nil {
		t.Error("request sent despite bad params")
	}
}

func TestQueryAndHeaderParamsOnTheWire(t *testing.T) {
	var gotQuery url.Values
	var gotHeader http.Header
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotQuery, gotHeader = r.URL.Query(), r.Header.Clone()
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	core := newClientCore("t", "2.11", []Option{WithBaseURL(srv.URL)})
	params := &testParams{
		Page: 3, IDs: []string{"x/1", "y&2"}, Fields: []string{"name", "email"},
		Filter: &testByID{ID: "7"}, Thing: String("hello"),
	}
	if err := callNoContent(context.Background(), core, &request{op: testOp, path: "/search", params: params}, nil); err != nil {
		t.Fatal(err)
	}
	if got := gotQuery["ids"]; strings.Join(got, " ") != "x/1 y&2" {
		t.Errorf("ids = %q", got)
	}
	if got := gotQuery.Get("fields"); got != "name,email" {
		t.Errorf("fields = %q", got)
	}
	if gotQuery.Get("id") != "7" || gotQuery.Get("page") != "3" || gotQuery.Has("per_page") || gotQuery.Has("Untagged") {
		t.Errorf("query = %v", gotQuery)
	}
	if gotHeader.Get("X-Thing") != "hello" {
		t.Errorf("X-Thing = %q", gotHeader.Get("X-Thing"))
	}
}
