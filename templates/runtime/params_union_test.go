package runtime

import (
	"encoding/json"
	"testing"
)

// testTextOrList is a union as a parameter's schema makes one
// (oneOf: string | array of strings).
type testTextOrList struct {
	Text *string
	List *[]string
	unionMeta
}

func (v *testTextOrList) UnmarshalJSON(b []byte) error { return decodeUnion(b, v) }
func (v testTextOrList) MarshalJSON() ([]byte, error)  { return encodeUnion(&v) }

type testUnionParams struct {
	Exploded testTextOrList  `query:"cwes,object"`
	Joined   testTextOrList  `query:"has,comma"`
	Sort     string          `query:"sort" const:"created"`
	Kind     string          `header:"X-Kind" const:"full"`
	ID       testStringOrInt `query:"id,object"`
}

func TestEncodeUnionAndConstParams(t *testing.T) {
	list := []string{"a", "b"}
	decoded := testStringOrInt{}
	if err := json.Unmarshal([]byte(`{"odd":true}`), &decoded); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		params testUnionParams
		query  string
		header string
	}{
		{"unset unions are not sent; const fields are filled in", testUnionParams{}, "sort=created", "full"},
		{"scalar variants", testUnionParams{Exploded: testTextOrList{Text: String("79")}, Joined: testTextOrList{Text: String("x")},
			ID: testStringOrInt{Number: Int(7)}}, "cwes=79&has=x&id=7&sort=created", "full"},
		{"list variants: exploded or comma-joined", testUnionParams{Exploded: testTextOrList{List: &list}, Joined: testTextOrList{List: &list}},
			"cwes=a&cwes=b&has=a%2Cb&sort=created", "full"},
		{"a value given wins over the const", testUnionParams{Sort: "other", Kind: "brief"}, "sort=other", "brief"},
		{"a decoded value no variant holds is sent as received", testUnionParams{ID: decoded}, "odd=true&sort=created", "full"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q, h, err := encodeParams(&tc.params)
			if err != nil {
				t.Fatal(err)
			}
			if got := q.Encode(); got != tc.query {
				t.Errorf("query %q, want %q", got, tc.query)
			}
			if got := h.Get("X-Kind"); got != tc.header {
				t.Errorf("header %q, want %q", got, tc.header)
			}
		})
	}
	both := testUnionParams{Exploded: testTextOrList{Text: String("x"), List: &list}}
	if _, _, err := encodeParams(&both); err == nil {
		t.Error("a union with two variants set was sent")
	}
}

func TestPathParamUnion(t *testing.T) {
	if got := pathParam(testStringOrInt{Number: Int(512189)}); got != "512189" {
		t.Errorf("integer variant: %q", got)
	}
	if got := pathParam(testStringOrInt{Text: String("a/b")}); got != "a%2Fb" {
		t.Errorf("string variant: %q", got)
	}
}
