package runtime

import (
	"context"
	"errors"
	"math/rand/v2"
	"net"
	"net/http"
	"time"
)

// Default retry policy: two retries, no single wait longer than 30s.
const (
	defaultMaxRetries   = 2
	defaultMaxRetryWait = 30 * time.Second
	// backoffBase is the first wait when the server gives no hint; it
	// doubles with each retry up to backoffCap.
	backoffBase = 500 * time.Millisecond
	backoffCap  = 8 * time.Second
)

// retryPolicy is the retry part of a requestConfig. Its zero value is the
// default policy, so that configs built without NewClient retry too.
type retryPolicy struct {
	maxRetries int // retries after the first attempt
	maxWait    time.Duration
	// set reports which of the fields above an option chose.
	setRetries, setWait bool
	// idempotent marks the call safe to repeat whatever its method.
	idempotent bool
}

func (p retryPolicy) retries() int {
	if !p.setRetries {
		return defaultMaxRetries
	}
	return max(p.maxRetries, 0)
}

func (p retryPolicy) wait() time.Duration {
	if !p.setWait {
		return defaultMaxRetryWait
	}
	return max(p.maxWait, 0)
}

// WithMaxRetries sets how many times a call is retried after its first
// attempt (2 by default); 0 disables retries.
//
// What is retried: a 429 answer (the request was not processed), always,
// after waiting until X-RateLimit-Reset (or Retry-After, when sent); and
// for requests that are safe to repeat (GET, HEAD, PUT, DELETE, or a call
// given WithIdempotent) a 408 or 5xx answer, a connection error or a body
// cut short, after an exponential backoff with jitter. A POST or other
// non-idempotent request is only sent again when it cannot have reached
// the server (the connection could not be established). Multipart uploads
// are never retried: their body is streamed and cannot be replayed.
func WithMaxRetries(n int) Option {
	return func(c *requestConfig) { c.retry.maxRetries, c.retry.setRetries = n, true }
}

// WithMaxRetryWait sets the longest single wait before a retry (30s by
// default). When a 429 asks for a longer wait (its X-RateLimit-Reset is
// further away), the call fails at once with that *APIError, whose
// RateLimit says when the limit resets. 0 disables retries.
func WithMaxRetryWait(d time.Duration) Option {
	return func(c *requestConfig) { c.retry.maxWait, c.retry.setWait = d, true }
}

// WithIdempotent marks a call as safe to repeat, so that it is retried on
// 5xx answers and connection errors even though its method is POST (a
// search, for instance). Give it to a single call.
func WithIdempotent() Option {
	return func(c *requestConfig) { c.retry.idempotent = true }
}

// clock tells the time and waits; tests replace it to run without waiting.
type clock interface {
	now() time.Time
	// sleep waits for d or until ctx is done, whichever comes first, and
	// returns ctx's error in the second case.
	sleep(ctx context.Context, d time.Duration) error
	// jitter returns a random duration in [0, d).
	jitter(d time.Duration) time.Duration
}

// realClock is the clock of every client.
type realClock struct{}

func (realClock) now() time.Time { return time.Now() }

func (realClock) sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

func (realClock) jitter(d time.Duration) time.Duration {
	if d <= 0 {
		return 0
	}
	return rand.N(d)
}

// isIdempotent reports whether a request may be repeated after the server
// may have processed it.
func isIdempotent(method string, p retryPolicy) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete, http.MethodOptions:
		return true
	}
	return p.idempotent
}

// notSent reports whether a transport error happened before the request
// could reach the server: the connection was never established.
func notSent(err error) bool {
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return true
	}
	var dns *net.DNSError
	return errors.As(err, &dns)
}

// retryableStatus reports whether a status is worth retrying for a
// request that is safe to repeat.
func retryableStatus(code int) bool {
	switch code {
	case http.StatusRequestTimeout, http.StatusInternalServerError, http.StatusBadGateway,
		http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// backoff is the wait before retry number n (0 for the first retry) when
// the server gave no hint: an exponential delay with "equal jitter" (half
// fixed, half random), never above maxWait.
func backoff(clk clock, n int, maxWait time.Duration) time.Duration {
	d := backoffBase << min(n, 10)
	d = min(d, backoffCap)
	d = d/2 + clk.jitter(d/2+1)
	return min(d, maxWait)
}

// rateLimitWait is the wait before retrying a 429: until the time the
// server gave, plus a little jitter so that clients sharing a limit do not
// all come back at the same instant. ok is false when the server's wait is
// longer than maxWait: waiting would not be allowed, so the call fails.
func rateLimitWait(clk clock, h http.Header, n int, maxWait time.Duration) (d time.Duration, ok bool) {
	hint, known := retryAfter(h, clk.now())
	if !known {
		return backoff(clk, n, maxWait), true
	}
	if hint > maxWait {
		return 0, false
	}
	// X-RateLimit-Reset has a resolution of one second.
	d = hint + clk.jitter(hint/10+250*time.Millisecond)
	return min(d, maxWait), true
}
