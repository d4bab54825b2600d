package runtime

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"
)

// pageStyle is one of the ways Intercom's list and search operations page.
type pageStyle uint8

const (
	// pageCursor: the next page's cursor comes back in the response (by
	// default pages.next.starting_after) and goes out as a query
	// parameter (starting_after).
	pageCursor pageStyle = iota + 1
	// pageSearch: like pageCursor, but the cursor goes out in the JSON
	// body (pagination.starting_after), as search operations want it.
	pageSearch
	// pageNumber: pages are numbered; the response's pages.page and
	// pages.total_pages (or a pages.next link) give the next number, which
	// goes out as the page query parameter.
	pageNumber
	// pageScroll: the response's scroll_param goes out as the scroll_param
	// query parameter until a batch comes back empty.
	pageScroll
	// pageLink: the response's Link header (RFC 8288) names the next
	// page's URL (rel="next"), which is requested as it is.
	pageLink
)

// paging tells the runtime how an operation pages. Generated iterator
// methods pass one; param and next are dotted paths.
type paging struct {
	style pageStyle
	// param is where the cursor goes: a query parameter, or a dotted path
	// in the JSON body for pageSearch.
	param string
	// next is the dotted path of the next cursor in the response.
	next string
	// items is the response member that holds the page's items ("": the
	// response is the list); an empty page after the first ends the
	// iteration.
	items string
}

// pageSeq returns an iterator over the pages of a paginated operation:
// it calls the operation with r, then again with each next cursor, and
// yields each page. It stops after the last page, after yielding an
// error, and as soon as the loop body breaks; nothing runs in the
// background, so there is nothing to leak.
//
// PP is a pointer to the page type (*ContactList): type parameters that
// are pointers share one compiled body. A page that is a list is yielded
// as the slice itself ([]Repository). The generic part is kept to a
// conversion; the loop is pager.run, compiled once. It is never inlined,
// so that the closures it returns are compiled once, not in every method.
//
//go:noinline
func pageSeq[PP any](ctx context.Context, c *clientCore, r *request, pg paging, opts []Option) iter.Seq2[PP, error] {
	base := *r
	return func(yield func(PP, error) bool) {
		st := pager{c: c, base: base, pg: pg}
		typ := reflect.TypeFor[PP]()
		deref := typ.Kind() != reflect.Pointer
		if !deref {
			typ = typ.Elem()
		}
		st.run(ctx, typ, opts, func(page any, err error) bool {
			if deref && page != nil {
				page = reflect.ValueOf(page).Elem().Interface()
			}
			pp, _ := page.(PP)
			return yield(pp, err)
		})
	}
}

// itemSeq flattens an iterator over pages into one over their items. each
// yields a page's items (generated code passes a loop over the page's
// slice, yielding pointers into it) and reports whether to go on. PP and
// TP are pointer types, for the same reason as in pageSeq; it is not
// inlined either.
//
//go:noinline
func itemSeq[PP, TP any](pages iter.Seq2[PP, error], each func(page PP, yield func(TP) bool) bool) iter.Seq2[TP, error] {
	return func(yield func(TP, error) bool) {
		pages(func(p PP, err error) bool {
			if err != nil {
				var zero TP
				yield(zero, err)
				return false
			}
			return each(p, func(item TP) bool { return yield(item, nil) })
		})
	}
}

// pager is the state of one pagination: the request as the caller made it,
// the cursor of the next page and every cursor this iteration has sent.
type pager struct {
	c      *clientCore
	base   request
	pg     paging
	cursor string // "" for the first page
	// seen holds the cursors sent so far: a server whose cursors cycle
	// (A, B, A, …) would otherwise be paged forever.
	seen map[string]bool
	// perPage is the page size the last search page reported
	// (pages.per_page), as JSON.
	perPage []byte
	// url is the URL of the page being fetched, and baseURL the client's,
	// for following Link headers.
	url     string
	baseURL *url.URL
}

