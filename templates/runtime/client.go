package runtime

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// clientCore is the state shared by a Client and all its services.
// It is immutable after newClientCore, hence safe for concurrent use.
type clientCore struct {
	token   string
	version string // the package's pinned Intercom-Version
	config  requestConfig
}

// newClientCore applies the client-level options over the defaults.
func newClientCore(token, version string, opts []Option) *clientCore {
	c := &clientCore{token: token, version: version}
	for _, o := range opts {
		if o != nil {
			o(&c.config)
		}
	}
	return c
}

// request describes one call of an operation, as generated methods build
// it.
type request struct {
	op Operation
	// path is the operation's path with its parameters already escaped.
	path string
	// params points to the generated params struct; nil (even a typed nil
	// pointer) means none.
	params any
	// body is the JSON body, usually a pointer to a model; nil (even a
	// typed nil pointer) means no body.
	body any
	// form points to a multipart form struct; nil means none.
	form any
	// urlForm points to a form struct sent URL-encoded; nil means none.
	urlForm any
	// version is an Intercom-Version the description requires for this
	// operation; "" means the client's.
	version string
	// query holds query parameters set by the runtime itself (a page
	// cursor); they replace the params struct's for the same key.
	query url.Values
	// bodyEdit rewrites the encoded JSON body (a search's page cursor).
	bodyEdit func([]byte) ([]byte, error)
	// payload is a JSON body already encoded by the caller (a raw call);
	// when set, body is ignored.
	payload []byte
	// raw is a body sent as it is (text, a file), with rawType as its
	// Content-Type; nil means none.
	raw     io.Reader
	rawType string
	// next is the URL of a page a Link header named (pageLink): it
	// replaces the base URL, the path and the params' query, which it
	// already holds.
	next string
}

// callConfig resolves the configuration of one call. Per-call options
// work on a copy, with a copy of the header map, so the client's config is
// never written after construction.
func (c *clientCore) callConfig(r *request, opts []Option) requestConfig {
	cfg := c.config
	cfg.version = ""
	if len(opts) > 0 {
		cfg.header = cfg.header.Clone()
		for _, o := range opts {
			if o != nil {
				o(&cfg)
			}
		}
	}
	// Intercom-Version precedence: per call, then what the operation
	// requires, then the client's option, then the package's pin.
	switch {
	case cfg.version != "":
	case r.version != "":
		cfg.version = r.version
	case c.config.version != "":
		cfg.version = c.config.version
	default:
		cfg.version = c.version
	}
	if cfg.httpClient == nil {
		cfg.httpClient = http.DefaultClient
	}
	return cfg
}

// isNilArg reports whether a params, body or form argument means "none":
// a nil interface or a nil pointer stored in one.
func isNilArg(x any) bool {
	if x == nil {
		return true
	}
	v := reflect.ValueOf(x)
	return v.Kind() == reflect.Pointer && v.IsNil()
}

// callError wraps a failure that is not an API error with the operation.
func callError(r *request, format string, args ...any) error {
	err := fmt.Errorf(format, args...)
	if r.op.ID == "" {
		return fmt.Errorf("intercom: %w", err)
	}
	return fmt.Errorf("intercom: %s: %w", r.op.ID, err)
}

// callMode says what a call does with a success answer's body.
type callMode uint8

const (
	// modeBuffered reads the whole body (JSON, text and empty answers).
	modeBuffered callMode = iota
	// modeStream hands the body to the caller unread.
	modeStream
	// modeRedirect expects a 3xx and does not follow it.
	modeRedirect
)

// exchange sends a request, retrying as the call's policy allows, and
// checks the answer: any status but 2xx (3xx in redirect mode) becomes an
// *APIError. In buffered mode the body is read (a body cut short counts as
// a failed attempt) and returned; otherwise the caller owns resp.Body.
func (c *clientCore) exchange(ctx context.Context, r *request, opts []Option, accept string, mode callMode) (*http.Response, []byte, error) {
	if ctx == nil {
		return nil, nil, callError(r, "nil context")
	}
	cfg := c.callConfig(r, opts)
	cancel := context.CancelFunc(func() {})
	if cfg.timeout > 0 {
		ctx, cancel = context.WithTimeout(ctx, cfg.timeout)
	}
	resp, body, err := c.attempts(ctx, &cfg, r, accept, mode)
	if err == nil && mode == modeStream {
		resp.Body = &cancelOnClose{ReadCloser: resp.Body, cancel: cancel}
	} else {
		cancel()
	}
	return resp, body, err
}

// cancelOnClose releases a call's timeout when the caller closes the body
// it was handed.
type cancelOnClose struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (b *cancelOnClose) Close() error {
	err := b.ReadCloser.Close()
	b.cancel()
	return err
}

