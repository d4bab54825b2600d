package verify

import (
	"github.com/getkin/kin-openapi/openapi3"
)

// sample makes the smallest value a schema accepts, for requests the
// description gives no example of: the schema's example or default when it
// has one, else the required properties only, the first enum value, the
// first union branch, an empty array.
func sample(sr *openapi3.SchemaRef, depth int) any {
	if sr == nil || sr.Value == nil || depth > 12 {
		return map[string]any{}
	}
	s := sr.Value
	if s.Example != nil {
		return s.Example
	}
	if s.Default != nil {
		return s.Default
	}
	for _, v := range s.Enum {
		if v != nil {
			return v
		}
	}
	if len(s.AllOf) > 0 {
		merged := map[string]any{}
		for _, part := range s.AllOf {
			if m, ok := sample(part, depth+1).(map[string]any); ok {
				for k, v := range m {
					merged[k] = v
				}
			}
		}
		for k, v := range requiredProps(s, depth) {
			merged[k] = v
		}
		return merged
	}
	if len(s.Properties) == 0 {
		for _, branches := range []openapi3.SchemaRefs{s.OneOf, s.AnyOf} {
			for _, br := range branches {
				if br != nil && br.Value != nil && (br.Ref != "" || !onlyRequired(br.Value)) {
					return sample(br, depth+1)
				}
			}
		}
	}
	switch {
	case s.Type == nil || s.Type.IsEmpty():
		if len(s.Properties) > 0 {
			return requiredProps(s, depth)
		}
		return map[string]any{}
	case s.Type.Is("object"):
		return requiredProps(s, depth)
	case s.Type.Is("array"):
		if s.MinItems > 0 {
			return []any{sample(s.Items, depth+1)}
		}
		return []any{}
	case s.Type.Is("integer"):
		if s.Format == "date-time" || s.Format == "timestamp" {
			return 1700000000
		}
		return 1
	case s.Type.Is("number"):
		return 1.5
	case s.Type.Is("boolean"):
		return true
	case s.Type.Is("string"):
		switch s.Format {
		case "date-time":
			return "2024-01-01T00:00:00Z"
		case "date":
			return "2024-01-01"
		case "email":
			return "user@example.com"
		case "uri", "url":
			return "https://example.com"
		case "uuid":
			return "123e4567-e89b-12d3-a456-426614174000"
		case "byte":
			return "aW50ZXJjb20tZ2Vu"
		}
		if s.MinLength > 6 {
			b := make([]byte, s.MinLength)
			for i := range b {
				b[i] = 'a'
			}
			return string(b)
		}
		return "sample"
	}
	return map[string]any{}
}

// requiredProps samples the required properties of an object; when an
// anyOf/oneOf lists alternatives of required names, it satisfies the first.
func requiredProps(s *openapi3.Schema, depth int) map[string]any {
	out := map[string]any{}
	required := append([]string(nil), s.Required...)
	for _, branches := range []openapi3.SchemaRefs{s.AnyOf, s.OneOf} {
		for _, br := range branches {
			if br != nil && br.Value != nil && onlyRequired(br.Value) {
				required = append(required, br.Value.Required...)
				break
			}
		}
	}
	for _, name := range required {
		if p := s.Properties[name]; p != nil {
			out[name] = sample(p, depth+1)
		}
	}
	return out
}

func onlyRequired(s *openapi3.Schema) bool {
	return (s.Type == nil || s.Type.IsEmpty()) && len(s.Properties) == 0 && len(s.Required) > 0 &&
		len(s.AllOf)+len(s.OneOf)+len(s.AnyOf) == 0
}
