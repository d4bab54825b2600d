package runtime

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"
)

type testRecipient struct {
	Type string `json:"type"`
	ID   string `json:"id"`
	objectMeta
}

func (v *testRecipient) UnmarshalJSON(b []byte) error { return decodeObject(b, v) }
func (v *testRecipient) MarshalJSON() ([]byte, error) { return encodeObject(v) }

// testRecipients is {to: recipient | [recipient]}.
type testRecipients struct {
	Recipient     *testRecipient
	RecipientList *[]testRecipient
	unionMeta
}

func (v *testRecipients) UnmarshalJSON(b []byte) error { return decodeUnion(b, v) }
func (v testRecipients) MarshalJSON() ([]byte, error)  { return encodeUnion(&v) }

type testByID struct {
	ID   string  `json:"id"`
	Name *string `json:"name,omitzero"`
	objectMeta
}

func (v *testByID) UnmarshalJSON(b []byte) error { return decodeObject(b, v) }
func (v *testByID) MarshalJSON() ([]byte, error) { return encodeObject(v) }

type testByEmail struct {
	Email string  `json:"email"`
	Name  *string `json:"name,omitzero"`
	objectMeta
}

func (v *testByEmail) UnmarshalJSON(b []byte) error { return decodeObject(b, v) }
func (v *testByEmail) MarshalJSON() ([]byte, error) { return encodeObject(v) }

// testIdentity's variants differ only in their required keys.
type testIdentity struct {
	ByID    *testByID
	ByEmail *testByEmail
	unionMeta
}

func (v *testIdentity) UnmarshalJSON(b []byte) error { return decodeUnion(b, v) }
func (v testIdentity) MarshalJSON() ([]byte, error)  { return encodeUnion(&v) }

type testArticle struct {
	Type  string  `json:"type" const:"article"`
	ID    string  `json:"id"`
	Title *string `json:"title,omitzero"`
	objectMeta
}

func (v *testArticle) UnmarshalJSON(b []byte) error { return decodeObject(b, v) }
func (v *testArticle) MarshalJSON() ([]byte, error) { return encodeObject(v) }

type testExternal struct {
	Type  string  `json:"type" const:"external_content"`
	ID    string  `json:"id"`
	Title *string `json:"title,omitzero"`
	objectMeta
}

func (v *testExternal) UnmarshalJSON(b []byte) error { return decodeObject(b, v) }
func (v *testExternal) MarshalJSON() ([]byte, error) { return encodeObject(v) }

// testContentByConst's variants have the same keys and differ in a const.
type testContentByConst struct {
	Article  *testArticle
	External *testExternal
	unionMeta
}

func (v *testContentByConst) UnmarshalJSON(b []byte) error { return decodeUnion(b, v) }
func (v testContentByConst) MarshalJSON() ([]byte, error)  { return encodeUnion(&v) }

// testContentByDisc has a discriminator mapping two values to one variant.
type testContentByDisc struct {
	External *testExternal `discriminator:"type=external_content"`
	Article  *testArticle  `discriminator:"type=article|article_v2"`
	unionMeta
}

func (v *testContentByDisc) UnmarshalJSON(b []byte) error { return decodeUnion(b, v) }
func (v testContentByDisc) MarshalJSON() ([]byte, error)  { return encodeUnion(&v) }

type testStringOrInt struct {
	Text   *string
	Number *int
	unionMeta
}

func (v *testStringOrInt) UnmarshalJSON(b []byte) error { return decodeUnion(b, v) }
func (v testStringOrInt) MarshalJSON() ([]byte, error)  { return encodeUnion(&v) }

type testIntOrFloat struct {
	Int   *int64
	Float *float64
	unionMeta
}

func (v *testIntOrFloat) UnmarshalJSON(b []byte) error { return decodeUnion(b, v) }
func (v testIntOrFloat) MarshalJSON() ([]byte, error)  { return encodeUnion(&v) }

// testNested has a union among its variants.
type testNested struct {
	Scalar *testStringOrInt
	List   *[]testStringOrInt
	Object *testByID
	unionMeta
}

