package runtime

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"
)

func TestDecodeValueLenient(t *testing.T) {
	ts := time.Date(2024, 3, 5, 10, 20, 30, 0, time.UTC)
	tsFrac := time.Date(2024, 3, 5, 10, 20, 30, 123456000, time.UTC)
	cases := []struct {
		name string
		raw  string
		into any // pointer to the target type
		want any
		fit  decodeFit
	}{
		// strings
		{"string", `"abc"`, new(string), "abc", fitExact},
		{"string escapes", `"a\"b\u00e9\n"`, new(string), "a\"bé\n", fitExact},
		{"string from integer", `12345`, new(string), "12345", fitCoerced},
		{"string from big integer", `123456789012345678901234`, new(string), "123456789012345678901234", fitCoerced},
		{"string from float", `1.50`, new(string), "1.50", fitCoerced},
		{"string from bool", `true`, new(string), "true", fitCoerced},
		{"string from object", `{"a":1}`, new(string), "", fitFailed},
		{"string from array", `["a"]`, new(string), "", fitFailed},
		{"string from null", `null`, new(string), "", fitFailed},
		{"unknown enum value", `"admin"`, new(contactRole), contactRole("admin"), fitExact},
		{"known enum value", `"lead"`, new(contactRole), contactRoleLead, fitExact},
		{"enum from number", `7`, new(contactRole), contactRole("7"), fitCoerced},

		// integers
		{"int", `42`, new(int), 42, fitExact},
		{"negative int64", `-9007199254740993`, new(int64), int64(-9007199254740993), fitExact},
		{"int from exponent", `1e3`, new(int), 1000, fitExact},
		{"int from integral float", `5.0`, new(int), 5, fitExact},
		{"int truncates fraction", `3.99`, new(int), 3, fitCoerced},
		{"int truncates negative fraction", `-3.99`, new(int), -3, fitCoerced},
		{"int from numeric string", `"17"`, new(int), 17, fitCoerced},
		{"int from float string", `"17.8"`, new(int), 17, fitCoerced},
		{"int from padded string", `" 17 "`, new(int), 17, fitCoerced},
		{"int from word", `"many"`, new(int), 0, fitFailed},
		{"int from bool", `true`, new(int), 0, fitFailed},
		{"int overflow", `1e30`, new(int64), int64(0), fitFailed},
		{"int8 overflow", `300`, new(int8), int8(0), fitFailed},
		{"int from null", `null`, new(int), 0, fitFailed},
		{"uint", `7`, new(uint), uint(7), fitExact},
		{"uint from negative", `-7`, new(uint), uint(0), fitFailed},

		// floats
		{"float", `155.5`, new(float64), 155.5, fitExact},
		{"float trailing zero", `155.50`, new(float64), 155.5, fitExact},
		{"float from integer", `3`, new(float64), 3.0, fitExact},
		{"float exponent", `1.5e-7`, new(float64), 1.5e-7, fitExact},
		{"float too precise", `0.12345678901234567890123`, new(float64), 0.12345678901234568, fitCoerced},
		{"float from string", `"2.25"`, new(float64), 2.25, fitCoerced},
		{"float from word", `"n/a"`, new(float64), 0.0, fitFailed},
		{"float from object", `{}`, new(float64), 0.0, fitFailed},

		// booleans
		{"bool", `true`, new(bool), true, fitExact},
		{"bool false", `false`, new(bool), false, fitExact},
		{"bool from string", `"true"`, new(bool), true, fitCoerced},
		{"bool from string false", `"false"`, new(bool), false, fitCoerced},
		{"bool from number", `1`, new(bool), false, fitFailed},
		{"bool from word", `"yes"`, new(bool), false, fitFailed},

		// times
		{"time", `"2024-03-05T10:20:30Z"`, new(time.Time), ts, fitExact},
		{"time fractional", `"2024-03-05T10:20:30.123456Z"`, new(time.Time), tsFrac, fitExact},
		{"time padded fraction", `"2024-03-05T10:20:30.000Z"`, new(time.Time), ts, fitCoerced},
		{"time without zone", `"2024-03-05T10:20:30"`, new(time.Time), ts, fitCoerced},
		{"time from unix seconds", `1709634030`, new(time.Time), ts, fitCoerced},
		{"time from garbage", `"yesterday"`, new(time.Time), time.Time{}, fitFailed},
		{"unix time", `1709634030`, new(UnixTime), UnixTime(1709634030), fitExact},
		{"unix time float", `1709634030.75`, new(UnixTime), UnixTime(1709634030), fitCoerced},
		{"unix time string", `"1709634030"`, new(UnixTime), UnixTime(1709634030), fitCoerced},
		{"unix time rfc3339", `"2024-03-05T10:20:30Z"`, new(UnixTime), UnixTime(1709634030), fitCoerced},
		{"unix time garbage", `"soon"`, new(UnixTime), UnixTime(0), fitFailed},

		// bytes
		{"bytes", `"aGVsbG8="`, new([]byte), []byte("hello"), fitExact},
		{"bytes unpadded", `"aGVsbG8"`, new([]byte), []byte("hello"), fitCoerced},
		{"bytes invalid", `"!!"`, new([]byte), []byte(nil), fitFailed},

		// raw, any
		{"raw message", `{"x": [1, 2]}`, new(json.RawMessage), json.RawMessage(`{"x": [1, 2]}`), fitExact},
		{"raw null", `null`, new(json.RawMessage), json.RawMessage(`null`), fitExact},
		{"any number keeps text", `155.50`, new(any), json.Number("155.50"), fitExact},
		{"any object", `{"seats":3,"plan":"pro"}`, new(any), map[string]any{"seats": json.Number("3"), "plan": "pro"}, fitExact},
		{"any null", `null`, new(any), nil, fitExact},
		{"map any", `{"monthly_spend":155.5,"plan":"pro","seats":3,"vip":true,"x":null}`, new(map[string]any),
			map[string]any{"monthly_spend": json.Number("155.5"), "plan": "pro", "seats": json.Number("3"), "vip": true, "x": nil}, fitExact},

		// slices and maps
		{"slice", `["a","b"]`, new([]string), []string{"a", "b"}, fitExact},
		{"empty slice is not nil", `[]`, new([]string), []string{}, fitExact},
		{"slice coerced element", `["a",2]`, new([]string), []string{"a", "2"}, fitCoerced},
		{"slice failed element", `[1,{},3]`, new([]int), []int{1, 0, 3}, fitCoerced},
		{"slice from object", `{"a":1}`, new([]int), []int(nil), fitFailed},
		{"slice from null", `null`, new([]int), []int(nil), fitFailed},
		{"map", `{"a":1,"b":2}`, new(map[string]int), map[string]int{"a": 1, "b": 2}, fitExact},
		{"map coerced value", `{"a":"1"}`, new(map[string]int), map[string]int{"a": 1}, fitCoerced},
		{"map duplicate key last wins", `{"a":1,"a":2}`, new(map[string]int), map[string]int{"a": 2}, fitExact},
		{"map from array", `[1]`, new(map[string]int), map[string]int(nil), fitFailed},

		// Nullable and pointers
		{"nullable value", `"x"`, new(Nullable[string]), Some("x"), fitExact},
		{"nullable null", `null`, new(Nullable[string]), Null[string](), fitExact},
		{"nullable coerced", `5`, new(Nullable[string]), Some("5"), fitCoerced},
		{"nullable failed is absent", `{}`, new(Nullable[int]), Nullable[int]{}, fitFailed},
		{"nullable of slice", `[1,2]`, new(Nullable[[]int]), Some([]int{1, 2}), fitExact},
		{"pointer", `"x"`, new(*string), String("x"), fitExact},
		{"pointer to zero", `0`, new(*int), Int(0), fitExact},
		{"pointer coerced", `"7"`, new(*int), Int(7), fitCoerced},
		{"pointer null", `null`, new(*string), (*string)(nil), fitExact},
		{"pointer failed is nil", `[]`, new(*int), (*int)(nil), fitFailed},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v := reflect.ValueOf(c.into).Elem()
			fit := decodeValue(trimJSONSpace([]byte(c.raw)), v, 0)
			got := v.Interface()
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("value = %#v, want %#v", got, c.want)
			}
			if fit != c.fit {
				t.Errorf("fit = %d, want %d", fit, c.fit)
			}
		})
	}
}

