package runtime

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// benchPayload is a list response of realistic contacts.
var benchPayload = func() []byte {
	one := `{"type":"contact","id":"65a1","email":"ann@example.com","phone":null,
		"tags":[{"type":"tag","id":"7","name":"vip"},{"type":"tag","id":8,"name":"beta"}],
		"custom_attributes":{"monthly_spend":155.5,"plan":"pro","seats":3},
		"location":{"type":"location","city":"Dublin","country":"Ireland","region":"Leinster"},
		"role":"user","created_at":1700000000,"updated_at":"2024-03-05T10:20:30Z",
		"score":1.5,"count":3,"active":true,"unknown_a":{"x":[1,2,3]},"unknown_b":"y"}`
	return []byte("[" + strings.Repeat(one+",", 49) + one + "]")
}()

func BenchmarkDecodeContacts(b *testing.B) {
	b.SetBytes(int64(len(benchPayload)))
	for b.Loop() {
		var out []testContact
		if err := decodeResponse(benchPayload, reflectValueOfPtr(&out)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEncodeContacts(b *testing.B) {
	var in []testContact
	if err := json.Unmarshal(benchPayload, &in); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(benchPayload)))
	for b.Loop() {
		if _, err := appendValue(nil, reflectValueOfPtr(&in), 0); err != nil {
			b.Fatal(err)
		}
	}
}

func reflectValueOfPtr[T any](p *T) reflect.Value { return reflect.ValueOf(p).Elem() }
