package build

import (
	"fmt"
	"maps"
	"mime"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/intercom-gen/intercom-gen/generator/internal/model"
	"github.com/intercom-gen/intercom-gen/generator/internal/naming"
	"github.com/intercom-gen/intercom-gen/loader/diag"
)

// httpMethods in the order methods are listed when the source order is
// unknown.
var httpMethods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

// Names an operation method's body may use: its other arguments, its
// locals (those of the iterator methods too) and the packages service files
// import. Path parameter arguments avoid them, the runtime's package-level
// names (Options.Reserved) and the operation's own Operation variable,
// lest they shadow what the body refers to.
var methodLocals = []string{
	"s", "ctx", "opts", "params", "body", "out", "err", "items", "i", "p", "yield", "q", "v",
	"context", "io", "iter", "url", "http", "time", "fmt", "strings", "strconv", "bytes", "errors", "json",
}

// pathOp is one operation with where it sits.
type pathOp struct {
	path   string
	method string // lower case
	item   *openapi3.PathItem
	op     *openapi3.Operation
	ptr    string
}

// operations lists the description's operations in source order.
func (b *builder) operations() []pathOp {
	if b.spec.Paths == nil {
		return nil
	}
	items := b.spec.Paths.Map()
	var out []pathOp
	for _, path := range keysInOrder(b, "/paths", items) {
		item := items[path]
		if item == nil {
			continue
		}
		lower := lowerOps(item)
		ptr := diag.Pointer("paths", path)
		for _, m := range b.methodsInOrder(ptr, lower) {
			out = append(out, pathOp{path: path, method: m, item: item, op: lower[m], ptr: diag.Append(ptr, m)})
		}
	}
	return out
}

// methodsInOrder lists the methods of a path item's operations (by lower
// case name) in source order, else in httpMethods order.
func (b *builder) methodsInOrder(ptr string, ops map[string]*openapi3.Operation) []string {
	var methods []string
	for _, k := range b.srcKeys(ptr) {
		if _, ok := ops[k]; ok && !slices.Contains(methods, k) {
			methods = append(methods, k)
		}
	}
	for _, m := range httpMethods {
		if _, ok := ops[m]; ok && !slices.Contains(methods, m) {
			methods = append(methods, m)
		}
	}
	return methods
}

// lowerOps are a path item's operations by lower case method.
func lowerOps(item *openapi3.PathItem) map[string]*openapi3.Operation {
	ops := item.Operations()
	lower := make(map[string]*openapi3.Operation, len(ops))
	for m, op := range ops {
		lower[strings.ToLower(m)] = op
	}
	return lower
}

func (b *builder) srcKeys(ptr string) []string {
	if b.src == nil {
		return nil
	}
	return b.src.Keys(ptr)
}

// primaryTag is the service an operation belongs to: its first tag.
func primaryTag(op *openapi3.Operation) string {
	if len(op.Tags) > 0 && strings.TrimSpace(op.Tags[0]) != "" {
		return op.Tags[0]
	}
	return "Default"
}

// claimServices creates one service per primary tag, named before any
// schema so a schema cannot take a service's name.
func (b *builder) claimServices() {
	b.services = map[string]*model.Service{}
	// Client has a field per service beside core and its method Do.
	fields := naming.NewScope("core", "Do")
	files := naming.NewScope("client", "doc", "models", "enums", "unions", "operations")
	for _, po := range b.operations() {
		tag := primaryTag(po.op)
		if b.services[tag] != nil {
			continue
		}
		b.noteLong("tag", tag, po.ptr)
		field, _ := fields.Unique(naming.Exported(tag, "Default"), "tag "+tag)
		typeName, renamed := b.scope.Unique(field+"Service", "tag "+tag)
		if renamed {
			b.add(diag.Info, "name-collision", po.ptr, fmt.Sprintf("the service of tag %q is %s", tag, typeName), "")
		}
		file, _ := files.Unique(fileStem(tag), "tag "+tag)
		svc := &model.Service{Field: field, TypeName: typeName, Tag: tag, File: file}
		if t := b.spec.Tags.Get(tag); t != nil {
			svc.Doc = t.Description
		}
		b.services[tag] = svc
		b.pkg.Services = append(b.pkg.Services, svc)
	}
}