func TestDecodeTimeKeepsOffset(t *testing.T) {
	var got time.Time
	fit := decodeValue([]byte(`"2024-03-05T12:20:30+02:00"`), reflect.ValueOf(&got).Elem(), 0)
	if fit != fitExact {
		t.Errorf("fit = %d, want exact", fit)
	}
	if !got.Equal(time.Date(2024, 3, 5, 10, 20, 30, 0, time.UTC)) {
		t.Errorf("got %v", got)
	}
	if _, off := got.Zone(); off != 7200 {
		t.Errorf("offset = %d, want 7200", off)
	}
}

func TestDecodeObjectErrors(t *testing.T) {
	var c testContact
	for _, bad := range []string{``, `{`, `{"id": }`, `{"id":"1"} x`} {
		if err := json.Unmarshal([]byte(bad), &c); err == nil {
			t.Errorf("json.Unmarshal(%q) succeeded", bad)
		}
		if err := decodeObject([]byte(bad), &c); err == nil {
			t.Errorf("decodeObject(%q) succeeded", bad)
		}
	}
	for _, notObject := range []string{`[]`, `"contact"`, `12`, `true`} {
		if err := decodeObject([]byte(notObject), &c); err == nil {
			t.Errorf("decodeObject(%s) succeeded", notObject)
		}
	}
	c = testContact{ID: "keep"}
	if err := decodeObject([]byte(` null `), &c); err != nil {
		t.Fatalf("null: %v", err)
	}
	if c.ID != "keep" {
		t.Errorf("null changed the value: %+v", c.ID)
	}
	if err := decodeObject([]byte(`{}`), testContact{}); err == nil {
		t.Error("decodeObject accepted a non-pointer")
	}
	if err := decodeObject([]byte(`{}`), new(struct{ A int })); err == nil {
		t.Error("decodeObject accepted a struct without objectMeta")
	}
}

