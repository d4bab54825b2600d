package loader

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	yaml "go.yaml.in/yaml/v4"

	"github.com/intercom-gen/intercom-gen/loader/blockyaml"
	"github.com/intercom-gen/intercom-gen/loader/diag"
)

// parse reads the YAML (or JSON, which is YAML) into a node tree: the only
// parse of the description. Everything after works on this tree.
func (l *load) parse(data []byte) *yaml.Node {
	root, data, err := l.parseRepairingProse(data)
	if err != nil {
		d := diag.Diagnostic{Severity: diag.Error, Code: "syntax", File: l.file,
			Message: "not valid YAML or JSON: " + strings.TrimPrefix(err.Error(), "yaml: "),
			Hint:    "fix the syntax at this position"}
		var le *yaml.LoadError
		if errors.As(err, &le) {
			d.Line, d.Col = le.Mark.Line, le.Mark.Column
			if d.Line == 0 {
				// The reader stage (bad UTF-8, control characters)
				// gives only a byte offset.
				d.Line, d.Col = lineCol(data, le.Mark.Index)
			}
			d.Message = "not valid YAML or JSON: " + le.Message
			if le.ContextMsg != "" {
				d.Message += " (" + le.ContextMsg
				if le.ContextMark.Line > 0 {
					d.Message += fmt.Sprintf(" on line %d", le.ContextMark.Line)
				}
				d.Message += ")"
			}
		}
		l.diags.Add(d)
		return nil
	}
	if root.Kind != yaml.DocumentNode || len(root.Content) == 0 {
		l.errorAt(nil, "empty", "", "the file holds no YAML document", "give an OpenAPI 3.0 description")
		return nil
	}
	return root
}

// parseYAML parses data into a node tree: with blockyaml, about five
// times faster than go-yaml, when data is block-style YAML it handles (every
// description Intercom has published but one), else with go-yaml, which
// also words any syntax error.
func parseYAML(data []byte) (*yaml.Node, error) {
	if root, ok := blockyaml.Parse(data); ok {
		return root, nil
	}
	var root yaml.Node
	err := yaml.Unmarshal(data, &root)
	return &root, err
}

// lineCol turns a byte offset into a 1-based line and column (counted in
// characters).
func lineCol(data []byte, offset int) (line, col int) {
	offset = min(max(offset, 0), len(data))
	line = 1 + bytes.Count(data[:offset], []byte("\n"))
	start := bytes.LastIndexByte(data[:offset], '\n') + 1
	return line, 1 + utf8.RuneCount(data[start:offset])
}

// token is one step of a JSON pointer, kept unrendered while walking: a
// mapping key, or a sequence index when idx >= 0. Rendering happens only
// for the few nodes that get a diagnostic, which keeps the walks over a
// million-node tree free of string building.
type token struct {
	key string
	idx int
}

// pathStack is the pointer of the node being walked.
type pathStack []token

func (p *pathStack) pushKey(k string) { *p = append(*p, token{key: k, idx: -1}) }
func (p *pathStack) pushIdx(i int)    { *p = append(*p, token{idx: i}) }
func (p *pathStack) pop()             { *p = (*p)[:len(*p)-1] }

// String renders the JSON pointer.
func (p pathStack) String() string {
	var b strings.Builder
	for _, t := range p {
		b.WriteByte('/')
		if t.idx >= 0 {
			b.WriteString(strconv.Itoa(t.idx))
		} else {
			b.WriteString(diag.EscapeToken(t.key))
		}
	}
	return b.String()
}

// with renders the pointer extended by one key.
func (p pathStack) with(key string) string { return p.String() + "/" + diag.EscapeToken(key) }

