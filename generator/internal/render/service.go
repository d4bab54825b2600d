package render

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/intercom-gen/intercom-gen/generator/internal/model"
)

// service renders a service type and its methods.
func (e *emitter) service(f *jen.File, svc *model.Service) {
	writeDoc(f.Group, paragraphs(
		fmt.Sprintf("%s holds the operations tagged %q. Use it through Client.%s.", svc.TypeName, svc.Tag, svc.Field),
		svc.Doc))
	f.Type().Id(svc.TypeName).Struct(jen.Id("core").Op("*").Id("clientCore"))
	f.Line()
	for _, op := range svc.Operations {
		e.method(f, svc, op)
		f.Line()
		if op.Paging != nil {
			e.iterators(f, svc, op)
		}
	}
}

// method renders one operation method.
func (e *emitter) method(f *jen.File, svc *model.Service, op *model.Operation) {
	writeDoc(f.Group, e.methodDoc(op))
	params, req, _ := opParts(op)
	request := jen.Op("&").Id("request").Values(req...)
	args := []jen.Code{jen.Id("ctx"), jen.Id("s").Dot("core"), request, jen.Id("opts")}

	fn := f.Func().Params(jen.Id("s").Op("*").Id(svc.TypeName)).Id(op.Method).Params(params...)
	switch op.Result.Kind {
	case model.NoContent:
		fn.Error().Block(jen.Return(jen.Id("callNoContent").Call(args...)))
	case model.Text:
		fn.Params(jen.String(), jen.Error()).Block(jen.Return(jen.Id("callText").Call(args...)))
	case model.Stream:
		fn.Params(jen.Qual("io", "ReadCloser"), jen.Error()).Block(jen.Return(jen.Id("callStream").Call(args...)))
	case model.Redirect:
		fn.Params(jen.Op("*").Qual("net/url", "URL"), jen.Error()).Block(jen.Return(jen.Id("callRedirect").Call(args...)))
	case model.JSON:
		// var out T; if err := callJSON(…, &out, opts); err != nil { … }
		call := jen.Id("callJSON").Call(append(args[:3:3], jen.Op("&").Id("out"), jen.Id("opts"))...)
		decl := jen.Var().Id("out").Add(typeCode(op.Result.Type))
		if op.Result.Pointer {
			fn.Params(jen.Op("*").Add(typeCode(op.Result.Type)), jen.Error()).Block(
				decl,
				jen.If(jen.Err().Op(":=").Add(call), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
				jen.Return(jen.Op("&").Id("out"), jen.Nil()),
			)
			return
		}
		// Slices, maps and scalars are returned by value.
		fn.Params(typeCode(op.Result.Type), jen.Error()).Block(
			decl,
			jen.Err().Op(":=").Add(call),
			jen.Return(jen.Id("out"), jen.Err()),
		)
	}
}

// pathExpr builds the request path: literal pieces of the template joined
// with escaped arguments.
func pathExpr(op *model.Operation) jen.Code {
	args := map[string]string{}
	for _, p := range op.PathParams {
		args[p.Wire] = p.Arg
	}
	var parts []jen.Code
	rest := op.Path
	for {
		i := strings.IndexByte(rest, '{')
		j := strings.IndexByte(rest, '}')
		if i < 0 || j < i {
			break
		}
		if i > 0 {
			parts = append(parts, jen.Lit(rest[:i]))
		}
		name := rest[i+1 : j]
		if arg, ok := args[name]; ok {
			parts = append(parts, jen.Id("pathParam").Call(jen.Id(arg)))
		} else {
			parts = append(parts, jen.Lit(rest[i:j+1]))
		}
		rest = rest[j+1:]
	}
	if rest != "" || len(parts) == 0 {
		parts = append(parts, jen.Lit(rest))
	}
	expr := jen.Add(parts[0])
	for _, p := range parts[1:] {
		expr = expr.Op("+").Add(p)
	}
	return expr
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

// opParts builds what an operation's methods share: the parameter list,
// the fields of the request literal, and the arguments that forward the
// parameters to another method.
func opParts(op *model.Operation) (params, req, args []jen.Code) {
	params = []jen.Code{jen.Id("ctx").Qual("context", "Context")}
	args = []jen.Code{jen.Id("ctx")}
	for _, p := range op.PathParams {
		params = append(params, jen.Id(p.Arg).Add(typeCode(p.Type)))
		args = append(args, jen.Id(p.Arg))
	}
	// The request literal lists its fields in a fixed, readable order.
	req = []jen.Code{
		jen.Id("op").Op(":").Id(op.Var),
		jen.Id("path").Op(":").Add(pathExpr(op)),
	}
	if op.Params != nil {
		params = append(params, jen.Id("params").Op("*").Id(op.Params.Name))
		args = append(args, jen.Id("params"))
		req = append(req, jen.Id("params").Op(":").Id("params"))
	}
	if op.Body != nil {
		bt := typeCode(op.Body.Type)
		if op.Body.Pointer {
			bt = jen.Op("*").Add(bt)
		}
		params = append(params, jen.Id("body").Add(bt))
		args = append(args, jen.Id("body"))
		switch {
		case op.Body.Raw != "" && op.Body.Type.Kind == model.Builtin:
			// Text: a string reader can be read again for a retry.
			req = append(req, jen.Id("raw").Op(":").Qual("strings", "NewReader").Call(jen.Id("body")),
				jen.Id("rawType").Op(":").Lit(op.Body.Raw))
		case op.Body.Raw != "":
			req = append(req, jen.Id("raw").Op(":").Id("body"), jen.Id("rawType").Op(":").Lit(op.Body.Raw))
		case op.Body.URLEncoded:
			req = append(req, jen.Id("urlForm").Op(":").Id("body"))
		case op.Body.Form:
			req = append(req, jen.Id("form").Op(":").Id("body"))
		default:
			req = append(req, jen.Id("body").Op(":").Id("body"))
		}
	}
	if op.Version != "" {
		req = append(req, jen.Id("version").Op(":").Lit(op.Version))
	}
	params = append(params, jen.Id("opts").Op("...").Id("Option"))
	args = append(args, jen.Id("opts").Op("..."))
	return params, req, args
}
