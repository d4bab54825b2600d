package render

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/intercom-gen/intercom-gen/generator/internal/model"
)

// authFile renders what the package declares for the description's
// security schemes: a variable per scheme (the runtime's view of it), the
// operations' default security, an option per API key, and each OAuth 2.0
// scheme's endpoint and scopes.
func (e *emitter) authFile(f *jen.File) {
	p := e.pkg
	f.Comment("The security schemes of the description: how the client sends each one's credentials.")
	f.Var().DefsFunc(func(g *jen.Group) {
		for i, s := range p.Schemes {
			if i > 0 {
				g.Line()
			}
			writeDoc(g, fmt.Sprintf("%s is the security scheme %q: %s.", s.Var, s.Name, schemeSends(s)))
			g.Id(s.Var).Op("=").Op("&").Id("securityScheme").Values(schemeFields(s)...)
		}
	})
	f.Line()
	writeDoc(f.Group, "defaultSecurity is how the operations authenticate unless they say otherwise: "+
		securityText(p.Security)+".")
	f.Var().Id("defaultSecurity").Op("=").Add(securityCode(p.Security))
	if p.DoOwnSecurity {
		f.Line()
		writeDoc(f.Group, "doSecurity is how Client.Do authenticates, not knowing which operation it calls: the description "+
			"declares no security of its own, so with any requirement its operations name, "+securityText(p.DoSecurity)+".")
		f.Var().Id("doSecurity").Op("=").Add(securityCode(p.DoSecurity))
	}
	for _, s := range p.Schemes {
		if s.Option == "" {
			continue
		}
		f.Line()
		writeDoc(f.Group, paragraphs(
			fmt.Sprintf("%s authenticates with an API key of the security scheme %q, sent in the %s. Given to a single "+
				"call, it applies to that call only; \"\" removes the key.", s.Option, s.Name, keyPlace(s)),
			s.Doc))
		f.Func().Id(s.Option).Params(jen.Id("key").String()).Id("Option").Block(
			jen.Return(jen.Id("withAPIKey").Call(jen.Id(s.Var), jen.Id("key"))),
		)
	}
	declared := map[string]bool{}
	for _, s := range p.Schemes {
		if s.Endpoint != "" {
			endpoint(f, s, declared)
		}
	}
}

// endpoint renders the endpoint of an OAuth 2.0 scheme and its scopes
// (those declared holds none already declared by another scheme).
func endpoint(f *jen.File, s *model.SecurityScheme, declared map[string]bool) {
	var auth, token, refresh string
	var kinds []string
	for _, fl := range s.Flows {
		kinds = append(kinds, fl.Kind)
		if auth == "" {
			auth = fl.AuthorizationURL
		}
		if token == "" {
			token = fl.TokenURL
		}
		if refresh == "" {
			refresh = fl.RefreshURL
		}
	}
	f.Line()
	writeDoc(f.Group, paragraphs(
		fmt.Sprintf("%s is the authorization server of the OAuth 2.0 scheme %q (flows: %s), for OAuth2Config.Endpoint.",
			s.Endpoint, s.Name, strings.Join(kinds, ", ")),
		s.Doc))
	d := jen.Dict{}
	for _, kv := range []struct{ k, v string }{{"AuthURL", auth}, {"TokenURL", token}, {"RefreshURL", refresh}} {
		if kv.v != "" {
			d[jen.Id(kv.k)] = jen.Lit(kv.v)
		}
	}
	f.Var().Id(s.Endpoint).Op("=").Id("OAuth2Endpoint").Values(d)
	var scopes []*model.OAuthScope
	for _, fl := range s.Flows {
		for _, sc := range fl.Scopes {
			if !declared[sc.Const] {
				declared[sc.Const] = true
				scopes = append(scopes, sc)
			}
		}
	}
	if len(scopes) == 0 {
		return
	}
	f.Line()
	f.Comment(fmt.Sprintf("The scopes of the OAuth 2.0 scheme %q, for OAuth2Config.Scopes.", s.Name))
	f.Const().DefsFunc(func(g *jen.Group) {
		for _, sc := range scopes {
			doc := sc.Const + " is the scope " + strconv.Quote(sc.Name)
			if d := strings.TrimSpace(sc.Doc); d != "" && d != sc.Name {
				doc += ": " + lowerFirst(d)
			}
			writeDoc(g, strings.TrimSuffix(doc, ".")+".")
			g.Id(sc.Const).Op("=").Lit(sc.Name)
		}
	})
}

// keyPlace says where an API key goes: "header X-API-Key", "query
// parameter api_key" or "cookie session".
func keyPlace(s *model.SecurityScheme) string {
	if s.In == "query" {
		return "query parameter " + s.Param
	}
	return s.In + " " + s.Param
}

// schemeFields are the fields of a scheme's value: the runtime's
// securityScheme and the test server's scheme have the same.
func schemeFields(s *model.SecurityScheme) []jen.Code { return []jen.Code{jen.Op(schemeFieldsText(s))} }