// preparer readies the tree for kin-openapi's decoder the way kin's own
// loader does between its parse and its decode (kin decodes the tree we hand
// it, so it never gets to run that step itself), and settles what kin would
// refuse or mis-read later without saying where:
//   - mapping keys are read as the text the document wrote (YAML would read
//     `200:` as a number and `.0` and `0` as the same key);
//   - scalars with an application tag (`!md`) or that look like timestamps
//     stay strings, the text the document wrote;
//   - .inf and .nan, null keys and collection keys, which JSON cannot hold,
//     are refused with their position;
//   - an alias that contains itself is refused: kin decodes every typed value
//     with a decode of its own, so a cycle would recurse until the stack
//     ends, which is fatal rather than an error;
//   - aliases that expand the tree far beyond its written size are refused,
//     for the same reason (each expansion is decoded again);
//   - merge keys (<<) are expanded in place, so the walks, Keys and kin all
//     see the same members;
//   - duplicate keys are settled by the duplicate-key rule.
type preparer struct {
	l       *load
	path    pathStack
	onPath  map[*yaml.Node]bool // anchored nodes being prepared
	merged  int                 // members brought in by merge keys
	tooMany bool                // merging stopped: merged passed the bound
	nodes   int
	aliases bool
}

// expansionFactor and expansionFloor bound how far aliases and merge keys
// may multiply the tree: a description written with anchors shares schemas
// a few times, a "billion laughs" document multiplies itself a millionfold.
const (
	expansionFactor = 8
	expansionFloor  = 1 << 20
)

func (l *load) prepare(root *yaml.Node) {
	p := &preparer{l: l}
	p.node(root)
	l.aliases = p.aliases
	if p.aliases && !l.diags.HasErrors() {
		limit := max(expansionFactor*p.nodes, expansionFloor)
		if n := expandedSize(root, map[*yaml.Node]int{}, limit); n >= limit {
			l.errorAt(root.Content[0], "alias-expansion", "",
				fmt.Sprintf("YAML aliases expand the document's %d nodes to more than %d", p.nodes, limit),
				"write the repeated parts once and share them with $ref instead of YAML aliases")
		}
	}
}

func (p *preparer) node(n *yaml.Node) {
	if n == nil {
		return
	}
	p.nodes++
	if n.Anchor != "" {
		if p.onPath == nil {
			p.onPath = map[*yaml.Node]bool{}
		}
		p.onPath[n] = true
		defer delete(p.onPath, n)
	}
	if len(p.path) > maxDepth && (n.Kind == yaml.SequenceNode || n.Kind == yaml.MappingNode) {
		p.l.errorAt(n, "too-deep", p.path.String(),
			fmt.Sprintf("values nested more than %d deep; intercom-gen reads descriptions nested up to %d", maxDepth, maxDepth),
			"name the inner schemas under components/schemas and $ref them")
		n.Content = nil
		return
	}
	switch n.Kind {
	case yaml.DocumentNode:
		for _, c := range n.Content {
			p.node(c)
		}
	case yaml.AliasNode:
		p.aliases = true
		if p.onPath[n.Alias] {
			p.l.errorAt(n, "alias-cycle", p.path.String(),
				fmt.Sprintf("YAML alias *%s is used inside the node &%s it names, so it never ends", n.Value, n.Alias.Anchor),
				"remove the alias, or use a $ref, which may be recursive")
			return
		}
		// The anchored node was prepared where it is written: aliases
		// only name nodes that come before them.
	case yaml.ScalarNode:
		p.scalar(n)
	case yaml.SequenceNode:
		if len(n.Content) > maxSequence {
			p.l.errorAt(n, "too-large", p.path.String(),
				fmt.Sprintf("a list of %d items; intercom-gen reads lists of up to %d", len(n.Content), maxSequence),
				"split the list, or check that the file is the description you meant")
			return
		}
		for i, c := range n.Content {
			p.path.pushIdx(i)
			p.node(c)
			p.path.pop()
		}
	case yaml.MappingNode:
		if len(n.Content)/2 > maxMapping {
			p.l.errorAt(n, "too-large", p.path.String(),
				fmt.Sprintf("a mapping of %d members; intercom-gen reads mappings of up to %d", len(n.Content)/2, maxMapping),
				"split it, or check that the file is the description you meant")
			return
		}
		merges := p.keys(n)
		for i := 1; i < len(n.Content); i += 2 {
			p.path.pushKey(n.Content[i-1].Value)
			p.node(n.Content[i])
			p.path.pop()
		}
		p.duplicates(n)
		if merges {
			p.merge(n)
		}
	}
}