// attempts is exchange's loop: it encodes the request once and sends it
// until it succeeds, fails for good, or the policy runs out.
func (c *clientCore) attempts(ctx context.Context, cfg *requestConfig, r *request, accept string, mode callMode) (*http.Response, []byte, error) {
	query, paramHeader, err := encodeParams(r.params)
	if err != nil {
		return nil, nil, callError(r, "%w", err)
	}
	// The credentials (a token from its source) are looked up once per
	// call: retries send the same ones, and a source that fails is the
	// caller's problem, not a transient answer worth repeating.
	creds, err := c.credentialsFor(ctx, cfg, r)
	if err != nil {
		return nil, nil, callError(r, "%w", err)
	}
	if r.next != "" {
		// A linked page's URL holds the query already.
		query = nil
	}
	cfg.sent = creds
	var credQuery url.Values
	if creds != nil {
		credQuery = creds.query
	}
	for _, extra := range []url.Values{credQuery, r.query, cfg.query} {
		for k, vs := range extra {
			if query == nil {
				query = url.Values{}
			}
			query[k] = vs
		}
	}

	// The body is encoded once, so every attempt sends the same bytes.
	payload, payloadType := r.payload, "application/json"
	form := !isNilArg(r.form)
	raw, err := newRawBody(r.raw)
	if err != nil {
		return nil, nil, callError(r, "reading the request body: %w", err)
	}
	switch {
	case !isNilArg(r.urlForm):
		payloadType = "application/x-www-form-urlencoded"
		if payload, err = encodeURLForm(r.urlForm); err == nil && payload == nil {
			payload = []byte{}
		}
		if err != nil {
			return nil, nil, callError(r, "encoding the request body: %w", err)
		}
	case !form && payload == nil && !isNilArg(r.body):
		payload, err = appendValue(nil, reflect.ValueOf(r.body), 0)
		if err == nil && r.bodyEdit != nil {
			payload, err = r.bodyEdit(payload)
		}
		if err != nil {
			return nil, nil, callError(r, "encoding the request body: %w", err)
		}
	}

	base := cfg.baseURL
	if base == "" && cfg.server != nil {
		if base, err = cfg.server.baseURL(); err != nil {
			return nil, nil, callError(r, "%w", err)
		}
	}
	if base == "" {
		return nil, nil, callError(r, "no base URL: the description lists no server to send requests to; give the client WithBaseURL")
	}
	target := base + r.path
	if r.next != "" {
		target, query = withQuery(r.next, query), nil
	}
	if len(query) > 0 {
		sep := "?"
		if strings.Contains(target, "?") {
			sep = "&"
		}
		target += sep + query.Encode()
	}
	method := r.op.Method
	if method == "" {
		method = http.MethodGet
	}
	hc := cfg.httpClient
	if mode == modeRedirect {
		// Not following is what lets us return the Location; it also
		// keeps the token from ever travelling to the redirect's host.
		noFollow := *hc
		noFollow.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
		hc = &noFollow
	}
	clk := cfg.clock
	if clk == nil {
		clk = realClock{}
	}
	retries, maxWait := cfg.retry.retries(), cfg.retry.wait()
	if maxWait == 0 || form || raw != nil && !raw.rewindable() {
		// A multipart body is streamed from the caller's readers, and so
		// is a raw body that cannot seek: neither can be sent twice.
		retries = 0
	}
	idempotent := isIdempotent(method, cfg.retry)
	opCtx := context.WithValue(ctx, operationContextKey{}, r.op)

	for attempt := 1; ; attempt++ {
		var body io.Reader
		var contentType string
		var pipe *io.PipeReader
		switch {
		case form:
			pr, ct, err := startMultipart(r.form)
			if err != nil {
				return nil, nil, callError(r, "%w", err)
			}
			body, contentType, pipe = pr, ct, pr
		case raw != nil:
			if err := raw.rewind(); err != nil {
				return nil, nil, callError(r, "rewinding the request body: %w", err)
			}
			body, contentType = raw.reader(), r.rawType
		case payload != nil:
			body, contentType = bytes.NewReader(payload), payloadType
		}
		req, err := http.NewRequestWithContext(context.WithValue(opCtx, attemptContextKey{}, attempt), method, target, body)
		if err != nil {
			if pipe != nil {
				pipe.CloseWithError(err)
			}
			return nil, nil, callError(r, "%w", err)
		}
		if raw != nil && raw.size >= 0 && req.ContentLength <= 0 {
			req.ContentLength = raw.size
		}
		setHeaders(req, cfg, creds, accept, contentType, paramHeader)

		canRetry := attempt <= retries
		var wait time.Duration
		var failure error
		resp, err := cfg.roundTrip(hc, req)
		switch {
		case err != nil:
			failure = callError(r, "%w", redactError(err, creds))
			// A POST is only sent again when it never left.
			if !canRetry || ctx.Err() != nil || !(idempotent || notSent(err)) {
				return nil, nil, failure
			}
			wait = backoff(clk, attempt-1, maxWait)
		case resp.StatusCode >= 200 && resp.StatusCode < 300,
			resp.StatusCode >= 300 && resp.StatusCode < 400 && mode == modeRedirect:
			// Any 2xx is a success, documented or not (a redirecting
			// operation that answers 200 has no Location to return).
			if mode != modeBuffered {
				cfg.capture(resp, nil, attempt)
				return resp, nil, nil
			}
			data, rerr := readLimited(resp.Body, cfg.maxBody)
			_ = resp.Body.Close()
			cfg.capture(resp, data, attempt)
			if rerr == nil {
				return resp, data, nil
			}
			if errors.Is(rerr, errBodyTooLarge) {
				// Asking again would get the same answer.
				return nil, nil, callError(r, "%s response: %w", resp.Status, rerr)
			}
			failure = callError(r, "reading the response: %w", rerr)
			// The server did the work; only a safe request is repeated.
			if !canRetry || ctx.Err() != nil || !idempotent {
				return nil, nil, failure
			}
			wait = backoff(clk, attempt-1, maxWait)
		default:
			apiErr := newAPIError(resp, req, r.op.ID)
			apiErr.URL = creds.redactURL(apiErr.URL)
			_ = resp.Body.Close()
			cfg.capture(resp, apiErr.Body, attempt)
			failure = apiErr
			switch {
			case !canRetry:
				return nil, nil, apiErr
			case resp.StatusCode == http.StatusTooManyRequests:
				// Not processed, so any method may be sent again, but
				// only if the limit resets soon enough.
				d, ok := rateLimitWait(clk, resp.Header, attempt-1, maxWait)
				if !ok {
					return nil, nil, apiErr
				}
				wait = d
			case idempotent && retryableStatus(resp.StatusCode):
				wait = backoff(clk, attempt-1, maxWait)
				if d, ok := parseRetryAfter(resp.Header, clk.now()); ok {
					if d > maxWait {
						return nil, nil, apiErr
					}
					wait = d
				}
			default:
				return nil, nil, apiErr
			}
		}
		if err := clk.sleep(ctx, wait); err != nil {
			return nil, nil, callError(r, "waiting %v to retry: %w; last attempt: %w", wait.Round(time.Millisecond), err, failure)
		}
	}
}