// run fetches the pages, each into a new value of type typ, and hands
// them (or an error, once) to yield until the last page or until yield
// returns false.
func (st *pager) run(ctx context.Context, typ reflect.Type, opts []Option, yield func(page any, err error) bool) {
	for n := 0; ; n++ {
		page := reflect.New(typ).Interface()
		more, empty, err := st.fetch(ctx, page, opts)
		var repeat *repeatError
		if err != nil && !errors.As(err, &repeat) {
			yield(nil, err)
			return
		}
		if empty && n > 0 {
			if repeat != nil {
				yield(nil, err)
			}
			return
		}
		// A page that names a cursor already sent is still a page the
		// server answered: its items are yielded before the error.
		if !yield(page, nil) {
			return
		}
		if repeat != nil {
			yield(nil, err)
			return
		}
		if !more {
			return
		}
	}
}

// fetch gets the next page into out. more reports whether another page
// follows; empty whether this one had no items.
func (st *pager) fetch(ctx context.Context, out any, opts []Option) (more, empty bool, err error) {
	r := st.base
	if st.pg.style == pageLink {
		return st.fetchLink(ctx, &r, out, opts)
	}
	if st.cursor != "" {
		if st.pg.style == pageSearch {
			cursor, path, perPage := st.cursor, splitPath(st.pg.param), st.perPage
			r.bodyEdit = func(b []byte) ([]byte, error) {
				b, err := setJSONString(b, path, cursor)
				if err != nil || perPage == nil {
					return b, err
				}
				// The page size goes beside the cursor when the request
				// did not set it: the server's own, as its answer says.
				// Some versions' descriptions require it there.
				return setJSON(b, append(path[:len(path)-1:len(path)-1], "per_page"), perPage, true)
			}
		} else {
			r.query = url.Values{st.pg.param: {st.cursor}}
		}
	}
	var header http.Header
	var raw []byte
	if st.pg.style == pageNumber {
		// Numbered pages whose answer does not count them may name the
		// next in a Link header.
		raw, header, err = callCapturing(ctx, st.c, &r, out, opts)
	} else {
		raw, err = callJSONRaw(ctx, st.c, &r, out, opts)
	}
	if err != nil {
		return false, false, err
	}
	raw = trimJSONSpace(raw)
	if len(raw) == 0 || raw[0] != '{' {
		return false, true, nil
	}
	// One scan of the top level serves every lookup below.
	top := jsonObjectEntries(raw)
	if st.pg.items != "" {
		empty = emptyList(lookupIn(top, splitPath(st.pg.items)))
	}
	if st.pg.style == pageSearch {
		if n := lookupIn(top, []string{"pages", "per_page"}); len(n) > 0 && n[0] >= '0' && n[0] <= '9' {
			st.perPage = bytes.Clone(n)
		}
	}
	next, err := st.nextCursor(top, header)
	if err != nil {
		return false, empty, &repeatError{err: callError(&r, "pagination: %w", err)}
	}
	if next == "" || (empty && st.pg.style == pageScroll) {
		return false, empty, nil
	}
	if st.seen == nil {
		st.seen = map[string]bool{}
	}
	st.seen[st.cursor] = true
	if st.seen[next] {
		return false, empty, &repeatError{err: callError(&r, "pagination: the server returned the %s %q again, which would page forever; stopping after %d page(s)", st.pg.cursorName(), next, len(st.seen))}
	}
	st.cursor = next
	return true, empty, nil
}

// fetchLink is fetch for pageLink: the first page is the request as the
// caller made it, each next one the URL the previous page's Link header
// names. A next link that cannot be read, leads to another host or names
// a page this iteration fetched already ends the iteration with an error
// after its page.
func (st *pager) fetchLink(ctx context.Context, r *request, out any, opts []Option) (more, empty bool, err error) {
	if st.baseURL == nil {
		if st.baseURL, st.url, err = st.firstURL(r, opts); err != nil {
			return false, false, err
		}
		st.seen = map[string]bool{}
		if u, err := url.Parse(st.url); err == nil {
			st.seen[linkKey(u)] = true
		}
	} else {
		r.next = st.url
	}
	raw, header, err := callCapturing(ctx, st.c, r, out, opts)
	if err != nil {
		return false, false, err
	}
	raw = trimJSONSpace(raw)
	list := raw
	if st.pg.items != "" {
		list = jsonLookup(raw, splitPath(st.pg.items))
	}
	empty = emptyList(list)
	target, err := nextLink(header)
	if err != nil {
		return false, empty, &repeatError{err: callError(r, "pagination: %w", err)}
	}
	if target == "" {
		return false, empty, nil
	}
	next, err := followLink(target, st.url, st.baseURL)
	if err != nil {
		return false, empty, &repeatError{err: callError(r, "pagination: %w", err)}
	}
	key := linkKey(next)
	if st.seen[key] {
		return false, empty, &repeatError{err: callError(r, "pagination: the server's next link %q names a page already fetched, which would page forever; stopping after %d page(s)", target, len(st.seen))}
	}
	st.seen[key] = true
	st.url = next.String()
	return true, empty, nil
}

