package loader

import (
	"fmt"
	"math"
	"regexp"
	"strconv"

	"go.yaml.in/yaml/v4"

	"github.com/intercom-gen/intercom-gen/loader/diag"
)

// enumKinds warns about enum values of another JSON kind than the schema's
// type (an object or a number in a string enum, a string in an integer
// one) and about an untyped enum mixing kinds. The generator cannot make
// constants of one Go type for such an enum, so the field becomes a plain
// value of the schema's type (or any value): without the warning the
// constants would vanish silently.
func (w *walker) enumKinds(m *yaml.Node) {
	e := resolve(mapGet(m, "enum"))
	if e == nil || e.Kind != yaml.SequenceNode {
		return
	}
	ptr := w.path.String() + "/enum"
	t := resolve(mapGet(m, "type"))
	if t != nil && t.Kind == yaml.ScalarNode && openAPITypes[t.Value] {
		for i, v := range e.Content {
			v = resolve(v)
			if v == nil || fitsType(v, t.Value) {
				continue
			}
			result := "the generated field, a plain " + t.Value + ", cannot hold it"
			if t.Value == "string" {
				result = "the type is generated as a plain string, without constants"
			}
			w.l.add(diag.Warning, v, "enum-kind", fmt.Sprintf("%s/%d", ptr, i),
				fmt.Sprintf("enum value %s is %s, not %s as the schema's type says; %s", shortValue(v), kindName(v), article(t.Value), result),
				"write the value as the type says (quote it, for a string) or correct the schema's type")
			return
		}
		return
	}
	if t != nil {
		return // no type, or one reported elsewhere
	}
	first := ""
	for i, v := range e.Content {
		v = resolve(v)
		if v == nil || v.ShortTag() == "!!null" {
			continue
		}
		k := kindName(v)
		if v.ShortTag() == "!!int" || v.ShortTag() == "!!float" {
			k = "a number"
		}
		if first == "" {
			first = k
			continue
		}
		if k != first {
			w.l.add(diag.Warning, v, "enum-kind", fmt.Sprintf("%s/%d", ptr, i),
				fmt.Sprintf("the enum has no type and mixes kinds (%s, then %s %s); the field is generated as any value, without constants", first, k, shortValue(v)),
				"give the schema a type and write every value as that type says")
			return
		}
	}
}

// fitsType reports whether a YAML value is of the JSON kind an OpenAPI type
// names; null fits every type (nullable is checked elsewhere).
func fitsType(v *yaml.Node, typ string) bool {
	tag := v.ShortTag()
	if tag == "!!null" {
		return true
	}
	switch typ {
	case "string":
		return tag == "!!str"
	case "integer":
		// JSON Schema counts 1.0 as an integer; a literal too large for
		// int64 (which YAML resolves as a float) is one as well.
		if tag == "!!float" {
			f, err := strconv.ParseFloat(v.Value, 64)
			return err == nil && f == math.Trunc(f) || integerText.MatchString(v.Value)
		}
		return tag == "!!int"
	case "number":
		return tag == "!!int" || tag == "!!float"
	case "boolean":
		return tag == "!!bool"
	case "object":
		return v.Kind == yaml.MappingNode
	case "array":
		return v.Kind == yaml.SequenceNode
	}
	return true
}

var integerText = regexp.MustCompile(`^[-+]?[0-9]+$`)

// kindName names a YAML value's JSON kind, with its article.
func kindName(v *yaml.Node) string {
	switch v.Kind {
	case yaml.MappingNode:
		return "an object"
	case yaml.SequenceNode:
		return "an array"
	}
	switch v.ShortTag() {
	case "!!str":
		return "a string"
	case "!!int":
		return "an integer"
	case "!!float":
		return "a number"
	case "!!bool":
		return "a boolean"
	}
	return "a " + v.ShortTag()
}

// shortValue quotes a value for a message, cut to a readable length.
func shortValue(v *yaml.Node) string {
	switch v.Kind {
	case yaml.MappingNode:
		return "{…}"
	case yaml.SequenceNode:
		return "[…]"
	}
	s := v.Value
	if r := []rune(s); len(r) > 40 {
		s = string(r[:40]) + "…"
	}
	return fmt.Sprintf("%q", s)
}

func article(typ string) string {
	switch typ {
	case "integer", "object", "array":
		return "an " + typ
	}
	return "a " + typ
}
