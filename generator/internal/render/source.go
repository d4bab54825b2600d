package render

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/intercom-gen/intercom-gen/generator/internal/gofile"
	"github.com/intercom-gen/intercom-gen/generator/internal/model"
)

// goSource writes Go declarations directly in the layout gofmt gives
// them, for the declarations that make up most of a package (its types,
// its services' methods, the tables of operations and schemas): going
// through jennifer and go/format cost about as much CPU time as loading
// the description does, and these declarations come in a handful of
// shapes whose layout is simple to state. gofmt's rules that apply to
// them (literal.go has those of composite literals and var groups):
//
//   - a top-level doc comment is reformatted as go/doc/comment prints it
//     (topDoc does the same); a comment inside a declaration is left as
//     it is;
//   - consecutive lines of a struct or a const group are aligned in
//     columns, as text/tabwriter does for go/printer (see aligned);
//   - a struct of one field keeps single spaces, one of none is struct{};
//   - a method's body is statements of one line each, which gofmt leaves
//     as they are written (single spaces, a binary expression inside a
//     composite literal spaced, a tab per level of indentation).
//
// A test holds every file written this way to gofmt (TestDirectGofmt,
// FuzzDirectGofmt, and checkGofmt on the hostile descriptions), and the
// goldens hold it to the bytes that
// jennifer and go/format produced before.
type goSource struct {
	b strings.Builder
	// imports are the import paths the declarations use, each with the
	// name it is imported as when that is not the package's own.
	imports map[string]string
	// constraint is a build constraint line for the file's header, if any.
	constraint string
	err        error
}

// line writes the concatenation of parts and a newline.
func (s *goSource) line(parts ...string) {
	for _, p := range parts {
		s.b.WriteString(p)
	}
	s.b.WriteByte('\n')
}

// topDoc writes text as the doc comment of a top-level declaration.
func (s *goSource) topDoc(text string) {
	for _, l := range topDocLines(text) {
		s.line(commentLine(l))
	}
}

// topDocLines are the lines of a top-level doc comment as gofmt leaves
// them: gofmt reprints such a comment with go/doc/comment, which changes
// nothing in paragraphs of plain lines (the usual case, which skips the
// parsing) but may in others (an old-style heading, a list).
func topDocLines(text string) []string {
	lines, canon := docLinesCanonical(text)
	if canon || plainParagraphs(lines) {
		return lines
	}
	return canonical(lines)
}

// plainParagraphs reports lines go/doc/comment reads as paragraphs of
// plain text, which it prints back unchanged: single blank lines between
// paragraphs, no indented line (code, a list), no line starting with "#"
// (a heading), no one-line paragraph between two others that could be an
// old-style heading (a capital letter first, a letter or digit last), no
// "[" (a doc link or a link definition), no two back quotes or two single
// quotes in a row (which it turns into curly quotes).
func plainParagraphs(lines []string) bool {
	for i, l := range lines {
		if l == "" {
			if i == 0 || i == len(lines)-1 || lines[i-1] == "" {
				return false
			}
			continue
		}
		if l[0] == ' ' || l[0] == '\t' || l[0] == '#' || strings.IndexByte(l, '[') >= 0 ||
			strings.Contains(l, "``") || strings.Contains(l, "''") {
			return false
		}
		if i > 0 && lines[i-1] == "" && i+2 < len(lines) && lines[i+1] == "" && mayBeHeading(l) {
			return false
		}
	}
	return true
}

// mayBeHeading reports a line go/doc/comment might read as an old-style
// heading: it starts with an upper-case letter and ends in a letter or a
// digit (the parser's other conditions are left to it).
func mayBeHeading(l string) bool {
	first, _ := utf8.DecodeRuneInString(l)
	last, _ := utf8.DecodeLastRuneInString(l)
	return unicode.IsUpper(first) && (unicode.IsLetter(last) || unicode.IsDigit(last))
}

// typeRef spells a type reference (model.TypeRef's own spelling), noting
// the imports it needs.
func (s *goSource) typeRef(r *model.TypeRef) string {
	for q := r; q != nil; q = q.Elem {
		if q.Kind != model.Qual {
			continue
		}
		// The builder refers to the standard library only, by packages
		// whose name is the last element of their path ("time"), which is
		// how TypeRef spells them.
		name := q.Package[strings.LastIndexByte(q.Package, '/')+1:]
		if !isPackageName(name) && s.err == nil {
			s.err = fmt.Errorf("render: type %s.%s: cannot name the package of import path %q", q.Package, q.Name, q.Package)
		}
		s.importPath(q.Package, "")
	}
	return r.String()
}

// importPath notes an import of path, as name when name is not "".
func (s *goSource) importPath(path, name string) {
	if s.imports == nil {
		s.imports = map[string]string{}
	}
	s.imports[path] = name
}