// fileStem makes a safe file name stem from a tag: lower-case words joined
// by underscores, letters and digits only.
func fileStem(tag string) string {
	var words []string
	for _, w := range pluralInitialisms(naming.Words(tag)) {
		var b strings.Builder
		for _, r := range strings.ToLower(w) {
			if r < 0x80 && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
				b.WriteRune(r)
			}
		}
		if b.Len() > 0 {
			words = append(words, b.String())
		}
	}
	if len(words) == 0 {
		return "service_default"
	}
	// Bounded keeps a long tag's file name within what file systems take
	// (the hash suffix is lower-case hex, so the stem stays plain).
	return naming.SafeFileStem(naming.Bounded("service_" + strings.Join(words, "_")))
}

// pluralInitialisms joins the words that splitting at case changes makes
// of a plural initialism: "VPCs" splits as "VP" "Cs" and "Floating IPs"
// as "Floating" "I" "Ps", but a file is service_vpcs.go and
// service_floating_ips.go. (Go names need no such care: the words are
// joined back without a separator.)
func pluralInitialisms(words []string) []string {
	out := make([]string, 0, len(words))
	for _, w := range words {
		if n := len(out); n > 0 && len(w) == 2 && isUpperASCII(w[0]) && w[1] == 's' && allUpperASCII(out[n-1]) {
			out[n-1] += w
			continue
		}
		out = append(out, w)
	}
	return out
}

func isUpperASCII(c byte) bool { return c >= 'A' && c <= 'Z' }

func allUpperASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isUpperASCII(s[i]) {
			return false
		}
	}
	return s != ""
}

// buildOperations makes every operation, its parameter struct, body and
// result types.
func (b *builder) buildOperations() {
	ops := b.nameOperations()
	opVars := naming.NewScope()
	methodScopes := map[*model.Service]*naming.Scope{}
	for _, o := range ops {
		op, po, svc := o.op, o.po, o.svc
		scope := methodScopes[svc]
		if scope == nil {
			scope = naming.NewScope()
			methodScopes[svc] = scope
		}
		name := o.full
		if o.short != "" && o.unique {
			name = o.short
		}
		op.Method, _ = scope.Unique(name, po.ptr)
		// The names of the operation's types and of its Operation
		// variable (the test package's Op) keep the service's words:
		// they live in the package's scope, where "Get" would be
		// ambiguous.
		stem := op.Method
		if name != o.full {
			stem = o.full
		}
		op.Var, _ = opVars.Unique("op"+stem, po.ptr, svc.Field)
		b.buildParams(op, po, svc, stem)
		b.buildBody(op, po, svc, stem)
		b.buildResult(op, po, svc, stem)
		svc.Operations = append(svc.Operations, op)
		b.pkg.Operations = append(b.pkg.Operations, op)
	}
}

// namedOp is an operation with the method names it may take: full (from
// its operationId or x-go-name) and short, full without its service's
// name in front (naming.Unstutter), which it takes when unique.
type namedOp struct {
	op          *model.Operation
	po          pathOp
	svc         *model.Service
	full, short string
	unique      bool
}

// nameOperations makes the operations with their IDs and method names.
// A method drops its service's name (Repos.Get, not Repos.ReposGet) only
// when no other method of the service has, or could take, the short name;
// deciding that before any name is claimed keeps the choice independent
// of the order of the description. An x-go-name is taken as written.
func (b *builder) nameOperations() []*namedOp {
	ids := naming.NewScope()
	var out []*namedOp
	type key struct {
		svc  *model.Service
		name string
	}
	claims := map[key]int{}
	for _, po := range b.operations() {
		svc := b.services[primaryTag(po.op)]
		op := &model.Operation{
			HTTPMethod: strings.ToUpper(po.method), Path: po.path, Tag: svc.Tag, Tags: po.op.Tags,
			Summary: po.op.Summary, Doc: po.op.Description, Deprecated: po.op.Deprecated,
			Origin: model.Origin{Pointer: po.ptr},
		}
		op.ID = po.op.OperationID
		if op.ID == "" {
			op.ID = deriveID(po.method, po.path, po.op.Summary)
			b.add(diag.Info, "derived-operation-id", po.ptr,
				fmt.Sprintf("%s %s has no operationId; it is called %s", op.HTTPMethod, po.path, op.ID),
				"add an operationId to the operation to choose the name")
		}
		if id, renamed := ids.Unique(op.ID, po.ptr); renamed {
			b.add(diag.Warning, "duplicate-operation-id", po.ptr,
				fmt.Sprintf("operationId %q is used twice; this one is called %s", op.ID, id), "make operationIds unique")
			op.ID = id
		}
		b.noteLong("operationId", op.ID, po.ptr)
		o := &namedOp{op: op, po: po, svc: svc, full: naming.Exported(op.ID, "Call")}
		if n := goName(po.op.Extensions); n != "" {
			o.full = naming.Exported(n, o.full)
		} else {
			o.short, _ = naming.Unstutter(svc.Tag, op.ID)
		}
		claims[key{svc, o.full}]++
		if o.short != "" {
			claims[key{svc, o.short}]++
		}
		out = append(out, o)
	}
	for _, o := range out {
		o.unique = o.short != "" && claims[key{o.svc, o.short}] == 1
	}
	return out
}

