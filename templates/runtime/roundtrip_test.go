package runtime

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
)

// Payloads shaped like Intercom's real responses, which break their
// schemas in the ways the codec must survive.
var roundTripCases = []struct {
	name string
	in   string
}{
	{"unknown keys at every level", `{
		"type": "contact", "id": "1", "phone": "+353",  "created_at": 1700000000,
		"brand_new": {"nested": [1, 2, {"deep": true}]},
		"location": {"type": "location", "city": "Cork", "postal_code": "T12"},
		"tags": [{"type": "tag", "id": "7", "applied_by": {"type": "admin", "id": "3"}}]
	}`},
	{"nulls in non-nullable fields", `{
		"type": null, "id": null, "phone": null, "created_at": null,
		"tags": null, "custom_attributes": null, "location": null, "role": null,
		"updated_at": null, "parent": null, "score": null, "count": null,
		"active": null, "raw": null, "avatar": null, "anything": null
	}`},
	{"numbers for strings", `{
		"type": "contact", "id": 6571, "email": 42, "phone": 3531234567, "role": 1,
		"created_at": 1700000000, "tags": [{"type": "tag", "id": 99}], "notes": [1, "two", 3.5]
	}`},
	{"strings for numbers and booleans", `{
		"id": "1", "phone": null, "created_at": "1700000000", "score": "9.50",
		"count": "12", "active": "false", "last_seen_at": "1700000001"
	}`},
	{"mismatched kinds left as zero", `{
		"id": {"oops": 1}, "phone": [1], "created_at": "soon", "tags": {"not": "a list"},
		"custom_attributes": [1, 2], "location": "Dublin", "role": {"x": 1},
		"updated_at": "last tuesday", "parent": "p1", "score": {}, "count": [],
		"active": 1, "notes": {"a": 1}, "last_seen_at": true, "avatar": "!!!"
	}`},
	{"missing required fields", `{"email": "a@example.com"}`},
	{"empty object", `{}`},
	{"zero values of optional keys", `{
		"id": "1", "phone": "", "created_at": 0, "email": "", "score": 0, "count": 0,
		"active": false, "role": "", "tags": [], "custom_attributes": {}, "notes": [],
		"location": {}, "raw": {}, "anything": 0
	}`},
	{"times", `{
		"id": "1", "phone": null, "created_at": 1700000000.9,
		"updated_at": "2024-03-05T10:20:30.000Z", "last_seen_at": 1700000001
	}`},
	{"time with offset and fraction", `{"id":"1","phone":null,"created_at":0,"updated_at":"2024-03-05T12:20:30.123+02:00"}`},
	{"time without zone", `{"id":"1","phone":null,"created_at":0,"updated_at":"2024-03-05 10:20:30"}`},
	{"custom attributes with mixed values", `{
		"id": "1", "phone": null, "created_at": 0,
		"custom_attributes": {"monthly_spend": 155.50, "plan": "pro", "seats": 3,
			"big": 123456789012345678901234567890, "vip": true, "none": null,
			"list": [1, "a"], "obj": {"k": "v"}, "html": "<b>&amp;</b>"}
	}`},
	{"escaped and unicode strings", `{
		"id": "caf\u00e9 \"quoted\" \\ </script>", "phone": "\u2028", "created_at": 0,
		"email": "emoji \ud83d\ude00"
	}`},
	{"float precision beyond float64", `{"id":"1","phone":null,"created_at":0,"score":0.1234567890123456789}`},
	{"recursive parent", `{
		"id": "1", "phone": null, "created_at": 0,
		"parent": {"id": 2, "parent": {"id": "3", "extra": [null]}}
	}`},
	{"raw json field", `{"id":"1","phone":null,"created_at":0,"raw":[1, {"a": "b"}, null]}`},
	{"duplicate keys", `{"id":"1","id":"2","phone":null,"created_at":0}`},
}

