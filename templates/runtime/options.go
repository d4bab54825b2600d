package runtime

import (
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Option configures the client (given to NewClient) or a single call
// (given to an operation method, where it overrides the client's setting
// for that call only).
type Option func(*requestConfig)

// requestConfig is what Options set. Per-call options act on a copy of the
// client's config, so nothing here is shared between calls once resolved.
type requestConfig struct {
	baseURL    string
	httpClient *http.Client
	userAgent  string
	header     http.Header
	version    string
	// query holds extra query parameters (WithQueryParam).
	query url.Values
	// timeout bounds a whole call, retries and waits included.
	timeout time.Duration
	// retry is the retry policy (retry.go).
	retry retryPolicy
	// middleware wraps every attempt, outermost first.
	middleware []Middleware
	// logger receives debug records of every attempt when set.
	logger *slog.Logger
	// response receives the final answer of a call (WithResponse).
	response *Response
	// clock waits and tells the time; tests replace it.
	clock clock
	// maxBody caps how many bytes of a success body are read into memory
	// (0 means DefaultMaxResponseBytes).
	maxBody int64
	// tokens, when set, gives each call its token in place of the one
	// NewClient was given (tokensource.go).
	tokens tokenSource
	// basic and keys are the client's other credentials: HTTP basic
	// authentication and API keys by scheme (auth.go).
	basic *basicAuth
	keys  map[*securityScheme]string
	// security is how operations without their own authenticate.
	security []securityRequirement
	// server is the server's URL template and the values of its
	// variables, used when baseURL is empty (server.go).
	server *serverTemplate
	// sent are the credentials of the call, which logs do not show.
	sent *credentials
}

// DefaultMaxResponseBytes is how large a success body may be before a
// call fails instead of reading it: far above any list an API sends,
// low enough that a misbehaving server cannot exhaust memory. Downloads
// (operations returning an io.ReadCloser) are streamed and not capped.
const DefaultMaxResponseBytes = 256 << 20

// WithMaxResponseBytes sets how many bytes of a success body a call reads
// into memory; a larger body fails the call with an error saying so. n <=
// 0 restores DefaultMaxResponseBytes.
func WithMaxResponseBytes(n int64) Option {
	return func(c *requestConfig) { c.maxBody = n }
}

// WithBaseURL sends requests to another base URL, such as a proxy or a
// test server. Operation paths are appended to it.
func WithBaseURL(baseURL string) Option {
	baseURL = strings.TrimRight(baseURL, "/")
	return func(c *requestConfig) { c.baseURL = baseURL }
}

// WithHTTPClient sends requests with hc instead of http.DefaultClient;
// that is where timeouts, proxies and middleware (a custom
// http.RoundTripper) go.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *requestConfig) { c.httpClient = hc }
}

// WithUserAgent replaces the default User-Agent header.
func WithUserAgent(ua string) Option {
	return func(c *requestConfig) { c.userAgent = ua }
}

// WithHeader adds a header to requests. Giving the same key again, to the
// client or to a call, adds another value. These headers are applied last,
// so they replace the client's own value of the same header (User-Agent,
// Accept, even Authorization for a custom scheme).
func WithHeader(key, value string) Option {
	return func(c *requestConfig) {
		if c.header == nil {
			c.header = make(http.Header)
		}
		c.header.Add(key, value)
	}
}

// WithQueryParam adds a query parameter to requests, for parameters the
// description does not declare (such as per_page on an older version's
// list). Giving the same key again adds another value; a value given here
// replaces the one the params struct sets for the same key.
func WithQueryParam(key, value string) Option {
	return func(c *requestConfig) {
		c.query = cloneValues(c.query)
		c.query.Add(key, value)
	}
}

// WithTimeout bounds each call, retries and the waits between them
// included; 0 means no bound beyond the context's. For an operation that
// returns a body to read (a download), the bound also covers reading it.
func WithTimeout(d time.Duration) Option {
	return func(c *requestConfig) { c.timeout = d }
}

// cloneValues copies query values so that per-call options never write to
// the client's map.
func cloneValues(v url.Values) url.Values {
	out := make(url.Values, len(v)+1)
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}
