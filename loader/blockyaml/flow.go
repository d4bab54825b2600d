package blockyaml

// Flow collections on one line: "[a, 'b', 1]", "{ en: Hello, fr: Bonjour }",
// "[]", "{}", "[{ id: 1 }]". Entries without a value, keys that are not
// scalars, a trailing comma and collections over several lines are
// declined.

import yaml "go.yaml.in/yaml/v4"

// flow parses the flow collection starting at offset s, which must end on
// the current line with nothing but spaces after it.
func (p *parser) flow(s int) *yaml.Node {
	n, e := p.flowCollection(s, 0)
	if n == nil || !p.spacesTo(e, p.end) {
		return nil
	}
	p.next()
	return n
}

// flowCollection parses the flow sequence or mapping starting at offset s
// of the current line, nested depth deep in other flow collections, and
// returns it with the offset after it.
func (p *parser) flowCollection(s, depth int) (*yaml.Node, int) {
	if depth > maxDepth {
		return nil, s
	}
	isMap := p.src[s] == '{'
	closer := byte(']')
	kind, tag := yaml.SequenceNode, seqTag
	if isMap {
		closer, kind, tag = '}', yaml.MappingNode, mapTag
	}
	n := p.node(kind, tag, p.line, p.col(s))
	n.Style = yaml.FlowStyle
	mark := len(p.stack)
	i := p.skipSpaces(s + 1)
	if i < p.end && p.src[i] == closer {
		n.Content = p.content(mark)
		return n, i + 1
	}
	for {
		if isMap {
			k, e, quoted := p.flowScalar(i)
			if k == nil || e >= p.end || p.src[e] != ':' {
				return nil, s
			}
			// A plain key ends at ": "; a quoted one may be followed
			// by ':' and its value straight away, as in JSON.
			if e+1 < p.end && p.src[e+1] != ' ' && !quoted {
				return nil, s
			}
			p.stack = append(p.stack, k)
			i = p.skipSpaces(e + 1)
		}
		var v *yaml.Node
		var e int
		if i < p.end && (p.src[i] == '[' || p.src[i] == '{') {
			v, e = p.flowCollection(i, depth+1)
		} else {
			v, e, _ = p.flowScalar(i)
		}
		if v == nil {
			return nil, s
		}
		p.stack = append(p.stack, v)
		i = p.skipSpaces(e)
		if i >= p.end {
			return nil, s
		}
		if p.src[i] == closer {
			n.Content = p.content(mark)
			return n, i + 1
		}
		if p.src[i] != ',' {
			return nil, s // ':' after a sequence's entry makes a pair
		}
		i = p.skipSpaces(i + 1)
		if i >= p.end || p.src[i] == closer || p.src[i] == ',' {
			return nil, s
		}
	}
}

// flowScalar parses the scalar at offset i inside a flow collection and
// returns it with the offset after it (trailing spaces not included), and
// whether it is quoted; nil for what it declines.
func (p *parser) flowScalar(i int) (*yaml.Node, int, bool) {
	if i >= p.end {
		return nil, i, false
	}
	switch c := p.src[i]; c {
	case '"', '\'':
		q := p.quotedEnd(i)
		if q < 0 {
			return nil, i, false
		}
		return p.quoted(i, q), q, true
	case ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '%', '@', '`', '?', ':':
		return nil, i, false
	case '-':
		if i+1 >= p.end {
			return nil, i, false
		}
		switch p.src[i+1] {
		case ' ', ',', '[', ']', '{', '}':
			return nil, i, false
		}
	}
	j := i
scan:
	for ; j < p.end; j++ {
		switch p.src[j] {
		case ',', '[', ']', '{', '}':
			break scan
		case ':':
			if j+1 == p.end {
				return nil, i, false
			}
			switch p.src[j+1] {
			case ' ', ',', ']', '}':
				break scan
			}
		case '#':
			if p.src[j-1] == ' ' {
				return nil, i, false // a comment
			}
		}
	}
	if j == p.end {
		return nil, i, false // the collection goes on to another line
	}
	e := j
	for e > i && p.src[e-1] == ' ' {
		e--
	}
	return p.plainNode(p.src[i:e], p.line, p.col(i)), e, false
}
