package build

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/intercom-gen/intercom-gen/generator/internal/model"
	"github.com/intercom-gen/intercom-gen/generator/internal/naming"
	"github.com/intercom-gen/intercom-gen/loader/diag"
)

// shape is what Go construct a schema needs.
type shape int

const (
	shapeAny       shape = iota // no usable type: any
	shapeStruct                 // object with properties (allOf merged, branches flattened)
	shapeEnum                   // string enum with several values
	shapeConst                  // string enum with one value
	shapeUnion                  // oneOf/anyOf with several branches
	shapeMap                    // object with only additionalProperties
	shapeArray                  // array
	shapePrimitive              // string, integer, number, boolean (with formats)
	shapeWrapper                // allOf with a single part and no structure of its own
	shapeOneBranch              // oneOf/anyOf with a single effective branch
)

// classify decides the shape of s. It is pure: the same schema always gets
// the same shape, wherever it is met.
func classify(s *openapi3.Schema) shape {
	if len(s.AllOf) > 0 {
		if isWrapper(s) {
			return shapeWrapper
		}
		return shapeStruct
	}
	if branches := effectiveBranches(s); len(s.OneOf)+len(s.AnyOf) > 0 {
		switch {
		case len(s.Properties) > 0 && len(branches) > 1:
			// Shared properties beside the branches: each variant
			// carries them (variantSources).
			return shapeUnion
		case len(s.Properties) > 0:
			return shapeStruct
		case len(branches) == 1:
			return shapeOneBranch
		case len(branches) > 1:
			return shapeUnion
		}
		// Only required-only branches: the rest of the schema decides.
	}
	if len(s.Enum) > 0 {
		if vals, ok := stringEnum(s); ok {
			switch len(vals) {
			case 0:
			case 1:
				return shapeConst
			default:
				return shapeEnum
			}
		}
		if typeIs(s, "") && !hasStringValues(s) {
			return shapePrimitive
		}
	}
	switch {
	case typeIs(s, "object") || len(s.Properties) > 0 && !scalarType(s):
		if len(s.Properties) == 0 && (s.AdditionalProperties.Has == nil || *s.AdditionalProperties.Has || s.AdditionalProperties.Schema != nil) {
			return shapeMap
		}
		return shapeStruct
	case typeIs(s, "array"):
		return shapeArray
	case typeIs(s, "string"), typeIs(s, "integer"), typeIs(s, "number"), typeIs(s, "boolean"):
		return shapePrimitive
	case s.Type != nil && s.Type.IsMultiple():
		return shapeAny
	case s.Items != nil:
		return shapeArray
	case s.AdditionalProperties.Schema != nil:
		return shapeMap
	}
	return shapeAny
}

// scalarType reports an explicit string, integer, number or boolean type.
func scalarType(s *openapi3.Schema) bool {
	return typeIs(s, "string") || typeIs(s, "integer") || typeIs(s, "number") || typeIs(s, "boolean")
}

// typeIs reports whether s has the single type t ("" = no type at all).
func typeIs(s *openapi3.Schema, t string) bool {
	if t == "" {
		return s.Type == nil || s.Type.IsEmpty()
	}
	return s.Type != nil && s.Type.Is(t)
}

// isWrapper reports an allOf that only decorates one part: a $ref with
// nullable, description or a required list beside it (the loader's
// ref-siblings repair produces these too).
func isWrapper(s *openapi3.Schema) bool {
	return len(s.AllOf) == 1 && len(s.Properties) == 0 && len(s.OneOf) == 0 && len(s.AnyOf) == 0 &&
		len(s.Enum) == 0 && s.AdditionalProperties.Schema == nil && s.Items == nil &&
		(typeIs(s, "") || typeIs(s, "object"))
}

// effectiveBranches drops oneOf/anyOf branches that only list required
// properties: they constrain which fields must be set, not the shape.
func effectiveBranches(s *openapi3.Schema) []branch {
	var out []branch
	for i, br := range s.OneOf {
		if !requiredOnly(br) {
			out = append(out, branch{ref: br, kw: "oneOf", index: i})
		}
	}
	for i, br := range s.AnyOf {
		if !requiredOnly(br) {
			out = append(out, branch{ref: br, kw: "anyOf", index: i})
		}
	}
	return out
}

type branch struct {
	ref   *openapi3.SchemaRef
	kw    string
	index int
}

func (br branch) ptr(parent string) string { return diag.Append(parent, br.kw, strconv.Itoa(br.index)) }

