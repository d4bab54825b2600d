package runtime

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"
	"strings"
)

// This file is copied only into packages whose description declares
// webhooks (OpenAPI 3.1): each webhook's generated Read…Webhook function
// calls readWebhookPayload.

// maxWebhookPayload caps what a webhook reader reads of a request body.
const maxWebhookPayload = 10 << 20

// readWebhookPayload reads the JSON body of a request of the webhook name
// into out, a non-nil pointer, as leniently as an operation's answer is
// decoded (into a generated model, unknown members are kept). It refuses
// a body that is missing, empty, null, larger than maxWebhookPayload or
// not JSON, and a Content-Type other than JSON; a request without a
// Content-Type is read as JSON.
func readWebhookPayload(r *http.Request, name string, out any) error {
	if r == nil || r.Body == nil || r.Body == http.NoBody {
		return fmt.Errorf("webhook %s: the request has no body", name)
	}
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || (mt != "application/json" && !strings.HasSuffix(mt, "+json")) {
			return fmt.Errorf("webhook %s: the body is %q, not JSON", name, ct)
		}
	}
	data, err := io.ReadAll(http.MaxBytesReader(nil, r.Body, maxWebhookPayload))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return fmt.Errorf("webhook %s: the body is larger than %d bytes", name, tooLarge.Limit)
		}
		return fmt.Errorf("webhook %s: reading the body: %w", name, err)
	}
	data = trimJSONSpace(data)
	switch {
	case len(data) == 0:
		return fmt.Errorf("webhook %s: the body is empty", name)
	case data[0] == 'n' && string(data) == "null":
		return fmt.Errorf("webhook %s: the body is null", name)
	}
	if err := decodeResponse(data, reflect.ValueOf(out).Elem()); err != nil {
		return fmt.Errorf("webhook %s: %w", name, err)
	}
	return nil
}
