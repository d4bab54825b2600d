// Package blockyaml parses the block-style YAML that OpenAPI descriptions
// are written in into the node tree go-yaml gives, node for node, about
// five times faster than go-yaml.
//
// The subset: block mappings and sequences; plain scalars, on one line or
// continued on more indented lines; single- and double-quoted scalars, on
// any number of lines; literal and folded block scalars; flow sequences and
// mappings of scalars on one line; comments on lines of their own. Anything
// else (a comment after a value, anchors, aliases, tags, directives, a
// second document, complex keys, flow collections over several lines,
// tabs, carriage returns, a byte order mark, characters YAML does not
// print) makes Parse decline, and the caller parses the text with go-yaml,
// which also gives any error its text and position. Parse declines
// wherever it is not certain of go-yaml's answer, so that declining is
// always safe and a tree it returns is the one go-yaml returns, but for
// comments: Parse skips them, where go-yaml keeps them in the nodes'
// comment fields, which nothing in intercom-gen reads. The package's tests
// compare the two on every description at hand and on fuzzed input.
package blockyaml

import (
	"strings"

	yaml "go.yaml.in/yaml/v4"
)

const (
	// maxDepth bounds the nesting Parse follows (go-yaml's own limit is
	// far above what a description needs).
	maxDepth = 500
	// maxKey is the longest key Parse accepts: go-yaml's scanner looks
	// for a key's ':' within 1024 characters.
	maxKey = 1000
	// slabSize is how many nodes are allocated at once.
	slabSize = 512
)

// The tags go-yaml gives collections and strings.
const (
	mapTag = "!!map"
	seqTag = "!!seq"
	strTag = "!!str"
)

// parser holds the text and the line it is at.
type parser struct {
	src string
	// The current line: src[pos:end] (end at its '\n' or the end of the
	// text), its number (1-based) and its indentation in spaces.
	pos, end, line, ind int
	depth               int
	wide                lineSet                      // lines with characters beyond ASCII
	colAt               struct{ line, off, col int } // col's last answer
	slab                []yaml.Node                  // nodes are allocated from here
	refs                []*yaml.Node                 // and their Content slices from here
	stack               []*yaml.Node                 // the entries of open collections
	buf                 []byte                       // scratch for scalars that need building
}

// Parse parses data, one YAML document, into the tree yaml.Unmarshal gives
// for it (a DocumentNode), or reports false when data is not in the subset
// described above.
func Parse(data []byte) (*yaml.Node, bool) {
	doc, _ := parse(data)
	return doc, doc != nil
}

// parse is Parse, returning the parser (whose line is where it declined).
func parse(data []byte) (*yaml.Node, *parser) {
	wide, ok := scanText(data)
	if !ok {
		return nil, nil
	}
	p := &parser{src: string(data), wide: wide}
	p.at(0, 1)
	if p.skipBlank(); p.eof() {
		return nil, p
	}
	doc := p.node(yaml.DocumentNode, "", p.line, p.ind+1)
	if p.ind == 0 && strings.HasPrefix(p.src[p.pos:p.end], "---") {
		// The document's explicit start, alone on its line (scanText
		// refused any other "---" line).
		if !p.spacesTo(p.pos+3, p.end) {
			return nil, p
		}
		p.next()
		if p.skipBlank(); p.eof() {
			return nil, p
		}
	}
	s := p.pos + p.ind
	if !p.dash(s) && p.keyEnd(s) < 0 {
		return nil, p // a document that is one scalar
	}
	top := p.block(-1)
	if top == nil {
		return nil, p
	}
	if p.skipBlank(); !p.eof() {
		return nil, p
	}
	doc.Content = []*yaml.Node{top}
	return doc, p
}

// at makes the line starting at pos, numbered line, the current one.
func (p *parser) at(pos, line int) {
	p.pos, p.line = pos, line
	if i := strings.IndexByte(p.src[pos:], '\n'); i >= 0 {
		p.end = pos + i
	} else {
		p.end = len(p.src)
	}
	ind := pos
	for ind < p.end && p.src[ind] == ' ' {
		ind++
	}
	p.ind = ind - pos
}

// next moves to the following line.
func (p *parser) next() {
	if p.end >= len(p.src) {
		p.pos, p.end, p.ind = len(p.src), len(p.src), 0
		p.line++
		return
	}
	p.at(p.end+1, p.line+1)
}

func (p *parser) eof() bool { return p.pos >= len(p.src) }

// blank reports a current line of spaces only.
func (p *parser) blank() bool { return p.pos+p.ind == p.end }

// skipBlank moves past blank lines and lines holding only a comment.
func (p *parser) skipBlank() {
	for !p.eof() && (p.blank() || p.src[p.pos+p.ind] == '#') {
		p.next()
	}
}

// col is the 1-based column of offset i on the current line, counted in
// characters as go-yaml counts them. On a line with characters beyond
// ASCII it counts on from the last offset asked about, so that a long
// line costs its length once, not once per node on it.
func (p *parser) col(i int) int {
	if !p.wide.has(p.line) {
		return i - p.pos + 1
	}
	j, n := p.pos, 1
	if p.colAt.line == p.line && p.colAt.off <= i {
		j, n = p.colAt.off, p.colAt.col
	}
	for ; j < i; j++ {
		if p.src[j] < 0x80 || p.src[j] >= 0xC0 {
			n++
		}
	}
	p.colAt.line, p.colAt.off, p.colAt.col = p.line, i, n
	return n
}

