package runtime

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fakeClock records waits instead of sleeping. Its time is fixed, so a
// reset header can be given relative to it; block makes sleep wait for the
// context instead (to cancel a call mid-wait).
type fakeClock struct {
	mu      sync.Mutex
	t       time.Time
	waits   []time.Duration
	block   bool
	waiting chan struct{} // closed when a blocking sleep starts
}

func newFakeClock() *fakeClock {
	return &fakeClock{t: time.Unix(1_700_000_000, 0), waiting: make(chan struct{})}
}

func (c *fakeClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	c.waits = append(c.waits, d)
	block := c.block
	c.mu.Unlock()
	if block {
		close(c.waiting)
		<-ctx.Done()
		return ctx.Err()
	}
	return ctx.Err()
}

// jitter is deterministic: the largest value allowed, so tests see the
// upper bound.
func (c *fakeClock) jitter(d time.Duration) time.Duration { return max(d-1, 0) }

func (c *fakeClock) recorded() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.waits...)
}

func withClock(c clock) Option { return func(cfg *requestConfig) { cfg.clock = c } }

// script is an httptest handler that answers the n-th request with the
// n-th step (the last step repeats) and records each request's body.
type script struct {
	mu     sync.Mutex
	steps  []func(w http.ResponseWriter, r *http.Request)
	bodies [][]byte
	urls   []string
}

func (s *script) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	n := len(s.bodies)
	s.bodies = append(s.bodies, body)
	s.urls = append(s.urls, r.URL.String())
	step := s.steps[min(n, len(s.steps)-1)]
	s.mu.Unlock()
	step(w, r)
}

func (s *script) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.bodies)
}