func TestDecodeObjectFields(t *testing.T) {
	const in = `{
		"type": "contact",
		"id": 6571,
		"email": "ann@example.com",
		"phone": null,
		"tags": [{"type": "tag", "id": 7, "name": "vip"}],
		"custom_attributes": {"monthly_spend": 155.5, "plan": "pro", "seats": 3},
		"location": {"type": "location", "city": "Dublin", "region": "Leinster"},
		"role": "admin",
		"created_at": 1709634030,
		"updated_at": "2024-03-05T10:20:30.5Z",
		"parent": {"type": "contact", "id": "p1"},
		"score": "9.5",
		"count": 4.7,
		"active": "true",
		"notes": ["a", "b"],
		"last_seen_at": null,
		"raw": {"k": [1, 2]},
		"avatar": "aGk=",
		"anything": [1, "two", {"three": 3}],
		"brand_new_field": {"x": 1}
	}`
	var c testContact
	if err := json.Unmarshal([]byte(in), &c); err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		name      string
		got, want any
	}{
		{"Type", c.Type, "contact"},
		{"ID", c.ID, "6571"},
		{"Email", c.Email, String("ann@example.com")},
		{"Phone", c.Phone, Null[string]()},
		{"Tags", len(c.Tags), 1},
		{"Tag ID", c.Tags[0].ID, "7"},
		{"Tag Name", c.Tags[0].Name, String("vip")},
		{"Custom spend", c.Custom["monthly_spend"], json.Number("155.5")},
		{"Custom seats", c.Custom["seats"], json.Number("3")},
		{"Custom plan", c.Custom["plan"], "pro"},
		{"City", c.Location.City, String("Dublin")},
		{"Location extra", keysOf(ExtraFields(c.Location)), "region"},
		{"Role", c.Role, Ptr(contactRole("admin"))},
		{"Created", c.Created.Time(), time.Date(2024, 3, 5, 10, 20, 30, 0, time.UTC)},
		{"Updated", c.Updated, Ptr(time.Date(2024, 3, 5, 10, 20, 30, 5e8, time.UTC))},
		{"Parent", c.Parent != nil && c.Parent.ID == "p1", true},
		{"Score", c.Score, Float(9.5)},
		{"Count", c.Count, Int(4)},
		{"Active", c.Active, Bool(true)},
		{"Notes", c.Notes, Some([]string{"a", "b"})},
		{"Seen", c.Seen, (*UnixTime)(nil)},
		{"Raw", string(c.Raw), `{"k": [1, 2]}`},
		{"Avatar", string(c.Avatar), "hi"},
		{"Anything", c.Anything, []any{json.Number("1"), "two", map[string]any{"three": json.Number("3")}}},
		{"Extra", keysOf(ExtraFields(c)), "brand_new_field"},
		{"Extra value", string(ExtraFields(&c)["brand_new_field"]), `{"x": 1}`},
	}
	for _, ch := range checks {
		if !reflect.DeepEqual(ch.got, ch.want) {
			t.Errorf("%s = %#v, want %#v", ch.name, ch.got, ch.want)
		}
	}
}

