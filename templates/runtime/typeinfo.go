package runtime

import (
	"encoding/json"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"
)

// codecKind is how the codec treats a Go type. Working it out needs several
// Implements calls and a walk over struct fields and tags, so it is done
// once per type and cached.
type codecKind uint8

const (
	// codecFallback types are handed to encoding/json as they are.
	codecFallback codecKind = iota
	codecString
	codecBool
	codecInt
	codecUint
	codecFloat
	codecBytes
	codecRawJSON
	codecNumber
	codecTime
	codecUnixTime
	codecNullable
	codecObject
	codecUnion
	codecSlice
	codecMap
	codecPointer
	codecAny
)

// codecType is the cached description of one Go type. The codec reads and
// writes values through unsafe pointers and the offsets recorded here,
// which is several times quicker than reflect.Value for every field.
type codecType struct {
	kind codecKind
	typ  reflect.Type
	size uintptr
	// elem is the element of slices, maps and pointers, and the value
	// type of a Nullable; elemCT caches its *codecType (see cachedCodec).
	elem   reflect.Type
	elemCT unsafe.Pointer
	// bits is the size of a float.
	bits int
	// nullValueField and nullStateField are the indexes of a Nullable's
	// value and state fields, nullValueOff and nullStateOff their
	// offsets. Nullable has no method that could hand them out (each
	// method would be compiled once per instantiation), so the codec
	// reaches them directly.
	nullValueField, nullStateField int
	nullValueOff, nullStateOff     uintptr
	// anyMap marks map[string]any (and types defined as it), which the
	// decoder fills without reflect.
	anyMap bool
	// lastSize is the length of the last encoding of a model, or of the
	// last array decoded into a slice: the next one starts with a buffer
	// or backing array that size.
	lastSize atomic.Int64
	// isZeroer records an IsZero method, which defines omitzero the way
	// encoding/json does (except for pointers, see buildCodecType).
	isZeroer bool

	// meta is the index of the embedded objectMeta of an object or the
	// embedded unionMeta of a union, metaOff its offset. The metas have
	// no methods, so that models have no promoted ones (each costs a
	// compiled wrapper per model type); the codec finds them by this
	// index instead.
	meta    int
	metaOff uintptr

	// Objects (structs embedding objectMeta). lowerNames says every
	// field name is lower-case ASCII, so that a key with neither upper
	// case letters nor other bytes matches exactly or not at all.
	fields     []codecField
	exact      map[string]int
	folded     map[string]int
	lowerNames bool
	// follows[i] guesses the field whose key comes next in a payload
	// after field i-1's (follows[0]: the first key), as its index + 1,
	// 0 for no guess. Payloads of one type list their keys in the same
	// order, so a key is usually found by comparing it with one name
	// instead of hashing it for the map; a wrong guess is corrected.
	follows []atomic.Int32

	// Unions (structs embedding unionMeta).
	variants         []unionVariant
	hasDiscriminator bool
}

// codecField is one JSON member of an object type.
type codecField struct {
	index     int
	offset    uintptr
	name      string
	key       []byte // the quoted name and colon, ready to append
	typ       reflect.Type
	ct        unsafe.Pointer // codecOf(typ), see cachedCodec
	omitZero  bool
	omitEmpty bool
	constVal  string
}

// codec returns the codecType of the field's type.
func (f *codecField) codec() *codecType { return cachedCodec(&f.ct, f.typ) }

// sizeHint is the buffer size to encode a value of type c in.
func (c *codecType) sizeHint() int {
	return min(int(c.lastSize.Load())+64, 1<<20)
}

// elemCodec returns the codecType of c.elem.
func (c *codecType) elemCodec() *codecType { return cachedCodec(&c.elemCT, c.elem) }

// cachedCodec returns codecOf(t), kept in *cache after the first call so
// that the codec does not look it up in codecTypeCache for every value.
// It is filled on first use, not when the type is described, because a
// type may contain itself. (A plain unsafe.Pointer with atomic loads and
// stores rather than atomic.Pointer, whose generic methods would be
// compiled into every package.)
func cachedCodec(cache *unsafe.Pointer, t reflect.Type) *codecType {
	if c := atomic.LoadPointer(cache); c != nil {
		return (*codecType)(c)
	}
	c := codecOf(t)
	atomic.StorePointer(cache, unsafe.Pointer(c))
	return c
}

