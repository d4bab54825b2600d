package render

import (
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/intercom-gen/intercom-gen/generator/internal/model"
)

// typeDecl renders one named type with its constants and methods.
func (e *emitter) typeDecl(f *jen.File, t *model.Type) {
	doc := t.Doc
	if t.Deprecated {
		doc = paragraphs(doc, "Deprecated: the description marks this schema deprecated.")
	}
	switch t.Kind {
	case model.Struct:
		writeDoc(f.Group, doc)
		f.Type().Id(t.Name).StructFunc(func(g *jen.Group) {
			e.fields(g, t, jsonTag)
			g.Id("objectMeta")
		})
		e.codecMethods(f, t.Name, "decodeObject", "encodeObject", true)
	case model.Params:
		writeDoc(f.Group, doc)
		f.Type().Id(t.Name).StructFunc(func(g *jen.Group) { e.fields(g, t, paramTag) })
	case model.Form:
		writeDoc(f.Group, doc)
		f.Type().Id(t.Name).StructFunc(func(g *jen.Group) { e.fields(g, t, formTag) })
	case model.Union:
		writeDoc(f.Group, paragraphs(doc, unionDoc(t)))
		f.Type().Id(t.Name).StructFunc(func(g *jen.Group) {
			for _, v := range t.Variants {
				s := g.Id(v.Name).Op("*").Add(typeCode(v.Type))
				if v.Discriminator != "" {
					s.Tag(map[string]string{"discriminator": v.Discriminator})
				}
			}
			g.Id("unionMeta")
		})
		e.codecMethods(f, t.Name, "decodeUnion", "encodeUnion", false)
		e.unionMembers(f, t)
	case model.Enum:
		writeDoc(f.Group, paragraphs(doc, "Unknown values decode as they are, so a value Intercom adds later is kept."))
		f.Type().Id(t.Name).String()
		f.Line()
		writeDoc(f.Group, "Values of "+t.Name+".")
		f.Const().DefsFunc(func(g *jen.Group) {
			for _, v := range t.Values {
				g.Id(v.Name).Id(t.Name).Op("=").Lit(v.Value)
			}
		})
	case model.Alias:
		writeDoc(f.Group, doc)
		f.Type().Id(t.Name).Op("=").Add(typeCode(t.Target))
	case model.Defined:
		writeDoc(f.Group, doc)
		f.Type().Id(t.Name).Add(typeCode(t.Target))
	}
	f.Line()
}

func unionDoc(t *model.Type) string {
	names := make([]string, len(t.Variants))
	for i, v := range t.Variants {
		names[i] = v.Name
	}
	return "It holds exactly one of " + strings.Join(names, ", ") + ": decoding sets the variant " +
		"the JSON matches, encoding writes the one that is set and fails unless exactly one is. " +
		"Make one with a New" + t.Name + "From… function; Kind tells which variant is set. " +
		"JSON that no variant can hold decodes without error: Kind is then " + t.KindUnknown +
		", Raw returns the JSON and encoding writes it back unchanged."
}

// unionMembers renders what makes a union hard to build wrong: its Kind
// type and constants, a constructor per variant, and the Kind and Raw
// methods. The methods have pointer receivers for the reason models'
// MarshalJSON has (codecMethods): no compiled wrapper per union.
func (e *emitter) unionMembers(f *jen.File, t *model.Type) {
	kind := t.KindType
	f.Line()
	a := article(t.Name) + " " + t.Name
	writeDoc(f.Group, kind+" names the variant "+a+" holds (see its Kind method).")
	f.Type().Id(kind).String()
	f.Line()
	writeDoc(f.Group, "Values of "+kind+": one per variant, the variant's field name.")
	f.Const().DefsFunc(func(g *jen.Group) {
		writeDoc(g, t.KindNone+" is "+a+" with no variant set: the zero value, or one decoded from null.")
		g.Id(t.KindNone).Id(kind).Op("=").Lit("")
		writeDoc(g, t.KindUnknown+" is "+a+" decoded from JSON that no variant can hold; Raw returns it.")
		g.Id(t.KindUnknown).Id(kind).Op("=").Lit("unknown")
		for _, v := range t.Variants {
			g.Id(v.KindConst).Id(kind).Op("=").Lit(v.Name)
		}
	})
	for _, v := range t.Variants {
		f.Line()
		writeDoc(f.Group, v.Constructor+" returns "+a+" holding v as its "+v.Name+" variant.")
		f.Func().Id(v.Constructor).Params(jen.Id("v").Add(typeCode(v.Type))).Id(t.Name).Block(
			jen.Return(jen.Id(t.Name).Values(jen.Dict{jen.Id(v.Name): jen.Op("&").Id("v")})),
		)
	}
	f.Line()
	writeDoc(f.Group, "Kind reports which variant is set: "+t.KindNone+" for none, "+t.KindUnknown+
		" for JSON no variant can hold, otherwise the variant's constant (the first set, if several are; encoding then fails).")
	f.Func().Params(jen.Id("v").Op("*").Id(t.Name)).Id("Kind").Params().Id(kind).Block(
		jen.Return(jen.Id(kind).Call(jen.Id("unionKind").Call(jen.Id("v")))),
	)
	f.Line()
	writeDoc(f.Group, "Raw returns the JSON the value was decoded from when no variant can hold it (Kind is "+
		t.KindUnknown+"), and nil otherwise.")
	f.Func().Params(jen.Id("v").Op("*").Id(t.Name)).Id("Raw").Params().Index().Byte().Block(
		jen.Return(jen.Id("unionRaw").Call(jen.Id("v"))),
	)
}