func requiredOnly(sr *openapi3.SchemaRef) bool {
	if sr == nil {
		return true
	}
	if sr.Ref != "" || sr.Value == nil {
		return sr.Ref == ""
	}
	s := sr.Value
	return typeIs(s, "") && len(s.Properties) == 0 && s.Items == nil && len(s.AllOf) == 0 &&
		len(s.OneOf) == 0 && len(s.AnyOf) == 0 && len(s.Enum) == 0 &&
		s.AdditionalProperties.Schema == nil && s.AdditionalProperties.Has == nil
}

// stringEnum returns the distinct string values of an enum whose type is
// string or unset, leaving out null; ok is false for other enums.
func stringEnum(s *openapi3.Schema) ([]string, bool) {
	if !typeIs(s, "") && !typeIs(s, "string") {
		return nil, false
	}
	var vals []string
	for _, v := range s.Enum {
		switch v := v.(type) {
		case nil:
		case string:
			if !slices.Contains(vals, v) {
				vals = append(vals, v)
			}
		default:
			return nil, false
		}
	}
	return vals, true
}

func hasStringValues(s *openapi3.Schema) bool {
	for _, v := range s.Enum {
		if _, ok := v.(string); ok {
			return true
		}
	}
	return false
}

// enumHasNull reports an enum listing null among its values, which makes
// the property nullable whatever `nullable` says.
func enumHasNull(s *openapi3.Schema) bool {
	return slices.Contains(s.Enum, any(nil))
}

// site is where a schema is met: what an inline type made there is called
// and where it goes.
type site struct {
	ptr   string
	name  string // Go name for an inline type made here
	file  string // output file stem of the owner
	owner string // for diagnostics, e.g. "property contact.location"
	form  bool   // inside a multipart body: binary strings are files
	// suffix is tried first when the name is taken (e.g. "Body" for
	// request bodies); the kind's own suffix follows.
	suffix string
}

// at moves to a nested schema; the preferred suffix stays with the site it
// was given for.
func (s site) at(ptr, name, owner string) site {
	return site{ptr: ptr, name: name, file: s.file, owner: owner, form: s.form}
}

// typed is the Go type found for a schema plus the facts a field needs.
type typed struct {
	ref        *model.TypeRef
	nullable   bool
	isConst    bool
	constVal   string
	doc        string
	primitive  bool // the zero value is a legal JSON value, so optional needs a pointer
	readOnly   bool
	deprecated bool
}

func builtin(name string) *model.TypeRef      { return &model.TypeRef{Kind: model.Builtin, Name: name} }
func named(name string) *model.TypeRef        { return &model.TypeRef{Kind: model.Named, Name: name} }
func runtime(name string) *model.TypeRef      { return &model.TypeRef{Kind: model.Runtime, Name: name} }
func sliceOf(e *model.TypeRef) *model.TypeRef { return &model.TypeRef{Kind: model.Slice, Elem: e} }
func mapOf(e *model.TypeRef) *model.TypeRef   { return &model.TypeRef{Kind: model.Map, Elem: e} }
func nullableOf(e *model.TypeRef) *model.TypeRef {
	return &model.TypeRef{Kind: model.Nullable, Elem: e}
}
func pointerTo(e *model.TypeRef) *model.TypeRef { return &model.TypeRef{Kind: model.Pointer, Elem: e} }
func timeType() *model.TypeRef {
	return &model.TypeRef{Kind: model.Qual, Package: "time", Name: "Time"}
}

var anyType = typed{ref: builtin("any")}

// typeOf maps a schema reference to a Go type, naming and building inline
// types as it meets them.
func (b *builder) typeOf(sr *openapi3.SchemaRef, at site) typed {
	if sr == nil {
		return anyType
	}
	if sr.Ref != "" {
		c := b.componentByRef(sr.Ref)
		if t, ok := b.externalType(sr, at); c == nil && ok {
			return t
		}
		if c == nil {
			b.add(diag.Warning, "unknown-ref", at.ptr,
				fmt.Sprintf("%s refers to %q, which is not a component schema; typed as any", at.owner, sr.Ref),
				"point the $ref at #/components/schemas/<name>")
			return anyType
		}
		return typed{
			ref:       named(c.typ.Name),
			nullable:  c.schema.Nullable || enumHasNull(c.schema),
			primitive: b.componentPrimitive(c, 0),
		}
	}
	if sr.Value == nil {
		return anyType
	}
	return b.typeOfSchema(sr.Value, at)
}

