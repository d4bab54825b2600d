package runtime

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// roundTripFunc lets tests see outgoing requests without a server.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// capture records the last request a test transport saw and answers with
// a fixed response.
type capture struct {
	mu     sync.Mutex
	req    *http.Request
	body   []byte
	status int
	answer string
	header http.Header
}

func (c *capture) client() *http.Client {
	return &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		var body []byte
		if r.Body != nil {
			body, _ = io.ReadAll(r.Body)
			_ = r.Body.Close()
		}
		c.mu.Lock()
		c.req, c.body = r, body
		status := c.status
		if status == 0 {
			status = http.StatusOK
		}
		h := c.header.Clone()
		if h == nil {
			h = http.Header{}
		}
		c.mu.Unlock()
		return &http.Response{
			StatusCode: status,
			Status:     http.StatusText(status),
			Header:     h,
			Body:       io.NopCloser(strings.NewReader(c.answer)),
			Request:    r,
		}, nil
	})}
}

func (c *capture) last() (*http.Request, []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.req, c.body
}

var testOp = Operation{ID: "createTag", Method: http.MethodPost, Path: "/tags", Tag: "Tags"}

func TestRequestHeadersAndBody(t *testing.T) {
	var cp capture
	cp.answer = `{"type":"tag","id":12,"name":"vip","extra":1}`
	core := newClientCore("secret", "2.11", []Option{WithRegion(RegionUS), WithHTTPClient(cp.client())})
	var got testTag
	err := callJSON(context.Background(), core, &request{op: testOp, path: "/tags", body: &testTag{Name: String("vip")}}, &got, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != "12" || got.Name == nil || *got.Name != "vip" || keysOf(ExtraFields(got)) != "extra" {
		t.Errorf("decoded %+v", got)
	}
	req, body := cp.last()
	if req.Method != http.MethodPost || req.URL.String() != "https://api.intercom.io/tags" {
		t.Errorf("request %s %s", req.Method, req.URL)
	}
	for k, want := range map[string]string{
		"Authorization":    "Bearer secret",
		"Intercom-Version": "2.11",
		"Accept":           "application/json",
		"Content-Type":     "application/json",
		"User-Agent":       "intercom-gen-sdk (Intercom-Version 2.11)",
	} {
		if got := req.Header.Get(k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	if string(body) != `{"type":"tag","id":"","name":"vip"}` {
		t.Errorf("body %s", body)
	}
}

func TestVersionPrecedence(t *testing.T) {
	cases := []struct {
		name          string
		clientVersion string
		opVersion     string
		callVersion   string
		want          string
	}{
		{"package", "", "", "", "2.11"},
		{"client", "2.9", "", "", "2.9"},
		{"operation over client", "2.9", "Preview", "", "Preview"},
		{"call over all", "2.9", "Preview", "2.13", "2.13"},
		{"call over package", "", "", "2.13", "2.13"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var cp capture
			opts := []Option{WithRegion(RegionUS), WithHTTPClient(cp.client())}
			if c.clientVersion != "" {
				opts = append(opts, WithVersion(c.clientVersion))
			}
			core := newClientCore("t", "2.11", opts)
			var callOpts []Option
			if c.callVersion != "" {
				callOpts = append(callOpts, WithVersion(c.callVersion))
			}
			if err := callNoContent(context.Background(), core, &request{op: testOp, path: "/x", version: c.opVersion}, callOpts); err != nil {
				t.Fatal(err)
			}
			req, _ := cp.last()
			if got := req.Header.Get("Intercom-Version"); got != c.want {
				t.Errorf("Intercom-Version = %q, want %q", got, c.want)
			}
			if got := req.Header.Get("User-Agent"); got != "intercom-gen-sdk (Intercom-Version "+c.want+")" {
				t.Errorf("User-Agent = %q", got)
			}
		})
	}
}

func TestUserAgentAndExtraHeaders(t *testing.T) {
	var cp capture
	core := newClientCore("t", "2.11", []Option{
		WithRegion(RegionUS), WithHTTPClient(cp.client()), WithUserAgent("my-app/1.0"),
		WithHeader("X-Team", "a"), WithHeader("x-team", "b"), nil,
	})
	ctx := context.Background()
	if err := callNoContent(ctx, core, &request{op: testOp, path: "/x"}, []Option{WithHeader("X-Call", "1"), WithHeader("X-Team", "c")}); err != nil {
		t.Fatal(err)
	}
	req, _ := cp.last()
	if got := req.Header.Get("User-Agent"); got != "my-app/1.0" {
		t.Errorf("User-Agent = %q", got)
	}
	if got := req.Header.Values("X-Team"); strings.Join(got, ",") != "a,b,c" {
		t.Errorf("X-Team = %q", got)
	}
	if got := req.Header.Get("X-Call"); got != "1" {
		t.Errorf("X-Call = %q", got)
	}
	// Per-call options must not stick to the client.
	if err := callNoContent(ctx, core, &request{op: testOp, path: "/x"}, nil); err != nil {
		t.Fatal(err)
	}
	req, _ = cp.last()
	if got := req.Header.Values("X-Team"); strings.Join(got, ",") != "a,b" || req.Header.Get("X-Call") != "" {
		t.Errorf("second call headers %v", req.Header)
	}
	// Extra headers replace the client's own.
	if err := callNoContent(ctx, core, &request{op: testOp, path: "/x"}, []Option{WithHeader("Authorization", "Token abc"), WithUserAgent("call-ua")}); err != nil {
		t.Fatal(err)
	}
	req, _ = cp.last()
	if req.Header.Get("Authorization") != "Token abc" || req.Header.Get("User-Agent") != "call-ua" {
		t.Errorf("override headers %v", req.Header)
	}
}

func TestNoTokenNoAuthorization(t *testing.T) {
	var cp capture
	core := newClientCore("", "2.11", []Option{WithRegion(RegionUS), WithHTTPClient(cp.client())})
	if err := callNoContent(context.Background(), core, &request{op: testOp, path: "/x"}, nil); err != nil {
		t.Fatal(err)
	}
	if req, _ := cp.last(); req.Header.Get("Authorization") != "" {
		t.Errorf("Authorization sent: %q", req.Header.Get("Authorization"))
	}
}

func TestOperationInContext(t *testing.T) {
	var seen Operation
	var seenID string
	var ok, idOK bool
	hc := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		seen, ok = OperationFromContext(r.Context())
		seenID, idOK = OperationIDFromContext(r.Context())
		return &http.Response{StatusCode: 204, Body: http.NoBody, Header: http.Header{}}, nil
	})}
	core := newClientCore("t", "2.11", []Option{WithRegion(RegionUS), WithHTTPClient(hc)})
	op := Operation{ID: "deleteContact", Method: http.MethodDelete, Path: "/contacts/{contact_id}", Tag: "Contacts"}
	type ctxKey struct{}
	ctx := context.WithValue(context.Background(), ctxKey{}, "kept")
	if err := callNoContent(ctx, core, &request{op: op, path: "/contacts/1"}, nil); err != nil {
		t.Fatal(err)
	}
	if !ok || seen != op {
		t.Errorf("OperationFromContext = %+v, %v", seen, ok)
	}
	if !idOK || seenID != "deleteContact" {
		t.Errorf("OperationIDFromContext = %q, %v", seenID, idOK)
	}
	if _, ok := OperationFromContext(context.Background()); ok {
		t.Error("operation found in a plain context")
	}
	if _, ok := OperationIDFromContext(nil); ok {
		t.Error("operation found in a nil context")
	}
}

