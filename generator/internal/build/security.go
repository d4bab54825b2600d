package build

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/intercom-gen/intercom-gen/generator/internal/model"
	"github.com/intercom-gen/intercom-gen/generator/internal/naming"
	"github.com/intercom-gen/intercom-gen/loader/diag"
)

// challengeSchemes are HTTP authentication schemes that answer a server's
// challenge (RFC 7235 and its registry): a client cannot send them up
// front the way it sends a token.
var challengeSchemes = []string{"digest", "hoba", "mutual", "negotiate", "ntlm", "scram-sha-1", "scram-sha-256"}

// claimSecurity reads the description's security schemes and its
// top-level security, and names what the package declares for them:
// each scheme's runtime variable, the API key options, the OAuth 2.0
// endpoints and scope constants. It runs before any schema is typed, so
// these fixed names keep theirs and inline types move aside.
func (b *builder) claimSecurity() {
	if b.spec.Components != nil && len(b.spec.Components.SecuritySchemes) > 0 {
		schemes := b.spec.Components.SecuritySchemes
		for _, name := range slices.Sorted(maps.Keys(schemes)) {
			ptr := diag.Pointer("components", "securitySchemes", name)
			if sr := schemes[name]; sr != nil && sr.Value != nil {
				if s := b.scheme(name, sr.Value, ptr); s != nil {
					b.pkg.Schemes = append(b.pkg.Schemes, s)
				}
			}
		}
		b.nameSecurity()
	}
	if b.spec.Security != nil {
		b.pkg.Security = b.requirements(b.spec.Security, "/security")
	}
	b.pkg.TokenArg = b.pkg.Profile.Vendor == vendorIntercom ||
		slices.ContainsFunc(b.pkg.Schemes, func(s *model.SecurityScheme) bool { return s.Kind == model.SchemeToken })
}

// scheme maps one security scheme; nil (with a diagnostic) when the
// client cannot send it.
func (b *builder) scheme(name string, ss *openapi3.SecurityScheme, ptr string) *model.SecurityScheme {
	s := &model.SecurityScheme{Name: name, Type: ss.Type, Doc: ss.Description, BearerFormat: ss.BearerFormat}
	switch strings.ToLower(ss.Type) {
	case "http":
		scheme := strings.TrimSpace(ss.Scheme)
		switch lower := strings.ToLower(scheme); {
		case lower == "bearer":
			s.Kind, s.AuthScheme = model.SchemeToken, "Bearer"
		case lower == "basic":
			s.Kind = model.SchemeBasic
		case scheme == "" || !headerName(scheme):
			b.add(diag.Warning, "unsupported-security", ptr,
				fmt.Sprintf("HTTP security scheme %q has no valid authentication scheme (%q); the client cannot send it", name, ss.Scheme),
				"set scheme to bearer, basic or another HTTP authentication scheme")
			return nil
		case slices.Contains(challengeSchemes, lower):
			b.add(diag.Warning, "unsupported-security", ptr,
				fmt.Sprintf("HTTP security scheme %q uses %s, which answers the server's challenge; the client cannot send it up front", name, scheme),
				"send the credentials yourself, with WithMiddleware")
			return nil
		default:
			// Another scheme of the registry or of the API's own
			// ("Token"): a token sent after the scheme's name.
			s.Kind, s.AuthScheme = model.SchemeToken, scheme
		}
	case "apikey":
		s.Kind, s.In, s.Param = model.SchemeAPIKey, strings.ToLower(ss.In), ss.Name
		switch {
		case s.In != "header" && s.In != "query" && s.In != "cookie":
			b.add(diag.Warning, "unsupported-security", ptr,
				fmt.Sprintf("API key scheme %q is sent in %q, which is not header, query or cookie; the client cannot send it", name, ss.In), "")
			return nil
		case s.In != "query" && !headerName(s.Param):
			b.add(diag.Warning, "unsupported-security", ptr,
				fmt.Sprintf("API key scheme %q names the %s %q, which is not a valid name; the client cannot send it", name, s.In, ss.Name),
				"names are letters, digits and !#$%&'*+-.^_`|~")
			return nil
		case s.Param == "":
			b.add(diag.Warning, "unsupported-security", ptr,
				fmt.Sprintf("API key scheme %q names no query parameter; the client cannot send it", name), "")
			return nil
		}
	case "oauth2":
		s.Kind, s.AuthScheme = model.SchemeToken, "Bearer"
		if f := ss.Flows; f != nil {
			for _, fl := range []struct {
				kind string
				flow *openapi3.OAuthFlow
			}{
				{"authorizationCode", f.AuthorizationCode}, {"clientCredentials", f.ClientCredentials},
				{"password", f.Password}, {"implicit", f.Implicit},
			} {
				if fl.flow != nil {
					s.Flows = append(s.Flows, b.flow(fl.kind, fl.flow, diag.Append(ptr, "flows", fl.kind)))
				}
			}
		}
	case "openidconnect":
		s.Kind, s.AuthScheme, s.OpenIDConnectURL = model.SchemeToken, "Bearer", ss.OpenIdConnectUrl
	case "mutualtls":
		b.add(diag.Info, "security-mutual-tls", ptr,
			fmt.Sprintf("security scheme %q is mutual TLS: the client certificate goes in the TLS configuration of the HTTP client (WithHTTPClient)", name), "")
		return nil
	default:
		b.add(diag.Warning, "unsupported-security", ptr,
			fmt.Sprintf("security scheme %q has type %q, which OpenAPI does not define; the client cannot send it", name, ss.Type),
			"use http, apiKey, oauth2 or openIdConnect")
		return nil
	}
	return s
}

