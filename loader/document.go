package loader

import (
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	yaml "go.yaml.in/yaml/v4"

	"github.com/intercom-gen/intercom-gen/loader/diag"
)

// Document is a loaded, repaired description.
type Document struct {
	// File is the path as given.
	File string
	// Spec is the kin-openapi document, repaired, with references resolved.
	Spec *openapi3.T
	// Version is the API version the description documents: the default of
	// its intercom_version schema, else info.version ("2.11", "Preview").
	Version string

	// root is the repaired tree kin decoded: positions and key order,
	// which kin's maps do not keep.
	root *yaml.Node

	mu    sync.Mutex
	nodes map[string]*yaml.Node           // pointer → node, as asked
	index map[*yaml.Node]map[string]int32 // large mapping → key → content index
}

// Position returns the line and column of the node at the JSON pointer in
// the repaired tree, (0, 0) when there is none. Nodes a repair added carry
// the position of what caused them.
func (d *Document) Position(ptr string) (line, col int) {
	if n := d.node(ptr); n != nil {
		return n.Line, n.Column
	}
	return 0, 0
}

// Keys returns the keys of the mapping at ptr in source order, nil when
// ptr names no mapping. kin-openapi keeps properties, paths and schemas in
// Go maps; this is how the generator keeps the description's order.
func (d *Document) Keys(ptr string) []string {
	n := d.node(ptr)
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	keys := make([]string, 0, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		keys = append(keys, n.Content[i].Value)
	}
	return keys
}

// Diag makes a diagnostic about the element at ptr, located in the file.
func (d *Document) Diag(sev diag.Severity, code, ptr, msg, hint string) diag.Diagnostic {
	line, col := d.Position(ptr)
	return diag.Diagnostic{Severity: sev, Code: code, File: d.File, Line: line, Col: col, Pointer: ptr, Message: msg, Hint: hint}
}

// indexFrom is the mapping size from which lookups go through a key index
// rather than a scan: components/schemas holds hundreds of entries and the
// generator asks for each of them, often more than once.
const indexFrom = 16

// node resolves ptr, remembering the answer: the generator asks about the
// same schemas and properties from several places. Safe for concurrent use.
func (d *Document) node(ptr string) *yaml.Node {
	if d == nil || d.root == nil {
		return nil
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if n, ok := d.nodes[ptr]; ok {
		return n
	}
	n := d.walk(ptr)
	if d.nodes == nil {
		d.nodes = map[string]*yaml.Node{}
	}
	d.nodes[ptr] = n
	return n
}

func (d *Document) walk(ptr string) *yaml.Node {
	n := d.root
	for _, tok := range diag.SplitPointer(ptr) {
		n = resolve(n)
		if n == nil {
			return nil
		}
		if n.Kind == yaml.MappingNode && len(n.Content) >= 2*indexFrom {
			i, ok := d.keyIndex(n)[tok]
			if !ok {
				return nil
			}
			n = n.Content[i+1]
			continue
		}
		if n = child(n, tok); n == nil {
			return nil
		}
	}
	return resolve(n)
}

// keyIndex indexes a large mapping's keys on first use.
func (d *Document) keyIndex(m *yaml.Node) map[string]int32 {
	if idx, ok := d.index[m]; ok {
		return idx
	}
	idx := make(map[string]int32, len(m.Content)/2)
	for i := 0; i+1 < len(m.Content); i += 2 {
		idx[m.Content[i].Value] = int32(i)
	}
	if d.index == nil {
		d.index = map[*yaml.Node]map[string]int32{}
	}
	d.index[m] = idx
	return idx
}

// Release lets the garbage collector have the tree and the kin-openapi
// document once nothing needs them any more (the generator calls it when
// its model is built): Spec becomes nil, Position, Keys and Diag no longer
// locate anything. File and Version stay.
func (d *Document) Release() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.Spec, d.root, d.nodes, d.index = nil, nil, nil, nil
}
