package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/intercom-gen/intercom-gen/generator/internal/gofile"
	"github.com/intercom-gen/intercom-gen/generator/internal/model"
	"github.com/intercom-gen/intercom-gen/templates"
)

// TestPackageName is the name of the test package beside a package named
// pkg, by Go convention (net/http → net/http/httptest): "intercomtest".
func TestPackageName(pkg string) string { return pkg + "test" }

// TestPackage renders the test package written beside the generated
// package pkg, which downstream code imports as importPath: the fixed
// files of templates/testserver and the per-version table (every
// operation's route, request body shape, default answer and paging).
// examples maps operation IDs to the JSON of their success example;
// operations without one answer the smallest value of their result type.
// File names carry the package's folder ("intercomtest/server.go").
func TestPackage(pkg *model.Package, importPath string, examples map[string]string) ([]File, error) {
	name := TestPackageName(pkg.Name)
	t := &testEmitter{pkg: pkg, ip: importPath, types: map[string]*model.Type{}, examples: examples, schemas: map[string]bool{}}
	// The test package imports the package by its name, unless the fixed
	// files declare that name (a package named api, say) or it is the
	// name of a package the test package imports (testing; time and io
	// from the types).
	alias := pkg.Name
	for slices.Contains(templates.TestServerIdentifiers(), alias) || alias == name || slices.Contains(testImportNames, alias) {
		alias += "pkg"
	}
	t.alias = alias
	for _, ty := range pkg.Types {
		t.types[ty.Name] = ty
	}
	// The files are built one after another, in the order of their names
	// (schemasFile declares the types operationsTable collects), and each
	// file's parts joined as Emit joins them: operations.go is jennifer's
	// head (small, formatted here) and a table written in gofmt's layout,
	// schemas.go is written so whole.
	builds := []struct {
		stem   string
		fn     func(*jen.File)
		direct func(*goSource)
	}{
		{stem: "doc", fn: t.docFile},
		{stem: "operations", fn: t.operationsFile},
		{stem: "operations", direct: t.operationsTable},
		{stem: "schemas", direct: t.schemasFile},
	}
	parts := make([]part, len(builds))
	for i, build := range builds {
		p := &parts[i]
		p.stem = name + "/" + build.stem
		if build.direct != nil {
			var s goSource
			build.direct(&s)
			src, err := s.file(name)
			if err != nil {
				return nil, fmt.Errorf("emit %s.go: %w", p.stem, err)
			}
			p.src = src
			continue
		}
		f := jen.NewFile(name)
		f.HeaderComment(headerComment)
		f.ImportAlias(importPath, alias)
		f.NoFormat = true
		build.fn(f)
		var buf bytes.Buffer
		if err := f.Render(&buf); err != nil {
			return nil, fmt.Errorf("emit %s.go: %w", p.stem, firstLine(err))
		}
		src, err := formatSource(p.stem+".go", buf.Bytes())
		if err != nil {
			return nil, err
		}
		p.src = src
	}
	files := join(parts)
	for base, src := range templates.TestServer(name, RuntimeParts(pkg)) {
		files = append(files, File{Name: name + "/" + base, Source: append([]byte(gofile.Header+"\n\n"), src...)})
	}
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Name, b.Name) })
	for i := 1; i < len(files); i++ {
		if files[i].Name == files[i-1].Name {
			return nil, fmt.Errorf("render: two files named %s", files[i].Name)
		}
	}
	return files, nil
}

// testImportNames are the names of the standard library packages the
// test package's files may import.
var testImportNames = []string{"testing", "time", "io"}

type testEmitter struct {
	pkg      *model.Package
	ip       string
	alias    string // the name the test package imports the package as
	types    map[string]*model.Type
	examples map[string]string
	// schemas collects the named types request bodies refer to, as the
	// operations are rendered; schemasFile declares them.
	schemas map[string]bool
}

