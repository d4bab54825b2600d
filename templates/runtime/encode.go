package runtime

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"sort"
	"strconv"
	"time"
	"unsafe"
)

// appendValue appends the JSON encoding of v. It is the one encoder used
// for request bodies, for MarshalJSON of generated types and for comparing
// a field's current value with the value it had when decoded, so its output
// must be deterministic (map keys are sorted) and compact: encoding/json
// compacts what a MarshalJSON returns, which costs least when there is
// nothing to remove.
func appendValue(b []byte, v reflect.Value, depth int) ([]byte, error) {
	if !v.IsValid() {
		return append(b, "null"...), nil
	}
	ct := codecOf(v.Type())
	switch {
	case v.CanAddr():
		return appendValueP(b, v.Addr().UnsafePointer(), ct, depth)
	case v.Kind() == reflect.Pointer && ct.kind == codecPointer:
		if v.IsNil() {
			return append(b, "null"...), nil
		}
		if depth > maxCodecDepth {
			return b, &encodeDepthError{typ: v.Type()}
		}
		return appendValueP(b, v.UnsafePointer(), ct.elemCodec(), depth+1)
	}
	return appendValueP(b, addressableValue(v).Addr().UnsafePointer(), ct, depth)
}

// appendValueP appends the JSON encoding of the value at p.
func appendValueP(b []byte, p unsafe.Pointer, ct *codecType, depth int) ([]byte, error) {
	if depth > maxCodecDepth {
		return b, &encodeDepthError{typ: ct.typ}
	}
	switch ct.kind {
	case codecRawJSON:
		raw := *(*[]byte)(p)
		if len(raw) == 0 {
			return append(b, "null"...), nil
		}
		return append(b, raw...), nil
	case codecNumber:
		s := *(*string)(p)
		if s == "" {
			s = "0"
		}
		if !isJSONNumber(s) {
			return b, fmt.Errorf("intercom: invalid number literal %q", s)
		}
		return append(b, s...), nil
	case codecString:
		return appendJSONString(b, *(*string)(p)), nil
	case codecBool:
		return strconv.AppendBool(b, *(*bool)(p)), nil
	case codecInt, codecUnixTime:
		return strconv.AppendInt(b, intAt(p, ct), 10), nil
	case codecUint:
		return strconv.AppendUint(b, uintAt(p, ct), 10), nil
	case codecFloat:
		if ct.bits == 32 {
			return appendJSONFloat(b, float64(*(*float32)(p)), 32)
		}
		return appendJSONFloat(b, *(*float64)(p), 64)
	case codecBytes:
		b = append(b, '"')
		b = base64.StdEncoding.AppendEncode(b, *(*[]byte)(p))
		return append(b, '"'), nil
	case codecTime:
		return appendTime(b, *(*time.Time)(p))
	case codecNullable:
		if *(*nullableState)(unsafe.Add(p, ct.nullStateOff)) != stateValue {
			return append(b, "null"...), nil
		}
		return appendValueP(b, unsafe.Add(p, ct.nullValueOff), ct.elemCodec(), depth+1)
	case codecPointer:
		elem := *(*unsafe.Pointer)(p)
		if elem == nil {
			return append(b, "null"...), nil
		}
		return appendValueP(b, elem, ct.elemCodec(), depth+1)
	case codecAny:
		return appendAny(b, *(*any)(p), depth)
	case codecObject:
		return appendObject(b, p, ct, depth)
	case codecUnion:
		return appendUnion(b, p, ct, depth)
	case codecSlice:
		// A nil slice is written as [] because it only reaches here for
		// required keys, where null would be refused.
		h := (*sliceHeader)(p)
		ect := ct.elemCodec()
		size := ct.elem.Size()
		b = append(b, '[')
		for i := range h.len {
			if i > 0 {
				b = append(b, ',')
			}
			var err error
			if b, err = appendValueP(b, unsafe.Add(h.data, uintptr(i)*size), ect, depth+1); err != nil {
				return b, err
			}
		}
		return append(b, ']'), nil
	case codecMap:
		if ct.anyMap {
			return appendAnyMap(b, *(*map[string]any)(p), depth)
		}
		return appendMap(b, reflect.NewAt(ct.typ, p).Elem(), depth)
	}
	return appendFallback(b, reflect.NewAt(ct.typ, p).Elem())
}

// encodeTarget finds the model (kind codecObject) or union (codecUnion)
// that fn, one of the encoders' entry points, was given: its address and
// codec, or a nil address for a nil pointer. A value that is not a
// pointer is copied to be addressed.
func encodeTarget(v any, kind codecKind, fn string) (unsafe.Pointer, *codecType, error) {
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return nil, nil, nil
		}
	} else {
		rv = addressableValue(rv).Addr()
	}
	ct := codecOf(rv.Type().Elem())
	if ct.kind != kind {
		meta := "objectMeta"
		if kind == codecUnion {
			meta = "unionMeta"
		}
		return nil, nil, fmt.Errorf("intercom: %s: %s does not embed %s", fn, rv.Type().Elem(), meta)
	}
	return rv.UnsafePointer(), ct, nil
}

func intAt(p unsafe.Pointer, ct *codecType) int64 {
	switch ct.size {
	case 8:
		return *(*int64)(p)
	case 4:
		return int64(*(*int32)(p))
	case 2:
		return int64(*(*int16)(p))
	}
	return int64(*(*int8)(p))
}