func status(code int, header map[string]string, body string) func(http.ResponseWriter, *http.Request) {
	return func(w http.ResponseWriter, _ *http.Request) {
		for k, v := range header {
			w.Header().Set(k, v)
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		_, _ = io.WriteString(w, body)
	}
}

func serve(t *testing.T, steps ...func(http.ResponseWriter, *http.Request)) (*script, string) {
	t.Helper()
	s := &script{steps: steps}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return s, srv.URL
}

var (
	getOp  = Operation{ID: "getThing", Method: http.MethodGet, Path: "/things"}
	postOp = Operation{ID: "createThing", Method: http.MethodPost, Path: "/things"}
)

const tooMany = `{"type":"error.list","request_id":"rq-429","errors":[{"code":"rate_limit_exceeded","message":"Exceeded rate limit"}]}`

func TestRetry429WaitsUntilReset(t *testing.T) {
	clk := newFakeClock()
	reset := strconv.FormatInt(clk.now().Add(4*time.Second).Unix(), 10)
	s, url := serve(t,
		status(429, map[string]string{"X-RateLimit-Limit": "1000", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset}, tooMany),
		status(200, map[string]string{"X-RateLimit-Limit": "1000", "X-RateLimit-Remaining": "999", "X-RateLimit-Reset": reset}, `{"type":"tag","id":"1"}`),
	)
	core := newClientCore("tok", "2.11", []Option{WithBaseURL(url), withClock(clk)})
	var raw Response
	var out testTag
	// A POST: a 429 was not processed, so it is sent again.
	err := callJSON(context.Background(), core, &request{op: postOp, path: "/things", body: &testTag{ID: "1"}}, &out, []Option{WithResponse(&raw)})
	if err != nil {
		t.Fatal(err)
	}
	if s.count() != 2 || out.ID != "1" {
		t.Fatalf("requests %d, out %+v", s.count(), out)
	}
	waits := clk.recorded()
	// 4s until the reset plus at most 10% + 250ms of jitter.
	if len(waits) != 1 || waits[0] < 4*time.Second || waits[0] > 4*time.Second+650*time.Millisecond {
		t.Errorf("waits %v, want one of about 4s", waits)
	}
	if !bytes.Equal(s.bodies[0], s.bodies[1]) || len(s.bodies[0]) == 0 {
		t.Errorf("the retried body differs: %q then %q", s.bodies[0], s.bodies[1])
	}
	if raw.StatusCode != 200 || raw.Attempts != 2 || raw.RateLimit.Remaining != 999 || raw.RateLimit.Limit != 1000 ||
		raw.RateLimit.Reset.Unix() != clk.now().Add(4*time.Second).Unix() || string(raw.Body) != `{"type":"tag","id":"1"}` {
		t.Errorf("raw response %+v", raw)
	}
}

func TestRetry429BeyondCapFailsAtOnce(t *testing.T) {
	clk := newFakeClock()
	reset := clk.now().Add(10 * time.Minute).Unix()
	s, url := serve(t, status(429, map[string]string{"X-RateLimit-Limit": "10", "X-RateLimit-Remaining": "0",
		"X-RateLimit-Reset": strconv.FormatInt(reset, 10)}, tooMany))
	core := newClientCore("tok", "2.11", []Option{WithBaseURL(url), withClock(clk), WithMaxRetryWait(time.Minute)})
	var out testTag
	err := callJSON(context.Background(), core, &request{op: getOp, path: "/things"}, &out, nil)
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 429 {
		t.Fatalf("err = %v, want a 429 *APIError", err)
	}
	if s.count() != 1 || len(clk.recorded()) != 0 {
		t.Errorf("%d requests, waits %v: want one request and no wait", s.count(), clk.recorded())
	}
	if rl := apiErr.RateLimit; !rl.Present || rl.Limit != 10 || rl.Remaining != 0 || rl.Reset.Unix() != reset {
		t.Errorf("rate limit %+v", rl)
	}
	if apiErr.RequestID != "rq-429" || len(apiErr.Errors) != 1 || apiErr.Errors[0].Code != "rate_limit_exceeded" {
		t.Errorf("error body not parsed: %+v", apiErr)
	}
}

func TestRetryAfterHeaderWins(t *testing.T) {
	clk := newFakeClock()
	_, url := serve(t,
		status(429, map[string]string{"Retry-After": "2", "X-RateLimit-Reset": strconv.FormatInt(clk.now().Add(20*time.Second).Unix(), 10)}, tooMany),
		status(200, nil, `{}`))
	core := newClientCore("tok", "2.11", []Option{WithBaseURL(url), withClock(clk)})
	if err := callNoContent(context.Background(), core, &request{op: getOp, path: "/things"}, nil); err != nil {
		t.Fatal(err)
	}
	if w := clk.recorded(); len(w) != 1 || w[0] < 2*time.Second || w[0] > 3*time.Second {
		t.Errorf("waits %v, want about 2s", w)
	}
}

func TestRetry5xxStormOnGet(t *testing.T) {
	clk := newFakeClock()
	s, url := serve(t, status(503, nil, `{"type":"error.list","errors":[{"code":"service_unavailable"}]}`))
	core := newClientCore("tok", "2.11", []Option{WithBaseURL(url), withClock(clk), WithMaxRetries(4)})
	var raw Response
	err := callNoContent(context.Background(), core, &request{op: getOp, path: "/things"}, []Option{WithResponse(&raw)})
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 503 {
		t.Fatalf("err = %v", err)
	}
	if s.count() != 5 || raw.Attempts != 5 {
		t.Errorf("%d requests (raw says %d), want 5", s.count(), raw.Attempts)
	}
	// Exponential: 0.5s, 1s, 2s, 4s, each at most its own value (equal jitter).
	waits := clk.recorded()
	want := []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second, 4 * time.Second}
	if len(waits) != len(want) {
		t.Fatalf("waits %v", waits)
	}
	for i, w := range waits {
		if w < want[i]/2 || w > want[i] {
			t.Errorf("wait %d = %v, want in [%v, %v]", i, w, want[i]/2, want[i])
		}
	}
}

func TestPostIsNeverSentTwiceOn5xx(t *testing.T) {
	for _, code := range []int{500, 502, 503, 504, 408} {
		clk := newFakeClock()
		s, url := serve(t, status(code, nil, `{}`), status(200, nil, `{}`))
		core := newClientCore("tok", "2.11", []Option{WithBaseURL(url), withClock(clk)})
		err := callNoContent(context.Background(), core, &request{op: postOp, path: "/things", body: &testTag{ID: "1"}}, nil)
		var apiErr *APIError
		if !errors.As(err, &apiErr) || apiErr.StatusCode != code || s.count() != 1 {
			t.Errorf("%d: err %v after %d requests, want the error after one", code, err, s.count())
		}
	}
	// Unless the caller says it is safe.
	clk := newFakeClock()
	s, url := serve(t, status(500, nil, `{}`), status(200, nil, `{}`))
	core := newClientCore("tok", "2.11", []Option{WithBaseURL(url), withClock(clk)})
	if err := callNoContent(context.Background(), core, &request{op: postOp, path: "/things", body: &testTag{ID: "1"}}, []Option{WithIdempotent()}); err != nil || s.count() != 2 {
		t.Errorf("idempotent POST: err %v after %d requests", err, s.count())
	}
}

