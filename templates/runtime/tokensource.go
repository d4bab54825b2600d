package runtime

import "context"

// TokenSource gives the access token of a call, for clients whose token
// is not known when the client is made: an app installed in many
// workspaces, say, looks up the workspace's token from the call's
// context. Token is called once per call that sends a token, with the
// call's context, and retries reuse what it returned; an error (or an
// empty token) fails the call without sending anything. It must be safe
// for concurrent use.
//
// A golang.org/x/oauth2 token source fits behind a three-line adapter
// (see the README).
type TokenSource interface {
	Token(ctx context.Context) (string, error)
}

// TokenSourceFunc makes a function a TokenSource.
type TokenSourceFunc func(ctx context.Context) (string, error)

// Token calls f.
func (f TokenSourceFunc) Token(ctx context.Context) (string, error) { return f(ctx) }

// WithTokenSource authenticates with the token ts gives for each call,
// in place of the token given to NewClient (which may then be ""). Given
// to a single call, it applies to that call only; nil restores the
// client's token.
func WithTokenSource(ts TokenSource) Option {
	return func(c *requestConfig) { c.tokens = ts }
}

// WithToken authenticates with token in place of the one given to
// NewClient: given to a single call, it sends that call on behalf of
// another workspace without a client of its own.
func WithToken(token string) Option {
	return WithTokenSource(staticToken(token))
}

// staticToken is a TokenSource that always gives the same token.
type staticToken string

func (t staticToken) Token(context.Context) (string, error) { return string(t), nil }