// required reports whether the schema requires the key: generated code
// marks optional keys with omitzero, so every other key is required.
func (f *codecField) required() bool { return !f.omitZero && !f.omitEmpty }

// unionVariant is one alternative of a union type.
type unionVariant struct {
	index      int
	offset     uintptr
	typ        reflect.Type // the pointed-to type
	discProp   string
	discValues []string
}

var codecTypeCache typeCache // reflect.Type → *codecType

// A typeCache maps types to what the runtime derived from them (codecs,
// parameter layouts). Reads, nearly every call, take no lock: the map is
// replaced rather than changed, and published through an atomic.Value.
// Each store copies it, which costs little because a program stores each
// type it uses once. It stands in for sync.Map, whose generic internals (a
// hash-trie map of atomic pointers, some 120 functions) would be compiled
// into every generated package: about a tenth of the runtime's compile
// time.
type typeCache struct {
	mu sync.Mutex
	m  atomic.Value // map[reflect.Type]any
}

func (c *typeCache) load(t reflect.Type) (any, bool) {
	m, _ := c.m.Load().(map[reflect.Type]any)
	v, ok := m[t]
	return v, ok
}

// store keeps v for t, unless t has a value already, and returns t's value.
func (c *typeCache) store(t reflect.Type, v any) any {
	c.mu.Lock()
	defer c.mu.Unlock()
	old, _ := c.m.Load().(map[reflect.Type]any)
	if kept, ok := old[t]; ok {
		return kept
	}
	m := make(map[reflect.Type]any, len(old)+1)
	for k, x := range old {
		m[k] = x
	}
	m[t] = v
	c.m.Store(m)
	return v
}

var (
	typeOfRawJSON       = reflect.TypeFor[json.RawMessage]()
	typeOfJSONNumber    = reflect.TypeFor[json.Number]()
	typeOfTime          = reflect.TypeFor[time.Time]()
	typeOfUnixTime      = reflect.TypeFor[UnixTime]()
	typeOfObjectMeta    = reflect.TypeFor[objectMeta]()
	typeOfUnionMeta     = reflect.TypeFor[unionMeta]()
	typeOfNullableState = reflect.TypeFor[nullableState]()
	typeOfMarshaler     = reflect.TypeFor[json.Marshaler]()
	typeOfUnmarshaler   = reflect.TypeFor[json.Unmarshaler]()
	typeOfZeroReporter  = reflect.TypeFor[interface{ IsZero() bool }]()
	typeOfFile          = reflect.TypeFor[File]()
	typeOfTextMarshaler = reflect.TypeFor[interface{ MarshalText() ([]byte, error) }]()
)

// codecOf returns the cached description of t. Types refer to each other
// (and to themselves) only through reflect.Type, looked up again on use, so
// building one never recurses and recursive models are fine.
func codecOf(t reflect.Type) *codecType {
	if c, ok := codecTypeCache.load(t); ok {
		return c.(*codecType)
	}
	return codecTypeCache.store(t, buildCodecType(t)).(*codecType)
}

func buildCodecType(t reflect.Type) *codecType {
	// A pointer's zero is nil, whatever its target says: an optional
	// *time.Time holding the zero time is sent, like any other value a
	// caller points at. (encoding/json would ask the target's IsZero.)
	c := &codecType{typ: t, size: t.Size(), isZeroer: t.Kind() != reflect.Pointer && t.Implements(typeOfZeroReporter)}
	pt := reflect.PointerTo(t)
	switch {
	case t == typeOfRawJSON:
		c.kind = codecRawJSON
	case t == typeOfJSONNumber:
		c.kind = codecNumber
	case t == typeOfTime:
		c.kind = codecTime
	case t == typeOfUnixTime:
		c.kind = codecUnixTime
	case t.Kind() == reflect.Pointer:
		// Before the Marshaler checks: *Model has Model's MarshalJSON in
		// its method set, but must be followed (and cycle-checked) here.
		c.kind, c.elem = codecPointer, t.Elem()
	case c.buildNullable():
		c.kind = codecNullable
	case c.findMeta(typeOfObjectMeta):
		c.kind = codecObject
		c.buildFields()
	case c.findMeta(typeOfUnionMeta):
		c.kind = codecUnion
		c.buildVariants()
	case t.Implements(typeOfMarshaler) || pt.Implements(typeOfMarshaler) || pt.Implements(typeOfUnmarshaler):
		// Types with their own JSON methods know best.
		c.kind = codecFallback
	default:
		c.kindFromReflect()
	}
	return c
}

