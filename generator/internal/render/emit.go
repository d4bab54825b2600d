// Package render is the third stage: it renders the model of
// generator/internal/model as the Go files of a package, most of it
// written directly in gofmt's layout (goSource) and the rest with
// jennifer, and copies the runtime of templates/ beside them. It only
// renders: every name, type and grouping was decided by the builder, and
// nothing here knows about OpenAPI or spec versions.
package render

import (
	"bytes"
	"cmp"
	"fmt"
	"go/format"
	"maps"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/intercom-gen/intercom-gen/generator/internal/gofile"
	"github.com/intercom-gen/intercom-gen/generator/internal/model"
	"github.com/intercom-gen/intercom-gen/generator/internal/parallel"
)

// File is a rendered Go file.
type File = gofile.File

// headerComment is gofile.Header as jennifer's HeaderComment takes it.
var headerComment = strings.TrimPrefix(gofile.Header, "// ")

// Emit renders every generated file of pkg (not the copied runtime),
// gofmt'd, sorted by name. Files are rendered and formatted in parallel,
// a large file in parts that are joined afterwards; the result does not
// depend on the order they finish in. The types, the services and the
// operations table are written directly in gofmt's layout (goSource);
// the rest (the client, the package doc, authentication, webhook
// registration) is rendered with jennifer and formatted.
func Emit(pkg *model.Package) ([]File, error) {
	parts, err := emit(pkg)
	if err != nil {
		return nil, err
	}
	err = parallel.Each(len(parts), runtime.GOMAXPROCS(0), func(i int) error {
		p := &parts[i]
		var err error
		if p.src, err = p.render(); err == nil && p.direct == nil {
			p.src, err = formatSource(p.stem+".go", p.src)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return join(parts), nil
}

// Render is Emit without the formatting, for measuring the two apart:
// one File per part (a large file comes in parts named stem.go,
// stem.2.go, …). raw are jennifer's output, valid Go that Format gofmts;
// direct are the parts written in gofmt's layout already.
func Render(pkg *model.Package) (raw, direct []File, err error) {
	parts, err := emit(pkg)
	if err != nil {
		return nil, nil, err
	}
	out := make([]File, len(parts))
	err = parallel.Each(len(parts), runtime.GOMAXPROCS(0), func(i int) error {
		src, err := parts[i].render()
		name := parts[i].stem + ".go"
		if parts[i].n > 0 {
			name = fmt.Sprintf("%s.%d.go", parts[i].stem, parts[i].n+1)
		}
		out[i] = File{Name: name, Source: src}
		return err
	})
	for i, p := range parts {
		if p.direct != nil {
			direct = append(direct, out[i])
		} else {
			raw = append(raw, out[i])
		}
	}
	return raw, direct, err
}

// Format gofmts rendered files in place, in parallel.
func Format(files []File) error {
	return parallel.Each(len(files), runtime.GOMAXPROCS(0), func(i int) error {
		src, err := formatSource(files[i].Name, files[i].Source)
		if err == nil {
			files[i].Source = src
		}
		return err
	})
}

func formatSource(name string, src []byte) ([]byte, error) {
	out, err := format.Source(src)
	if err != nil {
		// As jennifer words it, less the source it appends.
		return nil, fmt.Errorf("emit %s: Error %s while formatting source", name, firstLine(err))
	}
	return out, nil
}

// partTypes is how many type declarations go into one part of a file: a
// part is rendered and formatted on its own, so that the models file,
// which holds most of the package, does not keep one core busy while the
// other waits.
const partTypes = 48

// A part is a piece of one output file: the whole file, or a run of its
// type declarations. Parts end between declarations, where the file has a
// blank line, so formatting them apart gives the same text as formatting
// the file.
//
// A part holds what to put in it rather than its text: jennifer's
// builders, or the writers of declarations in gofmt's layout (a part has
// one kind or the other). The text is made by the goroutine that renders
// the part, so that building, like rendering and formatting, runs on
// every core, and each jennifer tree lives only as long as its part takes.
type part struct {
	stem   string
	n      int // the part's index within its file
	pkg    string
	builds []func(f *jen.File)
	direct []func(s *goSource)
	src    []byte
}

// render builds the part's text: jennifer's, unformatted, or the direct
// writers', final.
func (p *part) render() ([]byte, error) {
	if p.direct != nil {
		var s goSource
		for _, write := range p.direct {
			write(&s)
		}
		src, err := s.file(p.pkg)
		if err != nil {
			return nil, fmt.Errorf("emit %s.go: %w", p.stem, err)
		}
		return src, nil
	}
	f := jen.NewFile(p.pkg)
	f.HeaderComment(headerComment)
	f.NoFormat = true
	for _, build := range p.builds {
		build(f)
	}
	var buf bytes.Buffer
	if err := f.Render(&buf); err != nil {
		return nil, fmt.Errorf("emit %s.go: %w", p.stem, firstLine(err))
	}
	return buf.Bytes(), nil
}

// emit plans every file of the package, in parts, sorted by file name and
// part.
func emit(pkg *model.Package) ([]part, error) {
	e := &emitter{pkg: pkg, types: map[string]*model.Type{}}
	for _, t := range pkg.Types {
		e.types[t.Name] = t
	}
	files := map[string][]*part{}
	newPart := func(stem string) *part {
		p := &part{stem: stem, n: len(files[stem]), pkg: pkg.Name}
		files[stem] = append(files[stem], p)
		return p
	}
	file := func(stem string) *part {
		if ps := files[stem]; len(ps) > 0 {
			return ps[len(ps)-1]
		}
		return newPart(stem)
	}
	add := func(p *part, build func(f *jen.File)) {
		if p.direct != nil {
			// A part is written by jennifer or directly, never both:
			// jennifer's declarations follow the direct ones in a part of
			// their own.
			p = newPart(p.stem)
		}
		p.builds = append(p.builds, build)
	}
	add(file("doc"), e.docFile)
	add(file("client"), e.clientFile)
	file("operations").direct = []func(*goSource){e.operationsFile}
	if len(pkg.Schemes) > 0 {
		add(file("auth"), e.authFile)
	}
	for _, svc := range pkg.Services {
		p := newPart(svc.File)
		p.direct = []func(*goSource){func(s *goSource) { e.service(s, svc) }}
	}
	types := slices.Clone(pkg.Types)
	slices.SortFunc(types, func(a, b *model.Type) int { return cmp.Compare(a.Name, b.Name) })
	count := map[string]int{} // type declarations in the file's last part
	for _, t := range types {
		p := file(t.File)
		if p.builds != nil || count[t.File] == partTypes {
			// A new part after jennifer's (a service's) or a full one.
			p, count[t.File] = newPart(t.File), 0
		}
		count[t.File]++
		p.direct = append(p.direct, func(s *goSource) {
			e.typeDecl(s, t)
			if t.QueryField != "" {
				e.setQuery(s, t)
			}
		})
	}
	if len(pkg.WebhookModels) > 0 {
		add(file("webhooks"), e.webhooksFile)
	}
	if len(pkg.Webhooks) > 0 {
		add(file("webhooks"), e.webhookReaders)
	}
	e.planJSONv2(types, newPart)
	stems := slices.Sorted(maps.Keys(files))
	var parts []part
	for _, stem := range stems {
		for _, p := range files[stem] {
			parts = append(parts, *p)
		}
	}
	return parts, nil
}

// join puts the formatted parts of each file together: the first part's
// header and package clause, one import declaration for the imports of
// every part, then each part's declarations, a blank line apart.
func join(parts []part) []File {
	var out []File
	for i := 0; i < len(parts); {
		j := i + 1
		for j < len(parts) && parts[j].stem == parts[i].stem {
			j++
		}
		name := parts[i].stem + ".go"
		if j == i+1 {
			out = append(out, File{Name: name, Source: parts[i].src})
			i = j
			continue
		}
		var imports []string
		bodies := make([][]byte, 0, j-i)
		var head []byte
		for k := i; k < j; k++ {
			h, imps, body := splitImports(parts[k].src)
			if k == i {
				head = h
			}
			imports = append(imports, imps...)
			bodies = append(bodies, body)
		}
		slices.SortFunc(imports, func(a, b string) int { return cmp.Compare(importPath(a), importPath(b)) })
		imports = slices.Compact(imports)
		var buf bytes.Buffer
		buf.Write(head)
		switch len(imports) {
		case 0:
		case 1:
			buf.WriteString("import " + imports[0] + "\n\n")
		default:
			buf.WriteString("import (\n")
			for _, imp := range imports {
				buf.WriteString("\t" + imp + "\n")
			}
			buf.WriteString(")\n\n")
		}
		for k, body := range bodies {
			if k > 0 {
				buf.WriteByte('\n')
			}
			buf.Write(body)
		}
		out = append(out, File{Name: name, Source: buf.Bytes()})
		i = j
	}
	return out
}

// splitImports cuts a gofmt'd file into what precedes its import
// declaration (header, package clause and the blank line after it), the
// import specs, and the rest.
func splitImports(src []byte) (head []byte, imports []string, body []byte) {
	i := bytes.Index(src, []byte("\npackage "))
	if i < 0 {
		return nil, nil, src
	}
	eol := bytes.IndexByte(src[i+1:], '\n')
	head = src[:i+1+eol+2] // through the blank line after the package clause
	rest := src[len(head):]
	switch {
	case bytes.HasPrefix(rest, []byte("import (\n")):
		end := bytes.Index(rest, []byte("\n)\n"))
		for _, l := range strings.Split(string(rest[len("import (\n"):end]), "\n") {
			imports = append(imports, strings.TrimSpace(l))
		}
		rest = rest[end+len("\n)\n"):]
	case bytes.HasPrefix(rest, []byte("import ")):
		eol := bytes.IndexByte(rest, '\n')
		imports = append(imports, string(rest[len("import "):eol]))
		rest = rest[eol+1:]
	default:
		return head, nil, rest
	}
	return head, imports, bytes.TrimPrefix(rest, []byte("\n"))
}

// importPath is the quoted path of an import spec (`"time"`, or
// `name "path"`).
func importPath(spec string) string {
	if i := strings.IndexByte(spec, ' '); i >= 0 {
		return spec[i+1:]
	}
	return spec
}

// firstLine keeps jennifer's formatting errors short: they embed the whole
// unformatted source after the first line.
func firstLine(err error) error {
	msg := err.Error()
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	return fmt.Errorf("%s", msg)
}

type emitter struct {
	pkg   *model.Package
	types map[string]*model.Type
}

// typeCode spells a type reference.
func typeCode(r *model.TypeRef) jen.Code {
	switch r.Kind {
	case model.Slice:
		return jen.Index().Add(typeCode(r.Elem))
	case model.Map:
		return jen.Map(jen.String()).Add(typeCode(r.Elem))
	case model.Nullable:
		return jen.Id("Nullable").Types(typeCode(r.Elem))
	case model.Pointer:
		return jen.Op("*").Add(typeCode(r.Elem))
	case model.Qual:
		return jen.Qual(r.Package, r.Name)
	}
	return jen.Id(r.Name)
}

func (e *emitter) docFile(f *jen.File) {
	title := e.pkg.Title
	if title == "" {
		title = "API"
	}
	if !strings.HasPrefix(strings.ToLower(title), "the ") {
		title = "the " + title
	}
	doc := fmt.Sprintf("Package %s is a Go client for %s, version %s.", e.pkg.Name, title, e.pkg.Version)
	body := fmt.Sprintf("It is generated by intercom-gen from %s: its types and methods are exactly those of the "+
		"description. Create a client with NewClient; operations are grouped by tag, e.g. client.%s.",
		sourceName(e.pkg.Source), firstServiceField(e.pkg))
	if e.pkg.VersionHeader {
		body = fmt.Sprintf("It is generated by intercom-gen from %s and pinned to that version: every request sends "+
			"the Intercom-Version header %q (see Version), and its types and methods are exactly those of the "+
			"description. Create a client with NewClient; operations are grouped by tag, e.g. client.%s.", sourceName(e.pkg.Source), e.pkg.Version, firstServiceField(e.pkg))
	}
	opt := "Optional and nullable values: a field the API always has is a plain value. An optional scalar " +
		"(string, number, boolean, enum, time) is a pointer, nil when absent: build one with Ptr, String, Int, " +
		"Int64, Float or Bool. Optional arrays, maps, objects and unions are plain values whose zero value means " +
		"absent (a non-nil empty slice is sent as []). A field the description marks nullable is a Nullable, " +
		"which is absent, null or a value: build one with Some or Null, read it with Get or Value."
	decode := "Responses decode leniently, as the real API needs: unknown fields are kept and re-encoded (see " +
		"ExtraFields), unknown enum values are kept, nulls and type mismatches never fail a response. A non-2xx " +
		"answer is returned as an *APIError with the status, request ID, every error of the body and the headers; " +
		"errors.Is matches it against the sentinel of its status (ErrNotFound, ErrRateLimited, ErrServer, …)."
	if e.pkg.Profile.ErrorCodes {
		decode = strings.TrimSuffix(decode, ".") + ", and the ErrorCode… constants name Intercom's documented error codes."
	}
	union := "A union holds exactly one variant: build it with its New<Union>From<Variant> function, ask which " +
		"variant is set with Kind, and note that encoding one with no variant or several set is an error. JSON " +
		"that no variant can hold decodes anyway (Kind is then <Union>KindUnknown, Raw returns it)."
	if !slices.ContainsFunc(e.pkg.Types, func(t *model.Type) bool { return t.Kind == model.Union }) {
		union = ""
	}
	auth := e.authDoc()
	encode := "A decoded model marshals back to the JSON it was read from, unknown fields and all, when " +
		"encoding/json can address it: marshal a pointer (json.Marshal(&m)); elements of slices are fine. " +
		"Methods return pointers and iterators yield them. A model marshalled by value (json.Marshal(m), a " +
		"map value) is written from the Go values of its declared fields alone: MarshalJSON has a pointer " +
		"receiver, which keeps this package quick to compile."
	licence := "Licence: the runtime files of this package (runtime_*.go) are intercom-gen's runtime, under the " +
		"MIT licence of intercom-gen; the rest is generated from " + sourceName(e.pkg.Source) + ", under the " +
		"licence of that description."
	f.PackageComment(strings.Join(prefixLines(docLines(paragraphs(doc, body, opt, decode, union, encode, auth, licence))), "\n"))
}

// authDoc is the package doc's paragraph on authentication.
func (e *emitter) authDoc() string {
	do := "Client.Do calls an endpoint the package has no method for, with the same authentication, retries and errors."
	if e.pkg.Profile.Vendor == "" {
		var creds []string
		if e.pkg.TokenArg {
			creds = append(creds, "NewClient's token (or WithToken, WithTokenSource)")
		}
		if hasScheme(e.pkg, model.SchemeBasic) {
			creds = append(creds, "WithBasicAuth")
		}
		for _, s := range e.pkg.Schemes {
			if s.Option != "" {
				creds = append(creds, s.Option)
			}
		}
		if len(creds) == 0 {
			return "Authentication: the description declares no security scheme, so the client sends no credentials " +
				"(WithHeader adds your own). " + do
		}
		oauth := ""
		if hasEndpoint(e.pkg) {
			oauth = "OAuth2Config runs the description's OAuth 2.0 flows (see Endpoint and the Scope constants); its " +
				"TokenSource renews tokens as they expire. "
		}
		return "Authentication: each call sends the credentials its operation's security requires, as the description " +
			"declares them, from those the client holds: " + strings.Join(creds, ", ") + ". An operation the description " +
			"lets anyone call is sent none. " + oauth + do
	}
	auth := "Authentication: NewClient's token is sent as a bearer token, or WithTokenSource looks one up per call " +
		"(an app installed in many workspaces). "
	if e.pkg.Profile.OAuthApp {
		auth += "OAuthConfig runs Intercom's OAuth flow for public apps; its tokens " +
			"do not expire and come without refresh tokens. "
	}
	return auth + do
}

// prefixLines makes comment lines for PackageComment, which takes the text
// verbatim.
func prefixLines(lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = commentLine(l)
	}
	return out
}

func sourceName(s string) string {
	if s == "" {
		return "an OpenAPI description"
	}
	return s
}

func firstServiceField(p *model.Package) string {
	if len(p.Services) == 0 {
		return "<Service>"
	}
	return p.Services[0].Field + ".<Method>"
}

func (e *emitter) clientFile(f *jen.File) {
	if e.pkg.VersionHeader {
		writeDoc(f.Group, "Version is the Intercom API version this package is pinned to; "+
			"every request sends it as the Intercom-Version header unless WithVersion overrides it.")
	} else {
		writeDoc(f.Group, "Version is the version of the API description this package was generated from "+
			"(its info.version). The description declares no version header, so requests do not send it.")
	}
	f.Const().Id("Version").Op("=").Lit(e.pkg.Version)
	f.Line()
	version := jen.Lit("")
	if e.pkg.VersionHeader {
		version = jen.Id("Version")
	}
	e.serverOptions(f)
	baseURL := jen.Lit("")
	if e.pkg.BaseURL != "" {
		other := "WithBaseURL says"
		if e.pkg.Profile.Regions {
			other = "WithBaseURL or WithRegion says"
		}
		writeDoc(f.Group, "DefaultBaseURL is where the client sends requests unless "+other+" "+
			"otherwise: the first server the description lists.")
		f.Const().Id("DefaultBaseURL").Op("=").Lit(e.pkg.BaseURL)
		f.Line()
		baseURL = jen.Id("DefaultBaseURL")
	}
	writeDoc(f.Group, "Client calls the API. Create it with NewClient; it is safe for concurrent use. "+
		"Each field groups the operations of one tag.")
	f.Type().Id("Client").StructFunc(func(g *jen.Group) {
		for _, svc := range e.pkg.Services {
			writeDoc(g, fmt.Sprintf("%s holds the operations tagged %q.", svc.Field, svc.Tag))
			g.Id(svc.Field).Op("*").Id(svc.TypeName)
		}
		g.Line()
		g.Id("core").Op("*").Id("clientCore")
	})
	f.Line()
	where := "base URL"
	if e.pkg.Profile.Regions {
		where = "region or base URL"
	}
	who := "an access token"
	if e.pkg.Profile.Vendor == "intercom" {
		who = "an Intercom access token"
	}
	var security jen.Code = jen.Id("defaultSecurity")
	if len(e.pkg.Schemes) == 0 {
		// No scheme: nothing is ever sent.
		security = securityCode(nil)
	}
	defaults := jen.Index().Id("Option").Values(jen.Id("WithBaseURL").Call(baseURL), jen.Id("withSecurity").Call(security))
	if e.pkg.Server != "" {
		// withServer(template, each variable on a line of its own).
		server := jen.Id("withServer").CallFunc(func(g *jen.Group) {
			g.Lit(e.pkg.Server)
			for _, v := range e.pkg.ServerVars {
				fields := []jen.Code{jen.Id("name").Op(":").Lit(v.Name), jen.Id("value").Op(":").Lit(v.Default)}
				if len(v.Enum) > 0 {
					fields = append(fields, jen.Id("enum").Op(":").Index().String().ValuesFunc(func(g *jen.Group) {
						for _, x := range v.Enum {
							g.Lit(x)
						}
					}))
				}
				g.Line().Id("serverVariable").Values(fields...)
			}
		})
		defaults = jen.Index().Id("Option").Values(jen.Line().Add(server), jen.Line().Id("withSecurity").Call(security), jen.Line())
	}
	params := []jen.Code{jen.Id("opts").Op("...").Id("Option")}
	token := jen.Lit("")
	if e.pkg.TokenArg {
		writeDoc(f.Group, "NewClient returns a client that authenticates with "+who+" "+
			"(sent as a bearer token; with WithTokenSource it may be \"\", the token then being looked up per call). Options choose the "+where+", the HTTP client and default headers; "+
			"the same options can be given to each call."+e.otherCredentials())
		params = append([]jen.Code{jen.Id("token").String()}, params...)
		token = jen.Id("token")
	} else {
		writeDoc(f.Group, "NewClient returns a client of the API. Options choose the "+where+", the HTTP client and default "+
			"headers; the same options can be given to each call."+e.otherCredentials())
	}
	f.Func().Id("NewClient").Params(params...).Op("*").Id("Client").Block(
		jen.Id("core").Op(":=").Id("newClientCore").Call(token, version, jen.Append(defaults, jen.Id("opts").Op("..."))),
		jen.Return(jen.Op("&").Id("Client").Values(jen.DictFunc(func(d jen.Dict) {
			for _, svc := range e.pkg.Services {
				d[jen.Id(svc.Field)] = jen.Op("&").Id(svc.TypeName).Values(jen.Dict{jen.Id("core"): jen.Id("core")})
			}
			d[jen.Id("core")] = jen.Id("core")
		}))),
	)
	f.Line()
	writeDoc(f.Group, paragraphs(
		"Do calls an endpoint this package has no method for, such as one the description does not document, "+
			"with everything an operation has: "+e.doHas()+", retries (by the rules for its method), "+
			"rate-limit waits, middleware and *APIError for an unsuccessful answer.",
		"path is relative to the base URL and may carry a query string (\"/contacts/123?foo=bar\"). "+
			"body is nil, a json.RawMessage or []byte sent as it is, or any value, encoded as JSON. "+
			"out is nil (the answer is discarded), a *[]byte or *json.RawMessage that receives the body as it came, "+
			"or a pointer to a value the answer is decoded into, as leniently as an operation's.",
		"Middleware sees an Operation with the method and path and no ID; an *APIError names the method and path "+
			"instead of an operation."+e.doVersion(),
	))
	f.Func().Params(jen.Id("c").Op("*").Id("Client")).Id("Do").Params(
		jen.Id("ctx").Qual("context", "Context"), jen.List(jen.Id("method"), jen.Id("path")).String(),
		jen.List(jen.Id("body"), jen.Id("out")).Any(), jen.Id("opts").Op("...").Id("Option"),
	).Error().Block(
		jen.Return(jen.Id("doRaw").Call(jen.Id("ctx"), jen.Id("c").Dot("core"), jen.Id("method"), jen.Id("path"),
			jen.Id("body"), jen.Id("out"), e.doOptions())),
	)
}

// otherCredentials is what NewClient's doc says of the credentials other
// than its token: the options that give them.
func (e *emitter) otherCredentials() string {
	var opts []string
	if hasScheme(e.pkg, model.SchemeBasic) {
		opts = append(opts, "WithBasicAuth")
	}
	for _, s := range e.pkg.Schemes {
		if s.Option != "" {
			opts = append(opts, s.Option)
		}
	}
	switch {
	case len(opts) > 0:
		return " The description's other credentials are options: " + strings.Join(opts, ", ") + "."
	case len(e.pkg.Schemes) == 0 && !e.pkg.TokenArg:
		return " The description declares no security scheme: the client sends no credentials (WithHeader adds your own)."
	}
	return ""
}

// serverOptions renders an option per variable of the server's URL.
func (e *emitter) serverOptions(f *jen.File) {
	for _, v := range e.pkg.ServerVars {
		values := ""
		if len(v.Enum) > 0 {
			values = " It is one of " + strings.Join(quoteAll(v.Enum), ", ") + "."
		}
		writeDoc(f.Group, paragraphs(
			fmt.Sprintf("%s sets the variable %q of the server's URL (%s), %q by default.%s WithBaseURL takes precedence.",
				v.Option, v.Name, e.pkg.Server, v.Default, values),
			v.Doc))
		f.Func().Id(v.Option).Params(jen.Id("value").String()).Id("Option").Block(
			jen.Return(jen.Id("withServerVar").Call(jen.Lit(v.Name), jen.Id("value"))),
		)
		f.Line()
	}
}

func quoteAll(vals []string) []string {
	out := make([]string, len(vals))
	for i, v := range vals {
		out[i] = strconv.Quote(v)
	}
	return out
}

// doOptions are the options of Client.Do's raw call: the caller's, after
// the security of raw calls when it is not the operations' default.
func (e *emitter) doOptions() jen.Code {
	if !e.pkg.DoOwnSecurity {
		return jen.Id("opts")
	}
	return jen.Append(jen.Index().Id("Option").Values(jen.Id("withSecurity").Call(jen.Id("doSecurity"))), jen.Id("opts").Op("..."))
}

// doHas is what Client.Do sends besides the request itself.
func (e *emitter) doHas() string {
	if e.pkg.VersionHeader {
		return "the token, the Intercom-Version header"
	}
	return "the token"
}

// doVersion is what Client.Do's doc says of WithVersion, when there is one.
func (e *emitter) doVersion() string {
	if e.pkg.VersionHeader {
		return " WithVersion reaches an endpoint of another version."
	}
	return ""
}

func (e *emitter) operationsFile(s *goSource) {
	s.topDoc("Operations lists every operation of this API version in the order the description " +
		"lists them: operation ID, HTTP method, path template and tag. Middleware can tell which operation a " +
		"request belongs to with OperationFromContext.")
	list := make([]element, len(e.pkg.Operations))
	specs := make([]varSpec, len(e.pkg.Operations))
	for i, op := range e.pkg.Operations {
		list[i] = element{val: inline(op.Var)}
		fields := []element{
			{key: "ID", val: inline(strconv.Quote(op.ID))},
			{key: "Method", val: inline(strconv.Quote(op.HTTPMethod))},
			{key: "Path", val: inline(strconv.Quote(op.Path))},
			{key: "Tag", val: inline(strconv.Quote(op.Tag))},
		}
		// The status documented with a JSON body: the runtime refuses an
		// empty body there, and takes any other 2xx as a success.
		if n, err := strconv.Atoi(op.Result.Status); err == nil && op.Result.Kind == model.JSON && n >= 200 && n < 300 {
			fields = append(fields, element{key: "jsonStatus", val: inline(strconv.Itoa(n))})
		}
		if op.OwnSecurity {
			fields = append(fields, element{key: "security", val: inline("&" + requirementsText("securityRequirement", op.Security))})
		}
		specs[i] = varSpec{name: op.Var, val: dict("Operation{", "}", fields)}
	}
	s.b.WriteString("var Operations = ")
	s.literal(composite("[]Operation{", "}", list), 0)
	s.line()
	s.line()
	s.varGroup(specs)
}
