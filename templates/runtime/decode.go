package runtime

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"
	"unsafe"
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

// decoder decodes JSON into Go values in one pass. Each method reads the
// value at data[i] (no space before it), validating it as it goes, sets
// the Go value at p and returns the index just past the value, or -1 if
// the input is not JSON. Nested values are read once: the text of a value
// that must be kept is data[start:end], found without scanning again, and
// object keys are looked up without being copied.
//
// Everything a decoded model keeps of its input (strings, values that did
// not fit, members its type lacks, their keys) is copied into one arena
// per decode rather than into an allocation each: see keep. Strings were
// half of a decode's allocations, one per string field, before they
// shared the arena (BenchmarkDecode: a contact's 55 allocations became
// 27, a conversation's 592 became 156).
type decoder struct {
	scanner
	// extras and records collect, for the objects being decoded (the
	// innermost last), the members their types lack and the values that
	// did not fit; finishObject hands an object its own.
	extras  []extraField
	records []fieldRecord
	arena   []byte
	scratch []byte
	// mores and extraBlock are blocks the objects' metas are taken from,
	// like arena: one allocation for many objects of a decode.
	mores      []objectMore
	extraBlock []extraField
	// fresh is the address of memory just allocated, so zero: the next
	// value decoded into it need not clear it first. (An address, not a
	// pointer: setting it must not cost a write barrier.)
	fresh uintptr
}

var decoderPool = sync.Pool{New: func() any { return new(decoder) }}

func newDecoder(data []byte) *decoder {
	d := decoderPool.Get().(*decoder)
	d.data, d.nest = data, 0
	return d
}

// release returns d to the pool. The arena stays with the values that
// point into it.
func (d *decoder) release() {
	clear(d.extras[:cap(d.extras)])
	clear(d.records[:cap(d.records)])
	d.extras, d.records = d.extras[:0], d.records[:0]
	d.data, d.arena, d.mores, d.extraBlock = nil, nil, nil, nil
	decoderPool.Put(d)
}

// newMore returns a zero objectMore from the decode's block. Blocks start
// in proportion to the input and double, as the arena's do.
func (d *decoder) newMore() *objectMore {
	if len(d.mores) == cap(d.mores) {
		d.mores = make([]objectMore, 0, min(max(2*cap(d.mores), len(d.data)/2048, 2), 16))
	}
	d.mores = d.mores[:len(d.mores)+1]
	return &d.mores[len(d.mores)-1]
}

// keepExtras returns a copy of extras from the decode's block.
func (d *decoder) keepExtras(extras []extraField) []extraField {
	if len(extras) > cap(d.extraBlock)-len(d.extraBlock) {
		d.extraBlock = make([]extraField, 0, max(min(max(2*cap(d.extraBlock), len(d.data)/256, 4), 32), len(extras)))
	}
	start := len(d.extraBlock)
	d.extraBlock = append(d.extraBlock, extras...)
	return d.extraBlock[start:len(d.extraBlock):len(d.extraBlock)]
}

// arenaChunk bounds the size of the arena's blocks. A value kept from a
// decode keeps its block alive, and with it what other values of the
// same decode kept; the size bounds that. The first block of a decode is
// smaller, in proportion to the input (a small document keeps little),
// and each next one twice the last.
const arenaChunk = 4 << 10

// keep returns a copy of b that the caller may keep (its capacity ends
// with it, so an append cannot reach a neighbour).
func (d *decoder) keep(b []byte) []byte {
	if len(b) > cap(d.arena)-len(d.arena) {
		if len(b) > arenaChunk/4 {
			return append(make([]byte, 0, len(b)), b...)
		}
		size := max(2*cap(d.arena), 4*len(b))
		if d.arena == nil {
			size = max(len(d.data)/8, 4*len(b), 128)
		}
		d.arena = make([]byte, 0, min(size, arenaChunk))
	}
	start := len(d.arena)
	d.arena = append(d.arena, b...)
	return d.arena[start:len(d.arena):len(d.arena)]
}

// keepString is keep for a string, which shares the copy: the arena's
// bytes are never written again.
func (d *decoder) keepString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	k := d.keep(b)
	return unsafe.String(&k[0], len(k))
}

// syntaxError is the error for d's input, which failed to scan.
func (d *decoder) syntaxError() error { return syntaxError(d.data) }

