package testserver

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
)

// contact stands in for a generated model.
type contact struct {
	ID    string `json:"id"`
	Email string `json:"email"`
	Role  string `json:"role,omitempty"`
}

// createContact stands in for a generated request type, which decodes
// leniently: a number where a string is documented is kept as its text.
type createContact struct {
	Email lenientString `json:"email"`
	Role  string        `json:"role,omitempty"`
}

type lenientString string

func (s *lenientString) UnmarshalJSON(data []byte) error {
	var n json.Number
	if json.Unmarshal(data, &n) == nil {
		*s = lenientString(n)
		return nil
	}
	return json.Unmarshal(data, (*string)(s))
}

var (
	opShow   = Op[*contact]{&operation{id: "showContact", method: "GET", path: "/contacts/{id}", status: 200, result: resultJSON, example: `{"type":"contact","id":"c1","email":"a@example.com"}`}}
	opSearch = Op[*contact]{&operation{id: "searchContacts", method: "POST", path: "/contacts/search", status: 200, result: resultJSON, body: "any",
		example: `{"type":"list","data":[{"id":"c1"}],"total_count":1,"pages":{"next":{"starting_after":"x"}}}`,
		paging:  &paging{style: pageSearch, param: "pagination.starting_after", next: "pages.next.starting_after", items: "data"}}}
	opList = Op[*contact]{&operation{id: "listContacts", method: "GET", path: "/contacts", status: 200, result: resultJSON,
		query:   []queryParam{{name: "per_page", typ: "integer"}, {name: "starting_after", typ: "string"}, {name: "roles", typ: "[]Role"}, {name: "archived", typ: "boolean"}},
		example: `{"type":"list","data":[{"id":"c1"},{"id":"c2"}],"pages":{"next":{"starting_after":"x"}}}`,
		paging:  &paging{style: pageCursor, param: "starting_after", next: "pages.next.starting_after", items: "data"}}}
	opCreate = Op[*contact]{&operation{id: "createContact", method: "POST", path: "/contacts", status: 200, result: resultJSON,
		example: `{"id":"new"}`, body: "CreateContactRequest", decode: decodeAs[createContact]}}
	opDelete    = Op[struct{}]{&operation{id: "deleteTag", method: "DELETE", path: "/tags/{id}", status: 204, result: resultNone}}
	opCompanies = Op[*contact]{&operation{id: "listCompanies", method: "GET", path: "/companies", status: 200, result: resultJSON,
		query:   []queryParam{{name: "order", required: true, typ: "string"}, {name: "page", typ: "integer"}},
		example: `{"type":"list","data":[],"pages":{"page":1,"total_pages":1}}`,
		paging:  &paging{style: pageNumber, param: "page", items: "data"}}}
	opScroll = Op[*contact]{&operation{id: "scrollCompanies", method: "GET", path: "/companies/scroll", status: 200, result: resultJSON,
		example: `{"data":[{"id":"s1"}],"scroll_param":"x"}`,
		paging:  &paging{style: pageScroll, param: "scroll_param", next: "scroll_param", items: "data"}}}
	opRepos = Op[[]contact]{&operation{id: "repos/list-for-org", method: "GET", path: "/orgs/{org}/repos", status: 200, result: resultJSON,
		query:   []queryParam{{name: "per_page", typ: "integer"}, {name: "page", typ: "integer"}},
		example: `[{"id":"r1"},{"id":"r2"}]`,
		paging:  &paging{style: pageLink, param: "page"}}}
	opFindRepos = Op[*contact]{&operation{id: "search/repos", method: "GET", path: "/search/repositories", status: 200, result: resultJSON,
		example: `{"total_count":1,"items":[{"id":"f1"}]}`,
		paging:  &paging{style: pageLink, param: "page", items: "items"}}}
	opUpload  = Op[*contact]{&operation{id: "uploadFile", method: "POST", path: "/files", status: 200, result: resultJSON, example: `{}`, form: true}}
	opPreview = Op[*contact]{&operation{id: "previewThing", method: "GET", path: "/preview/{id}.json", status: 200, result: resultJSON, example: `{}`, version: "Preview"}}
	opRender  = Op[struct{}]{&operation{id: "renderMarkdown", method: "POST", path: "/markdown", status: 204, result: resultNone, raw: "text/x-markdown"}}
)

