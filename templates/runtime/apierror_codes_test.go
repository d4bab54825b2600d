package runtime

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestAPIErrorIsSentinel checks errors.Is against every sentinel for a
// range of statuses, through the real call path and an extra wrapping: a
// status matches its own sentinel and no other.
func TestAPIErrorIsSentinel(t *testing.T) {
	all := []error{ErrBadRequest, ErrUnauthorized, ErrForbidden, ErrNotFound, ErrConflict, ErrUnprocessable, ErrRateLimited, ErrServer}
	cases := []struct {
		status int
		want   error // nil: matches none
	}{
		{400, ErrBadRequest}, {401, ErrUnauthorized}, {403, ErrForbidden}, {404, ErrNotFound},
		{409, ErrConflict}, {422, ErrUnprocessable}, {429, ErrRateLimited},
		{500, ErrServer}, {502, ErrServer}, {503, ErrServer}, {599, ErrServer},
		{402, nil}, {405, nil}, {418, nil}, {600, nil},
	}
	for _, c := range cases {
		t.Run(fmt.Sprint(c.status), func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(c.status)
			}))
			defer srv.Close()
			core := newClientCore("t", "2.11", []Option{WithBaseURL(srv.URL), WithMaxRetries(0)})
			err := fmt.Errorf("outer: %w", callNoContent(context.Background(), core, &request{op: testOp, path: "/x"}, nil))
			for _, s := range all {
				if got := errors.Is(err, s); got != (s == c.want) {
					t.Errorf("errors.Is(%d, %v) = %v", c.status, s, got)
				}
			}
		})
	}
	// A plain error is none of them, and a nil *APIError target does not
	// match by accident.
	if errors.Is(errors.New("x"), ErrNotFound) || (&APIError{StatusCode: 404}).Is(nil) {
		t.Error("matched without an APIError of that status")
	}
}

func TestAPIErrorCodes(t *testing.T) {
	e := &APIError{StatusCode: 400, Errors: []ErrorDetail{
		{Message: "no code"},
		{Code: ErrorCodeParameterInvalid, Field: "email"},
		{Code: "some_new_code"},
	}}
	if got := e.Code(); got != "parameter_invalid" {
		t.Errorf("Code() = %q", got)
	}
	if !e.HasCode(ErrorCodeParameterInvalid) || !e.HasCode("some_new_code") || e.HasCode(ErrorCodeNotFound) {
		t.Error("HasCode wrong")
	}
	if (&APIError{}).Code() != "" {
		t.Error("Code of an error without details")
	}
}
