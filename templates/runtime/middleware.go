package runtime

import (
	"context"
	"log/slog"
	"net/http"
	"time"
)

// Middleware wraps each HTTP request the client sends, retries included:
// it may inspect or change the request, call next to send it (or not),
// and inspect or replace the response. The request's context tells which
// operation it belongs to (OperationFromContext) and which attempt it is
// (AttemptFromContext).
//
//	logOps := func(req *http.Request, next intercom.MiddlewareNext) (*http.Response, error) {
//		op, _ := intercom.OperationFromContext(req.Context())
//		resp, err := next(req)
//		log.Printf("%s: %v", op.ID, err)
//		return resp, err
//	}
//	client := intercom.NewClient(token, intercom.WithMiddleware(logOps))
//
// For plain transport concerns an http.RoundTripper given through
// WithHTTPClient works as well; it sees the same context.
type Middleware func(req *http.Request, next MiddlewareNext) (*http.Response, error)

// MiddlewareNext sends a request on to the next middleware, and finally to
// the HTTP client.
type MiddlewareNext func(req *http.Request) (*http.Response, error)

// WithMiddleware adds middleware. Given to NewClient it wraps every call;
// given to a call, it wraps that call inside the client's middleware. The
// first middleware given is the outermost.
func WithMiddleware(mw ...Middleware) Option {
	return func(c *requestConfig) {
		for _, m := range mw {
			if m != nil {
				c.middleware = append(c.middleware[:len(c.middleware):len(c.middleware)], m)
			}
		}
	}
}

// WithLogger logs every attempt of every call at slog.LevelDebug on l:
// the operation, method, URL, attempt, request headers (the Authorization
// header redacted), then the status, duration and rate limit, or the
// error. Bodies are never logged. nil turns logging off.
func WithLogger(l *slog.Logger) Option {
	return func(c *requestConfig) { c.logger = l }
}

// attemptContextKey is the context key of the attempt number.
type attemptContextKey struct{}

// AttemptFromContext returns which attempt of its call a request is: 1 for
// the first, 2 for the first retry, and so on; 0 outside a call.
func AttemptFromContext(ctx context.Context) int {
	if ctx == nil {
		return 0
	}
	n, _ := ctx.Value(attemptContextKey{}).(int)
	return n
}

// roundTrip sends one attempt through the middleware chain and the
// optional logger.
func (cfg *requestConfig) roundTrip(hc *http.Client, req *http.Request) (*http.Response, error) {
	next := MiddlewareNext(hc.Do)
	for i := len(cfg.middleware) - 1; i >= 0; i-- {
		mw, inner := cfg.middleware[i], next
		next = func(r *http.Request) (*http.Response, error) { return mw(r, inner) }
	}
	if cfg.logger == nil || !cfg.logger.Enabled(req.Context(), slog.LevelDebug) {
		return next(req)
	}
	return logAttempt(cfg.logger, req, next, cfg.sent)
}

// logAttempt logs one attempt, without the credentials it sends (creds,
// the headers that carry one, and API keys in the query).
func logAttempt(l *slog.Logger, req *http.Request, next MiddlewareNext, creds *credentials) (*http.Response, error) {
	ctx := req.Context()
	op, _ := OperationFromContext(ctx)
	attrs := []slog.Attr{
		slog.String("operation", op.ID),
		slog.String("method", req.Method),
		slog.String("url", creds.redactURL(req.URL.String())),
		slog.Int("attempt", AttemptFromContext(ctx)),
		slog.Any("header", redactedHeader(req.Header, creds)),
	}
	l.LogAttrs(ctx, slog.LevelDebug, "intercom request", attrs...)
	start := time.Now()
	resp, err := next(req)
	attrs = append(attrs[:4], slog.Duration("duration", time.Since(start)))
	if err != nil {
		l.LogAttrs(ctx, slog.LevelDebug, "intercom request failed", append(attrs, slog.String("error", err.Error()))...)
		return resp, err
	}
	rl := RateLimitFromHeader(resp.Header)
	attrs = append(attrs, slog.Int("status", resp.StatusCode), slog.String("request_id", resp.Header.Get("X-Request-Id")))
	if rl.Present {
		attrs = append(attrs, slog.Int("ratelimit_limit", rl.Limit), slog.Int("ratelimit_remaining", rl.Remaining),
			slog.Int64("ratelimit_reset", rl.Reset.Unix()))
	}
	l.LogAttrs(ctx, slog.LevelDebug, "intercom response", attrs...)
	return resp, err
}

// redactedHeader copies a header, hiding credentials.
func redactedHeader(h http.Header, creds *credentials) http.Header {
	out := h.Clone()
	for k := range out {
		if creds.secretHeader(k) {
			out[k] = []string{"[REDACTED]"}
		}
	}
	return out
}