func (b *builder) typeOfSchema(s *openapi3.Schema, at site) typed {
	if len(s.Properties) > 0 && scalarType(s) {
		b.add(diag.Warning, "properties-on-scalar", at.ptr,
			fmt.Sprintf("%s has type %s and properties; the properties are ignored", at.owner, (*s.Type)[0]),
			"drop the properties, or make the type object")
	}
	t := b.shapeType(s, at)
	t.nullable = t.nullable || s.Nullable || enumHasNull(s)
	if s.Description != "" {
		t.doc = s.Description
	}
	t.readOnly = t.readOnly || s.ReadOnly
	t.deprecated = t.deprecated || s.Deprecated
	return t
}

func (b *builder) shapeType(s *openapi3.Schema, at site) typed {
	switch classify(s) {
	case shapeWrapper:
		return b.typeOf(s.AllOf[0], at.at(diag.Append(at.ptr, "allOf", "0"), at.name, at.owner))
	case shapeOneBranch:
		br := effectiveBranches(s)[0]
		return b.typeOf(br.ref, at.at(br.ptr(at.ptr), at.name, at.owner))
	case shapeConst:
		vals, _ := stringEnum(s)
		return typed{ref: builtin("string"), isConst: true, constVal: vals[0], primitive: true}
	case shapeStruct, shapeEnum, shapeUnion:
		return b.inlineType(s, at)
	case shapeMap:
		return typed{ref: mapOf(b.mapValue(s, at).ref)}
	case shapeArray:
		return typed{ref: sliceOf(b.typeOf(s.Items, at.at(diag.Append(at.ptr, "items"), at.name+"Item", at.owner+" items")).ref)}
	case shapePrimitive:
		return primitive(s, at)
	}
	return anyType
}

// mapValue types the values of a map schema.
func (b *builder) mapValue(s *openapi3.Schema, at site) typed {
	if s.AdditionalProperties.Schema == nil {
		return anyType
	}
	return b.typeOf(s.AdditionalProperties.Schema, at.at(diag.Append(at.ptr, "additionalProperties"), at.name+"Value", at.owner+" values"))
}

// primitive maps scalar types and their formats.
func primitive(s *openapi3.Schema, at site) typed {
	p := typed{primitive: true}
	switch {
	case typeIs(s, "string"):
		switch s.Format {
		case "date-time":
			p.ref = timeType()
		case "byte":
			p.ref, p.primitive = sliceOf(builtin("byte")), false
		case "binary":
			if at.form {
				p.ref, p.primitive = runtime("File"), false
			} else {
				p.ref = builtin("string")
			}
		default:
			p.ref = builtin("string")
		}
	case typeIs(s, "integer"):
		switch s.Format {
		case "date-time", "timestamp", "unix-time":
			p.ref = runtime("UnixTime")
		case "int64":
			p.ref = builtin("int64")
		default:
			p.ref = builtin("int")
		}
	case typeIs(s, "number"):
		p.ref = builtin("float64")
	case typeIs(s, "boolean"):
		p.ref = builtin("bool")
	default:
		// An enum without a type whose values are not strings.
		p.ref = enumScalar(s)
	}
	return p
}

func enumScalar(s *openapi3.Schema) *model.TypeRef {
	kind := ""
	for _, v := range s.Enum {
		var k string
		switch v.(type) {
		case nil:
			continue
		case bool:
			k = "bool"
		case float64:
			k = "float64"
		case int, int64, uint64:
			k = "int"
		default:
			return builtin("any")
		}
		if kind != "" && kind != k {
			return builtin("any")
		}
		kind = k
	}
	if kind == "" {
		return builtin("any")
	}
	return builtin(kind)
}

// inlineType names and builds the struct, enum or union an inline schema
// needs, once per schema.
func (b *builder) inlineType(s *openapi3.Schema, at site) typed {
	sh := classify(s)
	if ref, ok := b.inline[s]; ok {
		return typed{ref: ref, primitive: sh == shapeEnum}
	}
	suffix, file := "Object", "models"
	switch sh {
	case shapeEnum:
		suffix, file = "Enum", "enums"
	case shapeUnion:
		suffix, file = "Union", "unions"
	}
	if at.file != "" && at.file != "models" {
		file = at.file
	}
	base := at.name
	if n := goName(s.Extensions); n != "" {
		base = naming.Exported(n, base)
	}
	name := b.uniqueTypeName(base, at.owner, suffix, at.ptr, at.suffix)
	t := &model.Type{Name: name, Origin: model.Origin{Pointer: at.ptr}, File: file, Doc: typeDoc(name, "is the type of "+at.owner, s.Description), Deprecated: s.Deprecated}
	ref := named(name)
	b.inline[s] = ref
	b.addType(t)
	b.fill(t, s, at.at(at.ptr, name, at.owner))
	return typed{ref: ref, primitive: sh == shapeEnum}
}

