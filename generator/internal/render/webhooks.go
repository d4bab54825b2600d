package render

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/intercom-gen/intercom-gen/generator/internal/model"
)

// webhookReaders renders the function that reads each webhook's request:
// a thin call of the runtime's readWebhookPayload.
func (e *emitter) webhookReaders(f *jen.File) {
	for _, w := range e.pkg.Webhooks {
		writeDoc(f.Group, webhookDoc(w))
		payload := typeCode(w.Payload)
		read := jen.Id("readWebhookPayload").Call(jen.Id("r"), jen.Lit(w.Name), jen.Op("&").Id("v"))
		fn := f.Func().Id(w.Func).Params(jen.Id("r").Op("*").Qual("net/http", "Request"))
		if w.Pointer {
			fn.Params(jen.Op("*").Add(payload), jen.Error()).Block(
				jen.Var().Id("v").Add(payload),
				jen.If(jen.Err().Op(":=").Add(read), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
				jen.Return(jen.Op("&").Id("v"), jen.Nil()),
			)
		} else {
			fn.Params(payload, jen.Error()).Block(
				jen.Var().Id("v").Add(payload),
				jen.Err().Op(":=").Add(read),
				jen.Return(jen.Id("v"), jen.Err()),
			)
		}
		f.Line()
	}
}

// webhookDoc is a reader's doc comment: which webhook, the description's
// words, what it accepts.
func webhookDoc(w *model.Webhook) string {
	first := fmt.Sprintf("%s reads a request of the webhook %q, which the API sends as a %s", w.Func, w.Name, w.HTTPMethod)
	if s := strings.TrimRight(cleanText(strings.ReplaceAll(w.Summary, "\n", " ")), ". "); s != "" {
		first += ": " + lowerFirst(s)
	}
	first += "."
	how := fmt.Sprintf("It decodes the %s body into %s %s, as leniently as the answers of the client's calls "+
		"(members the type does not declare are kept). A request without a body, with an empty, null or malformed "+
		"one, one larger than 10 MiB or a Content-Type other than JSON is an error. It reads r.Body to its end.", w.ContentType, article(w.Payload.String()), w.Payload)
	dep := ""
	if w.Deprecated {
		dep = "Deprecated: the description marks this webhook deprecated."
	}
	return paragraphs(first, w.Doc, how, dep)
}

// webhookVars declares the test package's Webhook of each webhook, from
// which NewWebhookRequest builds the request the API would send.
func (t *testEmitter) webhookVars(f *jen.File) {
	if len(t.pkg.Webhooks) == 0 {
		return
	}
	f.Line()
	writeDoc(f.Group, "The webhooks of the API, to build requests of with NewWebhookRequest: each is named after the webhook, "+
		"and its type parameter is what the package's reader of the webhook returns.")
	f.Var().DefsFunc(func(g *jen.Group) {
		for i, w := range t.pkg.Webhooks {
			if i > 0 {
				g.Line()
			}
			payload := t.qual(w.Payload)
			if w.Pointer {
				payload = jen.Op("*").Add(payload)
			}
			writeDoc(g, fmt.Sprintf("%s is the webhook %q (%s), read by %s.%s.", w.Var, w.Name, w.HTTPMethod, t.pkg.Name, w.Func))
			g.Id(w.Var).Op("=").Id("Webhook").Types(payload).Values(
				jen.Id("name").Op(":").Lit(w.Name),
				jen.Id("method").Op(":").Lit(w.HTTPMethod),
				jen.Id("contentType").Op(":").Lit(w.ContentType),
			)
		}
	})
}
