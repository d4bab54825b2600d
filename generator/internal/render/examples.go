package render

import (
	"bytes"
	"fmt"
	"go/format"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/intercom-gen/intercom-gen/generator/internal/gofile"
	"github.com/intercom-gen/intercom-gen/generator/internal/model"
)

// ExamplesFile is the name of the file Examples renders.
const ExamplesFile = "example_test.go"

// Examples renders example_test.go, the Example functions of package pkg
// (in package <pkg>_test, importing the package from importPath and its
// test package from beside it), which go doc shows and go test runs
// offline against the test package's server (its Start). Each example is
// written only when the description has what it needs: the operations
// are chosen by their properties, Intercom's operation IDs first, and
// every printed value is one the example sets itself. ok is false when
// there is no file: the package (or its test package) is named like a
// standard package the examples import (a package named http).
func Examples(pkg *model.Package, importPath string) (f File, ok bool, err error) {
	for _, std := range []string{"context", "errors", "fmt", "http", "httptest", "json"} {
		if pkg.Name == std || TestPackageName(pkg.Name) == std {
			return File{}, false, nil
		}
	}
	x := &exampler{pkg: pkg, p: pkg.Name, tp: TestPackageName(pkg.Name), types: map[string]*model.Type{}, imports: map[string]bool{}}
	for _, ty := range pkg.Types {
		x.types[ty.Name] = ty
	}
	for _, ex := range []func() *example{x.create, x.list, x.search, x.apiError, x.rawCall, x.authorizeURL, x.exchange, x.authCodeURL, x.webhook, x.webhookPayload, x.testServer} {
		if e := ex(); e != nil {
			x.examples = append(x.examples, e)
		}
	}
	if len(x.examples) == 0 {
		return File{}, false, nil
	}
	var b bytes.Buffer
	b.WriteString(gofile.Header + "\n\n")
	fmt.Fprintf(&b, "package %s_test\n\nimport (\n", pkg.Name)
	std := []string{"context", "fmt"}
	for imp := range x.imports {
		std = append(std, imp)
	}
	slices.Sort(std)
	for _, imp := range slices.Compact(std) {
		fmt.Fprintf(&b, "\t%q\n", imp)
	}
	// Every example uses the test package; the package itself only when
	// an example names one of its declarations.
	qualified := regexp.MustCompile(`\b` + regexp.QuoteMeta(x.p) + `\.`)
	uses := slices.ContainsFunc(x.examples, func(e *example) bool { return qualified.MatchString(e.body) })
	if uses {
		fmt.Fprintf(&b, "\n\t%s %q", x.p, importPath)
	}
	fmt.Fprintf(&b, "\n\t%s %q\n)\n", x.tp, importPath+"/"+x.tp)
	for _, e := range x.examples {
		b.WriteString("\n")
		for _, line := range prefixLines(docLines(e.doc)) {
			b.WriteString(line + "\n")
		}
		body := e.body
		if strings.Contains(body, "ctx") {
			body = "ctx := context.Background()\n" + body
		}
		fmt.Fprintf(&b, "func %s() {\n%s\n", e.name, strings.TrimSpace(body))
		switch len(e.output) {
		case 1:
			b.WriteString("\t// Output: " + e.output[0] + "\n")
		default:
			b.WriteString("\t// Output:\n")
			for _, line := range e.output {
				b.WriteString("\t// " + line + "\n")
			}
		}
		b.WriteString("}\n")
	}
	src, err := format.Source(b.Bytes())
	if err != nil {
		return File{}, false, fmt.Errorf("emit %s: %w", ExamplesFile, firstLine(err))
	}
	return File{Name: ExamplesFile, Source: src}, true, nil
}

type exampler struct {
	pkg      *model.Package
	p, tp    string
	types    map[string]*model.Type
	imports  map[string]bool
	examples []*example
	// used are the operations examples call, so that each shows another.
	used []*model.Operation
}

type example struct {
	name, doc, body string
	output          []string
}

// sampleID is the ID the examples give the objects they create.
const sampleID = "6657a2b1"