func TestPathEscapingOnTheWire(t *testing.T) {
	var gotPath string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotPath = r.URL.EscapedPath()
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	core := newClientCore("t", "2.11", []Option{WithBaseURL(srv.URL + "/")})
	path := "/contacts/" + pathParam("a/b c?d#e%") + "/notes/" + pathParam(42)
	if err := callNoContent(context.Background(), core, &request{op: testOp, path: path}, nil); err != nil {
		t.Fatal(err)
	}
	if want := "/contacts/a%2Fb%20c%3Fd%23e%25/notes/42"; gotPath != want {
		t.Errorf("path = %s, want %s", gotPath, want)
	}
}

func TestPathParam(t *testing.T) {
	type conversationID string
	cases := []struct {
		in   any
		want string
	}{
		{"abc", "abc"},
		{"a b/c", "a%20b%2Fc"},
		{conversationID("x/y"), "x%2Fy"},
		{7, "7"},
		{int64(-9), "-9"},
		{uint(5), "5"},
		{1.5, "1.5"},
		{true, "true"},
		{UnixTime(1700000000), "1700000000"},
		{time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC), "2024-01-02T03:04:05Z"},
		{Some("o/k"), "o%2Fk"},
		{String("p"), "p"},
		{Ptr(contactRole("a b")), "a%20b"},
		{(*string)(nil), ""},
		{Nullable[int]{}, ""},
		{Null[int](), ""},
		{nil, ""},
		{[]string{"a b"}, "%5Ba%20b%5D"},
	}
	for _, c := range cases {
		if got := pathParam(c.in); got != c.want {
			t.Errorf("pathParam(%#v) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestRegionsAndBaseURL(t *testing.T) {
	cases := []struct {
		name    string
		client  []Option
		call    []Option
		wantURL string
	}{
		{"default", nil, nil, "https://api.intercom.io/me"},
		{"eu", []Option{WithRegion(RegionEU)}, nil, "https://api.eu.intercom.io/me"},
		{"au", []Option{WithRegion(RegionAU)}, nil, "https://api.au.intercom.io/me"},
		{"base url", []Option{WithBaseURL("http://proxy.local/intercom/")}, nil, "http://proxy.local/intercom/me"},
		{"per call", []Option{WithRegion(RegionEU)}, []Option{WithRegion(RegionUS)}, "https://api.intercom.io/me"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var cp capture
			core := newClientCore("t", "2.11", append([]Option{WithRegion(RegionUS), WithHTTPClient(cp.client())}, c.client...))
			if err := callNoContent(context.Background(), core, &request{op: testOp, path: "/me"}, c.call); err != nil {
				t.Fatal(err)
			}
			if req, _ := cp.last(); req.URL.String() != c.wantURL {
				t.Errorf("URL = %s, want %s", req.URL, c.wantURL)
			}
		})
	}
	if RegionUS != "https://api.intercom.io" || RegionEU != "https://api.eu.intercom.io" || RegionAU != "https://api.au.intercom.io" {
		t.Error("region URLs changed")
	}
}

func TestTypedNilBodyAndParams(t *testing.T) {
	var cp capture
	core := newClientCore("t", "2.11", []Option{WithRegion(RegionUS), WithHTTPClient(cp.client())})
	var body *testTag
	var params *testParams
	var form *testForm
	r := &request{op: testOp, path: "/x", body: body, params: params, form: form}
	if err := callNoContent(context.Background(), core, r, nil); err != nil {
		t.Fatal(err)
	}
	req, got := cp.last()
	if len(got) != 0 || req.Header.Get("Content-Type") != "" || req.URL.RawQuery != "" {
		t.Errorf("body %q, content type %q, query %q", got, req.Header.Get("Content-Type"), req.URL.RawQuery)
	}
	// A nil slice is a value, not "no body".
	var list []string
	if err := callNoContent(context.Background(), core, &request{op: testOp, path: "/x", body: list}, nil); err != nil {
		t.Fatal(err)
	}
	if _, got := cp.last(); string(got) != `[]` {
		t.Errorf("nil slice body = %q", got)
	}
}

func TestCallJSONResponses(t *testing.T) {
	var cp capture
	core := newClientCore("t", "2.11", []Option{WithRegion(RegionUS), WithHTTPClient(cp.client())})
	ctx := context.Background()
	r := &request{op: testOp, path: "/x"}

	// Empty and null bodies leave the target as it was.
	for _, answer := range []string{"", " null "} {
		cp.answer = answer
		tag := testTag{ID: "kept"}
		if err := callJSON(ctx, core, r, &tag, nil); err != nil || tag.ID != "kept" {
			t.Errorf("body %q: %+v, %v", answer, tag, err)
		}
	}
	cp.answer = `{"id":3}`
	tag := testTag{ID: "old", Name: String("old")}
	if err := callJSON(ctx, core, r, &tag, nil); err != nil || tag.ID != "3" || tag.Name != nil {
		t.Errorf("a decoded model must replace the target: %+v, %v", tag, err)
	}
	cp.answer = `[{"id":1},{"id":"2","x":null}]`
	var tags []testTag
	if err := callJSON(ctx, core, r, &tags, nil); err != nil || len(tags) != 2 || tags[0].ID != "1" {
		t.Errorf("list: %+v, %v", tags, err)
	}
	cp.answer = `{"monthly_spend":155.50}`
	var m map[string]any
	if err := callJSON(ctx, core, r, &m, nil); err != nil || m["monthly_spend"] != any(json.Number("155.50")) {
		t.Errorf("map: %+v, %v", m, err)
	}
	cp.answer = `[1]`
	if err := callJSON(ctx, core, r, new(testTag), nil); err == nil || !strings.Contains(err.Error(), "createTag") {
		t.Errorf("array for a model: %v", err)
	}
	cp.answer = `{"id":`
	if err := callJSON(ctx, core, r, new(testTag), nil); err == nil {
		t.Error("malformed JSON accepted")
	}
	cp.answer = `{"a":1}`
	if err := callJSON(ctx, core, r, new([]string), nil); err == nil {
		t.Error("object for a list accepted")
	}
}

func TestCallJSONNeedsAPointer(t *testing.T) {
	var cp capture
	core := newClientCore("t", "2.11", []Option{WithRegion(RegionUS), WithHTTPClient(cp.client())})
	for _, out := range []any{nil, testTag{}, (*testTag)(nil)} {
		err := callJSON(context.Background(), core, &request{op: testOp, path: "/x"}, out, nil)
		if err == nil || !strings.Contains(err.Error(), "pointer") {
			t.Errorf("out %#v: err = %v", out, err)
		}
	}
	if req, _ := cp.last(); req != nil {
		t.Error("a request was sent without a place for its answer")
	}
}

func TestCallNoContentAndText(t *testing.T) {
	for _, status := range []int{200, 202, 204} {
		var cp capture
		cp.status = status
		core := newClientCore("t", "2.11", []Option{WithRegion(RegionUS), WithHTTPClient(cp.client())})
		if err := callNoContent(context.Background(), core, &request{op: testOp, path: "/x"}, nil); err != nil {
			t.Errorf("%d: %v", status, err)
		}
	}
	var cp capture
	cp.status = 404
	cp.answer = `{"type":"error.list","errors":[{"code":"not_found","message":"Gone"}]}`
	core := newClientCore("t", "2.11", []Option{WithRegion(RegionUS), WithHTTPClient(cp.client())})
	err := callNoContent(context.Background(), core, &request{op: testOp, path: "/x"}, nil)
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 404 || apiErr.Errors[0].Code != "not_found" {
		t.Errorf("404: %v", err)
	}

	var text capture
	text.answer = "line one\nline two"
	core = newClientCore("t", "2.11", []Option{WithRegion(RegionUS), WithHTTPClient(text.client())})
	s, err := callText(context.Background(), core, &request{op: testOp, path: "/x"}, nil)
	if err != nil || s != "line one\nline two" {
		t.Errorf("text: %q, %v", s, err)
	}
	if req, _ := text.last(); req.Header.Get("Accept") != "text/plain" {
		t.Errorf("text Accept = %q", req.Header.Get("Accept"))
	}
	text.status = 500
	if _, err := callText(context.Background(), core, &request{op: testOp, path: "/x"}, nil); !errors.As(err, &apiErr) {
		t.Errorf("text error: %v", err)
	}
}

func TestCallStreamIsNotBuffered(t *testing.T) {
	release := make(chan struct{})
	served := make(chan struct{})
	var accept string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer close(served)
		accept = r.Header.Get("Accept")
		w.Header().Set("Content-Type", "application/octet-stream")
		_, _ = w.Write([]byte("first-chunk;"))
		w.(http.Flusher).Flush()
		<-release
		_, _ = w.Write([]byte("second-chunk"))
	}))
	defer srv.Close()
	defer func() {
		select {
		case <-release:
		default:
			close(release)
		}
	}()
	core := newClientCore("t", "2.11", []Option{WithBaseURL(srv.URL)})
	body, err := callStream(context.Background(), core, &request{op: testOp, path: "/download"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer body.Close()
	// The server is still blocked: if callStream had buffered the body it
	// would not have returned, and this read proves data flows.
	first := make([]byte, len("first-chunk;"))
	if _, err := io.ReadFull(body, first); err != nil || string(first) != "first-chunk;" {
		t.Fatalf("first read %q, %v", first, err)
	}
	select {
	case <-served:
		t.Fatal("server finished before the client read; the test proves nothing")
	default:
	}
	close(release)
	rest, err := io.ReadAll(body)
	if err != nil || string(rest) != "second-chunk" {
		t.Errorf("rest %q, %v", rest, err)
	}
	if accept != "application/octet-stream" {
		t.Errorf("Accept = %q", accept)
	}
}

func TestCallRedirect(t *testing.T) {
	var otherHits int
	var otherAuth string
	var mu sync.Mutex
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		otherHits++
		otherAuth = r.Header.Get("Authorization")
		mu.Unlock()
	}))
	defer other.Close()
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/absolute":
			http.Redirect(w, r, other.URL+"/file.pdf?sig=1", http.StatusFound)
		case "/relative":
			w.Header().Set("Location", "../files/7")
			w.WriteHeader(http.StatusFound)
		case "/nolocation":
			w.WriteHeader(http.StatusFound)
		case "/ok":
			_, _ = w.Write([]byte(`{}`))
		default:
			w.WriteHeader(http.StatusNotFound)
		}
	}))
	defer api.Close()
	core := newClientCore("secret", "2.11", []Option{WithBaseURL(api.URL)})
	ctx := context.Background()

	loc, err := callRedirect(ctx, core, &request{op: testOp, path: "/absolute"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if loc.String() != other.URL+"/file.pdf?sig=1" {
		t.Errorf("Location = %s", loc)
	}
	mu.Lock()
	if otherHits != 0 || otherAuth != "" {
		t.Errorf("redirect followed: %d hits, Authorization %q", otherHits, otherAuth)
	}
	mu.Unlock()

	loc, err = callRedirect(ctx, core, &request{op: testOp, path: "/relative"}, nil)
	if err != nil || loc.String() != api.URL+"/files/7" {
		t.Errorf("relative Location = %v, %v (want it resolved against the request URL)", loc, err)
	}
	if _, err := callRedirect(ctx, core, &request{op: testOp, path: "/missing"}, nil); !errors.As(err, new(*APIError)) {
		t.Errorf("404 on a redirect operation: %v", err)
	}
	if _, err := callRedirect(ctx, core, &request{op: testOp, path: "/nolocation"}, nil); err == nil || !strings.Contains(err.Error(), "Location") {
		t.Errorf("missing Location: %v", err)
	}
	// Any 2xx is a success: a redirecting operation that answers 200 has
	// no Location, and says so with a nil URL, not an error.
	var raw Response
	if loc, err := callRedirect(ctx, core, &request{op: testOp, path: "/ok"}, []Option{WithResponse(&raw)}); err != nil || loc != nil || raw.StatusCode != 200 {
		t.Errorf("2xx on a redirect operation: %v, %v, status %d", loc, err, raw.StatusCode)
	}

	// The client passed in must keep following redirects for other calls.
	hc := &http.Client{}
	core3 := newClientCore("secret", "2.11", []Option{WithBaseURL(api.URL), WithHTTPClient(hc)})
	if _, err := callRedirect(ctx, core3, &request{op: testOp, path: "/absolute"}, nil); err != nil {
		t.Fatal(err)
	}
	if hc.CheckRedirect != nil {
		t.Error("the caller's http.Client was modified")
	}
}

func TestContextCancellation(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	}))
	defer srv.Close()
	core := newClientCore("t", "2.11", []Option{WithBaseURL(srv.URL)})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	err := callNoContent(ctx, core, &request{op: testOp, path: "/slow"}, nil)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want DeadlineExceeded", err)
	}
	if err == nil || !strings.HasPrefix(err.Error(), "intercom: createTag: ") {
		t.Errorf("err = %v, want the operation in it", err)
	}
	if err := callNoContent(nil, core, &request{op: testOp, path: "/x"}, nil); err == nil {
		t.Error("nil context accepted")
	}
}