var testAPI = &api{
	version:    "2.11",
	operations: []*operation{opShow.op, opSearch.op, opList.op, opCreate.op, opDelete.op, opCompanies.op, opScroll.op, opPreview.op, opUpload.op, opRepos.op, opFindRepos.op, opRender.op},
	schemas: map[string]*schema{
		"CreateContactRequest": {kind: kindObject, required: []string{"email"}, props: map[string]string{"email": "string", "role": "Role", "tags": "[]Tag", "attrs": "map[string]integer"}},
		"Role":                 {kind: kindEnum, enum: []string{"user", "lead"}},
		"Tag":                  {kind: kindUnion, variants: []string{"string", "TagObject"}},
		"TagObject":            {kind: kindObject, required: []string{"id"}, props: map[string]string{"id": "string"}},
	},
}

// answer is one decoded answer of the server.
type answer struct {
	status int
	header http.Header
	body   map[string]any
	raw    string
}

func do(t *testing.T, s *Server, method, path, body string, header ...string) answer {
	t.Helper()
	r, err := http.NewRequest(method, s.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	r.Header.Set("Authorization", "Bearer "+s.Token())
	r.Header.Set("Intercom-Version", "2.11")
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(r)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	a := answer{status: resp.StatusCode, header: resp.Header, raw: string(data)}
	json.Unmarshal(data, &a.body)
	return a
}

// firstError is the code, field and message of an error list's first error.
func firstError(t *testing.T, a answer) (code, field, message string) {
	t.Helper()
	if a.body["type"] != "error.list" || a.body["request_id"] == "" {
		t.Fatalf("not an error list: %d %s", a.status, a.raw)
	}
	errs, _ := a.body["errors"].([]any)
	if len(errs) == 0 {
		t.Fatalf("no errors: %s", a.raw)
	}
	e := errs[0].(map[string]any)
	f, _ := e["field"].(string)
	return e["code"].(string), f, e["message"].(string)
}

func TestDefaultAnswersAndRouting(t *testing.T) {
	s := newServer(t, testAPI, nil)
	a := do(t, s, "GET", "/contacts/c%2F1", "")
	if a.status != 200 || a.body["email"] != "a@example.com" || a.header.Get("Content-Type") != "application/json" {
		t.Fatalf("show: %d %s", a.status, a.raw)
	}
	// The literal segment wins over the parameter.
	if a := do(t, s, "POST", "/contacts/search", `{}`); a.status != 200 || a.body["type"] != "list" {
		t.Fatalf("search: %d %s", a.status, a.raw)
	}
	if a := do(t, s, "DELETE", "/tags/7", ""); a.status != 204 || a.raw != "" {
		t.Fatalf("delete: %d %q", a.status, a.raw)
	}
	if a := do(t, s, "GET", "/preview/9.json", "", "Intercom-Version", "Preview"); a.status != 200 {
		t.Fatalf("preview: %d %s", a.status, a.raw)
	}
	calls := s.Calls()
	if len(calls) != 4 || calls[0].Operation != "showContact" || calls[0].PathParams["id"] != "c/1" || calls[3].PathParams["id"] != "9" {
		t.Fatalf("calls: %+v", calls)
	}
	for _, tc := range []struct{ method, path string }{{"GET", "/nowhere"}, {"PUT", "/contacts/1"}, {"GET", "/contacts/1/extra"}, {"GET", "/preview/9"}} {
		a := do(t, s, tc.method, tc.path, "")
		if code, _, msg := firstError(t, a); a.status != 404 || code != "not_found" || !strings.Contains(msg, tc.path) {
			t.Errorf("%s %s: %d %s", tc.method, tc.path, a.status, a.raw)
		}
	}
}

func TestAuthAndVersion(t *testing.T) {
	s := newServer(t, testAPI, []ServerOption{WithToken("secret")})
	for _, auth := range []string{"", "Bearer wrong", "secret"} {
		a := do(t, s, "GET", "/contacts/1", "", "Authorization", auth)
		if code, _, _ := firstError(t, a); a.status != 401 || code != "unauthorized" {
			t.Errorf("Authorization %q: %d %s", auth, a.status, a.raw)
		}
	}
	a := do(t, s, "GET", "/contacts/1", "", "Intercom-Version", "2.10")
	if code, _, msg := firstError(t, a); a.status != 400 || code != "intercom_version_invalid" || !strings.Contains(msg, `"2.11"`) {
		t.Errorf("wrong version: %d %s", a.status, a.raw)
	}
	// An operation that names its own version requires it.
	if a := do(t, s, "GET", "/preview/1.json", ""); a.status != 400 {
		t.Errorf("preview with 2.11: %d %s", a.status, a.raw)
	}
	if got := s.Calls(); len(got) != 5 || got[3].Status != 400 || got[0].Status != 401 {
		t.Errorf("refused calls are recorded with their status: %+v", got)
	}
}

func TestBodyChecks(t *testing.T) {
	s := newServer(t, testAPI, nil)
	for _, tc := range []struct{ body, field, msg string }{
		{`{"email": true}`, "email", "email must be a string, not a boolean"},
		{`{"email": "a", "attrs": {"n": "many"}}`, "attrs.n", `attrs.n must be a number, not the string "many"`},
		{`{"role": "user"}`, "email", "email is required"},
		{`{"email": "a", "role": "admin"}`, "role", `role "admin" is not one of user, lead`},
		{`{"email": "a", "tags": ["x", {"name": "y"}]}`, "tags[1]", "tags[1] matches none of string, TagObject"},
		{`{"email": "a", "attrs": {"n": 1.5}}`, "attrs.n", "attrs.n must be an integer, not 1.5"},
		{`[1]`, "", "body must be an object, not an array"},
		{`{"email":`, "", "the request body is not valid JSON"},
	} {
		a := do(t, s, "POST", "/contacts", tc.body)
		code, field, msg := firstError(t, a)
		if a.status != 400 || code != "parameter_invalid" || field != tc.field || !strings.HasPrefix(msg, tc.msg) {
			t.Errorf("%s: %d %s", tc.body, a.status, a.raw)
		}
	}
	if a := do(t, s, "POST", "/files", `{"a":1}`, "Content-Type", "application/json"); a.status != 400 || !strings.Contains(a.raw, "multipart/form-data") {
		t.Errorf("a JSON body for a form: %d %s", a.status, a.raw)
	}
	if a := do(t, s, "POST", "/files", "--b\r\n\r\nx\r\n--b--\r\n", "Content-Type", "multipart/form-data; boundary=b"); a.status != 200 {
		t.Errorf("a form: %d %s", a.status, a.raw)
	}
	if a := do(t, s, "POST", "/markdown", `{"text":"# hi"}`, "Content-Type", "application/json"); a.status != 400 || !strings.Contains(a.raw, "text/x-markdown") {
		t.Errorf("JSON for a text body: %d %s", a.status, a.raw)
	}
	if a := do(t, s, "POST", "/markdown", "# hi", "Content-Type", "text/x-markdown; charset=utf-8"); a.status != 204 {
		t.Errorf("a text body: %d %s", a.status, a.raw)
	}
	if calls := s.CallsTo(opRender); len(calls) == 0 || string(calls[len(calls)-1].RawBody) != "# hi" {
		t.Errorf("the text body was not kept: %+v", calls)
	}
	// Numbers and strings stand in for each other, as Intercom takes them.
	if a := do(t, s, "POST", "/contacts", `{"email": 5, "attrs": {"n": "2"}}`); a.status != 200 {
		t.Errorf("a number for a string: %d %s", a.status, a.raw)
	}
	a := do(t, s, "POST", "/contacts", `{"email": "a@example.com", "role": "lead", "tags": ["x", {"id": "1"}], "attrs": {"n": 2}, "null": null}`)
	if a.status != 200 {
		t.Fatalf("a good body: %d %s", a.status, a.raw)
	}
	calls := s.CallsTo(opCreate)
	last := calls[len(calls)-1]
	if b, ok := last.Body.(*createContact); !ok || b.Email != "a@example.com" || b.Role != "lead" {
		t.Fatalf("decoded body: %#v", last.Body)
	}
	if len(calls) != 10 || calls[0].Body != nil || calls[0].Status != 400 {
		t.Fatalf("calls: %+v", calls)
	}
}

func TestQueryChecks(t *testing.T) {
	s := newServer(t, testAPI, nil)
	for _, tc := range []struct{ path, field, msg string }{
		{"/contacts?per_page=ten", "per_page", `per_page must be an integer, not "ten"`},
		{"/contacts?roles=user,admin", "roles", `roles "admin" is not one of user, lead`},
		{"/contacts?roles=user&roles=boss", "roles", `roles "boss" is not one of user, lead`},
		{"/contacts?archived=yes", "archived", `archived must be true or false, not "yes"`},
		{"/companies?page=2", "order", "order is required"},
	} {
		a := do(t, s, "GET", tc.path, "")
		if code, field, msg := firstError(t, a); a.status != 400 || code != "parameter_invalid" || field != tc.field || msg != tc.msg {
			t.Errorf("%s: %d %s", tc.path, a.status, a.raw)
		}
	}
	if a := do(t, s, "GET", "/contacts?per_page=5&roles=user,lead&archived=false&unknown=x", ""); a.status != 200 {
		t.Errorf("good parameters: %d %s", a.status, a.raw)
	}
}

func TestStubs(t *testing.T) {
	s := newServer(t, testAPI, nil)
	Stub(s, opShow, &contact{ID: "c9", Email: "z@example.com"})
	if a := do(t, s, "GET", "/contacts/c9", ""); a.status != 200 || a.body["id"] != "c9" || a.body["email"] != "z@example.com" {
		t.Fatalf("stub: %d %s", a.status, a.raw)
	}
	s.StubError(opShow, 404, Error{Code: "not_found", Message: "User Not Found"})
	a := do(t, s, "GET", "/contacts/c9", "")
	if code, _, msg := firstError(t, a); a.status != 404 || code != "not_found" || msg != "User Not Found" || a.body["request_id"] != a.header.Get("X-Request-Id") {
		t.Fatalf("error stub: %d %s", a.status, a.raw)
	}
	s.StubFunc(opShow, func(c Call) Response {
		return Response{Status: 202, Body: map[string]string{"id": c.PathParams["id"]}, Header: http.Header{"X-Test": {"yes"}}}
	})
	if a := do(t, s, "GET", "/contacts/c7", ""); a.status != 202 || a.body["id"] != "c7" || a.header.Get("X-Test") != "yes" {
		t.Fatalf("func stub: %d %s", a.status, a.raw)
	}
	s.Unstub(opShow)
	if a := do(t, s, "GET", "/contacts/c7", ""); a.body["id"] != "c1" {
		t.Fatalf("unstubbed: %s", a.raw)
	}
}

// recorder is a testing.TB that keeps failures instead of reporting them.
type recorder struct {
	testing.TB
	mu     sync.Mutex
	errors []string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

func (r *recorder) Fatalf(format string, args ...any) { r.Errorf(format, args...) }

func TestRequireStubs(t *testing.T) {
	rec := &recorder{TB: t}
	s := newServer(rec, testAPI, []ServerOption{RequireStubs()})
	Stub(s, opShow, &contact{ID: "ok"})
	if a := do(t, s, "GET", "/contacts/1", ""); a.status != 200 || len(rec.errors) != 0 {
		t.Fatalf("stubbed: %d %v", a.status, rec.errors)
	}
	a := do(t, s, "DELETE", "/tags/1", "")
	if code, _, _ := firstError(t, a); a.status != 501 || code != "not_stubbed" {
		t.Fatalf("unstubbed: %d %s", a.status, a.raw)
	}
	if len(rec.errors) != 1 || !strings.Contains(rec.errors[0], "deleteTag (DELETE /tags/1) was called but the test did not stub it") {
		t.Fatalf("errors: %q", rec.errors)
	}
	StubPages(s, opShow, []contact{{ID: "1"}}, 1)
	if len(rec.errors) != 2 || !strings.Contains(rec.errors[1], "does not page") {
		t.Fatalf("StubPages on a plain operation: %q", rec.errors)
	}
}

// pageIDs follows pages the way the generated client does and returns
// the items' IDs per page.
func pageIDs(t *testing.T, s *Server, style pageStyle, path string) [][]string {
	t.Helper()
	var pages [][]string
	cursor := ""
	for range 10 {
		var a answer
		switch style {
		case pageSearch:
			body := `{}`
			if cursor != "" {
				body = `{"pagination":{"starting_after":"` + cursor + `"}}`
			}
			a = do(t, s, "POST", path, body)
		default:
			// The first request sends no cursor, as the client does.
			param := map[pageStyle]string{pageCursor: "starting_after", pageNumber: "page", pageScroll: "scroll_param"}[style]
			q := url.Values{}
			if style == pageNumber {
				q.Set("order", "asc")
			}
			if cursor != "" {
				q.Set(param, cursor)
			}
			a = do(t, s, "GET", path+"?"+q.Encode(), "")
		}
		if a.status != 200 {
			t.Fatalf("page %d: %d %s", len(pages)+1, a.status, a.raw)
		}
		var ids []string
		for _, item := range a.body["data"].([]any) {
			ids = append(ids, item.(map[string]any)["id"].(string))
		}
		switch style {
		case pageCursor, pageSearch:
			pages = append(pages, ids)
			next, _ := lookupPath(a.body, "pages.next.starting_after").(string)
			if next == "" {
				return pages
			}
			cursor = next
		case pageScroll:
			if len(ids) == 0 {
				return pages
			}
			pages = append(pages, ids)
			cursor = a.body["scroll_param"].(string)
		case pageNumber:
			pages = append(pages, ids)
			p := lookupPath(a.body, "pages").(map[string]any)
			if p["page"].(float64) >= p["total_pages"].(float64) {
				return pages
			}
			cursor = fmt.Sprint(p["page"].(float64) + 1)
		}
	}
	t.Fatalf("paging does not end: %v", pages)
	return nil
}

func TestStubPages(t *testing.T) {
	s := newServer(t, testAPI, nil)
	items := []contact{{ID: "1"}, {ID: "2"}, {ID: "3"}, {ID: "4"}, {ID: "5"}}
	for _, tc := range []struct {
		op    Op[*contact]
		style pageStyle
		path  string
	}{
		{opList, pageCursor, "/contacts"},
		{opSearch, pageSearch, "/contacts/search"},
		{opCompanies, pageNumber, "/companies"},
		{opScroll, pageScroll, "/companies/scroll"},
	} {
		StubPages(s, tc.op, items, 2)
		if got := fmt.Sprint(pageIDs(t, s, tc.style, tc.path)); got != "[[1 2] [3 4] [5]]" {
			t.Errorf("%s: pages %s", tc.op.ID(), got)
		}
	}
	// The example's total_count follows the items.
	if a := do(t, s, "POST", "/contacts/search", `{}`); a.body["total_count"] != 5.0 {
		t.Errorf("total_count: %s", a.raw)
	}
	a := do(t, s, "GET", "/contacts?starting_after=bogus", "")
	if code, field, _ := firstError(t, a); a.status != 400 || code != "parameter_invalid" || field != "starting_after" {
		t.Errorf("bogus cursor: %d %s", a.status, a.raw)
	}
	StubPages(s, opList, []contact{}, 2)
	if got := fmt.Sprint(pageIDs(t, s, pageCursor, "/contacts")); got != "[[]]" {
		t.Errorf("no items: %s", got)
	}
}

var nextRel = regexp.MustCompile(`<([^>]*)>; rel="next"`)

// linkedIDs follows the Link headers of a list's pages from path and
// returns the items' IDs per page, the last page's Link header and the
// URLs requested.
func linkedIDs(t *testing.T, s *Server, path, items string) (pages [][]string, last string, urls []string) {
	t.Helper()
	next, _ := url.Parse(s.URL + path)
	for range 10 {
		urls = append(urls, next.RequestURI())
		a := do(t, s, "GET", next.RequestURI(), "")
		if a.status != 200 {
			t.Fatalf("%s: %d %s", next, a.status, a.raw)
		}
		var list []map[string]any
		if items == "" {
			json.Unmarshal([]byte(a.raw), &list)
		} else {
			raw, _ := json.Marshal(a.body[items])
			json.Unmarshal(raw, &list)
		}
		var ids []string
		for _, item := range list {
			ids = append(ids, item["id"].(string))
		}
		pages = append(pages, ids)
		last = a.header.Get("Link")
		m := nextRel.FindStringSubmatch(last)
		if m == nil {
			return pages, last, urls
		}
		ref, err := url.Parse(m[1])
		if err != nil {
			t.Fatal(err)
		}
		next = next.ResolveReference(ref)
	}
	t.Fatalf("paging does not end: %v", pages)
	return nil, "", nil
}

func TestStubPagesLink(t *testing.T) {
	s := newServer(t, testAPI, nil)
	items := []contact{{ID: "1"}, {ID: "2"}, {ID: "3"}, {ID: "4"}, {ID: "5"}}
	StubPages(s, opRepos, items, 2)
	pages, last, urls := linkedIDs(t, s, "/orgs/acme/repos?per_page=2", "")
	if got := fmt.Sprint(pages); got != "[[1 2] [3 4] [5]]" {
		t.Errorf("pages %s", got)
	}
	// The links keep the request's other parameters, and name the first
	// and last pages too.
	if want := "[/orgs/acme/repos?per_page=2 /orgs/acme/repos?page=2&per_page=2 /orgs/acme/repos?page=3&per_page=2]"; fmt.Sprint(urls) != want {
		t.Errorf("urls %v, want %s", urls, want)
	}
	if last != `<?page=1&per_page=2>; rel="first", <?page=3&per_page=2>; rel="last"` {
		t.Errorf("last page's Link: %s", last)
	}
	if a := do(t, s, "GET", "/orgs/acme/repos?page=x", ""); a.status != 400 {
		t.Errorf("bogus page: %d %s", a.status, a.raw)
	}

	// An object answer keeps the example's other members.
	StubPages(s, opFindRepos, items, 3)
	if pages, _, _ := linkedIDs(t, s, "/search/repositories", "items"); fmt.Sprint(pages) != "[[1 2 3] [4 5]]" {
		t.Errorf("object pages %v", pages)
	}
	if a := do(t, s, "GET", "/search/repositories", ""); a.body["total_count"] != 5.0 {
		t.Errorf("total_count: %s", a.raw)
	}

	// Unstubbed, the example is the only page.
	s.Unstub(opRepos)
	if pages, last, _ := linkedIDs(t, s, "/orgs/acme/repos", ""); fmt.Sprint(pages) != "[[r1 r2]]" || strings.Contains(last, "next") {
		t.Errorf("default pages %v, Link %s", pages, last)
	}
}

func TestDefaultPagesEnd(t *testing.T) {
	// The examples name a next cursor; served as is, a client would page
	// forever (or stop on the repeated cursor with an error).
	s := newServer(t, testAPI, nil)
	if got := fmt.Sprint(pageIDs(t, s, pageCursor, "/contacts")); got != "[[c1 c2]]" {
		t.Errorf("cursor: %s", got)
	}
	if got := fmt.Sprint(pageIDs(t, s, pageSearch, "/contacts/search")); got != "[[c1]]" {
		t.Errorf("search: %s", got)
	}
	if got := fmt.Sprint(pageIDs(t, s, pageScroll, "/companies/scroll")); got != "[[s1]]" {
		t.Errorf("scroll: %s", got)
	}
	// A cursor of the real API's asks for the only page.
	if a := do(t, s, "GET", "/contacts?starting_after=WzE3MTk0", ""); a.status != 200 || len(a.body["data"].([]any)) != 2 {
		t.Errorf("a foreign cursor: %d %s", a.status, a.raw)
	}
}

func TestSignedNotification(t *testing.T) {
	r := NewNotificationRequest(t, "shh", "contact.user.created", contact{ID: "c1"})
	body, _ := io.ReadAll(r.Body)
	// The header is the HMAC-SHA1 of the body keyed with the secret.
	if got, want := r.Header.Get("X-Hub-Signature"), SignNotification(body, "shh"); got != want || !strings.HasPrefix(got, "sha1=") || len(got) != 45 {
		t.Fatalf("signature %q, want %q", got, want)
	}
	if SignNotification(body, "other") == SignNotification(body, "shh") {
		t.Fatal("the secret does not change the signature")
	}
	// Known answer from `openssl sha1 -hmac key` of "hello".
	if got := SignNotification([]byte("hello"), "key"); got != "sha1=b34ceac4516ff23a143e61d79d0fa7a4fbe5f266" {
		t.Fatalf("known answer: %s", got)
	}
	var n struct {
		Type, Topic string
		Data        struct{ Item contact }
	}
	if err := json.Unmarshal(body, &n); err != nil || n.Type != "notification_event" || n.Topic != "contact.user.created" || n.Data.Item.ID != "c1" {
		t.Fatalf("notification %s: %v", body, err)
	}
}

// TestConcurrentCalls: code under test may call from many goroutines
// while the test restubs; every call is recorded once (run with -race).
func TestConcurrentCalls(t *testing.T) {
	s := newServer(t, testAPI, nil)
	var wg sync.WaitGroup
	for i := range 40 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if i%10 == 0 {
				Stub(s, opShow, &contact{ID: fmt.Sprint(i)})
			}
			if a := do(t, s, "GET", fmt.Sprintf("/contacts/%d", i), ""); a.status != 200 {
				t.Errorf("call %d: %d", i, a.status)
			}
		}()
	}
	wg.Wait()
	seen := map[string]bool{}
	for _, c := range s.CallsTo(opShow) {
		seen[c.PathParams["id"]] = true
	}
	if len(seen) != 40 {
		t.Fatalf("%d distinct calls recorded, want 40", len(seen))
	}
}

