package runtime

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func webhookRequest(body, contentType string) *http.Request {
	r := httptest.NewRequest(http.MethodPost, "/hooks", strings.NewReader(body))
	if contentType != "" {
		r.Header.Set("Content-Type", contentType)
	}
	return r
}

func TestReadWebhookPayload(t *testing.T) {
	for _, ct := range []string{"application/json", "application/json; charset=utf-8", "application/vnd.github+json", ""} {
		var item testItem
		if err := readWebhookPayload(webhookRequest(` {"id":"p1","extra":[1]} `, ct), "newPet", &item); err != nil {
			t.Fatalf("%q: %v", ct, err)
		}
		if item.ID != "p1" {
			t.Errorf("%q: id %q", ct, item.ID)
		}
		// Members the type does not declare are kept, as in answers.
		if got, _ := item.MarshalJSON(); !bytes.Contains(got, []byte(`"extra":[1]`)) {
			t.Errorf("%q: re-encoded as %s", ct, got)
		}
	}
	// A lenient decode: a number where a string is declared.
	var item testItem
	if err := readWebhookPayload(webhookRequest(`{"id":7}`, "application/json"), "newPet", &item); err != nil || item.ID != "7" {
		t.Errorf("number for a string: %q, %v", item.ID, err)
	}
	var list []testItem
	if err := readWebhookPayload(webhookRequest(`[{"id":"a"},{"id":"b"}]`, ""), "pets", &list); err != nil || len(list) != 2 {
		t.Errorf("a list payload: %v, %v", list, err)
	}
}

func TestReadWebhookPayloadRefuses(t *testing.T) {
	noBody := httptest.NewRequest(http.MethodPost, "/hooks", nil)
	tests := []struct {
		name string
		r    *http.Request
		want string
	}{
		{"nil request", nil, "no body"},
		{"no body", noBody, "no body"},
		{"empty", webhookRequest("  \n", "application/json"), "empty"},
		{"null", webhookRequest("null", "application/json"), "null"},
		{"not JSON", webhookRequest(`{"id":`, "application/json"), "newPet"},
		{"form", webhookRequest("id=1", "application/x-www-form-urlencoded"), "not JSON"},
		{"bad content type", webhookRequest(`{}`, "application/json; =;"), "not JSON"},
		{"an array for a model", webhookRequest(`[1]`, ""), "cannot decode"},
		{"too large", webhookRequest(`{"id":"`+strings.Repeat("x", maxWebhookPayload)+`"}`, ""), "larger than 10485760 bytes"},
	}
	for _, tt := range tests {
		var item testItem
		err := readWebhookPayload(tt.r, "newPet", &item)
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "webhook newPet: ") {
			t.Errorf("%s: %v, want an error saying %q", tt.name, err, tt.want)
		}
	}
}