func (v *testNested) UnmarshalJSON(b []byte) error { return decodeUnion(b, v) }
func (v testNested) MarshalJSON() ([]byte, error)  { return encodeUnion(&v) }

type testListUnion struct {
	IDs    *[]testByID
	Emails *[]testByEmail
	unionMeta
}

func (v *testListUnion) UnmarshalJSON(b []byte) error { return decodeUnion(b, v) }
func (v testListUnion) MarshalJSON() ([]byte, error)  { return encodeUnion(&v) }

type testWithAny struct {
	Object   *testByID
	Anything *any
	unionMeta
}

func (v *testWithAny) UnmarshalJSON(b []byte) error { return decodeUnion(b, v) }
func (v testWithAny) MarshalJSON() ([]byte, error)  { return encodeUnion(&v) }

// testSelf refers to itself, which must not send variant selection into
// an endless loop.
type testSelf struct {
	Self *testSelf
	Text *string
	unionMeta
}

func (v *testSelf) UnmarshalJSON(b []byte) error { return decodeUnion(b, v) }
func (v testSelf) MarshalJSON() ([]byte, error)  { return encodeUnion(&v) }

type testTimeOrText struct {
	When *time.Time
	At   *UnixTime
	Text *string
	Flag *bool
	unionMeta
}

func (v *testTimeOrText) UnmarshalJSON(b []byte) error { return decodeUnion(b, v) }
func (v testTimeOrText) MarshalJSON() ([]byte, error)  { return encodeUnion(&v) }

type testMessage struct {
	To      testRecipients       `json:"to"`
	Content testContentByDisc    `json:"content,omitzero"`
	Value   Nullable[testNested] `json:"value,omitzero"`
	objectMeta
}

func (v *testMessage) UnmarshalJSON(b []byte) error { return decodeObject(b, v) }
func (v *testMessage) MarshalJSON() ([]byte, error) { return encodeObject(v) }

// decodeRoundTrip decodes in into a new T, checks that it re-encodes to
// the same JSON and returns it.
func decodeRoundTrip[T any](t *testing.T, in string) *T {
	t.Helper()
	v := new(T)
	if err := json.Unmarshal([]byte(in), v); err != nil {
		t.Fatalf("decode %s: %v", in, err)
	}
	out, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("encode: %v", err)
	}
	assertJSONEqual(t, out, in)
	return v
}

func TestUnionObjectOrArray(t *testing.T) {
	one := decodeRoundTrip[testRecipients](t, `{"type":"user","id":"1"}`)
	if one.Recipient == nil || one.Recipient.ID != "1" || one.RecipientList != nil {
		t.Errorf("object: %+v", one)
	}
	list := decodeRoundTrip[testRecipients](t, `[{"type":"user","id":"1"},{"type":"lead","id":2}]`)
	if list.Recipient != nil || list.RecipientList == nil || len(*list.RecipientList) != 2 || (*list.RecipientList)[1].ID != "2" {
		t.Errorf("array: %+v", list)
	}
	empty := decodeRoundTrip[testRecipients](t, `[]`)
	if empty.RecipientList == nil || len(*empty.RecipientList) != 0 {
		t.Errorf("empty array: %+v", empty)
	}
}

func TestUnionByRequiredKeys(t *testing.T) {
	byEmail := decodeRoundTrip[testIdentity](t, `{"email":"a@x","name":"Ann"}`)
	if byEmail.ByEmail == nil || byEmail.ByEmail.Email != "a@x" || byEmail.ByID != nil {
		t.Errorf("email: %+v", byEmail)
	}
	byID := decodeRoundTrip[testIdentity](t, `{"id":"7","name":"Ann"}`)
	if byID.ByID == nil || byID.ByID.ID != "7" || byID.ByEmail != nil {
		t.Errorf("id: %+v", byID)
	}
	// Both fit equally badly: declaration order decides.
	tie := decodeRoundTrip[testIdentity](t, `{"name":"Ann"}`)
	if tie.ByID == nil {
		t.Errorf("tie: %+v", tie)
	}
	// Unknown keys count against a variant; still the best one is chosen.
	extra := decodeRoundTrip[testIdentity](t, `{"email":"a@x","x":1,"y":2}`)
	if extra.ByEmail == nil || keysOf(ExtraFields(extra.ByEmail)) != "x,y" {
		t.Errorf("extra: %+v", extra)
	}
}