func TestNonRetryableStatuses(t *testing.T) {
	for _, code := range []int{400, 401, 403, 404, 409, 422, 501} {
		clk := newFakeClock()
		s, url := serve(t, status(code, nil, `{}`))
		core := newClientCore("tok", "2.11", []Option{WithBaseURL(url), withClock(clk)})
		if err := callNoContent(context.Background(), core, &request{op: getOp, path: "/things"}, nil); err == nil || s.count() != 1 {
			t.Errorf("%d: err %v after %d requests", code, err, s.count())
		}
	}
}

func TestRetriesDisabled(t *testing.T) {
	for name, opt := range map[string]Option{"WithMaxRetries(0)": WithMaxRetries(0), "WithMaxRetryWait(0)": WithMaxRetryWait(0)} {
		clk := newFakeClock()
		s, url := serve(t, status(503, nil, `{}`), status(200, nil, `{}`))
		core := newClientCore("tok", "2.11", []Option{WithBaseURL(url), withClock(clk), opt})
		if err := callNoContent(context.Background(), core, &request{op: getOp, path: "/things"}, nil); err == nil || s.count() != 1 {
			t.Errorf("%s: err %v after %d requests", name, err, s.count())
		}
	}
	// A per-call option overrides the client's.
	clk := newFakeClock()
	s, url := serve(t, status(503, nil, `{}`), status(200, nil, `{}`))
	core := newClientCore("tok", "2.11", []Option{WithBaseURL(url), withClock(clk), WithMaxRetries(0)})
	if err := callNoContent(context.Background(), core, &request{op: getOp, path: "/things"}, []Option{WithMaxRetries(1)}); err != nil || s.count() != 2 {
		t.Errorf("per-call WithMaxRetries(1): err %v after %d requests", err, s.count())
	}
}

// refusedURL is an address nothing listens on.
func refusedURL(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return "http://" + addr
}

func TestConnectionRefusedRetriesEvenPost(t *testing.T) {
	clk := newFakeClock()
	var attempts []int
	var mu sync.Mutex
	count := func(req *http.Request, next MiddlewareNext) (*http.Response, error) {
		mu.Lock()
		attempts = append(attempts, AttemptFromContext(req.Context()))
		mu.Unlock()
		return next(req)
	}
	core := newClientCore("tok", "2.11", []Option{WithBaseURL(refusedURL(t)), withClock(clk), WithMiddleware(count)})
	err := callNoContent(context.Background(), core, &request{op: postOp, path: "/things", body: &testTag{ID: "1"}}, nil)
	if err == nil || !notSent(err) {
		t.Fatalf("err = %v, want a dial error", err)
	}
	if len(attempts) != 3 || attempts[0] != 1 || attempts[2] != 3 {
		t.Errorf("attempts %v, want 1 2 3: a POST that never left may be sent again", attempts)
	}
}

// hangUp reads the request, then drops the connection without answering:
// the server may have processed it.
func hangUp(w http.ResponseWriter, _ *http.Request) {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err == nil {
		conn.Close()
	}
}

func TestConnectionDroppedAfterSending(t *testing.T) {
	clk := newFakeClock()
	s, url := serve(t, hangUp, status(200, nil, `{}`))
	core := newClientCore("tok", "2.11", []Option{WithBaseURL(url), withClock(clk), WithHTTPClient(&http.Client{Transport: &http.Transport{DisableKeepAlives: true}})})
	err := callNoContent(context.Background(), core, &request{op: postOp, path: "/things", body: &testTag{ID: "1"}}, nil)
	if err == nil || s.count() != 1 {
		t.Errorf("POST: err %v after %d requests, want an error after one", err, s.count())
	}
	s, url = serve(t, hangUp, status(200, nil, `{}`))
	core = newClientCore("tok", "2.11", []Option{WithBaseURL(url), withClock(clk), WithHTTPClient(&http.Client{Transport: &http.Transport{DisableKeepAlives: true}})})
	if err := callNoContent(context.Background(), core, &request{op: getOp, path: "/things"}, nil); err != nil || s.count() != 2 {
		t.Errorf("GET: err %v after %d requests, want success after two", err, s.count())
	}
}

// truncated promises more body than it sends.
func truncated(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Length", "100")
	w.WriteHeader(200)
	_, _ = io.WriteString(w, `{"type":"tag",`)
}

