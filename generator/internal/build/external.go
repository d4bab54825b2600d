package build

import (
	"fmt"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/intercom-gen/intercom-gen/generator/internal/naming"
	"github.com/intercom-gen/intercom-gen/loader/diag"
)

// externalType types a schema that a $ref brought in from another file
// (loaded only with --allow-external-refs): it has no component name in
// this description, so it becomes an inline type named after the last
// token of the reference ("common.yaml#/components/schemas/pet" → Pet),
// made once per schema. A chain of references that only leads back to
// itself is typed as any.
func (b *builder) externalType(sr *openapi3.SchemaRef, at site) (typed, bool) {
	if strings.HasPrefix(sr.Ref, "#") || sr.Value == nil {
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
	if _, frag, ok := strings.Cut(sr.Ref, "#"); ok {
		if toks := diag.SplitPointer(frag); len(toks) > 0 {
			name = naming.Exported(toks[len(toks)-1], name)
		}
	}
	return b.typeOfSchema(sr.Value, at.at(at.ptr, name, at.owner)), true
}