// decodeDocument decodes data, which must hold one JSON value and
// nothing else, into the value at p: it is the entry point of every
// decode of a whole document (UnmarshalJSON, a response body). A null
// document is reported and leaves the value alone, for the caller to
// treat as it should (but a Nullable takes it as its null); a model takes
// only an object. Malformed JSON gives
// encoding/json's error and leaves the value zero.
func decodeDocument(data []byte, p unsafe.Pointer, ct *codecType) (fit decodeFit, null bool, err error) {
	d := newDecoder(data)
	fit, null, err = d.document(p, ct)
	d.release()
	return fit, null, err
}

func (d *decoder) document(p unsafe.Pointer, ct *codecType) (fit decodeFit, null bool, err error) {
	data := d.data
	i := d.skipSpace(0)
	if i < len(data) && data[i] == 'n' && ct.kind != codecNullable {
		if end := d.literalEnd(i, "null"); end >= 0 && d.skipSpace(end) == len(data) {
			return fitExact, true, nil
		}
	}
	if ct.kind == codecObject && (i >= len(data) || data[i] != '{') {
		if end := d.skip(i); end < 0 || d.skipSpace(end) != len(data) {
			return fitFailed, false, d.syntaxError()
		}
		zeroValue(p, ct)
		return fitFailed, false, decodeError(data[i:], ct.typ)
	}
	end, fit := d.value(i, p, ct, 0)
	if end < 0 || d.skipSpace(end) != len(data) {
		zeroValue(p, ct)
		return fitFailed, false, d.syntaxError()
	}
	return fit, false, nil
}

// decodeStandalone is the UnmarshalJSON of the runtime's value types
// (Nullable, UnixTime): v is the addressable value to decode into. It
// fails on JSON that cannot be read as v's type at all, leaving v
// unchanged; a null document is reported for the caller to handle.
func decodeStandalone(data []byte, v reflect.Value) (null bool, err error) {
	fresh := reflect.New(v.Type())
	fit, null, err := decodeDocument(data, fresh.UnsafePointer(), codecOf(v.Type()))
	switch {
	case err != nil || null:
		return null, err
	case fit == fitFailed:
		return false, decodeError(trimJSONSpace(data), v.Type())
	}
	v.Set(fresh.Elem())
	return false, nil
}

// decodeValue decodes raw, one JSON value, into the settable v. It is
// decodeInto for callers holding a reflect.Value; a malformed raw is a
// failed fit.
func decodeValue(raw []byte, v reflect.Value, depth int) decodeFit {
	if !v.CanAddr() {
		tmp := reflect.New(v.Type())
		fit := decodeValue(raw, tmp.Elem(), depth)
		v.Set(tmp.Elem())
		return fit
	}
	ct := codecOf(v.Type())
	p := v.Addr().UnsafePointer()
	d := newDecoder(raw)
	defer d.release()
	end, fit := d.value(d.skipSpace(0), p, ct, depth)
	if end < 0 || d.skipSpace(end) != len(raw) {
		zeroValue(p, ct)
		return fitFailed
	}
	return fit
}

