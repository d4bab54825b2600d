package runtime

import (
	"context"
	"encoding/json"
	"net/http"
	"reflect"
	"strings"
)

// doRaw is the body of the generated Client.Do: a call of an endpoint the
// description does not have, sent through the same exchange as every
// operation, so auth, the version header, retries, rate-limit waits,
// middleware and *APIError all apply unchanged.
//
// body is nil (no body), a json.RawMessage or []byte (sent as they are)
// or any value (encoded like a model). out is nil (the answer is
// discarded), a *[]byte or *json.RawMessage (given the body as received)
// or a pointer to any value (decoded like an operation's answer).
func doRaw(ctx context.Context, c *clientCore, method, path string, body, out any, opts []Option) error {
	method = strings.ToUpper(strings.TrimSpace(method))
	if method == "" {
		method = http.MethodGet
	}
	r := &request{op: Operation{Method: method, Path: path}, path: path}
	if !strings.HasPrefix(path, "/") {
		// An absolute URL here would send the token to whatever host it
		// names; WithBaseURL is the way to call another host.
		return callError(r, "Do: path %q must start with /", path)
	}
	switch b := body.(type) {
	case json.RawMessage:
		r.payload = b
	case []byte:
		r.payload = b
	default:
		r.body = body
	}
	switch o := out.(type) {
	case nil:
		return callNoContent(ctx, c, r, opts)
	case *[]byte:
		_, data, err := c.exchange(ctx, r, opts, "application/json", modeBuffered)
		if err == nil {
			*o = data
		}
		return err
	case *json.RawMessage:
		_, data, err := c.exchange(ctx, r, opts, "application/json", modeBuffered)
		if err == nil {
			*o = data
		}
		return err
	}
	if v := reflect.ValueOf(out); v.Kind() != reflect.Pointer || v.IsNil() {
		return callError(r, "Do: out must be nil or a non-nil pointer, got %T", out)
	}
	return callJSON(ctx, c, r, out, opts)
}
