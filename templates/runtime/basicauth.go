package runtime

// WithBasicAuth authenticates with HTTP basic authentication: every
// request whose operation accepts it sends username and password in its
// Authorization header. Given to a single call, it applies to that call
// only.
func WithBasicAuth(username, password string) Option {
	return func(c *requestConfig) { c.basic = &basicAuth{username, password} }
}
