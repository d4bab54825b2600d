package runtime

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// paramField is one tagged field of a generated params struct.
type paramField struct {
	index  int
	goName string
	name   string
	header bool
	style  string // "", "comma", "object", "deep" or "json"
	// constVal is the one value the parameter may take: sent when the
	// field is left empty.
	constVal string
}

var paramLayoutCache typeCache // reflect.Type → []paramField

func paramLayoutOf(t reflect.Type) []paramField {
	if l, ok := paramLayoutCache.load(t); ok {
		return l.([]paramField)
	}
	var fields []paramField
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		constVal := sf.Tag.Get("const")
		if h, ok := sf.Tag.Lookup("header"); ok && h != "" && h != "-" {
			fields = append(fields, paramField{index: i, goName: sf.Name, name: h, header: true, constVal: constVal})
			continue
		}
		if q, ok := sf.Tag.Lookup("query"); ok && q != "" && q != "-" {
			name, style, _ := strings.Cut(q, ",")
			fields = append(fields, paramField{index: i, goName: sf.Name, name: name, style: style, constVal: constVal})
		}
	}
	return paramLayoutCache.store(t, fields).([]paramField)
}

// encodeParams turns a params struct (or a pointer to one, possibly nil)
// into query parameters and headers. Nil pointers (the optional
// parameters) and absent or null Nullables are skipped; everything else,
// including zero values of required parameters and zero values pointed
// at, is sent.
func encodeParams(params any) (url.Values, http.Header, error) {
	rv, err := structOf(params, "parameters")
	if err != nil || !rv.IsValid() {
		return nil, nil, err
	}
	query := url.Values{}
	var header http.Header
	for _, f := range paramLayoutOf(rv.Type()) {
		fv, ok := paramValue(rv.Field(f.index))
		if !ok {
			continue
		}
		if f.constVal != "" && fv.Kind() == reflect.String && fv.Len() == 0 {
			fv = reflect.ValueOf(f.constVal)
		}
		fail := func(why string) error {
			return fmt.Errorf("intercom: parameter %s (%q): %s", f.goName, f.name, why)
		}
		if !f.header {
			if err := addValue(query, f, fv); err != nil {
				return nil, nil, fail(err.Error())
			}
			continue
		}
		items, err := paramItems(fv)
		if err != nil {
			return nil, nil, fail(err.Error())
		}
		if len(items) == 0 && fv.Kind() == reflect.Slice {
			continue
		}
		if header == nil {
			header = make(http.Header)
		}
		// OpenAPI's "simple" style: lists are comma-separated.
		header.Set(f.name, strings.Join(items, ","))
	}
	return query, header, nil
}

// listSeparators joins the elements of a list that is not exploded, by
// style.
var listSeparators = map[string]string{"comma": ",", "space": " ", "pipe": "|"}

// addValue adds one value of a query parameter or of a URL-encoded form
// field to values, as f's style says (see model.Field.Style): a scalar as
// one value; a list as one value per element, or joined; an object as one
// key per member, as name[member], as name=k1,v1,k2,v2, or as JSON text.
func addValue(values url.Values, f paramField, fv reflect.Value) error {
	switch f.style {
	case "object", "deep":
		return addObjectParam(values, f.name, fv, f.style == "deep")
	case "pairs":
		if fv.Kind() == reflect.Slice && codecOf(fv.Type()).kind != codecBytes {
			// A union whose list variant is set: joined like a list.
			return addValue(values, paramField{name: f.name, style: "comma"}, fv)
		}
		return addPairsParam(values, f.name, fv)
	case "json":
		// Described by content: the value as JSON text; a zero composite
		// is an absent optional one, as in bodies.
		if fv.IsZero() {
			return nil
		}
		enc, err := appendValue(nil, fv, 0)
		if err != nil {
			return err
		}
		values.Add(f.name, string(trimJSONSpace(enc)))
	case "comma", "space", "pipe":
		items, err := paramItems(fv)
		if err != nil {
			return err
		}
		if len(items) > 0 || fv.Kind() != reflect.Slice {
			values.Add(f.name, strings.Join(items, listSeparators[f.style]))
		}
	default:
		items, err := paramItems(fv)
		if err != nil {
			return err
		}
		for _, s := range items {
			values.Add(f.name, s)
		}
	}
	return nil
}

// structOf is the struct that v holds, through pointers and interfaces:
// the invalid Value for nil (an absent optional set of parameters or
// form), an error naming what for anything but a struct.
func structOf(v any, what string) (reflect.Value, error) {
	rv := reflect.ValueOf(v)
	for rv.IsValid() && (rv.Kind() == reflect.Pointer || rv.Kind() == reflect.Interface) {
		if rv.IsNil() {
			return reflect.Value{}, nil
		}
		rv = rv.Elem()
	}
	if rv.IsValid() && rv.Kind() != reflect.Struct {
		return reflect.Value{}, fmt.Errorf("intercom: %s must be a struct, got %s", what, rv.Type())
	}
	return rv, nil
}

// paramJSON is a parameter's value encoded as JSON, without surrounding
// space, for the styles that take an object apart or send its text.
func paramJSON(v reflect.Value) ([]byte, error) {
	enc, err := appendValue(nil, v, 0)
	if err != nil {
		return nil, err
	}
	enc = trimJSONSpace(enc)
	if checkJSON(enc) != nil || len(enc) == 0 {
		return nil, fmt.Errorf("encoding produced invalid JSON")
	}
	return enc, nil
}

