//go:build goexperiment.jsonv2

package runtime

import (
	"bytes"
	"encoding/json"
	"encoding/json/jsontext"
	jsonv2 "encoding/json/v2"
	"strings"
	"testing"
)

// TestJSONv2 decodes and encodes models and unions through
// encoding/json/v2, which calls UnmarshalJSONFrom and MarshalJSONTo: the
// values and kept extras are those of the v1 methods, and so is the JSON,
// formatted the way v2 formats (no HTML escaping, U+2028 as it is).
// (TestMarshalWritesTheCodecsEncoding checks that the v1 API gives the
// same bytes in both builds.)
func TestJSONv2(t *testing.T) {
	for _, c := range roundTripCases {
		var v1, v2 testContact
		if err := json.Unmarshal([]byte(c.in), &v1); err != nil {
			t.Fatal(err)
		}
		// v2 refuses duplicate names unless told otherwise; the codec
		// takes the last, as v1 does.
		if err := jsonv2.Unmarshal([]byte(c.in), &v2, jsontext.AllowDuplicateNames(true)); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		want, err := encodeObject(&v1)
		if err != nil {
			t.Fatal(err)
		}
		var compact bytes.Buffer
		if err := json.Compact(&compact, want); err != nil {
			t.Fatal(err)
		}
		got, err := jsonv2.Marshal(&v2)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(c.in, `\u2028`) && !bytes.Equal(got, compact.Bytes()) {
			t.Errorf("%s:\n     v2 %s\n  codec %s", c.name, got, compact.Bytes())
		}
		assertJSONEqual(t, got, string(want))
		if keysOf(ExtraFields(&v2)) != keysOf(ExtraFields(&v1)) {
			t.Errorf("%s: extras %q through v2, %q through v1", c.name, keysOf(ExtraFields(&v2)), keysOf(ExtraFields(&v1)))
		}
	}

	// Unions and models inside v2's own containers, and null.
	var list []testRecipients
	const in = `[{"type":"user","id":"1"},"someone@example.com",null,[{"type":"admin","id":"2"}]]`
	if err := jsonv2.Unmarshal([]byte(in), &list); err != nil {
		t.Fatal(err)
	}
	out, err := jsonv2.Marshal(list)
	if err != nil {
		t.Fatal(err)
	}
	assertJSONEqual(t, out, in)
	c := testContact{ID: "keep"}
	if err := jsonv2.Unmarshal([]byte(`null`), &c); err != nil || c.ID != "keep" {
		t.Errorf("null: %v, %+v", err, c.ID)
	}

	// Errors: malformed JSON is v2's syntax error; a union with no variant
	// is the codec's error.
	if err := jsonv2.Unmarshal([]byte(`{"id": }`), &c); err == nil {
		t.Error("malformed JSON accepted")
	}
	var se *jsontext.SyntacticError
	if err := jsonv2.Unmarshal([]byte(`{"id":"1",}`), &c); err == nil || !asSyntactic(err, &se) {
		t.Errorf("malformed JSON: %v, want a jsontext.SyntacticError", err)
	}
	if _, err := jsonv2.Marshal(testRecipients{}); err == nil || !strings.Contains(err.Error(), "no variant set") {
		t.Errorf("empty union: %v", err)
	}
}

func asSyntactic(err error, target **jsontext.SyntacticError) bool {
	for err != nil {
		if se, ok := err.(*jsontext.SyntacticError); ok {
			*target = se
			return true
		}
		u, ok := err.(interface{ Unwrap() error })
		if !ok {
			return false
		}
		err = u.Unwrap()
	}
	return false
}
