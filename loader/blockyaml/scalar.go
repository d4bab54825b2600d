package blockyaml

// Scalars: keys, plain scalars (on one line, or continued on more
// indented lines), quoted scalars on one line, and literal and folded
// block scalars. Each follows go-yaml's scanner rule for rule (folding,
// chomping, indentation); the cases it leaves to go-yaml are declined.

import (
	"strings"
	"unicode/utf8"

	yaml "go.yaml.in/yaml/v4"
)

// plainStart reports whether a plain scalar may start at offset s: not at
// an indicator, and at '-', '?' or ':' only when a non-space follows.
func (p *parser) plainStart(s int) bool {
	switch p.src[s] {
	case ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`':
		return false
	case '-', '?', ':':
		return s+1 < p.end && p.src[s+1] != ' '
	}
	return true
}

// keyEnd returns the offset just past the ':' of a key (a plain or quoted
// scalar followed by ':' and a space or the line's end) starting at
// offset s, or -1 when no key starts there.
func (p *parser) keyEnd(s int) int {
	switch p.src[s] {
	case '"', '\'':
		q := p.quotedEnd(s)
		if q < 0 || q >= p.end || p.src[q] != ':' || q+1 < p.end && p.src[q+1] != ' ' {
			return -1
		}
		return q + 1
	}
	if !p.plainStart(s) {
		return -1
	}
	for i := s; i < p.end; i++ {
		switch p.src[i] {
		case ':':
			if i+1 == p.end || p.src[i+1] == ' ' {
				return i + 1
			}
		case '#':
			if p.src[i-1] == ' ' {
				return -1 // a comment
			}
		}
	}
	return -1
}

// key parses the key starting at offset s and returns it with the offset
// just past its ':'.
func (p *parser) key(s int) (*yaml.Node, int) {
	e := p.keyEnd(s)
	if e < 0 || e-s > maxKey {
		return nil, -1
	}
	if c := p.src[s]; c == '"' || c == '\'' {
		return p.quoted(s, e-1), e
	}
	text := strings.TrimRight(p.src[s:e-1], " ")
	return p.plainNode(text, p.line, p.col(s)), e
}

// value parses the scalar or flow collection starting at offset s, in a
// collection indented by parent spaces.
func (p *parser) value(s, parent int) *yaml.Node {
	switch p.src[s] {
	case '|', '>':
		return p.blockScalar(s, parent)
	case '[', '{':
		return p.flow(s)
	case '"', '\'':
		var n *yaml.Node
		q := p.quotedEnd(s)
		if q >= 0 {
			n = p.quoted(s, q)
		} else {
			n, q = p.quotedLines(s)
		}
		if n == nil || !p.spacesTo(q, p.end) {
			return nil
		}
		p.next()
		return n
	}
	if !p.plainStart(s) {
		return nil
	}
	return p.plain(s, parent)
}

// spacesTo reports only spaces in [i, end).
func (p *parser) spacesTo(i, end int) bool {
	for ; i < end; i++ {
		if p.src[i] != ' ' {
			return false
		}
	}
	return true
}

// plainNode makes a plain scalar, its tag resolved as go-yaml does.
func (p *parser) plainNode(text string, line, col int) *yaml.Node {
	n := p.node(yaml.ScalarNode, resolve(text), line, col)
	n.Value = text
	return n
}

// plainEnd returns the end of the plain text starting at s on the current
// line, trailing spaces left out, or -1 where the line holds what ends a
// plain scalar early (": " or a comment).
func (p *parser) plainEnd(s int) int {
	for i := s; i < p.end; i++ {
		switch p.src[i] {
		case ':':
			if i+1 == p.end || p.src[i+1] == ' ' {
				return -1
			}
		case '#':
			if i > s && p.src[i-1] == ' ' {
				return -1
			}
		}
	}
	e := p.end
	for e > s && p.src[e-1] == ' ' {
		e--
	}
	return e
}

// plain parses a plain scalar starting at offset s and continued on the
// following lines indented by more than parent spaces: a line break
// folds into a space, and n empty lines into n line breaks.
func (p *parser) plain(s, parent int) *yaml.Node {
	line, col := p.line, p.col(s)
	e := p.plainEnd(s)
	if e < 0 {
		return nil
	}
	text := p.src[s:e]
	p.next()
	b := p.buf[:0]
	folded := false
	for {
		blanks := 0
		for !p.eof() && p.blank() {
			blanks++
			p.next()
		}
		if p.eof() || p.ind <= parent {
			break
		}
		cs := p.pos + p.ind
		if p.src[cs] == '#' {
			break // a comment ends the scalar
		}
		ce := p.plainEnd(cs)
		if ce < 0 {
			return nil
		}
		if !folded {
			b = append(b, text...)
			folded = true
		}
		if blanks == 0 {
			b = append(b, ' ')
		}
		for range blanks {
			b = append(b, '\n')
		}
		b = append(b, p.src[cs:ce]...)
		p.next()
	}
	if folded {
		text = string(b)
		p.buf = b
	}
	return p.plainNode(text, line, col)
}

// quotedEnd returns the offset just past the closing quote of the quoted
// scalar starting at offset s, or -1 when it does not close on this line.
func (p *parser) quotedEnd(s int) int {
	q := p.src[s]
	for i := s + 1; i < p.end; i++ {
		switch c := p.src[i]; {
		case c == '\\' && q == '"':
			i++ // the escaped character (an escaped line break declines)
		case c == q && q == '\'' && i+1 < p.end && p.src[i+1] == '\'':
			i++
		case c == q:
			return i + 1
		}
	}
	return -1
}

// quoted makes the node of the quoted scalar in [s, e) of the current
// line, or nil for an escape go-yaml refuses.
func (p *parser) quoted(s, e int) *yaml.Node {
	body := p.src[s+1 : e-1]
	n := p.node(yaml.ScalarNode, strTag, p.line, p.col(s))
	if p.src[s] == '\'' {
		n.Style = yaml.SingleQuotedStyle
		if strings.Contains(body, "''") {
			body = strings.ReplaceAll(body, "''", "'")
		}
		n.Value = body
		return n
	}
	n.Style = yaml.DoubleQuotedStyle
	if strings.IndexByte(body, '\\') < 0 {
		n.Value = body
		return n
	}
	v, ok := unescape(body)
	if !ok {
		return nil
	}
	n.Value = v
	return n
}

// escapes are the double-quoted scalar's one-character escapes, and
// hexEscapes the number of hex digits after the others.
var (
	escapes = map[byte]string{
		'0': "\x00", 'a': "\a", 'b': "\b", 't': "\t", 'n': "\n", 'v': "\v", 'f': "\f", 'r': "\r",
		'e': "\x1b", ' ': " ", '"': "\"", '/': "/", '\\': "\\",
		'N': "\u0085", '_': "\u00a0", 'L': "\u2028", 'P': "\u2029",
	}
	hexEscapes = [256]int{'x': 2, 'u': 4, 'U': 8}
)

// unescape resolves a double-quoted scalar's escapes, or reports false
// for one go-yaml refuses.
func unescape(body string) (string, bool) {
	b := make([]byte, 0, len(body))
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c != '\\' {
			b = append(b, c)
			continue
		}
		i++
		if i == len(body) {
			return "", false
		}
		size := hexEscapes[body[i]]
		if size == 0 {
			e, ok := escapes[body[i]]
			if !ok {
				return "", false
			}
			b = append(b, e...)
			continue
		}
		if i+size >= len(body) {
			return "", false
		}
		r := 0 // an int: eight hex digits overflow a rune
		for _, h := range []byte(body[i+1 : i+1+size]) {
			d := hexDigit(h)
			if d < 0 {
				return "", false
			}
			r = r<<4 | d
		}
		if r >= 0xD800 && r <= 0xDFFF || r > 0x10FFFF {
			return "", false
		}
		b = utf8.AppendRune(b, rune(r))
		i += size
	}
	return string(b), true
}

func hexDigit(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// blockScalar parses a literal ('|') or folded ('>') block scalar whose
// header starts at offset s, in a collection indented by parent spaces.
// Columns here are 1-based as in go-yaml's scanner, whose steps this
// follows: indent is the column the content starts at.
func (p *parser) blockScalar(s, parent int) *yaml.Node {
	if parent < 0 {
		return nil
	}
	n := p.node(yaml.ScalarNode, strTag, p.line, p.col(s))
	n.Style = yaml.FoldedStyle
	literal := p.src[s] == '|'
	if literal {
		n.Style = yaml.LiteralStyle
	}
	chomp, increment := 0, 0
	i := s + 1
	for range 2 {
		if i == p.end {
			break
		}
		switch c := p.src[i]; {
		case (c == '+' || c == '-') && chomp == 0:
			chomp = 1
			if c == '-' {
				chomp = -1
			}
			i++
		case c >= '1' && c <= '9' && increment == 0:
			increment = int(c - '0')
			i++
		}
	}
	if !p.spacesTo(i, p.end) {
		return nil // a comment, or what go-yaml refuses
	}
	p.next()
	indent := 0
	if increment > 0 {
		indent = parent + 1 + increment
	}
	var b []byte
	var trailing int // trailing breaks: empty lines not yet written
	col := p.blockBreaks(&indent, parent, &trailing)
	leadingBreak, leadingBlank := false, false
	for col == indent && !p.eof() {
		text := p.src[p.pos+col-1 : p.end]
		trailingBlank := text != "" && text[0] == ' '
		if !literal && !leadingBlank && !trailingBlank && leadingBreak {
			if trailing == 0 {
				b = append(b, ' ')
			}
		} else if leadingBreak {
			b = append(b, '\n')
		}
		for range trailing {
			b = append(b, '\n')
		}
		trailing = 0
		leadingBlank = trailingBlank
		b = append(b, text...)
		// The text ends with a newline (Parse refuses a last line of
		// spaces without one, the one case go-yaml treats apart).
		leadingBreak = p.end < len(p.src)
		p.next()
		col = p.blockBreaks(&indent, parent, &trailing)
	}
	if chomp != -1 && leadingBreak {
		b = append(b, '\n')
	}
	if chomp == 1 {
		for range trailing {
			b = append(b, '\n')
		}
	}
	n.Value = string(b)
	return n
}

// blockBreaks moves past the empty lines before a block scalar's next line
// of content, counting them in trailing, and returns the column that
// line's content starts at, at most indent (the end of its indentation).
// With indent 0 (not yet known) it settles indent from the first line of
// content, as go-yaml does.
func (p *parser) blockBreaks(indent *int, parent int, trailing *int) int {
	maxCol := 0
	col := 1
	for !p.eof() {
		col = p.ind + 1
		if *indent > 0 {
			col = min(col, *indent)
		}
		maxCol = max(maxCol, col)
		if p.pos+col-1 < p.end {
			break // content (or spaces past the indentation)
		}
		*trailing++
		p.next()
	}
	if p.eof() {
		col = 1
	}
	if *indent == 0 {
		*indent = max(maxCol, parent+2, 1)
	}
	return col
}

// quotedLines parses a quoted scalar starting at offset s that goes on to
// later lines (at any indentation, as go-yaml allows), and returns it
// with the offset just past its closing quote on the line it ends on. As
// in go-yaml's scanner: spaces at a line's end and start fall away; a line
// break folds into a space and n empty lines into n line breaks; an
// escaped line break joins the lines; a run of spaces and breaks is joined
// as soon as it ends, before the closing quote too.
func (p *parser) quotedLines(s int) (*yaml.Node, int) {
	single := p.src[s] == '\''
	n := p.node(yaml.ScalarNode, strTag, p.line, p.col(s))
	n.Style = yaml.DoubleQuotedStyle
	if single {
		n.Style = yaml.SingleQuotedStyle
	}
	b := p.buf[:0]
	afterBreak := false // in a run of spaces and line breaks
	folded := false     // the run started with a line break (not an escaped one)
	trailing := 0       // the run's further line breaks
	i := s + 1
	for {
		escaped := false // this line ends in an escaped line break
		for i < p.end {
			c := p.src[i]
			if c == ' ' {
				k := p.skipSpaces(i)
				if k < p.end && !afterBreak {
					b = append(b, p.src[i:k]...)
				}
				i = k
				continue
			}
			if afterBreak {
				switch {
				case folded && trailing == 0:
					b = append(b, ' ')
				default:
					for range trailing {
						b = append(b, '\n')
					}
				}
				afterBreak, folded, trailing = false, false, 0
			}
			switch {
			case single && c == '\'' && i+1 < p.end && p.src[i+1] == '\'':
				b = append(b, '\'')
				i += 2
			case single && c == '\'' || !single && c == '"':
				n.Value = string(b)
				p.buf = b
				return n, i + 1
			case !single && c == '\\' && i+1 == p.end:
				escaped, afterBreak = true, true
				i = p.end
			case !single && c == '\\':
				j := i + 2 + hexEscapes[p.src[i+1]]
				if j > p.end {
					return nil, -1
				}
				v, ok := unescape(p.src[i:j])
				if !ok {
					return nil, -1
				}
				b = append(b, v...)
				i = j
			default:
				b = append(b, c)
				i++
			}
		}
		if p.end == len(p.src) {
			return nil, -1 // the text ends inside the scalar
		}
		switch {
		case escaped:
		case !afterBreak:
			afterBreak, folded = true, true
		default:
			trailing++
		}
		p.next()
		if p.eof() {
			return nil, -1
		}
		i = p.pos + p.ind
	}
}
