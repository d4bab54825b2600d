package render

import (
	"fmt"
	"strconv"
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
func (t *testEmitter) webhookVars(s *goSource) {
	if len(t.pkg.Webhooks) == 0 {
		return
	}
	s.line()
	s.topDoc("The webhooks of the API, to build requests of with NewWebhookRequest: each is named after the webhook, " +
		"and its type parameter is what the package's reader of the webhook returns.")
	specs := make([]varSpec, len(t.pkg.Webhooks))
	for i, w := range t.pkg.Webhooks {
		payload := t.goType(s, w.Payload)
		if w.Pointer {
			payload = "*" + payload
		}
		specs[i] = varSpec{
			blank: i > 0,
			doc:   docLines(fmt.Sprintf("%s is the webhook %q (%s), read by %s.%s.", w.Var, w.Name, w.HTTPMethod, t.pkg.Name, w.Func)),
			name:  w.Var,
			val: inline("Webhook[" + payload + "]{name: " + strconv.Quote(w.Name) + ", method: " + strconv.Quote(w.HTTPMethod) +
				", contentType: " + strconv.Quote(w.ContentType) + "}"),
		}
	}
	s.varGroup(specs)
}
