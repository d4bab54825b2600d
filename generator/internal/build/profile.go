package build

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/intercom-gen/intercom-gen/generator/internal/model"
)

// The vendor profiles intercom-gen knows. A profile adds what the vendor's
// API has and its description does not say (regions, an OAuth flow for
// apps, search helpers, webhook signatures, error codes); every other
// description gets the general profile, built from the description alone.
const (
	vendorIntercom = "intercom"
)

// intercomHost is the domain of Intercom's API hosts (api.intercom.io,
// api.eu.intercom.io, api.au.intercom.io).
const intercomHost = "intercom.io"

// serverVar is a variable of a server URL template.
var serverVar = regexp.MustCompile(`\{[^{}]*\}`)

// selectProfile picks the profile of a description: Intercom's when one
// of its servers is on intercom.io or it declares Intercom's version
// header (Intercom-Version), else the general one, whose errors start with
// the package name.
func selectProfile(spec *openapi3.T, pkg string) model.Profile {
	if isIntercom(spec) {
		return model.Profile{
			Vendor: vendorIntercom, ErrorPrefix: vendorIntercom,
			Regions: true, OAuthApp: true, Search: true, Webhooks: true, ErrorCodes: true,
		}
	}
	return model.Profile{ErrorPrefix: pkg}
}

// isIntercom reports whether a description is of Intercom's API.
func isIntercom(spec *openapi3.T) bool {
	for _, s := range spec.Servers {
		if s != nil && onHost(s.URL, intercomHost) {
			return true
		}
	}
	isVersion := func(p *openapi3.ParameterRef) bool {
		return p != nil && p.Value != nil && strings.EqualFold(p.Value.In, "header") && strings.EqualFold(p.Value.Name, "Intercom-Version")
	}
	if spec.Components != nil {
		for _, p := range spec.Components.Parameters {
			if isVersion(p) {
				return true
			}
		}
	}
	if spec.Paths == nil {
		return false
	}
	for _, item := range spec.Paths.Map() {
		if item == nil {
			continue
		}
		for _, p := range item.Parameters {
			if isVersion(p) {
				return true
			}
		}
		for _, op := range item.Operations() {
			for _, p := range op.Parameters {
				if isVersion(p) {
					return true
				}
			}
		}
	}
	return false
}

// onHost reports whether a server URL names domain or one of its
// subdomains, whatever values its variables take
// ("https://{region}.intercom.io" does).
func onHost(raw, domain string) bool {
	u, err := url.Parse(serverVar.ReplaceAllString(raw, "x"))
	if err != nil || u.Host == "" {
		return false
	}
	h := strings.ToLower(u.Hostname())
	return h == domain || strings.HasSuffix(h, "."+domain)
}
