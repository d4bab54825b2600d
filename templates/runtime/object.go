package runtime

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"unsafe"
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
// by reflection (codecType.meta), and ExtraFields and SetExtraField are
// functions.
//
// It is small, and a model decoded without surprises (at most 64 fields,
// every value fitting, no unknown keys) needs no allocation for it; what
// is rarer lives behind more. Nothing it points to is modified after
// decoding (SetExtraField replaces more), so copies of a model may share
// it safely.
//
// The zero-length array of funcs makes it, and so every model, not
// comparable, as models have always been: the compiler would otherwise
// generate an equality function for every model whose fields are all
// comparable, hundreds in a large package, which takes a tenth of its
// compile time.
type objectMeta struct {
	_       [0]func()
	decoded bool
	present uint64 // bit i: field i of the codecType was received (i < 64)
	more    *objectMore
}

// objectMore is what a decoded model rarely needs.
type objectMore struct {
	present []uint64      // the presence bits of fields 64 and up
	records []fieldRecord // in the order received, one per field
	extra   []extraField  // sorted by key, each key once
}

// fieldRecord keeps a received value whose Go value would not re-encode to
// it, together with that Go value's encoding at decode time: as long as
// the field still encodes the same, the received text is written instead.
type fieldRecord struct {
	field int
	raw   json.RawMessage
	enc   string
}

// extraField is a member a model's type does not declare.
type extraField struct {
	key string
	raw json.RawMessage
}

// fieldPresent reports whether field i was received. It is a function
// rather than a method of objectMeta for the reason given there.
func fieldPresent(m *objectMeta, i int) bool {
	if i < 64 {
		return m.present&(1<<uint(i)) != 0
	}
	if m.more == nil {
		return false
	}
	w := i/64 - 1
	return w < len(m.more.present) && m.more.present[w]&(1<<(uint(i)%64)) != 0
}

// markPresent records that field i (of the type's n fields) was received;
// it reports whether it already was (a duplicate key).
func markPresent(m *objectMeta, i, n int) bool {
	if i < 64 {
		was := m.present&(1<<uint(i)) != 0
		m.present |= 1 << uint(i)
		return was
	}
	if m.more == nil {
		m.more = &objectMore{}
	}
	if m.more.present == nil {
		m.more.present = make([]uint64, (n-1)/64)
	}
	w, bit := i/64-1, uint64(1)<<(uint(i)%64)
	was := m.more.present[w]&bit != 0
	m.more.present[w] |= bit
	return was
}

// recordOf returns the record of field i, if any. (The lists the meta
// keeps are short and searched with plain loops: the sorting and searching
// functions of slices would be compiled into every package for these
// types.)
func recordOf(m *objectMeta, i int) (fieldRecord, bool) {
	if m.more != nil {
		for _, r := range m.more.records {
			if r.field == i {
				return r, true
			}
		}
	}
	return fieldRecord{}, false
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
	if m.more == nil || len(m.more.extra) == 0 {
		return nil
	}
	out := make(map[string]json.RawMessage, len(m.more.extra))
	for _, e := range m.more.extra {
		out[e.key] = bytes.Clone(e.raw)
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
	// Copy on write: a copy of the model may share more.
	more := &objectMore{}
	if m.more != nil {
		*more = *m.more
	}
	extra := make([]extraField, 0, len(more.extra)+1)
	for _, e := range more.extra {
		if e.key != key {
			extra = append(extra, e)
		}
	}
	more.extra = sortExtras(append(extra, extraField{key: key, raw: enc}))
	m.more = more
	return nil
}

// sortExtras sorts extras by key, keeping the later of equal keys (the
// last received wins), in place.
func sortExtras(extras []extraField) []extraField {
	// Insertion sort, stable: the lists are short.
	for i := 1; i < len(extras); i++ {
		for j := i; j > 0 && extras[j].key < extras[j-1].key; j-- {
			extras[j], extras[j-1] = extras[j-1], extras[j]
		}
	}
	out := extras[:0]
	for k, e := range extras {
		if k+1 < len(extras) && extras[k+1].key == e.key {
			continue
		}
		out = append(out, e)
	}
	return out
}

// decodeObject is the UnmarshalJSON of generated models; v is a pointer to
// a struct embedding objectMeta. It decodes leniently (see decoder.value)
// and fails only on malformed JSON (which leaves the model zero) or JSON
// that is not an object; null leaves the value unchanged, as encoding/json
// does.
func decodeObject(data []byte, v any) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return fmt.Errorf("intercom: decodeObject needs a non-nil pointer, got %T", v)
	}
	ct := codecOf(rv.Type().Elem())
	if ct.kind != codecObject {
		return fmt.Errorf("intercom: decodeObject: %s does not embed objectMeta", rv.Type().Elem())
	}
	_, _, err := decodeDocument(data, rv.UnsafePointer(), ct)
	return err
}