// Bounds on one description's parts, far above what any real description
// has (Intercom's Preview: its longest text 40 KB, 600 schemas, 256
// operations, 90 values in its longest enum), so that a crafted file meets
// a located error before it costs memory in every later stage.
const (
	maxScalar   = 1 << 20
	maxSequence = 100_000 // items of one list (enum values, parameters, …)
	maxMapping  = 100_000 // members of one mapping (schemas, paths, properties, …)
	// maxDepth bounds nesting (Intercom's deepest value is 18 levels
	// down, DigitalOcean's 30): every later stage keeps a JSON pointer per
	// nested schema, whose length grows with the depth, so memory grows
	// with its square. At 2,048 levels (1,000 nested properties) that is
	// tens of megabytes.
	maxDepth = 2048
)

// scalar retags values the way kin's loader does before decoding.
func (p *preparer) scalar(n *yaml.Node) {
	if len(n.Value) > maxScalar {
		p.l.errorAt(n, "too-large", p.path.String(),
			fmt.Sprintf("a value of %d bytes; intercom-gen reads values of up to %d", len(n.Value), maxScalar),
			"shorten it (a description is prose, an example a sample)")
		n.Value = ""
		return
	}
	switch {
	case strings.HasPrefix(n.Tag, "!") && !strings.HasPrefix(n.Tag, "!!"):
		// An application's own tag (`description: !md text`): the
		// value is the text written.
		n.Tag = tagStr
	case n.Tag == "!!timestamp":
		// `example: 2024-01-02` is an example string, not a time.Time
		// that the document's data model does not have.
		n.Tag = tagStr
	case nonFinite(n):
		p.l.errorAt(n, "non-json-number", p.path.String(),
			fmt.Sprintf("%s is not a number JSON can hold", n.Value),
			"write a finite number, or quote it to make it a string")
	}
}

// nonFinite reports YAML's infinities and NaN, which JSON has no way to
// write: kin would decode them and fail only when the value is written out,
// naming neither file nor line.
func nonFinite(n *yaml.Node) bool {
	if n.Tag != "!!float" {
		return false
	}
	switch strings.ToLower(strings.TrimLeft(n.Value, "+-")) {
	case ".inf", ".nan":
		return true
	}
	return false
}

// isMergeKey reports a YAML merge key: a plain <<, not a quoted member
// named "<<".
func isMergeKey(k *yaml.Node) bool {
	return k.Kind == yaml.ScalarNode && (k.Tag == tagMerge || (k.Value == "<<" && k.Style == 0 && (k.Tag == "" || k.Tag == tagStr)))
}

// keys retags mapping keys as strings and reports whether the mapping has
// merge keys.
func (p *preparer) keys(m *yaml.Node) (merges bool) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		k := m.Content[i]
		if k.Kind == yaml.AliasNode && k.Alias != nil && k.Alias.Kind == yaml.ScalarNode {
			// A key written as an alias names the anchored text; a copy
			// keeps the anchor's own use unchanged and the key at the
			// line it is written on.
			named := *k.Alias
			named.Anchor = ""
			named.Line, named.Column = k.Line, k.Column
			m.Content[i], k = &named, &named
		}
		switch {
		case isMergeKey(k):
			merges = true
		case k.Kind != yaml.ScalarNode:
			p.l.errorAt(k, "complex-key", p.path.String(),
				"a mapping key is a list or mapping; OpenAPI names members with strings", "use a string key")
		case k.Tag == tagNull:
			p.l.errorAt(k, "null-key", p.path.String(),
				fmt.Sprintf("mapping key %q is null, so it names nothing", k.Value), "quote the key to make it a string")
		default:
			k.Tag = tagStr
		}
	}
	return merges
}

// duplicates settles keys written twice in one mapping: JSON parsers keep
// the last, so the description means the last, and the earlier one goes.
// kin-openapi would refuse the file (Intercom's 2.11 briefly had a
// duplicate `required`).
func (p *preparer) duplicates(m *yaml.Node) {
	n := len(m.Content) / 2
	if n < 2 {
		return
	}
	// dropped[j/2] marks the pair at key index j as superseded.
	var dropped []bool
	supersede := func(j, i int) {
		if dropped == nil {
			dropped = make([]bool, n)
		}
		if !dropped[j/2] {
			dropped[j/2] = true
			p.duplicate(m.Content[j], m.Content[i])
		}
	}
	if n <= 8 {
		// Small mappings, nearly all of them: a scan beats a map.
		for i := 2; i+1 < len(m.Content); i += 2 {
			for j := 0; j < i; j += 2 {
				if m.Content[j].Value == m.Content[i].Value && !isMergeKey(m.Content[i]) {
					supersede(j, i)
				}
			}
		}
	} else {
		last := make(map[string]int, n)
		for i := 0; i+1 < len(m.Content); i += 2 {
			k := m.Content[i]
			if isMergeKey(k) {
				continue
			}
			if j, ok := last[k.Value]; ok {
				supersede(j, i)
			}
			last[k.Value] = i
		}
	}
	if dropped == nil || !p.l.rule(RuleDuplicateKey).Enabled {
		return
	}
	out := make([]*yaml.Node, 0, len(m.Content))
	for i := 0; i+1 < len(m.Content); i += 2 {
		if !dropped[i/2] {
			out = append(out, m.Content[i], m.Content[i+1])
		}
	}
	m.Content = out
}

