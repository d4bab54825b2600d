package runtime

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// misbehaving is a server that answers every way a real one can go wrong,
// keeping per-caller state (the g query parameter) so that many callers
// can share it: rate limits before success, cursors that cycle, empty
// bodies where JSON is documented, answers slower than the caller waits,
// and server errors on POST.
type misbehaving struct {
	mu    sync.Mutex
	calls map[string]int // path + caller → requests seen
}

func (m *misbehaving) seen(key string) int {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.calls[key]++
	return m.calls[key]
}

func (m *misbehaving) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	g := r.URL.Query().Get("g")
	n := m.seen(r.Method + r.URL.Path + g)
	w.Header().Set("Content-Type", "application/json")
	switch r.URL.Path {
	case "/flaky": // two 429s, then the answer
		if n <= 2 {
			w.Header().Set("Retry-After", "0")
			w.WriteHeader(http.StatusTooManyRequests)
			fmt.Fprint(w, `{"type":"error.list","errors":[{"code":"rate_limit_exceeded"}]}`)
			return
		}
		fmt.Fprintf(w, `{"type":"tag","id":%q,"name":"g"}`, g)
	case "/cycle": // cursors A → B → A → …
		next := map[string]string{"": "A", "A": "B", "B": "A"}[r.URL.Query().Get("starting_after")]
		fmt.Fprint(w, pageOf(g, `{"next":{"starting_after":"`+next+`"}}`))
	case "/empty":
		w.WriteHeader(http.StatusOK)
	case "/slow":
		select {
		case <-r.Context().Done():
		case <-time.After(2 * time.Second):
		}
	case "/post":
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprint(w, `{"type":"error.list","errors":[{"code":"server_error"}]}`)
	}
}

// TestConcurrentMisbehavingServer: 200 goroutines share one client against
// a misbehaving server (run it with -race). Every call ends with the right
// outcome, none hangs, and no POST is sent twice.
func TestConcurrentMisbehavingServer(t *testing.T) {
	m := &misbehaving{calls: map[string]int{}}
	srv := httptest.NewServer(m)
	t.Cleanup(srv.Close)
	core := newClientCore("tok", "2.11", []Option{WithBaseURL(srv.URL), WithMaxRetryWait(10 * time.Millisecond)})
	flaky := Operation{ID: "getTag", Method: http.MethodGet, Path: "/flaky", jsonStatus: 200}
	empty := Operation{ID: "getThing", Method: http.MethodGet, Path: "/empty", jsonStatus: 200}
	slow := Operation{ID: "getSlow", Method: http.MethodGet, Path: "/slow", jsonStatus: 200}
	post := Operation{ID: "createThing", Method: http.MethodPost, Path: "/post", jsonStatus: 200}
	cycle := Operation{ID: "listThings", Method: http.MethodGet, Path: "/cycle", jsonStatus: 200}

	const callers = 200
	var failures atomic.Int32
	fail := func(format string, args ...any) {
		if failures.Add(1) <= 10 {
			t.Errorf(format, args...)
		}
	}
	var wg sync.WaitGroup
	for i := range callers {
		wg.Go(func() {
			g := fmt.Sprint(i)
			q := []Option{WithQueryParam("g", g)}
			var tag testTag
			if err := callJSON(context.Background(), core, &request{op: flaky, path: "/flaky"}, &tag, q); err != nil || tag.ID != g {
				fail("caller %s: flaky: %v, id %q", g, err, tag.ID)
			}
			var item testItem
			if err := callJSON(context.Background(), core, &request{op: empty, path: "/empty"}, &item, q); err == nil || !strings.Contains(err.Error(), "getThing") {
				fail("caller %s: an empty 200 body gave %v", g, err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
			err := callJSON(ctx, core, &request{op: slow, path: "/slow"}, &item, q)
			cancel()
			if !errors.Is(err, context.DeadlineExceeded) {
				fail("caller %s: slow: %v, want the deadline", g, err)
			}
			var apiErr *APIError
			if err := callJSON(context.Background(), core, &request{op: post, path: "/post", body: &testTag{}}, &tag, q); !errors.As(err, &apiErr) || apiErr.StatusCode != 500 {
				fail("caller %s: post: %v", g, err)
			}
			ids, err := collect(itemSeq(pageSeq[*testPage](context.Background(), core, &request{op: cycle, path: "/cycle"}, cursorPaging, q), listOf))
			if err == nil || !strings.Contains(err.Error(), `cursor "A" again`) || ids != g+" "+g+" "+g {
				fail("caller %s: cycling cursors gave %q, %v", g, ids, err)
			}
		})
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		t.Fatal("callers still running after 60s")
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	for i := range callers {
		if n := m.calls[fmt.Sprint("POST/post", i)]; n != 1 {
			t.Errorf("caller %d: POST sent %d times", i, n)
		}
	}
}
