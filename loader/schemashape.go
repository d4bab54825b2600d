package loader

import (
	"fmt"
	"slices"

	"go.yaml.in/yaml/v4"

	"github.com/intercom-gen/intercom-gen/loader/diag"
)

// Two schema shapes that OpenAPI 3.0 does not have, but whose meaning is
// plain from how they are written. Both occur in Intercom's published
// history (see specs/repairs.yaml for the snapshots); kin-openapi refuses
// to decode either, so without a repair the whole description fails.

// propertiesWithoutKey reads a schema whose `type` is itself a mapping as
// an object whose members are its properties:
//
//	ticket_type_attributes:        ticket_type_attributes:
//	  type:                          type: object
//	    type: string        →        properties:
//	  data:                            type: {type: string}
//	    type: array                    data: {type: array, …}
//
// It applies only when every member of the schema is a mapping (a
// schema), so a `type` mapping beside real keywords stays the decode error
// it is.
func (w *walker) propertiesWithoutKey(m *yaml.Node) {
	t := mapGet(m, "type")
	if t == nil || t.Kind != yaml.MappingNode || !w.l.rule(RulePropertiesWithoutKey).Enabled {
		return
	}
	var names []string
	for i := 0; i+1 < len(m.Content); i += 2 {
		if v := resolve(m.Content[i+1]); v == nil || v.Kind != yaml.MappingNode {
			return
		}
		names = append(names, m.Content[i].Value)
	}
	props := mapNode(m, m.Content...)
	key := m.Content[mapIndex(m, "type")]
	m.Content = []*yaml.Node{strNode("type", key), strNode("object", key), strNode("properties", key), props}
	w.l.repair(key, RulePropertiesWithoutKey, w.path.String()+"/type",
		fmt.Sprintf("a schema whose `type` is a schema, written without `properties:`, was read as an object with the properties %v", names))
}

// requiredBoolean moves the JSON Schema draft-3 `required: true|false`
// written on a property into its parent's `required` list (true), or
// drops it (false); OpenAPI 3.0 only has the list. A boolean `required`
// on a schema that is not a property is dropped with a report.
func (w *walker) requiredBoolean(m *yaml.Node) {
	if !w.l.rule(RuleRequiredBoolean).Enabled {
		return
	}
	ptr := w.path.String()
	if props := mapGet(m, "properties"); props != nil && props.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(props.Content); i += 2 {
			name := props.Content[i].Value
			p := resolve(props.Content[i+1])
			j := boolRequired(p)
			if j < 0 {
				continue
			}
			key, val := p.Content[j], p.Content[j+1]
			p.Content = append(p.Content[:j:j], p.Content[j+2:]...)
			at := ptr + "/properties/" + diag.EscapeToken(name) + "/required"
			if val.Value != "true" {
				w.l.repair(key, RuleRequiredBoolean, at,
					fmt.Sprintf("`required: %s` on property %q (JSON Schema draft 3) was dropped: OpenAPI lists required properties in the parent's `required`", val.Value, name))
				continue
			}
			list := mapGet(m, "required")
			if list == nil || list.Kind != yaml.SequenceNode {
				list = seqNode(key)
				mapSet(m, "required", list, key)
			}
			if !slices.ContainsFunc(list.Content, func(n *yaml.Node) bool { return n.Value == name }) {
				list.Content = append(list.Content, strNode(name, key))
			}
			w.l.repair(key, RuleRequiredBoolean, at,
				fmt.Sprintf("`required: true` on property %q (JSON Schema draft 3) was read as %q listed in the parent's `required`", name, name))
		}
	}
	if j := boolRequired(m); j >= 0 {
		key := m.Content[j]
		m.Content = append(m.Content[:j:j], m.Content[j+2:]...)
		w.l.repair(key, RuleRequiredBoolean, ptr+"/required",
			"a boolean `required` on a schema that is not a property was dropped: OpenAPI's `required` is a list of property names")
	}
}

// boolRequired returns the index of a schema's `required` key when its
// value is a boolean, or -1.
func boolRequired(m *yaml.Node) int {
	i := mapIndex(m, "required")
	if i < 0 {
		return -1
	}
	if v := resolve(m.Content[i+1]); v != nil && v.Kind == yaml.ScalarNode && v.ShortTag() == "!!bool" {
		return i
	}
	return -1
}