func TestRoundTripPreservesJSON(t *testing.T) {
	for _, c := range roundTripCases {
		t.Run(c.name, func(t *testing.T) {
			var v testContact
			if err := json.Unmarshal([]byte(c.in), &v); err != nil {
				t.Fatalf("decode: %v", err)
			}
			out, err := encodeObject(&v)
			if err != nil {
				t.Fatalf("encode: %v", err)
			}
			want := c.in
			if c.name == "duplicate keys" {
				want = `{"id":"2","phone":null,"created_at":0}`
			}
			assertJSONEqual(t, out, want)

			// Once more through encoding/json and a second decode.
			out2, err := json.Marshal(&v)
			if err != nil {
				t.Fatal(err)
			}
			var again testContact
			if err := json.Unmarshal(out2, &again); err != nil {
				t.Fatal(err)
			}
			out3, err := encodeObject(&again)
			if err != nil {
				t.Fatal(err)
			}
			assertJSONEqual(t, out3, want)
		})
	}
}

func TestRoundTripOfSlicesAndMapsOfModels(t *testing.T) {
	const in = `[{"type":"tag","id":1,"name":null,"x":1},{"id":"2","name":""},{}]`
	var tags []testTag
	if err := json.Unmarshal([]byte(in), &tags); err != nil {
		t.Fatal(err)
	}
	out, err := appendValue(nil, reflect.ValueOf(tags), 0)
	if err != nil {
		t.Fatal(err)
	}
	assertJSONEqual(t, out, in)
}

