package runtime

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"unsafe"
)

// unionMeta is embedded in every generated union (oneOf/anyOf). raw keeps
// a received value that no variant could hold, or that the chosen variant
// holds only approximately; enc is the chosen variant's encoding at decode
// time, so the received text is written back while the variant is
// unchanged.
//
// Like objectMeta it has no methods, so that unions get no promoted
// wrappers; the codec finds it by reflection (unionMetaOf).
type unionMeta struct {
	raw json.RawMessage
	enc string
}

// decodeUnion is the UnmarshalJSON of generated unions; v is a pointer to
// a struct embedding unionMeta. It sets the variant the JSON fits best and
// fails only on malformed JSON: a value no variant fits is kept as raw
// JSON and written back by encodeUnion.
func decodeUnion(data []byte, v any) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return fmt.Errorf("intercom: decodeUnion needs a non-nil pointer, got %T", v)
	}
	ct := codecOf(rv.Type().Elem())
	if ct.kind != codecUnion {
		return fmt.Errorf("intercom: decodeUnion: %s does not embed unionMeta", rv.Type().Elem())
	}
	_, null, err := decodeDocument(data, rv.UnsafePointer(), ct)
	if null {
		// Kept so that a decoded null encodes as null again, where a
		// union built with no variant is an error.
		rv.Elem().SetZero()
		(*unionMeta)(unsafe.Add(rv.UnsafePointer(), ct.metaOff)).raw = json.RawMessage("null")
	}
	return err
}

// unionKindUnknown is the Kind of a union decoded from JSON that no variant
// could hold; the generated Kind constants for it have this value, and
// those of the variants are the variants' field names.
const unionKindUnknown = "unknown"

// unionKind is the generated Kind method: the field name of the variant
// that is set (the first, if several are), unionKindUnknown for JSON kept
// raw, or "" for none (the zero value, or a decoded null).
func unionKind(v any) string {
	rv, ct, ok := unionValue(v)
	if !ok {
		return ""
	}
	for _, variant := range ct.variants {
		if !rv.Field(variant.index).IsNil() {
			return ct.typ.Field(variant.index).Name
		}
	}
	if m := unionMetaOf(rv, ct); m.raw != nil && string(m.raw) != "null" {
		return unionKindUnknown
	}
	return ""
}

// unionRaw is the generated Raw method: the JSON that no variant could
// hold, as received, or nil.
func unionRaw(v any) []byte {
	if unionKind(v) != unionKindUnknown {
		return nil
	}
	rv, ct, _ := unionValue(v)
	return bytes.Clone(unionMetaOf(rv, ct).raw)
}

// unionValue returns the union a generated method's receiver points to.
func unionValue(v any) (reflect.Value, *codecType, bool) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return reflect.Value{}, nil, false
	}
	rv = rv.Elem()
	ct := codecOf(rv.Type())
	return rv, ct, ct.kind == codecUnion
}

// union decodes the value at data[i] into the union at p. The variant is
// chosen by looking at the whole value first (pickVariant), then decoded
// from the same text. The union as a whole always round-trips (through raw
// if need be), so it is an exact fit for its parent.
func (d *decoder) union(i int, p unsafe.Pointer, ct *codecType, depth int) (int, decodeFit) {
	end := d.skip(i)
	if end < 0 {
		return -1, fitFailed
	}
	raw := d.data[i:end]
	zeroValue(p, ct)
	m := (*unionMeta)(unsafe.Add(p, ct.metaOff))
	if raw[0] == 'n' {
		m.raw = json.RawMessage("null")
		return end, fitExact
	}
	best := pickVariant(raw, ct)
	if best < 0 {
		m.raw = d.keep(raw)
		return end, fitExact
	}
	variant := ct.variants[best]
	vct := codecOf(variant.typ)
	np := reflect.New(variant.typ).UnsafePointer()
	nest := d.nest
	if _, fit := d.value(i, np, vct, depth+1); fit == fitFailed {
		m.raw = d.keep(raw)
	} else {
		*(*unsafe.Pointer)(unsafe.Add(p, variant.offset)) = np
		if fit != fitExact {
			if enc, err := appendValueP(nil, np, vct, 0); err == nil {
				m.raw, m.enc = d.keep(raw), string(enc)
			}
		}
	}
	d.nest = nest
	return end, fitExact
}

