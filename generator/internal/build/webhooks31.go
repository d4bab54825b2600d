package build

import (
	"fmt"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/intercom-gen/intercom-gen/generator/internal/model"
	"github.com/intercom-gen/intercom-gen/generator/internal/naming"
	"github.com/intercom-gen/intercom-gen/loader/diag"
)

// buildWebhooks makes the webhooks of an OpenAPI 3.1 `webhooks` section:
// for each operation of each webhook, its payload type (the request
// body's schema: a component keeps its type, an inline schema is named
// after the webhook) and the names of the function that reads such a
// request and of the test package's variable that builds one.
//
// Only JSON bodies are read; a webhook without a body, or with another
// media type, is reported and has no reader.
func (b *builder) buildWebhooks() {
	if len(b.spec.Webhooks) == 0 {
		return
	}
	// The test package's names: its Op variables, then the webhooks'.
	testNames := naming.NewScope()
	for _, op := range b.pkg.Operations {
		testNames.Claim("Op"+strings.TrimPrefix(op.Var, "op"), op.ID)
	}
	for _, name := range keysInOrder(b, "/webhooks", b.spec.Webhooks) {
		item := b.spec.Webhooks[name]
		if item == nil {
			continue
		}
		ptr := diag.Pointer("webhooks", name)
		ops := lowerOps(item)
		methods := b.methodsInOrder(ptr, ops)
		for _, m := range methods {
			label := name
			if len(methods) > 1 {
				label = name + " " + m
			}
			b.buildWebhook(name, label, m, ops[m], diag.Append(ptr, m), testNames)
		}
	}
}

func (b *builder) buildWebhook(name, label, method string, op *openapi3.Operation, ptr string, testNames *naming.Scope) {
	b.noteLong("webhook", label, ptr)
	stem := naming.Exported(label, "Webhook")
	if n := goName(op.Extensions); n != "" {
		stem = naming.Exported(n, stem)
	}
	// "newPetWebhook" reads as ReadNewPetWebhook, not …WebhookWebhook.
	if s, ok := strings.CutSuffix(stem, "Webhook"); ok && s != "" {
		stem = s
	}
	var media *openapi3.MediaType
	ct := ""
	if op.RequestBody != nil && op.RequestBody.Value != nil {
		ct, media = mediaType(op.RequestBody.Value.Content)
	}
	switch {
	case media == nil:
		b.add(diag.Warning, "webhook-without-body", ptr,
			fmt.Sprintf("webhook %q declares no request body: the package has no reader for it", label),
			"describe the payload the API sends as the operation's requestBody")
		return
	case contentKind(ct) != "json":
		b.add(diag.Warning, "unsupported-webhook-body", diag.Append(ptr, "requestBody", "content", ct),
			fmt.Sprintf("webhook %q sends %s; only JSON payloads are read, so the package has no reader for it", label, ct), "")
		return
	}
	schemaPtr := diag.Append(ptr, "requestBody", "content", ct, "schema")
	ty := b.typeOf(media.Schema, site{ptr: schemaPtr, name: stem + "Payload", file: "webhooks", owner: "payload of webhook " + label})
	fn, renamed := b.scope.Unique("Read"+stem+"Webhook", "webhook "+label, "Func")
	if renamed {
		b.add(diag.Info, "name-collision", ptr,
			fmt.Sprintf("the reader of webhook %q is %s because Read%sWebhook is taken by %s", label, fn, stem, b.scope.Owner("Read"+stem+"Webhook")),
			"set x-go-name on the webhook's operation to choose another name")
	}
	v, _ := testNames.Unique(stem+"Webhook", "webhook "+label)
	b.pkg.Webhooks = append(b.pkg.Webhooks, &model.Webhook{
		Name: name, HTTPMethod: strings.ToUpper(method), Func: fn, Var: v,
		Payload: ty.ref, Pointer: b.isStructLike(ty.ref), ContentType: ct,
		Summary: op.Summary, Doc: op.Description, Deprecated: op.Deprecated,
		Origin: model.Origin{Pointer: ptr},
	})
}
