package build

import (
	"fmt"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/intercom-gen/intercom-gen/generator/internal/model"
	"github.com/intercom-gen/intercom-gen/generator/internal/naming"
	"github.com/intercom-gen/intercom-gen/loader/diag"
)

// prop is one property collected for a struct, with the naming context of
// the schema that declared it (so a property inherited through allOf gets
// the same inline type names wherever it is inherited).
type prop struct {
	name   string
	sr     *openapi3.SchemaRef
	ptr    string
	prefix string // Go name prefix for inline types of this property
	owner  string // schema name for diagnostics
	// flattened marks a property merged in from a oneOf/anyOf branch.
	flattened bool
}

// collected are the properties and required names of a struct schema.
type collected struct {
	props    []*prop
	index    map[string]int
	required map[string]bool
}

func (c *collected) add(p *prop) {
	if i, ok := c.index[p.name]; ok {
		old := c.props[i]
		// A later declaration refines an inherited one; branch-merged enums
		// keep every value any branch allows.
		if old.flattened && p.flattened {
			if merged := mergeEnums(old.sr, p.sr); merged != nil {
				old.sr = merged
			}
			return
		}
		c.props[i] = p
		return
	}
	c.index[p.name] = len(c.props)
	c.props = append(c.props, p)
}

// mergeEnums returns a schema allowing the string values of both enums, or
// nil when they are not both inline string enums.
func mergeEnums(a, b *openapi3.SchemaRef) *openapi3.SchemaRef {
	if a == nil || b == nil || a.Ref != "" || b.Ref != "" || a.Value == nil || b.Value == nil {
		return nil
	}
	av, aok := stringEnum(a.Value)
	bv, bok := stringEnum(b.Value)
	if !aok || !bok || len(av) == 0 || len(bv) == 0 {
		return nil
	}
	merged := *a.Value
	merged.Enum = nil
	for _, v := range append(av, bv...) {
		if !slices.Contains(merged.Enum, any(v)) {
			merged.Enum = append(merged.Enum, v)
		}
	}
	return &openapi3.SchemaRef{Value: &merged}
}

// collect gathers the properties of s: allOf parts first (inheritance), then
// its own, then those of oneOf/anyOf branches beside properties.
func (b *builder) collect(s *openapi3.Schema, ptr, prefix, owner string, c *collected, seen map[*openapi3.Schema]bool, flattened bool) {
	if seen[s] {
		return
	}
	seen[s] = true
	defer delete(seen, s)
	for i, part := range s.AllOf {
		b.collectPart(part, diag.Append(ptr, "allOf", fmt.Sprint(i)), prefix, owner, c, seen, flattened)
	}
	for _, name := range keysInOrder(b, diag.Append(ptr, "properties"), s.Properties) {
		c.add(&prop{
			name: name, sr: s.Properties[name], ptr: diag.Append(ptr, "properties", name),
			prefix: prefix, owner: owner, flattened: flattened,
		})
	}
	if !flattened {
		for _, r := range s.Required {
			c.required[r] = true
		}
	}
	if len(s.Properties) > 0 || len(s.AllOf) > 0 {
		for _, br := range effectiveBranches(s) {
			b.collectPart(br.ref, br.ptr(ptr), prefix, owner, c, seen, true)
		}
	}
}

func (b *builder) collectPart(sr *openapi3.SchemaRef, ptr, prefix, owner string, c *collected, seen map[*openapi3.Schema]bool, flattened bool) {
	if sr == nil {
		return
	}
	if sr.Ref != "" {
		if comp := b.componentByRef(sr.Ref); comp != nil {
			b.collect(comp.schema, comp.ptr, comp.typ.Name, comp.name, c, seen, flattened)
		}
		return
	}
	if sr.Value != nil {
		b.collect(sr.Value, ptr, prefix, owner, c, seen, flattened)
	}
}

// buildStruct fills the fields of a struct type.
func (b *builder) buildStruct(t *model.Type, s *openapi3.Schema, at site) {
	c := &collected{index: map[string]int{}, required: map[string]bool{}}
	b.collect(s, at.ptr, t.Name, boundOwner(strings.TrimPrefix(at.owner, "schema ")), c, map[*openapi3.Schema]bool{}, false)
	fields := naming.NewScope(modelMethods...)
	for _, p := range c.props {
		if !taggable(p.name) {
			b.add(diag.Warning, "untaggable-name", p.ptr,
				fmt.Sprintf("property %q of %s cannot be named in a struct tag; it has no field and is kept with the extra fields", p.name, t.Name),
				untaggableHint)
			continue
		}
		t.Fields = append(t.Fields, b.field(t, p, c.required[p.name], fields, at))
	}
}