// sample is the value an example puts in a string property, by its name.
func sample(wire string) string {
	switch wire {
	case "id":
		return sampleID
	case "email":
		return "ada@example.com"
	case "name":
		return "Ada Lovelace"
	}
	return "example"
}

// strValue spells s as a value of r when r holds a string (string,
// *string, Nullable[string]); "" when it does not.
func (x *exampler) strValue(r *model.TypeRef, s string) string {
	q := strconv.Quote(s)
	switch {
	case r == nil:
		return ""
	case r.Kind == model.Builtin && r.Name == "string":
		return q
	case r.Kind == model.Pointer && r.Elem.Kind == model.Builtin && r.Elem.Name == "string":
		return x.p + ".String(" + q + ")"
	case r.Kind == model.Nullable && r.Elem.Kind == model.Builtin && r.Elem.Name == "string":
		return x.p + ".Some(" + q + ")"
	}
	return ""
}

// strRead reads the string a value of r holds, expr being the value.
func (x *exampler) strRead(r *model.TypeRef, expr string) string {
	switch r.Kind {
	case model.Pointer:
		return "*" + expr
	case model.Nullable:
		return expr + ".Value()"
	}
	return expr
}

// structOf is the struct type r names (through a pointer), nil if none.
func (x *exampler) structOf(r *model.TypeRef) *model.Type {
	if r != nil && r.Kind == model.Pointer {
		r = r.Elem
	}
	if r == nil || r.Kind != model.Named {
		return nil
	}
	if ty := x.types[r.Name]; ty != nil && ty.Kind == model.Struct {
		return ty
	}
	return nil
}

func field(ty *model.Type, wire string) *model.Field {
	for _, f := range ty.Fields {
		if f.Wire == wire {
			return f
		}
	}
	return nil
}

// hasString reports whether struct type ty has a string property wire.
func (x *exampler) hasString(ty *model.Type, wire string) bool {
	f := field(ty, wire)
	return f != nil && x.strValue(f.Type, "") != ""
}

// fields spells the values of a struct literal of ty: the string
// properties wires that ty has, and, when request, every required
// property (its constant, or a sample string). ok is false when a
// required property is not a string.
func (x *exampler) fields(ty *model.Type, request bool, wires ...string) (string, bool) {
	var parts []string
	for _, f := range ty.Fields {
		want := slices.Contains(wires, f.Wire)
		if !want && !(request && f.Required && !f.ReadOnly) {
			continue
		}
		s := sample(f.Wire)
		if f.Const != "" {
			s = f.Const
		}
		v := x.strValue(f.Type, s)
		if v == "" {
			if want && !f.Required {
				continue
			}
			return "", false
		}
		parts = append(parts, f.Name+": "+v)
	}
	return strings.Join(parts, ", "), true
}

// literal spells a value of r (a struct or a pointer to one) with
// fields; "" when r is neither.
func (x *exampler) literal(r *model.TypeRef, request bool, wires ...string) string {
	ty := x.structOf(r)
	if ty == nil {
		return ""
	}
	vals, ok := x.fields(ty, request, wires...)
	if !ok {
		return ""
	}
	lit := x.p + "." + ty.Name + "{" + vals + "}"
	if r.Kind == model.Pointer {
		return "&" + lit
	}
	return lit
}

// service is the Client field and type of op's service.
func (x *exampler) service(op *model.Operation) *model.Service { return serviceOf(x.pkg, op) }

// callable reports whether an example can call op with sample path
// arguments and no parameters: every path parameter a string, no
// required query parameter.
func (x *exampler) callable(op *model.Operation) bool {
	if x.service(op) == nil {
		return false
	}
	for _, p := range op.PathParams {
		if p.Type == nil || p.Type.Kind != model.Builtin || p.Type.Name != "string" {
			return false
		}
	}
	if op.Params != nil {
		for _, f := range op.Params.Fields {
			if f.Required {
				return false
			}
		}
	}
	return true
}