// codecMethods renders the two one-line JSON methods that hand a model or
// union to the runtime's lenient codec.
//
// A model's MarshalJSON has a pointer receiver: with a value receiver the
// compiler also emits a pointer wrapper per model, and both copy the
// struct, which made a quarter of a large package's compile time. The
// cost is that encoding/json, marshalling a model it cannot address (one
// passed by value), writes the declared fields alone, without the members
// decoding kept; the package documentation says so. A union keeps its
// value receiver: its fields are the variants, which encoding/json on its
// own would write as an object of variant names, and unions are few.
func (e *emitter) codecMethods(f *jen.File, name, decode, encode string, pointerMarshal bool) {
	f.Line()
	writeDoc(f.Group, "UnmarshalJSON decodes leniently: see the package documentation.")
	f.Func().Params(jen.Id("v").Op("*").Id(name)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(
		jen.Return(jen.Id(decode).Call(jen.Id("data"), jen.Id("v"))),
	)
	f.Line()
	recv, arg := jen.Id("v").Id(name), jen.Op("&").Id("v")
	doc := "MarshalJSON encodes the value, keeping what decoding found."
	if pointerMarshal {
		recv, arg = jen.Id("v").Op("*").Id(name), jen.Id("v")
		doc = "MarshalJSON encodes the model, keeping what decoding found; marshal a pointer (see the package documentation)."
	}
	writeDoc(f.Group, doc)
	f.Func().Params(recv).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
		jen.Return(jen.Id(encode).Call(arg)),
	)
}

// tagFunc makes the struct tag of one field.
type tagFunc func(f *model.Field) map[string]string

func jsonTag(f *model.Field) map[string]string {
	tag := map[string]string{"json": f.Wire}
	if !f.Required {
		tag["json"] += ",omitzero"
	}
	if f.Const != "" {
		tag["const"] = f.Const
	}
	return tag
}

func paramTag(f *model.Field) map[string]string {
	if f.In == "header" {
		return map[string]string{"header": f.Wire}
	}
	v := f.Wire
	if f.Style != "" {
		v += "," + f.Style
	}
	return map[string]string{"query": v}
}

func formTag(f *model.Field) map[string]string {
	v := f.Wire
	if f.Style != "" {
		v += "," + f.Style
	}
	return map[string]string{"form": v}
}

// fields renders struct fields with their docs.
func (e *emitter) fields(g *jen.Group, t *model.Type, tag tagFunc) {
	for i, f := range t.Fields {
		doc := f.Doc
		var notes []string
		if f.Const != "" {
			notes = append(notes, "Always "+quote(f.Const)+"; left empty, it is filled in when sent.")
		}
		if f.ReadOnly {
			notes = append(notes, "Read-only: set by Intercom.")
		}
		if f.Deprecated {
			notes = append(notes, "Deprecated: the description marks this field deprecated.")
		}
		doc = paragraphs(append([]string{doc}, notes...)...)
		if doc != "" && i > 0 {
			g.Line()
		}
		writeDoc(g, doc)
		g.Id(f.Name).Add(typeCode(f.Type)).Tag(tag(f))
	}
	if len(t.Fields) > 0 && t.Kind == model.Struct {
		g.Line()
	}
}

func quote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
