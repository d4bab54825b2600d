package runtime

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// OAuth2Endpoint is an OAuth 2.0 authorization server, as the
// description's OAuth 2.0 scheme names it: the page where a user
// authorizes an app (AuthURL), the endpoint that issues tokens (TokenURL)
// and the one that refreshes them (RefreshURL; TokenURL when empty). The
// package declares the endpoint of each of its schemes (Endpoint).
type OAuth2Endpoint struct {
	AuthURL    string
	TokenURL   string
	RefreshURL string
}

// OAuth2Config is an app's OAuth 2.0 client (RFC 6749): AuthCodeURL and
// Exchange run the authorization code flow, ClientCredentials the client
// credentials flow, Refresh renews a token, and TokenSource gives a client
// (WithTokenSource) a token that is renewed when it expires.
type OAuth2Config struct {
	// ClientID and ClientSecret identify the app to the authorization
	// server. The secret is sent with HTTP basic authentication, or in
	// the form when SecretInBody is set (some servers want it there); a
	// public client has none.
	ClientID     string
	ClientSecret string
	SecretInBody bool
	// RedirectURL is where the authorization server sends the user back
	// with a code; empty leaves it out.
	RedirectURL string
	// Scopes are the scopes to ask for (the package's Scope constants).
	Scopes []string
	// Endpoint is the authorization server.
	Endpoint OAuth2Endpoint
	// HTTPClient sends the token requests (http.DefaultClient when nil).
	HTTPClient *http.Client
}

// OAuth2Token is what a token endpoint answers.
type OAuth2Token struct {
	// AccessToken authenticates calls; TokenType is how ("Bearer").
	AccessToken string
	TokenType   string
	// RefreshToken, when the server gives one, renews the token.
	RefreshToken string
	// Expiry is when the access token expires; zero when the server did
	// not say.
	Expiry time.Time
	// Scope is the scope granted, when the server says.
	Scope string
}

// expired reports whether the token expires within leeway of now.
func (t *OAuth2Token) expired(now time.Time, leeway time.Duration) bool {
	return !t.Expiry.IsZero() && !now.Add(leeway).Before(t.Expiry)
}

// OAuth2Error is a token endpoint's answer that is not a token: a refused
// code, client or refresh token (RFC 6749, section 5.2).
type OAuth2Error struct {
	// StatusCode and Status are the response's.
	StatusCode int
	Status     string
	// Code, Description and URI are the body's error, error_description
	// and error_uri.
	Code        string
	Description string
	URI         string
	// Body is the response body, up to 1 MiB.
	Body []byte
}

func (e *OAuth2Error) Error() string {
	msg := "intercom: oauth2: " + e.Status
	switch {
	case e.Code != "" && e.Description != "":
		msg += ": " + e.Code + ": " + e.Description
	case e.Code != "":
		msg += ": " + e.Code
	}
	return strings.Join(strings.Fields(msg), " ")
}

// AuthCodeURL returns the page to send a user to so that they authorize
// the app (the authorization code flow): Endpoint.AuthURL with
// response_type=code, client_id, redirect_uri, scope and state. state
// should be a fresh NewOAuthState value kept for the redirect back, to be
// checked there with CheckOAuthState.
func (c *OAuth2Config) AuthCodeURL(state string) string {
	q := url.Values{"response_type": {"code"}, "client_id": {c.ClientID}}
	if c.RedirectURL != "" {
		q.Set("redirect_uri", c.RedirectURL)
	}
	if len(c.Scopes) > 0 {
		q.Set("scope", strings.Join(c.Scopes, " "))
	}
	if state != "" {
		q.Set("state", state)
	}
	sep := "?"
	if strings.Contains(c.Endpoint.AuthURL, "?") {
		sep = "&"
	}
	return c.Endpoint.AuthURL + sep + q.Encode()
}

// Exchange trades the code of the redirect back (its "code" query
// parameter) for a token. It is not retried: a code works once.
func (c *OAuth2Config) Exchange(ctx context.Context, code string) (*OAuth2Token, error) {
	if code == "" {
		return nil, errors.New("intercom: oauth2: empty code")
	}
	form := url.Values{"grant_type": {"authorization_code"}, "code": {code}}
	if c.RedirectURL != "" {
		form.Set("redirect_uri", c.RedirectURL)
	}
	return c.token(ctx, c.Endpoint.TokenURL, form)
}

// ClientCredentials gets a token for the app itself (the client
// credentials flow), with the config's scopes.
func (c *OAuth2Config) ClientCredentials(ctx context.Context) (*OAuth2Token, error) {
	form := url.Values{"grant_type": {"client_credentials"}}
	if len(c.Scopes) > 0 {
		form.Set("scope", strings.Join(c.Scopes, " "))
	}
	return c.token(ctx, c.Endpoint.TokenURL, form)
}

// Refresh trades a refresh token for a new token. When the server sends
// no new refresh token, the old one is kept in the answer.
func (c *OAuth2Config) Refresh(ctx context.Context, refreshToken string) (*OAuth2Token, error) {
	if refreshToken == "" {
		return nil, errors.New("intercom: oauth2: empty refresh token")
	}
	endpoint := c.Endpoint.RefreshURL
	if endpoint == "" {
		endpoint = c.Endpoint.TokenURL
	}
	tok, err := c.token(ctx, endpoint, url.Values{"grant_type": {"refresh_token"}, "refresh_token": {refreshToken}})
	if err == nil && tok.RefreshToken == "" {
		tok.RefreshToken = refreshToken
	}
	return tok, err
}

