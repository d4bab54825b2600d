package runtime

// WithVersion sends another Intercom-Version header than the one the
// package was generated for. Given to a call, it also overrides the
// version an operation itself requires.
func WithVersion(v string) Option {
	return func(c *requestConfig) { c.version = v }
}
