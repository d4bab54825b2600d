package runtime

import (
	"encoding/json"
	"testing"
)

type actionStarted struct {
	Name *string `json:"name,omitzero"`
	objectMeta
}

func (v *actionStarted) UnmarshalJSON(b []byte) error { return decodeObject(b, v) }
func (v *actionStarted) MarshalJSON() ([]byte, error) { return encodeObject(v) }

type actionFinished struct {
	Name   *string `json:"name,omitzero"`
	Result *string `json:"result,omitzero"`
	objectMeta
}

func (v *actionFinished) UnmarshalJSON(b []byte) error { return decodeObject(b, v) }
func (v *actionFinished) MarshalJSON() ([]byte, error) { return encodeObject(v) }

type detailsStarted struct {
	Action *actionStarted `json:"action,omitzero"`
	objectMeta
}

func (v *detailsStarted) UnmarshalJSON(b []byte) error { return decodeObject(b, v) }
func (v *detailsStarted) MarshalJSON() ([]byte, error) { return encodeObject(v) }

type detailsFinished struct {
	Action *actionFinished `json:"action,omitzero"`
	objectMeta
}

func (v *detailsFinished) UnmarshalJSON(b []byte) error { return decodeObject(b, v) }
func (v *detailsFinished) MarshalJSON() ([]byte, error) { return encodeObject(v) }

// eventDetails is Intercom's event_details: two variants with the same
// top-level keys, told apart by action.result.
type eventDetails struct {
	Started  *detailsStarted
	Finished *detailsFinished
	unionMeta
}

func (v *eventDetails) UnmarshalJSON(b []byte) error { return decodeUnion(b, v) }
func (v *eventDetails) MarshalJSON() ([]byte, error) { return encodeUnion(v) }

// TestUnionNestedKeys: the variant is chosen on the whole value, nested
// keys included, and the nested key lands in a typed field.
func TestUnionNestedKeys(t *testing.T) {
	for _, tc := range []struct {
		in       string
		finished bool
	}{
		{`{"action":{"name":"Create ticket","result":"success"}}`, true},
		{`{"action":{"name":"Create ticket"}}`, false},
	} {
		var d eventDetails
		if err := json.Unmarshal([]byte(tc.in), &d); err != nil {
			t.Fatal(err)
		}
		if got := d.Finished != nil; got != tc.finished || (d.Started == nil) == (d.Finished == nil) {
			t.Errorf("%s: started %v, finished %v", tc.in, d.Started != nil, d.Finished != nil)
			continue
		}
		if tc.finished && (d.Finished.Action.Result == nil || *d.Finished.Action.Result != "success") {
			t.Errorf("%s: result %v", tc.in, d.Finished.Action.Result)
		}
		out, err := json.Marshal(&d)
		if err != nil || string(out) != tc.in {
			t.Errorf("re-encoded %s (%v), want %s", out, err, tc.in)
		}
	}
}