// callCapturing is callJSONRaw that also returns the answer's header, for
// the styles that read a Link header. A WithResponse of the caller's still
// gets the answer.
func callCapturing(ctx context.Context, c *clientCore, r *request, out any, opts []Option) ([]byte, http.Header, error) {
	var resp Response
	var theirs *Response
	capture := func(c *requestConfig) { theirs, c.response = c.response, &resp }
	raw, err := callJSONRaw(ctx, c, r, out, append(opts[:len(opts):len(opts)], capture))
	if theirs != nil && resp.StatusCode != 0 {
		*theirs = resp
	}
	return raw, resp.Header, err
}

// firstURL is the client's base URL for the call and the URL of the first
// page, against which a relative next link resolves.
func (st *pager) firstURL(r *request, opts []Option) (*url.URL, string, error) {
	cfg := st.c.callConfig(r, opts)
	base, err := url.Parse(cfg.baseURL)
	if err != nil || cfg.baseURL == "" {
		// The call itself reports a missing or broken base URL.
		return &url.URL{}, cfg.baseURL + r.path, nil
	}
	first := cfg.baseURL + r.path
	if q, _, err := encodeParams(r.params); err == nil && len(q) > 0 {
		first += "?" + q.Encode()
	}
	return base, first, nil
}

// emptyList reports whether a JSON value holds no items: an empty array,
// or anything that is not an array.
func emptyList(list []byte) bool {
	list = trimJSONSpace(list)
	return len(list) == 0 || list[0] != '[' || list[jsonSkipSpace(list, 1)] == ']'
}

// repeatError is an error found after a good page (a repeated cursor, a
// next page that cannot be followed): the page itself is yielded first.
type repeatError struct{ err error }

func (e *repeatError) Error() string { return e.err.Error() }
func (e *repeatError) Unwrap() error { return e.err }

// cursorName names what the style sends for the next page, for errors.
func (pg paging) cursorName() string {
	switch pg.style {
	case pageNumber:
		return "page number"
	case pageScroll:
		return "scroll parameter"
	}
	return "cursor"
}

// nextCursor reads the next page's cursor (or number) from a page and,
// for numbered pages that the answer does not count, its Link header; ""
// means this was the last page.
func (st *pager) nextCursor(top []jsonEntry, header http.Header) (string, error) {
	if st.pg.style == pageNumber {
		pages := lookupIn(top, []string{"pages"})
		page, okPage := jsonInt(jsonLookup(pages, []string{"page"}))
		total, okTotal := jsonInt(jsonLookup(pages, []string{"total_pages"}))
		if !okPage || !okTotal {
			// Some lists give the counts beside the data, and some give
			// only total_count and per_page.
			page, okPage = jsonInt(lookupIn(top, []string{"page"}))
			total, okTotal = jsonInt(lookupIn(top, []string{"total_pages"}))
			if !okTotal {
				count, okCount := jsonInt(lookupIn(top, []string{"total_count"}))
				per, okPer := jsonInt(lookupIn(top, []string{"per_page"}))
				if okTotal = okCount && okPer && per > 0; okTotal {
					total = (count + per - 1) / per
				}
			}
		}
		if okPage && okTotal {
			if page < total {
				return strconv.FormatInt(page+1, 10), nil
			}
			return "", nil
		}
		if next := linkParam(jsonLookup(pages, []string{"next"}), st.pg.param); next != "" {
			return next, nil
		}
		// Only the number is taken: the request stays the client's.
		target, err := nextLink(header)
		return urlParam(target, st.pg.param), err
	}
	v := lookupIn(top, splitPath(st.pg.next))
	if v == nil {
		// Some answers give the next page as a link instead.
		return linkParam(lookupIn(top, []string{"pages", "next"}), st.pg.param), nil
	}
	return jsonText(v), nil
}