// field maps one property to a struct field; see the package doc for the
// optional/nullable rules.
func (b *builder) field(t *model.Type, p *prop, required bool, scope *naming.Scope, at site) *model.Field {
	b.noteLong("property", p.name, p.ptr)
	base := naming.Exported(p.name, "Field")
	if p.sr != nil {
		if n := goName(p.sr.Extensions); n != "" {
			base = naming.Exported(n, base)
		} else if p.sr.Value != nil && p.sr.Ref == "" {
			if n := goName(p.sr.Value.Extensions); n != "" {
				base = naming.Exported(n, base)
			}
		}
	}
	name, renamed := scope.Unique(base, "property "+p.name, "Field")
	if renamed {
		b.add(diag.Info, "name-collision", p.ptr,
			fmt.Sprintf("property %q of %s is field %s because %s is taken by %s", p.name, t.Name, name, base, scope.Owner(base)),
			"set x-go-name on the property to choose another name")
	}
	ty := b.typeOf(p.sr, site{
		ptr: p.ptr, name: p.prefix + naming.Exported(p.name, "Field"), file: at.file,
		owner: "property " + p.owner + "." + p.name, form: at.form,
	})
	f := &model.Field{
		Name: name, Wire: p.name, Required: required, Nullable: ty.nullable,
		Doc: ty.doc, ReadOnly: ty.readOnly, Deprecated: ty.deprecated,
	}
	f.Type = fieldType(ty, required)
	if ty.isConst && f.Type.Kind != model.Nullable {
		f.Const = ty.constVal
	}
	return f
}

// fieldType applies the representation rules to a property's type:
// nullable → Nullable[T] (absent, null or a value); optional scalar → *T
// (nil = absent); required or composite → T (a composite's zero value
// means absent).
func fieldType(ty typed, required bool) *model.TypeRef {
	switch {
	case ty.nullable:
		return nullableOf(ty.ref)
	case ty.isConst:
		// The only legal value is the constant, so "" can mean absent.
		return ty.ref
	case required:
		return ty.ref
	case ty.primitive:
		return pointerTo(ty.ref)
	}
	return ty.ref
}

// buildUnion fills the variants of a union type.
func (b *builder) buildUnion(t *model.Type, s *openapi3.Schema, at site) {
	scope := naming.NewScope(append(slices.Clone(modelMethods), unionMethods...)...)
	seen := map[string]bool{}
	disc := ""
	if s.Discriminator != nil {
		disc = s.Discriminator.PropertyName
	}
	for _, src := range b.variantSources(t, s, at) {
		br := src.br
		label, inlineName := b.variantLabel(t, br)
		owner := at.owner + " variant " + label
		if src.name != "" {
			label, inlineName = "", src.name
			owner = at.owner + " variant " + strings.TrimPrefix(src.name, t.Name)
		}
		ty := b.typeOf(src.ref, site{ptr: src.ptr, name: inlineName, file: at.file, owner: boundOwner(owner), form: at.form})
		key := ty.ref.String()
		if seen[key] {
			b.add(diag.Info, "duplicate-variant", br.ptr(at.ptr),
				fmt.Sprintf("%s lists %s twice; the union keeps one variant", t.Name, key), "")
			continue
		}
		seen[key] = true
		name, _ := scope.Unique(variantName(ty.ref, label, t.Name), "variant")
		v := &model.Variant{Name: name, Type: ty.ref}
		if disc != "" && src.branchRef != "" {
			if vals := b.discriminatorValues(s, at.ptr, src.branchRef); len(vals) > 0 {
				v.Discriminator = disc + "=" + strings.Join(vals, "|")
			}
		}
		t.Variants = append(t.Variants, v)
	}
}

// A variantSource is the schema one variant of a union is made from.
type variantSource struct {
	br  branch
	ref *openapi3.SchemaRef
	ptr string
	// branchRef is the $ref the discriminator maps ("" for an inline
	// branch).
	branchRef string
	// name is the type name of a variant made here (see variantSources);
	// "" leaves naming to variantLabel.
	name string
}

