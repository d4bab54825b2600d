package verify

import (
	"encoding/json"
	"errors"
	"io"
	"maps"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
)

// useFormDecoder makes openapi3filter read URL-encoded bodies with
// decodeForm. Its own decoder refuses the encodings OpenAPI gives objects
// by default (form style, exploded: one field per member) and a property
// sent as JSON (encoding.contentType), so it could not validate such a
// form at all. The registry is the package's, hence done once.
var useFormDecoder = sync.OnceFunc(func() {
	openapi3filter.RegisterBodyDecoder("application/x-www-form-urlencoded", decodeForm)
})

// decodeForm decodes a URL-encoded body into the JSON-like value its
// schema describes, reading each property as its encoding says (OpenAPI's
// form style with explode by default): a scalar from its field; a list
// from its repeated field, or one field joined by commas, spaces or pipes;
// an object from one field per member (exploded), from name[member]
// fields (deepObject), or from name=k1,v1,… (form, not exploded); JSON
// text when the encoding's content type is JSON. Scalars are read as the
// property's type says; a value that does not read stays text, for the
// validation to refuse.
func decodeForm(body io.Reader, _ http.Header, schema *openapi3.SchemaRef, encFn openapi3filter.EncodingFn) (any, error) {
	if schema == nil || schema.Value == nil {
		return nil, errors.New("a form without a schema")
	}
	data, err := io.ReadAll(body)
	if err != nil {
		return nil, err
	}
	values, err := url.ParseQuery(string(data))
	if err != nil {
		return nil, err
	}
	out := map[string]any{}
	for _, name := range slices.Sorted(maps.Keys(schema.Value.Properties)) {
		prop := schema.Value.Properties[name]
		if prop == nil || prop.Value == nil {
			continue
		}
		var enc *openapi3.Encoding
		if encFn != nil {
			enc = encFn(name)
		}
		if v, ok := formProperty(values, name, prop.Value, enc); ok {
			out[name] = v
		}
	}
	return out, nil
}

// formProperty reads one property of a form; ok is false when the form
// does not have it.
func formProperty(values url.Values, name string, s *openapi3.Schema, enc *openapi3.Encoding) (any, bool) {
	style, explode := "form", true
	if enc != nil {
		if mt, _, err := mime.ParseMediaType(enc.ContentType); err == nil && isJSON(mt) {
			text, ok := first(values, name)
			var v any
			if !ok || json.Unmarshal([]byte(text), &v) != nil {
				return text, ok
			}
			return v, true
		}
		sm := enc.SerializationMethod()
		style, explode = sm.Style, sm.Explode
	}
	switch {
	case s.Type.Is("array"):
		var items []string
		if explode {
			items = values[name]
		} else if text, ok := first(values, name); ok {
			sep := ","
			switch style {
			case "spaceDelimited":
				sep = " "
			case "pipeDelimited":
				sep = "|"
			}
			items = strings.Split(text, sep)
		}
		if len(items) == 0 && !values.Has(name) {
			return nil, false
		}
		out := make([]any, len(items))
		for i, it := range items {
			out[i] = formScalar(it, s.Items)
		}
		return out, true
	case s.Type.Is("object"):
		obj := map[string]any{}
		switch {
		case style == "deepObject":
			prefix := name + "["
			for k, vs := range values {
				if member, ok := strings.CutPrefix(k, prefix); ok && strings.HasSuffix(member, "]") && len(vs) > 0 {
					member = strings.TrimSuffix(member, "]")
					obj[member] = formScalar(vs[0], s.Properties[member])
				}
			}
		case !explode:
			text, ok := first(values, name)
			if !ok {
				return nil, false
			}
			parts := strings.Split(text, ",")
			for i := 0; i+1 < len(parts); i += 2 {
				obj[parts[i]] = formScalar(parts[i+1], s.Properties[parts[i]])
			}
		default:
			// Exploded: each member its own field. Only the object's own
			// members can be told apart from the form's other fields.
			for member, ps := range s.Properties {
				if text, ok := first(values, member); ok {
					obj[member] = formScalar(text, ps)
				}
			}
		}
		if len(obj) == 0 {
			return nil, false
		}
		return obj, true
	}
	text, ok := first(values, name)
	return formScalar(text, &openapi3.SchemaRef{Value: s}), ok
}

func first(values url.Values, name string) (string, bool) {
	vs, ok := values[name]
	if !ok || len(vs) == 0 {
		return "", false
	}
	return vs[0], true
}

// formScalar reads text as the schema's type says (JSON text for an
// object or array nested in a form); what does not read stays text.
func formScalar(text string, s *openapi3.SchemaRef) any {
	if s == nil || s.Value == nil || s.Value.Type == nil {
		return text
	}
	switch t := s.Value.Type; {
	case t.Is("integer"), t.Is("number"):
		if f, err := strconv.ParseFloat(text, 64); err == nil {
			return f
		}
	case t.Is("boolean"):
		if b, err := strconv.ParseBool(text); err == nil {
			return b
		}
	case t.Is("object"), t.Is("array"):
		var v any
		if json.Unmarshal([]byte(text), &v) == nil {
			return v
		}
	}
	return text
}