// methodRef names an operation's method in the doc of a type of the
// package: by its name, or with its service when the name lost the
// service's words (Repos.Get).
func methodRef(op *model.Operation, svc *model.Service, stem string) string {
	if stem == op.Method {
		return op.Method
	}
	return svc.Field + "." + op.Method
}

var (
	stopWords  = map[string]bool{"a": true, "an": true, "the": true}
	possessive = regexp.MustCompile(`(\w)['\x{2019}]s\b`)
)

// deriveID names an operation without operationId after its summary (what
// Intercom's reference shows as its title), else after method and path.
func deriveID(method, path, summary string) string {
	// "an export's status" reads as "export status": drop possessives and
	// other apostrophes before splitting into words.
	summary = possessive.ReplaceAllString(summary, "$1")
	summary = strings.NewReplacer("'", "", "’", "").Replace(summary)
	var words []string
	for _, w := range naming.Words(summary) {
		if !stopWords[strings.ToLower(w)] {
			words = append(words, w)
		}
	}
	if len(words) == 0 {
		words = append([]string{method}, naming.Words(path)...)
	}
	return naming.Camel(strings.Join(words, " "))
}

// paramKey identifies a parameter for path-item/operation merging.
type paramKey struct{ name, in string }

// buildParams splits parameters into positional path arguments and the
// query/header struct, and reads the operation's Intercom-Version.
func (b *builder) buildParams(op *model.Operation, po pathOp, svc *model.Service, stem string) {
	type located struct {
		p   *openapi3.Parameter
		ptr string
	}
	var order []paramKey
	params := map[paramKey]located{}
	addAll := func(list openapi3.Parameters, ptr string) {
		for i, pr := range list {
			if pr == nil || pr.Value == nil {
				continue
			}
			k := paramKey{pr.Value.Name, strings.ToLower(pr.Value.In)}
			if _, ok := params[k]; !ok {
				order = append(order, k)
			}
			params[k] = located{pr.Value, diag.Append(ptr, "parameters", strconv.Itoa(i))}
		}
	}
	addAll(po.item.Parameters, diag.Pointer("paths", po.path))
	addAll(po.op.Parameters, po.ptr)

	taken := b.locals.Inner()
	taken.Claim(op.Var, op.ID)
	var fields []*model.Field
	fieldScope := naming.NewScope()
	paramsName := ""
	for _, k := range order {
		p := params[k].p
		ptr := params[k].ptr
		// A parameter may give its schema under content instead (a JSON
		// value in one query parameter): its type comes from there.
		schema, schemaPtr := p.Schema, diag.Append(ptr, "schema")
		if schema == nil {
			schema, schemaPtr = contentSchema(p, ptr)
		}
		switch {
		case k.in == "header" && strings.EqualFold(p.Name, "Intercom-Version"):
			b.pkg.VersionHeader = true
			op.Version = b.opVersion(p)
			continue
		case k.in == "header" && (strings.EqualFold(p.Name, "Accept") || strings.EqualFold(p.Name, "Authorization") || strings.EqualFold(p.Name, "Content-Type")):
			// The client sets these itself; an Accept that asks for a
			// download makes the result a stream (buildResult).
			continue
		case k.in == "path":
			ty := b.typeOf(schema, site{ptr: schemaPtr, name: stem + naming.Exported(p.Name, "Param"), file: svc.File, owner: "path parameter " + p.Name})
			arg := naming.Local(p.Name, "Param", taken.Taken)
			taken.Claim(arg, p.Name)
			op.PathParams = append(op.PathParams, &model.PathParam{Wire: p.Name, Arg: arg, Type: ty.ref, Doc: p.Description})
			continue
		case !taggable(p.Name):
			b.add(diag.Warning, "untaggable-name", ptr,
				fmt.Sprintf("%s parameter %q cannot be named in the generated code; it is left out", k.in, p.Name), untaggableHint)
			continue
		case k.in != "query" && !headerName(p.Name):
			b.add(diag.Warning, "bad-header-name", ptr,
				fmt.Sprintf("%s parameter %q is not a valid HTTP header name, so it cannot be sent; it is left out", k.in, p.Name),
				"header names are letters, digits and !#$%&'*+-.^_`|~")
			continue
		case k.in != "query" && k.in != "header":
			b.add(diag.Warning, "unsupported-parameter", ptr,
				fmt.Sprintf("%s parameter %q is not supported; it is sent as a header", k.in, p.Name), "")
		}
		if paramsName == "" {
			paramsName = b.uniqueTypeName(stem+"Params", "parameters of "+op.ID, "", po.ptr)
		}
		in := k.in
		if in != "query" {
			in = "header"
		}
		b.noteLong("parameter", p.Name, po.ptr)
		name, _ := fieldScope.Unique(naming.Exported(p.Name, "Param"), p.Name, "Param")
		ty := b.typeOf(schema, site{ptr: schemaPtr, name: paramsName + naming.Exported(p.Name, "Param"), file: svc.File, owner: in + " parameter " + p.Name})
		f := &model.Field{Name: name, Wire: p.Name, In: in, Required: p.Required, Doc: p.Description, Nullable: ty.nullable, Deprecated: p.Deprecated}
		f.Type = fieldType(ty, p.Required)
		if ty.isConst && !ty.nullable {
			// A parameter with one legal value: required, it is filled in
			// when left empty; optional, it is a pointer like any other
			// optional scalar, so that leaving it out sends nothing.
			if p.Required {
				f.Const = ty.constVal
			} else {
				f.Type = pointerTo(ty.ref)
			}
		}
		switch {
		case in == "query" && p.Schema == nil && schema != nil:
			f.Style = "json"
		case in == "query" && p.Schema != nil && p.Schema.Value != nil:
			f.Style = valueStyle(p.Schema.Value, p.Style, p.Explode)
		}
		fields = append(fields, f)
	}
	b.orderPathParams(op, po.path, taken)
	if paramsName != "" {
		op.Params = b.addType(&model.Type{
			Name: paramsName, Kind: model.Params, Fields: fields, File: svc.File,
			Doc:    typeDoc(paramsName, "holds the query and header parameters of "+methodRef(op, svc, stem), ""),
			Origin: model.Origin{Pointer: po.ptr},
		})
	}
}

