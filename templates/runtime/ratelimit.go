package runtime

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// RateLimit is what the API says about the caller's rate limit in the
// X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset headers
// of a response. Every response carries it: read it from an *APIError
// (APIError.RateLimit) or, for any call, through WithResponse.
type RateLimit struct {
	// Limit is the number of calls allowed in the current window.
	Limit int
	// Remaining is the number of calls left in the current window.
	Remaining int
	// Reset is when the window resets (X-RateLimit-Reset, Unix seconds);
	// zero when the header is absent.
	Reset time.Time
	// Present reports whether any of the three headers was sent.
	Present bool
}

// RateLimitFromHeader reads the rate-limit headers of a response. Headers
// that are absent or not numbers leave their field zero.
func RateLimitFromHeader(h http.Header) RateLimit {
	var rl RateLimit
	if v, ok := headerInt(h, "X-RateLimit-Limit"); ok {
		rl.Limit, rl.Present = int(v), true
	}
	if v, ok := headerInt(h, "X-RateLimit-Remaining"); ok {
		rl.Remaining, rl.Present = int(v), true
	}
	if v, ok := headerInt(h, "X-RateLimit-Reset"); ok && v > 0 {
		rl.Reset, rl.Present = time.Unix(v, 0), true
	}
	return rl
}

func headerInt(h http.Header, key string) (int64, bool) {
	s := strings.TrimSpace(h.Get(key))
	if s == "" {
		return 0, false
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		// Some proxies send a decimal.
		f, ferr := strconv.ParseFloat(s, 64)
		if ferr != nil {
			return 0, false
		}
		v = int64(f)
	}
	return v, true
}

// retryAfter returns how long the server asks the client to wait before
// trying again: Retry-After (seconds or an HTTP date) when sent, else the
// time until X-RateLimit-Reset. ok is false when neither header says.
func retryAfter(h http.Header, now time.Time) (d time.Duration, ok bool) {
	if d, ok := parseRetryAfter(h, now); ok {
		return d, true
	}
	if rl := RateLimitFromHeader(h); !rl.Reset.IsZero() {
		return max(rl.Reset.Sub(now), 0), true
	}
	return 0, false
}

// parseRetryAfter reads a Retry-After header: delay seconds or an HTTP date.
func parseRetryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	s := strings.TrimSpace(h.Get("Retry-After"))
	if s == "" {
		return 0, false
	}
	if secs, err := strconv.ParseFloat(s, 64); err == nil && secs >= 0 && secs < 1e9 {
		return time.Duration(secs * float64(time.Second)), true
	}
	if t, err := http.ParseTime(s); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}
