package verify

import (
	"encoding/json"
	"iter"
	"math"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// maxSampleDepth bounds the walk into nested and recursive schemas.
const maxSampleDepth = 12

// sample makes a small value a schema accepts, for requests the
// description gives no example of. It tries, in order, the schema's
// example, its default, its enum values, what its composition (allOf,
// oneOf, anyOf) and its type make, and keeps the first candidate that the
// schema accepts as a request (formats, patterns and bounds included);
// when none does, the first candidate.
//
// An object gets its required properties only (read-only ones left out,
// as a request leaves them), an array its minimum number of items, a
// string its format's shape or a match of its pattern, a number a value
// within its bounds.
func sample(sr *openapi3.SchemaRef, depth int) any {
	if sr == nil || sr.Value == nil || depth > maxSampleDepth {
		return map[string]any{}
	}
	s := sr.Value
	var first any
	seen := false
	for c := range candidates(s, depth) {
		if acceptsRequest(s, c) {
			return c
		}
		if !seen {
			first, seen = c, true
		}
	}
	return first
}

// candidates yields the values sample tries for s, most faithful first,
// each made only when the ones before it were refused; it always yields
// at least one.
func candidates(s *openapi3.Schema, depth int) iter.Seq[any] {
	return func(yield func(any) bool) {
		if s.Example != nil && !yield(s.Example) {
			return
		}
		if s.Default != nil && !yield(s.Default) {
			return
		}
		for _, v := range s.Enum {
			if v != nil && !yield(v) {
				return
			}
		}
		if len(s.AllOf) > 0 && !yield(sampleAllOf(s, depth)) {
			return
		}
		for _, branches := range []openapi3.SchemaRefs{s.OneOf, s.AnyOf} {
			for _, br := range branches {
				if br == nil || br.Value == nil || br.Ref == "" && onlyRequired(br.Value) {
					continue
				}
				v := sample(br, depth+1)
				if m, ok := v.(map[string]any); ok && len(s.Properties) > 0 {
					// The branch within the object around it.
					merged := requiredProps(s, depth)
					for k, x := range m {
						merged[k] = x
					}
					v = merged
				}
				if !yield(v) {
					return
				}
			}
		}
		yield(byType(s, depth))
	}
}

// sampleAllOf merges what every part of an allOf requires: the parts'
// properties and required names are pooled (recursively), so a part that
// only lists required names gets the properties another part defines;
// a part's anyOf/oneOf of required names is satisfied by its first.
func sampleAllOf(s *openapi3.Schema, depth int) any {
	merged := &openapi3.Schema{Properties: openapi3.Schemas{}, AdditionalProperties: s.AdditionalProperties}
	var scalar any
	var collect func(s *openapi3.Schema, d int)
	collect = func(s *openapi3.Schema, d int) {
		if d > maxSampleDepth {
			return
		}
		for name, p := range s.Properties {
			if _, ok := merged.Properties[name]; !ok {
				merged.Properties[name] = p
			}
		}
		merged.Required = append(merged.Required, s.Required...)
		merged.Required = append(merged.Required, requiredAlternative(s)...)
		for _, part := range s.AllOf {
			if part == nil || part.Value == nil {
				continue
			}
			if v := part.Value; v.Type != nil && !v.Type.Is("object") && !v.Type.IsEmpty() && scalar == nil {
				scalar = sample(part, depth+1)
			}
			collect(part.Value, d+1)
		}
	}
	collect(s, 0)
	if scalar != nil && len(merged.Properties) == 0 {
		return scalar
	}
	return sampleRequired(merged, merged.Required, depth)
}

// byType samples s from its type and its type's keywords.
func byType(s *openapi3.Schema, depth int) any {
	switch {
	case s.Type == nil || s.Type.IsEmpty():
		if len(s.Properties) > 0 || len(s.Required) > 0 {
			return requiredProps(s, depth)
		}
		return map[string]any{}
	case s.Type.Is("object"):
		return requiredProps(s, depth)
	case s.Type.Is("array"):
		n := int(min(s.MinItems, 8))
		items := make([]any, 0, n)
		for i := 0; i < n; i++ {
			items = append(items, sample(s.Items, depth+1))
		}
		return items
	case s.Type.Is("integer"):
		if s.Format == "date-time" || s.Format == "timestamp" {
			return within(s, 1700000000, true)
		}
		return within(s, 1, true)
	case s.Type.Is("number"):
		return within(s, 1.5, false)
	case s.Type.Is("boolean"):
		return true
	case s.Type.Is("string"):
		return sampleString(s)
	case s.Type.Is("null"):
		return nil
	}
	return map[string]any{}
}

// within moves want into the schema's bounds and onto its multipleOf.
func within(s *openapi3.Schema, want float64, integer bool) any {
	lo, hi := bounds(s.Min, s.ExclusiveMin, integer, 1)
	if l, _ := bounds(s.Max, s.ExclusiveMax, integer, -1); !math.IsInf(l, 0) {
		hi = l
	}
	v := math.Max(lo, math.Min(hi, want))
	if integer {
		v = math.Ceil(v)
	}
	if m := s.MultipleOf; m != nil && *m > 0 {
		v = math.Ceil(v / *m) * *m
	}
	if integer {
		return int64(v)
	}
	return v
}

// bounds reads one side of a number's range (dir 1 for the minimum, -1
// for the maximum) as the closest value allowed, in 3.0's form (a bound
// and an exclusive flag) and 3.1's (an exclusive bound of its own). The
// second result is the other side, unbounded.
func bounds(bound *float64, excl openapi3.ExclusiveBound, integer bool, dir float64) (float64, float64) {
	v := math.Inf(-int(dir))
	step := func(x float64) float64 {
		if integer {
			return math.Floor(x*dir)*dir + dir
		}
		return math.Nextafter(x, math.Inf(int(dir)))
	}
	if bound != nil {
		v = *bound
		if excl.IsTrue() {
			v = step(v)
		}
	}
	if excl.Value != nil {
		if e := step(*excl.Value); dir > 0 && e > v || dir < 0 && e < v {
			v = e
		}
	}
	return v, math.Inf(int(dir))
}

// sampleString samples a string by its format, then its pattern, then its
// length bounds.
func sampleString(s *openapi3.Schema) any {
	var out string
	switch s.Format {
	case "date-time":
		out = "2024-01-01T00:00:00Z"
	case "date":
		out = "2024-01-01"
	case "time":
		out = "12:00:00"
	case "email":
		out = "user@example.com"
	case "uri", "url":
		out = "https://example.com"
	case "hostname":
		out = "example.com"
	case "ipv4":
		out = "192.0.2.1"
	case "ipv6":
		out = "2001:db8::1"
	case "uuid":
		out = "123e4567-e89b-12d3-a456-426614174000"
	case "byte":
		out = "aW50ZXJjb20tZ2Vu"
	default:
		out = "sample"
	}
	if s.Pattern != "" {
		if p, ok := patternSample(s.Pattern, int(s.MinLength)); ok {
			out = p
		}
	}
	if n := len([]rune(out)); n < int(s.MinLength) {
		if out == "sample" {
			out = ""
			n = 0
		}
		out += strings.Repeat("a", int(s.MinLength)-n)
	}
	if s.MaxLength != nil && uint64(len([]rune(out))) > *s.MaxLength {
		out = string([]rune(out)[:*s.MaxLength])
	}
	return out
}

// requiredProps samples the required properties of an object (not the
// read-only ones, which a request leaves out); when an anyOf/oneOf lists
// alternatives of required names, it satisfies the first.
func requiredProps(s *openapi3.Schema, depth int) map[string]any {
	return sampleRequired(s, append(slices.Clone(s.Required), requiredAlternative(s)...), depth)
}

// requiredAlternative is the first anyOf/oneOf branch of s that only
// lists required names: what satisfies the alternatives.
func requiredAlternative(s *openapi3.Schema) []string {
	for _, branches := range []openapi3.SchemaRefs{s.AnyOf, s.OneOf} {
		for _, br := range branches {
			if br != nil && br.Value != nil && onlyRequired(br.Value) {
				return br.Value.Required
			}
		}
	}
	return nil
}

// sampleRequired samples the named properties of s. A name s requires
// but does not define gets any value, unless s forbids other properties.
func sampleRequired(s *openapi3.Schema, required []string, depth int) map[string]any {
	out := map[string]any{}
	for _, name := range required {
		p := s.Properties[name]
		switch {
		case p != nil && (p.Value == nil || !p.Value.ReadOnly):
			out[name] = sample(p, depth+1)
		case p == nil && s.AdditionalProperties.Schema != nil:
			out[name] = sample(s.AdditionalProperties.Schema, depth+1)
		case p == nil && (s.AdditionalProperties.Has == nil || *s.AdditionalProperties.Has):
			out[name] = "sample"
		}
	}
	return out
}

func onlyRequired(s *openapi3.Schema) bool {
	return (s.Type == nil || s.Type.IsEmpty()) && len(s.Properties) == 0 && len(s.Required) > 0 &&
		len(s.AllOf)+len(s.OneOf)+len(s.AnyOf) == 0
}

// acceptsRequest reports whether s accepts v as (part of) a request, as
// the verify server's validation will judge it: formats, patterns and
// read-only properties included.
func acceptsRequest(s *openapi3.Schema, v any) bool {
	return validate(s, v, openapi3.VisitAsRequest()) == nil
}

// validate checks v, a Go value, against s with JSON's types: it is
// encoded and decoded first, so ints become float64 as a decoded request
// would have them.
func validate(s *openapi3.Schema, v any, opts ...openapi3.SchemaValidationOption) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	var x any
	if err := json.Unmarshal(b, &x); err != nil {
		return err
	}
	return s.VisitJSON(x, append(opts, openapi3.EnableFormatValidation())...)
}