func TestUnionByConst(t *testing.T) {
	ext := decodeRoundTrip[testContentByConst](t, `{"type":"external_content","id":"1"}`)
	if ext.External == nil || ext.Article != nil {
		t.Errorf("external: %+v", ext)
	}
	art := decodeRoundTrip[testContentByConst](t, `{"type":"article","id":"1","title":"T"}`)
	if art.Article == nil || art.External != nil {
		t.Errorf("article: %+v", art)
	}
	// Neither const matches: nothing can hold it, so it is kept raw.
	other := decodeRoundTrip[testContentByConst](t, `{"type":"video","id":"1"}`)
	if other.Article != nil || other.External != nil {
		t.Errorf("unknown type: %+v", other)
	}
}

func TestUnionDiscriminator(t *testing.T) {
	for _, typ := range []string{"article", "article_v2"} {
		v := decodeRoundTrip[testContentByDisc](t, `{"type":"`+typ+`","id":"1"}`)
		if v.Article == nil || v.External != nil || v.Article.Type != typ {
			t.Errorf("%s: %+v", typ, v)
		}
	}
	ext := decodeRoundTrip[testContentByDisc](t, `{"id":"1","type":"external_content"}`)
	if ext.External == nil {
		t.Errorf("external: %+v", ext)
	}
	// An unknown discriminator value falls back to matching by shape,
	// where both consts rule their variants out.
	unknown := decodeRoundTrip[testContentByDisc](t, `{"type":"video","id":"1"}`)
	if unknown.External != nil || unknown.Article != nil {
		t.Errorf("unknown: %+v", unknown)
	}
	// Without the property, shape decides.
	shape := decodeRoundTrip[testContentByDisc](t, `{"id":"1","title":"x"}`)
	if shape.External == nil {
		t.Errorf("no discriminator: %+v", shape)
	}
}

func TestUnionScalars(t *testing.T) {
	s := decodeRoundTrip[testStringOrInt](t, `"abc"`)
	if s.Text == nil || *s.Text != "abc" || s.Number != nil {
		t.Errorf("string: %+v", s)
	}
	n := decodeRoundTrip[testStringOrInt](t, `42`)
	if n.Number == nil || *n.Number != 42 || n.Text != nil {
		t.Errorf("integer: %+v", n)
	}
	numStr := decodeRoundTrip[testStringOrInt](t, `"42"`)
	if numStr.Text == nil || *numStr.Text != "42" {
		t.Errorf("numeric string must stay a string: %+v", numStr)
	}
	// A fraction is no integer; the string variant takes it by coercion
	// and the raw number is kept for re-encoding.
	frac := decodeRoundTrip[testStringOrInt](t, `4.5`)
	if frac.Text == nil || *frac.Text != "4.5" || frac.Number != nil {
		t.Errorf("fraction: %+v", frac)
	}
	i := decodeRoundTrip[testIntOrFloat](t, `3`)
	if i.Int == nil || *i.Int != 3 {
		t.Errorf("int: %+v", i)
	}
	f := decodeRoundTrip[testIntOrFloat](t, `3.25`)
	if f.Float == nil || *f.Float != 3.25 || f.Int != nil {
		t.Errorf("float: %+v", f)
	}
	numeric := decodeRoundTrip[testIntOrFloat](t, `"7"`)
	if numeric.Int == nil || *numeric.Int != 7 {
		t.Errorf("numeric string as a last resort: %+v", numeric)
	}
}

func TestUnionTimesAndBools(t *testing.T) {
	when := decodeRoundTrip[testTimeOrText](t, `"2024-03-05T10:20:30Z"`)
	if when.When == nil || when.Text != nil {
		t.Errorf("date-time: %+v", when)
	}
	at := decodeRoundTrip[testTimeOrText](t, `1700000000`)
	if at.At == nil || *at.At != 1700000000 {
		t.Errorf("unix: %+v", at)
	}
	text := decodeRoundTrip[testTimeOrText](t, `"hello"`)
	if text.Text == nil || text.When != nil {
		t.Errorf("text: %+v", text)
	}
	flag := decodeRoundTrip[testTimeOrText](t, `false`)
	if flag.Flag == nil || *flag.Flag {
		t.Errorf("bool: %+v", flag)
	}
}