// setHeaders writes a request's headers: credentials and version, then
// the content headers, the parameters' headers and the caller's own.
func setHeaders(req *http.Request, cfg *requestConfig, creds *credentials, accept, contentType string, paramHeader http.Header) {
	h := req.Header
	creds.apply(req)
	if cfg.version != "" {
		h.Set("Intercom-Version", cfg.version)
	}
	h.Set("Accept", accept)
	if contentType != "" {
		h.Set("Content-Type", contentType)
	}
	ua := cfg.userAgent
	if ua == "" {
		ua = "intercom-gen-sdk"
		if cfg.version != "" {
			ua += " (Intercom-Version " + cfg.version + ")"
		}
	}
	h.Set("User-Agent", ua)
	for k, vs := range paramHeader {
		h[k] = vs
	}
	for k, vs := range cfg.header {
		h[k] = append([]string(nil), vs...)
	}
}

// errBodyTooLarge is a success body above the call's limit.
var errBodyTooLarge = errors.New("body larger than the limit")

// readLimited reads a whole body of at most limit bytes
// (DefaultMaxResponseBytes when limit <= 0).
func readLimited(body io.Reader, limit int64) ([]byte, error) {
	if limit <= 0 {
		limit = DefaultMaxResponseBytes
	}
	data, err := io.ReadAll(io.LimitReader(body, limit+1))
	if err == nil && int64(len(data)) > limit {
		return nil, fmt.Errorf("%w of %d bytes (WithMaxResponseBytes raises it)", errBodyTooLarge, limit)
	}
	return data, err
}

// discardBody lets the connection be reused: a body must be read to its
// end for that, but there is no point reading a large one.
func discardBody(body io.ReadCloser) {
	_, _ = io.Copy(io.Discard, io.LimitReader(body, 64<<10))
	_ = body.Close()
}

// callJSON performs an operation that answers with JSON and decodes the
// answer leniently into out, a non-nil pointer (usually to a zero value).
// An empty or null body leaves out untouched. It is not generic on
// purpose: an instantiation per result type would be compiled for every
// operation's answer.
func callJSON(ctx context.Context, c *clientCore, r *request, out any, opts []Option) error {
	_, err := callJSONRaw(ctx, c, r, out, opts)
	return err
}