// orderPathParams sorts path arguments by their place in the template and
// adds any template variable the description never declared (the loader
// normally repairs those first).
func (b *builder) orderPathParams(op *model.Operation, path string, taken *naming.Scope) {
	vars := templateVars(path)
	for _, v := range vars {
		if !slices.ContainsFunc(op.PathParams, func(p *model.PathParam) bool { return p.Wire == v }) {
			arg := naming.Local(v, "Param", taken.Taken)
			taken.Claim(arg, v)
			op.PathParams = append(op.PathParams, &model.PathParam{Wire: v, Arg: arg, Type: builtin("string")})
		}
	}
	slices.SortStableFunc(op.PathParams, func(a, c *model.PathParam) int {
		return slices.Index(vars, a.Wire) - slices.Index(vars, c.Wire)
	})
}

// templateVars returns the {names} of a path template in order.
func templateVars(path string) []string {
	var vars []string
	for {
		i := strings.IndexByte(path, '{')
		if i < 0 {
			return vars
		}
		j := strings.IndexByte(path[i:], '}')
		if j < 0 {
			return vars
		}
		vars = append(vars, path[i+1:i+j])
		path = path[i+j+1:]
	}
}

// contentSchema is the schema of a parameter described by content: its
// JSON media type, else its only one.
func contentSchema(p *openapi3.Parameter, ptr string) (*openapi3.SchemaRef, string) {
	if len(p.Content) == 0 {
		return nil, ""
	}
	keys := slices.Sorted(maps.Keys(p.Content))
	key := keys[0]
	for _, k := range keys {
		if strings.HasPrefix(k, "application/json") || strings.HasSuffix(strings.SplitN(k, ";", 2)[0], "+json") {
			key = k
			break
		}
	}
	return p.Content[key].Schema, diag.Append(ptr, "content", key, "schema")
}