// duplicate reports the key first as superseded by the key again. A key
// written three times is reported twice, each time pointing at the next.
func (p *preparer) duplicate(first, again *yaml.Node) {
	ptr := p.path.with(first.Value)
	if !p.l.rule(RuleDuplicateKey).Enabled {
		p.l.errorAt(first, RuleDuplicateKey, ptr,
			fmt.Sprintf("key %q is written twice in this mapping (again on line %d)", first.Value, again.Line),
			"delete one of them")
		return
	}
	p.l.repair(first, RuleDuplicateKey, ptr,
		fmt.Sprintf("key %q is written again on line %d; the later value is used, as JSON parsers do", first.Value, again.Line))
}

// merge replaces the merge keys of m by the members they bring in: members
// m writes itself win, then earlier sources over later ones (YAML's merge
// rules, which kin-openapi follows too).
func (p *preparer) merge(m *yaml.Node) {
	if p.tooMany {
		return
	}
	have := make(map[string]bool, len(m.Content)/2)
	for i := 0; i+1 < len(m.Content); i += 2 {
		if !isMergeKey(m.Content[i]) {
			have[m.Content[i].Value] = true
		}
	}
	out := make([]*yaml.Node, 0, len(m.Content))
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if !isMergeKey(k) {
			out = append(out, k, v)
			continue
		}
		var sources []*yaml.Node
		switch src := resolve(v); {
		case src == nil:
		case src.Kind == yaml.MappingNode:
			sources = append(sources, src)
		case src.Kind == yaml.SequenceNode:
			for _, s := range src.Content {
				sources = append(sources, resolve(s))
			}
		default:
			sources = append(sources, src)
		}
		for _, src := range sources {
			if src == nil || src.Kind != yaml.MappingNode {
				p.l.errorAt(k, "bad-merge", p.path.with("<<"),
					"a << merge key must name a mapping or a list of mappings", "merge mappings only")
				continue
			}
			if p.merged += len(src.Content) / 2; p.merged > max(expansionFactor*p.nodes, expansionFloor) {
				// Chained merges can multiply a small file like aliases do.
				p.l.errorAt(k, "alias-expansion", p.path.with("<<"),
					fmt.Sprintf("merge keys bring in more than %d members", p.merged),
					"write the repeated parts once and share them with $ref instead of YAML merge keys")
				p.tooMany = true
				return
			}
			for j := 0; j+1 < len(src.Content); j += 2 {
				if key := src.Content[j]; !have[key.Value] && !isMergeKey(key) {
					have[key.Value] = true
					out = append(out, key, src.Content[j+1])
				}
			}
		}
	}
	m.Content = out
}

// expandedSize counts the nodes of the tree with every alias expanded,
// stopping at limit. Anchored nodes are counted once and remembered, so the
// count is linear in the written size whatever the expansion.
func expandedSize(n *yaml.Node, memo map[*yaml.Node]int, limit int) int {
	if n == nil {
		return 0
	}
	if n.Kind == yaml.AliasNode {
		if n.Alias == nil {
			return 1
		}
		return 1 + expandedSize(n.Alias, memo, limit)
	}
	if n.Anchor != "" {
		if s, ok := memo[n]; ok {
			return s
		}
	}
	size := 1
	for _, c := range n.Content {
		if size += expandedSize(c, memo, limit); size >= limit {
			size = limit
			break
		}
	}
	if n.Anchor != "" {
		memo[n] = size
	}
	return size
}
