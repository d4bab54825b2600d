package runtime

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
)

func TestOAuthAuthorizeURL(t *testing.T) {
	cases := []struct {
		cfg  OAuthConfig
		want string
	}{
		{OAuthConfig{ClientID: "abc", RedirectURL: "https://app.example/cb?x=1&y=2"},
			"https://app.intercom.com/oauth?client_id=abc&redirect_uri=https%3A%2F%2Fapp.example%2Fcb%3Fx%3D1%26y%3D2&state=s+1%2F"},
		{OAuthConfig{ClientID: "abc", Region: RegionUS}, "https://app.intercom.com/oauth?client_id=abc&state=s+1%2F"},
		{OAuthConfig{ClientID: "abc", Region: RegionEU}, "https://app.eu.intercom.com/oauth?client_id=abc&state=s+1%2F"},
		{OAuthConfig{ClientID: "abc", Region: RegionAU + "/"}, "https://app.au.intercom.com/oauth?client_id=abc&state=s+1%2F"},
		{OAuthConfig{ClientID: "abc", AuthURL: "http://127.0.0.1:9/oauth?tenant=t"}, "http://127.0.0.1:9/oauth?tenant=t&client_id=abc&state=s+1%2F"},
	}
	for _, c := range cases {
		if got := c.cfg.AuthorizeURL("s 1/"); got != c.want {
			t.Errorf("%+v:\n got %s\nwant %s", c.cfg, got, c.want)
		}
	}
	if got := (&OAuthConfig{ClientID: "abc"}).AuthorizeURL(""); got != "https://app.intercom.com/oauth?client_id=abc" {
		t.Errorf("without state: %s", got)
	}
}

func TestOAuthTokenEndpointByRegion(t *testing.T) {
	for region, want := range map[Region]string{
		"":       "https://api.intercom.io/auth/eagle/token",
		RegionUS: "https://api.intercom.io/auth/eagle/token",
		RegionEU: "https://api.eu.intercom.io/auth/eagle/token",
		RegionAU: "https://api.au.intercom.io/auth/eagle/token",
	} {
		var got string
		hc := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
			got = r.URL.String()
			return &http.Response{StatusCode: 200, Status: "200 OK", Header: http.Header{},
				Body: io.NopCloser(strings.NewReader(`{"access_token":"tok"}`))}, nil
		})}
		cfg := OAuthConfig{ClientID: "id", ClientSecret: "secret", Region: region, HTTPClient: hc}
		if _, err := cfg.Exchange(context.Background(), "code"); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("region %q: posted to %s, want %s", region, got, want)
		}
	}
}

// tokenStandIn is a local stand-in for Intercom's token endpoint.
type tokenStandIn struct {
	status int
	answer string
	calls  atomic.Int32
	form   url.Values
	ctype  string
	path   string
}

func (s *tokenStandIn) start(t *testing.T) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.calls.Add(1)
		s.path, s.ctype = r.Method+" "+r.URL.Path, r.Header.Get("Content-Type")
		_ = r.ParseForm()
		s.form = r.PostForm
		w.Header().Set("X-Request-Id", "hdr-req")
		w.WriteHeader(s.status)
		_, _ = io.WriteString(w, s.answer)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestOAuthExchange(t *testing.T) {
	s := &tokenStandIn{status: 200, answer: `{"token":"legacy","access_token":"dG9rOjE=","token_type":"Bearer"}`}
	srv := s.start(t)
	cfg := OAuthConfig{ClientID: "id-1", ClientSecret: "sec&ret", RedirectURL: "https://app.example/cb", TokenURL: srv.URL + "/auth/eagle/token"}
	tok, err := cfg.Exchange(context.Background(), "the+code")
	if err != nil {
		t.Fatal(err)
	}
	if tok.AccessToken != "dG9rOjE=" || tok.TokenType != "Bearer" {
		t.Errorf("token %+v", tok)
	}
	if s.path != "POST /auth/eagle/token" || s.ctype != "application/x-www-form-urlencoded" {
		t.Errorf("sent %s as %s", s.path, s.ctype)
	}
	want := url.Values{"code": {"the+code"}, "client_id": {"id-1"}, "client_secret": {"sec&ret"}}
	if s.form.Encode() != want.Encode() {
		t.Errorf("form %v, want %v", s.form, want)
	}

	// Only the older "token" member: still a token.
	s.answer = `{"token":"only-legacy"}`
	if tok, err := cfg.Exchange(context.Background(), "c"); err != nil || tok.AccessToken != "only-legacy" || tok.TokenType != "Bearer" {
		t.Errorf("legacy answer: %+v, %v", tok, err)
	}
	for _, answer := range []string{`{"token_type":"Bearer"}`, `not json`, ``, `["x"]`} {
		s.answer = answer
		if tok, err := cfg.Exchange(context.Background(), "c"); err == nil {
			t.Errorf("answer %q: token %+v, want an error", answer, tok)
		}
	}
	if _, err := cfg.Exchange(context.Background(), ""); err == nil || s.calls.Load() != 6 {
		t.Errorf("an empty code: %v, after %d calls (it must not be sent)", err, s.calls.Load())
	}
}