// TokenSource returns a source of access tokens for WithTokenSource,
// starting from tok, which it renews shortly before it expires: with its
// refresh token, or with the client credentials flow when tok is nil or
// has none. It is safe for concurrent use; a call that needs a new token
// waits for it, and a renewal that fails fails that call.
func (c *OAuth2Config) TokenSource(tok *OAuth2Token) TokenSource {
	return &oauth2Source{config: c, tok: tok}
}

// oauth2Source is OAuth2Config.TokenSource.
type oauth2Source struct {
	config *OAuth2Config
	mu     sync.Mutex
	tok    *OAuth2Token
}

// expiryLeeway renews a token this long before it expires, so that it does
// not expire in flight.
const expiryLeeway = 10 * time.Second

func (s *oauth2Source) Token(ctx context.Context) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.tok != nil && s.tok.AccessToken != "" && !s.tok.expired(time.Now(), expiryLeeway) {
		return s.tok.AccessToken, nil
	}
	var tok *OAuth2Token
	var err error
	if s.tok != nil && s.tok.RefreshToken != "" {
		tok, err = s.config.Refresh(ctx, s.tok.RefreshToken)
	} else {
		tok, err = s.config.ClientCredentials(ctx)
	}
	if err != nil {
		return "", err
	}
	s.tok = tok
	return tok.AccessToken, nil
}

// token posts a token request and reads the answer.
func (c *OAuth2Config) token(ctx context.Context, endpoint string, form url.Values) (*OAuth2Token, error) {
	if ctx == nil {
		return nil, errors.New("intercom: oauth2: nil context")
	}
	if endpoint == "" {
		return nil, errors.New("intercom: oauth2: the endpoint has no token URL")
	}
	if c.ClientSecret == "" || c.SecretInBody {
		form.Set("client_id", c.ClientID)
	}
	if c.ClientSecret != "" && c.SecretInBody {
		form.Set("client_secret", c.ClientSecret)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, strings.NewReader(form.Encode()))
	if err != nil {
		return nil, fmt.Errorf("intercom: oauth2: %w", err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	if c.ClientSecret != "" && !c.SecretInBody {
		// RFC 6749, section 2.3.1: both parts form-encoded first.
		req.Header.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString(
			[]byte(url.QueryEscape(c.ClientID)+":"+url.QueryEscape(c.ClientSecret))))
	}
	hc := c.HTTPClient
	if hc == nil {
		hc = http.DefaultClient
	}
	resp, err := hc.Do(req)
	if err != nil {
		return nil, fmt.Errorf("intercom: oauth2: %w", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, newOAuth2Error(resp, body)
	}
	if err != nil {
		return nil, fmt.Errorf("intercom: oauth2: reading the answer: %w", err)
	}
	fields := oauth2Fields(resp.Header.Get("Content-Type"), body)
	tok := &OAuth2Token{
		AccessToken: fields["access_token"], TokenType: fields["token_type"],
		RefreshToken: fields["refresh_token"], Scope: fields["scope"],
	}
	if tok.AccessToken == "" {
		if code := fields["error"]; code != "" {
			// A server that answers its errors with a 200 (Slack's).
			return nil, &OAuth2Error{StatusCode: resp.StatusCode, Status: resp.Status, Code: code,
				Description: fields["error_description"], URI: fields["error_uri"], Body: body}
		}
		return nil, fmt.Errorf("intercom: oauth2: %s answer without an access token", resp.Status)
	}
	if tok.TokenType == "" {
		tok.TokenType = "Bearer"
	}
	if n, err := strconv.ParseInt(fields["expires_in"], 10, 64); err == nil && n > 0 {
		tok.Expiry = time.Now().Add(time.Duration(n) * time.Second)
	}
	return tok, nil
}

// oauth2Fields reads the top-level members of a token endpoint's answer:
// JSON, as RFC 6749 says, or a form, as some servers send.
func oauth2Fields(contentType string, body []byte) map[string]string {
	out := map[string]string{}
	mt, _, _ := mime.ParseMediaType(contentType)
	if b := trimJSONSpace(body); len(b) > 0 && b[0] == '{' && checkJSON(b) == nil {
		for _, m := range jsonObjectEntries(b) {
			out[m.key] = scalarText(m.val)
		}
		return out
	}
	if mt == "application/x-www-form-urlencoded" || mt == "text/plain" {
		if q, err := url.ParseQuery(string(body)); err == nil {
			for k := range q {
				out[k] = q.Get(k)
			}
		}
	}
	return out
}

func newOAuth2Error(resp *http.Response, body []byte) *OAuth2Error {
	f := oauth2Fields(resp.Header.Get("Content-Type"), body)
	return &OAuth2Error{StatusCode: resp.StatusCode, Status: resp.Status, Code: f["error"],
		Description: f["error_description"], URI: f["error_uri"], Body: body}
}
