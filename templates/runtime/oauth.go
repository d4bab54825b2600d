package runtime

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// OAuthConfig is a public app's OAuth setup, as Intercom documents it: the
// app sends a workspace's admin to AuthorizeURL, Intercom redirects back
// to RedirectURL with a code, and Exchange trades the code for an access
// token. Use the token with NewClient, WithToken or a TokenSource.
//
// Intercom's access tokens do not expire and come without a refresh
// token: store the token; it stays valid until the workspace uninstalls
// the app or revokes it (calls then fail with ErrUnauthorized).
type OAuthConfig struct {
	// ClientID and ClientSecret are the app's, from the Developer Hub's
	// Basic information page.
	ClientID     string
	ClientSecret string
	// RedirectURL is where Intercom sends the admin back; it must be one
	// of the app's configured redirect URLs. Empty leaves it out, and
	// Intercom uses the app's first one.
	RedirectURL string
	// Region chooses Intercom's hosts for the workspace's region
	// (RegionUS when empty): app.intercom.com and api.intercom.io, or the
	// eu and au ones.
	Region Region
	// AuthURL and TokenURL replace the region's endpoints, for a proxy or
	// a local stand-in in tests.
	AuthURL  string
	TokenURL string
	// HTTPClient sends the exchange (http.DefaultClient when nil).
	HTTPClient *http.Client
}

// OAuthToken is the answer of a successful code exchange.
type OAuthToken struct {
	// AccessToken authenticates calls as a bearer token. It does not
	// expire.
	AccessToken string
	// TokenType is "Bearer".
	TokenType string
}

// OAuthError is a token endpoint's answer that is not a success, typically
// a code that was already used or does not belong to the app.
type OAuthError struct {
	// StatusCode and Status are the response's.
	StatusCode int
	Status     string
	// Code and Message are the error the body describes, in Intercom's
	// error-list shape or OAuth's error and error_description.
	Code    string
	Message string
	// RequestID is the body's request_id or the X-Request-Id header.
	RequestID string
	// Body is the response body, up to 1 MiB.
	Body []byte
}