// args are the arguments after ctx of a call of op: each path parameter
// sampleID, nil parameters, then body when op has one.
func (x *exampler) args(op *model.Operation, body string) string {
	var args []string
	for range op.PathParams {
		args = append(args, strconv.Quote(sampleID))
	}
	if op.Params != nil {
		args = append(args, "nil")
	}
	if op.Body != nil {
		args = append(args, body)
	}
	return strings.Join(append([]string{"ctx"}, args...), ", ")
}

// samplePath is op's path with sampleID for each parameter.
func samplePath(op *model.Operation) string {
	p := op.Path
	for _, pp := range op.PathParams {
		p = strings.ReplaceAll(p, "{"+pp.Wire+"}", sampleID)
	}
	return p
}

// pick returns the operation fit accepts, preferring the IDs given (in
// order), then the operations on path, then the first in the package's
// order; an operation another example calls comes last.
func (x *exampler) pick(fit func(*model.Operation) bool, path string, ids ...string) *model.Operation {
	var ops []*model.Operation
	for _, op := range x.pkg.Operations {
		if fit(op) {
			ops = append(ops, op)
		}
	}
	rank := func(op *model.Operation) int {
		if i := slices.Index(ids, op.ID); i >= 0 {
			return i
		}
		r := len(ids) + 1
		if op.Path == path {
			r = len(ids)
		}
		if slices.Contains(x.used, op) {
			r += 2
		}
		return r
	}
	slices.SortStableFunc(ops, func(a, b *model.Operation) int { return rank(a) - rank(b) })
	if len(ops) == 0 {
		return nil
	}
	x.used = append(x.used, ops[0])
	return ops[0]
}

func opVar(tp string, op *model.Operation) string { return tp + "." + opName(op) }

// stubbed is the result of op as a stub of it would answer, with id and
// email set; "" when op does not answer such an object.
func (x *exampler) stubbed(op *model.Operation) string {
	if op.Result.Kind != model.JSON {
		return ""
	}
	r := op.Result.Type
	if op.Result.Pointer {
		r = &model.TypeRef{Kind: model.Pointer, Elem: r}
	}
	ty := x.structOf(r)
	if ty == nil || !x.hasString(ty, "id") {
		return ""
	}
	return x.literal(r, false, "id", "email")
}

// idOf reads the id of a result of op held in expr.
func (x *exampler) idOf(ty *model.Type, expr string) string {
	return x.strRead(field(ty, "id").Type, expr+"."+field(ty, "id").Name)
}

func (x *exampler) start(opts string) string {
	return fmt.Sprintf("\tsrv := %s.Start(%s)\n\tdefer srv.Close()\n", x.tp, opts)
}

const onErr = "\tif err != nil {\n\t\tfmt.Println(err)\n\t\treturn\n\t}\n"

// create is the seed: create a contact (or the first object the API
// creates from a body) and print it.
func (x *exampler) create() *example {
	var body string
	op := x.pick(func(op *model.Operation) bool {
		if op.HTTPMethod != "POST" || op.Body == nil || op.Body.Form || op.Body.Raw != "" || !x.callable(op) || x.stubbed(op) == "" {
			return false
		}
		return x.createBody(op) != ""
	}, "/contacts", "createContact", "CreateContact")
	if op == nil {
		return nil
	}
	body = x.createBody(op)
	svc := x.service(op)
	ty := x.structOf(op.Result.Type)
	print := x.idOf(ty, "created")
	out := sampleID
	if x.hasString(ty, "email") {
		print += ", " + x.strRead(field(ty, "email").Type, "created."+field(ty, "email").Name)
		out += " ada@example.com"
	}
	return &example{
		name: "Example" + svc.TypeName + "_" + op.Method,
		doc: fmt.Sprintf("%s sends %s %s. The examples call the package's test server (%s.Start); a program calls the "+
			"API with a client from NewClient(token).", op.Method, op.HTTPMethod, op.Path, x.tp),
		body: x.start("") +
			"\t// The test server answers as the API would.\n" +
			fmt.Sprintf("\t%s.Stub(srv, %s, %s)\n\n", x.tp, opVar(x.tp, op), x.stubbed(op)) +
			"\tclient := srv.Client()\n" +
			fmt.Sprintf("\tcreated, err := client.%s.%s(%s)\n", svc.Field, op.Method, x.args(op, body)) + onErr +
			fmt.Sprintf("\tfmt.Println(%s)\n", print),
		output: []string{out},
	}
}

