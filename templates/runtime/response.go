package runtime

import "net/http"

// Response is the raw answer to a call, as WithResponse captures it.
type Response struct {
	// StatusCode and Status are the final response's, e.g. 200 and "200 OK".
	StatusCode int
	Status     string
	// Header is the final response's header.
	Header http.Header
	// Body is the final response's body as received: the JSON a result was
	// decoded from, or an error body (up to 1 MiB). It is nil for
	// operations that hand the body to the caller (downloads) or answer
	// with a redirect.
	Body []byte
	// RequestID is the X-Request-Id response header.
	RequestID string
	// RateLimit is read from the final response's headers.
	RateLimit RateLimit
	// Attempts is how many requests the call sent (1 without retries).
	Attempts int
}

// WithResponse makes a call fill dst with its final raw response: status,
// headers, body bytes, rate limit and the number of attempts. It is meant
// for a single call; given to NewClient, every call overwrites dst, which
// is then not safe for concurrent calls. dst is left untouched when no
// response arrived at all (a connection error).
func WithResponse(dst *Response) Option {
	return func(c *requestConfig) { c.response = dst }
}

// capture fills the WithResponse destination, if any.
func (cfg *requestConfig) capture(resp *http.Response, body []byte, attempts int) {
	if cfg.response == nil || resp == nil {
		return
	}
	*cfg.response = Response{
		StatusCode: resp.StatusCode,
		Status:     resp.Status,
		Header:     resp.Header,
		Body:       body,
		RequestID:  resp.Header.Get("X-Request-Id"),
		RateLimit:  RateLimitFromHeader(resp.Header),
		Attempts:   attempts,
	}
}
