package loader

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v4"

	"github.com/intercom-gen/intercom-gen/loader/diag"
)

// openAPITypes are the values `type` may take in OpenAPI 3.0.
var openAPITypes = map[string]bool{
	"string": true, "number": true, "integer": true, "boolean": true, "array": true, "object": true,
}

// schema31 rewrites the JSON Schema 2020-12 spellings of OpenAPI 3.1 that
// OpenAPI 3.0 can say another way, so that a description mixing the two
// means what its author meant rather than "any value":
//
//	type: [string, "null"]   →  type: string, nullable: true
//	type: [string, integer]  →  anyOf: [{type: string}, {type: integer}]
//	const: x                 →  enum: [x]
//
// A `type` no version of OpenAPI has (`bigint`) is reported: the schema
// then stands for any value.
func (w *walker) schema31(m *yaml.Node) {
	ptr := w.path.String()
	if t := mapGet(m, "type"); t != nil {
		switch t.Kind {
		case yaml.SequenceNode:
			if w.l.rule(RuleSchema31).Enabled {
				w.typeList(m, t, ptr)
			}
		case yaml.ScalarNode:
			if !openAPITypes[t.Value] {
				hint := "use one of string, number, integer, boolean, array or object"
				if t.Value == "null" {
					hint = "OpenAPI 3.0 writes a null-only value as `nullable: true` beside a type"
				}
				w.l.add(diag.Warning, t, "unknown-type", ptr+"/type",
					fmt.Sprintf("type %q is not an OpenAPI type; the schema is generated as any value", t.Value), hint)
			}
		}
	}
	if c := mapIndex(m, "const"); c >= 0 && w.l.rule(RuleSchema31).Enabled {
		if mapIndex(m, "enum") >= 0 {
			w.l.add(diag.Warning, m.Content[c], "unknown-keyword", ptr+"/const",
				"`const` beside `enum` is OpenAPI 3.1; OpenAPI 3.0 ignores it", "keep only the enum")
			return
		}
		value := m.Content[c+1]
		key := m.Content[c]
		m.Content = append(m.Content[:c:c], m.Content[c+2:]...)
		mapSet(m, "enum", seqNode(key, value), key)
		w.l.repair(key, RuleSchema31, ptr+"/const", "`const` (OpenAPI 3.1) was read as a one-value enum")
	}
}

// typeList rewrites a `type` written as a list.
func (w *walker) typeList(m, t *yaml.Node, ptr string) {
	var types []string
	nullable := false
	for _, item := range t.Content {
		v := resolve(item)
		switch {
		case v == nil || v.Kind != yaml.ScalarNode:
			w.l.add(diag.Warning, item, "unknown-type", ptr+"/type", "a `type` list holds something other than type names; the schema is generated as any value",
				"write one type, with `nullable: true` if null is allowed")
			return
		case v.Value == "null":
			nullable = true
		case !openAPITypes[v.Value]:
			w.l.add(diag.Warning, v, "unknown-type", ptr+"/type",
				fmt.Sprintf("type %q is not an OpenAPI type; the schema is generated as any value", v.Value),
				"use one of string, number, integer, boolean, array or object")
			return
		default:
			types = append(types, v.Value)
		}
	}
	written := "[" + strings.Join(typeNames(t), ", ") + "]"
	switch {
	case len(types) == 0:
		w.l.add(diag.Warning, t, "unknown-type", ptr+"/type",
			"a `type` list that allows only null; the schema is generated as any value",
			"OpenAPI 3.0 writes nullable values as `nullable: true` beside a type")
		return
	case len(types) == 1:
		mapSet(m, "type", strNode(types[0], t), t)
	default:
		if mapIndex(m, "anyOf") >= 0 {
			w.l.add(diag.Warning, t, "unknown-type", ptr+"/type",
				fmt.Sprintf("type %s lists several types beside an anyOf; the schema is generated as any value", written),
				"move the types into the anyOf, one branch each")
			return
		}
		mapDelete(m, "type")
		branches := make([]*yaml.Node, len(types))
		for i, typ := range types {
			branches[i] = mapNode(t, strNode("type", t), strNode(typ, t))
		}
		mapSet(m, "anyOf", seqNode(t, branches...), t)
	}
	if nullable {
		mapSet(m, "nullable", trueNode(t), t)
	}
	how := "type " + types[0]
	if len(types) > 1 {
		how = "an anyOf of " + strings.Join(types, ", ")
	}
	if nullable {
		how += ", nullable"
	}
	w.l.repair(t, RuleSchema31, ptr+"/type", fmt.Sprintf("type %s (OpenAPI 3.1) was read as %s", written, how))
}

func typeNames(t *yaml.Node) []string {
	names := make([]string, len(t.Content))
	for i, item := range t.Content {
		names[i] = scalarValue(item)
	}
	return names
}

// refCycles reports component schemas that are nothing but a $ref and
// whose chain of references comes back to itself (a → b → c → a, or a
// schema naming itself): none of them says what a value looks like, so
// all of them stand for any value. Each cycle is reported once, at the
// first of its members in the description.
func (l *load) refCycles(top *yaml.Node) {
	schemas := mapGet(mapGet(top, "components"), "schemas")
	if schemas == nil || schemas.Kind != yaml.MappingNode {
		return
	}
	const prefix = "#/components/schemas/"
	// next is the schema a pure-$ref schema names.
	next := map[string]string{}
	refNode := map[string]*yaml.Node{}
	var order []string
	for i := 0; i+1 < len(schemas.Content); i += 2 {
		name := schemas.Content[i].Value
		s := resolve(schemas.Content[i+1])
		if s == nil || s.Kind != yaml.MappingNode || mapIndex(s, "$ref") < 0 {
			continue
		}
		// Only documentation beside the $ref: the schema is the reference.
		pure := true
		for j := 0; j+1 < len(s.Content); j += 2 {
			switch k := s.Content[j].Value; {
			case k == "$ref", k == "description", k == "title", isExtension(k):
			default:
				pure = false
			}
		}
		ref := scalarValue(mapGet(s, "$ref"))
		if !pure || !strings.HasPrefix(ref, prefix) {
			continue
		}
		target := unescapeToken(strings.TrimPrefix(ref, prefix))
		next[name] = target
		refNode[name] = s.Content[mapIndex(s, "$ref")+1]
		order = append(order, name)
	}
	for _, chain := range cyclesOf(order, next) {
		start := chain[0]
		msg := fmt.Sprintf("schema %s refers only to itself, so it does not say what a value is; it is generated as any value", start)
		if len(chain) > 1 {
			msg = fmt.Sprintf("schemas %s only refer to one another, so none says what a value is; they are generated as any value",
				strings.Join(append(chain, start), " → "))
		}
		l.add(diag.Warning, refNode[start], "ref-cycle", diag.Pointer("components", "schemas", start, "$ref"), msg,
			"give one of them a schema of its own (a type, properties), or point its $ref at a schema that has one")
	}
}
