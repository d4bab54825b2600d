package build

import (
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// TestBaseURL: the first absolute server URL, its variables at their
// defaults, is the client's default; relative or unresolved ones are not.
func TestBaseURL(t *testing.T) {
	for _, tc := range []struct {
		servers openapi3.Servers
		want    string
	}{
		{nil, ""},
		{openapi3.Servers{{URL: "/api/v3"}}, ""},
		{openapi3.Servers{{URL: "/relative"}, {URL: "https://api.intercom.io/"}, {URL: "https://api.eu.intercom.io"}}, "https://api.intercom.io"},
		{openapi3.Servers{{URL: "https://{region}.example.com/v{major}", Variables: map[string]*openapi3.ServerVariable{
			"region": {Default: "eu"}, "major": {Default: "2"}}}}, "https://eu.example.com/v2"},
		{openapi3.Servers{{URL: "https://{unset}.example.com"}}, ""},
		{openapi3.Servers{{URL: "ftp://files.example.com"}}, ""},
	} {
		if got := baseURL(tc.servers); got != tc.want {
			t.Errorf("baseURL(%v) = %q, want %q", tc.servers, got, tc.want)
		}
	}
}
