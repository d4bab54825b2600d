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
	c := &clientCore{token: token, version: version, config: requestConfig{baseURL: string(RegionUS)}}
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
	// version is an Intercom-Version the description requires for this
	// operation; "" means the client's.
	version string
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

// send builds, sends and checks one request. On success the caller owns
// the response body; any other status becomes an *APIError. With
// redirect, redirects are not followed and a 3xx answer is the success.
func (c *clientCore) send(ctx context.Context, r *request, opts []Option, accept string, redirect bool) (*http.Response, error) {
	if ctx == nil {
		return nil, callError(r, "nil context")
	}
	cfg := c.callConfig(r, opts)
	query, paramHeader, err := encodeParams(r.params)
	if err != nil {
		return nil, callError(r, "%w", err)
	}

	var body io.Reader
	var contentType string
	var pipe *io.PipeReader
	switch {
	case !isNilArg(r.form):
		pr, ct, err := startMultipart(r.form)
		if err != nil {
			return nil, callError(r, "%w", err)
		}
		body, contentType, pipe = pr, ct, pr
	case !isNilArg(r.body):
		enc, err := appendValue(nil, reflect.ValueOf(r.body), 0)
		if err != nil {
			return nil, callError(r, "encoding the request body: %w", err)
		}
		body, contentType = bytes.NewReader(enc), "application/json"
	}

	target := cfg.baseURL + r.path
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
	req, err := http.NewRequestWithContext(context.WithValue(ctx, operationContextKey{}, r.op), method, target, body)
	if err != nil {
		if pipe != nil {
			pipe.CloseWithError(err)
		}
		return nil, callError(r, "%w", err)
	}

	h := req.Header
	if c.token != "" {
		h.Set("Authorization", "Bearer "+c.token)
	}
	if cfg.version != "" {
		h.Set("Intercom-Version", cfg.version)
	}
	h.Set("Accept", accept)
	if contentType != "" {
		h.Set("Content-Type", contentType)
	}
	ua := cfg.userAgent
	if ua == "" {
		ua = "intercom-gen-sdk (Intercom-Version " + cfg.version + ")"
	}
	h.Set("User-Agent", ua)
	for k, vs := range paramHeader {
		h[k] = vs
	}
	for k, vs := range cfg.header {
		h[k] = append([]string(nil), vs...)
	}

	hc := cfg.httpClient
	if redirect {
		// Not following is what lets us return the Location; it also
		// keeps the token from ever travelling to the redirect's host.
		noFollow := *hc
		noFollow.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
		hc = &noFollow
	}
	resp, err := hc.Do(req)
	if err != nil {
		return nil, callError(r, "%w", err)
	}
	ok := resp.StatusCode >= 200 && resp.StatusCode < 300
	if redirect {
		ok = resp.StatusCode >= 300 && resp.StatusCode < 400
	}
	if !ok {
		defer resp.Body.Close()
		return nil, newAPIError(resp, req, r.op.ID)
	}
	return resp, nil
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
	target := reflect.ValueOf(out)
	if target.Kind() != reflect.Pointer || target.IsNil() {
		// Checked before sending: the answer could not be kept anyway.
		return callError(r, "callJSON needs a non-nil pointer, got %T", out)
	}
	resp, err := c.send(ctx, r, opts, "application/json", false)
	if err != nil {
		return err
	}
	defer discardBody(resp.Body)
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return callError(r, "reading the response: %w", err)
	}
	if err := decodeResponse(data, target.Elem()); err != nil {
		return callError(r, "decoding the response: %w", err)
	}
	return nil
}

// decodeResponse decodes a success body. Mismatches inside the value are
// tolerated as everywhere; only a body that is not JSON, or whose top
// level cannot be represented at all (an array for a model, say), fails.
func decodeResponse(data []byte, v reflect.Value) error {
	data = trimJSONSpace(data)
	if len(data) == 0 {
		return nil
	}
	if err := checkJSON(data); err != nil {
		return err
	}
	if data[0] == 'n' {
		return nil
	}
	if ct := codecOf(v.Type()); ct.kind == codecObject {
		_, err := decodeObjectInto(data, v, ct, 0)
		return err
	}
	if decodeValue(data, v, 0) == fitFailed {
		return fmt.Errorf("cannot decode a JSON %s into %s", jsonKindName(data), v.Type())
	}
	return nil
}

// callNoContent performs an operation whose success answer has no useful
// body (typically 202 or 204).
func callNoContent(ctx context.Context, c *clientCore, r *request, opts []Option) error {
	resp, err := c.send(ctx, r, opts, "application/json", false)
	if err != nil {
		return err
	}
	discardBody(resp.Body)
	return nil
}

// callText performs an operation that answers with text/plain.
func callText(ctx context.Context, c *clientCore, r *request, opts []Option) (string, error) {
	resp, err := c.send(ctx, r, opts, "text/plain", false)
	if err != nil {
		return "", err
	}
	defer discardBody(resp.Body)
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return "", callError(r, "reading the response: %w", err)
	}
	return string(data), nil
}

// callStream performs an operation that answers with a file and returns
// the body as it arrives; the caller must close it.
func callStream(ctx context.Context, c *clientCore, r *request, opts []Option) (io.ReadCloser, error) {
	resp, err := c.send(ctx, r, opts, "application/octet-stream", false)
	if err != nil {
		return nil, err
	}
	return resp.Body, nil
}

// callRedirect performs an operation that answers with a redirect and
// returns its Location (resolved against the request URL) without
// following it.
func callRedirect(ctx context.Context, c *clientCore, r *request, opts []Option) (*url.URL, error) {
	resp, err := c.send(ctx, r, opts, "application/json", true)
	if err != nil {
		return nil, err
	}
	defer discardBody(resp.Body)
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
