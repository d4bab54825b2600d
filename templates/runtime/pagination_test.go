package runtime

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

type testItem struct {
	ID string `json:"id"`
	objectMeta
}

func (v *testItem) UnmarshalJSON(b []byte) error { return decodeObject(b, v) }
func (v *testItem) MarshalJSON() ([]byte, error) { return encodeObject(v) }

type testPage struct {
	Data        []testItem     `json:"data,omitzero"`
	Pages       map[string]any `json:"pages,omitzero"`
	ScrollParam *string        `json:"scroll_param,omitzero"`
	objectMeta
}

func (v *testPage) UnmarshalJSON(b []byte) error { return decodeObject(b, v) }
func (v *testPage) MarshalJSON() ([]byte, error) { return encodeObject(v) }

type testSearch struct {
	Query      map[string]any `json:"query,omitzero"`
	Pagination map[string]any `json:"pagination,omitzero"`
	objectMeta
}

func (v *testSearch) UnmarshalJSON(b []byte) error { return decodeObject(b, v) }
func (v *testSearch) MarshalJSON() ([]byte, error) { return encodeObject(v) }

func pageOf(ids string, pages string) string {
	var items []string
	for _, id := range strings.Fields(ids) {
		items = append(items, `{"id":"`+id+`"}`)
	}
	return `{"type":"list","data":[` + strings.Join(items, ",") + `],"pages":` + pages + `}`
}

func collect(seq func(func(*testItem, error) bool)) (ids string, err error) {
	var got []string
	for it, e := range seq {
		if e != nil {
			err = e
			break
		}
		got = append(got, it.ID)
	}
	return strings.Join(got, " "), err
}

var (
	cursorPaging = paging{style: pageCursor, param: "starting_after", next: "pages.next.starting_after", items: "data"}
	searchPaging = paging{style: pageSearch, param: "pagination.starting_after", next: "pages.next.starting_after", items: "data"}
	numberPaging = paging{style: pageNumber, param: "page", next: "pages.page", items: "data"}
	scrollPaging = paging{style: pageScroll, param: "scroll_param", next: "scroll_param", items: "data"}
)

func listOf(p *testPage, yield func(*testItem) bool) bool {
	for i := range p.Data {
		if !yield(&p.Data[i]) {
			return false
		}
	}
	return true
}

func TestCursorPagination(t *testing.T) {
	s, url := serve(t,
		status(200, nil, pageOf("1 2", `{"type":"pages","next":{"starting_after":"c2"}}`)),
		status(200, nil, pageOf("3 4", `{"type":"pages","next":{"starting_after":"c4"}}`)),
		status(200, nil, pageOf("5", `{"type":"pages","next":null}`)),
	)
	core := newClientCore("tok", "2.11", []Option{WithBaseURL(url)})
	r := &request{op: getOp, path: "/things", params: &struct {
		PerPage       *int    `query:"per_page"`
		StartingAfter *string `query:"starting_after"`
	}{PerPage: Int(2), StartingAfter: String("c0")}}
	ids, err := collect(itemSeq(pageSeq[*testPage](context.Background(), core, r, cursorPaging, nil), listOf))
	if err != nil || ids != "1 2 3 4 5" {
		t.Fatalf("ids %q, err %v", ids, err)
	}
	want := []string{"/things?per_page=2&starting_after=c0", "/things?per_page=2&starting_after=c2", "/things?per_page=2&starting_after=c4"}
	if fmt.Sprint(s.urls) != fmt.Sprint(want) {
		t.Errorf("urls %v, want %v", s.urls, want)
	}
}

func TestPaginationStopsWhenTheLoopBreaks(t *testing.T) {
	s, url := serve(t, status(200, nil, pageOf("1 2", `{"next":{"starting_after":"c2"}}`)))
	core := newClientCore("tok", "2.11", []Option{WithBaseURL(url)})
	n := 0
	for _, err := range itemSeq(pageSeq[*testPage](context.Background(), core, &request{op: getOp, path: "/things"}, cursorPaging, nil), listOf) {
		if err != nil {
			t.Fatal(err)
		}
		n++
		break
	}
	if n != 1 || s.count() != 1 {
		t.Errorf("%d items, %d requests after break", n, s.count())
	}
	// Breaking out of the pages loop after the first page.
	for range pageSeq[*testPage](context.Background(), core, &request{op: getOp, path: "/things"}, cursorPaging, nil) {
		break
	}
	if s.count() != 2 {
		t.Errorf("%d requests", s.count())
	}
}

