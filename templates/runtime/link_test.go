package runtime

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
)

func TestNextLink(t *testing.T) {
	tests := []struct {
		name   string
		fields []string
		want   string
		err    string // part of the error; "" for none
	}{
		{"none", nil, "", ""},
		{"only", []string{`<https://api.example.com/items?page=2>; rel="next"`}, "https://api.example.com/items?page=2", ""},
		{"GitHub's", []string{`<https://api.github.com/organizations/9/repos?page=2>; rel="next", <https://api.github.com/organizations/9/repos?page=5>; rel="last"`},
			"https://api.github.com/organizations/9/repos?page=2", ""},
		{"next second", []string{`<https://x/1>; rel="prev", <https://x/3>; rel="next"`}, "https://x/3", ""},
		{"several relation types", []string{`<https://x/3>; rel="last next"`}, "https://x/3", ""},
		{"case and token", []string{`<https://x/3>;REL=NEXT`}, "https://x/3", ""},
		{"quoted separators", []string{`<https://x/a,b;c>; title="a, b; \"c\""; rel=next`}, "https://x/a,b;c", ""},
		{"ext value", []string{`<https://x/2>; rel=next; title*=UTF-8'de'n%c3%a4chstes`}, "https://x/2", ""},
		{"only the first rel", []string{`<https://x/2>; rel=prev; rel=next`}, "", ""},
		{"anchor is another context", []string{`<https://x/9>; rel=next; anchor="#c", <https://x/2>; rel=next`}, "https://x/2", ""},
		{"first of two", []string{`<https://x/2>; rel=next, <https://x/7>; rel=next`}, "https://x/2", ""},
		{"empty elements", []string{` , <https://x/2> ; rel = "next" ,, `}, "https://x/2", ""},
		{"relative", []string{`</items?page=2>; rel="next"`}, "/items?page=2", ""},
		{"parameter without value", []string{`<https://x/2>; crossorigin; rel=next`}, "https://x/2", ""},
		{"several fields", []string{`<https://x/0>; rel=first`, `<https://x/2>; rel=next`}, "https://x/2", ""},
		{"no next", []string{`<https://x/1>; rel="prev"`}, "", ""},
		{"not a link", []string{`https://x/2; rel=next`}, "", "not '<'"},
		{"unclosed target", []string{`<https://x/2; rel=next`}, "", "no closing '>'"},
		{"unclosed quote", []string{`<https://x/2>; rel="next`}, "", "no closing '\"'"},
		{"junk after target", []string{`<https://x/2> rel=next`}, "", "where ';' or ','"},
		{"nameless parameter", []string{`<https://x/2>; =next`}, "", "no name"},
		{"no value", []string{`<https://x/2>; rel=`}, "", "no value"},
		{"trailing escape", []string{`<https://x/2>; rel="next\`}, "", "ends in"},
		{"a bad field after a good one", []string{`<https://x/2>; rel=next`, `<https://x/3`}, "", "no closing '>'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := http.Header{}
			for _, f := range tt.fields {
				h.Add("Link", f)
			}
			got, err := nextLink(h)
			switch {
			case tt.err == "" && err != nil:
				t.Fatalf("error %v", err)
			case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
				t.Fatalf("error %v, want one saying %q", err, tt.err)
			case got != tt.want:
				t.Fatalf("next %q, want %q", got, tt.want)
			}
		})
	}
}

func TestFollowLink(t *testing.T) {
	base, _ := url.Parse("https://api.example.com/v3")
	current := "https://api.example.com/v3/orgs/o/repos?per_page=2"
	tests := []struct{ target, want, err string }{
		{"https://api.example.com/organizations/9/repos?page=2", "https://api.example.com/organizations/9/repos?page=2", ""},
		{"?per_page=2&page=2", "https://api.example.com/v3/orgs/o/repos?per_page=2&page=2", ""},
		{"/v3/orgs/o/repos?page=2#frag", "https://api.example.com/v3/orgs/o/repos?page=2", ""},
		{"page2", "https://api.example.com/v3/orgs/o/page2", ""},
		{"//API.EXAMPLE.COM/x", "https://API.EXAMPLE.COM/x", ""},
		{"https://evil.example.net/steal?page=2", "", "leads to https://evil.example.net"},
		{"//evil.example.net/x", "", "leads to https://evil.example.net"},
		{"http://api.example.com/v3/orgs/o/repos?page=2", "", "leads to http://api.example.com"},
		{"https://api.example.com:8443/x", "", "leads to https://api.example.com:8443"},
		{"https://user:pw@api.example.com/x", "", "user information"},
		{"javascript:alert(1)", "", "leads to javascript://"},
		{"https://api.example.com/%zz", "", "invalid URL escape"},
	}
	for _, tt := range tests {
		u, err := followLink(tt.target, current, base)
		switch {
		case tt.err == "" && err != nil:
			t.Errorf("%q: %v", tt.target, err)
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("%q: error %v, want one saying %q", tt.target, err, tt.err)
		case tt.err == "" && u.String() != tt.want:
			t.Errorf("%q: %s, want %s", tt.target, u, tt.want)
		}
	}
}