// value decodes the JSON value at data[i] into the value at p.
func (d *decoder) value(i int, p unsafe.Pointer, ct *codecType, depth int) (int, decodeFit) {
	if i >= len(d.data) {
		return -1, fitFailed
	}
	if depth > maxCodecDepth {
		zeroValue(p, ct)
		return d.skip(i), fitFailed
	}
	c := d.data[i]
	fresh := d.fresh == uintptr(p)
	d.fresh = 0
	// Kinds for which null is a proper value.
	switch ct.kind {
	case codecRawJSON:
		end := d.skip(i)
		if end < 0 {
			return -1, fitFailed
		}
		*(*[]byte)(p) = d.keep(d.data[i:end])
		return end, fitExact
	case codecAny:
		v, end := d.anyValue(i)
		if end >= 0 {
			*(*any)(p) = v
		}
		return end, fitExact
	case codecNullable:
		state := (*nullableState)(unsafe.Add(p, ct.nullStateOff))
		val := unsafe.Add(p, ct.nullValueOff)
		vct := ct.elemCodec()
		if c == 'n' {
			zeroValue(val, vct)
			*state = stateNull
			return d.literalEnd(i, "null"), fitExact
		}
		end, fit := d.value(i, val, vct, depth+1)
		if fit == fitFailed {
			zeroValue(val, vct)
			*state = stateAbsent
			return end, fitFailed
		}
		*state = stateValue
		return end, fit
	case codecPointer:
		if c == 'n' {
			*(*unsafe.Pointer)(p) = nil
			return d.literalEnd(i, "null"), fitExact
		}
		np := reflect.New(ct.elem).UnsafePointer()
		d.fresh = uintptr(np)
		end, fit := d.value(i, np, ct.elemCodec(), depth+1)
		if fit == fitFailed {
			np = nil
		}
		*(*unsafe.Pointer)(p) = np
		return end, fit
	case codecUnion:
		return d.union(i, p, ct, depth)
	}
	switch c {
	case 'n':
		zeroValue(p, ct)
		return d.literalEnd(i, "null"), fitFailed
	case '{':
		switch ct.kind {
		case codecObject:
			return d.object(i, p, ct, depth, fresh), fitExact
		case codecMap:
			return d.mapValue(i, p, ct, depth)
		}
	case '[':
		if ct.kind == codecSlice {
			return d.slice(i, p, ct, depth)
		}
	}
	switch ct.kind {
	case codecString:
		return d.stringValue(i, p)
	case codecInt, codecUnixTime:
		return d.intValue(i, p, ct)
	case codecBool:
		return d.boolValue(i, p)
	case codecFallback:
		return d.fallback(i, p, ct)
	}
	// The remaining kinds read the value's text.
	end := d.skip(i)
	if end < 0 {
		return -1, fitFailed
	}
	raw := d.data[i:end]
	var fit decodeFit
	switch ct.kind {
	case codecNumber:
		fit = decodeJSONNumber(raw, (*string)(p))
	case codecUint:
		fit = decodeUint(raw, p, ct)
	case codecFloat:
		fit = decodeFloat(raw, p, ct.bits)
	case codecTime:
		fit = decodeTime(raw, (*time.Time)(p))
	case codecBytes:
		fit = decodeBytes(raw, (*[]byte)(p))
	default: // a JSON kind the Go type cannot hold
		fit = fitFailed
	}
	if fit == fitFailed {
		zeroValue(p, ct)
	}
	return end, fit
}

// str reads the string at data[i]: its end and its value, copied only
// when it must be kept (as it is for Go string values).
func (d *decoder) str(i int) (end int, body []byte) {
	end, plain := d.stringEnd(i)
	if end < 0 {
		return -1, nil
	}
	if body := d.data[i+1 : end-1]; plain || plainBody(body) {
		return end, body
	}
	d.scratch = append(d.scratch[:0], jsonUnquote(d.data[i:end])...)
	return end, d.scratch
}

func (d *decoder) stringValue(i int, p unsafe.Pointer) (int, decodeFit) {
	switch c := d.data[i]; {
	case c == '"':
		end, body := d.str(i)
		if end >= 0 {
			*(*string)(p) = d.keepString(body)
		}
		return end, fitExact
	case c == '{' || c == '[':
		*(*string)(p) = ""
		return d.skip(i), fitFailed
	default:
		// Numbers and booleans where a string is declared: IDs especially.
		end := d.skip(i)
		if end >= 0 {
			*(*string)(p) = d.keepString(d.data[i:end])
		}
		return end, fitCoerced
	}
}

func (d *decoder) boolValue(i int, p unsafe.Pointer) (int, decodeFit) {
	switch d.data[i] {
	case 't':
		*(*bool)(p) = true
		return d.literalEnd(i, "true"), fitExact
	case 'f':
		*(*bool)(p) = false
		return d.literalEnd(i, "false"), fitExact
	case '"':
		end, body := d.str(i)
		if b, err := strconv.ParseBool(strings.TrimSpace(string(body))); end >= 0 && err == nil {
			*(*bool)(p) = b
			return end, fitCoerced
		}
		*(*bool)(p) = false
		return end, fitFailed
	}
	*(*bool)(p) = false
	return d.skip(i), fitFailed
}