func TestUnionNested(t *testing.T) {
	scalar := decodeRoundTrip[testNested](t, `"x"`)
	if scalar.Scalar == nil || scalar.Scalar.Text == nil || *scalar.Scalar.Text != "x" {
		t.Errorf("scalar: %+v", scalar)
	}
	num := decodeRoundTrip[testNested](t, `5`)
	if num.Scalar == nil || num.Scalar.Number == nil || *num.Scalar.Number != 5 {
		t.Errorf("number: %+v", num)
	}
	list := decodeRoundTrip[testNested](t, `[1,"a"]`)
	if list.List == nil || len(*list.List) != 2 || (*list.List)[0].Number == nil || (*list.List)[1].Text == nil {
		t.Errorf("list: %+v", list)
	}
	obj := decodeRoundTrip[testNested](t, `{"id":"1"}`)
	if obj.Object == nil || obj.Scalar != nil {
		t.Errorf("object: %+v", obj)
	}
}

func TestUnionArrayScoring(t *testing.T) {
	emails := decodeRoundTrip[testListUnion](t, `[{"email":"a@x"},{"email":"b@x","name":"B"}]`)
	if emails.Emails == nil || emails.IDs != nil {
		t.Errorf("emails: %+v", emails)
	}
	ids := decodeRoundTrip[testListUnion](t, `[{"id":"1"},{"id":"2"}]`)
	if ids.IDs == nil || ids.Emails != nil {
		t.Errorf("ids: %+v", ids)
	}
}

func TestUnionAnyHasLowestPriority(t *testing.T) {
	obj := decodeRoundTrip[testWithAny](t, `{"id":"1"}`)
	if obj.Object == nil || obj.Anything != nil {
		t.Errorf("object: %+v", obj)
	}
	s := decodeRoundTrip[testWithAny](t, `"x"`)
	if s.Anything == nil || *s.Anything != "x" {
		t.Errorf("string: %+v", s)
	}
}

func TestUnionNoMatchKeepsRaw(t *testing.T) {
	for _, in := range []string{`{"a":1}`, `[1,2]`, `true`} {
		v := decodeRoundTrip[testStringOrInt](t, in)
		if v.Text != nil || v.Number != nil {
			t.Errorf("%s: a variant was set: %+v", in, v)
		}
	}
	// Setting a variant replaces the kept value.
	v := decodeRoundTrip[testStringOrInt](t, `{"a":1}`)
	n := 9
	v.Number = &n
	out, _ := json.Marshal(v)
	if string(out) != `9` {
		t.Errorf("got %s", out)
	}
}

func TestUnionSelfReferenceTerminates(t *testing.T) {
	v := decodeRoundTrip[testSelf](t, `"x"`)
	if v.Text == nil || v.Self != nil {
		t.Errorf("got %+v", v)
	}
	decodeRoundTrip[testSelf](t, `{"a":1}`)
}

func TestUnionNullAndUserBuilt(t *testing.T) {
	var v testStringOrInt
	if err := json.Unmarshal([]byte(`null`), &v); err != nil {
		t.Fatal(err)
	}
	if v.Text != nil || v.Number != nil {
		t.Errorf("null set a variant: %+v", v)
	}
	// A decoded null is written back; a union built with nothing set is
	// a mistake, and so are two variants at once.
	out, err := json.Marshal(v)
	if string(out) != `null` || err != nil || unionKind(&v) != "" {
		t.Errorf("decoded null encodes as %s, %v (kind %q)", out, err, unionKind(&v))
	}
	s, n := "a", 1
	out, _ = json.Marshal(testStringOrInt{Number: &n})
	if string(out) != `1` {
		t.Errorf("number variant: %s", out)
	}
	for _, c := range []struct {
		v    testStringOrInt
		want string
	}{
		{testStringOrInt{}, "intercom: testStringOrInt has no variant set; set exactly one of Text, Number"},
		{testStringOrInt{Text: &s, Number: &n}, "intercom: testStringOrInt has 2 variants set (Text, Number); set exactly one"},
	} {
		out, err := json.Marshal(c.v)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Marshal(%+v) = %s, %v; want an error containing %q", c.v, out, err, c.want)
		}
		if _, err := encodeUnion(&c.v); err == nil || err.Error() != c.want {
			t.Errorf("encodeUnion(%+v): %v, want %q", c.v, err, c.want)
		}
	}
	if err := decodeUnion([]byte(`{`), &v); err == nil {
		t.Error("malformed JSON accepted")
	}
	if err := decodeUnion([]byte(`1`), &testByID{}); err == nil {
		t.Error("decodeUnion accepted a non-union")
	}
}