// linkServer answers /items with pages of a JSON array, each page's Link
// header written by link (page number, the request) or none when it
// returns "".
type linkServer struct {
	*httptest.Server
	pages [][]string
	link  func(n int, r *http.Request) string
	urls  []string
	auth  []string
	hdr   []string
}

func newLinkServer(t *testing.T, pages [][]string, link func(n int, r *http.Request) string) *linkServer {
	s := &linkServer{pages: pages, link: link}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.urls = append(s.urls, r.URL.RequestURI())
		s.auth = append(s.auth, r.Header.Get("Authorization"))
		s.hdr = append(s.hdr, r.Header.Get("X-Filter"))
		n := 1
		fmt.Sscan(r.URL.Query().Get("page"), &n)
		var items []string
		if n >= 1 && n <= len(s.pages) {
			for _, id := range s.pages[n-1] {
				items = append(items, `{"id":"`+id+`"}`)
			}
		}
		if l := s.link(n, r); l != "" {
			w.Header().Set("Link", l)
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, "["+strings.Join(items, ",")+"]")
	}))
	t.Cleanup(s.Close)
	return s
}

var linkPaging = paging{style: pageLink, param: "page"}

func arrayItems(p []testItem, yield func(*testItem) bool) bool {
	for i := range p {
		if !yield(&p[i]) {
			return false
		}
	}
	return true
}

func linkItems(t *testing.T, srv string, r *request, opts ...Option) (string, error) {
	t.Helper()
	core := newClientCore("tok", "", []Option{WithBaseURL(srv)})
	return collect(itemSeq(pageSeq[[]testItem](context.Background(), core, r, linkPaging, opts), arrayItems))
}

type linkParams struct {
	PerPage *int    `query:"per_page"`
	Filter  *string `header:"X-Filter"`
}

func TestLinkPagination(t *testing.T) {
	s := newLinkServer(t, [][]string{{"1", "2"}, {"3", "4"}, {"5"}}, func(n int, r *http.Request) string {
		switch n {
		case 1: // absolute, with GitHub's other relations
			return fmt.Sprintf(`<http://%s/items?per_page=2&page=2>; rel="next", <http://%s/items?per_page=2&page=3>; rel="last"`, r.Host, r.Host)
		case 2: // a reference relative to the page
			return `<?page=3&per_page=2>; rel="next", </items?page=1&per_page=2>; rel="first"`
		}
		return `</items?page=1&per_page=2>; rel="first"`
	})
	var last Response
	r := &request{op: getOp, path: "/items", params: &linkParams{PerPage: Int(2), Filter: String("open")}}
	ids, err := linkItems(t, s.URL, r, WithQueryParam("trace", "on"), WithResponse(&last))
	if err != nil || ids != "1 2 3 4 5" {
		t.Fatalf("ids %q, err %v", ids, err)
	}
	want := []string{"/items?per_page=2&trace=on", "/items?page=2&per_page=2&trace=on", "/items?page=3&per_page=2&trace=on"}
	if fmt.Sprint(s.urls) != fmt.Sprint(want) {
		t.Errorf("urls %v, want %v", s.urls, want)
	}
	// Every page carries the credentials and the params' headers, and the
	// caller's WithResponse sees the answers.
	for i := range s.auth {
		if s.auth[i] != "Bearer tok" || s.hdr[i] != "open" {
			t.Errorf("request %d: Authorization %q, X-Filter %q", i+1, s.auth[i], s.hdr[i])
		}
	}
	if last.StatusCode != 200 || !strings.Contains(last.Header.Get("Link"), `rel="first"`) {
		t.Errorf("WithResponse: %d %v", last.StatusCode, last.Header)
	}
}

// Pages yields the slices themselves, and an object page is read through
// its items member.
func TestLinkPages(t *testing.T) {
	s := newLinkServer(t, [][]string{{"1", "2"}, {"3"}}, func(n int, _ *http.Request) string {
		if n == 1 {
			return `</items?page=2>; rel=next`
		}
		return ""
	})
	core := newClientCore("tok", "", []Option{WithBaseURL(s.URL)})
	var sizes []int
	for page, err := range pageSeq[[]testItem](context.Background(), core, &request{op: getOp, path: "/items"}, linkPaging, nil) {
		if err != nil {
			t.Fatal(err)
		}
		sizes = append(sizes, len(page))
	}
	if fmt.Sprint(sizes) != "[2 1]" {
		t.Errorf("page sizes %v", sizes)
	}

	obj := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("page") == "" {
			w.Header().Set("Link", `<?page=2>; rel="next"`)
			fmt.Fprint(w, pageOf("a b", "{}"))
			return
		}
		fmt.Fprint(w, pageOf("c", "{}"))
	}))
	defer obj.Close()
	core = newClientCore("tok", "", []Option{WithBaseURL(obj.URL)})
	pg := paging{style: pageLink, param: "page", items: "data"}
	ids, err := collect(itemSeq(pageSeq[*testPage](context.Background(), core, &request{op: getOp, path: "/items"}, pg, nil), listOf))
	if err != nil || ids != "a b c" {
		t.Fatalf("ids %q, err %v", ids, err)
	}
}

