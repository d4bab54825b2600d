package runtime

import (
	"reflect"
)

// nullableState distinguishes the three states JSON has for a nullable
// key: absent, null and a value. Its zero value is "absent" so that a zero
// Nullable means "not sent".
type nullableState uint8

const (
	stateAbsent nullableState = iota
	stateNull
	stateValue
)

// Nullable is the type of fields the API description marks nullable: the
// key can be left out, sent as null, or sent with a value. The zero
// Nullable is absent, which (with the omitzero tag) leaves the key out of
// the JSON; Null sends an explicit null, which for many update endpoints
// means "clear this field".
//
// Optional fields that are not nullable are pointers instead (nil means
// absent; see Ptr), and required ones are plain values.
//
// Build one with Some or Null; read it with Get or Value. The zero
// Nullable is absent; a Nullable that is not absent is never the zero
// value, which is what the omitzero tag option tests.
type Nullable[T any] struct {
	// The codec reads and writes these fields by reflection (see
	// nullableParts) rather than through methods, because every method of
	// a generic type is compiled once per instantiation. Keep the names:
	// the codec looks them up.
	//
	// For the same reason the accessors have pointer receivers (a value
	// receiver adds a compiled pointer wrapper per instantiation) and there
	// is no IsZero method: omitzero needs none, since absent is the zero
	// value. In a package with a hundred nullable types that was a sixth
	// of its compile time and memory.
	value T
	state nullableState
}

// Some returns a Nullable holding v.
func Some[T any](v T) Nullable[T] { return Nullable[T]{value: v, state: stateValue} }

// Null returns a Nullable that is present and null.
func Null[T any]() Nullable[T] { return Nullable[T]{state: stateNull} }

// Get returns the value and true if n holds one; otherwise (absent or
// null) the zero value and false.
func (n *Nullable[T]) Get() (T, bool) { return n.value, n.state == stateValue }

// Value returns the value, or the zero value if n is absent or null.
func (n *Nullable[T]) Value() T { return n.value }

// IsSet reports whether n is present: it holds a value or is null.
func (n *Nullable[T]) IsSet() bool { return n.state != stateAbsent }

// IsNull reports whether n is present and null.
func (n *Nullable[T]) IsNull() bool { return n.state == stateNull }

// MarshalJSON encodes the value, or null if n is null. (An absent Nullable
// is also written as null when something marshals it anyway; struct
// fields tagged omitzero are left out instead.)
func (n Nullable[T]) MarshalJSON() ([]byte, error) {
	if n.state != stateValue {
		return []byte("null"), nil
	}
	return appendValue(nil, reflect.ValueOf(&n.value).Elem(), 0)
}

// UnmarshalJSON makes n null for JSON null and otherwise decodes the value
// as leniently as the models do (a number where a string is expected
// becomes its text, and so on). It fails only when the JSON cannot be read
// as T at all, for instance an object where a number is expected.
func (n *Nullable[T]) UnmarshalJSON(data []byte) error {
	_, err := decodeStandalone(data, reflect.ValueOf(n).Elem())
	return err
}
