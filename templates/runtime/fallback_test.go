package runtime

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
)

// upperString has its own JSON methods, which the codec must respect.
type upperString string

func (u *upperString) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return errors.New("upperString wants a string")
	}
	*u = upperString(strings.ToUpper(s))
	return nil
}

func (u upperString) MarshalJSON() ([]byte, error) {
	return json.Marshal(strings.ToLower(string(u)))
}

// testLegacy uses tag options generated code does not, as hand-written
// models might.
type testLegacy struct {
	Name   string        `json:"name,omitempty"`
	List   []string      `json:"list,omitempty"`
	Count  Nullable[int] `json:"count,omitempty"`
	Custom upperString   `json:"custom,omitempty"`
	Pair   [2]int        `json:"pair"`
	Number json.Number   `json:"number,omitzero"`
	Skip   string        `json:"-"`
	NoTag  int
	hidden int
	objectMeta
}

func (v *testLegacy) UnmarshalJSON(b []byte) error { return decodeObject(b, v) }
func (v *testLegacy) MarshalJSON() ([]byte, error) { return encodeObject(v) }

func TestDecodeFallbackAndNumberKinds(t *testing.T) {
	cases := []struct {
		name string
		raw  string
		into any
		want any
		fit  decodeFit
	}{
		{"json.Number keeps text", `12.50`, new(json.Number), json.Number("12.50"), fitExact},
		{"json.Number from numeric string", `"7"`, new(json.Number), json.Number("7"), fitCoerced},
		{"json.Number from word", `"x"`, new(json.Number), json.Number(""), fitFailed},
		{"custom unmarshaler", `"abc"`, new(upperString), upperString("ABC"), fitExact},
		{"custom unmarshaler error", `5`, new(upperString), upperString(""), fitFailed},
		{"array", `[1,2]`, new([2]int), [2]int{1, 2}, fitExact},
		{"array mismatch", `"x"`, new([2]int), [2]int{}, fitFailed},
		{"uint from string", `"5"`, new(uint16), uint16(5), fitCoerced},
		{"uint truncates", `5.5`, new(uint16), uint16(5), fitCoerced},
		{"uint overflow", `70000`, new(uint16), uint16(0), fitFailed},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v := reflect.ValueOf(c.into).Elem()
			fit := decodeValue([]byte(c.raw), v, 0)
			if got := v.Interface(); !reflect.DeepEqual(got, c.want) || fit != c.fit {
				t.Errorf("got %#v (fit %d), want %#v (fit %d)", got, fit, c.want, c.fit)
			}
		})
	}
}

func TestHandWrittenTagOptions(t *testing.T) {
	out, err := encodeObject(&testLegacy{List: []string{}, Skip: "s", NoTag: 1, hidden: 2})
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != `{"pair":[0,0],"NoTag":1}` {
		t.Errorf("got %s", out)
	}
	out, err = encodeObject(&testLegacy{Name: "n", List: []string{"a"}, Count: Some(0), Custom: "HI", Number: "1.0"})
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != `{"name":"n","list":["a"],"count":0,"custom":"hi","pair":[0,0],"number":1.0,"NoTag":0}` {
		t.Errorf("got %s", out)
	}
	if _, err := encodeObject(&testLegacy{Number: "1x"}); err == nil {
		t.Error("invalid json.Number encoded")
	}

	var l testLegacy
	const in = `{"custom":"abc","pair":[3,4],"-":"dash","NoTag":5,"Skip":"x","number":2e3}`
	if err := json.Unmarshal([]byte(in), &l); err != nil {
		t.Fatal(err)
	}
	if l.Custom != "ABC" || l.Pair != [2]int{3, 4} || l.NoTag != 5 || l.Skip != "" || l.Number != "2e3" {
		t.Errorf("decoded %+v", l)
	}
	if got := keysOf(ExtraFields(l)); got != "-,Skip" {
		t.Errorf("extra keys %q", got)
	}
	out, err = json.Marshal(&l)
	if err != nil {
		t.Fatal(err)
	}
	// The custom type re-encodes through its own MarshalJSON.
	assertJSONEqual(t, out, `{"custom":"abc","pair":[3,4],"-":"dash","NoTag":5,"Skip":"x","number":2e3}`)
}
