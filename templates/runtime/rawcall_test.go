package runtime

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

// rawServer records the last request and answers with status and body.
type rawServer struct {
	status int
	answer string
	calls  atomic.Int32
	method string
	uri    string
	header http.Header
	body   string
}

func (s *rawServer) start(t *testing.T) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.calls.Add(1)
		b, _ := io.ReadAll(r.Body)
		s.method, s.uri, s.header, s.body = r.Method, r.RequestURI, r.Header.Clone(), string(b)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(s.status)
		_, _ = io.WriteString(w, s.answer)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestDoRawRequest(t *testing.T) {
	s := &rawServer{status: 200, answer: `{"type":"tag","id":"7","name":"vip","later":true}`}
	srv := s.start(t)
	var seen Operation
	mw := func(req *http.Request, next MiddlewareNext) (*http.Response, error) {
		seen, _ = OperationFromContext(req.Context())
		return next(req)
	}
	core := newClientCore("secret", "2.11", []Option{WithBaseURL(srv.URL), WithMiddleware(mw)})

	var tag testTag
	err := doRaw(context.Background(), core, "post", "/undocumented/tags?dry_run=true", map[string]any{"name": "vip"}, &tag,
		[]Option{WithQueryParam("extra", "1"), WithHeader("X-Test", "yes")})
	if err != nil {
		t.Fatal(err)
	}
	if s.method != "POST" || s.uri != "/undocumented/tags?dry_run=true&extra=1" {
		t.Errorf("sent %s %s", s.method, s.uri)
	}
	if got := s.header.Get("Authorization"); got != "Bearer secret" {
		t.Errorf("Authorization %q", got)
	}
	if s.header.Get("Intercom-Version") != "2.11" || s.header.Get("X-Test") != "yes" || s.header.Get("Content-Type") != "application/json" {
		t.Errorf("headers %v", s.header)
	}
	if s.body != `{"name":"vip"}` {
		t.Errorf("body %s", s.body)
	}
	if tag.ID != "7" || tag.Name == nil || *tag.Name != "vip" {
		t.Errorf("decoded %+v", tag)
	}
	if extra := ExtraFields(&tag); string(extra["later"]) != "true" {
		t.Errorf("extra fields %v", extra)
	}
	if seen.Method != "POST" || seen.Path != "/undocumented/tags?dry_run=true" || seen.ID != "" {
		t.Errorf("middleware saw %+v", seen)
	}
}

func TestDoRawBodiesAndResults(t *testing.T) {
	s := &rawServer{status: 200, answer: `{"ok": true}`}
	srv := s.start(t)
	core := newClientCore("t", "2.11", []Option{WithBaseURL(srv.URL)})
	ctx := context.Background()

	var raw json.RawMessage
	if err := doRaw(ctx, core, "PUT", "/x", json.RawMessage(`{"a": 1}`), &raw, nil); err != nil {
		t.Fatal(err)
	}
	if s.body != `{"a": 1}` || string(raw) != `{"ok": true}` {
		t.Errorf("json.RawMessage: sent %s, got %s", s.body, raw)
	}
	var b []byte
	if err := doRaw(ctx, core, "PATCH", "/x", []byte(`[1,2]`), &b, nil); err != nil {
		t.Fatal(err)
	}
	if s.method != "PATCH" || s.body != `[1,2]` || string(b) != `{"ok": true}` {
		t.Errorf("[]byte: %s sent %s, got %s", s.method, s.body, b)
	}
	var m map[string]any
	if err := doRaw(ctx, core, "", "/x", nil, &m, nil); err != nil {
		t.Fatal(err)
	}
	if s.method != "GET" || s.body != "" || s.header.Get("Content-Type") != "" || m["ok"] != true {
		t.Errorf("GET without body: %s %q %v", s.method, s.body, m)
	}
	if err := doRaw(ctx, core, "DELETE", "/x", nil, nil, nil); err != nil || s.method != "DELETE" {
		t.Errorf("nil out: %v (%s)", err, s.method)
	}

	// Mistakes are caught before anything is sent.
	before := s.calls.Load()
	for _, c := range []struct {
		path string
		out  any
		want string
	}{
		{"https://evil.example/x", nil, "must start with /"},
		{"/x", m, "non-nil pointer"},
		{"/x", (*map[string]any)(nil), "non-nil pointer"},
	} {
		err := doRaw(ctx, core, "GET", c.path, nil, c.out, nil)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Do(%q, %T) = %v, want an error containing %q", c.path, c.out, err, c.want)
		}
	}
	if s.calls.Load() != before {
		t.Error("a rejected call was sent")
	}
}

// TestDoRawErrorsAndRetries: a raw call fails and retries exactly like an
// operation of the same method.
func TestDoRawErrorsAndRetries(t *testing.T) {
	s := &rawServer{status: 404, answer: `{"type":"error.list","request_id":"r1","errors":[{"code":"not_found","message":"Nope"}]}`}
	srv := s.start(t)
	clk := newFakeClock()
	core := newClientCore("t", "2.11", []Option{WithBaseURL(srv.URL), withClock(clk)})
	ctx := context.Background()

	err := doRaw(ctx, core, "GET", "/secret/things/1?x=1", nil, nil, nil)
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("err = %v, want ErrNotFound", err)
	}
	if got, want := err.Error(), "intercom: GET /secret/things/1: 404 Not Found: not_found: Nope (request_id r1)"; got != want {
		t.Errorf("Error()\n got %s\nwant %s", got, want)
	}

	s.status, s.answer = 503, ``
	for _, c := range []struct {
		method string
		calls  int32
	}{{"GET", 3}, {"POST", 1}} {
		s.calls.Store(0)
		err := doRaw(ctx, core, c.method, "/x", nil, nil, nil)
		if !errors.Is(err, ErrServer) || s.calls.Load() != c.calls {
			t.Errorf("%s on 503: %v after %d attempts, want %d", c.method, err, s.calls.Load(), c.calls)
		}
	}
	// A 429 was not processed: even a POST is sent again.
	s.status = 429
	s.calls.Store(0)
	if err := doRaw(ctx, core, "POST", "/x", map[string]int{"a": 1}, nil, nil); !errors.Is(err, ErrRateLimited) || s.calls.Load() != 3 {
		t.Errorf("POST on 429: %v after %d attempts, want 3", err, s.calls.Load())
	}
}
