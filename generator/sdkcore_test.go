package generator_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	intercom "github.com/intercom-gen/intercom-gen/golden/v2"
)

// downstream is a stand-in for Intercom as a downstream app's tests would
// write it: it records each request and answers by path.
type downstream struct {
	mu       sync.Mutex
	requests []string // method, path and Authorization of each request
	bodies   []string
}

func (d *downstream) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	d.mu.Lock()
	d.requests = append(d.requests, r.Method+" "+r.URL.RequestURI()+" "+r.Header.Get("Authorization"))
	d.bodies = append(d.bodies, string(body))
	d.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	switch {
	case r.URL.Path == "/auth/eagle/token":
		form, _ := url.ParseQuery(string(body))
		if form.Get("code") != "good-code" || form.Get("client_id") != "app-id" || form.Get("client_secret") != "app-secret" {
			w.WriteHeader(http.StatusUnauthorized)
			_, _ = io.WriteString(w, `{"type":"error.list","request_id":"oauth-1","errors":[{"code":"unauthorized","message":"Bad code"}]}`)
			return
		}
		_, _ = io.WriteString(w, `{"token":"ws-token","access_token":"ws-token","token_type":"Bearer"}`)
	case strings.HasPrefix(r.URL.Path, "/contacts/missing"):
		w.WriteHeader(http.StatusNotFound)
		_, _ = io.WriteString(w, `{"type":"error.list","request_id":"req-404","errors":[{"code":"not_found","message":"User Not Found"}]}`)
	case r.URL.Path == "/limited":
		w.Header().Set("X-RateLimit-Reset", "4102444800") // far away: not waited for
		w.WriteHeader(http.StatusTooManyRequests)
		_, _ = io.WriteString(w, `{"type":"error.list","errors":[{"code":"rate_limit_exceeded","message":"Too many"}]}`)
	case strings.HasPrefix(r.URL.Path, "/conversations/"):
		_, _ = io.WriteString(w, `{"type":"conversation","id":"c1"}`)
	default:
		_, _ = io.WriteString(w, `{"type":"thing","id":"t1","value":{"nested":[1,2]}}`)
	}
}

func (d *downstream) last() (string, string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if len(d.requests) == 0 {
		return "", ""
	}
	return d.requests[len(d.requests)-1], d.bodies[len(d.bodies)-1]
}