// schemeFieldsText is schemeFields as text.
func schemeFieldsText(s *model.SecurityScheme) string {
	text := "name: " + strconv.Quote(s.Name)
	switch s.Kind {
	case model.SchemeToken:
		text += ", kind: authToken, prefix: " + strconv.Quote(s.AuthScheme)
	case model.SchemeBasic:
		text += ", kind: authBasic"
	case model.SchemeAPIKey:
		text += ", kind: authKey, in: " + strconv.Quote(s.In) + ", param: " + strconv.Quote(s.Param)
	}
	return text
}

// schemeSends says what a scheme sends, for docs.
func schemeSends(s *model.SecurityScheme) string {
	switch s.Kind {
	case model.SchemeBasic:
		return "HTTP basic authentication (WithBasicAuth)"
	case model.SchemeAPIKey:
		return fmt.Sprintf("an API key in the %s (%s)", keyPlace(s), s.Option)
	}
	what := "a token"
	switch s.Type {
	case "oauth2":
		what = "an OAuth 2.0 access token"
	case "openIdConnect":
		what = "an OpenID Connect access token"
	}
	return fmt.Sprintf("%s, sent as \"Authorization: %s <token>\" (NewClient's token, WithToken, WithTokenSource)", what, s.AuthScheme)
}

// securityCode spells a list of requirements as the runtime's
// []securityRequirement; an empty list is the one empty requirement (no
// credentials).
func securityCode(reqs []*model.SecurityRequirement) jen.Code {
	return requirementsCode("securityRequirement", reqs)
}

// requirementsCode spells a list of requirements as a slice of the type
// named typ, each requirement a slice of scheme variables.
func requirementsCode(typ string, reqs []*model.SecurityRequirement) jen.Code {
	return jen.Op(requirementsText(typ, reqs))
}

// requirementsText is requirementsCode as text.
func requirementsText(typ string, reqs []*model.SecurityRequirement) string {
	if len(reqs) == 0 {
		reqs = []*model.SecurityRequirement{{}}
	}
	var b strings.Builder
	b.WriteString("[]" + typ + "{")
	for i, r := range reqs {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('{')
		for j, u := range r.Schemes {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString(u.Scheme.Var)
		}
		b.WriteByte('}')
	}
	b.WriteByte('}')
	return b.String()
}

// securityText says how a list of requirements authenticates, for docs.
func securityText(reqs []*model.SecurityRequirement) string {
	var alts []string
	for _, r := range reqs {
		if len(r.Schemes) == 0 {
			alts = append(alts, "no credentials")
			continue
		}
		var names []string
		for _, u := range r.Schemes {
			n := strconv.Quote(u.Scheme.Name)
			if len(u.Scopes) > 0 {
				n += " (scopes " + strings.Join(u.Scopes, ", ") + ")"
			}
			names = append(names, n)
		}
		alts = append(alts, "the scheme"+plural(len(names))+" "+strings.Join(names, " and "))
	}
	if len(alts) == 0 {
		return "no credentials"
	}
	return strings.Join(alts, ", or ")
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// securityDoc is the paragraph of an operation's doc on how it
// authenticates, when that is not the package's default or it needs
// OAuth 2.0 scopes; "" otherwise.
func securityDoc(op *model.Operation) string {
	scopes := false
	for _, r := range op.Security {
		for _, u := range r.Schemes {
			scopes = scopes || len(u.Scopes) > 0
		}
	}
	if !op.OwnSecurity && !scopes {
		return ""
	}
	if len(op.Security) == 1 && len(op.Security[0].Schemes) == 0 {
		return "It sends no credentials: the description lets anyone call it."
	}
	return "It authenticates with " + securityText(op.Security) + "."
}

// hasScheme reports whether the package has a scheme of the kind.
func hasScheme(p *model.Package, kind model.SchemeKind) bool {
	for _, s := range p.Schemes {
		if s.Kind == kind {
			return true
		}
	}
	return false
}

// hasEndpoint reports whether the package declares an OAuth 2.0 endpoint.
func hasEndpoint(p *model.Package) bool {
	for _, s := range p.Schemes {
		if s.Endpoint != "" {
			return true
		}
	}
	return false
}

// Credentials are the expressions a call of NewClient gives each
// credential of the description: the token, HTTP basic authentication's
// user and password (one expression of two values, such as a call), and
// each API key scheme's key.
type Credentials struct {
	Token jen.Code
	Basic jen.Code
	Key   func(scheme string) jen.Code
}

// NewClientCall calls pkg's NewClient from another package, whose
// declarations of pkg qual spells, with every credential of the
// description (those of creds), then opts, then the options in the
// slice rest when it is not nil.
func NewClientCall(pkg *model.Package, qual func(name string) *jen.Statement, creds Credentials, opts []jen.Code, rest jen.Code) jen.Code {
	all := slices.Clone(opts)
	if hasScheme(pkg, model.SchemeBasic) {
		all = append(all, qual("WithBasicAuth").Call(creds.Basic))
	}
	for _, s := range pkg.Schemes {
		if s.Option != "" {
			all = append(all, qual(s.Option).Call(creds.Key(s.Name)))
		}
	}
	list := func() *jen.Statement { return jen.Index().Add(qual("Option")).Values(all...) }
	options := list().Op("...")
	if rest != nil {
		options = jen.Append(list(), jen.Add(rest).Op("...")).Op("...")
	}
	if pkg.TokenArg {
		return qual("NewClient").Call(creds.Token, options)
	}
	return qual("NewClient").Call(options)
}
