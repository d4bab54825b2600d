package verify

import (
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

func TestDiffJSON(t *testing.T) {
	tests := []struct {
		want, got string
		diffs     []string
	}{
		{`{"a":1,"b":[1,2]}`, `{"b":[1,2],"a":1}`, nil},
		{`{"monthly_spend":155.5}`, `{"monthly_spend":155.50}`, nil},
		{`{"id":12345}`, `{"id":"12345"}`, []string{`changed id: 12345 → "12345"`}},
		{`{"a":{"b":null,"c":1}}`, `{"a":{"c":1}}`, []string{"lost a.b"}},
		{`{"a":1}`, `{"a":1,"b":""}`, []string{`extra b: ""`}},
		{`[{"x":1}]`, `[{"x":1},{"x":2}]`, []string{`changed (root): [{"x":1}] → [{"x":1},{"x":2}]`}},
		{`{"big":1234567890123456789}`, `{"big":1234567890123456788}`, []string{"changed big: 1234567890123456789 → 1234567890123456788"}},
	}
	for _, tt := range tests {
		got, err := diffJSON([]byte(tt.want), []byte(tt.got))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(got, "|") != strings.Join(tt.diffs, "|") {
			t.Errorf("diffJSON(%s, %s) = %q, want %q", tt.want, tt.got, got, tt.diffs)
		}
	}
	if _, err := diffJSON([]byte(`{`), []byte(`{}`)); err == nil {
		t.Error("malformed JSON must be an error")
	}
}

func TestMatchPath(t *testing.T) {
	params, ok := matchPath("/contacts/{contact_id}/tags/{id}", "/contacts/a%2Fb/tags/7")
	if !ok || params["contact_id"] != "a/b" || params["id"] != "7" {
		t.Fatalf("got %v, %v", params, ok)
	}
	if _, ok := matchPath("/contacts/{id}", "/contacts/1/tags"); ok {
		t.Fatal("a longer path must not match")
	}
	if _, ok := matchPath("/a.b/{x}", "/aXb/1"); ok {
		t.Fatal("literal parts must match literally")
	}
}

func TestNormName(t *testing.T) {
	if normName("bad_request") != normName("Bad Request") || normName("Contact not found") != "contactnotfound" {
		t.Fatal("request and response example names must pair up")
	}
}

func TestSample(t *testing.T) {
	schema := func(src string) *openapi3.SchemaRef {
		t.Helper()
		var s openapi3.Schema
		if err := s.UnmarshalJSON([]byte(src)); err != nil {
			t.Fatal(err)
		}
		return &openapi3.SchemaRef{Value: &s}
	}
	tests := []struct {
		src, want string
	}{
		{`{"type":"object","required":["email"],"properties":{"email":{"type":"string","format":"email"},"name":{"type":"string"}}}`, `{"email":"user@example.com"}`},
		{`{"type":"object","properties":{"email":{"type":"string"},"role":{"type":"string","enum":["user","lead"]}},"anyOf":[{"required":["role"]},{"required":["email"]}]}`, `{"role":"user"}`},
		{`{"type":"string","enum":[null,"a"]}`, `"a"`},
		{`{"oneOf":[{"type":"integer"},{"type":"string"}]}`, `1`},
		{`{"type":"integer","format":"date-time"}`, `1700000000`},
		{`{"type":"array","minItems":1,"items":{"type":"boolean"}}`, `[true]`},
		{`{"type":"string","minLength":24}`, `"aaaaaaaaaaaaaaaaaaaaaaaa"`},
		{`{"type":"string","example":"given"}`, `"given"`},
		// An example the schema refuses gives way to a made value.
		{`{"type":"string","format":"date","example":"2025-10-15T13:51:00Z"}`, `"2024-01-01"`},
		{`{"type":"string","pattern":"^\\d+\\.\\d+\\.\\d+$"}`, `"0.0.0"`},
		{`{"type":"integer","minimum":10,"maximum":20,"multipleOf":4}`, `12`},
		{`{"type":"integer","minimum":5,"exclusiveMinimum":true}`, `6`},
		{`{"type":"number","maximum":1}`, `1`},
		{`{"type":"string","maxLength":3}`, `"sam"`},
		// allOf: one part names what is required, another defines it.
		{`{"allOf":[{"type":"object","properties":{"name":{"type":"string"},"size":{"type":"integer"}}},{"required":["name","size"]}]}`, `{"name":"sample","size":1}`},
		// The first branch the schema as a whole accepts.
		{`{"anyOf":[{"type":"object","required":["a"],"properties":{"a":{"type":"string","enum":["x"]}}},{"type":"object","required":["b"],"properties":{"b":{"type":"integer"}}}],"properties":{"a":{"type":"string","enum":["y"]}}}`, `{"b":1}`},
		// Read-only properties are not sent.
		{`{"type":"object","required":["id","name"],"properties":{"id":{"type":"integer","readOnly":true},"name":{"type":"string"}}}`, `{"name":"sample"}`},
	}
	for _, tt := range tests {
		if got := string(mustJSON(sample(schema(tt.src), 0))); got != tt.want {
			t.Errorf("sample(%s) = %s, want %s", tt.src, got, tt.want)
		}
	}
}

func TestShapeParam(t *testing.T) {
	var p openapi3.Parameter
	if err := p.UnmarshalJSON([]byte(`{"name":"ids","in":"query","schema":{"type":"array","items":{"type":"integer"}}}`)); err != nil {
		t.Fatal(err)
	}
	if got := string(mustJSON(shapeParam(&p, "11,12"))); got != "[11,12]" {
		t.Fatalf("got %s", got)
	}
	if got := string(mustJSON(shapeParam(&p, 3))); got != "[3]" {
		t.Fatalf("got %s", got)
	}
}

func TestExceptionsFile(t *testing.T) {
	ex, err := DefaultExceptions()
	if err != nil {
		t.Fatal(err)
	}
	if len(ex.List) == 0 {
		t.Fatal("the shipped list is empty")
	}
	f := Failure{Check: "request", Operation: "lisDataEvents"}
	if ex.match("2.11", f) == nil || ex.match("2.11", Failure{Check: "lossless", Operation: "lisDataEvents"}) != nil {
		t.Fatal("matching by operation and check")
	}
	for _, bad := range []string{
		"exceptions: [{versions: ['*'], operation: x, check: nope, reason: r}]",
		"exceptions: [{versions: ['*'], operation: x, check: request}]",
		"exceptions: [{operation: x, check: request, reason: r}]",
		"exceptions: [{versions: ['*'], operation: x, check: request, reason: r, typo: 1}]",
	} {
		if _, err := ParseExceptions([]byte(bad)); err == nil {
			t.Errorf("accepted %s", bad)
		}
	}
}

// An answer that a schema without a type accepts, but not as the kind the
// generator reads the schema as (items: an array), is the description's
// fault; a typed schema's own refusal is reported as it is.
func TestAnswerInvalid(t *testing.T) {
	schema := func(src string) *openapi3.SchemaRef {
		var s openapi3.Schema
		if err := s.UnmarshalJSON([]byte(src)); err != nil {
			t.Fatal(err)
		}
		return &openapi3.SchemaRef{Value: &s}
	}
	for _, tc := range []struct {
		schema, answer string
		invalid        bool
	}{
		{`{"items":{"type":"object"}}`, `{"ok":true}`, true},
		{`{"items":{"type":"object"}}`, `[{"ok":true}]`, false},
		{`{"properties":{"id":{"type":"string"}}}`, `[1]`, true},
		{`{"type":"object"}`, `[1]`, true},
		{`{}`, `[1]`, false},
		{`{"anyOf":[{"type":"array"},{"type":"object"}]}`, `{"a":1}`, false},
	} {
		c := &Call{Example: "e", Answer: []byte(tc.answer), AnswerSchema: schema(tc.schema)}
		if got := answerInvalid(c); (got != "") != tc.invalid {
			t.Errorf("%s with %s: %q, want invalid %v", tc.schema, tc.answer, got, tc.invalid)
		}
	}
}