// encodeUnion is the MarshalJSON of generated unions: the variant that is
// set, or else the JSON kept from decoding (a value no variant could hold,
// or null). A union with several variants set, or with none that was not
// decoded, is an error naming them: either is a bug in the caller that
// would otherwise send something the API did not ask for.
func encodeUnion(v any) ([]byte, error) {
	p, ct, err := encodeTarget(v, codecUnion, "encodeUnion")
	if err != nil || p == nil {
		return []byte("null"), err
	}
	return appendUnion(nil, p, ct, 0)
}

func appendUnion(b []byte, p unsafe.Pointer, ct *codecType, depth int) ([]byte, error) {
	m := (*unionMeta)(unsafe.Add(p, ct.metaOff))
	set := -1
	for i, variant := range ct.variants {
		if *(*unsafe.Pointer)(unsafe.Add(p, variant.offset)) == nil {
			continue
		}
		if set >= 0 {
			return b, unionSetError(ct, reflect.NewAt(ct.typ, p).Elem())
		}
		set = i
	}
	if set >= 0 {
		variant := ct.variants[set]
		at := len(b)
		b, err := appendValueP(b, *(*unsafe.Pointer)(unsafe.Add(p, variant.offset)), codecOf(variant.typ), depth+1)
		if _, deep := err.(*encodeDepthError); deep {
			return b, err
		}
		if err != nil {
			return b, fmt.Errorf("intercom: %s.%s: %w", ct.typ.Name(), ct.typ.Field(variant.index).Name, err)
		}
		if m.raw != nil && m.enc != "" && string(b[at:]) == m.enc {
			return append(b[:at], m.raw...), nil
		}
		return b, nil
	}
	if m.raw != nil {
		return append(b, m.raw...), nil
	}
	return b, unionSetError(ct, reflect.NewAt(ct.typ, p).Elem())
}

// unionSetError describes a union that has not exactly one variant set.
func unionSetError(ct *codecType, v reflect.Value) error {
	var set, all []string
	for _, variant := range ct.variants {
		name := ct.typ.Field(variant.index).Name
		all = append(all, name)
		if !v.Field(variant.index).IsNil() {
			set = append(set, name)
		}
	}
	if len(set) == 0 {
		return fmt.Errorf("intercom: %s has no variant set; set exactly one of %s", ct.typ.Name(), strings.Join(all, ", "))
	}
	return fmt.Errorf("intercom: %s has %d variants set (%s); set exactly one", ct.typ.Name(), len(set), strings.Join(set, ", "))
}

// How well a JSON value suits a variant type, best last. Ties between
// variants go to the better score, then to declaration order.
const (
	rankNone     = iota
	rankCoerced  // only by coercion: a numeric string for a number, …
	rankAnything // any and json.RawMessage take everything
	rankNatural  // the JSON kind the type is for
)

// pickVariant returns the index of the variant raw should decode into, or
// -1 if none fits.
func pickVariant(raw []byte, ct *codecType) int {
	var entries []jsonEntry
	if raw[0] == '{' {
		entries = jsonObjectEntries(raw)
	}
	if ct.hasDiscriminator && raw[0] == '{' {
		for i, variant := range ct.variants {
			if variant.discProp == "" {
				continue
			}
			if val, ok := lastJSONEntry(entries, variant.discProp); ok && val[0] == '"' {
				s := jsonUnquote(val)
				for _, want := range variant.discValues {
					if s == want {
						return i
					}
				}
			}
		}
	}
	best, bestRank, bestScore := -1, rankNone, 0
	for i, variant := range ct.variants {
		rank, score := rankJSON(variant.typ, raw, entries, 0)
		if rank == rankNone {
			continue
		}
		if best < 0 || rank > bestRank || rank == bestRank && score > bestScore {
			best, bestRank, bestScore = i, rank, score
		}
	}
	return best
}