// importSpec is an import as written: `"path"`, or `name "path"`.
func importSpec(path, name string) string {
	if name == "" {
		return strconv.Quote(path)
	}
	return name + " " + strconv.Quote(path)
}

// isPackageName reports a plain lower-case package name, the one an
// import of a path ending in it declares.
func isPackageName(name string) bool {
	if name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !('a' <= c && c <= 'z' || i > 0 && '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// file is the whole file: the header, the package clause, the imports the
// declarations need and the declarations, as jennifer and gofmt lay them
// out.
func (s *goSource) file(pkg string) ([]byte, error) {
	if s.err != nil {
		return nil, s.err
	}
	var b strings.Builder
	b.WriteString(gofile.Header + "\n")
	if s.constraint != "" {
		b.WriteString(s.constraint + "\n")
	}
	b.WriteString("\npackage " + pkg + "\n\n")
	paths := make([]string, 0, len(s.imports))
	for p := range s.imports {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	switch len(paths) {
	case 0:
	case 1:
		b.WriteString("import " + importSpec(paths[0], s.imports[paths[0]]) + "\n\n")
	default:
		b.WriteString("import (\n")
		for _, p := range paths {
			b.WriteString("\t" + importSpec(p, s.imports[p]) + "\n")
		}
		b.WriteString(")\n\n")
	}
	b.WriteString(strings.TrimRight(s.b.String(), "\n"))
	b.WriteByte('\n')
	return []byte(b.String()), nil
}

// A row is one line of a block that gofmt aligns: its cells, every one
// but the last padded to its column. A row without cells is a comment
// line, written as text, which ends every column (as a line with no
// tab-terminated cell does in text/tabwriter).
type row struct {
	cells []string
	text  string
}

// aligned writes rows after indent, laid out as go/printer lays out a
// struct's fields or a const group with text/tabwriter (minimum width 0,
// padding 1, empty columns discarded): a column is a run of consecutive
// rows that have a cell there that is not their last, and each cell of it
// is padded with spaces to the widest cell of the run plus one; a run
// whose cells are all empty takes no room.
func (s *goSource) aligned(indent string, rows []row) {
	widths := make([][]int, len(rows))
	maxCol := 0
	for i, r := range rows {
		if n := len(r.cells) - 1; n > 0 {
			widths[i] = make([]int, n)
			maxCol = max(maxCol, n)
		}
	}
	for col := 0; col < maxCol; col++ {
		for i := 0; i < len(rows); {
			if len(rows[i].cells)-1 <= col {
				i++
				continue
			}
			j, w := i, 0
			for ; j < len(rows) && len(rows[j].cells)-1 > col; j++ {
				if n := utf8.RuneCountInString(rows[j].cells[col]); n > 0 {
					w = max(w, n+1)
				}
			}
			for k := i; k < j; k++ {
				widths[k][col] = w
			}
			i = j
		}
	}
	for i, r := range rows {
		switch {
		case r.cells == nil && r.text == "":
			s.b.WriteByte('\n')
			continue
		case r.cells == nil:
			s.line(indent, r.text)
			continue
		}
		s.b.WriteString(indent)
		last := len(r.cells) - 1
		for c, cell := range r.cells[:last] {
			s.b.WriteString(cell)
			for pad := widths[i][c] - utf8.RuneCountInString(cell); pad > 0; pad-- {
				s.b.WriteByte(' ')
			}
		}
		s.line(r.cells[last])
	}
}

// structType writes "type name struct {…}" with the given rows as its
// body, which holds fields fields: gofmt writes a struct of none as
// struct{} and the one field of a struct that has one with single spaces.
func (s *goSource) structType(name string, rows []row, fields int) {
	switch {
	case fields == 0:
		s.line("type ", name, " struct{}")
		return
	case fields == 1:
		for i := range rows {
			if rows[i].cells != nil {
				rows[i] = row{text: strings.Join(slices.DeleteFunc(rows[i].cells, func(c string) bool { return c == "" }), " ")}
			}
		}
	}
	s.line("type ", name, " struct {")
	s.aligned("\t", rows)
	s.line("}")
}

// structTag is a field's tag as jennifer writes it: key:"value" pairs
// sorted by key, in back quotes unless the text cannot be.
func structTag(tag map[string]string) string {
	keys := make([]string, 0, len(tag))
	for k := range tag {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%s:%q", k, tag[k])
	}
	if strconv.CanBackquote(b.String()) {
		return "`" + b.String() + "`"
	}
	return strconv.Quote(b.String())
}

// constGroup writes "const (…)" with the given rows as its specs.
func (s *goSource) constGroup(rows []row) {
	if len(rows) == 0 {
		s.line("const ()")
		return
	}
	s.line("const (")
	s.aligned("\t", rows)
	s.line(")")
}
