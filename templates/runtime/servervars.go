package runtime

import "slices"

// withServer sends requests to a server whose URL has variables, each at
// its value (NewClient passes the description's server, its variables at
// their defaults). WithBaseURL takes precedence.
func withServer(url string, vars ...serverVariable) Option {
	return func(c *requestConfig) { c.server = &serverTemplate{url: url, vars: vars} }
}

// withServerVar sets one variable of the server's URL. Generated packages
// name an option after each variable (WithServerRegion). The template is
// copied, so that a call's option never changes the client's.
func withServerVar(name, value string) Option {
	return func(c *requestConfig) {
		if c.server == nil {
			return
		}
		s := &serverTemplate{url: c.server.url, vars: slices.Clone(c.server.vars)}
		for i := range s.vars {
			if s.vars[i].name == name {
				s.vars[i].value = value
			}
		}
		c.server = s
	}
}
