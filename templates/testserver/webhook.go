package testserver

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// SignNotification returns the X-Hub-Signature value Intercom sends with
// a webhook notification body: "sha1=" and the hex HMAC-SHA1 of the body,
// keyed with the app's client secret.
func SignNotification(body []byte, clientSecret string) string {
	mac := hmac.New(sha1.New, []byte(clientSecret))
	mac.Write(body)
	return "sha1=" + hex.EncodeToString(mac.Sum(nil))
}

// NotificationBody returns a webhook notification as Intercom posts it,
// for topic (e.g. "contact.user.created") with item (any value that
// encodes to the topic's object, such as a contact) as data.item.
func NotificationBody(topic string, item any) ([]byte, error) {
	now := time.Now().Unix()
	return json.Marshal(map[string]any{
		"type":              "notification_event",
		"id":                "notif_test",
		"app_id":            "test_app",
		"topic":             topic,
		"created_at":        now,
		"first_sent_at":     now,
		"delivery_attempts": 1,
		"data":              map[string]any{"type": "notification_event_data", "item": item},
	})
}

// NewNotificationRequest returns a signed webhook request, as Intercom
// would post it to the app's endpoint: hand it to the handler under test,
// whose ReadNotification with the same client secret accepts it.
func NewNotificationRequest(t testing.TB, clientSecret, topic string, item any) *http.Request {
	t.Helper()
	r, err := NotificationRequest(clientSecret, topic, item)
	if err != nil {
		t.Fatalf("intercomtest: %v", err)
	}
	return r
}

// NotificationRequest is NewNotificationRequest outside a test (an
// example, a program): it returns the error that would fail the test,
// an item that does not encode.
func NotificationRequest(clientSecret, topic string, item any) (*http.Request, error) {
	body, err := NotificationBody(topic, item)
	if err != nil {
		return nil, fmt.Errorf("notification %s: %w", topic, err)
	}
	r := httptest.NewRequest(http.MethodPost, "/intercom/webhook", bytes.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set("X-Hub-Signature", SignNotification(body, clientSecret))
	return r, nil
}
