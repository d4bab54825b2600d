package runtime

import (
	"encoding/json"
	"reflect"
	"testing"
)

func TestNullableStates(t *testing.T) {
	type row struct {
		name                  string
		n                     Nullable[int]
		get                   int
		ok, set, isNull, zero bool
		omitzero              string // encoding/json's output for a field tagged omitzero
	}
	for _, r := range []row{
		{"absent", Nullable[int]{}, 0, false, false, false, true, `{}`},
		{"some", Some(3), 3, true, true, false, false, `{"n":3}`},
		{"null", Null[int](), 0, false, true, true, false, `{"n":null}`},
		{"some zero", Some(0), 0, true, true, false, false, `{"n":0}`},
	} {
		v, ok := r.n.Get()
		if v != r.get || ok != r.ok {
			t.Errorf("%s: Get() = %d, %v", r.name, v, ok)
		}
		if r.n.Value() != r.get {
			t.Errorf("%s: Value() = %d", r.name, r.n.Value())
		}
		// omitzero asks reflect whether the value is the zero value:
		// that must be exactly "absent".
		zero := reflect.ValueOf(r.n).IsZero()
		if r.n.IsSet() != r.set || r.n.IsNull() != r.isNull || zero != r.zero {
			t.Errorf("%s: IsSet %v IsNull %v zero %v", r.name, r.n.IsSet(), r.n.IsNull(), zero)
		}
		out, err := json.Marshal(struct {
			N Nullable[int] `json:"n,omitzero"`
		}{r.n})
		if err != nil {
			t.Fatal(err)
		}
		if string(out) != r.omitzero {
			t.Errorf("%s: encoding/json with omitzero wrote %s, want %s", r.name, out, r.omitzero)
		}
	}
}

// TestNullableMethodSet pins Nullable's methods: each one is compiled
// once per instantiation, so adding one has a cost in every generated
// package.
func TestNullableMethodSet(t *testing.T) {
	methods := func(t reflect.Type) []string {
		var names []string
		for i := 0; i < t.NumMethod(); i++ {
			names = append(names, t.Method(i).Name)
		}
		return names
	}
	// Value receivers cost a pointer wrapper per instantiation too: only
	// MarshalJSON has one, so that a Nullable inside a value that
	// encoding/json marshals is still written as its value.
	if got, want := methods(reflect.TypeFor[Nullable[string]]()), []string{"MarshalJSON"}; !reflect.DeepEqual(got, want) {
		t.Errorf("methods of Nullable = %v, want %v", got, want)
	}
	want := []string{"Get", "IsNull", "IsSet", "MarshalJSON", "UnmarshalJSON", "Value"}
	if got := methods(reflect.TypeFor[*Nullable[string]]()); !reflect.DeepEqual(got, want) {
		t.Errorf("methods of *Nullable = %v, want %v", got, want)
	}
}

func TestNullableIsRecognised(t *testing.T) {
	for _, typ := range []reflect.Type{
		reflect.TypeFor[Nullable[string]](),
		reflect.TypeFor[Nullable[[]testTag]](),
		reflect.TypeFor[Nullable[testNested]](),
		reflect.TypeFor[Nullable[any]](),
	} {
		ct := codecOf(typ)
		if ct.kind != codecNullable || ct.elem != typ.Field(ct.nullValueField).Type {
			t.Errorf("%s: kind %d, elem %v", typ, ct.kind, ct.elem)
		}
	}
	// Look-alikes are not Nullables.
	type fake struct {
		value string
		state nullableState
	}
	if codecOf(reflect.TypeFor[fake]()).kind == codecNullable {
		t.Error("a struct merely shaped like Nullable was taken for one")
	}
}

func TestNullableJSON(t *testing.T) {
	for _, c := range []struct {
		n    any
		want string
	}{
		{Some(3), `3`},
		{Null[int](), `null`},
		{Nullable[int]{}, `null`},
		{Some("<b>"), `"<b>"`},
		{Some([]string{"a"}), `["a"]`},
		{Some(testTag{ID: "1"}), `{"type":"tag","id":"1"}`},
		{Some(testStringOrInt{Number: Int(4)}), `4`},
		{Some[any](nil), `null`},
	} {
		out, err := c.n.(json.Marshaler).MarshalJSON()
		if err != nil || string(out) != c.want {
			t.Errorf("MarshalJSON(%#v) = %s, %v; want %s", c.n, out, err, c.want)
		}
	}

	var s Nullable[string]
	if err := json.Unmarshal([]byte(`"x"`), &s); err != nil || s != Some("x") {
		t.Errorf("string: %v %v", s, err)
	}
	if err := json.Unmarshal([]byte(`null`), &s); err != nil || !s.IsNull() {
		t.Errorf("null: %v %v", s, err)
	}
	if err := json.Unmarshal([]byte(`12`), &s); err != nil || s != Some("12") {
		t.Errorf("lenient: %v %v", s, err)
	}
	var tag Nullable[testTag]
	if err := json.Unmarshal([]byte(`{"id":5,"x":1}`), &tag); err != nil {
		t.Fatal(err)
	}
	if v, ok := tag.Get(); !ok || v.ID != "5" || keysOf(ExtraFields(v)) != "x" {
		t.Errorf("model: %+v", tag)
	}
	var n Nullable[int]
	if err := json.Unmarshal([]byte(`{"a":1}`), &n); err == nil {
		t.Errorf("object into Nullable[int] accepted: %v", n)
	}
	if err := n.UnmarshalJSON([]byte(`{`)); err == nil {
		t.Error("malformed JSON accepted")
	}
}

func TestNullableWithStdlibOmitzero(t *testing.T) {
	type plain struct {
		A Nullable[int]    `json:"a,omitzero"`
		B Nullable[string] `json:"b"`
	}
	for _, c := range []struct {
		v    plain
		want string
	}{
		{plain{}, `{"b":null}`},
		{plain{A: Null[int](), B: Some("x")}, `{"a":null,"b":"x"}`},
		{plain{A: Some(0)}, `{"a":0,"b":null}`},
	} {
		out, err := json.Marshal(c.v)
		if err != nil || string(out) != c.want {
			t.Errorf("json.Marshal(%+v) = %s, %v; want %s", c.v, out, err, c.want)
		}
	}
	var p plain
	if err := json.Unmarshal([]byte(`{"a":null}`), &p); err != nil {
		t.Fatal(err)
	}
	if !p.A.IsNull() || p.B.IsSet() {
		t.Errorf("got %+v", p)
	}
}

func TestPointerHelpers(t *testing.T) {
	if *String("s") != "s" || *Int(1) != 1 || *Int64(2) != 2 || *Float(1.5) != 1.5 || !*Bool(true) {
		t.Error("shorthands point at the wrong values")
	}
	role := contactRoleLead
	p := Ptr(role)
	role = contactRoleUser
	if *p != contactRoleLead {
		t.Error("Ptr does not copy its argument")
	}
	if String("a") == String("a") {
		t.Error("String returned a shared pointer")
	}
}
