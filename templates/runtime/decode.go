package runtime

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"math"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// decodeFit says how faithfully a JSON value landed in a Go value. The
// decoder never fails on a mismatch (Intercom's payloads routinely
// contradict the schema); instead the caller learns whether the Go value
// still encodes to the same JSON, and keeps the raw text when it does not.
type decodeFit uint8

const (
	// fitExact: re-encoding the Go value gives the same JSON value.
	fitExact decodeFit = iota
	// fitCoerced: the Go value is meaningful (a number read into a string,
	// a truncated fraction, …) but re-encodes differently.
	fitCoerced
	// fitFailed: nothing usable; the Go value was left at its zero value.
	fitFailed
)

// maxCodecDepth stops runaway recursion through self-referential union
// types; real JSON never nests this deep (encoding/json rejects it).
const maxCodecDepth = 10000

// decodeValue decodes raw (valid, trimmed JSON) into the settable v.
func decodeValue(raw []byte, v reflect.Value, depth int) decodeFit {
	if depth > maxCodecDepth || len(raw) == 0 {
		v.SetZero()
		return fitFailed
	}
	ct := codecOf(v.Type())
	null := raw[0] == 'n'
	// Kinds for which null is a proper value.
	switch ct.kind {
	case codecRawJSON:
		v.SetBytes(bytes.Clone(raw))
		return fitExact
	case codecAny:
		return decodeAny(raw, v)
	case codecNullable:
		val, state := nullableParts(v, ct)
		if null {
			val.SetZero()
			*state = stateNull
			return fitExact
		}
		fit := decodeValue(raw, val, depth+1)
		if fit == fitFailed {
			val.SetZero()
			*state = stateAbsent
			return fitFailed
		}
		*state = stateValue
		return fit
	case codecUnion:
		if null {
			// Remembered, so that it encodes as null again: a union with
			// no variant set is otherwise an encoding error.
			v.SetZero()
			unionMetaOf(v, ct).raw = json.RawMessage("null")
			return fitExact
		}
	case codecPointer:
		if null {
			v.SetZero()
			return fitExact
		}
		p := reflect.New(ct.elem)
		fit := decodeValue(raw, p.Elem(), depth+1)
		if fit == fitFailed {
			v.SetZero()
			return fitFailed
		}
		v.Set(p)
		return fit
	}
	if null {
		v.SetZero()
		return fitFailed
	}
	switch ct.kind {
	case codecObject:
		fit, _ := decodeObjectInto(raw, v, ct, depth)
		return fit
	case codecUnion:
		return decodeUnionInto(raw, v, ct, depth)
	case codecString:
		return decodeString(raw, v)
	case codecNumber:
		return decodeJSONNumber(raw, v)
	case codecBool:
		return decodeBool(raw, v)
	case codecInt, codecUnixTime:
		return decodeInt(raw, v)
	case codecUint:
		return decodeUint(raw, v)
	case codecFloat:
		return decodeFloat(raw, v, ct.bits)
	case codecTime:
		return decodeTime(raw, v)
	case codecBytes:
		return decodeBytes(raw, v)
	case codecSlice:
		return decodeSlice(raw, v, depth)
	case codecMap:
		return decodeMap(raw, v, ct, depth)
	}
	return decodeFallback(raw, v)
}

// decodeAny keeps numbers as json.Number so that their exact text (large
// IDs, 155.50) survives a round trip.
func decodeAny(raw []byte, v reflect.Value) decodeFit {
	var x any
	switch raw[0] {
	case 'n':
		v.SetZero()
		return fitExact
	case 't':
		x = true
	case 'f':
		x = false
	case '"':
		x = jsonUnquote(raw)
	case '{', '[':
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		if err := dec.Decode(&x); err != nil {
			v.SetZero()
			return fitFailed
		}
	default:
		x = json.Number(raw)
	}
	v.Set(reflect.ValueOf(x))
	return fitExact
}