func lastJSONEntry(entries []jsonEntry, key string) ([]byte, bool) {
	for i := len(entries) - 1; i >= 0; i-- {
		if entries[i].key == key {
			return entries[i].val, true
		}
	}
	return nil, false
}

// Scores for comparing object variants by their keys.
const (
	scoreConstMatch     = 100
	scoreKnownKey       = 1
	scoreRequiredKey    = 1 // on top of scoreKnownKey
	scoreMissingKey     = -2
	scoreUnknownKey     = -1
	maxRankedElements   = 64
	scoreNestedUnionTax = -1
	// A known key whose value the field's type cannot hold, or holds only
	// by coercion, counts against the model (checked a few levels deep).
	scoreWrongValue      = -2
	scoreCoercedValue    = -1
	maxValueScoringDepth = 6
)

// rankJSON says how well raw suits type t. entries are raw's members when
// raw is an object (passed down so that the object is split only once).
// depth counts type nesting, not JSON nesting: only unions and pointers
// reach the same JSON again, and only a cycle of them goes deep.
func rankJSON(t reflect.Type, raw []byte, entries []jsonEntry, depth int) (rank, score int) {
	if depth > 64 {
		return rankNone, 0
	}
	ct := codecOf(t)
	c := raw[0]
	switch ct.kind {
	case codecRawJSON, codecAny:
		return rankAnything, 0
	case codecNullable, codecPointer:
		if c == 'n' {
			return rankNatural, 0
		}
		return rankJSON(ct.elem, raw, entries, depth+1)
	}
	if c == 'n' {
		return rankCoerced, 0
	}
	numberLike := c == '-' || c >= '0' && c <= '9'
	switch ct.kind {
	case codecString:
		switch {
		case c == '"':
			return rankNatural, 0
		case numberLike:
			// Intercom sends numeric IDs where strings are declared.
			return rankCoerced, 0
		}
	case codecNumber, codecFloat:
		if numberLike {
			return rankNatural, 0
		}
		if _, _, ok := numberText(raw); ok {
			return rankCoerced, 0
		}
	case codecInt, codecUint:
		if numberLike {
			if integralNumber(string(raw)) {
				return rankNatural, 1 // preferred to float64 for integers
			}
			return rankNone, 0
		}
		if s, _, ok := numberText(raw); ok && integralNumber(s) {
			return rankCoerced, 0
		}
	case codecUnixTime:
		switch {
		case numberLike && integralNumber(string(raw)):
			return rankNatural, 1
		case numberLike:
			return rankCoerced, 0
		case c == '"':
			s := strings.TrimSpace(jsonUnquote(raw))
			if isJSONNumber(s) {
				return rankCoerced, 0
			}
			if _, ok := parseLenientTime(s); ok {
				return rankNatural, 0
			}
		}
	case codecTime:
		if c == '"' {
			if _, ok := parseLenientTime(jsonUnquote(raw)); ok {
				// A date-time string suits a time better than a plain
				// string, even through a nested union (a custom
				// attribute that is string | integer | datetime).
				return rankNatural, 2
			}
		}
		if numberLike {
			return rankCoerced, 0
		}
	case codecBool:
		switch {
		case c == 't' || c == 'f':
			return rankNatural, 0
		case c == '"':
			s := strings.TrimSpace(jsonUnquote(raw))
			if s == "true" || s == "false" {
				return rankCoerced, 0
			}
		}
	case codecBytes:
		if c == '"' {
			if _, err := base64.StdEncoding.DecodeString(jsonUnquote(raw)); err == nil {
				return rankNatural, 0
			}
		}
	case codecSlice:
		if c == '[' {
			return rankElements(ct.elem, jsonArrayElements(raw), depth)
		}
	case codecMap:
		if c == '{' {
			vals := make([][]byte, 0, len(entries))
			for _, e := range entries {
				vals = append(vals, e.val)
			}
			rank, _ := rankElements(ct.elem, vals, depth)
			return rank, 0
		}
	case codecObject:
		if c == '{' {
			return rankObject(ct, entries, depth)
		}
	case codecUnion:
		best := rankNone
		bestScore := 0
		for _, variant := range ct.variants {
			r, s := rankJSON(variant.typ, raw, entries, depth+1)
			if r > best || r == best && s > bestScore {
				best, bestScore = r, s
			}
		}
		if best == rankNone {
			return rankNone, 0
		}
		// A direct variant wins a tie against one reached through a
		// nested union, which also stops self-referential unions from
		// choosing themselves forever.
		return best, bestScore + scoreNestedUnionTax
	case codecFallback:
		p := reflect.New(t)
		if json.Unmarshal(raw, p.Interface()) == nil {
			return rankNatural, 0
		}
	}
	return rankNone, 0
}

