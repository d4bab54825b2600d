package runtime

import (
	"context"
	"encoding/base64"
	"errors"
	"net/http"
	"net/url"
	"strings"
)

// authKind says how a security scheme's credentials go out.
type authKind uint8

const (
	// authToken sends "Authorization: <prefix> <token>": HTTP bearer,
	// OAuth 2.0 and OpenID Connect.
	authToken authKind = iota + 1
	// authBasic sends HTTP basic authentication.
	authBasic
	// authKey sends an API key in a header, a query parameter or a
	// cookie.
	authKey
)

// securityScheme is one of the description's security schemes, as the
// generated package declares it.
type securityScheme struct {
	// name is the description's name for it.
	name string
	kind authKind
	// prefix is the HTTP authentication scheme a token is sent with
	// ("Bearer").
	prefix string
	// in ("header", "query" or "cookie") and param place an API key.
	in, param string
}

// securityRequirement is one way to authenticate: every scheme of it,
// together. An empty requirement needs no credentials: an operation whose
// only requirement is empty sends none (the description's
// `security: []`).
type securityRequirement []*securityScheme

// bearerToken is the security of a client core made without
// withSecurity: its token, as a bearer token. Generated packages always
// say what their description declares.
var bearerToken = []securityRequirement{{{name: "bearer", kind: authToken, prefix: "Bearer"}}}

// withSecurity sets the security of the operations that declare none of
// their own: alternatives, any one of which will do. NewClient passes the
// description's.
func withSecurity(security []securityRequirement) Option {
	return func(c *requestConfig) { c.security = security }
}

// tokenSource is a TokenSource (tokensource.go), which a package without
// a token scheme does not declare.
type tokenSource interface {
	Token(ctx context.Context) (string, error)
}

// basicAuth is the user name and password of HTTP basic authentication.
type basicAuth struct{ user, password string }

// credentials are what one call sends to authenticate.
type credentials struct {
	header  http.Header
	query   url.Values
	cookies []*http.Cookie
}

// credentialsFor picks how a call authenticates: the first of its
// operation's requirements (else the client's default) for which the
// client holds every credential, and returns what to send for it. It
// returns nil when the operation needs no credentials, or when the client
// holds none that satisfy it: the request then goes without, and the
// server says what it misses (a 401). A token is asked of its source here,
// once per call.
func (c *clientCore) credentialsFor(ctx context.Context, cfg *requestConfig, r *request) (*credentials, error) {
	reqs := cfg.security
	if r.op.security != nil {
		reqs = *r.op.security
	}
	if reqs == nil {
		reqs = bearerToken
	}
	for _, req := range reqs {
		if len(req) > 0 && c.holds(cfg, req) {
			return c.credentials(ctx, cfg, req)
		}
	}
	return nil, nil
}

// holds reports whether the client has a credential for every scheme of
// req.
func (c *clientCore) holds(cfg *requestConfig, req securityRequirement) bool {
	for _, s := range req {
		switch s.kind {
		case authToken:
			if cfg.tokens == nil && c.token == "" {
				return false
			}
		case authBasic:
			if cfg.basic == nil {
				return false
			}
		case authKey:
			if cfg.keys[s] == "" {
				return false
			}
		}
	}
	return true
}

// credentials makes what req sends.
func (c *clientCore) credentials(ctx context.Context, cfg *requestConfig, req securityRequirement) (*credentials, error) {
	out := &credentials{header: http.Header{}}
	token := ""
	for _, s := range req {
		switch s.kind {
		case authToken:
			if token == "" {
				var err error
				if token, err = c.tokenOf(ctx, cfg); err != nil {
					return nil, err
				}
			}
			out.header.Set("Authorization", s.prefix+" "+token)
		case authBasic:
			out.header.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(cfg.basic.user+":"+cfg.basic.password)))
		case authKey:
			key := cfg.keys[s]
			switch s.in {
			case "query":
				if out.query == nil {
					out.query = url.Values{}
				}
				out.query.Set(s.param, key)
			case "cookie":
				out.cookies = append(out.cookies, &http.Cookie{Name: s.param, Value: key})
			default:
				out.header.Set(s.param, key)
			}
		}
	}
	return out, nil
}

// errEmptyToken is a token source's empty answer.
var errEmptyToken = errors.New("empty token")

// tokenOf is the call's token: its source's (WithTokenSource, WithToken)
// or the one NewClient was given.
func (c *clientCore) tokenOf(ctx context.Context, cfg *requestConfig) (string, error) {
	if cfg.tokens == nil {
		return c.token, nil
	}
	token, err := cfg.tokens.Token(ctx)
	if err == nil && token == "" {
		err = errEmptyToken
	}
	if err != nil {
		return "", &tokenError{err}
	}
	return token, nil
}

// tokenError is a token source's failure, which fails the call unsent.
type tokenError struct{ err error }

func (e *tokenError) Error() string { return "token source: " + e.err.Error() }
func (e *tokenError) Unwrap() error { return e.err }

// apply puts the credentials on one attempt's request (the query is
// added to the URL before the request is made).
func (cr *credentials) apply(req *http.Request) {
	if cr == nil {
		return
	}
	for k, vs := range cr.header {
		req.Header[k] = vs
	}
	for _, ck := range cr.cookies {
		req.AddCookie(ck)
	}
}

// secretHeader reports whether a header carries a credential, which logs
// do not show.
func (cr *credentials) secretHeader(name string) bool {
	switch strings.ToLower(name) {
	case "authorization", "proxy-authorization", "cookie":
		return true
	}
	if cr == nil {
		return false
	}
	_, ok := cr.header[http.CanonicalHeaderKey(name)]
	return ok
}

// redactURL hides the values of the query parameters that carry a
// credential (an API key in the query), for logs and errors.
func (cr *credentials) redactURL(raw string) string {
	if cr == nil || len(cr.query) == 0 {
		return raw
	}
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	q := u.Query()
	changed := false
	for k := range cr.query {
		if _, ok := q[k]; ok {
			q[k] = []string{"REDACTED"}
			changed = true
		}
	}
	if !changed {
		return raw
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// redactError hides the credentials an error of the HTTP client quotes:
// its URL, which holds an API key sent in the query.
func redactError(err error, creds *credentials) error {
	var ue *url.Error
	if creds != nil && errors.As(err, &ue) {
		ue.URL = creds.redactURL(ue.URL)
	}
	return err
}