func (d *decoder) intValue(i int, p unsafe.Pointer, ct *codecType) (int, decodeFit) {
	c := d.data[i]
	if c == '-' || isDigit(c) {
		end := d.numberEnd(i)
		if end < 0 {
			return -1, fitFailed
		}
		// The usual case: a plain integer that fits.
		if n, ok := plainInt(d.data[i:end]); ok && setInt(p, ct, n) {
			return end, fitExact
		}
		n, exact, ok := parseIntText(string(d.data[i:end]))
		if !ok || !setInt(p, ct, n) {
			setInt(p, ct, 0)
			return end, fitFailed
		}
		if exact {
			return end, fitExact
		}
		return end, fitCoerced
	}
	if c != '"' {
		setInt(p, ct, 0)
		return d.skip(i), fitFailed
	}
	end, body := d.str(i)
	if end < 0 {
		return -1, fitFailed
	}
	s := strings.TrimSpace(string(body))
	if isJSONNumber(s) {
		if n, _, ok := parseIntText(s); ok && setInt(p, ct, n) {
			return end, fitCoerced
		}
	} else if ct.kind == codecUnixTime {
		// Some endpoints answer with ISO timestamps where the schema
		// says Unix seconds.
		if t, ok := parseLenientTime(s); ok {
			*(*int64)(p) = t.Unix()
			return end, fitCoerced
		}
	}
	setInt(p, ct, 0)
	return end, fitFailed
}