func TestPaginationErrorEndsIt(t *testing.T) {
	s, url := serve(t,
		status(200, nil, pageOf("1 2", `{"next":{"starting_after":"c2"}}`)),
		status(404, nil, `{"type":"error.list","request_id":"rq","errors":[{"code":"not_found"}]}`),
	)
	core := newClientCore("tok", "2.11", []Option{WithBaseURL(url)})
	var errs int
	var ids []string
	for it, err := range itemSeq(pageSeq[*testPage](context.Background(), core, &request{op: getOp, path: "/things"}, cursorPaging, nil), listOf) {
		if err != nil {
			errs++
			var apiErr *APIError
			if !errors.As(err, &apiErr) || apiErr.StatusCode != 404 {
				t.Errorf("err %v", err)
			}
			continue // the iterator must end on its own
		}
		ids = append(ids, it.ID)
	}
	if errs != 1 || strings.Join(ids, " ") != "1 2" || s.count() != 2 {
		t.Errorf("errs %d, ids %v, requests %d", errs, ids, s.count())
	}
}

func TestPaginationMalformedPage(t *testing.T) {
	_, url := serve(t,
		status(200, nil, pageOf("1", `{"next":{"starting_after":"c1"}}`)),
		status(200, nil, `{"data":[{"id":"2"}`),
	)
	core := newClientCore("tok", "2.11", []Option{WithBaseURL(url)})
	ids, err := collect(itemSeq(pageSeq[*testPage](context.Background(), core, &request{op: getOp, path: "/things"}, cursorPaging, nil), listOf))
	if ids != "1" || err == nil || !strings.Contains(err.Error(), "decoding the response") {
		t.Errorf("ids %q, err %v", ids, err)
	}
}

func TestPaginationPagesThatEndEarly(t *testing.T) {
	// A page with no items ends the iteration even if it has a cursor.
	s, url := serve(t,
		status(200, nil, pageOf("1 2", `{"next":{"starting_after":"c2"}}`)),
		status(200, nil, pageOf("", `{"next":{"starting_after":"c3"}}`)),
		status(200, nil, pageOf("9", `{}`)),
	)
	core := newClientCore("tok", "2.11", []Option{WithBaseURL(url)})
	pages := 0
	for _, err := range pageSeq[*testPage](context.Background(), core, &request{op: getOp, path: "/things"}, cursorPaging, nil) {
		if err != nil {
			t.Fatal(err)
		}
		pages++
	}
	if pages != 1 || s.count() != 2 {
		t.Errorf("%d pages yielded after %d requests, want 1 after 2", pages, s.count())
	}
	// A first page that is empty is still yielded, once.
	s, url = serve(t, status(200, nil, pageOf("", `{"next":null}`)))
	core = newClientCore("tok", "2.11", []Option{WithBaseURL(url)})
	pages = 0
	for p, err := range pageSeq[*testPage](context.Background(), core, &request{op: getOp, path: "/things"}, cursorPaging, nil) {
		if err != nil || p == nil {
			t.Fatal(err)
		}
		pages++
	}
	if pages != 1 || s.count() != 1 {
		t.Errorf("%d pages, %d requests", pages, s.count())
	}
	// A server that repeats its cursor would loop forever: it is an error,
	// after the items of the page that repeated it.
	_, url = serve(t, status(200, nil, pageOf("1", `{"next":{"starting_after":"same"}}`)))
	core = newClientCore("tok", "2.11", []Option{WithBaseURL(url)})
	ids, err := collect(itemSeq(pageSeq[*testPage](context.Background(), core, &request{op: getOp, path: "/things"}, cursorPaging, nil), listOf))
	if ids != "1 1" || err == nil || !strings.Contains(err.Error(), `getThing: pagination: the server returned the cursor "same" again`) {
		t.Errorf("ids %q, err %v", ids, err)
	}
}

// TestPaginationCursorCycle: cursors that cycle A → B → A end with an error
// naming the operation and the cursor, every page received yielded once.
func TestPaginationCursorCycle(t *testing.T) {
	for _, tc := range []struct {
		name  string
		pg    paging
		pages []string
		want  string
	}{
		{"cursor", cursorPaging, []string{`{"next":{"starting_after":"A"}}`, `{"next":{"starting_after":"B"}}`, `{"next":{"starting_after":"A"}}`}, `cursor "A" again`},
		{"page number", paging{style: pageNumber, param: "page", items: "data"}, []string{`{"page":1,"total_pages":3}`, `{"page":2,"total_pages":3}`, `{"page":1,"total_pages":3}`}, `page number "2" again`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var responses []func(http.ResponseWriter, *http.Request)
			for i, p := range tc.pages {
				responses = append(responses, status(200, nil, pageOf(strconv.Itoa(i+1), p)))
			}
			// The server then answers the first page again, forever.
			s, url := serve(t, append(responses, status(200, nil, pageOf("1", tc.pages[0])))...)
			core := newClientCore("tok", "2.11", []Option{WithBaseURL(url)})
			ids, err := collect(itemSeq(pageSeq[*testPage](context.Background(), core, &request{op: getOp, path: "/things"}, tc.pg, nil), listOf))
			if err == nil || !strings.Contains(err.Error(), "getThing: pagination: ") || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err %v, want one naming getThing and %s", err, tc.want)
			}
			if want := "1 2 3"; ids != want || s.count() != 3 {
				t.Errorf("ids %q after %d requests, want %q after 3", ids, s.count(), want)
			}
		})
	}
}