// createBody is the body a create example sends: its email when it has
// one, and its required properties.
func (x *exampler) createBody(op *model.Operation) string {
	r := op.Body.Type
	if op.Body.Pointer {
		r = &model.TypeRef{Kind: model.Pointer, Elem: r}
	}
	return x.literal(r, true, "email")
}

// pagedItem is the struct type of the items op pages, when they have a
// string id.
func (x *exampler) pagedItem(op *model.Operation) *model.Type {
	if op.Paging == nil || op.Result.Kind != model.JSON || op.Paging.ItemType == nil || !x.callable(op) {
		return nil
	}
	ty := x.structOf(op.Paging.ItemType)
	if ty == nil || !x.hasString(ty, "id") {
		return nil
	}
	if _, ok := x.fields(ty, false, "id"); !ok {
		return nil
	}
	return ty
}

// items spells three items of ty, with IDs c1, c2, c3.
func (x *exampler) items(ty *model.Type) string {
	f := field(ty, "id")
	var parts []string
	for i := 1; i <= 3; i++ {
		parts = append(parts, "\t\t{"+f.Name+": "+x.strValue(f.Type, fmt.Sprint("c", i))+"},\n")
	}
	return "[]" + x.p + "." + ty.Name + "{\n" + strings.Join(parts, "") + "\t}"
}

// list ranges over every item of a paged listing served in pages.
func (x *exampler) list() *example {
	op := x.pick(func(op *model.Operation) bool {
		return op.Paging != nil && op.Paging.Style != model.PagingSearch && op.Body == nil && x.pagedItem(op) != nil
	}, "/contacts", "ListContacts", "listContacts")
	if op == nil {
		return nil
	}
	ty := x.pagedItem(op)
	svc := x.service(op)
	calls := 2
	if op.Paging.Style == model.PagingScroll {
		calls = 3 // the last, empty batch ends the scroll
	}
	return &example{
		name: "Example" + svc.TypeName + "_" + op.Paging.AllMethod,
		doc: op.Paging.AllMethod + " yields every item, fetching the pages as the loop needs them. Here the test server " +
			"serves three items, two to a page.",
		body: x.start("") +
			fmt.Sprintf("\t%s.StubPages(srv, %s, %s, 2)\n\n", x.tp, opVar(x.tp, op), x.items(ty)) +
			"\tclient := srv.Client()\n" +
			fmt.Sprintf("\tfor item, err := range client.%s.%s(%s) {\n", svc.Field, op.Paging.AllMethod, x.args(op, "")) +
			onErr +
			fmt.Sprintf("\t\tfmt.Println(%s)\n\t}\n", x.idOf(ty, "item")) +
			"\tfmt.Println(len(srv.Calls()), \"calls\")\n",
		output: []string{"c1", "c2", "c3", fmt.Sprint(calls, " calls")},
	}
}

