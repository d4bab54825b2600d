package runtime

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"slices"
)

// objectMeta is embedded in every generated model. It remembers what a
// decoded payload looked like beyond what the Go fields can say, so that a
// model read from Intercom and sent back unchanged is the same JSON: keys
// the schema lacks, which keys were present at all, and the raw text of
// values that did not fit their Go type exactly.
//
// It has no methods, on purpose: methods of an embedded type are promoted,
// and the compiler emits wrappers for them in every model type, which
// made packages of hundreds of models slow to compile. The codec finds it
// by reflection (codecType.meta, objectMetaOf), and ExtraFields and
// SetExtraField are functions.
//
// Its maps are never modified after decoding (SetExtraField replaces
// them), so copies of a model may share them safely.
type objectMeta struct {
	decoded bool
	present []uint64 // bit i: field i of the codecType was received
	records map[int]fieldRecord
	extra   map[string]json.RawMessage
}

// fieldRecord keeps a received value whose Go value would not re-encode to
// it, together with that Go value's encoding at decode time: as long as
// the field still encodes the same, the received text is written instead.
type fieldRecord struct {
	raw json.RawMessage
	enc string
}

// fieldPresent reports whether field i was received. It is a function
// rather than a method of objectMeta for the reason given there.
func fieldPresent(m *objectMeta, i int) bool {
	w := i / 64
	return w < len(m.present) && m.present[w]&(1<<(uint(i)%64)) != 0
}

// markPresent records that field i (of the type's n fields) was received.
func markPresent(m *objectMeta, i, n int) {
	if m.present == nil {
		m.present = make([]uint64, (n+63)/64)
	}
	m.present[i/64] |= 1 << (uint(i) % 64)
}

// modelValue returns the struct a model argument of ExtraFields or
// SetExtraField refers to (a model or a pointer to one) and its codec
// type; ok is false for anything else, including nil.
func modelValue(model any) (v reflect.Value, ct *codecType, ok bool) {
	v = reflect.ValueOf(model)
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return v, nil, false
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return v, nil, false
	}
	ct = codecOf(v.Type())
	return v, ct, ct.kind == codecObject
}

// ExtraFields returns the members a model's type does not declare, as raw
// JSON: those received when it was decoded (Intercom adds fields before
// the published description does) and those added with SetExtraField.
// model is a generated model or a pointer to one; for anything else, and
// when there are no such members, ExtraFields returns nil. The map is a
// copy.
func ExtraFields(model any) map[string]json.RawMessage {
	v, ct, ok := modelValue(model)
	if !ok {
		return nil
	}
	m := objectMetaOf(addressableValue(v), ct)
	if len(m.extra) == 0 {
		return nil
	}
	out := make(map[string]json.RawMessage, len(m.extra))
	for k, raw := range m.extra {
		out[k] = bytes.Clone(raw)
	}
	return out
}

// SetExtraField adds a member that the type of model does not declare, to
// be sent after the declared fields; it is the escape hatch for fields the
// description does not list yet. model must be a non-nil pointer to a
// generated model. value is encoded as JSON now (a json.RawMessage is used
// as is, after checking it); an error means it could not be. Setting the
// name of a declared field replaces that field's value when encoding.
func SetExtraField(model any, key string, value any) error {
	// A model passed by value would be changed in a copy only.
	v, ct, ok := modelValue(model)
	if !ok || reflect.ValueOf(model).Kind() != reflect.Pointer {
		return fmt.Errorf("intercom: SetExtraField needs a non-nil pointer to a model, got %T", model)
	}
	var enc []byte
	if raw, ok := value.(json.RawMessage); ok {
		raw = trimJSONSpace(raw)
		if err := checkJSON(raw); err != nil {
			return fmt.Errorf("intercom: extra field %q: %w", key, err)
		}
		enc = bytes.Clone(raw)
	} else {
		var err error
		if enc, err = appendValue(nil, reflect.ValueOf(value), 0); err != nil {
			return fmt.Errorf("intercom: extra field %q: %w", key, err)
		}
	}
	m := objectMetaOf(v, ct)
	// Copy on write: a copy of the model may share the map.
	extra := maps.Clone(m.extra)
	if extra == nil {
		extra = map[string]json.RawMessage{}
	}
	extra[key] = enc
	m.extra = extra
	return nil
}

// decodeObject is the UnmarshalJSON of generated models; v is a pointer to
// a struct embedding objectMeta. It decodes leniently (see decodeValue)
// and fails only on malformed JSON or JSON that is not an object; null
// leaves the value unchanged, as encoding/json does.
func decodeObject(data []byte, v any) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return fmt.Errorf("intercom: decodeObject needs a non-nil pointer, got %T", v)
	}
	ev := rv.Elem()
	ct := codecOf(ev.Type())
	if ct.kind != codecObject {
		return fmt.Errorf("intercom: decodeObject: %s does not embed objectMeta", ev.Type())
	}
	data = trimJSONSpace(data)
	if err := checkJSON(data); err != nil {
		return err
	}
	if data[0] == 'n' {
		return nil
	}
	_, err := decodeObjectInto(data, ev, ct, 0)
	return err
}

