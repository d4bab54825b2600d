package render

import (
	"math"
	"slices"
	"strings"
	"unicode/utf8"
)

// Composite literals and var declarations written directly in gofmt's
// layout, for the tables of a package (its operations, the test server's
// operations and schemas): formatting them with go/format cost more than
// rendering them, and their layout comes down to a few rules of
// go/printer's (exprList, genDecl):
//
//   - a composite literal written with its elements on lines of their own
//     keeps them there, and consecutive one-line key: value elements align
//     their values in a column;
//   - an element that spans lines (or is longer than a million bytes, or
//     holds a line break) stands alone, and so does one whose key is more
//     than 40 bytes long and 2.5 times longer or shorter than the
//     geometric mean of the keys above it in its column;
//   - in a var group, consecutive specs align their "=" unless a comment,
//     a blank line or a spec spanning lines comes between.
//
// Tests hold every file written this way to gofmt, like the types.

// A literal is a Go expression: text on one line, or a composite literal
// whose elements each go on a line of their own.
type literal struct {
	// text is the whole expression, or a composite literal's opening
	// ("Operation{", "Op[T]{&operation{").
	text string
	// close closes a composite literal ("}", "}}"); "" for text.
	close string
	elems []element
	// hug writes the one element on the braces' line, as jennifer writes
	// a Dict of one key.
	hug bool
}

// An element of a composite literal: key: value, or a value alone.
type element struct {
	key string
	val literal
}

// inline is an expression written on one line.
func inline(s string) literal { return literal{text: s} }

// composite is a composite literal with its elements on lines of their
// own; open ends with its opening brace.
func composite(open, close string, elems []element) literal {
	return literal{text: open, close: close, elems: elems}
}

// dict is a composite literal as jennifer writes a Dict: its elements
// sorted by key, each on a line of its own, or a single one on the
// braces' line.
func dict(open, close string, elems []element) literal {
	slices.SortFunc(elems, func(a, b element) int { return strings.Compare(a.key, b.key) })
	return literal{text: open, close: close, elems: elems, hug: len(elems) == 1}
}

// multiline reports whether l spans lines.
func (l literal) multiline() bool {
	if l.hug {
		return l.elems[0].val.multiline()
	}
	return l.close != "" && len(l.elems) > 0
}

// size is the length of l on one line, for a literal that is not
// multiline.
func (l literal) size() int {
	n := len(l.text) + len(l.close)
	if l.hug {
		n += l.elems[0].size()
	}
	return n
}

func (e element) size() int {
	n := e.val.size()
	if e.key != "" {
		n += len(e.key) + 2
	}
	return n
}

// hasBreak reports a line break in l's text.
func (l literal) hasBreak() bool {
	return strings.ContainsAny(l.text, "\n\f") || l.hug && l.elems[0].val.hasBreak()
}

// oneLine is go/printer's test for an element it may align: printed on
// one line, it holds no line break and is at most a million bytes long.
func (e element) oneLine() bool {
	return !e.val.multiline() && e.size() <= 1e6 && !e.val.hasBreak()
}

// literal writes l, whose first line is at the given indentation depth
// and has been started by the caller.
func (s *goSource) literal(l literal, depth int) {
	s.b.WriteString(l.text)
	if l.close == "" {
		return
	}
	if len(l.elems) == 0 {
		s.b.WriteString(l.close)
		return
	}
	if l.hug {
		s.element(l.elems[0], depth)
		s.b.WriteString(l.close)
		return
	}
	s.b.WriteByte('\n')
	// sizes[i] is what go/printer weighs element i by: its key's length,
	// or its own for an element without a key; 0 when it spans lines.
	sizes := make([]int, len(l.elems))
	for i, e := range l.elems {
		switch {
		case !e.oneLine():
		case e.key != "":
			sizes[i] = len(e.key)
		default:
			sizes[i] = e.size()
		}
	}
	// A section is a run of elements go/printer lets the tabwriter align;
	// it starts where the line break before an element is a formfeed.
	var starts []int
	lnsum, count := 0.0, 0
	for i, size := range sizes {
		newSection := true
		if i > 0 && sizes[i-1] > 0 && size > 0 {
			const smallSize, r = 40, 2.5
			if count == 0 || sizes[i-1] <= smallSize && size <= smallSize {
				newSection = false
			} else {
				ratio := float64(size) / math.Exp(lnsum/float64(count))
				newSection = r*ratio <= 1 || r <= ratio
			}
		}
		if newSection {
			starts = append(starts, i)
			lnsum, count = 0, 0
		}
		if size > 0 {
			lnsum += math.Log(float64(size))
			count++
		}
	}
	starts = append(starts, len(l.elems))
	indent := strings.Repeat("\t", depth+1)
	for k := 0; k+1 < len(starts); k++ {
		section := l.elems[starts[k]:starts[k+1]]
		if sizes[starts[k]] == 0 {
			// An element that spans lines, alone in its section.
			s.b.WriteString(indent)
			s.element(section[0], depth+1)
			s.b.WriteString(",\n")
			continue
		}
		// One-line elements: each key and its colon is a cell, which
		// the tabwriter pads to the widest of the section's keys.
		rows := make([]row, len(section))
		for i, e := range section {
			val := e.val.oneLineText() + ","
			if e.key == "" {
				rows[i] = row{text: val}
			} else {
				rows[i] = row{cells: []string{e.key + ":", val}}
			}
		}
		s.aligned(indent, rows)
	}
	s.b.WriteString(indent[:depth])
	s.b.WriteString(l.close)
}

// element writes e, key: value, a single space after the colon.
func (s *goSource) element(e element, depth int) {
	if e.key != "" {
		s.b.WriteString(e.key + ": ")
	}
	s.literal(e.val, depth)
}

// oneLineText is the text of a literal that is not multiline.
func (l literal) oneLineText() string {
	if !l.hug {
		return l.text + l.close
	}
	e, key := l.elems[0], ""
	if e.key != "" {
		key = e.key + ": "
	}
	return l.text + key + e.val.oneLineText() + l.close
}

// A varSpec is one name = value of a var group, with the doc comment
// lines above it and whether a blank line comes before them.
type varSpec struct {
	blank bool
	doc   []string
	name  string
	val   literal
}

// varGroup writes var (…) with specs, indented one tab.
func (s *goSource) varGroup(specs []varSpec) {
	if len(specs) == 0 {
		s.line("var ()")
		return
	}
	s.line("var (")
	// A run of specs aligns its "=": it goes on while the spec before
	// was one line and nothing (a comment, a blank line) comes between.
	widths := make([]int, len(specs))
	if len(specs) > 1 {
		for i := 0; i < len(specs); {
			j, w := i+1, utf8.RuneCountInString(specs[i].name)
			for j < len(specs) && !specs[j].blank && specs[j].doc == nil && !specs[j-1].val.multiline() {
				w = max(w, utf8.RuneCountInString(specs[j].name))
				j++
			}
			for m := i; m < j; m++ {
				widths[m] = w
			}
			i = j
		}
	}
	for i, sp := range specs {
		if sp.blank && i > 0 {
			s.b.WriteByte('\n')
		}
		for _, l := range sp.doc {
			s.line("\t", commentLine(l))
		}
		s.b.WriteByte('\t')
		s.b.WriteString(sp.name)
		s.b.WriteString(strings.Repeat(" ", max(1, widths[i]-utf8.RuneCountInString(sp.name)+1)))
		s.b.WriteString("= ")
		s.literal(sp.val, 1)
		s.b.WriteByte('\n')
	}
	s.line(")")
}