func decodeString(raw []byte, v reflect.Value) decodeFit {
	switch raw[0] {
	case '"':
		v.SetString(jsonUnquote(raw))
		return fitExact
	case '{', '[':
		v.SetZero()
		return fitFailed
	}
	// Numbers and booleans where a string is declared: IDs especially.
	v.SetString(string(raw))
	return fitCoerced
}

func decodeJSONNumber(raw []byte, v reflect.Value) decodeFit {
	switch raw[0] {
	case '"':
		if s := strings.TrimSpace(jsonUnquote(raw)); isJSONNumber(s) {
			v.SetString(s)
			return fitCoerced
		}
	case '{', '[', 't', 'f':
	default:
		v.SetString(string(raw))
		return fitExact
	}
	v.SetZero()
	return fitFailed
}

func decodeBool(raw []byte, v reflect.Value) decodeFit {
	switch raw[0] {
	case 't':
		v.SetBool(true)
		return fitExact
	case 'f':
		v.SetBool(false)
		return fitExact
	case '"':
		if b, err := strconv.ParseBool(strings.TrimSpace(jsonUnquote(raw))); err == nil {
			v.SetBool(b)
			return fitCoerced
		}
	}
	v.SetZero()
	return fitFailed
}

// numberText returns the number a JSON value spells, from a number or a
// numeric string; coerced reports the latter.
func numberText(raw []byte) (text string, coerced, ok bool) {
	switch raw[0] {
	case '"':
		s := strings.TrimSpace(jsonUnquote(raw))
		return s, true, isJSONNumber(s)
	case '{', '[', 't', 'f', 'n':
		return "", false, false
	}
	return string(raw), false, true
}

// parseIntText reads an integer from a JSON number text, truncating
// fractions. exact is false when the value had to be truncated or the
// float64 route may have lost precision.
func parseIntText(s string) (n int64, exact, ok bool) {
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return n, true, true
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || f >= 1<<63 || f < -(1<<63) {
		return 0, false, false
	}
	t := math.Trunc(f)
	return int64(t), integralNumber(s) && math.Abs(t) <= 1<<53, true
}

func decodeInt(raw []byte, v reflect.Value) decodeFit {
	if raw[0] == '"' && v.Type() == typeOfUnixTime {
		return decodeUnixTimeString(raw, v)
	}
	s, coerced, ok := numberText(raw)
	if !ok {
		v.SetZero()
		return fitFailed
	}
	n, exact, ok := parseIntText(s)
	if !ok || v.OverflowInt(n) {
		v.SetZero()
		return fitFailed
	}
	v.SetInt(n)
	if exact && !coerced {
		return fitExact
	}
	return fitCoerced
}

// decodeUnixTimeString accepts numeric strings and, since some endpoints
// answer with ISO timestamps where the schema says Unix seconds, date-time
// strings.
func decodeUnixTimeString(raw []byte, v reflect.Value) decodeFit {
	s := strings.TrimSpace(jsonUnquote(raw))
	if isJSONNumber(s) {
		if n, _, ok := parseIntText(s); ok {
			v.SetInt(n)
			return fitCoerced
		}
	}
	if t, ok := parseLenientTime(s); ok {
		v.SetInt(t.Unix())
		return fitCoerced
	}
	v.SetZero()
	return fitFailed
}

func decodeUint(raw []byte, v reflect.Value) decodeFit {
	s, coerced, ok := numberText(raw)
	if !ok {
		v.SetZero()
		return fitFailed
	}
	if n, err := strconv.ParseUint(s, 10, 64); err == nil && !v.OverflowUint(n) {
		v.SetUint(n)
		if coerced {
			return fitCoerced
		}
		return fitExact
	}
	n, _, ok := parseIntText(s)
	if !ok || n < 0 || v.OverflowUint(uint64(n)) {
		v.SetZero()
		return fitFailed
	}
	v.SetUint(uint64(n))
	return fitCoerced
}