func TestUnionFieldsInObjects(t *testing.T) {
	const in = `{
		"to": [{"type": "user", "id": "1"}],
		"content": {"type": "article_v2", "id": "9", "locale": "fr"},
		"value": [2, "b"],
		"unknown": {"to": 1}
	}`
	m := decodeRoundTrip[testMessage](t, in)
	if m.To.RecipientList == nil || m.Content.Article == nil || m.Content.Article.ID != "9" {
		t.Errorf("got %+v", m)
	}
	if v, ok := m.Value.Get(); !ok || v.List == nil {
		t.Errorf("value: %+v", m.Value)
	}
	decodeRoundTrip[testMessage](t, `{"to": null, "content": null, "value": null}`)
	decodeRoundTrip[testMessage](t, `{"to": {"type": "user", "id": 1}}`)

	// User-built: a required union with nothing set fails, naming the
	// field; optional ones are left out.
	out, err := json.Marshal(&testMessage{})
	if err == nil || !strings.Contains(err.Error(), "testMessage.To: intercom: testRecipients has no variant set; set exactly one of Recipient, RecipientList") {
		t.Errorf("empty message: %s, %v", out, err)
	}
	out, _ = json.Marshal(testMessage{To: testRecipients{Recipient: &testRecipient{Type: "user", ID: "1"}}})
	if string(out) != `{"to":{"type":"user","id":"1"}}` {
		t.Errorf("message: %s", out)
	}
}

// The search DSL, shaped as generated: a single filter and a compound one
// share the keys operator and value, and only the value tells them apart.
type testSingleFilter struct {
	Field    *string         `json:"field,omitzero"`
	Operator *string         `json:"operator,omitzero"`
	Value    testFilterValue `json:"value,omitzero"`
	objectMeta
}

func (v *testSingleFilter) UnmarshalJSON(b []byte) error { return decodeObject(b, v) }
func (v *testSingleFilter) MarshalJSON() ([]byte, error) { return encodeObject(v) }

type testFilterValue struct {
	String *string
	Int    *int
	List   *[]testStringOrInt
	unionMeta
}

func (v *testFilterValue) UnmarshalJSON(b []byte) error { return decodeUnion(b, v) }
func (v testFilterValue) MarshalJSON() ([]byte, error)  { return encodeUnion(&v) }

type testMultipleFilter struct {
	Operator *string                 `json:"operator,omitzero"`
	Value    testMultipleFilterValue `json:"value,omitzero"`
	objectMeta
}

func (v *testMultipleFilter) UnmarshalJSON(b []byte) error { return decodeObject(b, v) }
func (v *testMultipleFilter) MarshalJSON() ([]byte, error) { return encodeObject(v) }

type testMultipleFilterValue struct {
	MultipleList *[]testMultipleFilter
	SingleList   *[]testSingleFilter
	unionMeta
}

func (v *testMultipleFilterValue) UnmarshalJSON(b []byte) error { return decodeUnion(b, v) }
func (v testMultipleFilterValue) MarshalJSON() ([]byte, error)  { return encodeUnion(&v) }

type testQuery struct {
	Single   *testSingleFilter
	Multiple *testMultipleFilter
	unionMeta
}

func (v *testQuery) UnmarshalJSON(b []byte) error { return decodeUnion(b, v) }
func (v testQuery) MarshalJSON() ([]byte, error)  { return encodeUnion(&v) }