func TestOAuthExchangeErrors(t *testing.T) {
	cases := []struct {
		name           string
		status         int
		answer         string
		code, msg, req string
		text           string
	}{
		{"error list", 401, `{"type":"error.list","request_id":"r-9","errors":[{"code":"unauthorized","message":"Invalid code"}]}`,
			"unauthorized", "Invalid code", "r-9", "intercom: oauth token exchange: 401 Unauthorized: unauthorized: Invalid code (request_id r-9)"},
		{"oauth shape", 400, `{"error":"invalid_grant","error_description":"code already used"}`,
			"invalid_grant", "code already used", "hdr-req", "intercom: oauth token exchange: 400 Bad Request: invalid_grant: code already used (request_id hdr-req)"},
		{"not json", 500, `<html>oops</html>`, "", "", "hdr-req", "intercom: oauth token exchange: 500 Internal Server Error (request_id hdr-req)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := &tokenStandIn{status: c.status, answer: c.answer}
			cfg := OAuthConfig{ClientID: "id", ClientSecret: "secret", TokenURL: s.start(t).URL}
			_, err := cfg.Exchange(context.Background(), "code")
			var oe *OAuthError
			if !errors.As(err, &oe) {
				t.Fatalf("err = %v (%T), want *OAuthError", err, err)
			}
			if oe.StatusCode != c.status || oe.Code != c.code || oe.Message != c.msg || oe.RequestID != c.req || string(oe.Body) != c.answer {
				t.Errorf("got %+v", oe)
			}
			if oe.Error() != c.text {
				t.Errorf("Error()\n got %s\nwant %s", oe.Error(), c.text)
			}
			if s.calls.Load() != 1 {
				t.Errorf("%d attempts: a code is single-use, the exchange must not be retried", s.calls.Load())
			}
		})
	}

	// No answer at all: the transport's error, wrapped.
	srv := httptest.NewServer(http.NotFoundHandler())
	srv.Close()
	cfg := OAuthConfig{TokenURL: srv.URL}
	_, err := cfg.Exchange(context.Background(), "code")
	var ue *url.Error
	var oe *OAuthError
	if !errors.As(err, &ue) || errors.As(err, &oe) || !strings.HasPrefix(err.Error(), "intercom: oauth token exchange: ") {
		t.Errorf("network failure: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := (&OAuthConfig{TokenURL: "http://127.0.0.1:9"}).Exchange(ctx, "code"); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

func TestOAuthState(t *testing.T) {
	seen := map[string]bool{}
	for range 100 {
		s := NewOAuthState()
		if len(s) < 26 || seen[s] {
			t.Fatalf("state %q: too short or repeated", s)
		}
		if url.QueryEscape(s) != s {
			t.Errorf("state %q needs escaping", s)
		}
		seen[s] = true
	}
	s := NewOAuthState()
	if !CheckOAuthState(s, s) || CheckOAuthState(s[:len(s)-1], s) || CheckOAuthState(s+"x", s) || CheckOAuthState("", "") || CheckOAuthState("x", "") {
		t.Error("CheckOAuthState wrong")
	}
}
