package loader

import (
	"fmt"
	"strings"

	yaml "go.yaml.in/yaml/v4"

	"github.com/intercom-gen/intercom-gen/loader/diag"
)

// referenceSections are the component kinds whose members may be a bare
// Reference Object (the whole member is the $ref). A chain of them that
// comes back to where it started never reaches a definition: kin-openapi
// then leaves the references unresolved and the operation loses its
// parameters, its body or its responses without a word. Such cycles are
// refused, with the chain. (Schema cycles made only of $refs are a warning,
// refCycles in schema31.go: a schema that says nothing stands for any
// value.)
var referenceSections = []string{"parameters", "responses", "requestBodies", "headers", "examples", "links", "callbacks", "securitySchemes"}

// componentRefCycles reports every cycle of bare references among the
// members of one component section, and among path items.
func (l *load) componentRefCycles(top *yaml.Node) {
	components := resolve(mapGet(top, "components"))
	for _, sec := range referenceSections {
		l.bareRefCycles(resolve(mapGet(components, sec)), "#/components/"+sec+"/", []string{"components", sec}, sec)
	}
	l.bareRefCycles(resolve(mapGet(top, "paths")), "#/paths/", []string{"paths"}, "path items")
}

// bareRefCycles finds the cycles among the members of m that are a bare
// $ref to another member (prefix is how a reference names a member).
func (l *load) bareRefCycles(m *yaml.Node, prefix string, base []string, kind string) {
	if m == nil || m.Kind != yaml.MappingNode {
		return
	}
	next := map[string]string{}
	refNode := map[string]*yaml.Node{}
	var order []string
	for i := 0; i+1 < len(m.Content); i += 2 {
		name := m.Content[i].Value
		v := resolve(m.Content[i+1])
		if v == nil || v.Kind != yaml.MappingNode {
			continue
		}
		ref := mapGet(v, "$ref")
		if ref == nil || ref.Kind != yaml.ScalarNode || !strings.HasPrefix(ref.Value, prefix) {
			continue
		}
		next[name] = unescapeToken(strings.TrimPrefix(ref.Value, prefix))
		refNode[name] = ref
		order = append(order, name)
	}
	for _, chain := range cyclesOf(order, next) {
		start := chain[0]
		ptr := diag.Pointer(append(append([]string(nil), base...), start, "$ref")...)
		msg := fmt.Sprintf("%s %s refer only to one another, so none of them is defined; the operations using them would lose them",
			kind, strings.Join(append(chain, start), " → "))
		if len(chain) == 1 {
			msg = fmt.Sprintf("%s: %s refers only to itself, so it is not defined; the operations using it would lose it", kind, start)
		}
		l.errorAt(refNode[start], "ref-cycle", ptr, msg,
			"define one of them in full, or point its $ref at one that is defined")
	}
}

// cyclesOf follows, from each name in order, the one reference it is
// (next), and returns every chain that comes back to where it started:
// each cycle once, starting at its member that comes first in order. A
// chain that runs into a cycle not through its start is not one.
func cyclesOf(order []string, next map[string]string) [][]string {
	var cycles [][]string
	reported := map[string]bool{}
	for _, start := range order {
		if reported[start] {
			continue
		}
		chain := []string{start}
		seen := map[string]bool{start: true}
		for cur := start; ; {
			n, ok := next[cur]
			if !ok || (seen[n] && n != start) {
				break
			}
			if n == start {
				for _, c := range chain {
					reported[c] = true
				}
				cycles = append(cycles, chain)
				break
			}
			seen[n] = true
			chain = append(chain, n)
			cur = n
		}
	}
	return cycles
}

// unescapeToken undoes a JSON pointer token's escapes (~1 is "/", ~0 "~").
func unescapeToken(t string) string {
	return strings.NewReplacer("~1", "/", "~0", "~").Replace(t)
}
