package loader

import (
	"runtime"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	yaml "go.yaml.in/yaml/v4"
)

// kin-openapi's decode of the tree is another third of a load, on one core.
// Its document type decodes each top-level member on its own (every
// openapi3 type has an UnmarshalYAML that decodes its node with a decoder
// of its own), and nothing it keeps is shared between members: the caches
// of struct fields are sync.Maps, and origins are off (they are recorded
// only inside kin's own loader). So the document is decoded here as two
// documents on two cores, one with the first part of paths and every other
// member but components, the other with the rest of paths and components,
// sized to take about as long, and the halves are put together.
//
// Whatever could make that differ from the one decode gives up and the
// whole tree is decoded as before: YAML aliases (the decoder counts them
// per decode to refuse excessive aliasing, and an alias may cross the
// halves), merge keys, a paths member that is not a plain mapping, and any
// decode error, so errors keep their text and position.

// decodeDocument decodes the document tree into kin-openapi's type.
func decodeDocument(root *yaml.Node, aliases bool) (*openapi3.T, error) {
	if !aliases && runtime.GOMAXPROCS(0) > 1 {
		if spec := decodeInHalves(root); spec != nil {
			return spec, nil
		}
	}
	spec := &openapi3.T{}
	if err := root.Decode(spec); err != nil {
		return nil, err
	}
	return spec, nil
}

// decodeInHalves decodes the two halves of the document on two goroutines,
// or returns nil.
func decodeInHalves(root *yaml.Node) *openapi3.T {
	first, second := splitDocument(root)
	if first == nil {
		return nil
	}
	var a, b openapi3.T
	var errA, errB error
	var wg sync.WaitGroup
	wg.Go(func() { errB = second.Decode(&b) })
	errA = first.Decode(&a)
	wg.Wait()
	if errA != nil || errB != nil {
		return nil
	}
	a.Components = b.Components
	if b.Paths != nil {
		if a.Paths == nil {
			// paths was split, so both halves have some.
			return nil
		}
		for k, v := range b.Paths.Map() {
			a.Paths.Set(k, v)
		}
		for k, v := range b.Paths.Extensions {
			if a.Paths.Extensions == nil {
				a.Paths.Extensions = map[string]any{}
			}
			a.Paths.Extensions[k] = v
		}
	}
	return &a
}

// splitDocument makes the two halves: mappings like the document's top
// one, holding its members (and paths' entries) by reference. It returns
// nils when the document is not worth or not safe to split.
func splitDocument(root *yaml.Node) (first, second *yaml.Node) {
	if root.Kind != yaml.DocumentNode || len(root.Content) != 1 {
		return nil, nil
	}
	top := root.Content[0]
	if top.Kind != yaml.MappingNode {
		return nil, nil
	}
	var paths, components *yaml.Node
	for i := 0; i+1 < len(top.Content); i += 2 {
		k := top.Content[i]
		if isMergeKey(k) {
			return nil, nil
		}
		switch k.Value {
		case "paths":
			paths = top.Content[i+1]
		case "components":
			components = top.Content[i+1]
		}
	}
	if paths == nil || components == nil || paths.Kind != yaml.MappingNode || len(paths.Content) < 4 {
		return nil, nil
	}
	for i := 0; i < len(paths.Content); i += 2 {
		if isMergeKey(paths.Content[i]) {
			return nil, nil
		}
	}
	cut := pathsCut(paths, components)
	firstPaths, secondPaths := withContent(paths, paths.Content[:cut]), withContent(paths, paths.Content[cut:])
	var a, b []*yaml.Node
	for i := 0; i+1 < len(top.Content); i += 2 {
		k, v := top.Content[i], top.Content[i+1]
		switch v {
		case paths:
			a = append(a, k, firstPaths)
			b = append(b, k, secondPaths)
		case components:
			b = append(b, k, v)
		default:
			a = append(a, k, v)
		}
	}
	return withContent(top, a), withContent(top, b)
}

// pathsCut is the index in paths.Content of the first entry of the second
// half, chosen so that its path entries and components span about as many
// lines as the first half's (lines are a fair measure of decoding work).
// Both halves keep at least one path.
func pathsCut(paths, components *yaml.Node) int {
	last := lastLine(components)
	total := (lastLine(paths) - paths.Line) + (last - components.Line)
	want := paths.Line + total/2
	cut := 2
	for cut+2 < len(paths.Content) && paths.Content[cut].Line < want {
		cut += 2
	}
	return cut
}

// lastLine is the line of the last node under n.
func lastLine(n *yaml.Node) int {
	for len(n.Content) > 0 {
		n = n.Content[len(n.Content)-1]
	}
	return n.Line
}

// withContent is a copy of the collection n holding content instead.
func withContent(n *yaml.Node, content []*yaml.Node) *yaml.Node {
	c := *n
	c.Content = content
	return &c
}
