package runtime

import "maps"

// withAPIKey authenticates with key for the API key scheme s; "" removes
// it. Generated packages name an option after the scheme (WithAPIKey).
// The map is copied, so that a call's option never changes the client's.
func withAPIKey(s *securityScheme, key string) Option {
	return func(c *requestConfig) {
		keys := make(map[*securityScheme]string, len(c.keys)+1)
		maps.Copy(keys, c.keys)
		if key == "" {
			delete(keys, s)
		} else {
			keys[s] = key
		}
		c.keys = keys
	}
}
