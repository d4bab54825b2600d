package runtime

import (
	"encoding/json"
	"slices"
	"testing"
)

type driftOwner struct {
	ID    string `json:"id"`
	Count *int   `json:"count,omitzero"`
	objectMeta
}

func (v *driftOwner) UnmarshalJSON(b []byte) error { return decodeObject(b, v) }
func (v *driftOwner) MarshalJSON() ([]byte, error) { return encodeObject(v) }

type driftModel struct {
	Name   *string          `json:"name,omitzero"`
	Admin  *int             `json:"admin_id,omitzero"`
	Active *bool            `json:"active,omitzero"`
	Tags   []int            `json:"tags,omitzero"`
	Owners []driftOwner     `json:"owners,omitzero"`
	Attrs  map[string]int   `json:"attrs,omitzero"`
	Note   Nullable[string] `json:"note,omitzero"`
	objectMeta
}

func (v *driftModel) UnmarshalJSON(b []byte) error { return decodeObject(b, v) }
func (v *driftModel) MarshalJSON() ([]byte, error) { return encodeObject(v) }

// TestMismatches: values that convert without loss land in the typed
// field and are not listed; the others leave the field zero, are listed by
// path, and re-encode unchanged.
func TestMismatches(t *testing.T) {
	in := `{"name":123,"admin_id":"5017691","active":"true","tags":[1,"two",3],` +
		`"owners":[{"id":7,"count":"9"},{"id":{"x":1}}],"attrs":{"a":1,"b":[2]},"note":{"n":1}}`
	var m driftModel
	if err := json.Unmarshal([]byte(in), &m); err != nil {
		t.Fatal(err)
	}
	if m.Name == nil || *m.Name != "123" || m.Admin == nil || *m.Admin != 5017691 || m.Active == nil || !*m.Active {
		t.Errorf("convertible values: name %v, admin %v, active %v", m.Name, m.Admin, m.Active)
	}
	if m.Owners[0].ID != "7" || m.Owners[0].Count == nil || *m.Owners[0].Count != 9 {
		t.Errorf("owner 0: %+v", m.Owners[0])
	}
	want := []string{"tags[1]", "owners[1].id", "attrs.b", "note"}
	if got := Mismatches(&m); !slices.Equal(got, want) {
		t.Errorf("Mismatches %q, want %q", got, want)
	}
	if got := Mismatches(m); !slices.Equal(got, want) {
		t.Errorf("Mismatches of a copy %q, want %q", got, want)
	}
	out, err := json.Marshal(&m)
	if err != nil || string(out) != in {
		t.Errorf("re-encoded\n%s\nwant\n%s (%v)", out, in, err)
	}
	var clean driftModel
	if err := json.Unmarshal([]byte(`{"name":"x","tags":[1],"owners":[{"id":"1"}]}`), &clean); err != nil {
		t.Fatal(err)
	}
	if got := Mismatches(&clean); len(got) != 0 {
		t.Errorf("a fitting value: Mismatches %q", got)
	}
	if Mismatches(nil) != nil {
		t.Error("Mismatches(nil) is not nil")
	}
}
