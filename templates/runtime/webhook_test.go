package runtime

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha1"
	"encoding/hex"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
)

func sign(body []byte, secret string) string {
	m := hmac.New(sha1.New, []byte(secret))
	m.Write(body)
	return "sha1=" + hex.EncodeToString(m.Sum(nil))
}

const notificationBody = `{"type":"notification_event","app_id":"abc1","id":"notif_1","topic":"contact.user.created",
"delivery_attempts":1,"first_sent_at":1700000001,"created_at":1700000000,
"data":{"type":"notification_event_data","item":{"type":"contact","id":"c1","email":"ann@example.com","surprise":1}}}`

func TestVerifyWebhookSignature(t *testing.T) {
	body := []byte(notificationBody)
	sig := sign(body, "client-secret")
	if err := VerifyWebhookSignature(body, sig, "client-secret"); err != nil {
		t.Errorf("valid signature rejected: %v", err)
	}
	for name, c := range map[string]struct{ sig, secret string }{
		"other secret":  {sig, "other"},
		"no prefix":     {sig[5:], "client-secret"},
		"sha256 prefix": {"sha256=" + sig[5:], "client-secret"},
		"not hex":       {"sha1=zz", "client-secret"},
		"empty":         {"", "client-secret"},
		"empty secret":  {sign(body, ""), ""},
		"truncated":     {sig[:len(sig)-2], "client-secret"},
	} {
		if err := VerifyWebhookSignature(body, c.sig, c.secret); !errors.Is(err, ErrWebhookSignature) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if err := VerifyWebhookSignature(append(body, ' '), sig, "client-secret"); err == nil {
		t.Error("a changed body passed")
	}
}

func TestParseNotification(t *testing.T) {
	old := webhookModels
	t.Cleanup(func() { webhookModels = old })
	webhookModels = map[string]func() any{"contact": func() any { return new(testContact) }}

	n, err := ParseNotification([]byte(notificationBody))
	if err != nil {
		t.Fatal(err)
	}
	if n.Type != "notification_event" || n.ID != "notif_1" || n.Topic != "contact.user.created" || n.AppID != "abc1" ||
		n.CreatedAt != 1700000000 || n.FirstSentAt != 1700000001 || n.DeliveryAttempts != 1 || n.ItemType != "contact" {
		t.Errorf("%+v", n)
	}
	c, ok := n.Item.(*testContact)
	if !ok || c.ID != "c1" || c.Email == nil || *c.Email != "ann@example.com" || keysOf(ExtraFields(*c)) != "surprise" {
		t.Errorf("item %#v", n.Item)
	}
	// An item type with no model keeps only the JSON.
	n, err = ParseNotification([]byte(`{"type":"notification_event","topic":"ping","data":{"item":{"type":"ping","message":"hi"}}}`))
	if err != nil || n.Item != nil || string(n.ItemJSON) != `{"type":"ping","message":"hi"}` {
		t.Errorf("%+v, %v", n, err)
	}
	// Older item types ("user") and the topic name the model too.
	n, err = ParseNotification([]byte(`{"topic":"user.created","data":{"item":{"type":"user","id":"u1"}}}`))
	if _, ok := n.Item.(*testContact); err != nil || !ok {
		t.Errorf("user item: %#v, %v", n.Item, err)
	}
	n, err = ParseNotification([]byte(`{"topic":"contact.deleted","data":{"item":{"id":"u1"}}}`))
	if _, ok := n.Item.(*testContact); err != nil || !ok {
		t.Errorf("untyped item: %#v, %v", n.Item, err)
	}
	for _, bad := range []string{`{"topic":`, `[]`, ``} {
		if _, err := ParseNotification([]byte(bad)); err == nil {
			t.Errorf("%q parsed", bad)
		}
	}
}

func TestReadNotification(t *testing.T) {
	old := webhookModels
	t.Cleanup(func() { webhookModels = old })
	webhookModels = map[string]func() any{"contact": func() any { return new(testContact) }}
	body := []byte(notificationBody)
	req := httptest.NewRequest(http.MethodPost, "/hooks", bytes.NewReader(body))
	req.Header.Set(WebhookSignatureHeader, sign(body, "s"))
	if n, err := ReadNotification(req, "s"); err != nil || n.Item == nil {
		t.Errorf("%+v, %v", n, err)
	}
	req = httptest.NewRequest(http.MethodPost, "/hooks", bytes.NewReader(body))
	req.Header.Set(WebhookSignatureHeader, sign(body, "other"))
	if _, err := ReadNotification(req, "s"); !errors.Is(err, ErrWebhookSignature) {
		t.Errorf("bad signature: %v", err)
	}
}