// TestDownstreamSDKCore uses a generated package the way the issue's
// downstream program does: OAuth against a stand-in, a token per
// workspace, unions built wrong and right, errors.Is and a raw call.
func TestDownstreamSDKCore(t *testing.T) {
	d := &downstream{}
	srv := httptest.NewServer(d)
	defer srv.Close()
	ctx := context.Background()

	// OAuth: the authorize URL, a refused code, then the exchange.
	oauth := &intercom.OAuthConfig{ClientID: "app-id", ClientSecret: "app-secret",
		RedirectURL: "https://app.example/cb", TokenURL: srv.URL + "/auth/eagle/token"}
	state := intercom.NewOAuthState()
	u, err := url.Parse(oauth.AuthorizeURL(state))
	if err != nil || u.Host != "app.intercom.com" || u.Path != "/oauth" || u.Query().Get("state") != state ||
		u.Query().Get("client_id") != "app-id" || u.Query().Get("redirect_uri") != "https://app.example/cb" {
		t.Errorf("authorize URL %s", u)
	}
	if !intercom.CheckOAuthState(u.Query().Get("state"), state) || intercom.CheckOAuthState("forged", state) {
		t.Error("state check")
	}
	var oauthErr *intercom.OAuthError
	if _, err := oauth.Exchange(ctx, "bad-code"); !errors.As(err, &oauthErr) || oauthErr.StatusCode != 401 || oauthErr.Code != "unauthorized" {
		t.Errorf("refused code: %v", err)
	}
	tok, err := oauth.Exchange(ctx, "good-code")
	if err != nil || tok.AccessToken != "ws-token" {
		t.Fatalf("exchange: %+v, %v", tok, err)
	}

	// One client, a token per workspace from the context.
	type wsKey struct{}
	tokens := map[string]string{"ws-1": tok.AccessToken}
	client := intercom.NewClient("", intercom.WithBaseURL(srv.URL), intercom.WithTokenSource(intercom.TokenSourceFunc(
		func(ctx context.Context) (string, error) {
			if t, ok := tokens[ctx.Value(wsKey{}).(string)]; ok {
				return t, nil
			}
			return "", errors.New("not installed")
		})))
	wsCtx := context.WithValue(ctx, wsKey{}, "ws-1")
	if _, err := client.Conversations.RetrieveConversation(wsCtx, 7, nil); err != nil {
		t.Fatal(err)
	}
	if req, _ := d.last(); req != "GET /conversations/7 Bearer ws-token" {
		t.Errorf("sent %q", req)
	}
	before := len(d.requests)
	if _, err := client.Conversations.RetrieveConversation(context.WithValue(ctx, wsKey{}, "ws-2"), 7, nil); err == nil || !strings.Contains(err.Error(), "not installed") {
		t.Errorf("unknown workspace: %v", err)
	}

	// Unions: none or two variants set fail before anything is sent; a
	// constructor's value is sent.
	reply := intercom.AdminReplyConversationRequest{MessageType: "comment", AdminID: "a1", Body: intercom.String("hi")}
	contact := intercom.ContactReplyConversationRequest{ContactReplyIntercomUserIDRequest: &intercom.ContactReplyIntercomUserIDRequest{Body: "x", IntercomUserID: "u"}}
	for _, c := range []struct {
		body *intercom.ReplyConversationRequest
		want string
	}{
		{&intercom.ReplyConversationRequest{}, "ReplyConversationRequest has no variant set; set exactly one of ContactReplyConversationRequest, AdminReplyConversationRequest"},
		{&intercom.ReplyConversationRequest{AdminReplyConversationRequest: &reply, ContactReplyConversationRequest: &contact},
			"ReplyConversationRequest has 2 variants set (ContactReplyConversationRequest, AdminReplyConversationRequest)"},
	} {
		if _, err := client.Conversations.ReplyConversation(wsCtx, "c1", c.body); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("reply %+v: %v, want %q", c.body, err, c.want)
		}
		if _, err := json.Marshal(c.body); err == nil {
			t.Errorf("json.Marshal(%+v) succeeded", c.body)
		}
	}
	if len(d.requests) != before {
		t.Errorf("%d requests sent for calls that must fail first", len(d.requests)-before)
	}
	body := intercom.NewReplyConversationRequestFromAdminReplyConversationRequest(reply)
	if body.Kind() != intercom.ReplyConversationRequestKindAdminReplyConversationRequest {
		t.Errorf("Kind %q", body.Kind())
	}
	if _, err := client.Conversations.ReplyConversation(wsCtx, "c1", &body); err != nil {
		t.Fatal(err)
	}
	if _, sent := d.last(); !strings.Contains(sent, `"admin_id":"a1"`) || !strings.Contains(sent, `"type":"admin"`) {
		t.Errorf("sent %s", sent)
	}
	// A value no variant can hold decodes, says so, and re-encodes as it came.
	var odd intercom.ReplyConversationRequest
	if err := json.Unmarshal([]byte(`[1,"two"]`), &odd); err != nil {
		t.Fatal(err)
	}
	if out, err := json.Marshal(odd); odd.Kind() != intercom.ReplyConversationRequestKindUnknown || string(odd.Raw()) != `[1,"two"]` || string(out) != `[1,"two"]` || err != nil {
		t.Errorf("unknown value: kind %q raw %s out %s %v", odd.Kind(), odd.Raw(), out, err)
	}
	var empty intercom.ReplyConversationRequest
	if empty.Kind() != intercom.ReplyConversationRequestKindNone {
		t.Errorf("zero value kind %q", empty.Kind())
	}

	// errors.Is on a 404 and a 429, through the generated methods and Do.
	_, err = client.Contacts.ShowContact(wsCtx, "missing")
	var apiErr *intercom.APIError
	if !errors.Is(err, intercom.ErrNotFound) || errors.Is(err, intercom.ErrRateLimited) || !errors.As(err, &apiErr) ||
		apiErr.Code() != intercom.ErrorCodeNotFound || apiErr.RequestID != "req-404" {
		t.Errorf("404: %v", err)
	}
	if got := err.Error(); got != "intercom: ShowContact: 404 Not Found: not_found: User Not Found (request_id req-404)" {
		t.Errorf("404 message %q", got)
	}
	err = client.Do(wsCtx, "GET", "/limited", nil, nil)
	if !errors.Is(err, intercom.ErrRateLimited) || !errors.As(err, &apiErr) || !apiErr.HasCode(intercom.ErrorCodeRateLimitExceeded) || apiErr.RateLimit.Reset.Year() != 2100 {
		t.Errorf("429: %v", err)
	}

	// A raw call of an undocumented endpoint, with the client's auth.
	var out struct {
		ID    string          `json:"id"`
		Value json.RawMessage `json:"value"`
	}
	if err := client.Do(wsCtx, "POST", "/undocumented/things?flag=1", map[string]any{"name": "n"}, &out, intercom.WithHeader("X-Extra", "1")); err != nil {
		t.Fatal(err)
	}
	if req, sent := d.last(); req != "POST /undocumented/things?flag=1 Bearer ws-token" || sent != `{"name":"n"}` || out.ID != "t1" || string(out.Value) != `{"nested":[1,2]}` {
		t.Errorf("raw call: %s %s -> %+v", req, sent, out)
	}
}
