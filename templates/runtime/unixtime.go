package runtime

import (
	"reflect"
	"strconv"
	"time"
)

// UnixTime is a point in time as Unix seconds, the description's integer
// date-times (how Intercom sends most timestamps). It encodes as a
// JSON integer. Decoding also accepts a float (truncated), a numeric
// string or an RFC 3339 string, all of which APIs have been seen to
// send.
type UnixTime int64

// UnixTimeOf returns t as a UnixTime, dropping fractions of a second.
func UnixTimeOf(t time.Time) UnixTime { return UnixTime(t.Unix()) }

// Time returns u as a time.Time in UTC.
func (u UnixTime) Time() time.Time { return time.Unix(int64(u), 0).UTC() }

// MarshalJSON encodes u as an integer.
func (u UnixTime) MarshalJSON() ([]byte, error) {
	return strconv.AppendInt(nil, int64(u), 10), nil
}

// UnmarshalJSON decodes leniently (see UnixTime); null leaves u unchanged.
func (u *UnixTime) UnmarshalJSON(data []byte) error {
	_, err := decodeStandalone(data, reflect.ValueOf(u).Elem())
	return err
}