func (e *OAuthError) Error() string {
	var b strings.Builder
	b.WriteString("intercom: oauth token exchange: ")
	if e.Status != "" {
		b.WriteString(e.Status)
	} else {
		b.WriteString(strconv.Itoa(e.StatusCode))
	}
	switch {
	case e.Code != "" && e.Message != "":
		b.WriteString(": " + e.Code + ": " + e.Message)
	case e.Code != "" || e.Message != "":
		b.WriteString(": " + e.Code + e.Message)
	}
	if e.RequestID != "" {
		b.WriteString(" (request_id " + e.RequestID + ")")
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// appHosts maps an API region to the host of its authorize page.
var appHosts = map[Region]string{
	RegionUS: "https://app.intercom.com",
	RegionEU: "https://app.eu.intercom.com",
	RegionAU: "https://app.au.intercom.com",
}

func (c *OAuthConfig) region() Region {
	if c.Region == "" {
		return RegionUS
	}
	return Region(strings.TrimRight(string(c.Region), "/"))
}

func (c *OAuthConfig) authURL() string {
	if c.AuthURL != "" {
		return c.AuthURL
	}
	host, ok := appHosts[c.region()]
	if !ok {
		// A Region that is not one of Intercom's (a proxy's URL): its
		// authorize page cannot be guessed, the US one is Intercom's
		// default.
		host = appHosts[RegionUS]
	}
	return host + "/oauth"
}

func (c *OAuthConfig) tokenURL() string {
	if c.TokenURL != "" {
		return c.TokenURL
	}
	return string(c.region()) + "/auth/eagle/token"
}

// AuthorizeURL returns the page to send an admin to so that they install
// the app: Intercom's /oauth with client_id, state and redirect_uri. state
// should be a fresh NewOAuthState value kept for the callback (in a
// cookie or the session), to be checked there with CheckOAuthState.
func (c *OAuthConfig) AuthorizeURL(state string) string {
	q := url.Values{"client_id": {c.ClientID}}
	if state != "" {
		q.Set("state", state)
	}
	if c.RedirectURL != "" {
		q.Set("redirect_uri", c.RedirectURL)
	}
	base := c.authURL()
	sep := "?"
	if strings.Contains(base, "?") {
		sep = "&"
	}
	return base + sep + q.Encode()
}

// Exchange trades the code of Intercom's redirect (its "code" query
// parameter) for the workspace's access token. It is not retried: a code
// can be used once. An answer that is not a success is an *OAuthError; a
// request that gets no answer is an error wrapping the transport's.
func (c *OAuthConfig) Exchange(ctx context.Context, code string) (*OAuthToken, error) {
	if ctx == nil {
		return nil, errors.New("intercom: oauth token exchange: nil context")
	}
	if code == "" {
		return nil, errors.New("intercom: oauth token exchange: empty code")
	}
	form := url.Values{"code": {code}, "client_id": {c.ClientID}, "client_secret": {c.ClientSecret}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.tokenURL(), strings.NewReader(form.Encode()))
	if err != nil {
		return nil, fmt.Errorf("intercom: oauth token exchange: %w", err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	hc := c.HTTPClient
	if hc == nil {
		hc = http.DefaultClient
	}
	resp, err := hc.Do(req)
	if err != nil {
		return nil, fmt.Errorf("intercom: oauth token exchange: %w", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, newOAuthError(resp, body)
	}
	if err != nil {
		return nil, fmt.Errorf("intercom: oauth token exchange: reading the answer: %w", err)
	}
	return parseOAuthToken(resp.Status, body)
}

// parseOAuthToken reads a success answer. Intercom sends the token twice,
// as access_token and as token; either will do.
func parseOAuthToken(status string, body []byte) (*OAuthToken, error) {
	body = trimJSONSpace(body)
	if len(body) == 0 || body[0] != '{' || checkJSON(body) != nil {
		return nil, fmt.Errorf("intercom: oauth token exchange: %s answer is not a JSON object", status)
	}
	var tok OAuthToken
	var legacy string
	for _, m := range jsonObjectEntries(body) {
		switch m.key {
		case "access_token":
			tok.AccessToken = scalarText(m.val)
		case "token":
			legacy = scalarText(m.val)
		case "token_type":
			tok.TokenType = scalarText(m.val)
		}
	}
	if tok.AccessToken == "" {
		tok.AccessToken = legacy
	}
	if tok.AccessToken == "" {
		return nil, fmt.Errorf("intercom: oauth token exchange: %s answer without a token", status)
	}
	if tok.TokenType == "" {
		tok.TokenType = "Bearer"
	}
	return &tok, nil
}

func newOAuthError(resp *http.Response, body []byte) *OAuthError {
	e := &OAuthError{StatusCode: resp.StatusCode, Status: resp.Status, Body: body}
	// The endpoint may answer in Intercom's error-list shape or in OAuth's
	// {"error": "invalid_grant", "error_description": …}.
	api := &APIError{}
	api.parseBody(body)
	e.RequestID, e.Message = api.RequestID, api.Message
	if len(api.Errors) > 0 {
		e.Code, e.Message = api.Errors[0].Code, api.Errors[0].Message
	}
	if b := trimJSONSpace(body); len(b) > 0 && b[0] == '{' && checkJSON(b) == nil {
		var code, desc string
		for _, m := range jsonObjectEntries(b) {
			switch m.key {
			case "error":
				if m.val[0] == '"' {
					code = scalarText(m.val)
				}
			case "error_description":
				desc = scalarText(m.val)
			}
		}
		if code != "" {
			e.Code, e.Message = code, desc
		}
	}
	if e.RequestID == "" {
		e.RequestID = resp.Header.Get("X-Request-Id")
	}
	return e
}
