package runtime

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"
)

// The types below mirror what the generator emits, so the tests exercise
// the codec exactly as generated packages use it.

type contactRole string

const (
	contactRoleUser contactRole = "user"
	contactRoleLead contactRole = "lead"
)

type testContact struct {
	Type     string             `json:"type" const:"contact"`
	ID       string             `json:"id"`
	Email    *string            `json:"email,omitzero"`
	Phone    Nullable[string]   `json:"phone"`
	Tags     []testTag          `json:"tags,omitzero"`
	Custom   map[string]any     `json:"custom_attributes,omitzero"`
	Location testLocation       `json:"location,omitzero"`
	Role     *contactRole       `json:"role,omitzero"`
	Created  UnixTime           `json:"created_at"`
	Updated  *time.Time         `json:"updated_at,omitzero"`
	Parent   *testContact       `json:"parent,omitzero"`
	Score    *float64           `json:"score,omitzero"`
	Count    *int               `json:"count,omitzero"`
	Active   *bool              `json:"active,omitzero"`
	Notes    Nullable[[]string] `json:"notes,omitzero"`
	Seen     *UnixTime          `json:"last_seen_at,omitzero"`
	Raw      json.RawMessage    `json:"raw,omitzero"`
	Avatar   []byte             `json:"avatar,omitzero"`
	Anything any                `json:"anything,omitzero"`
	objectMeta
}

func (v *testContact) UnmarshalJSON(b []byte) error { return decodeObject(b, v) }
func (v *testContact) MarshalJSON() ([]byte, error) { return encodeObject(v) }

type testTag struct {
	Type string  `json:"type" const:"tag"`
	ID   string  `json:"id"`
	Name *string `json:"name,omitzero"`
	objectMeta
}

func (v *testTag) UnmarshalJSON(b []byte) error { return decodeObject(b, v) }
func (v *testTag) MarshalJSON() ([]byte, error) { return encodeObject(v) }

type testLocation struct {
	Type    string  `json:"type" const:"location"`
	City    *string `json:"city,omitzero"`
	Country *string `json:"country,omitzero"`
	objectMeta
}

func (v *testLocation) UnmarshalJSON(b []byte) error { return decodeObject(b, v) }
func (v *testLocation) MarshalJSON() ([]byte, error) { return encodeObject(v) }

// testRequired has only required fields, as a create request might; Phone
// is required but nullable.
type testRequired struct {
	Name   string            `json:"name"`
	Count  int               `json:"count"`
	Tags   []string          `json:"tags"`
	Attrs  map[string]string `json:"attrs"`
	Phone  Nullable[string]  `json:"phone"`
	Parent *testRequired     `json:"parent"`
	Any    any               `json:"any"`
	objectMeta
}

func (v *testRequired) UnmarshalJSON(b []byte) error { return decodeObject(b, v) }
func (v *testRequired) MarshalJSON() ([]byte, error) { return encodeObject(v) }

// jsonSemanticEqual compares two JSON texts as values: object key order,
// whitespace and number spelling (1.50 vs 1.5) do not matter.
func jsonSemanticEqual(a, b []byte) (bool, error) {
	va, err := decodeForCompare(a)
	if err != nil {
		return false, fmt.Errorf("first: %w", err)
	}
	vb, err := decodeForCompare(b)
	if err != nil {
		return false, fmt.Errorf("second: %w", err)
	}
	return compareJSONValues(va, vb), nil
}

func decodeForCompare(b []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, fmt.Errorf("trailing data")
	}
	return v, nil
}

func compareJSONValues(a, b any) bool {
	switch x := a.(type) {
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, xv := range x {
			yv, ok := y[k]
			if !ok || !compareJSONValues(xv, yv) {
				return false
			}
		}
		return true
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !compareJSONValues(x[i], y[i]) {
				return false
			}
		}
		return true
	case json.Number:
		y, ok := b.(json.Number)
		return ok && sameNumber(string(x), string(y))
	default:
		return a == b
	}
}

func assertJSONEqual(t *testing.T, got []byte, want string) {
	t.Helper()
	eq, err := jsonSemanticEqual(got, []byte(want))
	if err != nil {
		t.Fatalf("comparing JSON: %v\n got: %s\nwant: %s", err, got, want)
	}
	if !eq {
		t.Errorf("JSON differs\n got: %s\nwant: %s", got, want)
	}
}

func keysOf(m map[string]json.RawMessage) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return strings.Join(keys, ",")
}

func TestJSONSemanticEqualHelper(t *testing.T) {
	// The helper itself must be able to say "different", or every
	// round-trip test below would pass vacuously.
	cases := []struct {
		a, b string
		want bool
	}{
		{`{"a":1,"b":[1,2]}`, `{"b":[1,2],"a":1.0}`, true},
		{`{"a":1}`, `{"a":2}`, false},
		{`{"a":1}`, `{"a":"1"}`, false},
		{`{"a":1}`, `{"a":1,"b":null}`, false},
		{`[1,2]`, `[2,1]`, false},
		{`{"a":"x"}`, `{"a":"x"}`, true},
		{`12345678901234567890`, `12345678901234567000`, false},
	}
	for _, c := range cases {
		got, err := jsonSemanticEqual([]byte(c.a), []byte(c.b))
		if err != nil {
			t.Fatal(err)
		}
		if got != c.want {
			t.Errorf("jsonSemanticEqual(%s, %s) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}