// goType spells a type of the generated package from the test package,
// noting the imports it needs in s.
func (t *testEmitter) goType(s *goSource, r *model.TypeRef) string {
	switch r.Kind {
	case model.Slice:
		return "[]" + t.goType(s, r.Elem)
	case model.Map:
		return "map[string]" + t.goType(s, r.Elem)
	case model.Nullable:
		return t.goType(s, &model.TypeRef{Name: "Nullable"}) + "[" + t.goType(s, r.Elem) + "]"
	case model.Pointer:
		return "*" + t.goType(s, r.Elem)
	case model.Qual:
		return s.typeRef(r)
	case model.Builtin:
		return r.Name
	}
	s.importPath(t.ip, t.alias)
	return t.alias + "." + r.Name
}

func (t *testEmitter) docFile(f *jen.File) {
	name := TestPackageName(t.pkg.Name)
	first := fmt.Sprintf("Package %s is a stand-in for version %s of the API of package %s, for the tests of code that uses it.",
		name, t.pkg.Version, t.pkg.Name)
	how := "NewServer starts an HTTP server (net/http/httptest) that answers every operation of the version: by " +
		"default with the description's example of its success answer, or else the smallest value of its type. " +
		"It checks each request as " + t.checker() + " does: " + t.credentialChecks() + t.versionCheck() +
		"an unknown route or method is a 404, and a JSON body that does not decode into the " +
		"operation's request type, lacks a required field or holds a value outside an enum is a 400 " +
		"parameter_invalid naming the field, as is a query parameter that is missing, malformed or outside its " +
		"enum; every error is an error list. Server.Client returns a client " +
		"of package " + t.pkg.Name + " that calls the server with the server's credentials. Start starts the same server outside a test, for an " +
		"example or a program, and the caller closes it."
	stubs := "A test stubs the operations it cares about by the Op variable of each (Op" + t.exampleOp() + " for " +
		"client." + t.exampleMethod() + "): Stub with a value of the method's result type, StubError with a status " +
		"and error list, StubFunc with a function of the request, StubPages with items served in pages the way the " +
		"operation pages. RequireStubs makes a call of an operation the test did not stub fail the test. " +
		"Server.Calls lists the requests received: operation, path parameters, query and decoded body."
	hooks := ""
	if t.pkg.Profile.Webhooks {
		hooks = "NewNotificationRequest and SignNotification sign webhook notifications with a client secret, so " +
			"that a handler's " + t.pkg.Name + ".ReadNotification accepts them."
	}
	if len(t.pkg.Webhooks) > 0 {
		w := t.pkg.Webhooks[0]
		hooks = strings.TrimSpace(hooks + " NewWebhookRequest builds the request the API sends for one of the webhooks its description declares, " +
			"from the Webhook variable of each (" + w.Var + " for " + t.pkg.Name + "." + w.Func + ") and a payload.")
	}
	f.PackageComment(strings.Join(prefixLines(docLines(paragraphs(first, how, stubs, hooks))), "\n"))
}

// checker is who the server checks requests like.
func (t *testEmitter) checker() string {
	if t.pkg.Profile.Vendor == "intercom" {
		return "Intercom"
	}
	return "the API"
}

// credentialChecks says which credentials the server requires.
func (t *testEmitter) credentialChecks() string {
	var creds []string
	if hasScheme(t.pkg, model.SchemeToken) || (t.pkg.TokenArg && len(t.pkg.Schemes) == 0) {
		creds = append(creds, "Server.Token")
	}
	if hasScheme(t.pkg, model.SchemeBasic) {
		creds = append(creds, "Server.BasicAuth")
	}
	if hasScheme(t.pkg, model.SchemeAPIKey) {
		creds = append(creds, "Server.APIKey")
	}
	if len(creds) == 0 {
		return "no credentials may be sent, "
	}
	return "the operation's security must be met with the server's credentials (" + strings.Join(creds, ", ") +
		"), else 401, and an operation that takes none must be sent none, "
}

// versionCheck says what the server checks of the version header.
func (t *testEmitter) versionCheck() string {
	if !t.pkg.VersionHeader {
		return ""
	}
	return "Intercom-Version must be the package's Version, "
}

func (t *testEmitter) exampleOp() string {
	if len(t.pkg.Operations) == 0 {
		return "<Method>"
	}
	return strings.TrimPrefix(t.pkg.Operations[0].Var, "op")
}