// callJSONRaw is callJSON that also returns the body it decoded.
func callJSONRaw(ctx context.Context, c *clientCore, r *request, out any, opts []Option) ([]byte, error) {
	target := reflect.ValueOf(out)
	if target.Kind() != reflect.Pointer || target.IsNil() {
		// Checked before sending: the answer could not be kept anyway.
		return nil, callError(r, "callJSON needs a non-nil pointer, got %T", out)
	}
	resp, data, err := c.exchange(ctx, r, opts, "application/json", modeBuffered)
	if err != nil {
		return nil, err
	}
	if r.op.jsonStatus != 0 && resp.StatusCode != r.op.jsonStatus {
		// A 2xx the description does not document with JSON: decoded
		// when it fits, else the zero value (the body stays readable
		// through WithResponse).
		if decodeResponse(data, target.Elem()) != nil {
			target.Elem().SetZero()
		}
		return data, nil
	}
	// 204 and 205 never carry a body, whatever a description says: their
	// answer is the zero value.
	bodiless := resp.StatusCode == http.StatusNoContent || resp.StatusCode == http.StatusResetContent
	if r.op.jsonStatus != 0 && len(trimJSONSpace(data)) == 0 && !bodiless {
		return nil, callError(r, "%s response with an empty body, where the description documents a JSON %s", resp.Status, target.Elem().Type())
	}
	if err := decodeResponse(data, target.Elem()); err != nil {
		return nil, callError(r, "decoding the response (%s): %w", resp.Status, err)
	}
	return data, nil
}

// decodeResponse decodes a success body. Mismatches inside the value are
// tolerated as everywhere; only a body that is not JSON, or whose top
// level cannot be represented at all (an array for a model, say), fails.
func decodeResponse(data []byte, v reflect.Value) error {
	if len(trimJSONSpace(data)) == 0 {
		return nil
	}
	// One pass over the body, which also validates it.
	ct := codecOf(v.Type())
	fit, _, err := decodeDocument(data, v.Addr().UnsafePointer(), ct)
	if err == nil && fit == fitFailed {
		return fmt.Errorf("cannot decode a JSON %s into %s", jsonKindName(trimJSONSpace(data)), v.Type())
	}
	return err
}

// callNoContent performs an operation whose success answer has no useful
// body (typically 202 or 204).
func callNoContent(ctx context.Context, c *clientCore, r *request, opts []Option) error {
	_, _, err := c.exchange(ctx, r, opts, "application/json", modeBuffered)
	return err
}

// callText performs an operation that answers with text/plain.
func callText(ctx context.Context, c *clientCore, r *request, opts []Option) (string, error) {
	_, data, err := c.exchange(ctx, r, opts, "text/plain", modeBuffered)
	if err != nil {
		return "", err
	}
	return string(data), nil
}

// callStream performs an operation that answers with a file and returns
// the body as it arrives; the caller must close it.
func callStream(ctx context.Context, c *clientCore, r *request, opts []Option) (io.ReadCloser, error) {
	resp, _, err := c.exchange(ctx, r, opts, "application/octet-stream", modeStream)
	if err != nil {
		return nil, err
	}
	return resp.Body, nil
}

// callRedirect performs an operation that answers with a redirect and
// returns its Location (resolved against the request URL) without
// following it.
func callRedirect(ctx context.Context, c *clientCore, r *request, opts []Option) (*url.URL, error) {
	resp, _, err := c.exchange(ctx, r, opts, "application/json", modeRedirect)
	if err != nil {
		return nil, err
	}
	defer discardBody(resp.Body)
	if resp.StatusCode < 300 {
		return nil, nil // a success without a redirect: nothing to follow
	}
	loc, err := resp.Location()
	if err != nil {
		if errors.Is(err, http.ErrNoLocation) {
			return nil, callError(r, "%s redirect without a Location header", resp.Status)
		}
		return nil, callError(r, "redirect Location: %w", err)
	}
	return loc, nil
}

// pathParam formats one path parameter for the request path, escaped so
// that a value containing "/" or "?" stays one path segment.
func pathParam(v any) string {
	switch x := v.(type) {
	case string:
		return url.PathEscape(x)
	case int:
		return strconv.Itoa(x)
	case UnixTime:
		return strconv.FormatInt(int64(x), 10)
	case time.Time:
		return url.PathEscape(x.Format(time.RFC3339Nano))
	}
	rv := reflect.ValueOf(v)
	if !rv.IsValid() {
		return ""
	}
	pv, ok := paramValue(rv)
	if !ok {
		return "" // nil pointer, absent or null Nullable
	}
	if s, ok := scalarParamText(pv); ok {
		return url.PathEscape(s)
	}
	return url.PathEscape(fmt.Sprint(pv.Interface()))
}
