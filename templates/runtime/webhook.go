package runtime

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// WebhookSignatureHeader is the header in which Intercom signs webhook
// notifications: "sha1=" and the hex HMAC-SHA1 of the raw body, keyed
// with the app's client secret.
const WebhookSignatureHeader = "X-Hub-Signature"

// ErrWebhookSignature is returned by VerifyWebhookSignature when the
// signature is missing or does not match the body.
var ErrWebhookSignature = errors.New("intercom: webhook signature does not match")

// VerifyWebhookSignature checks a notification's X-Hub-Signature value
// against its raw body (exactly as received, before any parsing) and the
// app's client secret, in constant time. It returns nil when they match
// and ErrWebhookSignature otherwise.
func VerifyWebhookSignature(body []byte, signature, clientSecret string) error {
	hexSig, ok := strings.CutPrefix(strings.TrimSpace(signature), "sha1=")
	if !ok || clientSecret == "" {
		return ErrWebhookSignature
	}
	got, err := hex.DecodeString(hexSig)
	if err != nil {
		return ErrWebhookSignature
	}
	mac := hmac.New(sha1.New, []byte(clientSecret))
	mac.Write(body)
	if !hmac.Equal(got, mac.Sum(nil)) {
		return ErrWebhookSignature
	}
	return nil
}

// Notification is a webhook notification as Intercom posts it:
// {"type":"notification_event","topic":"contact.user.created",
// "data":{"item":{…}}, …}.
type Notification struct {
	// Type is "notification_event".
	Type string
	// ID identifies the notification.
	ID string
	// Topic says what happened, e.g. "conversation.user.created".
	Topic string
	// AppID is the workspace the notification comes from.
	AppID string
	// CreatedAt is when the notification was created.
	CreatedAt UnixTime
	// DeliveryAttempts counts the deliveries of this notification so far.
	DeliveryAttempts int
	// FirstSentAt is when the notification was first sent.
	FirstSentAt UnixTime
	// ItemType is the "type" of data.item, e.g. "contact".
	ItemType string
	// Item is data.item decoded into the model its type names (a
	// *Contact, *Conversation, *Ticket, …), or nil when this package has
	// no model for it; ItemJSON holds it either way.
	Item any
	// ItemJSON is data.item as received.
	ItemJSON json.RawMessage
	// Raw is the whole notification as received.
	Raw json.RawMessage
}

// webhookModels maps an item type to a constructor of its model; the
// generated code fills it with the models whose "type" is a constant equal
// to their schema name.
var webhookModels map[string]func() any

// webhookItemAliases maps item types that are older names of a model.
var webhookItemAliases = map[string]string{"user": "contact", "lead": "contact"}

// ParseNotification decodes a webhook notification body. data.item is
// decoded leniently into the model its type names (see Notification.Item).
// It does not check the signature: call VerifyWebhookSignature (or use
// ReadNotification) first.
func ParseNotification(body []byte) (*Notification, error) {
	raw := trimJSONSpace(body)
	if err := checkJSON(raw); err != nil {
		return nil, fmt.Errorf("intercom: webhook notification: %w", err)
	}
	if len(raw) == 0 || raw[0] != '{' {
		return nil, fmt.Errorf("intercom: webhook notification: a JSON %s, not an object", jsonKindName(raw))
	}
	n := &Notification{Raw: json.RawMessage(raw)}
	for _, m := range jsonObjectEntries(raw) {
		switch m.key {
		case "type":
			n.Type = jsonText(m.val)
		case "id":
			n.ID = jsonText(m.val)
		case "topic":
			n.Topic = jsonText(m.val)
		case "app_id":
			n.AppID = jsonText(m.val)
		case "created_at":
			if v, ok := jsonInt(m.val); ok {
				n.CreatedAt = UnixTime(v)
			}
		case "first_sent_at":
			if v, ok := jsonInt(m.val); ok {
				n.FirstSentAt = UnixTime(v)
			}
		case "delivery_attempts":
			if v, ok := jsonInt(m.val); ok {
				n.DeliveryAttempts = int(v)
			}
		case "data":
			if item := jsonLookup(m.val, []string{"item"}); item != nil && item[0] == '{' {
				n.ItemJSON = json.RawMessage(item)
			}
		}
	}
	if n.ItemJSON == nil {
		return n, nil
	}
	n.ItemType = jsonText(jsonLookup(n.ItemJSON, []string{"type"}))
	newModel := webhookModels[n.ItemType]
	if newModel == nil {
		newModel = webhookModels[webhookItemAliases[n.ItemType]]
	}
	if newModel == nil {
		// The topic's first word names the object ("contact.user.created").
		topicType, _, _ := strings.Cut(n.Topic, ".")
		newModel = webhookModels[topicType]
	}
	if newModel != nil {
		item := newModel()
		if err := json.Unmarshal(n.ItemJSON, item); err != nil {
			return nil, fmt.Errorf("intercom: webhook notification %s: data.item: %w", n.Topic, err)
		}
		n.Item = item
	}
	return n, nil
}

// maxWebhookBody caps what ReadNotification reads.
const maxWebhookBody = 10 << 20

// ReadNotification reads a webhook request, checks its X-Hub-Signature
// with the app's client secret and parses it. It returns
// ErrWebhookSignature (and reads nothing further) when the signature does
// not match.
func ReadNotification(r *http.Request, clientSecret string) (*Notification, error) {
	body, err := readAllLimited(r.Body, maxWebhookBody)
	if err != nil {
		return nil, fmt.Errorf("intercom: reading the webhook notification: %w", err)
	}
	if err := VerifyWebhookSignature(body, r.Header.Get(WebhookSignatureHeader), clientSecret); err != nil {
		return nil, err
	}
	return ParseNotification(body)
}

// readAllLimited reads a body up to limit bytes and fails beyond it.
func readAllLimited(body io.Reader, limit int64) ([]byte, error) {
	if body == nil {
		return nil, nil
	}
	data, err := io.ReadAll(io.LimitReader(body, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("body larger than %d bytes", limit)
	}
	return data, nil
}