func (t *testEmitter) exampleMethod() string {
	if len(t.pkg.Operations) == 0 {
		return "<Service>.<Method>"
	}
	return t.service(t.pkg.Operations[0]) + "." + t.pkg.Operations[0].Method
}

// service names the Client field holding op.
func (t *testEmitter) service(op *model.Operation) string {
	if svc := serviceOf(t.pkg, op); svc != nil {
		return svc.Field
	}
	return op.Tag
}

// serviceOf is the service holding op (nil if none does).
func serviceOf(pkg *model.Package, op *model.Operation) *model.Service {
	for _, svc := range pkg.Services {
		if svc.Tag == op.Tag {
			return svc
		}
	}
	return nil
}

func (t *testEmitter) operationsFile(f *jen.File) {
	pkg := t.pkg.Name
	writeDoc(f.Group, fmt.Sprintf("NewServer starts a server answering every operation of version %s, "+
		"closed when the test ends; see the package documentation for what it checks and how to stub it.", t.pkg.Version))
	f.Func().Id("NewServer").Params(jen.Id("t").Qual("testing", "TB"), jen.Id("opts").Op("...").Id("ServerOption")).Op("*").Id("Server").Block(
		jen.Id("t").Dot("Helper").Call(),
		jen.Return(jen.Id("newServer").Call(jen.Id("t"), jen.Op("&").Id("table"), jen.Id("opts"))),
	)
	f.Line()
	writeDoc(f.Group, "Start starts the server of NewServer outside a test, for an example or a program; the caller "+
		"closes it. What would fail a test then panics (a misuse while stubbing, such as StubPages on an operation that "+
		"does not page) or is only the HTTP answer (a call RequireStubs refuses is answered 501).")
	f.Func().Id("Start").Params(jen.Id("opts").Op("...").Id("ServerOption")).Op("*").Id("Server").Block(
		jen.Return(jen.Id("newServer").Call(jen.Nil(), jen.Op("&").Id("table"), jen.Id("opts"))),
	)
	f.Line()
	writeDoc(f.Group, fmt.Sprintf("Client returns a client of package %s that calls the server with its token. "+
		"opts come after the server's base URL, so a test can add any option (WithMaxRetries(0) keeps a stubbed 429 "+
		"or 5xx from being retried).", pkg))
	qual := func(name string) *jen.Statement { return jen.Qual(t.ip, name) }
	creds := Credentials{
		Token: jen.Id("s").Dot("Token").Call(),
		Basic: jen.Id("s").Dot("BasicAuth").Call(),
		Key:   func(scheme string) jen.Code { return jen.Id("s").Dot("APIKey").Call(jen.Lit(scheme)) },
	}
	f.Func().Params(jen.Id("s").Op("*").Id("Server")).Id("Client").Params(jen.Id("opts").Op("...").Qual(t.ip, "Option")).Op("*").Qual(t.ip, "Client").Block(
		jen.Return(NewClientCall(t.pkg, qual, creds, []jen.Code{qual("WithBaseURL").Call(jen.Id("s").Dot("URL"))}, jen.Id("opts"))),
	)
}