// variantSources lists what the variants of union s are made from. Its
// branches, as a rule. When s also declares properties of its own (a
// oneOf beside `properties`), each variant is its branch together with
// those properties, so that no branch's fields are lost and the shared
// ones are in every variant; a branch that is itself a union then gives
// one variant per branch of its own, each with the shared properties
// (replyTicket: the contact reply's three ways of naming the contact and
// the admin reply, each with skip_notifications).
func (b *builder) variantSources(t *model.Type, s *openapi3.Schema, at site) []variantSource {
	ptr := at.ptr
	branches := effectiveBranches(s)
	var out []variantSource
	if len(s.Properties) == 0 {
		for _, br := range branches {
			out = append(out, variantSource{br: br, ref: br.ref, ptr: br.ptr(ptr), branchRef: br.ref.Ref})
		}
		return out
	}
	shared := &openapi3.SchemaRef{Value: &openapi3.Schema{
		Type: &openapi3.Types{openapi3.TypeObject}, Properties: s.Properties, Required: s.Required,
	}}
	// The shared properties' inline types (an enum, say) are named after
	// the union, not after the first variant that meets them.
	for _, name := range keysInOrder(b, diag.Append(ptr, "properties"), s.Properties) {
		b.typeOf(s.Properties[name], site{ptr: diag.Append(ptr, "properties", name), name: t.Name + naming.Exported(name, "Field"),
			file: at.file, owner: "property " + boundOwner(strings.TrimPrefix(at.owner, "schema ")) + "." + name, form: at.form})
	}
	for _, br := range branches {
		inner := []variantSource{{br: br, ref: br.ref, ptr: br.ptr(ptr), branchRef: br.ref.Ref}}
		if v := br.ref.Value; v != nil && len(v.Properties) == 0 && classify(v) == shapeUnion {
			base := br.ptr(ptr)
			if c := b.componentByRef(br.ref.Ref); c != nil {
				base = c.ptr
			}
			inner = inner[:0]
			for _, ib := range effectiveBranches(v) {
				inner = append(inner, variantSource{br: ib, ref: ib.ref, ptr: ib.ptr(base), branchRef: br.ref.Ref})
			}
		}
		for _, in := range inner {
			in.name = t.Name + b.branchLabel(t, in)
			// The shared properties first, as they are written; then the
			// branch's, which win where both declare one (data_type:
			// [options] in the branch, any type beside it).
			if b.keyOrder == nil {
				b.keyOrder = map[string][]string{}
			}
			b.keyOrder[diag.Append(in.ptr, "allOf", "0", "properties")] = keysInOrder(b, diag.Append(ptr, "properties"), s.Properties)
			if in.ref.Ref == "" && in.ref.Value != nil {
				b.keyOrder[diag.Append(in.ptr, "allOf", "1", "properties")] = keysInOrder(b, diag.Append(in.ptr, "properties"), in.ref.Value.Properties)
			}
			in.ref = &openapi3.SchemaRef{Value: &openapi3.Schema{AllOf: openapi3.SchemaRefs{shared, in.ref}}}
			out = append(out, in)
		}
	}
	return out
}

// branchLabel names a branch by its component's Go name, else as
// variantLabel names an inline branch.
func (b *builder) branchLabel(t *model.Type, src variantSource) string {
	if c := b.componentByRef(src.ref.Ref); c != nil && c.typ != nil {
		return c.typ.Name
	}
	label, _ := b.variantLabel(t, src.br)
	if label == "" {
		label = fmt.Sprintf("Variant%d", src.br.index+1)
	}
	return label
}

// variantLabel returns a short label for an inline branch (its title, first
// required or first property name) and the type name it would get.
func (b *builder) variantLabel(t *model.Type, br branch) (label, inlineName string) {
	if br.ref == nil || br.ref.Ref != "" || br.ref.Value == nil {
		return "", t.Name + "Variant"
	}
	s := br.ref.Value
	if classify(s) != shapeStruct {
		// Arrays, scalars and enums are named by their shape (variantName);
		// an inline array's items become <Union>Item.
		return "", t.Name
	}
	switch {
	case s.Title != "":
		label = naming.Exported(s.Title, "")
	case len(s.Required) > 0:
		label = naming.Exported(s.Required[0], "")
	case len(s.Properties) > 0:
		label = naming.Exported(keysInOrder(b, diag.Append(br.ptr(t.Origin.Pointer), "properties"), s.Properties)[0], "")
	}
	if label == "" {
		label = fmt.Sprintf("Variant%d", br.index+1)
	}
	return label, t.Name + label
}

// variantName names a union's field after its type: a component's name,
// the label of an inline object, "List" for an array of inline items, the
// Go type for scalars.
func variantName(ref *model.TypeRef, label, union string) string {
	switch ref.Kind {
	case model.Named:
		if label != "" && strings.HasSuffix(ref.Name, label) {
			return label
		}
		if rest := strings.TrimPrefix(ref.Name, union); rest != ref.Name && rest != "" {
			return rest
		}
		return ref.Name
	case model.Slice:
		if elem := variantName(ref.Elem, "", union); elem != "Item" {
			return elem + "List"
		}
		return "List"
	case model.Map:
		return "Map"
	case model.Runtime, model.Qual:
		return ref.Name
	case model.Builtin:
		switch ref.Name {
		case "float64":
			return "Float"
		case "any":
			return "Any"
		}
		return naming.Exported(ref.Name, "Value")
	}
	return "Value"
}

// discriminatorValues lists the mapping values that select the component
// ref, in source order; without a mapping entry the component name is the
// implicit value.
func (b *builder) discriminatorValues(s *openapi3.Schema, ptr, ref string) []string {
	var vals []string
	for _, k := range keysInOrder(b, diag.Append(ptr, "discriminator", "mapping"), s.Discriminator.Mapping) {
		if s.Discriminator.Mapping[k].Ref == ref {
			vals = append(vals, k)
		}
	}
	if len(vals) == 0 {
		if c := b.componentByRef(ref); c != nil {
			vals = append(vals, c.name)
		}
	}
	return vals
}