// valueStyle maps OpenAPI's style and explode of a query parameter or a
// field of a URL-encoded form, whose schema is s, to the runtime's tag
// option (model.Field.Style). The style is form when unset; explode is
// true for form and false for the others when unset, as OpenAPI says.
func valueStyle(s *openapi3.Schema, style string, explodeSet *bool) string {
	if style == "" {
		style = "form"
	}
	explode := style == "form"
	if explodeSet != nil {
		explode = *explodeSet
	}
	switch sh := classify(s); {
	case sh == shapeArray && explode:
		return ""
	case sh == shapeArray:
		switch style {
		case "spaceDelimited":
			return "space"
		case "pipeDelimited":
			return "pipe"
		}
		return "comma"
	case (sh == shapeStruct || sh == shapeUnion || sh == shapeMap) && style == "deepObject":
		return "deep"
	case (sh == shapeStruct || sh == shapeUnion || sh == shapeMap) && !explode:
		return "pairs"
	case sh == shapeStruct || sh == shapeUnion || sh == shapeMap:
		return "object"
	}
	return ""
}

// opVersion returns the Intercom-Version an operation must send when its
// header parameter does not allow the package's own (Preview's "preview"
// operations).
func (b *builder) opVersion(p *openapi3.Parameter) string {
	if p.Schema == nil || p.Schema.Value == nil {
		return ""
	}
	s := p.Schema.Value
	vals, ok := stringEnum(s)
	if !ok || len(vals) == 0 || slices.Contains(vals, b.opts.Version) {
		return ""
	}
	if d, ok := s.Default.(string); ok && slices.Contains(vals, d) {
		return d
	}
	return vals[0]
}

// mediaType picks the content type an operation uses from a content map:
// JSON first, then multipart, then text, then anything else (sorted).
func mediaType(content openapi3.Content) (string, *openapi3.MediaType) {
	if len(content) == 0 {
		return "", nil
	}
	keys := make([]string, 0, len(content))
	for k := range content {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	rank := func(ct string) int {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil {
			mt = strings.ToLower(ct)
		}
		switch {
		case mt == "application/json" || strings.HasSuffix(mt, "+json"):
			return 0
		case mt == "multipart/form-data":
			return 1
		case mt == "application/x-www-form-urlencoded":
			return 2
		case strings.HasPrefix(mt, "text/"):
			return 3
		}
		return 4
	}
	slices.SortStableFunc(keys, func(a, c string) int { return rank(a) - rank(c) })
	return keys[0], content[keys[0]]
}

func contentKind(ct string) string {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		mt = strings.ToLower(ct)
	}
	switch {
	case mt == "application/json" || strings.HasSuffix(mt, "+json"):
		return "json"
	case mt == "multipart/form-data":
		return "form"
	case mt == "application/x-www-form-urlencoded":
		return "urlencoded"
	case strings.HasPrefix(mt, "text/"):
		return "text"
	}
	return "binary"
}

// buildBody types the request body.
func (b *builder) buildBody(op *model.Operation, po pathOp, svc *model.Service, stem string) {
	if po.op.RequestBody == nil || po.op.RequestBody.Value == nil {
		return
	}
	ct, media := mediaType(po.op.RequestBody.Value.Content)
	if media == nil {
		return
	}
	ptr := diag.Append(po.ptr, "requestBody", "content", ct, "schema")
	owner := "request body of " + op.ID
	switch contentKind(ct) {
	case "form":
		b.buildForm(op, media, ptr, svc, stem, false)
		return
	case "urlencoded":
		b.buildForm(op, media, ptr, svc, stem, true)
		return
	case "text":
		op.Body = &model.Body{Type: builtin("string"), Raw: rawMediaType(ct)}
		return
	case "binary":
		op.Body = &model.Body{Type: &model.TypeRef{Kind: model.Qual, Package: "io", Name: "Reader"}, Raw: rawMediaType(ct)}
		return
	}
	ty := b.typeOf(media.Schema, site{ptr: ptr, name: stem + "Request", file: svc.File, owner: owner, suffix: "Body"})
	op.Body = &model.Body{Type: ty.ref, Pointer: b.isStructLike(ty.ref)}
}

