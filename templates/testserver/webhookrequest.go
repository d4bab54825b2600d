package testserver

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
)

// This file is copied only into test packages whose API declares webhooks
// (OpenAPI 3.1).

// Webhook names one webhook of the API. T is the type of its payload, as
// the package's reader of the webhook returns it, so that a request can
// only be built from such a value. The package declares one Webhook per
// webhook (NewPetWebhook, …).
type Webhook[T any] struct {
	name, method, contentType string
}

// Name is the webhook's name in the description, and Method how the API
// sends it ("POST").
func (w Webhook[T]) Name() string   { return w.name }
func (w Webhook[T]) Method() string { return w.method }

// NewWebhookRequest returns the request the API would send for webhook w
// with payload, encoded as JSON: hand it to the handler under test, whose
// call of the package's reader of the webhook gets payload back.
func NewWebhookRequest[T any](t testing.TB, w Webhook[T], payload T) *http.Request {
	t.Helper()
	r, err := WebhookRequest(w, payload)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// WebhookRequest is NewWebhookRequest outside a test (an example, a
// program): it returns the error that would fail the test, a payload that
// does not encode.
func WebhookRequest[T any](w Webhook[T], payload T) (*http.Request, error) {
	body, err := json.Marshal(payload)
	if err != nil {
		return nil, fmt.Errorf("webhook %s: %w", w.name, err)
	}
	r := httptest.NewRequest(w.method, "/webhooks/"+url.PathEscape(w.name), bytes.NewReader(body))
	r.Header.Set("Content-Type", w.contentType)
	return r, nil
}
