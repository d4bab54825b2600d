package loader

import (
	"net/url"
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v4"

	"github.com/intercom-gen/intercom-gen/loader/diag"
)

// The repairs work on the parsed YAML tree rather than on kin-openapi's
// types: kin drops what some defects hide (a nullable beside a $ref) and
// refuses to load others (a dangling $ref), so they must be fixed before it
// sees the document. These helpers keep that tree code short.

const (
	tagStr   = "!!str"
	tagBool  = "!!bool"
	tagMap   = "!!map"
	tagSeq   = "!!seq"
	tagNull  = "!!null"
	tagMerge = "!!merge"
)

// mapIndex returns the index in m.Content of key's key node, or -1.
func mapIndex(m *yaml.Node, key string) int {
	if m == nil || m.Kind != yaml.MappingNode {
		return -1
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return i
		}
	}
	return -1
}

// mapGet returns the value of key in mapping m (nil if absent or m is not a
// mapping), following an alias.
func mapGet(m *yaml.Node, key string) *yaml.Node {
	if i := mapIndex(m, key); i >= 0 {
		return resolve(m.Content[i+1])
	}
	return nil
}

// mapSet sets key to value in mapping m, appending it when absent. A new key
// node takes the position of at, so diagnostics about it stay located.
func mapSet(m *yaml.Node, key string, value, at *yaml.Node) {
	if i := mapIndex(m, key); i >= 0 {
		m.Content[i+1] = value
		return
	}
	m.Content = append(m.Content, strNode(key, at), value)
}

// mapDelete removes key from mapping m and reports whether it was there.
func mapDelete(m *yaml.Node, key string) bool {
	i := mapIndex(m, key)
	if i < 0 {
		return false
	}
	m.Content = append(m.Content[:i:i], m.Content[i+2:]...)
	return true
}

// strNode makes a string scalar positioned at at.
func strNode(value string, at *yaml.Node) *yaml.Node {
	return place(&yaml.Node{Kind: yaml.ScalarNode, Tag: tagStr, Value: value}, at)
}

// trueNode makes the boolean true positioned at at.
func trueNode(at *yaml.Node) *yaml.Node {
	return place(&yaml.Node{Kind: yaml.ScalarNode, Tag: tagBool, Value: "true"}, at)
}

// mapNode makes a mapping of the given key/value pairs positioned at at.
func mapNode(at *yaml.Node, pairs ...*yaml.Node) *yaml.Node {
	return place(&yaml.Node{Kind: yaml.MappingNode, Tag: tagMap, Content: pairs}, at)
}

// seqNode makes a sequence positioned at at.
func seqNode(at *yaml.Node, items ...*yaml.Node) *yaml.Node {
	return place(&yaml.Node{Kind: yaml.SequenceNode, Tag: tagSeq, Content: items}, at)
}

func place(n, at *yaml.Node) *yaml.Node {
	if at != nil {
		n.Line, n.Column = at.Line, at.Column
	}
	return n
}

// clone deep-copies n (configuration data: no aliases), positioning every
// copy at at. Copies keep the configuration's styles and tags but never its
// comments, which would otherwise travel into the description.
func clone(n, at *yaml.Node) *yaml.Node {
	c := &yaml.Node{Kind: n.Kind, Style: n.Style, Tag: n.Tag, Value: n.Value}
	if len(n.Content) > 0 {
		c.Content = make([]*yaml.Node, len(n.Content))
		for i, ch := range n.Content {
			c.Content[i] = clone(ch, at)
		}
	}
	return place(c, at)
}

// scalarValue returns the text of a scalar node ("" otherwise).
func scalarValue(n *yaml.Node) string {
	n = resolve(n)
	if n == nil || n.Kind != yaml.ScalarNode {
		return ""
	}
	return n.Value
}

// resolve follows an alias to the node it names. prepare refuses alias
// cycles, so one step is enough; the bound only guards against trees built
// by hand.
func resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 8; i++ {
		n = n.Alias
	}
	return n
}

// child returns the member tok of a mapping or the element tok of a sequence.
func child(n *yaml.Node, tok string) *yaml.Node {
	n = resolve(n)
	switch {
	case n == nil:
		return nil
	case n.Kind == yaml.MappingNode:
		return mapGet(n, tok)
	case n.Kind == yaml.SequenceNode:
		i, ok := index(tok, len(n.Content))
		if !ok {
			return nil
		}
		return resolve(n.Content[i])
	}
	return nil
}

// index parses a JSON pointer array index (RFC 6901: no sign, no leading
// zeros) below n.
func index(tok string, n int) (int, bool) {
	if tok == "" || (len(tok) > 1 && tok[0] == '0') || tok[0] == '+' || tok[0] == '-' {
		return 0, false
	}
	i, err := strconv.Atoi(tok)
	if err != nil || i >= n {
		return 0, false
	}
	return i, true
}

// lookup walks the JSON pointer ptr from root ("" is root itself).
// refTarget follows a local reference ("#/…"). The pointer is a URI
// fragment, so it is percent-decoded first: bundlers write
// "#/paths/~1items~1%7Bid%7D/get/parameters/0" for the path /items/{id}.
func refTarget(root *yaml.Node, ref string) *yaml.Node {
	frag, ok := strings.CutPrefix(ref, "#")
	if !ok {
		return nil
	}
	if dec, err := url.PathUnescape(frag); err == nil {
		frag = dec
	}
	return lookup(root, frag)
}

func lookup(root *yaml.Node, ptr string) *yaml.Node {
	n := resolve(root)
	for _, tok := range diag.SplitPointer(ptr) {
		if n = child(n, tok); n == nil {
			return nil
		}
	}
	return n
}

// nodesEqual compares two YAML values by content: scalars by their text,
// collections element by element (mappings in order-insensitive fashion).
func nodesEqual(a, b *yaml.Node) bool {
	a, b = resolve(a), resolve(b)
	if a == nil || b == nil {
		return a == b
	}
	if a.Kind != b.Kind {
		return false
	}
	switch a.Kind {
	case yaml.ScalarNode:
		return a.Value == b.Value
	case yaml.SequenceNode:
		if len(a.Content) != len(b.Content) {
			return false
		}
		for i := range a.Content {
			if !nodesEqual(a.Content[i], b.Content[i]) {
				return false
			}
		}
		return true
	case yaml.MappingNode:
		if len(a.Content) != len(b.Content) {
			return false
		}
		for i := 0; i+1 < len(a.Content); i += 2 {
			if !nodesEqual(a.Content[i+1], mapGet(b, a.Content[i].Value)) {
				return false
			}
		}
		return true
	}
	return false
}