// rawMediaType is the Content-Type a body of media type ct is sent with:
// ct itself, or application/octet-stream for a range ("*/*", "image/*"),
// which names no type a server could read (the caller can name the real
// one with WithHeader).
func rawMediaType(ct string) string {
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil {
		return "application/octet-stream"
	}
	if strings.Contains(mt, "*") {
		return "application/octet-stream"
	}
	return mime.FormatMediaType(mt, params)
}

// buildForm makes the form body struct of an operation: multipart, or
// URL-encoded, whose fields are written as the media type's encoding says.
func (b *builder) buildForm(op *model.Operation, media *openapi3.MediaType, ptr string, svc *model.Service, stem string, urlencoded bool) {
	what, mt := "multipart body of ", "multipart/form-data"
	if urlencoded {
		what, mt = "form body of ", "application/x-www-form-urlencoded"
	}
	name := b.uniqueTypeName(stem+"Request", what+op.ID, "Form", ptr)
	t := b.addType(&model.Type{Name: name, Kind: model.Form, File: svc.File, Origin: model.Origin{Pointer: ptr}})
	if media.Schema != nil {
		s := media.Schema.Value
		if media.Schema.Ref != "" {
			if c := b.componentByRef(media.Schema.Ref); c != nil {
				s = c.schema
			}
		}
		if s != nil {
			t.Doc = typeDoc(name, "is the "+mt+" body of "+methodRef(op, svc, stem), s.Description)
			// A URL-encoded form has no files: binary strings stay strings.
			b.buildStruct(t, s, site{ptr: ptr, name: name, file: svc.File, owner: what + op.ID, form: !urlencoded})
			if urlencoded {
				b.formStyles(t, s, media.Encoding, ptr)
			}
		}
	}
	op.Body = &model.Body{Type: named(name), Form: true, URLEncoded: urlencoded, Pointer: true}
}

// formStyles sets how each field of a URL-encoded form is written: as its
// property's encoding says (a JSON content type: JSON text; else its style
// and explode), OpenAPI's form style with explode by default.
func (b *builder) formStyles(t *model.Type, s *openapi3.Schema, encoding map[string]*openapi3.Encoding, ptr string) {
	for _, f := range t.Fields {
		prop := s.Properties[f.Wire]
		if prop == nil || prop.Value == nil {
			continue
		}
		enc := encoding[f.Wire]
		if enc == nil {
			f.Style = valueStyle(prop.Value, "", nil)
			continue
		}
		ct := strings.TrimSpace(strings.Split(enc.ContentType, ",")[0])
		if ct != "" && contentKind(ct) == "json" {
			f.Style = "json"
			continue
		}
		if enc.Style != "" && !slices.Contains([]string{"form", "spaceDelimited", "pipeDelimited", "deepObject"}, enc.Style) {
			b.add(diag.Warning, "unsupported-encoding", diag.Append(strings.TrimSuffix(ptr, "/schema"), "encoding", f.Wire, "style"),
				fmt.Sprintf("form field %q has style %q, which a form cannot have; it is written in form style", f.Wire, enc.Style),
				"use form, spaceDelimited, pipeDelimited or deepObject")
			f.Style = valueStyle(prop.Value, "", enc.Explode)
			continue
		}
		f.Style = valueStyle(prop.Value, enc.Style, enc.Explode)
	}
}

// isStructLike reports whether a type is passed and returned by pointer:
// named structs and unions (also through aliases).
func (b *builder) isStructLike(ref *model.TypeRef) bool {
	for depth := 0; ref != nil && ref.Kind == model.Named && depth < 32; depth++ {
		t := b.typeByName(ref.Name)
		if t == nil {
			return false
		}
		switch t.Kind {
		case model.Struct, model.Union, model.Form, model.Params:
			return true
		case model.Alias:
			ref = t.Target
			continue
		}
		return false
	}
	return false
}

func (b *builder) typeByName(name string) *model.Type { return b.types[name] }

