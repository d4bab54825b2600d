package testserver

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// StubPages makes a paginated operation serve items, perPage to a page,
// in the operation's own paging style: a cursor in the answer sent back
// as a query parameter (lists) or in the body (searches), numbered pages,
// a scroll parameter until an empty batch, or a Link header naming the
// next page (rel="next", a reference relative to the request's URL).
// Each page is the operation's example with its items, cursor and page
// counts replaced (or just the items, when the answer is a list), so the
// client's page and item iterators see exactly len(items) items.
//
// I is the element type of the page's items (e.g. intercom.Contact); a
// non-positive perPage serves everything in one page. Stubbing an
// operation that does not page fails the test (panics outside a test,
// for a server from Start).
func StubPages[T, I any](s *Server, op Op[T], items []I, perPage int) {
	if s.t != nil {
		s.t.Helper()
	}
	if op.op.paging == nil || op.op.result != resultJSON {
		s.fatalf("intercomtest: StubPages(%s): the operation does not page", op.op.id)
		return
	}
	raw := make([]json.RawMessage, len(items))
	for i, item := range items {
		data, err := json.Marshal(item)
		if err != nil {
			s.fatalf("intercomtest: StubPages(%s): item %d: %v", op.op.id, i, err)
			return
		}
		raw[i] = data
	}
	if perPage <= 0 {
		perPage = max(len(raw), 1)
	}
	s.StubFunc(op, func(c Call) Response { return pageAnswer(op.op, c, raw, perPage, true) })
}

// pageAnswer answers the page of items that call c asks for. A cursor
// this server did not give out is refused when strict (the test stubbed
// the pages), and asks for the first page otherwise: a default answer has
// one page, and code under test may send a cursor of the real API's.
func pageAnswer(op *operation, c Call, items []json.RawMessage, perPage int, strict bool) Response {
	pg := op.paging
	perPage = max(perPage, 1)
	pages := max((len(items)+perPage-1)/perPage, 1)
	var cursor string
	if pg.style == pageSearch {
		if body, ok := parseObject(string(c.RawBody)); ok {
			cursor, _ = lookupPath(body, pg.param).(string)
		}
	} else {
		cursor = c.Query.Get(pg.param)
	}
	page := 1
	if cursor != "" {
		n, err := strconv.Atoi(strings.TrimPrefix(cursor, cursorPrefix(pg.style)))
		switch {
		case (err != nil || n < 1) && !strict:
			n = 1
		case err != nil || n < 1:
			return Errors(http.StatusBadRequest, Error{Code: "parameter_invalid", Field: pg.param,
				Message: pg.param + " " + strconv.Quote(cursor) + " is not a cursor this server gave out"})
		}
		page = n
	}
	var chunk []json.RawMessage
	if start := (page - 1) * perPage; start < len(items) {
		chunk = items[start:min(start+perPage, len(items))]
	}
	if chunk == nil {
		chunk = []json.RawMessage{}
	}
	if pg.items == "" {
		// The answer is the list (pageLink).
		return linkedPage(c, pg, chunk, page, pages)
	}
	answer, ok := parseObject(op.example)
	if !ok {
		answer = map[string]any{}
	}
	setPath(answer, pg.items, chunk)
	if _, ok := answer["total_count"]; ok {
		answer["total_count"] = len(items)
	}
	if pg.style == pageLink {
		return linkedPage(c, pg, answer, page, pages)
	}
	next := cursorPrefix(pg.style) + strconv.Itoa(page+1)
	switch pg.style {
	case pageCursor, pageSearch:
		if page < pages {
			setPath(answer, pg.next, next)
		} else {
			deletePath(answer, pg.next)
		}
		// Intercom's lists say their page size beside the cursor; a
		// search's next request sends it back.
		setPath(answer, "pages.per_page", perPage)
	case pageScroll:
		// The client stops at the first empty batch, which follows the
		// last page.
		setPath(answer, pg.next, next)
	case pageNumber:
		// pages.page and pages.total_pages are what the client reads
		// first; a next link would only repeat them.
		deletePath(answer, "pages.next")
		setPath(answer, "pages.page", page)
		setPath(answer, "pages.per_page", perPage)
		setPath(answer, "pages.total_pages", pages)
	}
	return Response{Body: answer}
}

// linkedPage answers one page of a pageLink operation with a Link header
// naming the next page, when there is one, and the first and last, as
// GitHub's API does. The links are references relative to the request's
// URL that keep its other query parameters.
func linkedPage(c Call, pg *paging, body any, page, pages int) Response {
	link := func(n int, rel string) string {
		q := url.Values{}
		for k, vs := range c.Query {
			q[k] = vs
		}
		q.Set(pg.param, strconv.Itoa(n))
		return "<?" + q.Encode() + `>; rel="` + rel + `"`
	}
	links := []string{link(1, "first")}
	if page < pages {
		links = append(links, link(page+1, "next"))
	}
	links = append(links, link(pages, "last"))
	return Response{Body: body, Header: http.Header{"Link": {strings.Join(links, ", ")}}}
}

// cursorPrefix makes the cursors of a style recognisable in a test's
// recorded calls.
func cursorPrefix(style pageStyle) string {
	switch style {
	case pageNumber, pageLink:
		return ""
	case pageScroll:
		return "scroll-"
	}
	return "cursor-"
}

// parseObject decodes a JSON object, keeping numbers as written.
func parseObject(data string) (map[string]any, bool) {
	dec := json.NewDecoder(bytes.NewReader([]byte(data)))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil || m == nil {
		return nil, false
	}
	return m, true
}

// lookupPath returns the value at a dotted path of members, nil when a
// step is missing.
func lookupPath(m map[string]any, path string) any {
	var v any = m
	for _, key := range strings.Split(path, ".") {
		obj, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = obj[key]
	}
	return v
}

// setPath sets the member at a dotted path, making the objects on the
// way (replacing what is not an object).
func setPath(m map[string]any, path string, v any) {
	keys := strings.Split(path, ".")
	for _, key := range keys[:len(keys)-1] {
		inner, ok := m[key].(map[string]any)
		if !ok {
			inner = map[string]any{}
			m[key] = inner
		}
		m = inner
	}
	m[keys[len(keys)-1]] = v
}

// deletePath removes the member at a dotted path, if it is there.
func deletePath(m map[string]any, path string) {
	keys := strings.Split(path, ".")
	for _, key := range keys[:len(keys)-1] {
		inner, ok := m[key].(map[string]any)
		if !ok {
			return
		}
		m = inner
	}
	delete(m, keys[len(keys)-1])
}