// rankElements ranks an array (or a map's values) for element type elem:
// as good as its worst element, scored by the sum of element scores. An
// element no type fits only lowers the rank to a coercion. Long arrays are
// judged by their first elements.
func rankElements(elem reflect.Type, vals [][]byte, depth int) (rank, score int) {
	rank = rankNatural
	for i, val := range vals {
		if i == maxRankedElements {
			break
		}
		var entries []jsonEntry
		if val[0] == '{' {
			entries = jsonObjectEntries(val)
		}
		r, s := rankJSON(elem, val, entries, depth+1)
		if r == rankNone {
			r, s = rankCoerced, scoreUnknownKey
		}
		rank = min(rank, r)
		score += s
	}
	return rank, score
}

// rankObject scores an object against a model by its keys and, a few
// levels deep, by how well each known key's value suits the field's type: a
// search query {"operator": "AND", "value": [{…}]} has the keys of both
// filter models, but only the compound filter takes a list of objects as
// its value. A const field (the usual "type": "contact") that is present
// with another value rules the model out.
func rankObject(ct *codecType, entries []jsonEntry, depth int) (rank, score int) {
	matched := 0
	for fi := range ct.fields {
		f := &ct.fields[fi]
		val, ok := lastJSONEntry(entries, f.name)
		if ok && val[0] == 'n' && f.constVal != "" {
			ok = false // "type": null tells nothing
		}
		if !ok {
			if f.required() {
				score += scoreMissingKey
			}
			continue
		}
		matched++
		if f.constVal != "" {
			if val[0] != '"' || jsonUnquote(val) != f.constVal {
				return rankNone, 0
			}
			score += scoreConstMatch
		}
		score += scoreKnownKey
		if f.required() {
			score += scoreRequiredKey
		}
		if depth < maxValueScoringDepth && val[0] != 'n' {
			var inner []jsonEntry
			if val[0] == '{' {
				inner = jsonObjectEntries(val)
			}
			// The nested value's own score counts too, so that variants
			// whose top-level keys agree are told apart below the top:
			// {"action": {"name": …, "result": …}} suits the variant
			// whose action declares result.
			switch r, s := rankJSON(f.typ, val, inner, depth+1); r {
			case rankNone:
				score += scoreWrongValue
			case rankCoerced:
				score += scoreCoercedValue
			default:
				if val[0] == '{' || val[0] == '[' {
					score += s
				}
			}
		}
	}
	distinct := len(entries)
	if distinct > 1 {
		seen := make(map[string]bool, len(entries))
		for _, e := range entries {
			seen[e.key] = true
		}
		distinct = len(seen)
	}
	score += (distinct - matched) * scoreUnknownKey
	return rankNatural, score
}
