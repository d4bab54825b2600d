package runtime

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// APIError is the error returned for every response with an unsuccessful
// status (anything but 2xx, or anything but 3xx for operations that answer
// with a redirect). Use errors.As to inspect it:
//
//	var apiErr *intercom.APIError
//	if errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusNotFound { … }
//
// The body is parsed leniently: error lists (Intercom's), single errors,
// field→message maps and plain {"message": …} bodies all fill Errors or
// Message; anything else is only in Body.
type APIError struct {
	// StatusCode and Status are the response's, e.g. 404 and "404 Not Found".
	StatusCode int
	Status     string
	// Operation is the ID of the operation that failed.
	Operation string
	// Method and URL are the request's.
	Method string
	URL    string
	// Type is the body's "type", usually "error.list".
	Type string
	// RequestID identifies the request to the API's support: the body's
	// request_id, or else the X-Request-Id response header.
	RequestID string
	// Errors are the individual errors of the body, in order.
	Errors []ErrorDetail
	// Message is a top-level message of the body, if it has one.
	Message string
	// Header is the response header (rate-limit headers, for instance).
	Header http.Header
	// RateLimit is read from the response's X-RateLimit-* headers; on a
	// 429 that the client did not retry (the limit resets later than
	// WithMaxRetryWait allows, or retries ran out) RateLimit.Reset says
	// when to try again.
	RateLimit RateLimit
	// Body is the response body, up to 1 MiB.
	Body []byte
}

// ErrorDetail is one error of an error response.
type ErrorDetail struct {
	// Code is machine-readable, e.g. "not_found" or "parameter_invalid".
	Code string
	// Message is for humans.
	Message string
	// Field names the offending parameter, when the error concerns one.
	Field string
}

// maxErrorBody caps what is read of an error response: it is kept in the
// error, and a misbehaving proxy may send a lot.
const maxErrorBody = 1 << 20