func uintAt(p unsafe.Pointer, ct *codecType) uint64 {
	switch ct.size {
	case 8:
		return *(*uint64)(p)
	case 4:
		return uint64(*(*uint32)(p))
	case 2:
		return uint64(*(*uint16)(p))
	}
	return uint64(*(*uint8)(p))
}

// appendAny encodes the value of an interface{}, quickly for what the
// decoder puts there.
func appendAny(b []byte, v any, depth int) ([]byte, error) {
	switch x := v.(type) {
	case nil:
		return append(b, "null"...), nil
	case string:
		return appendJSONString(b, x), nil
	case json.Number:
		p := unsafe.Pointer(&x)
		return appendValueP(b, p, codecOf(typeOfJSONNumber), depth+1)
	case bool:
		return strconv.AppendBool(b, x), nil
	case float64:
		return appendJSONFloat(b, x, 64)
	case map[string]any:
		return appendAnyMap(b, x, depth+1)
	case []any:
		b = append(b, '[')
		for i, e := range x {
			if i > 0 {
				b = append(b, ',')
			}
			var err error
			if b, err = appendAny(b, e, depth+1); err != nil {
				return b, err
			}
		}
		return append(b, ']'), nil
	}
	return appendValue(b, reflect.ValueOf(v), depth+1)
}

// appendAnyMap writes a nil map as {}, like appendMap.
func appendAnyMap(b []byte, m map[string]any, depth int) ([]byte, error) {
	if depth > maxCodecDepth {
		return b, &encodeDepthError{typ: reflect.TypeOf(m)}
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	b = append(b, '{')
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, k)
		b = append(b, ':')
		var err error
		if b, err = appendAny(b, m[k], depth+1); err != nil {
			return b, err
		}
	}
	return append(b, '}'), nil
}

func appendTime(b []byte, t time.Time) ([]byte, error) {
	if y := t.Year(); y < 0 || y > 9999 {
		return b, fmt.Errorf("intercom: cannot encode time %v: year outside [0,9999]", t)
	}
	b = append(b, '"')
	b = t.AppendFormat(b, time.RFC3339Nano)
	return append(b, '"'), nil
}

// sortedKeys returns the keys of the map v (its keys are strings) and
// their names, sorted by name.
func sortedKeys(v reflect.Value) ([]reflect.Value, []string) {
	keys := v.MapKeys()
	names := make([]string, len(keys))
	for i, k := range keys {
		names[i] = k.String()
	}
	sort.Sort(byName{keys, names})
	return keys, names
}

// byName sorts map keys by their names, keeping the two in step. The
// runtime sorts with the sort package's non-generic code: the slices
// package's sorts are generic, and each slice type they sort would compile
// about fifteen functions into every generated package.
type byName struct {
	keys  []reflect.Value
	names []string
}

func (s byName) Len() int           { return len(s.names) }
func (s byName) Less(i, j int) bool { return s.names[i] < s.names[j] }
func (s byName) Swap(i, j int) {
	s.keys[i], s.keys[j] = s.keys[j], s.keys[i]
	s.names[i], s.names[j] = s.names[j], s.names[i]
}

// appendMap writes a map with its keys sorted, and a nil map as {}: like
// a nil slice, it only reaches here for required keys.
func appendMap(b []byte, v reflect.Value, depth int) ([]byte, error) {
	keys, names := sortedKeys(v)
	b = append(b, '{')
	for i := range keys {
		if i > 0 {
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

// isZero is omitzero's notion of zero (valueIsZero) for the value at p.
func isZero(p unsafe.Pointer, ct *codecType) bool {
	if ct.isZeroer {
		if ct.kind == codecTime {
			return (*time.Time)(p).IsZero()
		}
		return valueIsZero(reflect.NewAt(ct.typ, p).Elem(), ct)
	}
	switch ct.kind {
	case codecNullable:
		return *(*nullableState)(unsafe.Add(p, ct.nullStateOff)) == stateAbsent
	case codecString, codecNumber:
		return len(*(*string)(p)) == 0
	case codecPointer, codecMap:
		return *(*unsafe.Pointer)(p) == nil
	case codecSlice, codecBytes, codecRawJSON:
		return (*sliceHeader)(p).data == nil
	case codecBool:
		return !*(*bool)(p)
	case codecInt, codecUnixTime:
		return intAt(p, ct) == 0
	case codecUint:
		return uintAt(p, ct) == 0
	case codecFloat:
		if ct.bits == 32 {
			return math.Float32bits(*(*float32)(p)) == 0
		}
		return math.Float64bits(*(*float64)(p)) == 0
	case codecAny:
		return *(*any)(p) == nil
	case codecObject:
		if (*objectMeta)(unsafe.Add(p, ct.metaOff)).decoded {
			return false
		}
	}
	return valueIsZero(reflect.NewAt(ct.typ, p).Elem(), ct)
}

// encodeDepthError reports a value nesting deeper than any JSON could,
// which means a pointer cycle. It is passed up unwrapped: adding the field
// path at each of thousands of levels would take quadratic time.
type encodeDepthError struct{ typ reflect.Type }

func (e *encodeDepthError) Error() string {
	return fmt.Sprintf("intercom: cannot encode %s: value nests too deeply (pointer cycle?)", e.typ)
}