// operationsTable writes the rest of operations.go: the operations, the
// security schemes and the table NewServer serves, then the webhooks.
func (t *testEmitter) operationsTable(s *goSource) {
	s.topDoc("The operations of the API, to stub and to find in Server.Calls: each is named after the client method it " +
		"answers, and its type parameter is the type a stub answers with.")
	specs := make([]varSpec, len(t.pkg.Operations))
	for i, op := range t.pkg.Operations {
		specs[i] = varSpec{
			blank: i > 0,
			doc:   docLines(fmt.Sprintf("%s answers client.%s.%s: %s %s.", opName(op), t.service(op), op.Method, op.HTTPMethod, op.Path)),
			name:  opName(op),
			val:   composite("Op["+t.resultType(s, op)+"]{&operation{", "}}", t.operation(s, op)),
		}
	}
	s.varGroup(specs)
	s.line()
	if len(t.pkg.Schemes) > 0 {
		s.line("// The security schemes of the API, which the server checks requests against.")
		specs := make([]varSpec, len(t.pkg.Schemes))
		for i, sc := range t.pkg.Schemes {
			specs[i] = varSpec{name: sc.Var, val: inline("&scheme{" + schemeFieldsText(sc) + "}")}
		}
		s.varGroup(specs)
		s.line()
	}
	s.topDoc("table is the API NewServer serves.")
	ops := make([]element, len(t.pkg.Operations))
	for i, op := range t.pkg.Operations {
		ops[i] = element{val: inline(opName(op) + ".op")}
	}
	schemes := make([]string, len(t.pkg.Schemes))
	for i, sc := range t.pkg.Schemes {
		schemes[i] = sc.Var
	}
	s.b.WriteString("var table = ")
	s.literal(dict("api{", "}", []element{
		{key: "security", val: inline(requirementsText("requirement", t.pkg.Security))},
		{key: "schemes", val: inline("[]*scheme{" + strings.Join(schemes, ", ") + "}")},
		{key: "version", val: inline(t.versionHeader(s))},
		{key: "operations", val: composite("[]*operation{", "}", ops)},
		{key: "schemas", val: inline("schemas")},
	}), 0)
	s.line()
	t.webhookVars(s)
}

func opName(op *model.Operation) string { return "Op" + strings.TrimPrefix(op.Var, "op") }

// resultType is what a stub of op answers with: the type the client
// method returns for a JSON answer, the text or bytes of a text or file
// answer, the Location of a redirect.
func (t *testEmitter) resultType(s *goSource, op *model.Operation) string {
	switch op.Result.Kind {
	case model.JSON:
		if op.Result.Pointer {
			return "*" + t.goType(s, op.Result.Type)
		}
		return t.goType(s, op.Result.Type)
	case model.Text, model.Redirect:
		return "string"
	case model.Stream:
		return "[]byte"
	}
	return "struct{}"
}

// operation is op's row of the table, its fields in the order of the
// operation type.
func (t *testEmitter) operation(s *goSource, op *model.Operation) []element {
	status, err := strconv.Atoi(op.Result.Status)
	if err != nil || status < 200 || status >= 400 {
		status = map[model.ResultKind]int{model.NoContent: 204, model.Redirect: 302}[op.Result.Kind]
		if status == 0 {
			status = 200
		}
	}
	var fields []element
	field := func(name string, v literal) { fields = append(fields, element{key: name, val: v}) }
	field("id", inline(strconv.Quote(op.ID)))
	field("method", inline(strconv.Quote(op.HTTPMethod)))
	field("path", inline(strconv.Quote(op.Path)))
	field("status", inline(strconv.Itoa(status)))
	field("result", inline(map[model.ResultKind]string{model.NoContent: "resultNone", model.JSON: "resultJSON",
		model.Text: "resultText", model.Stream: "resultStream", model.Redirect: "resultRedirect"}[op.Result.Kind]))
	if ex := t.example(op); ex != "" {
		field("example", inline(stringLit(ex)))
	}
	if op.Version != "" {
		field("version", inline(strconv.Quote(op.Version)))
	}
	if op.OwnSecurity {
		field("security", inline("&"+requirementsText("requirement", op.Security)))
	}
	if op.Params != nil {
		if q := t.checkedValues(op.Params.Fields, "query"); len(q) > 0 {
			field("query", composite("[]queryParam{", "}", q))
		}
	}
	if op.Body != nil {
		switch {
		case op.Body.URLEncoded:
			field("urlForm", inline("true"))
			if ty := t.types[op.Body.Type.Name]; ty != nil {
				if f := t.checkedValues(ty.Fields, ""); len(f) > 0 {
					field("formFields", composite("[]queryParam{", "}", f))
				}
			}
		case op.Body.Form:
			field("form", inline("true"))
		case op.Body.Raw != "":
			field("raw", inline(strconv.Quote(op.Body.Raw)))
		default:
			field("body", inline(strconv.Quote(t.expr(op.Body.Type))))
			field("decode", inline("decodeAs["+t.goType(s, op.Body.Type)+"]"))
		}
	}
	if p := op.Paging; p != nil {
		field("paging", inline("&"+pagingText(p)))
	}
	return fields
}