// search ranges over the results of a search built with the search
// helpers.
func (x *exampler) search() *example {
	op := x.pick(func(op *model.Operation) bool {
		if op.Paging == nil || op.Paging.Style != model.PagingSearch || op.Body == nil || op.Body.Form || op.Body.Raw != "" || x.pagedItem(op) == nil {
			return false
		}
		ty := x.structOf(op.Body.Type)
		if ty == nil || ty.QueryField == "" {
			return false
		}
		for _, f := range ty.Fields {
			if f.Required && !f.ReadOnly && f.Wire != "query" && f.Name != ty.QueryField {
				return false
			}
		}
		return true
	}, "/contacts/search", "SearchContacts", "searchContacts")
	if op == nil {
		return nil
	}
	ty := x.pagedItem(op)
	svc := x.service(op)
	body := x.structOf(op.Body.Type)
	decl := fmt.Sprintf("\tsearch := &%s.%s{}\n", x.p, body.Name)
	if !op.Body.Pointer {
		decl = fmt.Sprintf("\tvar search %s.%s\n", x.p, body.Name)
	}
	fieldExpr, filter := x.p+".SearchField(\"id\")", `{"field":"id","operator":"=","value":"c1"}`
	value := `"c1"`
	if x.hasString(ty, "role") {
		fieldExpr, value, filter = x.p+".ContactFieldRole", `"user"`, `{"field":"role","operator":"=","value":"user"}`
	}
	return &example{
		name: "Example" + svc.TypeName + "_" + op.Paging.AllMethod,
		doc: op.Paging.AllMethod + " yields every result of a search, which SetQuery sets from the package's search " +
			"helpers (SearchFilter, SearchAnd, SearchOr), checked before anything is sent.",
		body: x.start("") +
			fmt.Sprintf("\t%s.StubPages(srv, %s, %s, 2)\n\n", x.tp, opVar(x.tp, op), x.items(ty)) +
			fmt.Sprintf("\tquery := %s.SearchFilter(%s, %s.SearchEquals, %s)\n", x.p, fieldExpr, x.p, value) +
			decl +
			"\tif err := search.SetQuery(query); err != nil {\n\t\tfmt.Println(err)\n\t\treturn\n\t}\n" +
			x.perPage(body, "search", 2) +
			"\tfmt.Println(query)\n\n" +
			"\tclient := srv.Client()\n" +
			fmt.Sprintf("\tfor item, err := range client.%s.%s(%s) {\n", svc.Field, op.Paging.AllMethod, x.args(op, "search")) +
			onErr +
			fmt.Sprintf("\t\tfmt.Println(%s)\n\t}\n", x.idOf(ty, "item")),
		output: []string{filter, "c1", "c2", "c3"},
	}
}

// lookup is a GET of one object by its path parameters, answering an
// object with a string id.
func (x *exampler) lookup(op *model.Operation) bool {
	return op.HTTPMethod == "GET" && op.Body == nil && len(op.PathParams) > 0 && x.callable(op) && x.stubbed(op) != ""
}

// apiError handles a 404: errors.Is with ErrNotFound, errors.As to the
// *APIError.
func (x *exampler) apiError() *example {
	op := x.pick(func(op *model.Operation) bool {
		return op.HTTPMethod == "GET" && op.Body == nil && op.Result.Kind == model.JSON && x.callable(op) && len(op.PathParams) > 0
	}, "/contacts/{id}", "ShowContact", "showContact", "getContact")
	if op == nil {
		return nil
	}
	x.imports["errors"], x.imports["net/http"] = true, true
	svc := x.service(op)
	return &example{
		name: "ExampleAPIError",
		doc: "A call that fails with an answer of the API returns an *APIError: errors.Is tells the kind of failure " +
			"(ErrNotFound, ErrUnauthorized, ErrRateLimited, …), errors.As gives the details.",
		body: x.start("") +
			fmt.Sprintf("\tsrv.StubError(%s, http.StatusNotFound, %s.Error{Code: \"not_found\", Message: \"User Not Found\"})\n\n", opVar(x.tp, op), x.tp) +
			fmt.Sprintf("\t_, err := srv.Client().%s.%s(%s)\n", svc.Field, op.Method, x.args(op, "")) +
			fmt.Sprintf("\tfmt.Println(errors.Is(err, %s.ErrNotFound))\n", x.p) +
			fmt.Sprintf("\tvar apiErr *%s.APIError\n", x.p) +
			"\tif errors.As(err, &apiErr) {\n\t\tfmt.Println(apiErr.StatusCode, apiErr.Errors[0].Code, apiErr.Errors[0].Message)\n\t}\n",
		output: []string{"true", "404 not_found User Not Found"},
	}
}

