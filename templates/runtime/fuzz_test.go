package runtime

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"unsafe"
)

// FuzzDecodeMatchesEncodingJSON holds the codec's own JSON reading to
// encoding/json's: the same inputs are valid, a malformed one gives the
// same error (in any position), values read into interface{} are equal
// (escapes, invalid UTF-8, surrogates, numbers, duplicate keys), and a
// model decoded from an object re-encodes to the same JSON. CI runs it
// for a bounded number of inputs:
//
//	go test -run '^$' -fuzz FuzzDecodeMatchesEncodingJSON ./templates/runtime/
func FuzzDecodeMatchesEncodingJSON(f *testing.F) {
	for _, c := range roundTripCases {
		f.Add([]byte(c.in))
	}
	for _, s := range []string{
		``, ` `, `{`, `}`, `{"id": }`, `{"id":"1"} x`, `[1,]`, `{"a":1,}`, `01`, `-`, `1.`, `1e`, `.5`,
		`"\u12"`, `"\x"`, "\"\x01\"", `"\ud800"`, `"\ud800\udc00"`, `"\udc00\ud800"`, "\"\xff\xfe\"",
		`nul`, `nullx`, `[` + strings.Repeat(`[`, 10001) + strings.Repeat(`]`, 10002),
		`{"tags":[{"id":7,"ID":8,"Name":"x"}],"Type":"c","type":"d"}`, `{"parent":{"parent":{"id":1}}}`,
		`{"custom_attributes":{"a":1e400,"b":-0.0,"a":2}}`, `[{"id":1},{"id":"2"},null]`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if got, want := validJSON(data), json.Valid(data); got != want {
			t.Fatalf("validJSON = %v, json.Valid = %v", got, want)
		}
		var raw json.RawMessage
		wantErr := json.Unmarshal(data, &raw)

		// interface{} values.
		var got any
		_, _, err := decodeDocument(data, unsafe.Pointer(&got), codecOf(reflect.TypeFor[any]()))
		if !sameError(err, wantErr) {
			t.Fatalf("any: error %v, encoding/json %v", err, wantErr)
		}
		if wantErr == nil {
			dec := json.NewDecoder(bytes.NewReader(data))
			dec.UseNumber()
			var want any
			if err := dec.Decode(&want); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("any: got %#v, encoding/json %#v", got, want)
			}
		}

		// Models: the error is encoding/json's; an object comes back.
		var c testContact
		err = decodeObject(data, &c)
		if wantErr != nil {
			if !sameError(err, wantErr) {
				t.Fatalf("model: error %v, encoding/json %v", err, wantErr)
			}
			return
		}
		trimmed := trimJSONSpace(data)
		switch {
		case trimmed[0] == 'n':
			if err != nil {
				t.Fatalf("null: %v", err)
			}
			return
		case trimmed[0] != '{':
			if err == nil {
				t.Fatalf("%s decoded into a model", trimmed)
			}
			return
		case err != nil:
			t.Fatalf("model: %v", err)
		}
		if !plainKeys(trimmed) {
			// Duplicates and case variants do not come back as sent, nor
			// does an empty "type", which encoding fills with the const.
			return
		}
		out, err := encodeObject(&c)
		if err != nil {
			// A value the codec cannot write (a number beyond float64
			// in a float field, say) is an error, not a silent change.
			return
		}
		if eq, err := jsonSemanticEqual(out, trimmed); err != nil || !eq {
			t.Fatalf("round trip changed the JSON\n  in: %s\n out: %s (%v)", trimmed, out, err)
		}
	})
}

// sameError reports whether err is what encoding/json said (both nil, or
// the same message).
func sameError(err, want error) bool {
	if err == nil || want == nil {
		return err == nil && want == nil
	}
	return err.Error() == want.Error()
}

// plainKeys reports whether no object in the valid JSON data has two keys
// that are equal ignoring case, nor a key that is a field's name in
// another case: the codec gives those back under the field's name.
func plainKeys(data []byte) bool {
	names := map[string]bool{}
	for _, t := range []reflect.Type{reflect.TypeFor[testContact](), reflect.TypeFor[testTag](), reflect.TypeFor[testLocation]()} {
		for _, f := range codecOf(t).exact {
			names[codecOf(t).fields[f].name] = true
		}
	}
	var v any
	if json.Unmarshal(data, &v) != nil {
		return false
	}
	ok := true
	var walk func(raw []byte)
	walk = func(raw []byte) {
		raw = trimJSONSpace(raw)
		switch raw[0] {
		case '{':
			seen := map[string]bool{}
			for _, e := range jsonObjectEntries(raw) {
				k := strings.ToLower(e.key)
				if seen[k] || k != e.key && names[k] || k == "type" && string(e.val) == `""` {
					ok = false
				}
				seen[k] = true
				walk(e.val)
			}
		case '[':
			for _, e := range jsonArrayElements(raw) {
				walk(e)
			}
		}
	}
	walk(data)
	return ok
}

// TestNeedsLook checks the word-at-a-time string scan against the byte
// table: a word needs a look exactly when one of its bytes is not plain.
func TestNeedsLook(t *testing.T) {
	base := []byte("abcdefgh")
	for pos := range 8 {
		for c := range 256 {
			w := bytes.Clone(base)
			w[pos] = byte(c)
			if got, want := needsLook(binary.LittleEndian.Uint64(w)), !plainStringByte[c]; got != want {
				t.Errorf("byte %#x at %d: needsLook = %v, want %v", c, pos, got, want)
			}
		}
	}
	// Two special bytes, and words of plain bytes next to the limits.
	for _, w := range []string{"\"\\abcdef", "\x1f\x7f\x20\x21\x5b\x5d\x22\x80", "\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f", "        "} {
		want := false
		for _, c := range []byte(w) {
			want = want || !plainStringByte[c]
		}
		if got := needsLook(binary.LittleEndian.Uint64([]byte(w))); got != want {
			t.Errorf("%q: needsLook = %v, want %v", w, got, want)
		}
	}
}