// TestUnionByValueShape: keys alone tie; the values decide.
func TestUnionByValueShape(t *testing.T) {
	single := decodeRoundTrip[testQuery](t, `{"field":"name","operator":"=","value":"Ann"}`)
	if single.Single == nil || single.Multiple != nil {
		t.Fatalf("single filter: %+v", single)
	}
	compound := decodeRoundTrip[testQuery](t, `{"operator":"AND","value":[{"field":"created_at","operator":">","value":"1306054154"}]}`)
	if compound.Multiple == nil || compound.Multiple.Value.SingleList == nil || len(*compound.Multiple.Value.SingleList) != 1 {
		t.Fatalf("compound filter: %+v", compound)
	}
	nested := decodeRoundTrip[testQuery](t, `{"operator":"OR","value":[{"operator":"AND","value":[{"field":"a","operator":"=","value":1}]},{"operator":"AND","value":[{"field":"b","operator":"IN","value":[1,"x"]}]}]}`)
	if nested.Multiple == nil || nested.Multiple.Value.MultipleList == nil {
		t.Fatalf("nested compound filter: %+v", nested)
	}
	inner := (*nested.Multiple.Value.MultipleList)[1].Value.SingleList
	if inner == nil || (*inner)[0].Value.List == nil || len(*(*inner)[0].Value.List) != 2 {
		t.Fatalf("innermost IN filter: %+v", inner)
	}
}

// TestUnionKindAndRaw: Kind names the variant decoding chose, or tells a
// value no variant can hold (kept raw, written back) from no value at all.
func TestUnionKindAndRaw(t *testing.T) {
	cases := []struct {
		in, kind string
		raw      bool
	}{
		{`"x"`, "Text", false},
		{`12`, "Number", false},
		{`"12"`, "Text", false},
		{`{"a": [1, 2]}`, unionKindUnknown, true},
		{`[true]`, unionKindUnknown, true},
		{`null`, "", false},
	}
	for _, c := range cases {
		v := decodeRoundTrip[testStringOrInt](t, c.in)
		if got := unionKind(v); got != c.kind {
			t.Errorf("%s: kind %q, want %q", c.in, got, c.kind)
		}
		raw := unionRaw(v)
		if c.raw != (raw != nil) || c.raw && string(raw) != c.in {
			t.Errorf("%s: raw %q", c.in, raw)
		}
		if raw != nil {
			raw[0] = 'X' // a copy: the kept JSON is unchanged
			out, err := encodeUnion(v)
			if err != nil || string(out) != c.in {
				t.Errorf("%s: Raw handed out the kept bytes, re-encoded %s, %v", c.in, out, err)
			}
		}
	}
	// Setting a variant on a value decoded as unknown replaces the JSON.
	v := decodeRoundTrip[testStringOrInt](t, `{"a": 1}`)
	n := 3
	v.Number = &n
	if out, err := json.Marshal(v); string(out) != `3` || err != nil || unionKind(v) != "Number" || unionRaw(v) != nil {
		t.Errorf("after setting a variant: %s, %v, kind %q", out, err, unionKind(v))
	}
	var zero testStringOrInt
	if unionKind(&zero) != "" || unionRaw(&zero) != nil || unionKind(nil) != "" || unionKind((*testStringOrInt)(nil)) != "" {
		t.Error("zero or nil union has a kind")
	}
	s := "a"
	if unionKind(&testStringOrInt{Text: &s, Number: &n}) != "Text" {
		t.Error("two variants set: Kind should name the first")
	}
	// Inside a list and an object the same holds.
	list := decodeRoundTrip[[]testStringOrInt](t, `["a", null, {"b": 2}]`)
	if got := []string{unionKind(&(*list)[0]), unionKind(&(*list)[1]), unionKind(&(*list)[2])}; !slices.Equal(got, []string{"Text", "", unionKindUnknown}) {
		t.Errorf("kinds in a list: %q", got)
	}
	c := decodeRoundTrip[testContentByDisc](t, `{"type": "article_v2", "id": "1"}`)
	if unionKind(c) != "Article" {
		t.Errorf("discriminated: %q", unionKind(c))
	}
}