// flow maps one OAuth 2.0 flow, its scopes in description order.
func (b *builder) flow(kind string, f *openapi3.OAuthFlow, ptr string) *model.OAuthFlow {
	out := &model.OAuthFlow{Kind: kind, AuthorizationURL: f.AuthorizationURL, TokenURL: f.TokenURL, RefreshURL: f.RefreshURL}
	for _, name := range keysInOrder(b, diag.Append(ptr, "scopes"), f.Scopes) {
		out.Scopes = append(out.Scopes, &model.OAuthScope{Name: name, Doc: f.Scopes[name]})
	}
	return out
}

// nameSecurity names the package-level declarations of the schemes: a
// variable per scheme, an option per API key (WithAPIKey, or With<Scheme>
// when there are several), an endpoint per OAuth 2.0 scheme with URLs
// (Endpoint, or <Scheme>Endpoint when there are several) and a constant
// per scope (Scope<Name>, one per scope whatever the schemes naming it).
func (b *builder) nameSecurity() {
	var keys, endpoints int
	for _, s := range b.pkg.Schemes {
		switch {
		case s.Kind == model.SchemeAPIKey:
			keys++
		case hasURLs(s):
			endpoints++
		}
	}
	scopes := map[string]string{}
	for _, s := range b.pkg.Schemes {
		ptr := diag.Pointer("components", "securitySchemes", s.Name)
		owner := "security scheme " + s.Name
		s.Var, _ = b.scope.Unique("scheme"+naming.Exported(s.Name, "Scheme"), owner, "Auth")
		if s.Kind == model.SchemeAPIKey {
			base := "WithAPIKey"
			if keys > 1 {
				base = "With" + naming.Exported(s.Name, "Key")
			}
			s.Option = b.claimFixed(base, owner, ptr, "Key")
		}
		if hasURLs(s) {
			base := "Endpoint"
			if endpoints > 1 {
				base = naming.Exported(s.Name, "OAuth") + "Endpoint"
			}
			s.Endpoint = b.claimFixed(base, owner, ptr, "OAuth2")
		}
		for _, f := range s.Flows {
			for _, sc := range f.Scopes {
				if c, ok := scopes[sc.Name]; ok {
					sc.Const = c
					continue
				}
				sc.Const = b.claimFixed("Scope"+naming.Exported(sc.Name, "Default"), "scope "+sc.Name, ptr, "Scope")
				scopes[sc.Name] = sc.Const
			}
		}
	}
}

// claimFixed claims an exported name the package declares for the
// description, reporting a rename.
func (b *builder) claimFixed(base, owner, ptr string, suffix string) string {
	base = naming.Bounded(base)
	name, renamed := b.scope.Unique(base, owner, suffix)
	if renamed {
		b.add(diag.Info, "name-collision", ptr,
			fmt.Sprintf("%s is named %s because %s is taken by %s", owner, name, base, b.scope.Owner(base)), "")
	}
	return name
}

