package runtime

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
)

type workspaceKey struct{}

// TestTokenSourcePerWorkspace is one client serving many workspaces: the
// token is looked up from each call's context, and per-call options
// override the client's source.
func TestTokenSourcePerWorkspace(t *testing.T) {
	var mu sync.Mutex
	got := map[string]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got[r.Header.Get("Authorization")]++
		mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	tokens := map[string]string{"ws-a": "tok-a", "ws-b": "tok-b"}
	var lookups atomic.Int32
	ts := TokenSourceFunc(func(ctx context.Context) (string, error) {
		lookups.Add(1)
		id, _ := ctx.Value(workspaceKey{}).(string)
		return tokens[id], nil
	})
	core := newClientCore("", "2.11", []Option{WithBaseURL(srv.URL), WithTokenSource(ts)})
	call := func(ctx context.Context, opts ...Option) error {
		return callNoContent(ctx, core, &request{op: testOp, path: "/x"}, opts)
	}
	var wg sync.WaitGroup
	for i := range 20 {
		ws := []string{"ws-a", "ws-b"}[i%2]
		wg.Go(func() {
			if err := call(context.WithValue(context.Background(), workspaceKey{}, ws)); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if lookups.Load() != 20 {
		t.Errorf("%d lookups for 20 calls", lookups.Load())
	}
	if got["Bearer tok-a"] != 10 || got["Bearer tok-b"] != 10 || len(got) != 2 {
		t.Errorf("Authorization headers sent: %v", got)
	}

	// Per call: a fixed token, or another source.
	clear(got)
	if err := call(context.Background(), WithToken("per-call")); err != nil {
		t.Fatal(err)
	}
	if err := call(context.Background(), WithTokenSource(staticToken("other"))); err != nil {
		t.Fatal(err)
	}
	if got["Bearer per-call"] != 1 || got["Bearer other"] != 1 {
		t.Errorf("per-call tokens: %v", got)
	}

	// Without a source the client's token is used.
	plain := newClientCore("client-tok", "2.11", []Option{WithBaseURL(srv.URL)})
	clear(got)
	if err := callNoContent(context.Background(), plain, &request{op: testOp, path: "/x"}, nil); err != nil {
		t.Fatal(err)
	}
	if got["Bearer client-tok"] != 1 {
		t.Errorf("client token: %v", got)
	}
}

// TestTokenSourceErrors: a failing (or empty) lookup fails the call,
// wrapped, without sending anything and without retries; the source is
// asked once per call even when the call is retried.
func TestTokenSourceErrors(t *testing.T) {
	var sent atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sent.Add(1)
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	errNoWorkspace := errors.New("workspace not installed")
	var lookups atomic.Int32
	failing := TokenSourceFunc(func(context.Context) (string, error) {
		lookups.Add(1)
		return "", errNoWorkspace
	})
	core := newClientCore("", "2.11", []Option{WithBaseURL(srv.URL), WithTokenSource(failing), withClock(newFakeClock())})
	r := &request{op: Operation{ID: "listTags", Method: http.MethodGet}, path: "/tags"}
	err := callNoContent(context.Background(), core, r, nil)
	if !errors.Is(err, errNoWorkspace) || err.Error() != "intercom: listTags: token source: workspace not installed" {
		t.Errorf("err = %v", err)
	}
	var apiErr *APIError
	if errors.As(err, &apiErr) || sent.Load() != 0 || lookups.Load() != 1 {
		t.Errorf("sent %d requests after %d lookups", sent.Load(), lookups.Load())
	}
	if err := callNoContent(context.Background(), core, r, []Option{WithToken("")}); err == nil || sent.Load() != 0 {
		t.Errorf("empty token: %v (%d sent)", err, sent.Load())
	}

	// A retried GET asks once.
	lookups.Store(0)
	ok := TokenSourceFunc(func(context.Context) (string, error) { lookups.Add(1); return "t", nil })
	err = callNoContent(context.Background(), core, r, []Option{WithTokenSource(ok)})
	if !errors.Is(err, ErrServer) || sent.Load() != 3 || lookups.Load() != 1 {
		t.Errorf("retried call: %v, %d attempts, %d lookups", err, sent.Load(), lookups.Load())
	}
}