// fill gives t its kind and content from s.
func (b *builder) fill(t *model.Type, s *openapi3.Schema, at site) {
	switch classify(s) {
	case shapeStruct:
		t.Kind = model.Struct
		b.buildStruct(t, s, at)
	case shapeEnum, shapeConst:
		t.Kind = model.Enum
		vals, _ := stringEnum(s)
		for _, v := range vals {
			t.Values = append(t.Values, &model.EnumValue{Value: v})
		}
	case shapeUnion:
		t.Kind = model.Union
		b.buildUnion(t, s, at)
	case shapeMap:
		t.Kind = model.Defined
		t.Target = mapOf(b.mapValue(s, at).ref)
	case shapeArray:
		t.Kind = model.Defined
		t.Target = sliceOf(b.typeOf(s.Items, at.at(diag.Append(at.ptr, "items"), t.Name+"Item", at.owner+" items")).ref)
	default:
		t.Kind = model.Alias
		t.Target = b.shapeType(s, at).ref
	}
}

// buildComponent fills the type of one component schema.
func (b *builder) buildComponent(c *component) {
	if c.built {
		return
	}
	c.built = true
	t := c.typ
	s := c.schema
	t.Doc = typeDoc(t.Name, fmt.Sprintf("is the %q schema", c.name), s.Description)
	t.Deprecated = s.Deprecated
	switch classify(s) {
	case shapeEnum, shapeConst:
		t.File = "enums"
	case shapeUnion:
		t.File = "unions"
	}
	b.addType(t)
	b.fill(t, s, site{ptr: c.ptr, name: t.Name, file: "models", owner: "schema " + c.name})
	if t.Kind == model.Alias && b.aliasCycle(c) {
		b.add(diag.Warning, "alias-cycle", c.ptr,
			fmt.Sprintf("schema %q only refers to itself through other references; typed as any", c.name),
			"give one of the schemas in the cycle a type")
		t.Target = builtin("any")
	}
}

// aliasCycle reports whether following the alias chain from c comes back.
func (b *builder) aliasCycle(c *component) bool {
	seen := map[*component]bool{c: true}
	cur := c
	for {
		next := b.aliasTarget(cur)
		if next == nil {
			return false
		}
		if seen[next] {
			return true
		}
		seen[next] = true
		cur = next
	}
}

// aliasTarget returns the component an alias-shaped component stands for.
func (b *builder) aliasTarget(c *component) *component {
	s := c.schema
	var sr *openapi3.SchemaRef
	switch classify(s) {
	case shapeWrapper:
		sr = s.AllOf[0]
	case shapeOneBranch:
		sr = effectiveBranches(s)[0].ref
	default:
		return nil
	}
	if sr == nil || sr.Ref == "" {
		return nil
	}
	return b.componentByRef(sr.Ref)
}

// componentPrimitive reports whether a component's Go type has a zero value
// that is also a legal value (enums, scalar aliases).
func (b *builder) componentPrimitive(c *component, depth int) bool {
	if depth > 32 {
		return false
	}
	switch classify(c.schema) {
	case shapeEnum, shapeConst:
		return true
	case shapePrimitive:
		return primitive(c.schema, site{}).primitive
	case shapeWrapper, shapeOneBranch:
		if next := b.aliasTarget(c); next != nil {
			return b.componentPrimitive(next, depth+1)
		}
		var sr *openapi3.SchemaRef
		if classify(c.schema) == shapeWrapper {
			sr = c.schema.AllOf[0]
		} else {
			sr = effectiveBranches(c.schema)[0].ref
		}
		if sr != nil && sr.Value != nil {
			sh := classify(sr.Value)
			return sh == shapePrimitive && primitive(sr.Value, site{}).primitive || sh == shapeEnum || sh == shapeConst
		}
	}
	return false
}

// typeDoc is a type's doc comment: a sentence naming what the type stands
// for, then the description.
func typeDoc(name, intro, desc string) string {
	doc := name + " " + intro + "."
	if desc != "" {
		doc += "\n\n" + desc
	}
	return doc
}
