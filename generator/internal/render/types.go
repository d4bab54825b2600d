package render

import (
	"strconv"
	"strings"

	"github.com/intercom-gen/intercom-gen/generator/internal/model"
)

// typeDecl writes one named type with its constants and methods,
// followed by a blank line.
func (e *emitter) typeDecl(s *goSource, t *model.Type) {
	doc := t.Doc
	if t.Deprecated {
		doc = paragraphs(doc, "Deprecated: the description marks this schema deprecated.")
	}
	switch t.Kind {
	case model.Struct:
		s.topDoc(doc)
		rows, n := e.fields(s, t, jsonTag)
		rows = append(rows, row{cells: []string{"objectMeta"}})
		s.structType(t.Name, rows, n+1)
		e.codecMethods(s, t.Name, "decodeObject", "encodeObject", true)
	case model.Params:
		s.topDoc(doc)
		rows, n := e.fields(s, t, paramTag)
		s.structType(t.Name, rows, n)
	case model.Form:
		s.topDoc(doc)
		rows, n := e.fields(s, t, formTag)
		s.structType(t.Name, rows, n)
	case model.Union:
		s.topDoc(paragraphs(doc, unionDoc(t)))
		var rows []row
		for _, v := range t.Variants {
			cells := []string{v.Name, "*" + s.typeRef(v.Type)}
			if v.Discriminator != "" {
				cells = append(cells, "", structTag(map[string]string{"discriminator": v.Discriminator}))
			}
			rows = append(rows, row{cells: cells})
		}
		rows = append(rows, row{cells: []string{"unionMeta"}})
		s.structType(t.Name, rows, len(t.Variants)+1)
		e.codecMethods(s, t.Name, "decodeUnion", "encodeUnion", false)
		e.unionMembers(s, t)
	case model.Enum:
		s.topDoc(paragraphs(doc, "Unknown values decode as they are, so a value Intercom adds later is kept."))
		s.line("type ", t.Name, " string")
		s.line()
		s.topDoc("Values of " + t.Name + ".")
		rows := make([]row, len(t.Values))
		for i, v := range t.Values {
			rows[i] = row{cells: []string{v.Name, t.Name, "= " + strconv.Quote(v.Value)}}
		}
		s.constGroup(rows)
	case model.Alias:
		s.topDoc(doc)
		s.line("type ", t.Name, " = ", s.typeRef(t.Target))
	case model.Defined:
		s.topDoc(doc)
		s.line("type ", t.Name, " ", s.typeRef(t.Target))
	}
	s.line()
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
func (e *emitter) unionMembers(s *goSource, t *model.Type) {
	kind := t.KindType
	s.line()
	a := article(t.Name) + " " + t.Name
	s.topDoc(kind + " names the variant " + a + " holds (see its Kind method).")
	s.line("type ", kind, " string")
	s.line()
	s.topDoc("Values of " + kind + ": one per variant, the variant's field name.")
	var rows []row
	for _, l := range docLines(t.KindNone + " is " + a + " with no variant set: the zero value, or one decoded from null.") {
		rows = append(rows, row{text: commentLine(l)})
	}
	rows = append(rows, row{cells: []string{t.KindNone, kind, `= ""`}})
	for _, l := range docLines(t.KindUnknown + " is " + a + " decoded from JSON that no variant can hold; Raw returns it.") {
		rows = append(rows, row{text: commentLine(l)})
	}
	rows = append(rows, row{cells: []string{t.KindUnknown, kind, `= "unknown"`}})
	for _, v := range t.Variants {
		rows = append(rows, row{cells: []string{v.KindConst, kind, "= " + strconv.Quote(v.Name)}})
	}
	s.constGroup(rows)
	for _, v := range t.Variants {
		s.line()
		s.topDoc(v.Constructor + " returns " + a + " holding v as its " + v.Name + " variant.")
		s.line("func ", v.Constructor, "(v ", s.typeRef(v.Type), ") ", t.Name, " {")
		s.line("\treturn ", t.Name, "{", v.Name, ": &v}")
		s.line("}")
	}
	s.line()
	s.topDoc("Kind reports which variant is set: " + t.KindNone + " for none, " + t.KindUnknown +
		" for JSON no variant can hold, otherwise the variant's constant (the first set, if several are; encoding then fails).")
	s.line("func (v *", t.Name, ") Kind() ", kind, " {")
	s.line("\treturn ", kind, "(unionKind(v))")
	s.line("}")
	s.line()
	s.topDoc("Raw returns the JSON the value was decoded from when no variant can hold it (Kind is " +
		t.KindUnknown + "), and nil otherwise.")
	s.line("func (v *", t.Name, ") Raw() []byte {")
	s.line("\treturn unionRaw(v)")
	s.line("}")
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
func (e *emitter) codecMethods(s *goSource, name, decode, encode string, pointerMarshal bool) {
	s.line()
	s.topDoc("UnmarshalJSON decodes leniently: see the package documentation.")
	s.line("func (v *", name, ") UnmarshalJSON(data []byte) error {")
	s.line("\treturn ", decode, "(data, v)")
	s.line("}")
	s.line()
	recv, arg := "v "+name, "&v"
	doc := "MarshalJSON encodes the value, keeping what decoding found."
	if pointerMarshal {
		recv, arg = "v *"+name, "v"
		doc = "MarshalJSON encodes the model, keeping what decoding found; marshal a pointer (see the package documentation)."
	}
	s.topDoc(doc)
	s.line("func (", recv, ") MarshalJSON() ([]byte, error) {")
	s.line("\treturn ", encode, "(", arg, ")")
	s.line("}")
}

// jsonv2File is the file of the encoding/json/v2 methods, and
// jsonv2Constraint its build constraint: the standard build does not see
// them, and the package needs nothing but encoding/json there.
const (
	jsonv2File       = "models_jsonv2"
	jsonv2Constraint = "//go:build goexperiment.jsonv2"
	jsontextPath     = "encoding/json/jsontext"
)

// planJSONv2 plans models_jsonv2.go: for every model and union, the two
// methods of encoding/json/v2 (UnmarshalJSONFrom and MarshalJSONTo) that
// hand it to the runtime's v2 entry points (runtime_jsonv2.go), so that
// with GOEXPERIMENT=jsonv2 neither v2 nor the v1 API built on it scans the
// input before UnmarshalJSON or compacts what MarshalJSON returns. Like
// codecMethods, they are one-line calls, written directly; a union's
// MarshalJSONTo has a value receiver like its MarshalJSON. The file comes
// in parts of partTypes types, each with the constraint in its header.
func (e *emitter) planJSONv2(types []*model.Type, newPart func(string) *part) {
	var p *part
	n := 0
	for _, t := range types {
		if t.Kind != model.Struct && t.Kind != model.Union {
			continue
		}
		if p == nil || n == partTypes {
			p, n = newPart(jsonv2File), 0
			p.direct = append(p.direct, func(s *goSource) {
				s.constraint = jsonv2Constraint
				s.imports = map[string]string{jsontextPath: ""}
			})
		}
		n++
		p.direct = append(p.direct, func(s *goSource) { jsonv2Methods(s, t) })
	}
}

// jsonv2Methods writes the encoding/json/v2 methods of a model or union.
func jsonv2Methods(s *goSource, t *model.Type) {
	decode, encode := "decodeObjectFrom", "encodeObjectTo"
	recv, arg := "v *"+t.Name, "v"
	if t.Kind == model.Union {
		decode, encode = "decodeUnionFrom", "encodeUnionTo"
		recv, arg = "v "+t.Name, "&v"
	}
	s.topDoc("UnmarshalJSONFrom is UnmarshalJSON for encoding/json/v2.")
	s.line("func (v *", t.Name, ") UnmarshalJSONFrom(dec *jsontext.Decoder) error {")
	s.line("\treturn ", decode, "(dec, v)")
	s.line("}")
	s.line()
	s.topDoc("MarshalJSONTo is MarshalJSON for encoding/json/v2.")
	s.line("func (", recv, ") MarshalJSONTo(enc *jsontext.Encoder) error {")
	s.line("\treturn ", encode, "(enc, ", arg, ")")
	s.line("}")
	s.line()
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
	tag := map[string]string{}
	if f.In == "header" {
		tag["header"] = f.Wire
	} else {
		v := f.Wire
		if f.Style != "" {
			v += "," + f.Style
		}
		tag["query"] = v
	}
	if f.Const != "" {
		tag["const"] = f.Const
	}
	return tag
}

func formTag(f *model.Field) map[string]string {
	v := f.Wire
	if f.Style != "" {
		v += "," + f.Style
	}
	return map[string]string{"form": v}
}

// fields lays out struct fields with their docs, a blank line before each
// documented field but the first; a Struct's end with a blank line, before
// the objectMeta its caller adds. n counts the fields.
func (e *emitter) fields(s *goSource, t *model.Type, tag tagFunc) (rows []row, n int) {
	for i, f := range t.Fields {
		doc := f.Doc
		var notes []string
		if f.Const != "" {
			notes = append(notes, "Always "+quote(f.Const)+"; left empty, it is filled in when sent.")
		}
		if f.ReadOnly {
			notes = append(notes, "Read-only: set by the server.")
		}
		if f.Deprecated {
			notes = append(notes, "Deprecated: the description marks this field deprecated.")
		}
		doc = paragraphs(append([]string{doc}, notes...)...)
		if doc != "" && i > 0 {
			rows = append(rows, row{})
		}
		for _, l := range docLines(doc) {
			rows = append(rows, row{text: commentLine(l)})
		}
		rows = append(rows, row{cells: []string{f.Name, s.typeRef(f.Type), "", structTag(tag(f))}})
	}
	if len(t.Fields) > 0 && t.Kind == model.Struct {
		rows = append(rows, row{})
	}
	return rows, len(t.Fields)
}

func quote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