func TestTruncatedBody(t *testing.T) {
	clk := newFakeClock()
	s, url := serve(t, truncated, status(200, nil, `{"type":"tag","id":"7"}`))
	core := newClientCore("tok", "2.11", []Option{WithBaseURL(url), withClock(clk)})
	var out testTag
	if err := callJSON(context.Background(), core, &request{op: getOp, path: "/things"}, &out, nil); err != nil || out.ID != "7" || s.count() != 2 {
		t.Errorf("GET: err %v, out %+v after %d requests", err, out, s.count())
	}
	s, url = serve(t, truncated, status(200, nil, `{"type":"tag","id":"7"}`))
	core = newClientCore("tok", "2.11", []Option{WithBaseURL(url), withClock(clk)})
	err := callJSON(context.Background(), core, &request{op: postOp, path: "/things", body: &testTag{}}, &testTag{}, nil)
	if err == nil || !errors.Is(err, io.ErrUnexpectedEOF) || s.count() != 1 {
		t.Errorf("POST: err %v after %d requests, want an unexpected EOF after one", err, s.count())
	}
}

func TestMalformedBodyIsNotRetried(t *testing.T) {
	clk := newFakeClock()
	s, url := serve(t, status(200, nil, `{"type":"tag","id":`), status(200, nil, `{}`))
	core := newClientCore("tok", "2.11", []Option{WithBaseURL(url), withClock(clk)})
	var raw Response
	err := callJSON(context.Background(), core, &request{op: getOp, path: "/things"}, &testTag{}, []Option{WithResponse(&raw)})
	if err == nil || !strings.Contains(err.Error(), "decoding the response") || s.count() != 1 {
		t.Errorf("err %v after %d requests", err, s.count())
	}
	if string(raw.Body) != `{"type":"tag","id":` {
		t.Errorf("raw body %q", raw.Body)
	}
}

func TestCancelWhileWaiting(t *testing.T) {
	clk := newFakeClock()
	clk.block = true
	reset := strconv.FormatInt(clk.now().Add(5*time.Second).Unix(), 10)
	s, url := serve(t, status(429, map[string]string{"X-RateLimit-Reset": reset}, tooMany))
	core := newClientCore("tok", "2.11", []Option{WithBaseURL(url), withClock(clk)})
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-clk.waiting
		cancel()
	}()
	err := callNoContent(ctx, core, &request{op: getOp, path: "/things"}, nil)
	var apiErr *APIError
	if !errors.Is(err, context.Canceled) || !errors.As(err, &apiErr) || apiErr.StatusCode != 429 {
		t.Fatalf("err = %v, want context.Canceled carrying the 429", err)
	}
	if s.count() != 1 {
		t.Errorf("%d requests after cancelling, want 1", s.count())
	}
}

func TestRealClockSleepHonoursContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(20*time.Millisecond, cancel)
	start := time.Now()
	err := realClock{}.sleep(ctx, time.Hour)
	if !errors.Is(err, context.Canceled) || time.Since(start) > 5*time.Second {
		t.Errorf("sleep returned %v after %v", err, time.Since(start))
	}
	if err := (realClock{}).sleep(context.Background(), time.Millisecond); err != nil {
		t.Error(err)
	}
	for range 100 {
		if j := (realClock{}).jitter(time.Second); j < 0 || j >= time.Second {
			t.Fatalf("jitter %v", j)
		}
	}
}

func TestTimeouts(t *testing.T) {
	slow := func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(2 * time.Second):
		}
	}
	// WithTimeout bounds the whole call: no retry after the deadline.
	s, url := serve(t, slow)
	core := newClientCore("tok", "2.11", []Option{WithBaseURL(url), withClock(newFakeClock())})
	start := time.Now()
	err := callNoContent(context.Background(), core, &request{op: getOp, path: "/things"}, []Option{WithTimeout(50 * time.Millisecond)})
	if !errors.Is(err, context.DeadlineExceeded) || s.count() != 1 || time.Since(start) > time.Second {
		t.Errorf("err %v after %d requests and %v", err, s.count(), time.Since(start))
	}
	// A per-attempt timeout of the HTTP client is retried for a GET.
	var n atomic.Int32
	s, url = serve(t, func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			slow(w, r)
			return
		}
		status(200, nil, `{}`)(w, r)
	})
	core = newClientCore("tok", "2.11", []Option{WithBaseURL(url), withClock(newFakeClock()), WithHTTPClient(&http.Client{Timeout: 50 * time.Millisecond})})
	if err := callNoContent(context.Background(), core, &request{op: getOp, path: "/things"}, nil); err != nil || s.count() != 2 {
		t.Errorf("err %v after %d requests", err, s.count())
	}
}