// rawCall calls a path with Client.Do.
func (x *exampler) rawCall() *example {
	op := x.pick(func(op *model.Operation) bool {
		return op.HTTPMethod == "GET" && op.Body == nil && op.Result.Kind == model.JSON && x.callable(op) &&
			len(op.PathParams) == 0 && op.Version == ""
	}, "/me", "identifyAdmin", "IdentifyAdmin")
	if op == nil {
		return nil
	}
	x.imports["encoding/json"], x.imports["net/http"] = true, true
	return &example{
		name: "ExampleClient_Do",
		doc: "Do calls an endpoint the package has no method for, with the client's token, version, retries and errors; " +
			"here " + op.Path + ", answered by a stub.",
		body: x.start("") +
			fmt.Sprintf("\tsrv.StubFunc(%s, func(%s.Call) %s.Response {\n", opVar(x.tp, op), x.tp, x.tp) +
			fmt.Sprintf("\t\treturn %s.Response{Body: json.RawMessage(`{\"type\":\"admin\",\"id\":\"991267\"}`)}\n\t})\n\n", x.tp) +
			"\tvar out json.RawMessage\n" +
			fmt.Sprintf("\tif err := srv.Client().Do(ctx, http.MethodGet, %q, nil, &out); err != nil {\n\t\tfmt.Println(err)\n\t\treturn\n\t}\n", op.Path) +
			"\tfmt.Println(string(out))\n",
		output: []string{`{"type":"admin","id":"991267"}`},
	}
}

func (x *exampler) authorizeURL() *example {
	if !x.pkg.Profile.OAuthApp {
		return nil
	}
	return &example{
		name: "ExampleOAuthConfig_AuthorizeURL",
		doc: "A public app sends the admin installing it to AuthorizeURL, with a state kept for the callback (a fresh " +
			"NewOAuthState, checked there with CheckOAuthState).",
		body: fmt.Sprintf("\tconfig := &%s.OAuthConfig{\n", x.p) +
			"\t\tClientID:     \"app-client-id\",\n\t\tClientSecret: \"app-client-secret\",\n" +
			"\t\tRedirectURL:  \"https://app.example.com/intercom/callback\",\n\t}\n" +
			"\tfmt.Println(config.AuthorizeURL(\"state-from-the-session\"))\n",
		output: []string{"https://app.intercom.com/oauth?client_id=app-client-id&redirect_uri=https%3A%2F%2Fapp.example.com%2Fintercom%2Fcallback&state=state-from-the-session"},
	}
}

func (x *exampler) exchange() *example {
	if !x.pkg.Profile.OAuthApp {
		return nil
	}
	x.imports["net/http"], x.imports["net/http/httptest"] = true, true
	return &example{
		name: "ExampleOAuthConfig_Exchange",
		doc: "At the redirect URL, Exchange trades the code Intercom sends for the workspace's access token, which does " +
			"not expire. Here a local stand-in answers for Intercom's token endpoint (TokenURL).",
		body: "\ttokenEndpoint := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {\n" +
			"\t\tif r.PostFormValue(\"code\") != \"code-from-the-redirect\" || r.PostFormValue(\"client_secret\") != \"app-client-secret\" {\n" +
			"\t\t\thttp.Error(w, `{\"error\":\"invalid_grant\"}`, http.StatusBadRequest)\n\t\t\treturn\n\t\t}\n" +
			"\t\tw.Header().Set(\"Content-Type\", \"application/json\")\n" +
			"\t\tfmt.Fprint(w, `{\"token_type\":\"Bearer\",\"access_token\":\"workspace-token\"}`)\n\t}))\n" +
			"\tdefer tokenEndpoint.Close()\n\n" +
			fmt.Sprintf("\tconfig := &%s.OAuthConfig{\n", x.p) +
			"\t\tClientID:     \"app-client-id\",\n\t\tClientSecret: \"app-client-secret\",\n" +
			"\t\tTokenURL:     tokenEndpoint.URL,\n\t}\n" +
			"\ttoken, err := config.Exchange(ctx, \"code-from-the-redirect\")\n" + onErr +
			"\tfmt.Println(token.TokenType, token.AccessToken)\n" +
			fmt.Sprintf("\n\tclient := %s.NewClient(token.AccessToken)\n\t_ = client\n", x.p),
		output: []string{"Bearer workspace-token"},
	}
}

