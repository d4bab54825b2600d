package runtime

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// tokenEndpoint answers token requests with answer(form), recording each
// request's form and basic credentials.
type tokenEndpoint struct {
	*httptest.Server
	mu    sync.Mutex
	forms []url.Values
	basic []string
}

func newTokenEndpoint(t *testing.T, answer func(form url.Values) (status int, contentType, body string)) *tokenEndpoint {
	t.Helper()
	e := &tokenEndpoint{}
	e.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil || r.Header.Get("Content-Type") != "application/x-www-form-urlencoded" {
			http.Error(w, "not a form", http.StatusUnsupportedMediaType)
			return
		}
		u, p, _ := r.BasicAuth()
		e.mu.Lock()
		e.forms = append(e.forms, r.PostForm)
		e.basic = append(e.basic, u+":"+p)
		e.mu.Unlock()
		status, ct, body := answer(r.PostForm)
		w.Header().Set("Content-Type", ct)
		w.WriteHeader(status)
		io.WriteString(w, body)
	}))
	t.Cleanup(e.Close)
	return e
}

func TestOAuth2ClientAuthentication(t *testing.T) {
	e := newTokenEndpoint(t, func(url.Values) (int, string, string) {
		return 200, "application/json", `{"access_token":"a","token_type":"bearer","expires_in":60,"scope":"read"}`
	})
	ctx := context.Background()
	for _, c := range []struct {
		name              string
		cfg               OAuth2Config
		basic, id, secret string
	}{
		{"secret in basic", OAuth2Config{ClientID: "id:1", ClientSecret: "s&2"}, "id%3A1:s%262", "", ""},
		{"secret in body", OAuth2Config{ClientID: "id", ClientSecret: "s", SecretInBody: true}, ":", "id", "s"},
		{"public client", OAuth2Config{ClientID: "id"}, ":", "id", ""},
	} {
		c.cfg.Endpoint.TokenURL = e.URL
		tok, err := c.cfg.ClientCredentials(ctx)
		if err != nil || tok.AccessToken != "a" || tok.TokenType != "bearer" || tok.Scope != "read" ||
			tok.Expiry.Before(time.Now().Add(50*time.Second)) || tok.Expiry.After(time.Now().Add(70*time.Second)) {
			t.Errorf("%s: %+v %v", c.name, tok, err)
		}
		form, basic := e.forms[len(e.forms)-1], e.basic[len(e.basic)-1]
		if basic != c.basic || form.Get("client_id") != c.id || form.Get("client_secret") != c.secret {
			t.Errorf("%s: basic %q, form %v", c.name, basic, form)
		}
	}
}

func TestOAuth2Answers(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		name, ct, body string
		status         int
		token, code    string
	}{
		{"json", "application/json", `{"access_token":"j","token_type":"Bearer"}`, 200, "j", ""},
		{"form", "application/x-www-form-urlencoded", "access_token=f&token_type=bearer&scope=repo", 200, "f", ""},
		{"error", "application/json", `{"error":"invalid_grant","error_description":"expired"}`, 400, "", "invalid_grant"},
		{"error answered 200", "application/json", `{"ok":false,"error":"invalid_code"}`, 200, "", "invalid_code"},
		{"no token", "application/json", `{"ok":true}`, 200, "", ""},
		{"not json", "text/html", "<html>", 200, "", ""},
	} {
		e := newTokenEndpoint(t, func(url.Values) (int, string, string) { return c.status, c.ct, c.body })
		cfg := &OAuth2Config{ClientID: "id", Endpoint: OAuth2Endpoint{TokenURL: e.URL}}
		tok, err := cfg.Exchange(ctx, "code")
		var oerr *OAuth2Error
		switch {
		case c.token != "" && (err != nil || tok.AccessToken != c.token):
			t.Errorf("%s: %+v %v", c.name, tok, err)
		case c.code != "" && (!errors.As(err, &oerr) || oerr.Code != c.code):
			t.Errorf("%s: %v", c.name, err)
		case c.token == "" && c.code == "" && (err == nil || !strings.Contains(err.Error(), "without an access token")):
			t.Errorf("%s: %v", c.name, err)
		}
	}
	cfg := &OAuth2Config{}
	if _, err := cfg.Exchange(ctx, ""); err == nil {
		t.Error("an empty code was sent")
	}
	if _, err := cfg.ClientCredentials(ctx); err == nil || !strings.Contains(err.Error(), "no token URL") {
		t.Errorf("no token URL: %v", err)
	}
}

// TestOAuth2TokenSource: the source gives its token until it is about to
// expire, then renews it once however many calls wait, with the refresh
// token (kept when the answer has none), or by client credentials.
func TestOAuth2TokenSource(t *testing.T) {
	var mu sync.Mutex
	n := 0
	e := newTokenEndpoint(t, func(form url.Values) (int, string, string) {
		mu.Lock()
		defer mu.Unlock()
		n++
		return 200, "application/json", `{"access_token":"t` + string(rune('0'+n)) + `","expires_in":3600}`
	})
	cfg := &OAuth2Config{ClientID: "id", Endpoint: OAuth2Endpoint{TokenURL: e.URL}}
	ctx := context.Background()

	fresh := cfg.TokenSource(&OAuth2Token{AccessToken: "live", Expiry: time.Now().Add(time.Hour)})
	if got, err := fresh.Token(ctx); got != "live" || err != nil || n != 0 {
		t.Errorf("a live token: %q %v (%d requests)", got, err, n)
	}
	expiring := cfg.TokenSource(&OAuth2Token{AccessToken: "old", RefreshToken: "r1", Expiry: time.Now().Add(time.Second)})
	var wg sync.WaitGroup
	got := make([]string, 8)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i], _ = expiring.Token(ctx)
		}()
	}
	wg.Wait()
	for _, g := range got {
		if g != "t1" {
			t.Errorf("tokens %v, want t1 from one refresh", got)
			break
		}
	}
	if n != 1 || e.forms[0].Get("grant_type") != "refresh_token" || e.forms[0].Get("refresh_token") != "r1" {
		t.Errorf("%d requests, form %v", n, e.forms)
	}
	if s := expiring.(*oauth2Source); s.tok.RefreshToken != "r1" {
		t.Errorf("the refresh token was dropped: %+v", s.tok)
	}
	if tok, err := cfg.TokenSource(nil).Token(ctx); err != nil || tok != "t2" || e.forms[1].Get("grant_type") != "client_credentials" {
		t.Errorf("no token: %q %v %v", tok, err, e.forms[1])
	}
}