func TestRequestBodyEncodingError(t *testing.T) {
	var cp capture
	core := newClientCore("t", "2.11", []Option{WithRegion(RegionUS), WithHTTPClient(cp.client())})
	err := callNoContent(context.Background(), core, &request{op: testOp, path: "/x", body: &testContact{Score: Float(2 * maxFloat())}}, nil)
	if err == nil || !strings.Contains(err.Error(), "request body") {
		t.Errorf("err = %v", err)
	}
	if req, _ := cp.last(); req != nil {
		t.Error("a request was sent")
	}
}

func maxFloat() float64 { return 1.7976931348623157e308 }

// TestConcurrentCalls runs under -race to check that calls share nothing
// mutable.
func TestConcurrentCalls(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		w.Header().Set("X-Seen", r.Header.Get("X-N"))
		_, _ = w.Write(bytes.Replace(body, []byte(`"name"`), []byte(`"unknown"`), 1))
	}))
	defer srv.Close()
	core := newClientCore("t", "2.11", []Option{WithBaseURL(srv.URL), WithHeader("X-Shared", "1")})
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n := string(rune('a' + i))
			var got testTag
			err := callJSON(context.Background(), core,
				&request{op: testOp, path: "/x", body: &testTag{ID: n, Name: &n}}, &got, []Option{WithHeader("X-N", n)})
			if err != nil {
				t.Error(err)
				return
			}
			if got.ID != n || string(ExtraFields(got)["unknown"]) != `"`+n+`"` {
				t.Errorf("call %d got %+v", i, got)
			}
		}()
	}
	wg.Wait()
}