func TestEditsAfterDecodeWin(t *testing.T) {
	const in = `{
		"type": "contact", "id": 6571, "email": "a@x", "phone": null,
		"role": null, "created_at": "1700000000", "score": "9.50",
		"tags": [{"type": "tag", "id": 7, "name": "vip", "extra": 1}],
		"location": {"city": "Cork", "postal_code": "T12"},
		"unknown": true
	}`
	decode := func() testContact {
		var c testContact
		if err := json.Unmarshal([]byte(in), &c); err != nil {
			t.Fatal(err)
		}
		return c
	}
	cases := []struct {
		name string
		edit func(c *testContact)
		want string
	}{
		{"change coerced id", func(c *testContact) { c.ID = "x" }, `{
			"type": "contact", "id": "x", "email": "a@x", "phone": null,
			"role": null, "created_at": "1700000000", "score": "9.50",
			"tags": [{"type": "tag", "id": 7, "name": "vip", "extra": 1}],
			"location": {"city": "Cork", "postal_code": "T12"}, "unknown": true}`},
		{"set a field received as null", func(c *testContact) { c.Role = Ptr(contactRoleUser) }, `{
			"type": "contact", "id": 6571, "email": "a@x", "phone": null,
			"role": "user", "created_at": "1700000000", "score": "9.50",
			"tags": [{"type": "tag", "id": 7, "name": "vip", "extra": 1}],
			"location": {"city": "Cork", "postal_code": "T12"}, "unknown": true}`},
		{"clear optionals", func(c *testContact) { c.Email = nil; c.Phone = Some("+1") }, `{
			"type": "contact", "id": 6571, "phone": "+1",
			"role": null, "created_at": "1700000000", "score": "9.50",
			"tags": [{"type": "tag", "id": 7, "name": "vip", "extra": 1}],
			"location": {"city": "Cork", "postal_code": "T12"}, "unknown": true}`},
		{"null a nullable", func(c *testContact) { c.Notes = Null[[]string]() }, `{
			"type": "contact", "id": 6571, "email": "a@x", "phone": null, "notes": null,
			"role": null, "created_at": "1700000000", "score": "9.50",
			"tags": [{"type": "tag", "id": 7, "name": "vip", "extra": 1}],
			"location": {"city": "Cork", "postal_code": "T12"}, "unknown": true}`},
		{"set absent fields", func(c *testContact) { c.Count = Int(3); c.Active = Bool(true) }, `{
			"type": "contact", "id": 6571, "email": "a@x", "phone": null,
			"role": null, "created_at": "1700000000", "score": "9.50", "count": 3, "active": true,
			"tags": [{"type": "tag", "id": 7, "name": "vip", "extra": 1}],
			"location": {"city": "Cork", "postal_code": "T12"}, "unknown": true}`},
		{"edit coerced numbers", func(c *testContact) { c.Created = 5; *c.Score = 1.25 }, `{
			"type": "contact", "id": 6571, "email": "a@x", "phone": null,
			"role": null, "created_at": 5, "score": 1.25,
			"tags": [{"type": "tag", "id": 7, "name": "vip", "extra": 1}],
			"location": {"city": "Cork", "postal_code": "T12"}, "unknown": true}`},
		{"edit nested model", func(c *testContact) { *c.Tags[0].Name = "gold"; c.Location.City = nil }, `{
			"type": "contact", "id": 6571, "email": "a@x", "phone": null,
			"role": null, "created_at": "1700000000", "score": "9.50",
			"tags": [{"type": "tag", "id": 7, "name": "gold", "extra": 1}],
			"location": {"postal_code": "T12"}, "unknown": true}`},
		{"replace nested model", func(c *testContact) { c.Location = testLocation{Country: String("IE")} }, `{
			"type": "contact", "id": 6571, "email": "a@x", "phone": null,
			"role": null, "created_at": "1700000000", "score": "9.50",
			"tags": [{"type": "tag", "id": 7, "name": "vip", "extra": 1}],
			"location": {"type": "location", "country": "IE"}, "unknown": true}`},
		{"append to list", func(c *testContact) { c.Tags = append(c.Tags, testTag{ID: "8"}) }, `{
			"type": "contact", "id": 6571, "email": "a@x", "phone": null,
			"role": null, "created_at": "1700000000", "score": "9.50",
			"tags": [{"type": "tag", "id": 7, "name": "vip", "extra": 1}, {"type": "tag", "id": "8"}],
			"location": {"city": "Cork", "postal_code": "T12"}, "unknown": true}`},
		{"clear const", func(c *testContact) { c.Type = "" }, `{
			"type": "contact", "id": 6571, "email": "a@x", "phone": null,
			"role": null, "created_at": "1700000000", "score": "9.50",
			"tags": [{"type": "tag", "id": 7, "name": "vip", "extra": 1}],
			"location": {"city": "Cork", "postal_code": "T12"}, "unknown": true}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v := decode()
			c.edit(&v)
			out, err := json.Marshal(&v)
			if err != nil {
				t.Fatal(err)
			}
			assertJSONEqual(t, out, c.want)
		})
	}
}

func TestDecodedConstAbsentStaysAbsent(t *testing.T) {
	var l testLocation
	if err := json.Unmarshal([]byte(`{"city":"Cork"}`), &l); err != nil {
		t.Fatal(err)
	}
	out, err := json.Marshal(&l)
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != `{"city":"Cork"}` {
		t.Errorf("got %s: a const absent from the payload must not be added", out)
	}
}

func TestDecodedMetaIsNotSharedAcrossCopies(t *testing.T) {
	var a testTag
	if err := json.Unmarshal([]byte(`{"id":"1","x":1}`), &a); err != nil {
		t.Fatal(err)
	}
	b := a
	if err := SetExtraField(&b, "y", 2); err != nil {
		t.Fatal(err)
	}
	if got := keysOf(ExtraFields(a)); got != "x" {
		t.Errorf("original extra keys = %q after SetExtraField on a copy", got)
	}
	if got := keysOf(ExtraFields(&b)); got != "x,y" {
		t.Errorf("copy extra keys = %q", got)
	}
	ex := ExtraFields(a)
	ex["x"][0] = '9'
	delete(ex, "x")
	out, _ := json.Marshal(&a)
	if !bytes.Contains(out, []byte(`"x":1`)) {
		t.Errorf("mutating ExtraFields' result changed the value: %s", out)
	}
}