// object decodes the object at data[i] into the model at p, replacing its
// whole value (fresh says it is zero already): the meta must describe
// exactly this payload.
//
// Each key is looked up as it is read and its value decoded straight into
// the field; among duplicate keys the last wins, as with encoding/json.
// Keys that match a field only case-insensitively are rare and follow
// rules that need the whole object (an exact key beats them, and those
// that lose are kept as extras): the first one sends the object to
// objectByEntries, which reads it again that way.
func (d *decoder) object(i int, p unsafe.Pointer, ct *codecType, depth int, fresh bool) int {
	start, nest := i, d.nest
	extraBase, recordBase := len(d.extras), len(d.records)
	if !fresh {
		zeroValue(p, ct)
	}
	m := (*objectMeta)(unsafe.Add(p, ct.metaOff))
	m.decoded = true
	restart := false
	prev := 0 // the last field read, + 1
	end := d.members(i, func(key []byte, vi int) int {
		fi, exact := -1, true
		if g := int(ct.follows[prev].Load()) - 1; g >= 0 && string(key) == ct.fields[g].name {
			fi = g
		} else if fi, exact = ct.lookup(key); fi >= 0 && exact {
			ct.follows[prev].Store(int32(fi + 1))
		}
		if fi >= 0 && exact {
			prev = fi + 1
		}
		if fi >= 0 && !exact {
			restart = true // a case variant
			return -1
		}
		if fi < 0 {
			end := d.skip(vi)
			if end >= 0 {
				d.extras = append(d.extras, extraField{key: d.keepString(key), raw: d.keep(d.data[vi:end])})
			}
			return end
		}
		return d.field(vi, p, ct, fi, m, recordBase, depth)
	})
	if restart {
		d.nest = nest
		d.truncate(extraBase, recordBase)
		return d.objectByEntries(start, p, ct, depth)
	}
	if end < 0 {
		return -1
	}
	d.finishObject(m, extraBase, recordBase)
	return end
}

// lookup finds the field a received key belongs to: the exact name, else
// a case-insensitive match as encoding/json allows (exact is then false).
// The key is not copied.
func (c *codecType) lookup(key []byte) (index int, exact bool) {
	if i, ok := c.exact[string(key)]; ok {
		return i, true
	}
	if c.lowerNames && !hasUpperOrNonASCII(key) {
		return -1, false // lower-casing it would change nothing
	}
	return c.fieldByKey(string(key))
}

func hasUpperOrNonASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 || 'A' <= c && c <= 'Z' {
			return true
		}
	}
	return false
}

// field decodes the value at data[vi] into field fi of the model at p,
// and keeps its text when the Go value would not give it back (or when a
// zero value of an optional key would otherwise be left out).
func (d *decoder) field(vi int, p unsafe.Pointer, ct *codecType, fi int, m *objectMeta, recordBase, depth int) int {
	f := &ct.fields[fi]
	fct := f.codec()
	fp := unsafe.Add(p, f.offset)
	if markPresent(m, fi, len(ct.fields)) {
		// A duplicate key: the last wins, and an earlier one's record goes.
		kept := d.records[:recordBase]
		for _, r := range d.records[recordBase:] {
			if r.field != fi {
				kept = append(kept, r)
			}
		}
		clear(d.records[len(kept):])
		d.records = kept
	}
	end, fit := d.value(vi, fp, fct, depth+1)
	if end < 0 {
		return -1
	}
	if fit != fitExact || f.omits(fp, fct) {
		enc := unsetFingerprint
		if fct.kind != codecNullable || !isZero(fp, fct) {
			b, err := appendValueP(d.scratch[:0], fp, fct, 0)
			d.scratch = b
			enc = d.keepString(b)
			if err != nil {
				enc = "\x00error"
			}
		}
		d.records = append(d.records, fieldRecord{field: fi, raw: d.keep(d.data[vi:end]), enc: enc})
	}
	return end
}

// unsetFingerprint is the fingerprint of an absent Nullable, which is
// not its encoding (null).
const unsetFingerprint = "\x00unset"

// truncate drops the extras and records collected since the given marks.
func (d *decoder) truncate(extraBase, recordBase int) {
	clear(d.extras[extraBase:])
	clear(d.records[recordBase:])
	d.extras, d.records = d.extras[:extraBase], d.records[:recordBase]
}

// finishObject hands the model its extras and records: those collected
// since the marks (extras sorted by key, the last of equal keys winning).
func (d *decoder) finishObject(m *objectMeta, extraBase, recordBase int) {
	extras, records := d.extras[extraBase:], d.records[recordBase:]
	if len(extras) == 0 && len(records) == 0 {
		return
	}
	if m.more == nil {
		m.more = d.newMore()
	}
	if len(extras) > 0 {
		m.more.extra = d.keepExtras(sortExtras(extras))
	}
	if len(records) > 0 {
		m.more.records = append([]fieldRecord(nil), records...)
	}
	d.truncate(extraBase, recordBase)
}

