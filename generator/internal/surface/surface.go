// Package surface records the public API of a generated client package as
// text: one line per exported item, sorted, so that two versions can be
// compared line by line and a committed file shows in review what a
// regeneration changes for a Go caller.
//
// The lines are read from the generated Go source itself (a syntax-only
// walk of the files, no type checking), because that is what users compile
// against; only the operation lines ("op …") come from the model, which
// knows each operation's HTTP method and path. Lines look like:
//
//	const ContactRoleUser ContactRole = "user"
//	field Contact.Email *string `json:"email,omitzero"`
//	func NewClient(string, ...Option) *Client
//	method (*ContactsService).CreateContact(context.Context, *CreateContactRequest, ...Option) (*Contact, error)
//	op POST /contacts CreateContact (*ContactsService).CreateContact
//	type Contact struct
//	var Operations []Operation
//
// Parameter names are left out of signatures: renaming a parameter changes
// nothing for a caller.
package surface

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/build/constraint"
	"go/parser"
	"go/printer"
	"go/token"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/intercom-gen/intercom-gen/generator/internal/gofile"
	"github.com/intercom-gen/intercom-gen/generator/internal/model"
	"github.com/intercom-gen/intercom-gen/generator/internal/pipeline"
)

// Kinds of Item, in the words the lines start with.
const (
	KindConst  = "const"
	KindVar    = "var"
	KindFunc   = "func"
	KindType   = "type"
	KindField  = "field"
	KindMethod = "method"
	KindOp     = "op"
)

// Item is one exported element of a package.
type Item struct {
	// Kind is one of the Kind constants.
	Kind string
	// Name identifies the item within its kind: "Contact" for a type,
	// "Contact.Email" for a field, "(*ContactsService).CreateContact" for a
	// method, "POST /contacts" for an operation.
	Name string
	// Sig is the rest of the line: a type, a value, a signature.
	Sig string
}

// Key identifies the item across versions: kind and name.
func (it Item) Key() string { return it.Kind + " " + it.Name }

// String renders the item as its surface line.
func (it Item) String() string {
	switch {
	case it.Kind == KindFunc || it.Kind == KindMethod:
		return it.Kind + " " + it.Name + it.Sig
	case it.Sig == "":
		return it.Key()
	case it.Kind == KindType && hasTypeParams(it.Sig):
		// Type parameters follow the name directly: "type Nullable[T any] struct".
		return it.Key() + it.Sig
	}
	return it.Key() + " " + it.Sig
}

// hasTypeParams reports whether a type's Sig starts with type parameters
// ("[T any] struct") rather than a slice or array type ("[]Tag").
func hasTypeParams(sig string) bool {
	return len(sig) > 1 && sig[0] == '[' && (sig[1] == '_' || 'A' <= sig[1] && sig[1] <= 'Z' || 'a' <= sig[1] && sig[1] <= 'z')
}

// Surface is the sorted public API of one package.
type Surface struct {
	Items []Item
}