// exampleInvalid validates a call's request example against the body
// schema, as the verify server does (a request: read-only properties may
// not be sent; formats and patterns count); "" when the example is valid.
func exampleInvalid(c *Call) string {
	if c.BodySchema == nil || c.BodySchema.Value == nil || c.Body == nil {
		return ""
	}
	var v any
	if err := json.Unmarshal(c.Body, &v); err != nil {
		return err.Error()
	}
	if err := validate(c.BodySchema.Value, v, openapi3.VisitAsRequest()); err != nil {
		return firstLine(err.Error())
	}
	return ""
}

// answerInvalid validates a call's response example against its schema
// (a response: write-only properties may not be there); "" when it is
// valid or there is no example.
func answerInvalid(c *Call) string {
	if c.Example == "" || c.AnswerSchema == nil || c.AnswerSchema.Value == nil {
		return ""
	}
	var v any
	if err := json.Unmarshal(c.Answer, &v); err != nil {
		return err.Error()
	}
	if err := validate(c.AnswerSchema.Value, v, openapi3.VisitAsResponse()); err != nil {
		return firstLine(err.Error())
	}
	if typed, why := asTyped(c.AnswerSchema.Value); typed != nil {
		if err := validate(typed, v, openapi3.VisitAsResponse()); err != nil {
			return "the schema names no type and is read as " + why + ": " + firstLine(err.Error())
		}
	}
	return ""
}

// asTyped is s with the type the generator reads into a schema that
// names none (an array for `items`, an object for `properties`), and what
// that type comes from; nil when s names a type or gives no hint. Such a
// schema accepts any JSON, but the generated type holds only that kind.
func asTyped(s *openapi3.Schema) (*openapi3.Schema, string) {
	if s.Type != nil && !s.Type.IsEmpty() || len(s.AllOf)+len(s.OneOf)+len(s.AnyOf) > 0 {
		return nil, ""
	}
	typed := *s
	switch {
	case len(s.Properties) > 0:
		typed.Type = &openapi3.Types{"object"}
		return &typed, "an object, from its properties"
	case s.Items != nil:
		typed.Type = &openapi3.Types{"array"}
		return &typed, "an array, from its items"
	}
	return nil, ""
}