// enter goes one collection deeper, or reports false past maxDepth;
// leave comes back out.
func (p *parser) enter() bool {
	p.depth++
	return p.depth <= maxDepth
}

func (p *parser) leave() { p.depth-- }

// skipSpaces returns the offset of the first character at or after i on
// the current line that is not a space (the line's end if none).
func (p *parser) skipSpaces(i int) int {
	for i < p.end && p.src[i] == ' ' {
		i++
	}
	return i
}

// node allocates a node.
func (p *parser) node(kind yaml.Kind, tag string, line, col int) *yaml.Node {
	if len(p.slab) == cap(p.slab) {
		p.slab = make([]yaml.Node, 0, slabSize)
	}
	p.slab = p.slab[:len(p.slab)+1]
	n := &p.slab[len(p.slab)-1]
	n.Kind, n.Tag, n.Line, n.Column = kind, tag, line, col
	return n
}

// content moves the entries stacked since mark into a Content slice whose
// capacity is its length (so that appending to it never writes over a
// neighbour's).
func (p *parser) content(mark int) []*yaml.Node {
	n := len(p.stack) - mark
	if n > cap(p.refs)-len(p.refs) {
		p.refs = make([]*yaml.Node, 0, max(n, 4*slabSize))
	}
	at := len(p.refs)
	p.refs = append(p.refs, p.stack[mark:]...)
	p.stack = p.stack[:mark]
	return p.refs[at : at+n : at+n]
}

// dash reports a block sequence entry ("-" then a space or the line's
// end) at offset s.
func (p *parser) dash(s int) bool {
	return p.src[s] == '-' && (s+1 == p.end || p.src[s+1] == ' ')
}

// block parses the collection or scalar that starts the current line,
// inside a collection indented by parent spaces.
func (p *parser) block(parent int) *yaml.Node {
	if !p.enter() {
		return nil
	}
	defer p.leave()
	s := p.pos + p.ind
	switch {
	case p.dash(s):
		return p.sequence(p.ind)
	case p.keyEnd(s) >= 0:
		return p.mapping(p.ind, s)
	}
	return p.value(s, parent)
}

// mapping parses a block mapping indented by ind spaces whose first key
// starts at offset s of the current line.
func (p *parser) mapping(ind, s int) *yaml.Node {
	m := p.node(yaml.MappingNode, mapTag, p.line, p.col(s))
	mark := len(p.stack)
	for {
		k, after := p.key(s)
		if k == nil {
			return nil
		}
		v := p.entry(after, ind, true)
		if v == nil {
			return nil
		}
		p.stack = append(p.stack, k, v)
		p.skipBlank()
		if p.eof() || p.ind < ind {
			break
		}
		s = p.pos + ind
		if p.ind > ind || p.dash(s) {
			return nil
		}
	}
	m.Content = p.content(mark)
	return m
}

// sequence parses a block sequence whose entries' dashes are indented by
// ind spaces, the first on the current line.
func (p *parser) sequence(ind int) *yaml.Node {
	q := p.node(yaml.SequenceNode, seqTag, p.line, p.col(p.pos+ind))
	mark := len(p.stack)
	for {
		v := p.item(p.pos+ind+1, ind)
		if v == nil {
			return nil
		}
		p.stack = append(p.stack, v)
		p.skipBlank()
		if p.eof() || p.ind < ind || !p.dash(p.pos+ind) {
			// A line at ind that is not an entry belongs to the
			// mapping around a sequence at its keys' indentation.
			if !p.eof() && p.ind > ind {
				return nil
			}
			break
		}
	}
	q.Content = p.content(mark)
	return q
}

// item parses a sequence entry whose text follows its dash at offset
// after, in a sequence indented by ind spaces.
func (p *parser) item(after, ind int) *yaml.Node {
	s := p.skipSpaces(after)
	if s == p.end {
		return p.entry(after, ind, false)
	}
	if !p.enter() {
		return nil
	}
	defer p.leave()
	// An entry on the dash's line may be a sequence ("- - a") or mapping
	// of its own, indented to where it starts (only dashes and spaces
	// precede it); the lines after its first are read the usual way.
	switch {
	case p.dash(s):
		return p.sequence(s - p.pos)
	case p.keyEnd(s) >= 0:
		return p.mapping(s-p.pos, s)
	}
	return p.value(s, ind)
}

// entry parses the value of a mapping entry or sequence entry whose
// indicator (':' or '-') ends at offset after on the current line, in a
// collection indented by ind spaces. With nothing after the indicator the
// value is on the lines below, or empty (null).
func (p *parser) entry(after, ind int, inMapping bool) *yaml.Node {
	if s := p.skipSpaces(after); s < p.end {
		return p.value(s, ind)
	}
	line, col := p.line, p.col(after)
	p.next()
	p.skipBlank()
	if !p.eof() {
		if p.ind > ind {
			return p.block(ind)
		}
		// A mapping's value may be a sequence at its keys' indentation.
		if p.ind == ind && inMapping && p.dash(p.pos+ind) {
			if !p.enter() {
				return nil
			}
			defer p.leave()
			return p.sequence(ind)
		}
	}
	return p.node(yaml.ScalarNode, "!!null", line, col)
}