// authCodeURL shows the authorization code flow of the description's
// OAuth 2.0 scheme: the page of its Endpoint, with a scope of its own.
func (x *exampler) authCodeURL() *example {
	for _, s := range x.pkg.Schemes {
		if s.Endpoint == "" {
			continue
		}
		for _, fl := range s.Flows {
			u, err := url.Parse(fl.AuthorizationURL)
			if fl.Kind != "authorizationCode" || err != nil || u.Host == "" || !isPrintable(fl.AuthorizationURL) || strings.ContainsAny(fl.AuthorizationURL, " #") {
				continue
			}
			q := url.Values{"response_type": {"code"}, "client_id": {"app-client-id"}, "redirect_uri": {"https://app.example.com/callback"},
				"state": {"state-from-the-session"}}
			scopes := ""
			if len(fl.Scopes) > 0 {
				q.Set("scope", fl.Scopes[0].Name)
				scopes = fmt.Sprintf("\t\tScopes:       []string{%s.%s},\n", x.p, fl.Scopes[0].Const)
			}
			sep := "?"
			if strings.Contains(fl.AuthorizationURL, "?") {
				sep = "&"
			}
			return &example{
				name: "ExampleOAuth2Config_AuthCodeURL",
				doc: "An app acting for a user sends them to AuthCodeURL, the authorization page of the description's OAuth 2.0 " +
					"scheme " + strconv.Quote(s.Name) + ", with a state kept for the redirect back (a fresh NewOAuthState, checked there " +
					"with CheckOAuthState); Exchange then trades the code for a token.",
				body: fmt.Sprintf("\tconfig := &%s.OAuth2Config{\n", x.p) +
					"\t\tClientID:     \"app-client-id\",\n\t\tClientSecret: \"app-client-secret\",\n" +
					"\t\tRedirectURL:  \"https://app.example.com/callback\",\n" + scopes +
					fmt.Sprintf("\t\tEndpoint:     %s.%s,\n\t}\n", x.p, s.Endpoint) +
					"\tfmt.Println(config.AuthCodeURL(\"state-from-the-session\"))\n",
				output: []string{fl.AuthorizationURL + sep + q.Encode()},
			}
		}
	}
	return nil
}

func (x *exampler) webhook() *example {
	if !x.pkg.Profile.Webhooks {
		return nil
	}
	x.imports["net/http"], x.imports["net/http/httptest"] = true, true
	return &example{
		name: "ExampleReadNotification",
		doc: "A webhook handler reads each notification with ReadNotification, which refuses one whose signature is not " +
			"the app's. The test package signs notifications the same way.",
		body: "\tconst clientSecret = \"app-client-secret\"\n" +
			"\thandler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {\n" +
			fmt.Sprintf("\t\tn, err := %s.ReadNotification(r, clientSecret)\n", x.p) +
			"\t\tif err != nil {\n\t\t\thttp.Error(w, err.Error(), http.StatusUnauthorized)\n\t\t\treturn\n\t\t}\n" +
			"\t\tfmt.Println(n.Topic)\n\t})\n\n" +
			fmt.Sprintf("\treq, err := %s.NotificationRequest(clientSecret, \"contact.user.created\", map[string]any{\"type\": \"contact\", \"id\": %q})\n", x.tp, sampleID) +
			onErr +
			"\trec := httptest.NewRecorder()\n\thandler.ServeHTTP(rec, req)\n\tfmt.Println(rec.Code)\n",
		output: []string{"contact.user.created", "200"},
	}
}