// TestOutsideATest: a server started without a test (the generated
// Start, for examples) answers the same, is closed by its caller, panics
// on a misuse while it is set up and only answers 501 to an unstubbed
// call under RequireStubs.
func TestOutsideATest(t *testing.T) {
	s := newServer(nil, testAPI, []ServerOption{RequireStubs()})
	defer s.Close()
	Stub(s, opShow, &contact{ID: "ok"})
	if a := do(t, s, "GET", "/contacts/1", ""); a.status != 200 || a.body["id"] != "ok" {
		t.Fatalf("stubbed: %d %s", a.status, a.raw)
	}
	a := do(t, s, "DELETE", "/tags/1", "")
	if code, _, _ := firstError(t, a); a.status != 501 || code != "not_stubbed" {
		t.Fatalf("unstubbed: %d %s", a.status, a.raw)
	}
	Stub(s, opShow, &contact{ID: "c1"})
	s.StubFunc(opCreate, func(Call) Response { return Response{Body: func() {}} })
	if a := do(t, s, "POST", "/contacts", `{"email":"a@example.com"}`); a.status != 500 {
		t.Fatalf("a stub that does not encode: %d %s", a.status, a.raw)
	}
	func() {
		defer func() {
			if r := recover(); r == nil || !strings.Contains(fmt.Sprint(r), "StubPages(showContact): the operation does not page") {
				t.Fatalf("StubPages on a plain operation: recovered %v", r)
			}
		}()
		StubPages(s, opShow, []contact{{ID: "1"}}, 1)
	}()
	if n := len(s.Calls()); n != 3 {
		t.Fatalf("%d calls recorded", n)
	}
	s.Close()
	if _, err := http.Get(s.URL + "/contacts/1"); err == nil {
		t.Fatal("the server answers after Close")
	}

	r, err := NotificationRequest("shh", "contact.user.created", contact{ID: "c1"})
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(r.Body)
	if r.Header.Get("X-Hub-Signature") != SignNotification(body, "shh") {
		t.Fatalf("unsigned: %s", body)
	}
	if _, err := NotificationRequest("shh", "x", func() {}); err == nil {
		t.Fatal("an item that does not encode")
	}
}

func TestWebhookRequest(t *testing.T) {
	hook := Webhook[*contact]{name: "contact created/now", method: "POST", contentType: "application/json"}
	r := NewWebhookRequest(t, hook, &contact{ID: "c9"})
	body, _ := io.ReadAll(r.Body)
	if r.Method != "POST" || r.Header.Get("Content-Type") != "application/json" || !strings.Contains(string(body), `"id":"c9"`) ||
		r.URL.Path != "/webhooks/contact created/now" || hook.Name() != "contact created/now" || hook.Method() != "POST" {
		t.Fatalf("%s %s %q %s", r.Method, r.URL, r.Header.Get("Content-Type"), body)
	}
	bad := Webhook[any]{name: "x", method: "POST", contentType: "application/json"}
	if _, err := WebhookRequest(bad, any(func() {})); err == nil || !strings.Contains(err.Error(), "webhook x") {
		t.Errorf("a payload that does not encode: %v", err)
	}
}