// linkParam reads a parameter from a JSON string holding a URL.
func linkParam(raw []byte, param string) string {
	if len(raw) == 0 || raw[0] != '"' {
		return ""
	}
	return urlParam(jsonUnquote(raw), param)
}

// urlParam reads a query parameter of a URL ("" for none).
func urlParam(link, param string) string {
	u, err := url.Parse(link)
	if err != nil {
		return ""
	}
	return u.Query().Get(param)
}

func splitPath(p string) []string {
	if p == "" {
		return nil
	}
	return strings.Split(p, ".")
}

// jsonLookup returns the value at a path of object members in validated
// JSON, or nil when any step is missing or not an object.
func jsonLookup(raw []byte, path []string) []byte {
	raw = trimJSONSpace(raw)
	if len(path) == 0 {
		if len(raw) == 0 {
			return nil
		}
		return raw
	}
	if len(raw) == 0 || raw[0] != '{' {
		return nil
	}
	return lookupIn(jsonObjectEntries(raw), path)
}

// lookupIn is jsonLookup on an object already split into its members.
func lookupIn(members []jsonEntry, path []string) []byte {
	if len(path) == 0 {
		return nil
	}
	found, ok := lastJSONEntry(members, path[0])
	if !ok {
		return nil
	}
	return jsonLookup(found, path[1:])
}

// jsonText renders a scalar as a cursor: strings unquoted, numbers as
// written; null, objects and arrays as "".
func jsonText(raw []byte) string {
	switch {
	case len(raw) == 0:
		return ""
	case raw[0] == '"':
		return jsonUnquote(raw)
	case raw[0] == '-' || (raw[0] >= '0' && raw[0] <= '9'):
		return string(raw)
	}
	return ""
}

func jsonInt(raw []byte) (int64, bool) {
	s := jsonText(raw)
	if s == "" {
		return 0, false
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return n, true
	}
	f, err := strconv.ParseFloat(s, 64)
	return int64(f), err == nil
}

// setJSONString sets the member at path of a JSON object to a string,
// creating the objects on the way when they are missing or null and
// keeping every other member as it is.
func setJSONString(obj []byte, path []string, value string) ([]byte, error) {
	return setJSON(obj, path, appendJSONString(nil, value), false)
}

// setJSON sets the member at path of the JSON object obj (nil: a member
// that is not there) to the JSON val, or with keep only when the member is
// missing or null.
func setJSON(obj []byte, path []string, val []byte, keep bool) ([]byte, error) {
	obj = trimJSONSpace(obj)
	if len(path) == 0 {
		if keep && len(obj) > 0 && obj[0] != 'n' {
			return obj, nil
		}
		return val, nil
	}
	if len(obj) == 0 || obj[0] == 'n' {
		obj = []byte("{}")
	}
	if obj[0] != '{' {
		return nil, fmt.Errorf("cannot set %s in a JSON %s", strings.Join(path, "."), jsonKindName(obj))
	}
	entries := jsonObjectEntries(obj)
	for i := len(entries) - 1; i >= 0; i-- {
		m := entries[i]
		if m.key != path[0] {
			continue
		}
		inner := m.val
		if len(path) > 1 && (len(inner) == 0 || inner[0] != '{') {
			inner = nil
		}
		v, err := setJSON(inner, path[1:], val, keep)
		if err != nil {
			return nil, err
		}
		start := cap(obj) - cap(m.val)
		out := make([]byte, 0, len(obj)+len(v))
		out = append(out, obj[:start]...)
		out = append(out, v...)
		return append(out, obj[start+len(m.val):]...), nil
	}
	v, err := setJSON(nil, path[1:], val, keep)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(obj)+len(path[0])+len(v)+4)
	out = append(out, obj[:len(obj)-1]...)
	if len(entries) > 0 {
		out = append(out, ',')
	}
	out = appendJSONString(out, path[0])
	out = append(out, ':')
	out = append(out, v...)
	return append(out, '}'), nil
}