// findMeta reports whether c.typ is a struct with an embedded field of
// type meta (objectMeta or unionMeta) and records its index. Only direct
// embedding counts, which is how generated models and unions hold their
// meta.
func (c *codecType) findMeta(meta reflect.Type) bool {
	t := c.typ
	if t.Kind() != reflect.Struct {
		return false
	}
	for i := 0; i < t.NumField(); i++ {
		if sf := t.Field(i); sf.Anonymous && sf.Type == meta {
			c.meta, c.metaOff = i, sf.Offset
			return true
		}
	}
	return false
}

// buildNullable reports whether c.typ is an instantiation of Nullable and
// if so records where its fields are. Nullable has no marker method, so
// it is recognised by name and by its state field, whose type no other
// package can use.
func (c *codecType) buildNullable() bool {
	t := c.typ
	if t.Kind() != reflect.Struct || t.PkgPath() != typeOfNullableState.PkgPath() ||
		!strings.HasPrefix(t.Name(), "Nullable[") {
		return false
	}
	value, okValue := t.FieldByName("value")
	state, okState := t.FieldByName("state")
	if !okValue || !okState || state.Type != typeOfNullableState {
		return false
	}
	c.elem = value.Type
	c.nullValueField, c.nullStateField = value.Index[0], state.Index[0]
	c.nullValueOff, c.nullStateOff = value.Offset, state.Offset
	return true
}

func (c *codecType) kindFromReflect() {
	t := c.typ
	switch t.Kind() {
	case reflect.String:
		c.kind = codecString
	case reflect.Bool:
		c.kind = codecBool
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		c.kind = codecInt
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		c.kind = codecUint
	case reflect.Float32:
		c.kind, c.bits = codecFloat, 32
	case reflect.Float64:
		c.kind, c.bits = codecFloat, 64
	case reflect.Slice:
		c.elem = t.Elem()
		c.kind = codecSlice
		pe := reflect.PointerTo(c.elem)
		if c.elem.Kind() == reflect.Uint8 && !c.elem.Implements(typeOfMarshaler) &&
			!pe.Implements(typeOfMarshaler) && !c.elem.Implements(typeOfTextMarshaler) {
			c.kind = codecBytes
		}
	case reflect.Map:
		if t.Key().Kind() == reflect.String {
			c.kind, c.elem = codecMap, t.Elem()
			c.anyMap = t.Key() == reflect.TypeFor[string]() && t.Elem() == reflect.TypeFor[any]()
		}
	case reflect.Pointer:
		c.kind, c.elem = codecPointer, t.Elem()
	case reflect.Interface:
		if t.NumMethod() == 0 {
			c.kind = codecAny
		}
	}
}

func (c *codecType) buildFields() {
	t := c.typ
	c.exact = map[string]int{}
	c.folded = map[string]int{}
	c.lowerNames = true
	// Filled in place: a codecField's cache is read atomically.
	c.fields = make([]codecField, 0, t.NumField())
	defer func() { c.follows = make([]atomic.Int32, len(c.fields)+1) }()
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue // includes the embedded objectMeta
		}
		tag := sf.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if name == "" {
			name = sf.Name
		}
		c.fields = append(c.fields, codecField{index: i, offset: sf.Offset, name: name, typ: sf.Type, constVal: sf.Tag.Get("const")})
		f := &c.fields[len(c.fields)-1]
		for _, b := range []byte(name) {
			if b >= 0x80 || 'A' <= b && b <= 'Z' {
				c.lowerNames = false
			}
		}
		for _, o := range strings.Split(opts, ",") {
			switch o {
			case "omitzero":
				f.omitZero = true
			case "omitempty":
				f.omitEmpty = true
			}
		}
		f.key = append(appendJSONString(nil, name), ':')
		if _, dup := c.exact[name]; !dup {
			c.exact[name] = len(c.fields) - 1
		}
		if lower := strings.ToLower(name); c.folded[lower] == 0 {
			c.folded[lower] = len(c.fields) // index + 1: 0 means "none"
		}
	}
}