// hasURLs reports an OAuth 2.0 scheme with a flow that names a URL.
func hasURLs(s *model.SecurityScheme) bool {
	return slices.ContainsFunc(s.Flows, func(f *model.OAuthFlow) bool {
		return f.AuthorizationURL != "" || f.TokenURL != "" || f.RefreshURL != ""
	})
}

// requirements maps a security list at ptr. A requirement that names a
// scheme the description does not define (a warning), or one the client
// cannot send (reported with the scheme), cannot be met: it is left out,
// and the client uses another. Mutual TLS is met by the HTTP client's TLS
// configuration, so a requirement naming it only loses that scheme.
func (b *builder) requirements(list openapi3.SecurityRequirements, ptr string) []*model.SecurityRequirement {
	out := []*model.SecurityRequirement{}
	for i, req := range list {
		at := diag.Append(ptr, strconv.Itoa(i))
		r := &model.SecurityRequirement{}
		met := true
		for _, name := range keysInOrder(b, at, req) {
			s := b.schemeNamed(name)
			var def *openapi3.SecurityScheme
			if b.spec.Components != nil && b.spec.Components.SecuritySchemes[name] != nil {
				def = b.spec.Components.SecuritySchemes[name].Value
			}
			switch {
			case s != nil:
				r.Schemes = append(r.Schemes, &model.SchemeUse{Scheme: s, Scopes: req[name]})
			case def == nil:
				b.add(diag.Warning, "undefined-security-scheme", at,
					fmt.Sprintf("security requirement names %q, which components.securitySchemes does not define; the requirement is left out", name),
					"define the scheme, or fix the name")
				met = false
			case !strings.EqualFold(def.Type, "mutualTLS"):
				met = false
			}
		}
		if met {
			out = append(out, r)
		}
	}
	return out
}

func (b *builder) schemeNamed(name string) *model.SecurityScheme {
	for _, s := range b.pkg.Schemes {
		if s.Name == name {
			return s
		}
	}
	return nil
}

// operationSecurity gives every operation its security: its own
// requirements, or the package's. An operation with `security: []` (or
// only empty requirements) sends no credentials.
func (b *builder) operationSecurity() {
	ops := b.operations()
	if len(ops) != len(b.pkg.Operations) {
		return // cannot happen: both list the description's operations in order
	}
	for i, po := range ops {
		op := b.pkg.Operations[i]
		op.Security = b.pkg.Security
		if po.op.Security == nil {
			continue
		}
		op.Security = b.requirements(*po.op.Security, diag.Append(po.ptr, "security"))
		if len(op.Security) == 0 {
			// security: [] is the one empty requirement: no credentials
			// (as is a list of requirements the client cannot meet).
			op.Security = []*model.SecurityRequirement{{}}
		}
		op.OwnSecurity = !sameSchemes(op.Security, b.pkg.Security)
	}
}

// doSecurity decides how Client.Do authenticates: as operations do by
// default when the description says how; else with any requirement an
// operation names (first the first one named), so that a raw call of such
// an operation sends what it needs.
func (b *builder) doSecurity() {
	b.pkg.DoSecurity = b.pkg.Security
	if b.spec.Security != nil {
		return
	}
	var reqs []*model.SecurityRequirement
	for _, op := range b.pkg.Operations {
		for _, r := range op.Security {
			if len(r.Schemes) > 0 && !slices.ContainsFunc(reqs, func(x *model.SecurityRequirement) bool {
				return sameSchemes([]*model.SecurityRequirement{x}, []*model.SecurityRequirement{r})
			}) {
				reqs = append(reqs, r)
			}
		}
	}
	if len(reqs) > 0 {
		b.pkg.DoSecurity, b.pkg.DoOwnSecurity = reqs, true
	}
}

// sameSchemes reports whether two lists of requirements name the same
// schemes in the same order (scopes aside: they do not change what is
// sent).
func sameSchemes(a, c []*model.SecurityRequirement) bool {
	return slices.EqualFunc(a, c, func(x, y *model.SecurityRequirement) bool {
		return slices.EqualFunc(x.Schemes, y.Schemes, func(p, q *model.SchemeUse) bool { return p.Scheme == q.Scheme })
	})
}
