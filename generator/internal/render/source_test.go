package render

import (
	"bytes"
	"go/format"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/intercom-gen/intercom-gen/generator/internal/model"
)

// shapesPackage declares a type of every kind and shape goSource writes,
// with doc, wire names, values and discriminators taken from text.
func shapesPackage(text string) *model.Package {
	str := &model.TypeRef{Kind: model.Builtin, Name: "string"}
	tm := &model.TypeRef{Kind: model.Qual, Package: "time", Name: "Time"}
	named := func(n string) *model.TypeRef { return &model.TypeRef{Kind: model.Named, Name: n} }
	ptr := func(r *model.TypeRef) *model.TypeRef { return &model.TypeRef{Kind: model.Pointer, Elem: r} }
	nullable := &model.TypeRef{Kind: model.Nullable, Elem: &model.TypeRef{Kind: model.Slice, Elem: &model.TypeRef{Kind: model.Map, Elem: named("Colour")}}}
	field := func(name, doc string, r *model.TypeRef) *model.Field {
		return &model.Field{Name: name, Wire: text + name, Type: r, Doc: doc}
	}
	return &model.Package{Name: "shapes", Version: "1", Types: []*model.Type{
		{Name: "A", Kind: model.Struct, Doc: text, File: "models", Fields: []*model.Field{
			field("ID", "", str),
			field("LongerName", "", ptr(tm)),
			field("Documented", text, nullable),
			field("X", "", named("Colour")),
			{Name: "Const", Wire: "c", Type: ptr(str), Const: text, ReadOnly: true, Deprecated: true, Required: true},
			field("Blank", " \x01 ", str),
			field("Y", "one line", str),
		}},
		{Name: "Empty", Kind: model.Struct, Deprecated: true, File: "models"},
		{Name: "NoParams", Kind: model.Params, File: "models"},
		{Name: "OneParam", Kind: model.Params, Doc: "One.\n\n# Heading\n\nText.", File: "models", Fields: []*model.Field{
			{Name: "Q", Wire: text, In: "query", Style: "comma", Type: ptr(str), Doc: text},
		}},
		{Name: "Headers", Kind: model.Params, File: "models", Fields: []*model.Field{
			{Name: "H", Wire: "X-H", In: "header", Type: ptr(str)},
			{Name: "Longer", Wire: "p", In: "query", Type: ptr(named("Colour"))},
		}},
		{Name: "Upload", Kind: model.Form, Doc: "Heading\n\nA paragraph after an old-style heading.", File: "models", Fields: []*model.Field{
			{Name: "File", Wire: "file", Type: named("File")},
		}},
		{Name: "Colour", Kind: model.Enum, Doc: "- a list\n- of two", File: "enums", Values: []*model.EnumValue{
			{Name: "ColourRed", Value: "red"}, {Name: "ColourLongerName", Value: text},
		}},
		{Name: "Nothing", Kind: model.Enum, File: "enums"},
		{Name: "U", Kind: model.Union, Doc: text, File: "unions", KindType: "UKind", KindNone: "UKindNone", KindUnknown: "UKindUnknown",
			Variants: []*model.Variant{
				{Name: "A", Type: named("A"), Discriminator: "type=" + text, KindConst: "UKindA", Constructor: "NewUFromA"},
				{Name: "Str", Type: str, KindConst: "UKindStr", Constructor: "NewUFromStr"},
				{Name: "LongerVariant", Type: &model.TypeRef{Kind: model.Slice, Elem: str}, Discriminator: "t=b", KindConst: "UKindLongerVariant", Constructor: "NewUFromLongerVariant"},
			}},
		{Name: "Search", Kind: model.Struct, File: "models", QueryField: "Query", Fields: []*model.Field{
			{Name: "Query", Wire: "query", Type: named("A"), Required: true},
		}},
		{Name: "Alias", Kind: model.Alias, Doc: text, File: "models", Target: named("A")},
		{Name: "Tags", Kind: model.Defined, File: "models", Target: &model.TypeRef{Kind: model.Map, Elem: tm}},
	}}
}

// checkDirectGofmt writes the types of shapesPackage(text) and fails
// unless every file is exactly what gofmt makes of it.
func checkDirectGofmt(t *testing.T, text string) {
	t.Helper()
	_, direct, err := Render(shapesPackage(text))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range direct {
		names = append(names, f.Name)
	}
	if want := []string{"enums.go", "models.go", "models_jsonv2.go", "operations.go", "unions.go"}; !slices.Equal(names, want) {
		t.Fatalf("files written directly: %v, want %v", names, want)
	}
	for _, f := range direct {
		got, err := format.Source(f.Source)
		if err != nil {
			t.Fatalf("%q: %s does not parse: %v\n%s", text, f.Name, err, f.Source)
		}
		if !bytes.Equal(got, f.Source) {
			t.Fatalf("%q: %s is not gofmt'd:\n%s", text, f.Name, lineDiff(string(f.Source), string(got)))
		}
	}
}

// lineDiff shows the first line where want and got part.
func lineDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			return "line " + strconv.Itoa(i+1) + ":\n written: " + g[i] + "\n   gofmt: " + w[i]
		}
	}
	return "lengths differ"
}

// TestDirectGofmt: declarations written in gofmt's layout are gofmt's
// output, whatever the text in them (docs, wire names, values).
func TestDirectGofmt(t *testing.T) {
	for _, text := range []string{
		"",
		"plain",
		"Two paragraphs.\n\nThe second, with a [link](https://example.com).",
		"Overview\n\nAn old-style heading above.",
		"Intro.\n\nOld Style Heading\n\nText below it.",
		"1. one\n2. two\n\n```\ncode\n```",
		"tag `back` quotes and \"double\" ones, a \\ and a \t tab",
		"ünïcödé wïdé ñämé\u00a0and a long line that goes on and on past the wrapping width of ninety-six characters",
		"nul\x00 bom\ufeff bidi\u202e cr\r ls\u2028",
		"| a | b |\n|---|---|\n| 1 | 2 |",
		"    indented\n\tcode",
		"[Name]: https://example.com\n[x]",
	} {
		checkDirectGofmt(t, text)
	}
}

// FuzzDirectGofmt is TestDirectGofmt on any text.
//
//	go test -run '^$' -fuzz FuzzDirectGofmt -fuzztime 30s ./generator/internal/render/
func FuzzDirectGofmt(f *testing.F) {
	for _, s := range []string{"", "a\n\nB\n\nc", "- x\n  - y", "# H\n\n1) z", "`x`", "[a](http://b) [c]: d"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 4<<10 {
			return
		}
		checkDirectGofmt(t, text)
	})
}