func (c *codecType) buildVariants() {
	t := c.typ
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if !sf.IsExported() || sf.Anonymous || sf.Type.Kind() != reflect.Pointer {
			continue
		}
		v := unionVariant{index: i, offset: sf.Offset, typ: sf.Type.Elem()}
		if d := sf.Tag.Get("discriminator"); d != "" {
			if prop, vals, ok := strings.Cut(d, "="); ok && prop != "" {
				v.discProp, v.discValues = prop, strings.Split(vals, "|")
				c.hasDiscriminator = true
			}
		}
		c.variants = append(c.variants, v)
	}
}

// fieldByKey finds the field a received key belongs to: the exact name
// first, then a case-insensitive match as encoding/json allows.
func (c *codecType) fieldByKey(key string) (index int, exact bool) {
	if i, ok := c.exact[key]; ok {
		return i, true
	}
	if i := c.folded[strings.ToLower(key)]; i > 0 && strings.EqualFold(c.fields[i-1].name, key) {
		return i - 1, false
	}
	return -1, false
}

// addressableValue returns v itself when it can be addressed, otherwise an
// addressable copy: the metas and a Nullable's fields are reached through
// their addresses, and values found in maps or interfaces are not
// addressable.
func addressableValue(v reflect.Value) reflect.Value {
	if v.CanAddr() {
		return v
	}
	c := reflect.New(v.Type()).Elem()
	c.Set(v)
	return c
}

// objectMetaOf returns the meta of the object v, which must be addressable.
// The field is unexported, so reflect would not hand out a usable value of
// it; its address is taken instead (in one expression, as unsafe.Pointer's
// rules require).
func objectMetaOf(v reflect.Value, ct *codecType) *objectMeta {
	return (*objectMeta)(unsafe.Pointer(v.Field(ct.meta).UnsafeAddr()))
}

// unionMetaOf is objectMetaOf for unions.
func unionMetaOf(v reflect.Value, ct *codecType) *unionMeta {
	return (*unionMeta)(unsafe.Pointer(v.Field(ct.meta).UnsafeAddr()))
}

// nullableParts returns the value (usable like an exported field: it can
// be set, and encoded through interfaces) and the state of the Nullable v,
// which must be addressable.
func nullableParts(v reflect.Value, ct *codecType) (reflect.Value, *nullableState) {
	value := reflect.NewAt(ct.elem, unsafe.Pointer(v.Field(ct.nullValueField).UnsafeAddr())).Elem()
	state := (*nullableState)(unsafe.Pointer(v.Field(ct.nullStateField).UnsafeAddr()))
	return value, state
}

// nullableStateOf reads the state of the Nullable v, addressable or not,
// without copying it.
func nullableStateOf(v reflect.Value, ct *codecType) nullableState {
	return nullableState(v.Field(ct.nullStateField).Uint())
}

// valueIsZero is omitzero's notion of zero: absent for a Nullable, an
// IsZero method if the type has one (time.Time), otherwise the Go zero
// value (nil for pointers).
func valueIsZero(v reflect.Value, ct *codecType) bool {
	switch {
	case ct.kind == codecNullable:
		return nullableStateOf(v, ct) == stateAbsent
	case ct.isZeroer && v.CanInterface():
		if v.Kind() == reflect.Interface && v.IsNil() {
			return true
		}
		return v.Interface().(interface{ IsZero() bool }).IsZero()
	}
	return v.IsZero()
}

// valueIsEmpty is omitempty's notion of empty, honoured for hand-written
// types that use it.
func valueIsEmpty(v reflect.Value, ct *codecType) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool,
		reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64,
		reflect.Interface, reflect.Pointer:
		return v.IsZero()
	}
	if ct.kind == codecNullable {
		return valueIsZero(v, ct)
	}
	return false
}

// omits reports whether the field's tag options drop the current value.
func (f *codecField) omits(p unsafe.Pointer, ct *codecType) bool {
	return f.omitZero && isZero(p, ct) || f.omitEmpty && valueIsEmpty(reflect.NewAt(f.typ, p).Elem(), ct)
}