func TestURLWithExistingQuery(t *testing.T) {
	var cp capture
	core := newClientCore("t", "2.11", []Option{WithRegion(RegionUS), WithHTTPClient(cp.client()), WithBaseURL("https://example.com/api?key=1")})
	r := &request{op: testOp, path: "", params: &testParams{Page: 2}}
	if err := callNoContent(context.Background(), core, r, nil); err != nil {
		t.Fatal(err)
	}
	req, _ := cp.last()
	q, _ := url.ParseQuery(req.URL.RawQuery)
	if q.Get("key") != "1" || q.Get("page") != "2" {
		t.Errorf("query %q", req.URL.RawQuery)
	}
}

// TestDocumentedJSONStatus: on the status the description documents with a
// JSON body, an empty or malformed body is an error naming the operation
// and the status; another 2xx is a success, decoded when it fits.
func TestDocumentedJSONStatus(t *testing.T) {
	answers := map[string]struct {
		status int
		body   string
	}{
		"/empty":     {200, ""},
		"/space":     {200, " \n"},
		"/html":      {200, "<html>busy</html>"},
		"/ok":        {200, `{"id":"7"}`},
		"/accepted":  {202, ""},
		"/other":     {201, `{"id":"8"}`},
		"/othertext": {201, "queued"},
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a := answers[r.URL.Path]
		w.WriteHeader(a.status)
		io.WriteString(w, a.body)
	}))
	defer srv.Close()
	core := newClientCore("t", "2.11", []Option{WithBaseURL(srv.URL)})
	op := Operation{ID: "getTag", Method: http.MethodGet, Path: "/tags/{id}", jsonStatus: 200}
	call := func(path string) (testTag, error) {
		var tag testTag
		err := callJSON(context.Background(), core, &request{op: op, path: path}, &tag, nil)
		return tag, err
	}
	for _, path := range []string{"/empty", "/space"} {
		if _, err := call(path); err == nil || !strings.Contains(err.Error(), "getTag: 200 OK response with an empty body") {
			t.Errorf("%s: %v", path, err)
		}
	}
	if _, err := call("/html"); err == nil || !strings.Contains(err.Error(), "getTag: decoding the response (200 OK)") {
		t.Errorf("html: %v", err)
	}
	if tag, err := call("/ok"); err != nil || tag.ID != "7" {
		t.Errorf("ok: %+v %v", tag, err)
	}
	if tag, err := call("/accepted"); err != nil || tag.ID != "" {
		t.Errorf("an undocumented 202 without a body: %+v %v", tag, err)
	}
	if tag, err := call("/other"); err != nil || tag.ID != "8" {
		t.Errorf("an undocumented 201 with JSON: %+v %v", tag, err)
	}
	var raw Response
	var tag testTag
	if err := callJSON(context.Background(), core, &request{op: op, path: "/othertext"}, &tag, []Option{WithResponse(&raw)}); err != nil || string(raw.Body) != "queued" {
		t.Errorf("an undocumented 201 with text: %v, body %q", err, raw.Body)
	}
	// A description that documents JSON on 204 (which never has a body):
	// the answer is the zero value, not an error.
	answers["/nocontent"] = struct {
		status int
		body   string
	}{204, ""}
	op.jsonStatus = 204
	if tag, err := call("/nocontent"); err != nil || tag.ID != "" {
		t.Errorf("a 204 documented with JSON: %+v %v", tag, err)
	}
}

