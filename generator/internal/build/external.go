package build

import (
	"fmt"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/intercom-gen/intercom-gen/generator/internal/naming"
	"github.com/intercom-gen/intercom-gen/loader/diag"
)

// externalType types a schema that a $ref brings in from anywhere but
// components/schemas: another file (loaded only with --allow-external-refs)
// or a place inside this description, such as the inline schema of
// another operation's response ("#/paths/~1apps/get/responses/200/…",
// which bundlers write when they inline a shared file). It has no
// component name, so it becomes an inline type, made once per schema and
// shared by every reference to it: named after the last token of a
// reference to another file ("common.yaml#/components/schemas/pet" →
// Pet), and like any inline type at the place that first needs it for a
// reference inside the description (whose last token is usually "items"
// or "schema"). A chain of references that only leads back to itself is
// typed as any.
func (b *builder) externalType(sr *openapi3.SchemaRef, at site) (typed, bool) {
	if sr.Value == nil || strings.HasPrefix(sr.Ref, "#/components/schemas/") && b.componentByRef(sr.Ref) != nil {
		return typed{}, false
	}
	if ref, ok := b.inline[sr.Value]; ok {
		return typed{ref: ref, primitive: classify(sr.Value) == shapeEnum}, true
	}
	if b.externalBusy == nil {
		b.externalBusy = map[*openapi3.Schema]bool{}
	}
	if b.externalBusy[sr.Value] {
		b.add(diag.Warning, "alias-cycle", at.ptr,
			fmt.Sprintf("%s refers to %q, which only refers back to itself; typed as any", at.owner, sr.Ref),
			"give one of the schemas in the cycle a type")
		return anyType, true
	}
	b.externalBusy[sr.Value] = true
	defer delete(b.externalBusy, sr.Value)
	name := at.name
	if file, frag, ok := strings.Cut(sr.Ref, "#"); ok && file != "" {
		if toks := diag.SplitPointer(frag); len(toks) > 0 {
			name = naming.Exported(toks[len(toks)-1], name)
		}
	}
	return b.typeOfSchema(sr.Value, at.at(at.ptr, name, at.owner)), true
}
