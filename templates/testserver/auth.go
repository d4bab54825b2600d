package testserver

import (
	"fmt"
	"net/http"
	"strings"
)

// The credentials a Server accepts unless options name others;
// Server.Client sends them.
const (
	// DefaultToken is the token of the schemes that send one (HTTP
	// bearer, OAuth 2.0, OpenID Connect).
	DefaultToken = "test-token"
	// DefaultUser and DefaultPassword are HTTP basic authentication's.
	DefaultUser     = "test-user"
	DefaultPassword = "test-password"
	// DefaultAPIKey is every API key scheme's key.
	DefaultAPIKey = "test-key"
)

// authKind is how a security scheme's credentials arrive.
type authKind uint8

const (
	authToken authKind = iota + 1
	authBasic
	authKey
)

// scheme is one of the description's security schemes, as the server
// checks it: a token after prefix in the Authorization header, HTTP basic
// authentication, or an API key in the header, query parameter or cookie
// param.
type scheme struct {
	name      string
	kind      authKind
	prefix    string
	in, param string
}

// requirement is one way to authenticate: every scheme of it, together;
// an empty one needs no credentials.
type requirement []*scheme

// bearer is the security of a table that declares none of its own: a
// bearer token.
var bearer = []requirement{{{name: "bearer", kind: authToken, prefix: "Bearer"}}}

// WithToken makes the server accept token instead of DefaultToken.
func WithToken(token string) ServerOption {
	return func(s *Server) { s.token = token }
}

// WithBasicAuth makes the server accept user and password for HTTP basic
// authentication instead of DefaultUser and DefaultPassword.
func WithBasicAuth(user, password string) ServerOption {
	return func(s *Server) { s.user, s.password = user, password }
}

// WithAPIKey makes the server accept key for the API key scheme named
// scheme (as the description names it) instead of DefaultAPIKey.
func WithAPIKey(scheme, key string) ServerOption {
	return func(s *Server) {
		if s.keys == nil {
			s.keys = map[string]string{}
		}
		s.keys[scheme] = key
	}
}

// Token is the token the server accepts.
func (s *Server) Token() string { return s.token }

// BasicAuth is the user name and password the server accepts.
func (s *Server) BasicAuth() (user, password string) { return s.user, s.password }

// APIKey is the key the server accepts for the API key scheme named
// scheme.
func (s *Server) APIKey(scheme string) string {
	if k, ok := s.keys[scheme]; ok {
		return k
	}
	return DefaultAPIKey
}

// checkAuth checks a request's credentials against its operation's
// security (else the table's): one of its requirements must be met in
// full, with the server's credentials, or, when one of them is empty
// (credentials are optional), none may be sent. An operation that takes
// no credentials must be sent none, lest a client leak them. It returns
// the error answer, or nil.
func (s *Server) checkAuth(op *operation, r *http.Request) *Response {
	reqs := s.api.security
	if op.security != nil {
		reqs = *op.security
	}
	if reqs == nil {
		reqs = bearer
	}
	anonymous, credentialed := false, false
	for _, req := range reqs {
		if len(req) == 0 {
			anonymous = true
			continue
		}
		credentialed = true
		if s.meets(r, req) {
			return nil
		}
	}
	sent := s.credentialsIn(r)
	switch {
	case !credentialed && len(sent) > 0:
		resp := Errors(http.StatusBadRequest, Error{Code: "credentials_not_expected",
			Message: fmt.Sprintf("%s takes no credentials, but the request sent %s", op.id, strings.Join(sent, ", "))})
		return &resp
	case !credentialed, anonymous && len(sent) == 0:
		// No credentials needed; or optional ones, and none sent.
		return nil
	}
	msg := "Access Token Invalid"
	if !onlyTokens(reqs) {
		msg = "missing or wrong credentials: " + op.id + " takes " + describe(reqs)
	}
	resp := Errors(http.StatusUnauthorized, Error{Code: "unauthorized", Message: msg})
	return &resp
}

// meets reports whether a request carries every credential of req.
func (s *Server) meets(r *http.Request, req requirement) bool {
	for _, sc := range req {
		switch sc.kind {
		case authToken:
			if r.Header.Get("Authorization") != sc.prefix+" "+s.token {
				return false
			}
		case authBasic:
			if u, p, ok := r.BasicAuth(); !ok || u != s.user || p != s.password {
				return false
			}
		case authKey:
			if v, ok := keyIn(r, sc); !ok || v != s.APIKey(sc.name) {
				return false
			}
		}
	}
	return true
}

// keyIn is the value of an API key scheme's parameter in a request.
func keyIn(r *http.Request, sc *scheme) (string, bool) {
	switch sc.in {
	case "query":
		v, ok := r.URL.Query()[sc.param]
		if !ok || len(v) == 0 {
			return "", false
		}
		return v[0], true
	case "cookie":
		c, err := r.Cookie(sc.param)
		if err != nil {
			return "", false
		}
		return c.Value, true
	}
	v, ok := r.Header[http.CanonicalHeaderKey(sc.param)]
	if !ok || len(v) == 0 {
		return "", false
	}
	return v[0], true
}

// credentialsIn names the credentials a request carries: its
// Authorization header and the parameters of the API's key schemes.
func (s *Server) credentialsIn(r *http.Request) []string {
	var out []string
	if r.Header.Get("Authorization") != "" {
		out = append(out, "an Authorization header")
	}
	for _, sc := range s.api.schemes {
		if _, ok := keyIn(r, sc); sc.kind == authKey && ok {
			out = append(out, fmt.Sprintf("the %s %s of %s", sc.in, sc.param, sc.name))
		}
	}
	return out
}

// onlyTokens reports whether every way to authenticate is a token.
func onlyTokens(reqs []requirement) bool {
	for _, req := range reqs {
		for _, sc := range req {
			if sc.kind != authToken {
				return false
			}
		}
	}
	return true
}

// describe says what the requirements take, for messages.
func describe(reqs []requirement) string {
	var alts []string
	for _, req := range reqs {
		var names []string
		for _, sc := range req {
			names = append(names, sc.name)
		}
		if len(names) > 0 {
			alts = append(alts, strings.Join(names, " and "))
		}
	}
	return strings.Join(alts, ", or ")
}