// plainInt reads a number without fraction or exponent that fits in an
// int64 without overflow checks (at most 18 digits).
func plainInt(b []byte) (int64, bool) {
	neg := len(b) > 0 && b[0] == '-'
	if neg {
		b = b[1:]
	}
	if len(b) == 0 || len(b) > 18 {
		return 0, false
	}
	var n int64
	for _, c := range b {
		if !isDigit(c) {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	if neg {
		n = -n
	}
	return n, true
}

// setInt stores n in the signed integer at p, or reports that it does not
// fit.
func setInt(p unsafe.Pointer, ct *codecType, n int64) bool {
	switch ct.size {
	case 8:
		*(*int64)(p) = n
	case 4:
		if n != int64(int32(n)) {
			return false
		}
		*(*int32)(p) = int32(n)
	case 2:
		if n != int64(int16(n)) {
			return false
		}
		*(*int16)(p) = int16(n)
	default:
		if n != int64(int8(n)) {
			return false
		}
		*(*int8)(p) = int8(n)
	}
	return true
}

func setUint(p unsafe.Pointer, ct *codecType, n uint64) bool {
	switch ct.size {
	case 8:
		*(*uint64)(p) = n
	case 4:
		if n != uint64(uint32(n)) {
			return false
		}
		*(*uint32)(p) = uint32(n)
	case 2:
		if n != uint64(uint16(n)) {
			return false
		}
		*(*uint16)(p) = uint16(n)
	default:
		if n != uint64(uint8(n)) {
			return false
		}
		*(*uint8)(p) = uint8(n)
	}
	return true
}

// anyValue reads a value for an interface{}: objects as map[string]any,
// arrays as []any, and numbers as json.Number so that their exact text
// (large IDs, 155.50) survives a round trip.
func (d *decoder) anyValue(i int) (any, int) {
	if i >= len(d.data) {
		return nil, -1
	}
	switch d.data[i] {
	case '"':
		end, body := d.str(i)
		return d.keepString(body), end
	case 't':
		return true, d.literalEnd(i, "true")
	case 'f':
		return false, d.literalEnd(i, "false")
	case 'n':
		return nil, d.literalEnd(i, "null")
	case '{':
		m := map[string]any{}
		end := d.members(i, func(key []byte, vi int) int {
			k := string(key) // before the value reuses the scratch buffer
			v, end := d.anyValue(vi)
			m[k] = v
			return end
		})
		return m, end
	case '[':
		var s []any
		end := d.elements(i, func(ei int) int {
			v, end := d.anyValue(ei)
			s = append(s, v)
			return end
		})
		if s == nil {
			s = []any{}
		}
		return s, end
	}
	end := d.numberEnd(i)
	if end < 0 {
		return nil, -1
	}
	return json.Number(d.data[i:end]), end
}

// members reads the object at data[i], calling member for each with its
// key and the index of its value; member returns the index past the
// value. The key may be in the scratch buffer, which decoding the value
// reuses: member must be done with it first.
func (d *decoder) members(i int, member func(key []byte, vi int) int) int {
	if !d.enter() {
		return -1
	}
	data := d.data
	i = d.skipSpace(i + 1)
	if i < len(data) && data[i] == '}' {
		d.nest--
		return i + 1
	}
	for {
		if i >= len(data) || data[i] != '"' {
			return -1
		}
		end, key := d.str(i)
		if end < 0 {
			return -1
		}
		if i = d.skipSpace(end); i >= len(data) || data[i] != ':' {
			return -1
		}
		if i = member(key, d.skipSpace(i+1)); i < 0 {
			return -1
		}
		if i = d.skipSpace(i); i >= len(data) {
			return -1
		}
		switch data[i] {
		case ',':
			i = d.skipSpace(i + 1)
		case '}':
			d.nest--
			return i + 1
		default:
			return -1
		}
	}
}

// elements reads the array at data[i], calling element with the index of
// each element; element returns the index past it.
func (d *decoder) elements(i int, element func(ei int) int) int {
	if !d.enter() {
		return -1
	}
	data := d.data
	i = d.skipSpace(i + 1)
	if i < len(data) && data[i] == ']' {
		d.nest--
		return i + 1
	}
	for {
		if i = element(i); i < 0 {
			return -1
		}
		if i = d.skipSpace(i); i >= len(data) {
			return -1
		}
		switch data[i] {
		case ',':
			i = d.skipSpace(i + 1)
		case ']':
			d.nest--
			return i + 1
		default:
			return -1
		}
	}
}

// sliceHeader is the layout of every slice.
type sliceHeader struct {
	data     unsafe.Pointer
	len, cap int
}

// slice decodes an array into a new slice, decoding each element in
// place and growing the backing array as encoding/json does.
func (d *decoder) slice(i int, p unsafe.Pointer, ct *codecType, depth int) (int, decodeFit) {
	ect := ct.elemCodec()
	size := ct.elem.Size()
	var arr reflect.Value // the backing array, as a slice
	var base unsafe.Pointer
	n, capacity := 0, 0
	fit := fitExact
	end := d.elements(i, func(ei int) int {
		if n == capacity {
			// The first array of a type starts small; later ones at the
			// length of the last (a page is usually as long as the one
			// before), up to a bound.
			capacity = max(4, 2*capacity)
			if n == 0 {
				capacity = max(4, min(int(ct.lastSize.Load()), 256))
			}
			grown := reflect.MakeSlice(ct.typ, capacity, capacity)
			if n > 0 {
				reflect.Copy(grown, arr)
			}
			arr, base = grown, grown.UnsafePointer()
		}
		elem := unsafe.Add(base, uintptr(n)*size)
		d.fresh = uintptr(elem)
		end, f := d.value(ei, elem, ect, depth+1)
		if f != fitExact {
			fit = fitCoerced
		}
		n++
		return end
	})
	if end < 0 {
		return -1, fitFailed
	}
	if base == nil {
		// [] is an empty slice, not a nil one.
		base = reflect.MakeSlice(ct.typ, 0, 0).UnsafePointer()
	}
	if int64(n) != ct.lastSize.Load() {
		ct.lastSize.Store(int64(n))
	}
	*(*sliceHeader)(p) = sliceHeader{data: base, len: n, cap: capacity}
	return end, fit
}

func (d *decoder) mapValue(i int, p unsafe.Pointer, ct *codecType, depth int) (int, decodeFit) {
	fit := fitExact
	if ct.anyMap {
		m := map[string]any{}
		end := d.members(i, func(key []byte, vi int) int {
			k := string(key)
			v, end := d.anyValue(vi)
			m[k] = v
			return end
		})
		*(*map[string]any)(p) = m
		return end, fit
	}
	m := reflect.MakeMap(ct.typ)
	keyType := ct.typ.Key()
	ect := ct.elemCodec()
	end := d.members(i, func(key []byte, vi int) int {
		k := reflect.ValueOf(string(key)).Convert(keyType)
		ev := reflect.New(ct.elem)
		end, f := d.value(vi, ev.UnsafePointer(), ect, depth+1)
		if f != fitExact {
			fit = fitCoerced
		}
		m.SetMapIndex(k, ev.Elem())
		return end
	})
	reflect.NewAt(ct.typ, p).Elem().Set(m)
	return end, fit
}

// fallback hands types the codec does not know (ones with their own
// UnmarshalJSON, arrays, non-empty interfaces…) to encoding/json.
func (d *decoder) fallback(i int, p unsafe.Pointer, ct *codecType) (int, decodeFit) {
	end := d.skip(i)
	if end < 0 {
		return -1, fitFailed
	}
	v := reflect.NewAt(ct.typ, p)
	v.Elem().SetZero()
	if err := json.Unmarshal(d.data[i:end], v.Interface()); err != nil {
		v.Elem().SetZero()
		return end, fitFailed
	}
	return end, fitExact
}

// zeroValue sets the value at p to its zero value.
func zeroValue(p unsafe.Pointer, ct *codecType) {
	switch ct.kind {
	case codecString, codecNumber:
		*(*string)(p) = ""
	case codecPointer:
		*(*unsafe.Pointer)(p) = nil
	case codecSlice, codecBytes, codecRawJSON:
		*(*[]byte)(p) = nil
	case codecAny:
		*(*any)(p) = nil
	default:
		reflect.NewAt(ct.typ, p).Elem().SetZero()
	}
}

func decodeJSONNumber(raw []byte, p *string) decodeFit {
	switch raw[0] {
	case '"':
		if s := strings.TrimSpace(jsonUnquote(raw)); isJSONNumber(s) {
			*p = s
			return fitCoerced
		}
	case '{', '[', 't', 'f':
	default:
		*p = string(raw)
		return fitExact
	}
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

func decodeUint(raw []byte, p unsafe.Pointer, ct *codecType) decodeFit {
	s, coerced, ok := numberText(raw)
	if !ok {
		return fitFailed
	}
	if n, err := strconv.ParseUint(s, 10, 64); err == nil && setUint(p, ct, n) {
		if coerced {
			return fitCoerced
		}
		return fitExact
	}
	n, _, ok := parseIntText(s)
	if !ok || n < 0 || !setUint(p, ct, uint64(n)) {
		return fitFailed
	}
	return fitCoerced
}

func decodeFloat(raw []byte, p unsafe.Pointer, bits int) decodeFit {
	s, coerced, ok := numberText(raw)
	if !ok {
		return fitFailed
	}
	f, err := strconv.ParseFloat(s, bits)
	if err != nil {
		return fitFailed
	}
	if bits == 32 {
		*(*float32)(p) = float32(f)
	} else {
		*(*float64)(p) = f
	}
	if coerced {
		return fitCoerced
	}
	// Digits beyond float64's precision would be lost on re-encoding.
	var buf [32]byte
	again, err := appendJSONFloat(buf[:0], f, bits)
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

func decodeTime(raw []byte, p *time.Time) decodeFit {
	switch raw[0] {
	case '"':
		s := jsonUnquote(raw)
		t, ok := parseLenientTime(s)
		if !ok {
			return fitFailed
		}
		*p = t
		// Exact only if encoding gives the same text back: "…05.000Z"
		// parses fine but re-encodes as "…05Z".
		var buf [64]byte
		if t.Year() >= 0 && t.Year() <= 9999 && string(t.AppendFormat(buf[:0], time.RFC3339Nano)) == s {
			return fitExact
		}
		return fitCoerced
	case '{', '[', 't', 'f':
		return fitFailed
	}
	// Unix seconds where a date-time string is declared.
	f, err := strconv.ParseFloat(string(raw), 64)
	if err != nil || math.Abs(f) > 1<<53 {
		return fitFailed
	}
	sec, frac := math.Modf(f)
	*p = time.Unix(int64(sec), int64(frac*1e9)).UTC()
	return fitCoerced
}

func decodeBytes(raw []byte, p *[]byte) decodeFit {
	if raw[0] != '"' {
		return fitFailed
	}
	s := jsonUnquote(raw)
	b, err := base64.StdEncoding.DecodeString(s)
	if err == nil {
		*p = b
		if base64.StdEncoding.EncodeToString(b) == s {
			return fitExact
		}
		return fitCoerced // line breaks, which the decoder skips
	}
	for _, enc := range []*base64.Encoding{base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(s); err == nil {
			*p = b
			return fitCoerced
		}
	}
	return fitFailed
}

// decodeError is the error for JSON of a kind the target cannot hold at
// all.
func decodeError(raw []byte, t reflect.Type) error {
	return fmt.Errorf("intercom: cannot decode a JSON %s into %s", jsonKindName(raw), t)
}