// checkedValues are the table's rows of the query parameters (in "query")
// or URL-encoded form fields (in "") among fields: those sent as plain
// values or comma-separated lists of scalars and enums (JSON-encoded,
// otherwise joined and object-style ones are not checked).
func (t *testEmitter) checkedValues(fields []*model.Field, in string) []element {
	var out []element
	for _, f := range fields {
		if f.In != in || (f.Style != "" && f.Style != "comma") {
			continue
		}
		typ := t.expr(f.Type)
		elem := strings.TrimPrefix(typ, "[]")
		if strings.HasPrefix(elem, "[]") || strings.HasPrefix(elem, "map[") || t.isObject(elem) {
			continue
		}
		row := "{name: " + strconv.Quote(f.Wire)
		if f.Required {
			row += ", required: true"
		}
		out = append(out, element{val: inline(row + ", typ: " + strconv.Quote(typ) + "}")})
	}
	return out
}

// isObject reports whether a type expression names an object or union,
// which a plain query value cannot be.
func (t *testEmitter) isObject(expr string) bool {
	ty := t.types[expr]
	return ty != nil && (ty.Kind == model.Struct || ty.Kind == model.Union)
}

// stringLit spells a JSON text as a raw string when it can, which reads
// as the JSON itself.
func stringLit(s string) string {
	if strings.Contains(s, "`") || !isPrintable(s) {
		return strconv.Quote(s)
	}
	return "`" + s + "`"
}

// isPrintable reports whether a raw string shows s as it is: only
// printable runes (no control, format or line-breaking characters, which
// would hide or reorder what a reader sees).
func isPrintable(s string) bool {
	for _, r := range s {
		if !strconv.IsPrint(r) {
			return false
		}
	}
	return true
}

// example is op's default answer: the description's example, else the
// smallest value of the result type; a redirect's Location.
func (t *testEmitter) example(op *model.Operation) string {
	switch op.Result.Kind {
	case model.JSON:
		if ex, ok := t.examples[op.ID]; ok {
			return ex
		}
		return compactJSON(t.smallest(op.Result.Type, map[string]bool{}))
	case model.Redirect:
		return "https://downloads.example.com" + path.Clean("/"+op.ID)
	case model.Text:
		return ""
	}
	return ""
}

