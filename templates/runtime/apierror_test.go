package runtime

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
)

func TestAPIErrorBodies(t *testing.T) {
	cases := []struct {
		name      string
		status    int
		body      string
		header    map[string]string
		typ       string
		requestID string
		message   string
		errs      []ErrorDetail
		text      string
	}{
		{
			name:   "error list",
			status: 404,
			body: `{"type":"error.list","request_id":"9818f0b2","errors":[
				{"code":"not_found","message":"Contact Not Found"},
				{"code":"parameter_invalid","message":null,"field":"email"},
				{"code":"other","message":"Line\nbreak","field":null}]}`,
			typ:       "error.list",
			requestID: "9818f0b2",
			errs: []ErrorDetail{
				{Code: "not_found", Message: "Contact Not Found"},
				{Code: "parameter_invalid", Field: "email"},
				{Code: "other", Message: "Line\nbreak"},
			},
			text: "intercom: createTag: 404 Not Found: not_found: Contact Not Found; parameter_invalid (field email); other: Line break (request_id 9818f0b2)",
		},
		{
			name:      "request id from header",
			status:    401,
			body:      `{"type":"error.list","request_id":null,"errors":[{"code":"unauthorized","message":"Access Token Invalid"}]}`,
			header:    map[string]string{"X-Request-Id": "hdr-1"},
			typ:       "error.list",
			requestID: "hdr-1",
			errs:      []ErrorDetail{{Code: "unauthorized", Message: "Access Token Invalid"}},
			text:      "intercom: createTag: 401 Unauthorized: unauthorized: Access Token Invalid (request_id hdr-1)",
		},
		{
			name:    "single error",
			status:  400,
			body:    `{"type":"error","message":"Bad request"}`,
			typ:     "error",
			message: "Bad request",
			text:    "intercom: createTag: 400 Bad Request: Bad request",
		},
		{
			name:   "field map",
			status: 422,
			body:   `{"errors":{"name":"can't be blank","email":["is invalid","is taken"]}}`,
			errs:   []ErrorDetail{{Field: "email", Message: "is invalid, is taken"}, {Field: "name", Message: "can't be blank"}},
			text:   "intercom: createTag: 422 Unprocessable Entity: is invalid, is taken (field email); can't be blank (field name)",
		},
		{
			name:    "error string",
			status:  403,
			body:    `{"error":"invalid_token"}`,
			message: "invalid_token",
			text:    "intercom: createTag: 403 Forbidden: invalid_token",
		},
		{
			name:    "message only",
			status:  429,
			body:    `{"message":"Rate limit exceeded"}`,
			header:  map[string]string{"X-RateLimit-Remaining": "0"},
			message: "Rate limit exceeded",
			text:    "intercom: createTag: 429 Too Many Requests: Rate limit exceeded",
		},
		{
			name:    "message repeated in errors is not duplicated",
			status:  409,
			body:    `{"type":"error.list","message":"Conflict","errors":[{"code":"conflict","message":"Conflict"}]}`,
			typ:     "error.list",
			message: "Conflict",
			errs:    []ErrorDetail{{Code: "conflict", Message: "Conflict"}},
			text:    "intercom: createTag: 409 Conflict: conflict: Conflict",
		},
		{
			name:   "not JSON",
			status: 502,
			body:   "<html><body>Bad Gateway</body></html>",
			text:   "intercom: createTag: 502 Bad Gateway",
		},
		{
			name:   "JSON but not an object",
			status: 500,
			body:   `["boom"]`,
			text:   "intercom: createTag: 500 Internal Server Error",
		},
		{
			name:   "empty body",
			status: 503,
			text:   "intercom: createTag: 503 Service Unavailable",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				for k, v := range c.header {
					w.Header().Set(k, v)
				}
				w.WriteHeader(c.status)
				_, _ = w.Write([]byte(c.body))
			}))
			defer srv.Close()
			core := newClientCore("t", "2.11", []Option{WithBaseURL(srv.URL)})
			err := callJSON(context.Background(), core, &request{op: testOp, path: "/tags/1"}, new(testTag), nil)
			var e *APIError
			if !errors.As(fmt.Errorf("wrapped: %w", err), &e) {
				t.Fatalf("err = %v (%T), want *APIError", err, err)
			}
			if e.StatusCode != c.status || e.Status != fmt.Sprintf("%d %s", c.status, http.StatusText(c.status)) {
				t.Errorf("status %d %q", e.StatusCode, e.Status)
			}
			if e.Operation != "createTag" || e.Method != http.MethodPost || e.URL != srv.URL+"/tags/1" {
				t.Errorf("request info %q %q %q", e.Operation, e.Method, e.URL)
			}
			if e.Type != c.typ || e.RequestID != c.requestID || e.Message != c.message {
				t.Errorf("type %q request_id %q message %q", e.Type, e.RequestID, e.Message)
			}
			if !reflect.DeepEqual(e.Errors, c.errs) {
				t.Errorf("errors %+v\nwant %+v", e.Errors, c.errs)
			}
			if string(e.Body) != c.body {
				t.Errorf("body %q", e.Body)
			}
			for k, v := range c.header {
				if e.Header.Get(k) != v {
					t.Errorf("header %s = %q", k, e.Header.Get(k))
				}
			}
			if got := e.Error(); got != c.text {
				t.Errorf("Error()\n got %s\nwant %s", got, c.text)
			}
		})
	}
}

func TestAPIErrorBodyIsCapped(t *testing.T) {
	big := strings.Repeat("x", 2*maxErrorBody)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusInternalServerError)
		_, _ = w.Write([]byte(big))
	}))
	defer srv.Close()
	core := newClientCore("t", "2.11", []Option{WithBaseURL(srv.URL)})
	err := callNoContent(context.Background(), core, &request{op: testOp, path: "/x"}, nil)
	var e *APIError
	if !errors.As(err, &e) {
		t.Fatalf("err = %v", err)
	}
	if len(e.Body) != maxErrorBody {
		t.Errorf("kept %d bytes, want %d", len(e.Body), maxErrorBody)
	}
}

func TestAPIErrorWithoutStatusText(t *testing.T) {
	e := &APIError{StatusCode: 418, Errors: []ErrorDetail{{Message: "short and stout"}}}
	if got := e.Error(); got != "intercom: 418 I'm a teapot: short and stout" {
		t.Errorf("got %q", got)
	}
}