// Error returns a one-line summary: the package's name, then e.g.
// "createContact: 404 Not Found: not_found: Contact Not Found (request_id 123)".
func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString("intercom: ")
	switch {
	case e.Operation != "":
		b.WriteString(e.Operation)
		b.WriteString(": ")
	case e.Method != "" && e.URL != "":
		// A raw call (Client.Do) has no operation: its method and path
		// say what failed.
		b.WriteString(e.Method)
		b.WriteString(" ")
		if u, err := url.Parse(e.URL); err == nil && u.Path != "" {
			b.WriteString(u.Path)
		} else {
			b.WriteString(e.URL)
		}
		b.WriteString(": ")
	}
	status := e.Status
	if status == "" {
		status = strconv.Itoa(e.StatusCode)
		if text := http.StatusText(e.StatusCode); text != "" {
			status += " " + text
		}
	}
	b.WriteString(status)
	var parts []string
	if e.Message != "" && !slices.ContainsFunc(e.Errors, func(d ErrorDetail) bool { return d.Message == e.Message }) {
		parts = append(parts, e.Message)
	}
	for _, d := range e.Errors {
		if s := formatErrorDetail(d); s != "" {
			parts = append(parts, s)
		}
	}
	if len(parts) > 0 {
		b.WriteString(": ")
		b.WriteString(strings.Join(parts, "; "))
	}
	if e.RequestID != "" {
		b.WriteString(" (request_id ")
		b.WriteString(e.RequestID)
		b.WriteString(")")
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

func formatErrorDetail(d ErrorDetail) string {
	s := d.Message
	switch {
	case d.Code != "" && s != "":
		s = d.Code + ": " + s
	case d.Code != "":
		s = d.Code
	}
	if d.Field != "" {
		s += " (field " + d.Field + ")"
	}
	return strings.TrimSpace(s)
}

// newAPIError reads (a capped amount of) the response body and parses it.
// The caller closes the body.
func newAPIError(resp *http.Response, req *http.Request, opID string) *APIError {
	body, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	e := &APIError{
		StatusCode: resp.StatusCode,
		Status:     resp.Status,
		Operation:  opID,
		Header:     resp.Header,
		RateLimit:  RateLimitFromHeader(resp.Header),
		Body:       body,
	}
	if req != nil {
		e.Method = req.Method
		if req.URL != nil {
			e.URL = req.URL.String()
		}
	}
	e.parseBody(body)
	if e.RequestID == "" {
		e.RequestID = resp.Header.Get("X-Request-Id")
	}
	return e
}

// parseBody fills the fields it can from the shapes APIs (and the
// proxies in front of them) are known to send; anything unexpected is
// ignored rather than reported.
func (e *APIError) parseBody(body []byte) {
	body = trimJSONSpace(body)
	if len(body) == 0 || body[0] != '{' || !json.Valid(body) {
		return
	}
	for _, m := range jsonObjectEntries(body) {
		switch m.key {
		case "type":
			e.Type = scalarText(m.val)
		case "request_id":
			e.RequestID = scalarText(m.val)
		case "message":
			e.Message = scalarText(m.val)
		case "error":
			switch m.val[0] {
			case '{':
				e.Errors = append(e.Errors, errorDetailOf(m.val))
			case '[':
				e.addErrors(m.val)
			default:
				if e.Message == "" {
					e.Message = scalarText(m.val)
				}
			}
		case "errors":
			e.addErrors(m.val)
		}
	}
}

func (e *APIError) addErrors(raw []byte) {
	switch raw[0] {
	case '[':
		for _, el := range jsonArrayElements(raw) {
			if el[0] == '{' {
				e.Errors = append(e.Errors, errorDetailOf(el))
			} else if s := scalarText(el); s != "" {
				e.Errors = append(e.Errors, ErrorDetail{Message: s})
			}
		}
	case '{':
		// {"errors": {"email": "is invalid"}}: one detail per field.
		entries := jsonObjectEntries(raw)
		sort.SliceStable(entries, func(i, j int) bool { return entries[i].key < entries[j].key })
		for _, m := range entries {
			e.Errors = append(e.Errors, ErrorDetail{Field: m.key, Message: scalarText(m.val)})
		}
	default:
		if s := scalarText(raw); s != "" {
			e.Errors = append(e.Errors, ErrorDetail{Message: s})
		}
	}
}

func errorDetailOf(raw []byte) ErrorDetail {
	var d ErrorDetail
	for _, m := range jsonObjectEntries(raw) {
		switch m.key {
		case "code":
			d.Code = scalarText(m.val)
		case "message":
			d.Message = scalarText(m.val)
		case "field":
			d.Field = scalarText(m.val)
		}
	}
	return d
}

// scalarText renders a JSON value as text: strings unquoted, null empty,
// arrays of strings joined, anything else as compact JSON.
func scalarText(raw []byte) string {
	switch raw[0] {
	case '"':
		return jsonUnquote(raw)
	case 'n':
		return ""
	case '[':
		var parts []string
		for _, el := range jsonArrayElements(raw) {
			if s := scalarText(el); s != "" {
				parts = append(parts, s)
			}
		}
		return strings.Join(parts, ", ")
	case '{':
		var b bytes.Buffer
		if json.Compact(&b, raw) == nil {
			return b.String()
		}
	}
	return string(raw)
}

// Sentinel errors for the kinds of failure a caller usually tells apart.
// An *APIError matches the one of its status with errors.Is, through any
// wrapping:
//
//	if errors.Is(err, intercom.ErrNotFound) { … }
//
// They carry no detail themselves; errors.As gives the *APIError with the
// status, request ID and the body's errors.
var (
	// ErrBadRequest is a 400: a parameter or the body was rejected.
	ErrBadRequest = errors.New("intercom: bad request")
	// ErrUnauthorized is a 401: the token is missing, invalid or revoked.
	ErrUnauthorized = errors.New("intercom: unauthorized")
	// ErrForbidden is a 403: the token lacks a permission, or the
	// workspace's plan does not include the API.
	ErrForbidden = errors.New("intercom: forbidden")
	// ErrNotFound is a 404: the object (or the route) does not exist.
	ErrNotFound = errors.New("intercom: not found")
	// ErrConflict is a 409: the object is in a state that forbids the
	// change, or already exists.
	ErrConflict = errors.New("intercom: conflict")
	// ErrUnprocessable is a 422: the request was understood but its
	// content is invalid.
	ErrUnprocessable = errors.New("intercom: unprocessable")
	// ErrRateLimited is a 429 the client did not (or could no longer)
	// wait out; the *APIError's RateLimit says when the limit resets.
	ErrRateLimited = errors.New("intercom: rate limited")
	// ErrServer is any 5xx: the API (or a proxy in front of it) failed.
	ErrServer = errors.New("intercom: server error")
)

// Is reports whether target is the sentinel error of e's status (ErrNotFound
// for a 404, ErrServer for any 5xx, and so on), which is what makes
// errors.Is(err, ErrNotFound) work.
func (e *APIError) Is(target error) bool {
	s := statusSentinel(e.StatusCode)
	return s != nil && target == s
}

func statusSentinel(status int) error {
	switch {
	case status == 400:
		return ErrBadRequest
	case status == 401:
		return ErrUnauthorized
	case status == 403:
		return ErrForbidden
	case status == 404:
		return ErrNotFound
	case status == 409:
		return ErrConflict
	case status == 422:
		return ErrUnprocessable
	case status == 429:
		return ErrRateLimited
	case status >= 500 && status <= 599:
		return ErrServer
	}
	return nil
}

// Code returns the code of the first error of the response ("" when it
// has none), the one Error also names first.
func (e *APIError) Code() string {
	for _, d := range e.Errors {
		if d.Code != "" {
			return d.Code
		}
	}
	return ""
}

// HasCode reports whether any error of the response has the given code.
func (e *APIError) HasCode(code string) bool {
	return slices.ContainsFunc(e.Errors, func(d ErrorDetail) bool { return d.Code == code })
}
