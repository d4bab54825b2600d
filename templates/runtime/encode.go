package runtime

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"time"
)

// appendValue appends the JSON encoding of v. It is the one encoder used
// for request bodies, for MarshalJSON of generated types and for comparing
// a field's current value with the value it had when decoded, so its output
// must be deterministic (map keys are sorted).
func appendValue(b []byte, v reflect.Value, depth int) ([]byte, error) {
	if !v.IsValid() {
		return append(b, "null"...), nil
	}
	if depth > maxCodecDepth {
		return b, &encodeDepthError{typ: v.Type()}
	}
	ct := codecOf(v.Type())
	switch ct.kind {
	case codecRawJSON:
		if v.Len() == 0 {
			return append(b, "null"...), nil
		}
		return append(b, v.Bytes()...), nil
	case codecNumber:
		s := v.String()
		if s == "" {
			s = "0"
		}
		if !isJSONNumber(s) {
			return b, fmt.Errorf("intercom: invalid number literal %q", s)
		}
		return append(b, s...), nil
	case codecString:
		return appendJSONString(b, v.String()), nil
	case codecBool:
		return strconv.AppendBool(b, v.Bool()), nil
	case codecInt, codecUnixTime:
		return strconv.AppendInt(b, v.Int(), 10), nil
	case codecUint:
		return strconv.AppendUint(b, v.Uint(), 10), nil
	case codecFloat:
		return appendJSONFloat(b, v.Float(), ct.bits)
	case codecBytes:
		b = append(b, '"')
		b = base64.StdEncoding.AppendEncode(b, v.Bytes())
		return append(b, '"'), nil
	case codecTime:
		return appendTime(b, v.Interface().(time.Time))
	case codecNullable:
		if nullableStateOf(v, ct) != stateValue {
			return append(b, "null"...), nil
		}
		val, _ := nullableParts(addressableValue(v), ct)
		return appendValue(b, val, depth+1)
	case codecPointer, codecAny:
		if v.IsNil() {
			return append(b, "null"...), nil
		}
		return appendValue(b, v.Elem(), depth+1)
	case codecObject:
		return appendObject(b, v, ct, depth)
	case codecUnion:
		return appendUnion(b, v, ct, depth)
	case codecSlice:
		// A nil slice is written as [] because it only reaches here for
		// required keys, where null would be refused.
		b = append(b, '[')
		for i := 0; i < v.Len(); i++ {
			if i > 0 {
				b = append(b, ',')
			}
			var err error
			if b, err = appendValue(b, v.Index(i), depth+1); err != nil {
				return b, err
			}
		}
		return append(b, ']'), nil
	case codecMap:
		return appendMap(b, v, depth)
	}
	return appendFallback(b, v)
}

func appendTime(b []byte, t time.Time) ([]byte, error) {
	if y := t.Year(); y < 0 || y > 9999 {
		return b, fmt.Errorf("intercom: cannot encode time %v: year outside [0,9999]", t)
	}
	b = append(b, '"')
	b = t.AppendFormat(b, time.RFC3339Nano)
	return append(b, '"'), nil
}

func appendMap(b []byte, v reflect.Value, depth int) ([]byte, error) {
	keys := v.MapKeys()
	names := make([]string, len(keys))
	order := make([]int, len(keys))
	for i, k := range keys {
		names[i] = k.String()
		order[i] = i
	}
	slices.SortFunc(order, func(x, y int) int {
		switch {
		case names[x] < names[y]:
			return -1
		case names[x] > names[y]:
			return 1
		}
		return 0
	})
	b = append(b, '{')
	for n, i := range order {
		if n > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, names[i])
		b = append(b, ':')
		var err error
		if b, err = appendValue(b, v.MapIndex(keys[i]), depth+1); err != nil {
			return b, err
		}
	}
	return append(b, '}'), nil
}

// appendFallback lets encoding/json encode types the codec does not know,
// without its HTML escaping.
func appendFallback(b []byte, v reflect.Value) ([]byte, error) {
	if !v.CanInterface() {
		return b, fmt.Errorf("intercom: cannot encode unexported value of type %s", v.Type())
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v.Interface()); err != nil {
		return b, err
	}
	return append(b, bytes.TrimRight(buf.Bytes(), "\n")...), nil
}

// valueFingerprint is what decoding records about a field whose raw text
// it keeps, and what encoding compares: the field's encoding, with an
// absent Nullable told apart from a null one.
func valueFingerprint(v reflect.Value, ct *codecType) (string, error) {
	if ct.kind == codecNullable && valueIsZero(v, ct) {
		return "\x00unset", nil
	}
	b, err := appendValue(nil, v, 0)
	return string(b), err
}

// encodeDepthError reports a value nesting deeper than any JSON could,
// which means a pointer cycle. It is passed up unwrapped: adding the field
// path at each of thousands of levels would take quadratic time.
type encodeDepthError struct{ typ reflect.Type }

func (e *encodeDepthError) Error() string {
	return fmt.Sprintf("intercom: cannot encode %s: value nests too deeply (pointer cycle?)", e.typ)
}