// Text renders the surface: one line per item, sorted, LF, final newline.
func (s *Surface) Text() []byte {
	var b bytes.Buffer
	for _, it := range s.Items {
		b.WriteString(it.String())
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// FromResult reads the public API of a generated package: the declarations
// of its Go files plus its operations.
func FromResult(res *pipeline.Result) (*Surface, error) {
	items, err := FromFiles(res.Files)
	if err != nil {
		return nil, err
	}
	if res.Package != nil {
		items = append(items, Operations(res.Package)...)
	}
	return sorted(items), nil
}

// FromFiles reads the exported declarations of Go source files of one
// package.
func FromFiles(files []gofile.File) ([]Item, error) {
	fset := token.NewFileSet()
	w := &walker{fset: fset}
	for _, f := range files {
		// Files in a sub-folder (the test package) are another package.
		if !strings.HasSuffix(f.Name, ".go") || strings.HasSuffix(f.Name, "_test.go") || strings.Contains(f.Name, "/") {
			continue
		}
		af, err := parser.ParseFile(fset, f.Name, f.Source, parser.SkipObjectResolution|parser.ParseComments)
		if err != nil {
			return nil, fmt.Errorf("surface: %w", err)
		}
		if !inStandardBuild(af) {
			continue // the encoding/json/v2 methods of GOEXPERIMENT=jsonv2, say
		}
		w.file(af)
	}
	return w.items, nil
}

// inStandardBuild reports whether a file is compiled without build tags:
// the surface is the API of the standard build.
func inStandardBuild(f *ast.File) bool {
	for _, g := range f.Comments {
		if g.Pos() >= f.Package {
			break
		}
		for _, c := range g.List {
			if expr, err := constraint.Parse(c.Text); err == nil && !expr.Eval(func(string) bool { return false }) {
				return false
			}
		}
	}
	return true
}

// Operations lists one item per operation of the model: method and path,
// operation ID, and the Go method that calls it.
func Operations(pkg *model.Package) []Item {
	svcOf := map[*model.Operation]*model.Service{}
	for _, s := range pkg.Services {
		for _, op := range s.Operations {
			svcOf[op] = s
		}
	}
	var items []Item
	for _, op := range pkg.Operations {
		call := op.Method
		if s := svcOf[op]; s != nil {
			call = "(*" + s.TypeName + ")." + op.Method
		}
		items = append(items, Item{Kind: KindOp, Name: op.HTTPMethod + " " + op.Path, Sig: op.ID + " " + call})
	}
	return items
}

func sorted(items []Item) *Surface {
	slices.SortFunc(items, func(a, b Item) int { return strings.Compare(a.String(), b.String()) })
	items = slices.CompactFunc(items, func(a, b Item) bool { return a.String() == b.String() })
	return &Surface{Items: items}
}

// Parse reads surface text back into items (the inverse of Text).
func Parse(text []byte) ([]Item, error) {
	var items []Item
	for i, line := range strings.Split(string(text), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		it, ok := parseLine(line)
		if !ok {
			return nil, fmt.Errorf("surface line %d: cannot read %q", i+1, line)
		}
		items = append(items, it)
	}
	return items, nil
}

func parseLine(line string) (Item, bool) {
	kind, rest, ok := strings.Cut(line, " ")
	if !ok {
		return Item{}, false
	}
	switch kind {
	case KindFunc, KindMethod:
		// The name ends where the parameter list starts (a method's
		// receiver is in parentheses before its name).
		start := 0
		if strings.HasPrefix(rest, "(") {
			start = strings.Index(rest, ").") + 2
			if start < 2 {
				return Item{}, false
			}
		}
		i := strings.IndexAny(rest[start:], "([")
		if i < 0 {
			return Item{}, false
		}
		return Item{Kind: kind, Name: rest[:start+i], Sig: rest[start+i:]}, true
	case KindOp:
		parts := strings.SplitN(rest, " ", 3)
		if len(parts) != 3 {
			return Item{}, false
		}
		return Item{Kind: kind, Name: parts[0] + " " + parts[1], Sig: parts[2]}, true
	case KindConst, KindVar, KindType, KindField:
		i := strings.IndexAny(rest, " [")
		if i < 0 {
			return Item{Kind: kind, Name: rest}, true
		}
		if rest[i] == '[' && kind == KindType {
			return Item{Kind: kind, Name: rest[:i], Sig: rest[i:]}, true
		}
		return Item{Kind: kind, Name: rest[:i], Sig: rest[i+1:]}, true
	}
	return Item{}, false
}

type walker struct {
	fset  *token.FileSet
	items []Item
}

func (w *walker) add(kind, name, sig string) {
	w.items = append(w.items, Item{Kind: kind, Name: name, Sig: sig})
}

// expr prints a type or value expression as gofmt would.
func (w *walker) expr(e ast.Expr) string {
	if e == nil {
		return ""
	}
	var b bytes.Buffer
	if err := printer.Fprint(&b, w.fset, e); err != nil {
		return fmt.Sprintf("<%v>", err)
	}
	// Struct and interface literals print on several lines; one is enough.
	return strings.Join(strings.Fields(b.String()), " ")
}

func (w *walker) file(f *ast.File) {
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			w.funcDecl(d)
		case *ast.GenDecl:
			w.genDecl(d)
		}
	}
}

func (w *walker) funcDecl(d *ast.FuncDecl) {
	if !d.Name.IsExported() {
		return
	}
	if d.Recv == nil {
		w.add(KindFunc, d.Name.Name, w.typeParams(d.Type.TypeParams)+w.signature(d.Type))
		return
	}
	recv := d.Recv.List[0].Type
	if !ast.IsExported(baseName(recv)) {
		return
	}
	w.add(KindMethod, "("+w.recv(recv)+")."+d.Name.Name, w.signature(d.Type))
}

// recv prints a receiver type without its type parameter names' bounds:
// "*Nullable[T]".
func (w *walker) recv(e ast.Expr) string { return w.expr(e) }

func baseName(e ast.Expr) string {
	for {
		switch x := e.(type) {
		case *ast.StarExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.IndexListExpr:
			e = x.X
		case *ast.ParenExpr:
			e = x.X
		case *ast.Ident:
			return x.Name
		default:
			return ""
		}
	}
}