// compactJSON encodes v on one line, leaving <, > and & as they are (the
// table is read by people, not put into HTML).
func compactJSON(v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return "null"
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// smallest is the smallest value of a type that the API could send: the
// required fields of an object (and those with a constant, such as
// "type"), each at its smallest.
func (t *testEmitter) smallest(r *model.TypeRef, seen map[string]bool) any {
	switch r.Kind {
	case model.Slice:
		return []any{}
	case model.Map:
		return map[string]any{}
	case model.Nullable, model.Pointer:
		return t.smallest(r.Elem, seen)
	case model.Builtin:
		switch r.Name {
		case "string":
			return ""
		case "bool":
			return false
		case "any":
			return nil
		}
		return 0
	case model.Runtime:
		if r.Name == "UnixTime" {
			return 0
		}
		return nil
	case model.Qual:
		return nil
	}
	ty := t.types[r.Name]
	if ty == nil || seen[r.Name] {
		return nil
	}
	seen[r.Name] = true
	defer delete(seen, r.Name)
	switch ty.Kind {
	case model.Enum:
		if len(ty.Values) > 0 {
			return ty.Values[0].Value
		}
		return ""
	case model.Union:
		if len(ty.Variants) > 0 {
			return t.smallest(ty.Variants[0].Type, seen)
		}
		return nil
	case model.Alias, model.Defined:
		return t.smallest(ty.Target, seen)
	}
	obj := map[string]any{}
	for _, f := range ty.Fields {
		switch {
		case f.Const != "":
			obj[f.Wire] = f.Const
		case f.Required:
			obj[f.Wire] = t.smallest(f.Type, seen)
		}
	}
	return obj
}

// expr is a request type's expression for the server's checks (see
// templates/testserver's schema), collecting the named types it needs.
func (t *testEmitter) expr(r *model.TypeRef) string {
	switch r.Kind {
	case model.Slice:
		return "[]" + t.expr(r.Elem)
	case model.Map:
		return "map[string]" + t.expr(r.Elem)
	case model.Nullable, model.Pointer:
		return t.expr(r.Elem)
	case model.Builtin:
		switch r.Name {
		case "string", "any":
			return r.Name
		case "bool":
			return "boolean"
		case "float32", "float64":
			return "number"
		}
		return "integer"
	case model.Runtime:
		if r.Name == "UnixTime" {
			return "integer"
		}
		return "any"
	case model.Qual:
		return "any"
	}
	ty := t.types[r.Name]
	if ty == nil {
		return "any"
	}
	switch ty.Kind {
	case model.Alias, model.Defined:
		if t.schemas[ty.Name] {
			return "any" // a named slice or map of itself
		}
		t.schemas[ty.Name] = true
		defer delete(t.schemas, ty.Name)
		return t.expr(ty.Target)
	case model.Struct, model.Enum, model.Union:
		if !t.schemas[ty.Name] {
			t.schemas[ty.Name] = true
			switch ty.Kind {
			case model.Struct:
				for _, f := range ty.Fields {
					t.expr(f.Type)
				}
			case model.Union:
				for _, v := range ty.Variants {
					t.expr(v.Type)
				}
			}
		}
		return ty.Name
	}
	return "any"
}

func (t *testEmitter) schemasFile(s *goSource) {
	// The operations are rendered first: they collect the schemas.
	names := slices.Sorted(maps.Keys(t.schemas))
	names = slices.DeleteFunc(names, func(n string) bool {
		k := t.types[n].Kind
		return k != model.Struct && k != model.Enum && k != model.Union
	})
	s.topDoc("schemas are the shapes of the types request bodies use, which the server checks bodies against " +
		"before decoding them: required fields, property types, enum values, union variants.")
	elems := make([]element, len(names))
	for i, n := range names {
		elems[i] = element{key: strconv.Quote(n), val: t.schema(t.types[n])}
	}
	s.b.WriteString("var schemas = ")
	s.literal(dict("map[string]*schema{", "}", elems), 0)
	s.line()
}

// stringSlice spells a []string of values.
func stringSlice(values []string) string {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = strconv.Quote(v)
	}
	return "[]string{" + strings.Join(quoted, ", ") + "}"
}

func (t *testEmitter) schema(ty *model.Type) literal {
	switch ty.Kind {
	case model.Enum:
		values := make([]string, len(ty.Values))
		for i, v := range ty.Values {
			values[i] = v.Value
		}
		return dict("{", "}", []element{{key: "kind", val: inline("kindEnum")}, {key: "enum", val: inline(stringSlice(values))}})
	case model.Union:
		variants := make([]string, len(ty.Variants))
		for i, v := range ty.Variants {
			variants[i] = t.expr(v.Type)
		}
		return dict("{", "}", []element{{key: "kind", val: inline("kindUnion")}, {key: "variants", val: inline(stringSlice(variants))}})
	}
	d := []element{{key: "kind", val: inline("kindObject")}}
	var required []string
	props := map[string]string{}
	for _, f := range ty.Fields {
		if f.ReadOnly {
			continue // the API ignores what it would not accept
		}
		if f.Required {
			required = append(required, f.Wire)
		}
		props[f.Wire] = t.expr(f.Type)
	}
	if len(required) > 0 {
		d = append(d, element{key: "required", val: inline(stringSlice(required))})
	}
	if len(props) > 0 {
		var pd []element
		for k, v := range props {
			pd = append(pd, element{key: strconv.Quote(k), val: inline(strconv.Quote(v))})
		}
		d = append(d, element{key: "props", val: dict("map[string]string{", "}", pd)})
	}
	return dict("{", "}", d)
}

// versionHeader is the Intercom-Version every request must carry: the
// package's Version, or none when the description declares no version
// header (the client then sends none).
func (t *testEmitter) versionHeader(s *goSource) string {
	if !t.pkg.VersionHeader {
		return `""`
	}
	return t.goType(s, &model.TypeRef{Name: "Version"})
}