// TestMaxResponseBytes: a success body above the limit fails the call
// once, without reading it all.
func TestMaxResponseBytes(t *testing.T) {
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		io.WriteString(w, `{"id":"`+strings.Repeat("x", 4096)+`"}`)
	}))
	defer srv.Close()
	core := newClientCore("t", "2.11", []Option{WithBaseURL(srv.URL), WithMaxResponseBytes(1024)})
	var tag testTag
	err := callJSON(context.Background(), core, &request{op: testOp, path: "/big"}, &tag, nil)
	if err == nil || !strings.Contains(err.Error(), "larger than the limit of 1024 bytes") || !strings.Contains(err.Error(), "WithMaxResponseBytes") {
		t.Fatalf("err %v", err)
	}
	if n := requests.Load(); n != 1 {
		t.Errorf("%d requests: a body too large must not be asked for again", n)
	}
	// Per call, the limit can be raised.
	if err := callJSON(context.Background(), core, &request{op: testOp, path: "/big"}, &tag, []Option{WithMaxResponseBytes(1 << 20)}); err != nil || len(tag.ID) != 4096 {
		t.Errorf("raised: %v", err)
	}
}

// TestNoVersionNoBaseURL: a package whose description declares no version
// header sends none (and says no version in its User-Agent); one whose
// description lists no server fails each call with a clear error until
// WithBaseURL gives one.
func TestNoVersionNoBaseURL(t *testing.T) {
	var cp capture
	cp.answer = `{"id":"1"}`
	core := newClientCore("tok", "", []Option{WithBaseURL("https://api.example.com"), WithHTTPClient(cp.client())})
	var got testTag
	if err := callJSON(context.Background(), core, &request{op: testOp, path: "/tags"}, &got, nil); err != nil {
		t.Fatal(err)
	}
	req, _ := cp.last()
	if _, ok := req.Header["Intercom-Version"]; ok || req.Header.Get("User-Agent") != "intercom-gen-sdk" {
		t.Errorf("headers %v", req.Header)
	}
	none := newClientCore("tok", "", []Option{WithBaseURL(""), WithHTTPClient(cp.client())})
	err := callJSON(context.Background(), none, &request{op: testOp, path: "/tags"}, &got, nil)
	if err == nil || !strings.Contains(err.Error(), "no base URL") {
		t.Errorf("no base URL: %v", err)
	}
	if err := callJSON(context.Background(), none, &request{op: testOp, path: "/tags"}, &got, []Option{WithBaseURL("https://api.example.com")}); err != nil {
		t.Errorf("with a base URL per call: %v", err)
	}
}