func decodeFloat(raw []byte, v reflect.Value, bits int) decodeFit {
	s, coerced, ok := numberText(raw)
	if !ok {
		v.SetZero()
		return fitFailed
	}
	f, err := strconv.ParseFloat(s, bits)
	if err != nil {
		v.SetZero()
		return fitFailed
	}
	v.SetFloat(f)
	if coerced {
		return fitCoerced
	}
	// Digits beyond float64's precision would be lost on re-encoding.
	again, err := appendJSONFloat(nil, f, bits)
	if err != nil || !sameNumber(s, string(again)) {
		return fitCoerced
	}
	return fitExact
}

// Layouts tried after RFC 3339 for timestamps that are not quite RFC 3339.
var lenientTimeLayouts = []string{
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05",
	"2006-01-02",
}

func parseLenientTime(s string) (time.Time, bool) {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, true
	}
	for _, layout := range lenientTimeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

func decodeTime(raw []byte, v reflect.Value) decodeFit {
	var t time.Time
	fit := fitCoerced
	switch raw[0] {
	case '"':
		s := jsonUnquote(raw)
		parsed, ok := parseLenientTime(s)
		if !ok {
			v.SetZero()
			return fitFailed
		}
		t = parsed
		// Exact only if encoding gives the same text back: "…05.000Z"
		// parses fine but re-encodes as "…05Z".
		if t.Year() >= 0 && t.Year() <= 9999 && t.Format(time.RFC3339Nano) == s {
			fit = fitExact
		}
	case '{', '[', 't', 'f':
		v.SetZero()
		return fitFailed
	default:
		// Unix seconds where a date-time string is declared.
		f, err := strconv.ParseFloat(string(raw), 64)
		if err != nil || math.Abs(f) > 1<<53 {
			v.SetZero()
			return fitFailed
		}
		sec, frac := math.Modf(f)
		t = time.Unix(int64(sec), int64(frac*1e9)).UTC()
	}
	v.Set(reflect.ValueOf(t))
	return fit
}

func decodeBytes(raw []byte, v reflect.Value) decodeFit {
	if raw[0] != '"' {
		v.SetZero()
		return fitFailed
	}
	s := jsonUnquote(raw)
	b, err := base64.StdEncoding.DecodeString(s)
	if err == nil {
		v.SetBytes(b)
		if base64.StdEncoding.EncodeToString(b) == s {
			return fitExact
		}
		return fitCoerced // line breaks, which the decoder skips
	}
	for _, enc := range []*base64.Encoding{base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(s); err == nil {
			v.SetBytes(b)
			return fitCoerced
		}
	}
	v.SetZero()
	return fitFailed
}

func decodeSlice(raw []byte, v reflect.Value, depth int) decodeFit {
	if raw[0] != '[' {
		v.SetZero()
		return fitFailed
	}
	elems := jsonArrayElements(raw)
	s := reflect.MakeSlice(v.Type(), len(elems), len(elems))
	fit := fitExact
	for i, e := range elems {
		if decodeValue(e, s.Index(i), depth+1) != fitExact {
			fit = fitCoerced
		}
	}
	v.Set(s)
	return fit
}

func decodeMap(raw []byte, v reflect.Value, ct *codecType, depth int) decodeFit {
	if raw[0] != '{' {
		v.SetZero()
		return fitFailed
	}
	entries := jsonObjectEntries(raw)
	m := reflect.MakeMapWithSize(v.Type(), len(entries))
	keyType := v.Type().Key()
	fit := fitExact
	for _, e := range entries {
		ev := reflect.New(ct.elem).Elem()
		if decodeValue(e.val, ev, depth+1) != fitExact {
			fit = fitCoerced
		}
		m.SetMapIndex(reflect.ValueOf(e.key).Convert(keyType), ev)
	}
	v.Set(m)
	return fit
}

// decodeFallback hands types the codec does not know (ones with their own
// UnmarshalJSON, arrays, non-empty interfaces…) to encoding/json.
func decodeFallback(raw []byte, v reflect.Value) decodeFit {
	v.SetZero()
	if err := json.Unmarshal(raw, v.Addr().Interface()); err != nil {
		v.SetZero()
		return fitFailed
	}
	return fitExact
}