// webhookPayload reads a request of the description's first webhook whose
// payload is an object with a string id (as the test package builds it)
// in a handler.
func (x *exampler) webhookPayload() *example {
	for _, w := range x.pkg.Webhooks {
		r := w.Payload
		if w.Pointer {
			r = &model.TypeRef{Kind: model.Pointer, Elem: r}
		}
		ty := x.structOf(r)
		if ty == nil || !x.hasString(ty, "id") {
			continue
		}
		lit := x.literal(r, true, "id")
		if lit == "" {
			continue
		}
		x.imports["net/http"], x.imports["net/http/httptest"] = true, true
		return &example{
			name: "Example" + w.Func,
			doc: fmt.Sprintf("A handler of the webhook %q reads each request with %s, into the webhook's payload type. "+
				"The test package builds the requests the API sends.", w.Name, w.Func),
			body: "	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {\n" +
				fmt.Sprintf("\t\tpayload, err := %s.%s(r)\n", x.p, w.Func) +
				"\t\tif err != nil {\n\t\t\thttp.Error(w, err.Error(), http.StatusBadRequest)\n\t\t\treturn\n\t\t}\n" +
				fmt.Sprintf("\t\tfmt.Println(%s)\n\t})\n\n", x.idOf(ty, "payload")) +
				fmt.Sprintf("\treq, err := %s.WebhookRequest(%s.%s, %s)\n", x.tp, x.tp, w.Var, lit) + onErr +
				"\trec := httptest.NewRecorder()\n\thandler.ServeHTTP(rec, req)\n\tfmt.Println(rec.Code)\n",
			output: []string{sampleID, "200"},
		}
	}
	return nil
}

// testServer stubs an operation, calls it and prints the recorded calls.
func (x *exampler) testServer() *example {
	op := x.pick(x.lookup, "/contacts/{id}", "ShowContact", "showContact", "getContact")
	if op == nil {
		return nil
	}
	svc := x.service(op)
	ty := x.structOf(op.Result.Type)
	return &example{
		name: "Example_testServer",
		doc: "The test package's server stands in for the API in tests (" + x.tp + ".NewServer(t)) and examples " +
			"(" + x.tp + ".Start()): stub what the code under test calls, then check what it sent.",
		body: x.start("") +
			fmt.Sprintf("\t%s.Stub(srv, %s, %s)\n\n", x.tp, opVar(x.tp, op), x.stubbed(op)) +
			fmt.Sprintf("\tgot, err := srv.Client().%s.%s(%s)\n", svc.Field, op.Method, x.args(op, "")) + onErr +
			fmt.Sprintf("\tfmt.Println(%s)\n", x.idOf(ty, "got")) +
			"\tfor _, call := range srv.Calls() {\n\t\tfmt.Println(call.Operation, call.Method, call.Path, call.Status)\n\t}\n",
		output: []string{sampleID, op.ID + " GET " + samplePath(op) + " 200"},
	}
}

// perPage sets the page size of a search body v of type ty, when it has
// one (Intercom's pagination.per_page), to n.
func (x *exampler) perPage(ty *model.Type, v string, n int) string {
	f := field(ty, "pagination")
	if f == nil {
		return ""
	}
	var wrap []model.RefKind
	r := f.Type
	for r.Kind == model.Nullable || r.Kind == model.Pointer {
		wrap = append(wrap, r.Kind)
		r = r.Elem
	}
	pg := x.structOf(r)
	if pg == nil {
		return ""
	}
	size := field(pg, "per_page")
	if size == nil {
		return ""
	}
	var val string
	switch t := size.Type; {
	case t.Kind == model.Builtin && t.Name == "int":
		val = strconv.Itoa(n)
	case t.Kind == model.Pointer && t.Elem.Kind == model.Builtin && t.Elem.Name == "int":
		val = x.p + ".Int(" + strconv.Itoa(n) + ")"
	default:
		return ""
	}
	expr := x.p + "." + pg.Name + "{" + size.Name + ": " + val + "}"
	for i := len(wrap) - 1; i >= 0; i-- {
		switch {
		case wrap[i] == model.Nullable:
			expr = x.p + ".Some(" + expr + ")"
		case strings.HasSuffix(expr, "}") && !strings.HasSuffix(expr, ")"):
			expr = "&" + expr
		default:
			return ""
		}
	}
	return "\t" + v + "." + f.Name + " = " + expr + "\n"
}
