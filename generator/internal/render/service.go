package render

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/intercom-gen/intercom-gen/generator/internal/model"
)

// service writes a service type and its methods.
func (e *emitter) service(s *goSource, svc *model.Service) {
	s.topDoc(paragraphs(
		fmt.Sprintf("%s holds the operations tagged %q. Use it through Client.%s.", svc.TypeName, svc.Tag, svc.Field),
		svc.Doc))
	s.line("type ", svc.TypeName, " struct {")
	s.line("\tcore *clientCore")
	s.line("}")
	s.line()
	for _, op := range svc.Operations {
		c := opCall(s, op)
		e.method(s, svc, op, c)
		s.line()
		if op.Paging != nil {
			e.iterators(s, svc, op, c)
		}
	}
}

// method writes one operation method, whose call is c.
func (e *emitter) method(s *goSource, svc *model.Service, op *model.Operation, c call) {
	s.topDoc(e.methodDoc(op))
	args := "ctx, s.core, " + c.request
	head := "func (s *" + svc.TypeName + ") " + op.Method + "(" + c.params + ") "
	switch op.Result.Kind {
	case model.NoContent:
		s.line(head, "error {")
		s.line("\treturn callNoContent(", args, ", opts)")
	case model.Text:
		s.line(head, "(string, error) {")
		s.line("\treturn callText(", args, ", opts)")
	case model.Stream:
		s.importPath("io", "")
		s.line(head, "(io.ReadCloser, error) {")
		s.line("\treturn callStream(", args, ", opts)")
	case model.Redirect:
		s.importPath("net/url", "")
		s.line(head, "(*url.URL, error) {")
		s.line("\treturn callRedirect(", args, ", opts)")
	case model.JSON:
		typ := s.typeRef(op.Result.Type)
		call := "callJSON(" + args + ", &out, opts)"
		if op.Result.Pointer {
			s.line(head, "(*", typ, ", error) {")
			s.line("\tvar out ", typ)
			s.line("\tif err := ", call, "; err != nil {")
			s.line("\t\treturn nil, err")
			s.line("\t}")
			s.line("\treturn &out, nil")
			break
		}
		// Slices, maps and scalars are returned by value.
		s.line(head, "(", typ, ", error) {")
		s.line("\tvar out ", typ)
		s.line("\terr := ", call)
		s.line("\treturn out, err")
	}
	s.line("}")
}

// pathExpr is the request path: literal pieces of the template joined
// with escaped arguments.
func pathExpr(op *model.Operation) string {
	args := map[string]string{}
	for _, p := range op.PathParams {
		args[p.Wire] = p.Arg
	}
	var parts []string
	rest := op.Path
	for {
		i := strings.IndexByte(rest, '{')
		j := strings.IndexByte(rest, '}')
		if i < 0 || j < i {
			break
		}
		if i > 0 {
			parts = append(parts, strconv.Quote(rest[:i]))
		}
		name := rest[i+1 : j]
		if arg, ok := args[name]; ok {
			parts = append(parts, "pathParam("+arg+")")
		} else {
			parts = append(parts, strconv.Quote(rest[i:j+1]))
		}
		rest = rest[j+1:]
	}
	if rest != "" || len(parts) == 0 {
		parts = append(parts, strconv.Quote(rest))
	}
	return strings.Join(parts, " + ")
}

// methodDoc is an operation's doc comment: what it calls, the description,
// what it returns and the errors the description documents.
func (e *emitter) methodDoc(op *model.Operation) string {
	first := fmt.Sprintf("%s calls %s %s", op.Method, op.HTTPMethod, op.Path)
	if s := strings.TrimRight(cleanText(strings.ReplaceAll(op.Summary, "\n", " ")), ". "); s != "" {
		first += ": " + lowerFirst(s)
	}
	first += "."
	var ret string
	switch op.Result.Kind {
	case model.NoContent:
		ret = "It answers " + status(op.Result.Status) + " with no content."
	case model.JSON:
		ret = fmt.Sprintf("It answers %s with %s %s.", status(op.Result.Status), article(op.Result.Type.String()), op.Result.Type)
	case model.Text:
		ret = "It answers " + status(op.Result.Status) + " with text, returned as a string."
	case model.Stream:
		ret = "It answers " + status(op.Result.Status) + " with a file; the caller reads and closes the returned body."
	case model.Redirect:
		ret = "It answers " + status(op.Result.Status) + " with a redirect; the method returns its Location without following it."
	}
	var errs string
	if len(op.ErrorStatuses) > 0 {
		errs = "Documented errors (returned as *APIError): " + strings.Join(op.ErrorStatuses, ", ") + "."
	}
	var version string
	if op.Version != "" {
		version = fmt.Sprintf("It sends Intercom-Version %q, which the description requires for it.", op.Version)
	}
	dep := ""
	if op.Deprecated {
		dep = "Deprecated: the description marks this operation deprecated."
	}
	return paragraphs(first, op.Doc, ret, version, securityDoc(op), errs, dep)
}

func status(s string) string {
	if s == "" || s == "default" {
		return "success"
	}
	return s
}

// article picks "a" or "an" for a type name read aloud.
func article(name string) string {
	if name != "" && strings.ContainsRune("AEIOUaeiou", rune(name[0])) {
		return "an"
	}
	return "a"
}

// A call is what an operation's methods share: the parameter list, the
// request literal, and the arguments that forward the parameters to
// another method.
type call struct {
	params, request, args string
}

// opCall spells op's call, noting the imports it needs in s.
func opCall(s *goSource, op *model.Operation) call {
	s.importPath("context", "")
	params := []string{"ctx context.Context"}
	args := []string{"ctx"}
	for _, p := range op.PathParams {
		params = append(params, p.Arg+" "+s.typeRef(p.Type))
		args = append(args, p.Arg)
	}
	// The request literal lists its fields in a fixed, readable order.
	req := []string{"op: " + op.Var, "path: " + pathExpr(op)}
	if op.Params != nil {
		params = append(params, "params *"+op.Params.Name)
		args = append(args, "params")
		req = append(req, "params: params")
	}
	if op.Body != nil {
		bt := s.typeRef(op.Body.Type)
		if op.Body.Pointer {
			bt = "*" + bt
		}
		params = append(params, "body "+bt)
		args = append(args, "body")
		switch {
		case op.Body.Raw != "" && op.Body.Type.Kind == model.Builtin:
			// Text: a string reader can be read again for a retry.
			s.importPath("strings", "")
			req = append(req, "raw: strings.NewReader(body)", "rawType: "+strconv.Quote(op.Body.Raw))
		case op.Body.Raw != "":
			req = append(req, "raw: body", "rawType: "+strconv.Quote(op.Body.Raw))
		case op.Body.URLEncoded:
			req = append(req, "urlForm: body")
		case op.Body.Form:
			req = append(req, "form: body")
		default:
			req = append(req, "body: body")
		}
	}
	if op.Version != "" {
		req = append(req, "version: "+strconv.Quote(op.Version))
	}
	params = append(params, "opts ...Option")
	args = append(args, "opts...")
	return call{
		params:  strings.Join(params, ", "),
		request: "&request{" + strings.Join(req, ", ") + "}",
		args:    strings.Join(args, ", "),
	}
}