func (w *walker) typeParams(fl *ast.FieldList) string {
	if fl == nil || len(fl.List) == 0 {
		return ""
	}
	var parts []string
	for _, f := range fl.List {
		for _, n := range f.Names {
			parts = append(parts, n.Name+" "+w.expr(f.Type))
		}
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// signature prints parameter and result types without names.
func (w *walker) signature(ft *ast.FuncType) string {
	s := "(" + strings.Join(w.types(ft.Params), ", ") + ")"
	res := w.types(ft.Results)
	switch {
	case len(res) == 1:
		s += " " + res[0]
	case len(res) > 1:
		s += " (" + strings.Join(res, ", ") + ")"
	}
	return s
}

func (w *walker) types(fl *ast.FieldList) []string {
	if fl == nil {
		return nil
	}
	var out []string
	for _, f := range fl.List {
		n := max(len(f.Names), 1)
		for range n {
			out = append(out, w.expr(f.Type))
		}
	}
	return out
}

func (w *walker) genDecl(d *ast.GenDecl) {
	switch d.Tok {
	case token.CONST:
		w.consts(d)
	case token.VAR:
		for _, s := range d.Specs {
			vs := s.(*ast.ValueSpec)
			for i, n := range vs.Names {
				if !n.IsExported() {
					continue
				}
				typ := w.expr(vs.Type)
				if typ == "" && i < len(vs.Values) {
					typ = w.valueType(vs.Values[i])
				}
				w.add(KindVar, n.Name, typ)
			}
		}
	case token.TYPE:
		for _, s := range d.Specs {
			w.typeSpec(s.(*ast.TypeSpec))
		}
	}
}

// valueType guesses the type of an untyped var's initializer from its
// syntax: a composite literal's type, a conversion, else the expression.
func (w *walker) valueType(e ast.Expr) string {
	switch x := e.(type) {
	case *ast.CompositeLit:
		return w.expr(x.Type)
	case *ast.UnaryExpr:
		if x.Op == token.AND {
			return "*" + w.valueType(x.X)
		}
	case *ast.CallExpr:
		return "= " + w.expr(x)
	}
	return "= " + w.expr(e)
}

// consts prints each exported constant with its type and value. A spec
// without values repeats the previous one's (iota), recorded as such.
func (w *walker) consts(d *ast.GenDecl) {
	var lastType ast.Expr
	var lastValues []ast.Expr
	for iota, s := range d.Specs {
		vs := s.(*ast.ValueSpec)
		typ, values := vs.Type, vs.Values
		if len(values) == 0 {
			typ, values = lastType, lastValues
		} else {
			lastType, lastValues = typ, values
		}
		for i, n := range vs.Names {
			if !n.IsExported() {
				continue
			}
			sig := ""
			if typ != nil {
				sig = w.expr(typ) + " "
			}
			if i < len(values) {
				v := w.expr(values[i])
				if len(vs.Values) == 0 || usesIota(values[i]) {
					v += " (iota " + strconv.Itoa(iota) + ")"
				}
				sig += "= " + v
			}
			w.add(KindConst, n.Name, sig)
		}
	}
}

func usesIota(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && id.Name == "iota" {
			found = true
		}
		return !found
	})
	return found
}

func (w *walker) typeSpec(ts *ast.TypeSpec) {
	if !ts.Name.IsExported() {
		return
	}
	name := ts.Name.Name
	tparams := w.typeParams(ts.TypeParams)
	if tparams != "" {
		tparams += " "
	}
	switch t := ts.Type.(type) {
	case *ast.StructType:
		w.add(KindType, name, tparams+"struct")
		w.fields(name, t.Fields)
	case *ast.InterfaceType:
		w.add(KindType, name, tparams+"interface")
		for _, m := range t.Methods.List {
			if ft, ok := m.Type.(*ast.FuncType); ok {
				for _, n := range m.Names {
					if n.IsExported() {
						w.add(KindMethod, "("+name+")."+n.Name, w.signature(ft))
					}
				}
			} else {
				w.add(KindField, name+".embedded", w.expr(m.Type))
			}
		}
	default:
		sig := w.expr(ts.Type)
		if ts.Assign.IsValid() {
			sig = "= " + sig
		}
		w.add(KindType, name, tparams+sig)
	}
}

// fields lists a struct's exported fields with their types and tags
// (embedded exported types as fields named after the type).
func (w *walker) fields(typeName string, fl *ast.FieldList) {
	for _, f := range fl.List {
		tag := ""
		if f.Tag != nil {
			if s, err := strconv.Unquote(f.Tag.Value); err == nil {
				tag = " `" + string(reflect.StructTag(s)) + "`"
			}
		}
		if len(f.Names) == 0 {
			if n := baseName(f.Type); ast.IsExported(n) {
				w.add(KindField, typeName+"."+n, "embedded "+w.expr(f.Type)+tag)
			}
			continue
		}
		for _, n := range f.Names {
			if n.IsExported() {
				w.add(KindField, typeName+"."+n.Name, w.expr(f.Type)+tag)
			}
		}
	}
}