// A next link to another host is not followed: the credentials would go
// there. The page that named it is yielded, then the error.
func TestLinkToAnotherHost(t *testing.T) {
	var stolen atomic.Int32
	evil := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		stolen.Add(1)
		fmt.Fprint(w, "[]")
	}))
	defer evil.Close()
	s := newLinkServer(t, [][]string{{"1"}}, func(int, *http.Request) string { return "<" + evil.URL + "/items?page=2>; rel=next" })
	ids, err := linkItems(t, s.URL, &request{op: getOp, path: "/items"})
	if ids != "1" || err == nil || !strings.Contains(err.Error(), "not followed") || !strings.Contains(err.Error(), "getThing") {
		t.Fatalf("ids %q, err %v", ids, err)
	}
	if stolen.Load() != 0 {
		t.Errorf("the other host got %d requests", stolen.Load())
	}
}

// A next link back to a page already fetched is an error after that
// page's items, not an endless loop; so is a Link header that does not
// parse.
func TestLinkCycleAndMalformed(t *testing.T) {
	s := newLinkServer(t, [][]string{{"1"}, {"2"}}, func(n int, _ *http.Request) string {
		if n == 1 {
			return `</items?page=2>; rel=next`
		}
		return `</items>; rel=next` // the first page again
	})
	ids, err := linkItems(t, s.URL, &request{op: getOp, path: "/items"})
	if ids != "1 2" || err == nil || !strings.Contains(err.Error(), "already fetched") {
		t.Fatalf("cycle: ids %q, err %v", ids, err)
	}
	if len(s.urls) != 2 {
		t.Errorf("cycle: %d requests", len(s.urls))
	}

	bad := newLinkServer(t, [][]string{{"1"}, {"2"}}, func(int, *http.Request) string { return `</items?page=2; rel=next` })
	ids, err = linkItems(t, bad.URL, &request{op: getOp, path: "/items"})
	if ids != "1" || err == nil || !strings.Contains(err.Error(), "Link header") {
		t.Fatalf("malformed: ids %q, err %v", ids, err)
	}
}

// An empty page after the first ends the iteration, whatever its Link
// says; an API error ends it with the error.
func TestLinkEmptyPageAndErrors(t *testing.T) {
	s := newLinkServer(t, [][]string{{"1"}}, func(n int, _ *http.Request) string {
		return fmt.Sprintf(`</items?page=%d>; rel=next`, n+1)
	})
	ids, err := linkItems(t, s.URL, &request{op: getOp, path: "/items"})
	if ids != "1" || err != nil || len(s.urls) != 2 {
		t.Fatalf("ids %q, err %v, %d requests", ids, err, len(s.urls))
	}

	_, url := serve(t,
		status(200, map[string]string{"Link": `</things?page=2>; rel="next"`}, `[{"id":"1"}]`),
		status(404, nil, `{"type":"error.list","errors":[{"code":"not_found","message":"gone"}]}`),
	)
	ids, err = linkItems(t, url, &request{op: getOp, path: "/things"})
	var apiErr *APIError
	if ids != "1" || !errors.As(err, &apiErr) || apiErr.StatusCode != 404 {
		t.Fatalf("ids %q, err %v", ids, err)
	}
}

// Numbered pages whose answers do not count them take the next number
// from the Link header, and ask for it on the client's own URL.
func TestPageNumbersFromLinkHeader(t *testing.T) {
	s, url := serve(t,
		status(200, map[string]string{"Link": `<https://elsewhere.example.com/x?page=2&q=a>; rel="next"`}, `{"total_count":3,"data":[{"id":"1"},{"id":"2"}]}`),
		status(200, map[string]string{"Link": `<?page=1>; rel="first"`}, `{"total_count":3,"data":[{"id":"3"}]}`),
	)
	core := newClientCore("tok", "", []Option{WithBaseURL(url)})
	r := &request{op: getOp, path: "/search", params: &struct {
		Q    string `query:"q"`
		Page *int   `query:"page"`
	}{Q: "a"}}
	ids, err := collect(itemSeq(pageSeq[*testPage](context.Background(), core, r, numberPaging, nil), listOf))
	if err != nil || ids != "1 2 3" {
		t.Fatalf("ids %q, err %v", ids, err)
	}
	if want := "[/search?q=a /search?page=2&q=a]"; fmt.Sprint(s.urls) != want {
		t.Errorf("urls %v, want %s", s.urls, want)
	}

	// Counts in the answer win over the header.
	s, url = serve(t, status(200, map[string]string{"Link": `<?page=9>; rel="next"`}, `{"pages":{"page":1,"total_pages":1},"data":[{"id":"1"}]}`))
	core = newClientCore("tok", "", []Option{WithBaseURL(url)})
	if ids, err := collect(itemSeq(pageSeq[*testPage](context.Background(), core, &request{op: getOp, path: "/search"}, numberPaging, nil), listOf)); err != nil || ids != "1" || s.count() != 1 {
		t.Errorf("ids %q, err %v, %d requests", ids, err, s.count())
	}
}