func TestSearchPaginationInBody(t *testing.T) {
	s, url := serve(t,
		status(200, nil, pageOf("1", `{"next":{"starting_after":"WzE3MDBd"}}`)),
		status(200, nil, pageOf("2", `{"next":null}`)),
	)
	core := newClientCore("tok", "2.11", []Option{WithBaseURL(url)})
	body := &testSearch{Query: map[string]any{"field": "role", "operator": "=", "value": "user"}, Pagination: map[string]any{"per_page": 1}}
	ids, err := collect(itemSeq(pageSeq[*testPage](context.Background(), core, &request{op: postOp, path: "/search", body: body}, searchPaging, nil), listOf))
	if err != nil || ids != "1 2" {
		t.Fatalf("ids %q, err %v", ids, err)
	}
	var second map[string]map[string]any
	if err := json.Unmarshal(s.bodies[1], &second); err != nil {
		t.Fatal(err)
	}
	if second["pagination"]["starting_after"] != "WzE3MDBd" || second["pagination"]["per_page"] != float64(1) || second["query"]["field"] != "role" {
		t.Errorf("second body %s", s.bodies[1])
	}
	if strings.Contains(string(s.bodies[0]), "starting_after") {
		t.Errorf("first body %s", s.bodies[0])
	}
	// The caller's body is not changed.
	if _, ok := body.Pagination["starting_after"]; ok {
		t.Error("the caller's body was modified")
	}
}

func TestPageNumberPagination(t *testing.T) {
	s, url := serve(t,
		status(200, nil, pageOf("1", `{"type":"pages","page":1,"per_page":1,"total_pages":3}`)),
		status(200, nil, pageOf("2", `{"type":"pages","page":2,"per_page":1,"total_pages":3}`)),
		status(200, nil, pageOf("3", `{"type":"pages","page":3,"per_page":1,"total_pages":3}`)),
	)
	core := newClientCore("tok", "2.11", []Option{WithBaseURL(url)})
	ids, err := collect(itemSeq(pageSeq[*testPage](context.Background(), core, &request{op: getOp, path: "/things"}, numberPaging, nil), listOf))
	if err != nil || ids != "1 2 3" || fmt.Sprint(s.urls) != "[/things /things?page=2 /things?page=3]" {
		t.Errorf("ids %q, err %v, urls %v", ids, err, s.urls)
	}
	// Without page counts, a next link gives the number.
	s, url = serve(t,
		status(200, nil, pageOf("1", `{"next":"https://api.intercom.io/things?page=2&per_page=1"}`)),
		status(200, nil, pageOf("2", `{"next":null}`)),
	)
	core = newClientCore("tok", "2.11", []Option{WithBaseURL(url)})
	ids, err = collect(itemSeq(pageSeq[*testPage](context.Background(), core, &request{op: getOp, path: "/things"}, numberPaging, nil), listOf))
	if err != nil || ids != "1 2" || s.count() != 2 {
		t.Errorf("ids %q, err %v, %d requests", ids, err, s.count())
	}
	// Counts beside the data (content snippets, audiences): total_pages,
	// or only total_count and per_page.
	for _, counts := range []string{`"total_pages":2`, `"total_count":3,"per_page":2`} {
		s, url = serve(t,
			status(200, nil, `{"data":[{"id":"1"},{"id":"2"}],"page":1,`+counts+`}`),
			status(200, nil, `{"data":[{"id":"3"}],"page":2,`+counts+`}`),
		)
		core = newClientCore("tok", "2.11", []Option{WithBaseURL(url)})
		ids, err = collect(itemSeq(pageSeq[*testPage](context.Background(), core, &request{op: getOp, path: "/things"}, numberPaging, nil), listOf))
		if err != nil || ids != "1 2 3" || fmt.Sprint(s.urls) != "[/things /things?page=2]" {
			t.Errorf("%s: ids %q, err %v, urls %v", counts, ids, err, s.urls)
		}
	}
}