// objectByEntries decodes the object at data[i] by its list of members,
// for objects with keys that match fields only case-insensitively.
// pick[f] is 1 + the entry chosen for field f, negated when the key
// matched only case-insensitively. An exact key beats such a match; among
// equals the last wins, as with encoding/json. A case variant that loses
// to an exact key is kept as an extra so that nothing received is
// dropped.
func (d *decoder) objectByEntries(i int, p unsafe.Pointer, ct *codecType, depth int) int {
	type entry struct {
		key        string
		start, end int
	}
	var entries []entry
	end := d.members(i, func(key []byte, vi int) int {
		end := d.skip(vi)
		entries = append(entries, entry{key: string(key), start: vi, end: end})
		return end
	})
	if end < 0 {
		return -1
	}
	extraBase, recordBase := len(d.extras), len(d.records)
	zeroValue(p, ct)
	m := (*objectMeta)(unsafe.Add(p, ct.metaOff))
	m.decoded = true
	pick := make([]int, len(ct.fields))
	for ei, e := range entries {
		if fi, ok := ct.exact[e.key]; ok {
			pick[fi] = ei + 1
		}
	}
	for ei, e := range entries {
		fi, exact := ct.fieldByKey(e.key)
		if exact {
			continue
		}
		if fi >= 0 && pick[fi] <= 0 {
			pick[fi] = -(ei + 1)
			continue
		}
		d.extras = append(d.extras, extraField{key: d.keepString([]byte(e.key)), raw: d.keep(d.data[e.start:e.end])})
	}
	for fi, pk := range pick {
		if pk < 0 {
			pk = -pk
		}
		if pk > 0 && d.field(entries[pk-1].start, p, ct, fi, m, recordBase, depth) < 0 {
			return -1
		}
	}
	d.finishObject(m, extraBase, recordBase)
	return end
}

// encodeObject is the MarshalJSON of generated models; v is a pointer to a
// struct embedding objectMeta.
func encodeObject(v any) ([]byte, error) {
	p, ct, err := encodeTarget(v, codecObject, "encodeObject")
	if err != nil || p == nil {
		return []byte("null"), err
	}
	b, err := appendObject(make([]byte, 0, ct.sizeHint()), p, ct, 0)
	if err != nil {
		return nil, err
	}
	ct.lastSize.Store(int64(len(b)))
	return b, nil
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
func appendObject(b []byte, p unsafe.Pointer, ct *codecType, depth int) ([]byte, error) {
	m := (*objectMeta)(unsafe.Add(p, ct.metaOff))
	var records []fieldRecord
	var extra []extraField
	if m.more != nil {
		records, extra = m.more.records, m.more.extra
	}
	// Extra members named like a declared field replace it.
	var overridden []bool
	for _, e := range extra {
		if fi, ok := ct.exact[e.key]; ok {
			if overridden == nil {
				overridden = make([]bool, len(ct.fields))
			}
			overridden[fi] = true
		}
	}
	b = append(b, '{')
	start := len(b)
	for fi := range ct.fields {
		f := &ct.fields[fi]
		if overridden != nil && overridden[fi] {
			continue
		}
		fp := unsafe.Add(p, f.offset)
		fct := f.codec()
		zero := isZero(fp, fct)
		if m.decoded && zero && !fieldPresent(m, fi) {
			continue
		}
		if rec, ok := recordOf(m, fi); ok && len(records) > 0 {
			// The field's current encoding, written where the value goes
			// and compared with the one recorded: the same means
			// unchanged, and the received text is written instead.
			mark := len(b)
			if len(b) > start {
				b = append(b, ',')
			}
			b = append(b, f.key...)
			at := len(b)
			if fct.kind == codecNullable && zero {
				if rec.enc == unsetFingerprint {
					b = append(b, rec.raw...)
					continue
				}
			} else {
				var err error
				if b, err = appendValueP(b, fp, fct, depth+1); err != nil {
					return b, objectFieldError(ct, f, err)
				}
				if string(b[at:]) == rec.enc {
					b = append(b[:at], rec.raw...)
					continue
				}
			}
			b = b[:mark] // changed: written below like any field
		}
		if f.omitZero && zero || f.omitEmpty && valueIsEmpty(reflect.NewAt(f.typ, fp).Elem(), fct) {
			continue
		}
		if len(b) > start {
			b = append(b, ',')
		}
		b = append(b, f.key...)
		if f.constVal != "" && f.typ.Kind() == reflect.String && *(*string)(fp) == "" {
			b = appendJSONString(b, f.constVal)
			continue
		}
		var err error
		if b, err = appendValueP(b, fp, fct, depth+1); err != nil {
			return b, objectFieldError(ct, f, err)
		}
	}
	for _, e := range extra {
		if len(b) > start {
			b = append(b, ',')
		}
		b = appendJSONString(b, e.key)
		b = append(b, ':')
		b = append(b, e.raw...)
	}
	return append(b, '}'), nil
}

func objectFieldError(ct *codecType, f *codecField, err error) error {
	if _, deep := err.(*encodeDepthError); deep {
		return err
	}
	return fmt.Errorf("intercom: %s.%s: %w", ct.typ.Name(), ct.typ.Field(f.index).Name, err)
}
