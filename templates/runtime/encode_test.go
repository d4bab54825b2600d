package runtime

import (
	"bytes"
	"encoding/json"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestEncodeUserBuilt(t *testing.T) {
	cases := []struct {
		name string
		v    any
		want string
	}{
		{"required zero values are sent", &testRequired{},
			`{"name":"","count":0,"tags":[],"attrs":{},"phone":null,"parent":null,"any":null}`},
		{"required values", &testRequired{Name: "n", Count: 2, Tags: []string{"a"}, Attrs: map[string]string{"b": "2", "a": "1"}, Phone: Some("p"), Any: 1.5},
			`{"name":"n","count":2,"tags":["a"],"attrs":{"a":"1","b":"2"},"phone":"p","parent":null,"any":1.5}`},
		{"optional zero values are omitted, consts filled", &testContact{ID: "1"},
			`{"type":"contact","id":"1","phone":null,"created_at":0}`},
		{"explicit null", &testContact{ID: "1", Phone: Null[string](), Notes: Null[[]string]()},
			`{"type":"contact","id":"1","phone":null,"created_at":0,"notes":null}`},
		{"zero values behind pointers are sent", &testContact{ID: "1", Email: String(""), Role: Ptr(contactRole("")),
			Updated: &time.Time{}, Score: Float(0), Count: Int(0), Active: Bool(false), Seen: Ptr(UnixTime(0))},
			`{"type":"contact","id":"1","email":"","phone":null,"role":"","created_at":0,"updated_at":"0001-01-01T00:00:00Z",
			"score":0,"count":0,"active":false,"last_seen_at":0}`},
		{"empty non-nil slice and map are sent", &testContact{ID: "1", Tags: []testTag{}, Custom: map[string]any{}},
			`{"type":"contact","id":"1","phone":null,"tags":[],"custom_attributes":{},"created_at":0}`},
		{"nested consts", &testContact{ID: "1", Tags: []testTag{{ID: "t"}}, Location: testLocation{City: String("Cork")}},
			`{"type":"contact","id":"1","phone":null,"tags":[{"type":"tag","id":"t"}],"location":{"type":"location","city":"Cork"},"created_at":0}`},
		{"const value given", &testTag{Type: "label", ID: "t"}, `{"type":"label","id":"t"}`},
		{"every kind", &testContact{
			ID: "1", Role: Ptr(contactRoleLead), Created: 1700000000,
			Updated: Ptr(time.Date(2024, 3, 5, 10, 20, 30, 5e8, time.UTC)),
			Parent:  &testContact{ID: "2"}, Score: Float(1e21), Count: Int(-3), Active: Bool(true),
			Notes: Some([]string{}), Seen: Ptr(UnixTime(1)), Raw: json.RawMessage(`{"a": 1}`),
			Avatar: []byte("hi"), Anything: map[string]any{"z": json.Number("1.50"), "a": []any{true, nil}},
			Custom: map[string]any{"seats": 3, "plan": "pro"},
		}, `{"type":"contact","id":"1","phone":null,"custom_attributes":{"plan":"pro","seats":3},"role":"lead",
			"created_at":1700000000,"updated_at":"2024-03-05T10:20:30.5Z",
			"parent":{"type":"contact","id":"2","phone":null,"created_at":0},
			"score":1e+21,"count":-3,"active":true,"notes":[],"last_seen_at":1,"raw":{"a": 1},
			"avatar":"aGk=","anything":{"a":[true,null],"z":1.50}}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, err := encodeObject(c.v)
			if err != nil {
				t.Fatal(err)
			}
			assertJSONEqual(t, out, c.want)
		})
	}
}

func TestEncodeFieldOrderAndNoHTMLEscape(t *testing.T) {
	tag := testTag{ID: "<a&b>", Name: String("x")}
	if err := SetExtraField(&tag, "zeta", 1); err != nil {
		t.Fatal(err)
	}
	if err := SetExtraField(&tag, "alpha", "<p>"); err != nil {
		t.Fatal(err)
	}
	out, err := encodeObject(&tag)
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"type":"tag","id":"<a&b>","name":"x","alpha":"<p>","zeta":1}`
	if string(out) != want {
		t.Errorf("got  %s\nwant %s", out, want)
	}
}

func TestSetExtraField(t *testing.T) {
	var tag testTag
	if err := SetExtraField(&tag, "raw", json.RawMessage(` {"a": [1]} `)); err != nil {
		t.Fatal(err)
	}
	if err := SetExtraField(&tag, "name", 5); err != nil { // overrides the declared field
		t.Fatal(err)
	}
	tag.Name = String("ignored")
	if err := SetExtraField(&tag, "bad", json.RawMessage(`{`)); err == nil {
		t.Error("invalid raw JSON accepted")
	}
	if err := SetExtraField(&tag, "fn", func() {}); err == nil {
		t.Error("unencodable value accepted")
	}
	if err := SetExtraField(&tag, "nan", math.NaN()); err == nil {
		t.Error("NaN accepted")
	}
	out, err := json.Marshal(&tag)
	if err != nil {
		t.Fatal(err)
	}
	assertJSONEqual(t, out, `{"type":"tag","id":"","name":5,"raw":{"a":[1]}}`)
	if strings.Count(string(out), `"name"`) != 1 {
		t.Errorf("name written twice: %s", out)
	}
	if got := keysOf(ExtraFields(tag)); got != "name,raw" {
		t.Errorf("extra keys = %q", got)
	}
}

func TestEncodeErrors(t *testing.T) {
	_, err := encodeObject(&testContact{Score: Float(math.Inf(1))})
	if err == nil || !strings.Contains(err.Error(), "Score") {
		t.Errorf("err = %v, want one naming the field", err)
	}
	_, err = encodeObject(&testContact{Updated: Ptr(time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC))})
	if err == nil {
		t.Error("year 10000 encoded")
	}
	if _, err := encodeObject(&struct{ A int }{}); err == nil {
		t.Error("encodeObject accepted a struct without objectMeta")
	}
	out, err := encodeObject((*testTag)(nil))
	if err != nil || string(out) != "null" {
		t.Errorf("nil pointer: %s, %v", out, err)
	}
}

func TestEncodeCycleFails(t *testing.T) {
	c := &testContact{ID: "1"}
	c.Parent = c
	if _, err := encodeObject(c); err == nil {
		t.Error("a cyclic value encoded without error")
	}
}

func TestAppendJSONString(t *testing.T) {
	cases := map[string]string{
		"plain":          `"plain"`,
		"q\"b\\":         `"q\"b\\"`,
		"\n\r\t\x01":     `"\n\r\t\u0001"`,
		"<&>":            `"<&>"`,
		"é😀":             `"é😀"`,
		"\u2028\u2029":   `"\u2028\u2029"`,
		"bad\xffutf8":    `"bad\ufffdutf8"`,
		"":               `""`,
		"tail\x1f":       `"tail\u001f"`,
		"mixed\x7f\x00é": `"mixed` + "\x7f" + `\u0000é"`,
	}
	for in, want := range cases {
		if got := string(appendJSONString(nil, in)); got != want {
			t.Errorf("appendJSONString(%q) = %s, want %s", in, got, want)
		}
		// Whatever we write must read back as the same string (modulo
		// invalid UTF-8, which becomes U+FFFD like encoding/json does).
		var back string
		if err := json.Unmarshal(appendJSONString(nil, in), &back); err != nil {
			t.Errorf("%q: output is not valid JSON: %v", in, err)
		} else if want := strings.ToValidUTF8(in, "\ufffd"); back != want {
			t.Errorf("%q read back as %q", in, back)
		}
	}
}

func TestAppendJSONFloatMatchesEncodingJSON(t *testing.T) {
	for _, f := range []float64{0, 1, -1, 0.1, 155.5, 1e20, 1e21, 1e-6, 1e-7, 123456789.125, -2.5e-9, math.MaxFloat64, math.SmallestNonzeroFloat64} {
		got, err := appendJSONFloat(nil, f, 64)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := json.Marshal(f)
		if string(got) != string(want) {
			t.Errorf("appendJSONFloat(%v) = %s, encoding/json writes %s", f, got, want)
		}
	}
	got, _ := appendJSONFloat(nil, float64(float32(0.1)), 32)
	if string(got) != "0.1" {
		t.Errorf("float32 0.1 = %s", got)
	}
}

func TestAppendValueMapsAreSorted(t *testing.T) {
	m := map[contactRole]int{"b": 2, "a": 1, "c": 3}
	out, err := appendValue(nil, reflect.ValueOf(m), 0)
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != `{"a":1,"b":2,"c":3}` {
		t.Errorf("got %s", out)
	}
}

func TestSameNumberAndIntegral(t *testing.T) {
	same := [][2]string{{"1.50", "1.5"}, {"1e3", "1000"}, {"0", "-0.0"}, {"0.001", "1e-3"}, {"120", "1.2e2"}, {"-5", "-5.000"}}
	for _, p := range same {
		if !sameNumber(p[0], p[1]) {
			t.Errorf("sameNumber(%s, %s) = false", p[0], p[1])
		}
	}
	differ := [][2]string{{"1.5", "1.51"}, {"1", "-1"}, {"10", "1"}, {"12345678901234567890", "12345678901234567000"}}
	for _, p := range differ {
		if sameNumber(p[0], p[1]) {
			t.Errorf("sameNumber(%s, %s) = true", p[0], p[1])
		}
	}
	for s, want := range map[string]bool{"1": true, "1.0": true, "1e2": true, "1.5e1": true, "1.25e1": false, "0.5": false, "0": true, "-3": true, "1e-1": false} {
		if got := integralNumber(s); got != want {
			t.Errorf("integralNumber(%s) = %v", s, got)
		}
	}
	for s, want := range map[string]bool{"1": true, "-1.5e3": true, "01": false, "1.": false, ".5": false, "1e": false, "abc": false, "": false, "-": false, "0.0": true} {
		if got := isJSONNumber(s); got != want {
			t.Errorf("isJSONNumber(%q) = %v", s, got)
		}
	}
}

// TestMarshalAddressability pins what the package documentation promises
// of MarshalJSON's pointer receiver: encoding/json keeps what decoding
// found wherever it can address the model (a pointer, a slice element),
// and a model passed by value is written from its declared fields alone.
func TestMarshalAddressability(t *testing.T) {
	var tag testTag
	if err := json.Unmarshal([]byte(`{"type":"tag","id":7,"name":"vip","extra":1}`), &tag); err != nil {
		t.Fatal(err)
	}
	kept := `{"type":"tag","id":7,"name":"vip","extra":1}` // the id as received, the extra member
	declared := `{"type":"tag","id":"7","name":"vip"}`
	for _, c := range []struct {
		name string
		v    any
		want string
	}{
		{"pointer", &tag, kept},
		{"slice element", []testTag{tag}, "[" + kept + "]"},
		{"struct field through a pointer", &struct{ T testTag }{tag}, `{"T":` + kept + `}`},
		{"value", tag, declared},
		{"map value", map[string]testTag{"t": tag}, `{"t":` + declared + `}`},
	} {
		out, err := json.Marshal(c.v)
		if err != nil {
			t.Fatal(err)
		}
		if string(out) != c.want {
			t.Errorf("%s: %s, want %s", c.name, out, c.want)
		}
	}
}

// TestMarshalWritesTheCodecsEncoding pins what json.Marshal makes of a
// model: the codec's encoding, compacted (values kept as received keep
// their spacing until then) and with encoding/json's HTML escaping,
// through MarshalJSON or, with GOEXPERIMENT=jsonv2, MarshalJSONTo. The
// codec's own output is compact when its input was.
func TestMarshalWritesTheCodecsEncoding(t *testing.T) {
	for _, c := range roundTripCases {
		var v testContact
		if err := json.Unmarshal([]byte(c.in), &v); err != nil {
			t.Fatal(err)
		}
		enc, err := encodeObject(&v)
		if err != nil {
			t.Fatal(err)
		}
		var compact, want bytes.Buffer
		if err := json.Compact(&compact, enc); err != nil {
			t.Fatal(err)
		}
		json.HTMLEscape(&want, compact.Bytes())
		got, err := json.Marshal(&v)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want.Bytes()) {
			t.Errorf("%s:\njson.Marshal %s\n      codec %s", c.name, got, want.Bytes())
		}
		var in bytes.Buffer
		if err := json.Compact(&in, []byte(c.in)); err != nil {
			t.Fatal(err)
		}
		if in.String() == c.in && !bytes.Equal(compact.Bytes(), enc) {
			t.Errorf("%s: compact input, but the encoding is not compact: %s", c.name, enc)
		}
	}
}