// buildResult decides what a success returns.
func (b *builder) buildResult(op *model.Operation, po pathOp, svc *model.Service, stem string) {
	if po.op.Responses == nil {
		return
	}
	resps := po.op.Responses.Map()
	codes := make([]string, 0, len(resps))
	for c := range resps {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	var success, redirect []string
	for _, c := range codes {
		switch {
		case strings.HasPrefix(c, "2"):
			success = append(success, c)
		case strings.HasPrefix(c, "3"):
			redirect = append(redirect, c)
		default:
			op.ErrorStatuses = append(op.ErrorStatuses, c)
		}
	}
	if len(success) == 0 && len(redirect) == 0 && slices.Contains(codes, "default") {
		// The description documents no success, only a default
		// response: that is what a success answers with (any 2xx).
		success = []string{"default"}
		op.ErrorStatuses = slices.DeleteFunc(op.ErrorStatuses, func(c string) bool { return c == "default" })
		b.add(diag.Info, "default-response", diag.Append(po.ptr, "responses", "default"),
			fmt.Sprintf("%s documents no success status, only a default response: the method returns the default response's body on any 2xx", op.ID), "")
	}
	for _, c := range success {
		r := resps[c]
		if r == nil || r.Value == nil {
			continue
		}
		ct, media := mediaType(r.Value.Content)
		if media == nil {
			continue
		}
		op.Result.Status = c
		b.noteLinkHeader(op, r.Value)
		switch contentKind(ct) {
		case "json", "form":
			ptr := diag.Append(po.ptr, "responses", c, "content", ct, "schema")
			ty := b.typeOf(media.Schema, site{ptr: ptr, name: stem + "Response", file: svc.File, owner: "response of " + op.ID, suffix: "Body"})
			op.Result.Kind, op.Result.Type = model.JSON, ty.ref
			op.Result.Pointer = b.isStructLike(ty.ref)
			b.checkOtherSuccesses(op, po, success, c, media)
		case "text":
			op.Result.Kind = model.Text
		default:
			op.Result.Kind = model.Stream
		}
		return
	}
	switch {
	case len(success) == 0 && len(redirect) > 0:
		op.Result = model.Result{Kind: model.Redirect, Status: redirect[0]}
	case len(success) > 0 && !bodiless(success) && (po.method == "get" || acceptsDownload(po)):
		// A GET that declares no content still returns a body: the
		// description's downloads are written this way.
		op.Result = model.Result{Kind: model.Stream, Status: success[0]}
	case len(success) > 0:
		op.Result = model.Result{Kind: model.NoContent, Status: success[0]}
	}
}

// bodiless reports success statuses that never carry a body (204 No
// Content, 205 Reset Content), whatever the method: such an operation
// returns nothing, not an empty download.
func bodiless(success []string) bool {
	for _, c := range success {
		if c != "204" && c != "205" {
			return false
		}
	}
	return true
}

// noteLinkHeader records an operation whose success answer declares a
// Link header: its pages may be linked (RFC 8288), as GitHub's are.
func (b *builder) noteLinkHeader(op *model.Operation, resp *openapi3.Response) {
	for name := range resp.Headers {
		if strings.EqualFold(name, "Link") {
			if b.linkHeaders == nil {
				b.linkHeaders = map[*model.Operation]bool{}
			}
			b.linkHeaders[op] = true
		}
	}
}

// checkOtherSuccesses notes success responses whose schema differs from
// the one the method returns.
func (b *builder) checkOtherSuccesses(op *model.Operation, po pathOp, success []string, chosen string, media *openapi3.MediaType) {
	for _, c := range success {
		if c == chosen {
			continue
		}
		r := po.op.Responses.Value(c)
		if r == nil || r.Value == nil {
			continue
		}
		_, other := mediaType(r.Value.Content)
		if other == nil || other.Schema == nil || media.Schema == nil {
			continue
		}
		if other.Schema.Ref != media.Schema.Ref || other.Schema.Value != media.Schema.Value {
			b.add(diag.Info, "several-success-schemas", diag.Append(po.ptr, "responses", c),
				fmt.Sprintf("%s answers %s with a different schema than %s; the method decodes both into %s (unknown keys are kept)", op.ID, c, chosen, op.Result.Type), "")
		}
	}
}

// acceptsDownload reports an operation whose Accept parameter asks for
// something other than JSON.
func acceptsDownload(po pathOp) bool {
	for _, list := range []openapi3.Parameters{po.item.Parameters, po.op.Parameters} {
		for _, pr := range list {
			if pr == nil || pr.Value == nil || !strings.EqualFold(pr.Value.Name, "Accept") || pr.Value.Schema == nil || pr.Value.Schema.Value == nil {
				continue
			}
			s := pr.Value.Schema.Value
			vals, _ := stringEnum(s)
			if d, ok := s.Default.(string); ok {
				vals = append(vals, d)
			}
			for _, v := range vals {
				if contentKind(v) == "binary" {
					return true
				}
			}
		}
	}
	return false
}
