package runtime

import (
	"reflect"
	"strconv"
)

// Mismatches lists the JSON paths of the values a decoded model received
// that do not fit their declared Go type, such as "data[3].owner_id" for
// an owner_id sent as an object where the description says string. Such a
// field holds its zero value, and the value received is kept: re-encoding
// the model sends it unchanged. A union that none of its variants fits is
// listed too. Values that converted without loss (an integer sent as a
// numeric string, a number where a string is declared) are not
// mismatches: the typed field holds them.
//
// The decoder never fails on such drift, because real payloads
// routinely contradict their description; Mismatches is how a program (or a
// test) notices it. The paths are in the order of the model's fields.
func Mismatches(model any) []string {
	var out []string
	v := reflect.ValueOf(model)
	if !v.IsValid() {
		return nil
	}
	mismatchesIn(v, "", &out, 0)
	return out
}

// mismatchesIn walks a Go value for the records of its objects and the
// kept raw JSON of its unions.
func mismatchesIn(v reflect.Value, path string, out *[]string, depth int) {
	if depth > maxCodecDepth {
		return
	}
	ct := codecOf(v.Type())
	switch ct.kind {
	case codecPointer:
		if !v.IsNil() {
			mismatchesIn(v.Elem(), path, out, depth+1)
		}
	case codecNullable:
		val, _ := nullableParts(addressableValue(v), ct)
		mismatchesIn(val, path, out, depth+1)
	case codecObject:
		v = addressableValue(v)
		m := objectMetaOf(v, ct)
		for fi := range ct.fields {
			f := &ct.fields[fi]
			p := joinPath(path, f.name)
			if rec, ok := recordOf(m, fi); ok {
				rawMismatches(rec.raw, f.typ, p, out, depth+1)
				continue
			}
			mismatchesIn(v.Field(f.index), p, out, depth+1)
		}
	case codecUnion:
		v = addressableValue(v)
		for _, variant := range ct.variants {
			if fv := v.Field(variant.index); !fv.IsNil() {
				mismatchesIn(fv.Elem(), path, out, depth+1)
				return
			}
		}
		if m := unionMetaOf(v, ct); len(m.raw) > 0 && m.raw[0] != 'n' {
			*out = append(*out, rootPath(path))
		}
	case codecSlice:
		for i := range v.Len() {
			mismatchesIn(v.Index(i), path+"["+strconv.Itoa(i)+"]", out, depth+1)
		}
	case codecMap:
		keys, names := sortedKeys(v)
		for i, k := range keys {
			mismatchesIn(v.MapIndex(k), joinPath(path, names[i]), out, depth+1)
		}
	}
}

// rawMismatches finds where the JSON raw, kept for a field because its Go
// value does not re-encode to it, fails to fit typ: the value itself, or
// the elements, members and nested fields that do not.
func rawMismatches(raw []byte, typ reflect.Type, path string, out *[]string, depth int) {
	if depth > maxCodecDepth || len(raw) == 0 {
		return
	}
	ct := codecOf(typ)
	switch {
	case raw[0] == 'n':
		return // null fits every field: it decodes to the zero value
	case ct.kind == codecPointer:
		rawMismatches(raw, ct.elem, path, out, depth+1)
		return
	case ct.kind == codecNullable:
		rawMismatches(raw, ct.elem, path, out, depth+1)
		return
	case ct.kind == codecSlice && raw[0] == '[':
		for i, e := range jsonArrayElements(raw) {
			rawMismatches(e, ct.elem, path+"["+strconv.Itoa(i)+"]", out, depth+1)
		}
		return
	case ct.kind == codecMap && raw[0] == '{':
		for _, e := range jsonObjectEntries(raw) {
			rawMismatches(e.val, ct.elem, joinPath(path, e.key), out, depth+1)
		}
		return
	}
	tmp := reflect.New(typ).Elem()
	if decodeValue(raw, tmp, depth+1) == fitFailed {
		*out = append(*out, rootPath(path))
		return
	}
	if ct.kind == codecObject || ct.kind == codecUnion {
		mismatchesIn(tmp, path, out, depth+1)
	}
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// rootPath names the model itself, whose path is empty.
func rootPath(path string) string {
	if path == "" {
		return "."
	}
	return path
}