// decodeObjectInto decodes a validated object into v, replacing its whole
// value: the meta must describe exactly this payload.
func decodeObjectInto(raw []byte, v reflect.Value, ct *codecType, depth int) (decodeFit, error) {
	if raw[0] != '{' {
		v.SetZero()
		return fitFailed, fmt.Errorf("intercom: cannot decode a JSON %s into %s", jsonKindName(raw), v.Type())
	}
	entries := jsonObjectEntries(raw)
	v.SetZero()
	m := objectMetaOf(v, ct)
	m.decoded = true
	n := len(ct.fields)

	// pick[i] is 1 + the entry chosen for field i, negated when the key
	// matched only case-insensitively. An exact key beats such a match;
	// among equals the last wins, as with encoding/json. A case variant
	// that loses to an exact key is kept as an extra so that nothing
	// received is dropped.
	var small [32]int
	var pick []int
	if n <= len(small) {
		pick = small[:n]
	} else {
		pick = make([]int, n)
	}
	for ei := range entries {
		if fi, ok := ct.exact[entries[ei].key]; ok {
			pick[fi] = ei + 1
		}
	}
	for ei := range entries {
		e := &entries[ei]
		fi, exact := ct.fieldByKey(e.key)
		if exact {
			continue
		}
		if fi >= 0 && pick[fi] <= 0 {
			pick[fi] = -(ei + 1)
			continue
		}
		if m.extra == nil {
			m.extra = make(map[string]json.RawMessage)
		}
		m.extra[e.key] = bytes.Clone(e.val)
	}

	for fi, p := range pick {
		if p == 0 {
			continue
		}
		if p < 0 {
			p = -p
		}
		f := &ct.fields[fi]
		raw := entries[p-1].val
		fv := v.Field(f.index)
		fct := codecOf(f.typ)
		markPresent(m, fi, n)
		fit := decodeValue(raw, fv, depth+1)
		// Also keep zero values of optional keys: otherwise omitzero would
		// drop a received "name": "" or "count": 0 on re-encoding.
		if fit != fitExact || f.omits(fv, fct) {
			enc, err := valueFingerprint(fv, fct)
			if err != nil {
				enc = "\x00error"
			}
			if m.records == nil {
				m.records = make(map[int]fieldRecord)
			}
			m.records[fi] = fieldRecord{raw: bytes.Clone(raw), enc: enc}
		}
	}
	return fitExact, nil
}

// encodeObject is the MarshalJSON of generated models; v is a pointer to a
// struct embedding objectMeta.
func encodeObject(v any) ([]byte, error) {
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return []byte("null"), nil
		}
		rv = rv.Elem()
	}
	ct := codecOf(rv.Type())
	if ct.kind != codecObject {
		return nil, fmt.Errorf("intercom: encodeObject: %s does not embed objectMeta", rv.Type())
	}
	return appendObject(nil, rv, ct, 0)
}

// appendObject writes the declared fields in order, then the extra ones
// sorted by key. For each field:
//   - a key missing from a decoded payload stays missing while the field is
//     zero, so a response sent back does not grow keys it never had;
//   - a value kept at decode time is written as received while the field
//     still encodes as it did then, so coercions do not leak out (and a
//     received "count": 0 survives omitzero);
//   - otherwise omitzero drops zero values, an empty const field is filled
//     in, and the field's own encoding is written: edits win.
func appendObject(b []byte, v reflect.Value, ct *codecType, depth int) ([]byte, error) {
	v = addressableValue(v)
	m := objectMetaOf(v, ct)
	b = append(b, '{')
	start := len(b)
	for fi := range ct.fields {
		f := &ct.fields[fi]
		if _, overridden := m.extra[f.name]; overridden {
			continue
		}
		fv := v.Field(f.index)
		fct := codecOf(f.typ)
		zero := valueIsZero(fv, fct)
		if m.decoded && zero && !fieldPresent(m, fi) {
			continue
		}
		var cur []byte
		if rec, ok := m.records[fi]; ok {
			enc, err := valueFingerprint(fv, fct)
			if err != nil {
				return b, objectFieldError(ct, f, err)
			}
			if enc == rec.enc {
				if len(b) > start {
					b = append(b, ',')
				}
				b = append(b, f.key...)
				b = append(b, rec.raw...)
				continue
			}
			if enc != "\x00unset" {
				cur = []byte(enc)
			}
		}
		if f.omits(fv, fct) {
			continue
		}
		if len(b) > start {
			b = append(b, ',')
		}
		b = append(b, f.key...)
		switch {
		case f.constVal != "" && fv.Kind() == reflect.String && fv.Len() == 0:
			b = appendJSONString(b, f.constVal)
		case cur != nil:
			b = append(b, cur...)
		default:
			var err error
			if b, err = appendValue(b, fv, depth+1); err != nil {
				return b, objectFieldError(ct, f, err)
			}
		}
	}
	for _, k := range slices.Sorted(maps.Keys(m.extra)) {
		if len(b) > start {
			b = append(b, ',')
		}
		b = appendJSONString(b, k)
		b = append(b, ':')
		b = append(b, m.extra[k]...)
	}
	return append(b, '}'), nil
}

func objectFieldError(ct *codecType, f *codecField, err error) error {
	if _, deep := err.(*encodeDepthError); deep {
		return err
	}
	return fmt.Errorf("intercom: %s.%s: %w", ct.typ.Name(), ct.typ.Field(f.index).Name, err)
}