// addPairsParam sends an object in OpenAPI's form style without explode:
// one value of its members' names and values, all joined by commas
// (name=k1,v1,k2,v2); nested values as JSON text.
func addPairsParam(values url.Values, name string, v reflect.Value) error {
	enc, err := paramJSON(v)
	if err != nil {
		return err
	}
	switch enc[0] {
	case 'n':
		return nil
	case '{':
	default:
		values.Add(name, scalarText(enc))
		return nil
	}
	var parts []string
	for _, m := range jsonObjectEntries(enc) {
		if m.val[0] == 'n' {
			continue
		}
		text := scalarText(m.val)
		if m.val[0] == '{' || m.val[0] == '[' {
			var b bytes.Buffer
			if err := json.Compact(&b, m.val); err != nil {
				return err
			}
			text = b.String()
		}
		parts = append(parts, m.key, text)
	}
	values.Add(name, strings.Join(parts, ","))
	return nil
}

// paramValue unwraps pointers, Nullables and unions (to the variant that
// is set); ok is false for nil, absent and null values and for a union
// with nothing in it, which are not sent. A union decoded from JSON no
// variant could hold stays a union: it is sent as that JSON.
func paramValue(v reflect.Value) (reflect.Value, bool) {
	for {
		switch ct := codecOf(v.Type()); {
		case ct.kind == codecNullable:
			if nullableStateOf(v, ct) != stateValue {
				return v, false
			}
			v, _ = nullableParts(addressableValue(v), ct)
		case ct.kind == codecUnion:
			variant, n := unionVariantSet(v, ct)
			switch n {
			case 0:
				m := unionMetaOf(addressableValue(v), ct)
				return v, len(m.raw) > 0 && m.raw[0] != 'n'
			case 1:
				v = variant
			default:
				// Encoding it fails, naming the variants.
				return v, true
			}
		case v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface:
			if v.IsNil() {
				return v, false
			}
			v = v.Elem()
		default:
			return v, true
		}
	}
}

// unionVariantSet returns the pointer of the union's variant that is set
// and how many are.
func unionVariantSet(v reflect.Value, ct *codecType) (reflect.Value, int) {
	var set reflect.Value
	n := 0
	for _, variant := range ct.variants {
		if fv := v.Field(variant.index); !fv.IsNil() {
			set = fv
			n++
		}
	}
	return set, n
}

// paramItems renders a scalar as one item or a list as one item per
// element.
func paramItems(v reflect.Value) ([]string, error) {
	if v.Kind() == reflect.Slice && codecOf(v.Type()).kind != codecBytes {
		items := make([]string, 0, v.Len())
		for i := 0; i < v.Len(); i++ {
			ev, ok := paramValue(v.Index(i))
			if !ok {
				continue
			}
			s, ok := scalarParamText(ev)
			if !ok {
				return nil, fmt.Errorf("unsupported element type %s", ev.Type())
			}
			items = append(items, s)
		}
		return items, nil
	}
	s, ok := scalarParamText(v)
	if !ok {
		return nil, fmt.Errorf("unsupported type %s", v.Type())
	}
	return []string{s}, nil
}

// scalarParamText formats a scalar for a URL: numbers in plain notation,
// times in RFC 3339, UnixTime as seconds.
func scalarParamText(v reflect.Value) (string, bool) {
	switch ct := codecOf(v.Type()); ct.kind {
	case codecString, codecNumber:
		return v.String(), true
	case codecBool:
		return strconv.FormatBool(v.Bool()), true
	case codecInt, codecUnixTime:
		return strconv.FormatInt(v.Int(), 10), true
	case codecUint:
		return strconv.FormatUint(v.Uint(), 10), true
	case codecFloat:
		return strconv.FormatFloat(v.Float(), 'f', -1, ct.bits), true
	case codecTime:
		return v.Interface().(time.Time).Format(time.RFC3339Nano), true
	case codecBytes:
		return base64.StdEncoding.EncodeToString(v.Bytes()), true
	}
	return "", false
}

// addObjectParam sends an object-valued parameter in OpenAPI's form style
// with explode: each member becomes its own query parameter. Nested values
// are sent as JSON text, which is what Intercom's endpoints parse (OpenAPI
// leaves them undefined). With
// deep (style deepObject) the members are name[member], nested objects
// name[member][inner], and list elements repeat their key.
func addObjectParam(query url.Values, name string, v reflect.Value, deep bool) error {
	ct := codecOf(v.Type())
	switch ct.kind {
	case codecObject, codecUnion, codecMap, codecAny, codecFallback, codecRawJSON:
	default:
		items, err := paramItems(v)
		if err != nil {
			return err
		}
		for _, s := range items {
			query.Add(name, s)
		}
		return nil
	}
	enc, err := paramJSON(v)
	if err != nil {
		return err
	}
	switch enc[0] {
	case 'n':
		return nil
	case '{':
	default:
		query.Add(name, scalarText(enc))
		return nil
	}
	if deep {
		addDeepParam(query, name, enc)
		return nil
	}
	for _, m := range jsonObjectEntries(enc) {
		switch m.val[0] {
		case 'n':
		case '{', '[':
			var b bytes.Buffer
			if err := json.Compact(&b, m.val); err != nil {
				return err
			}
			query.Add(m.key, b.String())
		default:
			query.Add(m.key, scalarText(m.val))
		}
	}
	return nil
}

// addDeepParam adds validated JSON under key in deepObject style.
func addDeepParam(query url.Values, key string, val []byte) {
	switch val[0] {
	case 'n':
	case '{':
		for _, m := range jsonObjectEntries(val) {
			addDeepParam(query, key+"["+m.key+"]", m.val)
		}
	case '[':
		for _, e := range jsonArrayElements(val) {
			addDeepParam(query, key, e)
		}
	default:
		query.Add(key, scalarText(val))
	}
}
