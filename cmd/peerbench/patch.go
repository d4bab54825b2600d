package main

import (
	"fmt"
	"os"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v4"
)

// The peers cannot read Intercom's descriptions as published: oapi-codegen
// and ogen stop at the first defect. patchForPeers makes the smallest edits
// that let both generate a compiling client, so that they can be measured at
// all. intercom-gen always reads the unmodified file.
//
//	dangling-custom-attributes  2.7–2.11 reference #/components/schemas/custom_attributes,
//	                            which is never defined: define it (a map of string | integer).
//	path-param-in-query         2.14+ declare {job_identifier} "in: query": move it to the path.
//	go-name-collisions          ticket_type and conversation_attribute_list_type collide with
//	                            the names both tools give inline enums: name them explicitly.
//	integer-date-time           "type: integer, format: date-time" breaks ogen's output; both
//	                            tools map it to an integer anyway: drop the format.
//	preview-version-names       Preview's intercom_version_preview schema collides with the
//	                            constant for the "Preview" value of intercom_version.
//	custom-attributes-datetime  the datetime (string | integer) alternative of the custom
//	                            attribute values repeats string and integer; ogen rejects it.
func patchForPeers(src []byte) ([]byte, []string, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, nil, err
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 {
		return nil, nil, fmt.Errorf("not a YAML document")
	}
	root := doc.Content[0]
	var applied []string
	note := func(format string, args ...any) { applied = append(applied, fmt.Sprintf(format, args...)) }

	schemas := get(get(root, "components"), "schemas")
	if schemas == nil {
		return nil, nil, fmt.Errorf("no components.schemas")
	}

	// dangling-custom-attributes
	if get(schemas, "custom_attributes") == nil && strings.Contains(string(src), "#/components/schemas/custom_attributes") {
		set(schemas, "custom_attributes", mapping(
			"type", scalar("object"),
			"additionalProperties", mapping("anyOf", sequence(
				mapping("type", scalar("string")),
				mapping("type", scalar("integer")),
			)),
		))
		note("dangling-custom-attributes")
	}

	// path-param-in-query
	paths := get(root, "paths")
	if paths != nil {
		for i := 0; i+1 < len(paths.Content); i += 2 {
			path, item := paths.Content[i].Value, paths.Content[i+1]
			for _, params := range operationParams(item) {
				for _, p := range params.Content {
					name, in := get(p, "name"), get(p, "in")
					if name == nil || in == nil || in.Value == "path" || !strings.Contains(path, "{"+name.Value+"}") {
						continue
					}
					in.Value = "path"
					set(p, "required", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"})
					note("path-param-in-query %s %s", path, name.Value)
				}
			}
		}
	}

	// go-name-collisions
	for _, name := range []string{"ticket_type", "conversation_attribute_list_type"} {
		if s := get(schemas, name); s != nil && s.Kind == yaml.MappingNode {
			goName := pascal(name) + "Object"
			set(s, "x-go-name", scalar(goName))
			set(s, "x-ogen-name", scalar(goName))
			note("go-name-collisions %s", name)
		}
	}

	// integer-date-time
	n := dropIntegerDateTime(root)
	if n > 0 {
		note("integer-date-time (%d sites)", n)
	}

	// preview-version-names
	if s := get(schemas, "intercom_version_preview"); s != nil && s.Kind == yaml.MappingNode {
		set(s, "x-ogen-name", scalar("IntercomVersionPreviewSchema"))
		if v := get(schemas, "intercom_version"); v != nil {
			if enum := get(v, "enum"); enum != nil && enum.Kind == yaml.SequenceNode {
				names := &yaml.Node{Kind: yaml.SequenceNode}
				for _, e := range enum.Content {
					names.Content = append(names.Content, scalar("Version"+nonAlnum.ReplaceAllString(e.Value, "_")))
				}
				set(v, "x-enum-varnames", names)
			}
		}
		note("preview-version-names")
	}

	// custom-attributes-datetime
	if ca := get(schemas, "custom_attributes"); ca != nil {
		if alts := get(get(ca, "additionalProperties"), "anyOf"); alts != nil {
			kept := alts.Content[:0]
			for _, a := range alts.Content {
				if ref := get(a, "$ref"); ref != nil && ref.Value == "#/components/schemas/datetime" {
					note("custom-attributes-datetime")
					continue
				}
				kept = append(kept, a)
			}
			alts.Content = kept
		}
	}

	out, err := yaml.Marshal(&doc)
	return out, applied, err
}

// operationParams lists the parameter sequences of a path item and of its
// operations.
func operationParams(item *yaml.Node) []*yaml.Node {
	var out []*yaml.Node
	if p := get(item, "parameters"); p != nil && p.Kind == yaml.SequenceNode {
		out = append(out, p)
	}
	for _, m := range []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"} {
		if p := get(get(item, m), "parameters"); p != nil && p.Kind == yaml.SequenceNode {
			out = append(out, p)
		}
	}
	return out
}

// dropIntegerDateTime removes "format: date-time" beside "type: integer"
// anywhere in the tree and counts the sites.
func dropIntegerDateTime(n *yaml.Node) int {
	count := 0
	if n.Kind == yaml.MappingNode {
		if t, f := get(n, "type"), get(n, "format"); t != nil && f != nil && t.Value == "integer" && f.Value == "date-time" {
			del(n, "format")
			count++
		}
	}
	for _, c := range n.Content {
		count += dropIntegerDateTime(c)
	}
	return count
}

func get(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

func set(m *yaml.Node, key string, v *yaml.Node) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			m.Content[i+1] = v
			return
		}
	}
	m.Content = append(m.Content, scalar(key), v)
}

func del(m *yaml.Node, key string) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			m.Content = append(m.Content[:i], m.Content[i+2:]...)
			return
		}
	}
}

func scalar(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
}

func mapping(kv ...any) *yaml.Node {
	n := &yaml.Node{Kind: yaml.MappingNode}
	for i := 0; i+1 < len(kv); i += 2 {
		n.Content = append(n.Content, scalar(kv[i].(string)), kv[i+1].(*yaml.Node))
	}
	return n
}

func sequence(items ...*yaml.Node) *yaml.Node {
	return &yaml.Node{Kind: yaml.SequenceNode, Content: items}
}

var nonAlnum = regexp.MustCompile(`[^A-Za-z0-9]+`)

// pascal is enough Go naming for the few names above.
func pascal(s string) string {
	var b strings.Builder
	for _, w := range nonAlnum.Split(s, -1) {
		if w != "" {
			b.WriteString(strings.ToUpper(w[:1]) + w[1:])
		}
	}
	return b.String()
}

// writePatched writes the peers' input for one description.
func writePatched(src, dst string) ([]string, error) {
	data, err := os.ReadFile(src)
	if err != nil {
		return nil, err
	}
	out, applied, err := patchForPeers(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", src, err)
	}
	return applied, os.WriteFile(dst, out, 0o644)
}