func TestStreamTimeoutCoversReading(t *testing.T) {
	_, url := serve(t, status(200, nil, "file contents"))
	core := newClientCore("tok", "2.11", []Option{WithBaseURL(url)})
	body, err := callStream(context.Background(), core, &request{op: getOp, path: "/things"}, []Option{WithTimeout(5 * time.Second)})
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(body)
	if err != nil || string(data) != "file contents" {
		t.Errorf("read %q, %v", data, err)
	}
	if err := body.Close(); err != nil {
		t.Error(err)
	}
}

func TestRateLimitFromHeader(t *testing.T) {
	h := http.Header{}
	if rl := RateLimitFromHeader(h); rl.Present || rl.Limit != 0 || !rl.Reset.IsZero() {
		t.Errorf("empty header: %+v", rl)
	}
	h.Set("X-RateLimit-Limit", "166")
	h.Set("X-RateLimit-Remaining", "165")
	h.Set("X-RateLimit-Reset", "1700000010")
	rl := RateLimitFromHeader(h)
	if !rl.Present || rl.Limit != 166 || rl.Remaining != 165 || rl.Reset.Unix() != 1700000010 {
		t.Errorf("%+v", rl)
	}
	now := time.Unix(1700000000, 0)
	if d, ok := retryAfter(h, now); !ok || d != 10*time.Second {
		t.Errorf("retryAfter = %v, %v", d, ok)
	}
	h.Set("Retry-After", now.Add(3*time.Second).UTC().Format(http.TimeFormat))
	if d, ok := retryAfter(h, now); !ok || d != 3*time.Second {
		t.Errorf("Retry-After date: %v, %v", d, ok)
	}
	h.Set("Retry-After", "soon")
	if d, ok := parseRetryAfter(h, now); ok {
		t.Errorf("Retry-After soon: %v", d)
	}
}

func TestMiddlewareAndLogging(t *testing.T) {
	clk := newFakeClock()
	_, url := serve(t, status(503, nil, `{}`), status(200, map[string]string{"X-RateLimit-Remaining": "7", "X-Request-Id": "r1"}, `{}`))
	var seen []string
	var order []string
	outer := func(req *http.Request, next MiddlewareNext) (*http.Response, error) {
		op, _ := OperationFromContext(req.Context())
		seen = append(seen, op.ID+"#"+strconv.Itoa(AttemptFromContext(req.Context())))
		order = append(order, "outer")
		return next(req)
	}
	inner := func(req *http.Request, next MiddlewareNext) (*http.Response, error) {
		order = append(order, "inner")
		req.Header.Set("X-Added", "1")
		return next(req)
	}
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	core := newClientCore("s3cret-token", "2.11", []Option{WithBaseURL(url), withClock(clk), WithMiddleware(outer), WithLogger(logger)})
	if err := callNoContent(context.Background(), core, &request{op: getOp, path: "/things"}, []Option{WithMiddleware(inner)}); err != nil {
		t.Fatal(err)
	}
	if strings.Join(seen, " ") != "getThing#1 getThing#2" || strings.Join(order, " ") != "outer inner outer inner" {
		t.Errorf("seen %v, order %v", seen, order)
	}
	out := logs.String()
	if strings.Contains(out, "s3cret-token") || !strings.Contains(out, "REDACTED") {
		t.Errorf("the token leaked or was not redacted:\n%s", out)
	}
	for _, want := range []string{"operation=getThing", "attempt=2", "status=503", "status=200", "ratelimit_remaining=7", "request_id=r1"} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %s:\n%s", want, out)
		}
	}
}

func TestQueryParamAndPerCallOptions(t *testing.T) {
	var got *http.Request
	_, url := serve(t, func(w http.ResponseWriter, r *http.Request) { got = r; status(200, nil, `{}`)(w, r) })
	core := newClientCore("tok", "2.11", []Option{WithBaseURL(url), WithQueryParam("per_page", "50")})
	err := callNoContent(context.Background(), core, &request{op: getOp, path: "/things"},
		[]Option{WithQueryParam("starting_after", "abc"), WithVersion("Preview"), WithHeader("X-Trace", "t1")})
	if err != nil {
		t.Fatal(err)
	}
	if got.URL.Query().Get("per_page") != "50" || got.URL.Query().Get("starting_after") != "abc" ||
		got.Header.Get("Intercom-Version") != "Preview" || got.Header.Get("X-Trace") != "t1" {
		t.Errorf("request %v %v", got.URL, got.Header)
	}
	// The client's options are untouched by the call's.
	if len(core.config.query) != 1 {
		t.Errorf("client query changed: %v", core.config.query)
	}
}