func TestScrollPagination(t *testing.T) {
	s, url := serve(t,
		status(200, nil, `{"data":[{"id":"1"}],"scroll_param":"s1"}`),
		status(200, nil, `{"data":[{"id":"2"}],"scroll_param":"s2"}`),
		status(200, nil, `{"data":[],"scroll_param":"s3"}`),
	)
	core := newClientCore("tok", "2.11", []Option{WithBaseURL(url)})
	pages := 0
	var ids []string
	for p, err := range pageSeq[*testPage](context.Background(), core, &request{op: getOp, path: "/scroll"}, scrollPaging, nil) {
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, it := range p.Data {
			ids = append(ids, it.ID)
		}
	}
	if pages != 2 || strings.Join(ids, " ") != "1 2" || fmt.Sprint(s.urls) != "[/scroll /scroll?scroll_param=s1 /scroll?scroll_param=s2]" {
		t.Errorf("pages %d, ids %v, urls %v", pages, ids, s.urls)
	}
}

func TestPaginationRetriesEachPage(t *testing.T) {
	clk := newFakeClock()
	s, url := serve(t,
		status(200, nil, pageOf("1", `{"next":{"starting_after":"c1"}}`)),
		status(503, nil, `{}`),
		status(200, nil, pageOf("2", `{}`)),
	)
	core := newClientCore("tok", "2.11", []Option{WithBaseURL(url), withClock(clk)})
	ids, err := collect(itemSeq(pageSeq[*testPage](context.Background(), core, &request{op: getOp, path: "/things"}, cursorPaging, nil), listOf))
	if err != nil || ids != "1 2" || s.count() != 3 || s.urls[2] != "/things?starting_after=c1" {
		t.Errorf("ids %q, err %v, urls %v", ids, err, s.urls)
	}
}

func TestSetJSONString(t *testing.T) {
	for _, c := range []struct{ in, path, want string }{
		{`{}`, "a", `{"a":"v"}`},
		{`{"a":1}`, "a", `{"a":"v"}`},
		{`{"q":{"x":[1,{"a":2}]},"p":{"per_page":5}}`, "p.a", `{"q":{"x":[1,{"a":2}]},"p":{"per_page":5,"a":"v"}}`},
		{`{"p":null,"z":true}`, "p.a", `{"p":{"a":"v"},"z":true}`},
		{`{"z":true}`, "p.a", `{"z":true,"p":{"a":"v"}}`},
		{` {"p":{"a":"old"}} `, "p.a", `{"p":{"a":"v"}}`},
	} {
		got, err := setJSONString([]byte(c.in), strings.Split(c.path, "."), "v")
		if err != nil || string(got) != c.want || !json.Valid(got) {
			t.Errorf("setJSONString(%s, %s) = %s, %v; want %s", c.in, c.path, got, err, c.want)
		}
	}
	if _, err := setJSONString([]byte(`[1]`), []string{"a"}, "v"); err == nil {
		t.Error("an array took a member")
	}
}

var _ = http.MethodGet

// TestSearchPaginationCarriesPageSize: a search whose request sets no page
// size sends the server's own (pages.per_page of its answer) beside the
// cursor, where some versions' descriptions require it; one the caller
// set is kept.
func TestSearchPaginationCarriesPageSize(t *testing.T) {
	for _, tc := range []struct {
		pagination map[string]any
		want       float64
	}{
		{nil, 50},
		{map[string]any{"per_page": 3}, 3},
	} {
		s, url := serve(t,
			status(200, nil, pageOf("1", `{"type":"pages","page":1,"per_page":50,"total_pages":2,"next":{"starting_after":"A"}}`)),
			status(200, nil, pageOf("2", `{"type":"pages","page":2,"per_page":50,"total_pages":2}`)),
		)
		core := newClientCore("tok", "2.11", []Option{WithBaseURL(url)})
		body := &testSearch{Query: map[string]any{"field": "role"}, Pagination: tc.pagination}
		if _, err := collect(itemSeq(pageSeq[*testPage](context.Background(), core, &request{op: postOp, path: "/search", body: body}, searchPaging, nil), listOf)); err != nil {
			t.Fatal(err)
		}
		var second map[string]map[string]any
		if err := json.Unmarshal(s.bodies[1], &second); err != nil {
			t.Fatal(err)
		}
		if second["pagination"]["starting_after"] != "A" || second["pagination"]["per_page"] != tc.want {
			t.Errorf("second body %s, want per_page %v", s.bodies[1], tc.want)
		}
	}
}
