package runtime

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"
)

func TestUnixTime(t *testing.T) {
	ts := time.Date(2024, 3, 5, 10, 20, 30, 999, time.FixedZone("X", 3600))
	u := UnixTimeOf(ts)
	if u != UnixTime(ts.Unix()) {
		t.Errorf("UnixTimeOf = %d", u)
	}
	back := u.Time()
	if back.Location() != time.UTC || !back.Equal(ts.Truncate(time.Second)) {
		t.Errorf("Time() = %v", back)
	}
	out, err := json.Marshal(struct {
		At UnixTime `json:"at"`
	}{u})
	if err != nil || string(out) != fmt.Sprintf(`{"at":%d}`, ts.Unix()) {
		t.Errorf("marshal: %s %v", out, err)
	}
	for in, want := range map[string]UnixTime{
		`1700000000`:             1700000000,
		`1700000000.9`:           1700000000,
		`"1700000000"`:           1700000000,
		`"2023-11-14T22:13:20Z"`: 1700000000,
		`-5`:                     -5,
	} {
		var got UnixTime
		if err := json.Unmarshal([]byte(in), &got); err != nil || got != want {
			t.Errorf("unmarshal %s = %d, %v; want %d", in, got, err, want)
		}
	}
	keep := UnixTime(7)
	if err := json.Unmarshal([]byte(`null`), &keep); err != nil || keep != 7 {
		t.Errorf("null: %d %v", keep, err)
	}
	for _, bad := range []string{`"soon"`, `{}`, `[1]`, `true`, `1e30`} {
		var got UnixTime
		if err := json.Unmarshal([]byte(bad), &got); err == nil {
			t.Errorf("unmarshal %s succeeded with %d", bad, got)
		}
	}
}