func TestDecodeObjectCaseInsensitiveAndDuplicates(t *testing.T) {
	var c testContact
	if err := json.Unmarshal([]byte(`{"ID":"upper","Email":"a@x","id":"exact","Id":"variant","count":1,"count":2}`), &c); err != nil {
		t.Fatal(err)
	}
	if c.ID != "exact" {
		t.Errorf("ID = %q: an exact key must win over case variants", c.ID)
	}
	if c.Email == nil || *c.Email != "a@x" {
		t.Errorf("Email = %v: a case-insensitive match must be used when there is no exact key", c.Email)
	}
	if c.Count == nil || *c.Count != 2 {
		t.Errorf("Count = %v: the last duplicate must win", c.Count)
	}
	if got := keysOf(ExtraFields(c)); got != "ID,Id" {
		t.Errorf("extra keys = %q: case variants that lost to an exact key are kept", got)
	}
}

func TestDecodeObjectReplacesPreviousValue(t *testing.T) {
	c := testContact{ID: "old", Email: String("old@x"), Count: Int(9), Notes: Null[[]string]()}
	if err := json.Unmarshal([]byte(`{"id":"new"}`), &c); err != nil {
		t.Fatal(err)
	}
	if c.ID != "new" || c.Email != nil || c.Count != nil || c.Notes.IsSet() {
		t.Errorf("got %+v, want only ID set", c)
	}
	out, err := json.Marshal(&c)
	if err != nil {
		t.Fatal(err)
	}
	assertJSONEqual(t, out, `{"id":"new"}`)
}

func TestDecodeNestedInStdlibContainers(t *testing.T) {
	// Generated models inside maps and slices decoded by encoding/json
	// itself still go through the lenient codec.
	var m map[string][]testTag
	if err := json.Unmarshal([]byte(`{"a":[{"id":1,"x":true}]}`), &m); err != nil {
		t.Fatal(err)
	}
	if got := m["a"][0]; got.ID != "1" || keysOf(ExtraFields(got)) != "x" {
		t.Errorf("got %+v", got)
	}
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	assertJSONEqual(t, out, `{"a":[{"id":1,"x":true}]}`)
}
