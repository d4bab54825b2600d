package runtime

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// testProfile has every kind of field the generator emits for scalars:
// optional ones are pointers, nullable ones Nullables, required ones
// plain values (or, for a required object that may be missing, a pointer).
type testProfile struct {
	ID       string            `json:"id"`
	Name     *string           `json:"name,omitzero"`
	Age      *int              `json:"age,omitzero"`
	Admin    *bool             `json:"admin,omitzero"`
	Role     *contactRole      `json:"role,omitzero"`
	Since    *UnixTime         `json:"since,omitzero"`
	Manager  *string           `json:"manager"`
	Nickname Nullable[string]  `json:"nickname,omitzero"`
	Team     Nullable[testTag] `json:"team"`
	objectMeta
}

func (v *testProfile) UnmarshalJSON(b []byte) error { return decodeObject(b, v) }
func (v *testProfile) MarshalJSON() ([]byte, error) { return encodeObject(v) }

func TestPointerOptionalFieldsEncode(t *testing.T) {
	cases := []struct {
		name string
		v    testProfile
		want string
	}{
		{"nil optionals are left out, a nil required pointer is null",
			testProfile{ID: "1"}, `{"id":"1","manager":null,"team":null}`},
		{"zero values behind pointers are sent",
			testProfile{ID: "1", Name: String(""), Age: Int(0), Admin: Bool(false), Role: Ptr(contactRole("")), Since: Ptr(UnixTime(0)), Manager: String("")},
			`{"id":"1","name":"","age":0,"admin":false,"role":"","since":0,"manager":"","team":null}`},
		{"values", testProfile{ID: "1", Name: String("Ann"), Age: Int(40), Admin: Bool(true), Role: Ptr(contactRoleLead), Since: Ptr(UnixTime(5))},
			`{"id":"1","name":"Ann","age":40,"admin":true,"role":"lead","since":5,"manager":null,"team":null}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, err := json.Marshal(c.v)
			if err != nil {
				t.Fatal(err)
			}
			if string(out) != c.want {
				t.Errorf("got  %s\nwant %s", out, c.want)
			}
		})
	}
}

func TestPointerOptionalFieldsDecode(t *testing.T) {
	var p testProfile
	const in = `{"id":"1","name":"Ann","age":0,"admin":false,"role":null,"since":"1700000000","manager":null}`
	if err := json.Unmarshal([]byte(in), &p); err != nil {
		t.Fatal(err)
	}
	switch {
	case p.Name == nil || *p.Name != "Ann":
		t.Errorf("Name = %v", p.Name)
	case p.Age == nil || *p.Age != 0:
		t.Errorf("Age = %v: a received zero must be kept as a pointer to zero", p.Age)
	case p.Admin == nil || *p.Admin:
		t.Errorf("Admin = %v", p.Admin)
	case p.Role != nil:
		t.Errorf("Role = %v: null must decode to nil", *p.Role)
	case p.Since == nil || *p.Since != 1700000000:
		t.Errorf("Since = %v", p.Since)
	case p.Manager != nil:
		t.Errorf("Manager = %v", *p.Manager)
	}
	// Received nulls, zeros and coerced values all come back as received,
	// and a key that was absent stays absent.
	out, err := json.Marshal(&p)
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != in {
		t.Errorf("re-encoded\n%s\nwant\n%s", out, in)
	}

	// Edits win over what was received.
	p.Role = Ptr(contactRoleUser)
	p.Age = nil
	p.Since = Ptr(UnixTime(2))
	p.Manager = String("m")
	out, err = json.Marshal(&p)
	if err != nil {
		t.Fatal(err)
	}
	const edited = `{"id":"1","name":"Ann","admin":false,"role":"user","since":2,"manager":"m"}`
	if string(out) != edited {
		t.Errorf("edited\n%s\nwant\n%s", out, edited)
	}
}

func TestPointerOptionalFieldsAreFreshPointers(t *testing.T) {
	// Decoding replaces a pointer rather than writing through it, so a
	// variable the caller pointed at is never changed behind its back.
	old := "old"
	p := testProfile{Name: &old}
	if err := json.Unmarshal([]byte(`{"name":"new"}`), &p); err != nil {
		t.Fatal(err)
	}
	if old != "old" || p.Name == &old || *p.Name != "new" {
		t.Errorf("old = %q, Name = %q", old, *p.Name)
	}
	var a, b testProfile
	_ = json.Unmarshal([]byte(`{"age":1}`), &a)
	_ = json.Unmarshal([]byte(`{"age":1}`), &b)
	if a.Age == b.Age {
		t.Error("two decodes share a pointer")
	}
}

func TestNullableField(t *testing.T) {
	cases := []struct {
		name     string
		in       string
		nickname Nullable[string]
		team     Nullable[testTag]
	}{
		{"absent", `{"id":"1"}`, Nullable[string]{}, Nullable[testTag]{}},
		{"null", `{"id":"1","nickname":null,"team":null}`, Null[string](), Null[testTag]()},
		{"value", `{"id":"1","nickname":"Annie","team":{"type":"tag","id":"7"}}`, Some("Annie"), Some(testTag{Type: "tag", ID: "7"})},
		{"empty value", `{"id":"1","nickname":"","team":{}}`, Some(""), Some(testTag{})},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var p testProfile
			if err := json.Unmarshal([]byte(c.in), &p); err != nil {
				t.Fatal(err)
			}
			if p.Nickname != c.nickname {
				t.Errorf("Nickname = %#v, want %#v", p.Nickname, c.nickname)
			}
			team, ok := p.Team.Get()
			wantTeam, wantOK := c.team.Get()
			if ok != wantOK || p.Team.IsSet() != c.team.IsSet() || p.Team.IsNull() != c.team.IsNull() ||
				team.Type != wantTeam.Type || team.ID != wantTeam.ID {
				t.Errorf("Team = %+v, want %+v", p.Team, c.team)
			}
			out, err := json.Marshal(&p)
			if err != nil {
				t.Fatal(err)
			}
			if string(out) != c.in {
				t.Errorf("re-encoded\n%s\nwant\n%s", out, c.in)
			}
		})
	}

	// User-built: absent optional is left out, absent required is null,
	// and null and values are sent as such.
	for _, c := range []struct {
		v    testProfile
		want string
	}{
		{testProfile{}, `{"id":"","manager":null,"team":null}`},
		{testProfile{Nickname: Null[string](), Team: Null[testTag]()}, `{"id":"","manager":null,"nickname":null,"team":null}`},
		{testProfile{Nickname: Some(""), Team: Some(testTag{ID: "t"})}, `{"id":"","manager":null,"nickname":"","team":{"type":"tag","id":"t"}}`},
	} {
		out, err := json.Marshal(c.v)
		if err != nil {
			t.Fatal(err)
		}
		if string(out) != c.want {
			t.Errorf("got  %s\nwant %s", out, c.want)
		}
	}

	// Clearing a received value: null is sent, absence leaves the key out.
	var p testProfile
	_ = json.Unmarshal([]byte(`{"id":"1","nickname":"A","team":null}`), &p)
	p.Nickname = Null[string]()
	if out, _ := json.Marshal(&p); string(out) != `{"id":"1","nickname":null,"team":null}` {
		t.Errorf("nulled: %s", out)
	}
	p.Nickname = Nullable[string]{}
	if out, _ := json.Marshal(&p); string(out) != `{"id":"1","team":null}` {
		t.Errorf("made absent: %s", out)
	}
}

func TestExtraFieldsFunction(t *testing.T) {
	var tag testTag
	if err := json.Unmarshal([]byte(`{"id":"1","b":[true],"a":"x"}`), &tag); err != nil {
		t.Fatal(err)
	}
	byValue, byPointer := ExtraFields(tag), ExtraFields(&tag)
	if keysOf(byValue) != "a,b" || string(byValue["b"]) != `[true]` || !reflect.DeepEqual(byValue, byPointer) {
		t.Errorf("by value %v, by pointer %v", byValue, byPointer)
	}
	// Values that are not addressable: in a map, behind an interface.
	m := map[string]testTag{"k": tag}
	if got := keysOf(ExtraFields(m["k"])); got != "a,b" {
		t.Errorf("from a map: %q", got)
	}
	var boxed any = tag
	if got := keysOf(ExtraFields(boxed)); got != "a,b" {
		t.Errorf("from an interface: %q", got)
	}
	for _, notModel := range []any{
		nil, (*testTag)(nil), 42, "x", struct{ A int }{}, &struct{ A int }{},
		testStringOrInt{}, &testStringOrInt{}, Some(tag), []testTag{tag}, new(*testTag),
	} {
		if got := ExtraFields(notModel); got != nil {
			t.Errorf("ExtraFields(%#v) = %v, want nil", notModel, got)
		}
	}
	if got := ExtraFields(testTag{ID: "no extras"}); got != nil {
		t.Errorf("no extras: %v, want nil", got)
	}
}

func TestSetExtraFieldFunction(t *testing.T) {
	var p testProfile
	if err := SetExtraField(&p, "custom", map[string]int{"b": 2, "a": 1}); err != nil {
		t.Fatal(err)
	}
	if err := SetExtraField(&p, "id", 7); err != nil {
		t.Fatal(err)
	}
	out, err := json.Marshal(&p)
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != `{"manager":null,"team":null,"custom":{"a":1,"b":2},"id":7}` {
		t.Errorf("got %s", out)
	}
	for _, bad := range []any{
		testProfile{}, (*testProfile)(nil), nil, new(int), &struct{ A int }{},
		&testStringOrInt{}, new(*testProfile), Some(testTag{}),
	} {
		err := SetExtraField(bad, "k", 1)
		if err == nil || !strings.Contains(err.Error(), "pointer to a model") {
			t.Errorf("SetExtraField(%#v) = %v, want an error", bad, err)
		}
	}
	// A failed call changes nothing.
	if err := SetExtraField(&p, "bad", json.RawMessage(`[`)); err == nil {
		t.Error("invalid raw JSON accepted")
	}
	if _, ok := ExtraFields(p)["bad"]; ok {
		t.Error("a rejected extra field was kept")
	}
}

func TestMetaIsFoundOnlyWhenEmbedded(t *testing.T) {
	type named struct {
		ID   string `json:"id"`
		Meta objectMeta
	}
	type deeper struct {
		testTag
	}
	for _, typ := range []reflect.Type{reflect.TypeFor[named](), reflect.TypeFor[deeper]()} {
		if k := codecOf(typ).kind; k == codecObject || k == codecUnion {
			t.Errorf("%s taken for a model or union", typ)
		}
	}
	if ct := codecOf(reflect.TypeFor[testProfile]()); ct.kind != codecObject || ct.meta != 9 {
		t.Errorf("testProfile: kind %d, meta %d", ct.kind, ct.meta)
	}
	if ct := codecOf(reflect.TypeFor[testRecipients]()); ct.kind != codecUnion || ct.meta != 2 {
		t.Errorf("testRecipients: kind %d, meta %d", ct.kind, ct.meta)
	}
}

// TestModelsHaveOnlyTheirCodecMethods guards the point of the method-less
// metas: a generated model or union has its two JSON methods (four with
// GOEXPERIMENT=jsonv2: codecMethods) and nothing promoted. (The templates
// package checks the compiled symbols; this catches the mistake without a
// toolchain.)
func TestModelsHaveOnlyTheirCodecMethods(t *testing.T) {
	for _, typ := range []reflect.Type{reflect.TypeFor[*testProfile](), reflect.TypeFor[*testRecipients]()} {
		var names []string
		for i := 0; i < typ.NumMethod(); i++ {
			names = append(names, typ.Method(i).Name)
		}
		if strings.Join(names, ",") != codecMethods {
			t.Errorf("%s has methods %v", typ, names)
		}
	}
	// reflect does not list unexported methods, so look at the source.
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Recv == nil {
				continue
			}
			recv := fn.Recv.List[0].Type
			if star, ok := recv.(*ast.StarExpr); ok {
				recv = star.X
			}
			if id, ok := recv.(*ast.Ident); ok && (id.Name == "objectMeta" || id.Name == "unionMeta") {
				t.Errorf("%s: method %s.%s would be promoted into every model", fset.Position(fn.Pos()), id.Name, fn.Name.Name)
			}
		}
	}
}
